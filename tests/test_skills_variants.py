"""Surface variants generated, not listed (plural and singular, -er/-ing, -ed adjectives, a word
shared by two names), and broad areas claimed as the object of a work verb."""
from __future__ import annotations

import pytest

from resume_match.skills import SkillMatcher
from resume_match.skills.matcher import variants
from resume_match.skills.taxonomy import parse_taxonomy


def found(matcher: SkillMatcher, line: str, kind: str = "experience") -> list[str]:
    return [h.id for h in matcher.find_in_text([line], kind=kind)]


@pytest.mark.parametrize("form, made, not_made", [
    ("Product strategy", "Product strategies", "Product strategys"),
    ("Decision trees", "Decision tree", None),
    ("Business process", "Business processes", "Business proces"),
    ("Web scraping", "Web scraper", "Web scrapings"),
    ("Load balancing", "Load balanced", None),
    ("multi-threading", "multi-threaded", None),
    ("Data analysis", None, "Data analysi"),
    ("Data engineering", None, "Data engineer"),       # a job title, not the skill
    ("Database modeling", "Database models", None),    # the thing modelling makes
    ("data modelling", "data model", None),
    ("pandas", None, "panda"),                         # one plain word keeps its shape
    ("Pages", None, "Page"),                           # so does a name
])
def test_inflections(form, made, not_made):
    out = variants(form)
    assert made is None or made in out
    assert not_made is None or not_made not in out


@pytest.mark.parametrize("line, expected", [
    ("Wrote web scrapers and load balancers in Go", ["web-scraping", "load-balancing", "go"]),
    ("Developing product strategies for two apps", ["product-strategy"]),
    ("Trained decision tree and random forest models", ["decision-trees", "random-forests"]),
])
def test_inflected_names_in_prose(matcher, line, expected):
    assert found(matcher, line) == expected


def test_a_word_shared_by_two_names_names_both(matcher):
    assert found(matcher, "Experience with supervised and unsupervised learning") == \
        ["supervised-learning", "unsupervised-learning"]
    assert found(matcher, "supervised, unsupervised and reinforcement learning", "skills") == \
        ["supervised-learning", "unsupervised-learning", "reinforcement-learning"]
    hit = matcher.find_in_text(["Supervised and unsupervised learning"], kind="skills")[0]
    assert hit.matched == ("Supervised and unsupervised learning",)
    # a comma alone joins list items, not words of one name
    assert "logistics" not in found(matcher, "power distribution, Project Management", "skills")


@pytest.mark.parametrize("line, expected", [
    ("Participated in code reviews for the platform team", ["code-review"]),
    ("Over 10 years of experience in software development", ["software-engineering"]),
    ("Involved in backend development and search tuning", ["backend-development"]),
    # present tense and 'oversaw': duties written as a job description, not a past bullet
    ("During execution maintain quality control as per drawing", ["quality-control"]),
    ("Team which oversaw the daily batch processing", ["batch-processing"]),
    # what a site engineer prepares is the work: estimates, tenders, progress reports
    ("Prepared weekly progress reports for the client", ["progress-reporting"]),
    ("Preparing tender specifications and contracts", ["tendering"]),
])
def test_broad_areas_as_objects_of_a_work_verb(matcher, line, expected):
    assert found(matcher, line) == expected


@pytest.mark.parametrize("line", [
    "Improved user experience for 3M travellers",           # a verb of outcome
    "Built text analytics models for customer service insights",   # another phrase's object
    "Designed the internal crowdsourcing platform",           # a modifier of 'platform'
    "I built the whole app from scratch",
    "Led the team.",
    "Code review checklists were written by the QA lead",     # no verb before it
])
def test_broad_areas_not_claimed_by_prose_around_them(matcher, line):
    assert not set(found(matcher, line)) & {"ux-design", "customer-service", "crowdsourcing",
                                            "scratch", "code-review"}


def test_a_work_verb_does_not_reach_into_the_next_line(matcher):
    hits = matcher.find_in_text(["Managed the release of version 2 and", "code reviews"])
    assert "code-review" not in [h.id for h in hits]


@pytest.mark.parametrize("line, absent", [
    ("Worked with data modelers and testers on the warehouse", "database-design"),
    ("Lifelong learner", "online-learning"),
])
def test_a_person_noun_is_not_the_skill(matcher, line, absent):
    assert absent not in found(matcher, line)


def test_a_person_noun_names_a_soft_skill(matcher):
    assert "public-speaking" in found(matcher, "Strong public speaker, fluent in Spanish", "skills")


@pytest.mark.parametrize("lines, absent, kept", [
    (["Workshop proposal on graph neural networks and PyTorch (rejected)"],
     {"graph-neural-networks", "pytorch"}, set()),
    (["Applied for a Kaggle grant with a TensorFlow prototype: not selected. Built Docker images."],
     {"tensorflow"}, {"docker"}),
    (["Organised a reading group; talks covered GANs, reinforcement learning and Spark"],
     {"gans", "reinforcement-learning", "apache-spark"}, set()),
    (["No experience with Kubernetes yet"], {"kubernetes"}, set()),
])
def test_negative_contexts_credit_nothing(matcher, lines, absent, kept):
    ids = set(h.id for h in matcher.find_in_text(lines, kind="experience"))
    assert not ids & absent
    assert kept <= ids


def test_a_negative_cue_does_not_reach_other_lines(matcher):
    ids = [h.id for h in matcher.find_in_text(["Built PyTorch models for ranking",
                                               "Paper submitted to ICML (rejected)"])]
    assert "pytorch" in ids


def test_a_written_name_beats_a_variant_made_from_another_skill():
    tax = parse_taxonomy({"skills": {"ml-method": [
        {"id": "widget-family", "name": "Widget family", "aliases": ["Widget filters"]},
        {"id": "widget-filter", "name": "Widget filter"},
    ]}}, "mine.yaml")
    m = SkillMatcher(tax)
    assert [h.id for h in m.find_in_text(["Smoothed the signal with a widget filter"],
                                         kind="experience")] == ["widget-filter"]
    assert [h.id for h in m.find_in_text(["Tuned widget filters"], kind="experience")] == \
        ["widget-family"]


@pytest.mark.parametrize("line", ["Noise suppression using Kalman filter",
                                  "Localisation with an EKF and a UKF"])
def test_a_specific_filter_is_reported_as_itself(matcher, line):
    assert found(matcher, line) == ["kalman-filter"]


def test_a_short_name_before_based_is_the_technique_used(matcher):
    assert "evolutionary-computation" in found(matcher, "PSO based routing for sensor networks")
    assert "go" not in found(matcher, "Plans go based on the quarterly numbers")


def test_common_course_and_practice_names_are_known(matcher):
    assert "dbms" in found(matcher, "Coursework: DBMS, Operating Systems", "education")
    assert "documentation" in found(matcher, "Wrote documentation for the billing service")
    assert "documentation" not in found(matcher, "Read the documentation of the vendor")


@pytest.mark.parametrize("line, expected", [
    # areas named together after a cue are claimed, the first item (beside the cue) too
    ("Handled duties on site, including site inspections, cost control and quality control",
     ["cost-control", "quality-control", "site-inspection"]),
    ("Spearheaded functions like supervision, quality control, mobilization of manpower "
     "and cost control", ["cost-control", "quality-control"]),
])
def test_broad_areas_listed_together_in_a_bullet(matcher, line, expected):
    assert sorted(found(matcher, line)) == expected


@pytest.mark.parametrize("line", [
    "Supported the office including cost control",         # one area alone after the cue
    "Supported audits including cost control reviews and quality control reviews",  # modifiers
])
def test_a_broad_area_alone_or_modifying_in_a_bullet_list_is_not_claimed(matcher, line):
    assert not set(found(matcher, line)) & {"cost-control", "quality-control"}


@pytest.mark.parametrize("line, kind, expected", [
    ("Automated complex tasks by writing advanced scripts", "experience", ["automation"]),
    ("Process automation, Python, SQL", "skills", ["automation", "python", "sql"]),
])
def test_automation_is_a_broad_area(matcher, line, kind, expected):
    assert sorted(found(matcher, line, kind)) == expected


def test_automation_is_not_claimed_in_passing(matcher):
    assert "automation" not in found(matcher, "Supported the home automation team at Acme")


def test_agile_is_claimed_with_a_method_noun_and_not_as_an_adjective(matcher):
    # 'Agile' alone is ambiguous ('an agile learner'); with a method noun it is the methodology
    assert "agile" in found(matcher, "Implemented Agile project management methodologies for the team")
    assert "agile" in found(matcher, "Migrated releases from a waterfall process to Agile processes")
    assert "agile" not in found(matcher, "An agile learner who adapts quickly to new tools")
