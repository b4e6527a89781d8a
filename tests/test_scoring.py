"""Scoring: each component, related/implied credit, listed vs shown, stuffing, evidence, ties."""
from __future__ import annotations

import dataclasses

import pytest

from resume_match.render.terminal import render_fit_terminal, render_fits_terminal
from resume_match.models import (Candidate, Contact, Education, EducationEntry, Evidence,
                                 Experience, Line, Position, Report, RoleFit, Section, SkillHit)
from resume_match.match.roles import list_roles, load_role, role_from_dict, role_to_dict
from resume_match.match.scoring import (CHAIN_STEP, FULL_RELEVANCE_AT, IMPLIED_CREDIT,
                                        LISTED_CREDIT, SkillGraph, best_fit, graph_from_entries,
                                        score_role)

GRAPH = graph_from_entries([
    {"id": "python", "name": "Python"}, {"id": "sql", "name": "SQL"},
    {"id": "pytorch", "name": "PyTorch", "implies": ["deep-learning"]},
    {"id": "deep-learning", "name": "Deep Learning", "implies": ["machine-learning"]},
    {"id": "machine-learning", "name": "Machine Learning"},
    {"id": "keras", "name": "Keras", "related": ["tensorflow"]},
    {"id": "tensorflow", "name": "TensorFlow"}, {"id": "aws", "name": "AWS"},
    {"id": "gcp", "name": "Google Cloud"}, {"id": "docker", "name": "Docker"},
    {"id": "statistics", "name": "Statistics"},
])

ROLE = role_from_dict({
    "id": "test-role", "title": "Test Role", "stage": "mid", "summary": "A role for tests.",
    "experience_years": [2, 6],
    "education": {"level": "master", "fields": ["computer science", "statistics"]},
    "required": [{"skill": "python", "weight": 3}, {"skill": "sql", "weight": 2},
                 {"skill": "machine-learning", "weight": 3},
                 {"any_of": ["aws", "gcp"], "label": "a cloud platform", "weight": 2}],
    "preferred": [{"skill": "tensorflow", "weight": 2}, {"skill": "docker", "weight": 1},
                  {"skill": "statistics", "weight": 1}],
    "certifications": ["TensorFlow Developer Certificate", "IBM Machine Learning Professional Certificate"],
    "learning": {"sql": "Learn SQL for querying databases.", "default": "Take a course."},
})


def hit(skill: str, shown: bool = True, text: str | None = None) -> SkillHit:
    section = "experience" if shown else "skills"
    line = text or (f"Built a service in {skill} that cut costs by 20%" if shown else skill)
    return SkillHit(id=skill, name=GRAPH.name(skill), category="x",
                    evidence=(Evidence(section=section, page=1, text=line),), demonstrated=shown)


def cv(skills: list[SkillHit] | tuple[SkillHit, ...] = (), years: float | None = 4.0,
       degree: str = "master", field: str | None = "Computer Science",
       certs: tuple[str, ...] = ()) -> Candidate:
    entries = (EducationEntry(degree="M.S.", level=degree, field=field, institution="U", year=2018),
               ) if degree != "none" else ()
    return Candidate(source="cv.txt", readable=True, unreadable_reason=None, name="A. Person",
                     contact=Contact(), sections=(), skills=tuple(skills),
                     experience=Experience(years=years), education=Education(degree, entries),
                     certifications=certs)


def points(fit: RoleFit, name: str) -> float:
    return next(c.points for c in fit.components if c.name == name)


def detail(fit: RoleFit, name: str) -> str:
    return next(c.detail for c in fit.components if c.name == name)


ALL = ["python", "sql", "machine-learning", "aws", "tensorflow", "docker", "statistics"]


# ---------------------------------------------------------------- totals and evidence

def test_perfect_cv_scores_100_and_score_is_sum_of_components() -> None:
    fit = score_role(cv([hit(s) for s in ALL], certs=("TensorFlow Developer Certificate",
                                                     "IBM Machine Learning Professional Certificate")),
                     ROLE, GRAPH)
    assert fit.score == 100
    assert fit.score == round(sum(c.points for c in fit.components))
    assert [c.name for c in fit.components] == ["required_skills", "preferred_skills",
                                                "demonstrated", "experience", "education",
                                                "certifications"]
    assert not fit.missing


def test_empty_cv_scores_near_zero_with_every_skill_missing() -> None:
    fit = score_role(cv([], years=None, degree="none", field=None), ROLE, GRAPH)
    assert fit.score == 0
    assert {m.id for m in fit.missing} == {"python", "sql", "machine-learning", "aws",
                                          "tensorflow", "docker", "statistics"}


def test_every_matched_skill_carries_its_cv_evidence() -> None:
    line = "Trained churn models in Python on 2M rows"
    fit = score_role(cv([hit("python", text=line), hit("sql")]), ROLE, GRAPH)
    python = next(m for m in fit.matched if m.id == "python")
    assert python.evidence[0].text == line and python.evidence[0].section == "experience"
    assert python.required and python.weight == 3 and python.credit == 1.0 and python.via is None
    assert "2 of 4 required skills found: Python, SQL" in detail(fit, "required_skills")


# ---------------------------------------------------------------- required / preferred

def test_required_points_are_weighted_share() -> None:
    fit = score_role(cv([hit("python"), hit("machine-learning")]), ROLE, GRAPH)
    assert points(fit, "required_skills") == pytest.approx(45 * 6 / 10)
    assert "missing: SQL, a cloud platform" in detail(fit, "required_skills")


def test_any_of_group_is_met_by_one_member() -> None:
    fit = score_role(cv([hit("gcp")]), ROLE, GRAPH)
    cloud = next(m for m in fit.matched if m.id == "gcp")
    assert cloud.credit == 1.0
    assert points(fit, "required_skills") == pytest.approx(45 * 2 / 10)


def test_preferred_points_are_separate() -> None:
    fit = score_role(cv([hit("docker"), hit("statistics")]), ROLE, GRAPH)
    assert points(fit, "required_skills") == 0
    assert points(fit, "preferred_skills") == pytest.approx(15 * 2 / 4)
    assert all(not m.required for m in fit.matched)


def test_role_without_preferred_skills_moves_those_points_to_required() -> None:
    role = role_from_dict({**role_to_dict(ROLE), "preferred": [], "learning": {}})
    fit = score_role(cv([hit(s) for s in ("python", "sql", "machine-learning", "aws")],
                        certs=("TensorFlow Developer Certificate",
                               "IBM Machine Learning Professional Certificate")), role, GRAPH)
    assert next(c.max_points for c in fit.components if c.name == "required_skills") == 60
    assert points(fit, "preferred_skills") == 0 and fit.score == 100


# ---------------------------------------------------------------- related and implied credit

def test_implied_skill_gives_partial_credit_through_a_chain() -> None:
    """PyTorch -> deep learning -> ML: close (not found), less sure for each further step,
    with the chain as its reason."""
    fit = score_role(cv([hit("pytorch")]), ROLE, GRAPH)
    ml = next(m for m in fit.matched if m.id == "machine-learning")
    assert ml.via == "pytorch" and ml.credit == pytest.approx(IMPLIED_CREDIT * CHAIN_STEP)
    assert ml.close == "PyTorch implies it (through Deep Learning)"
    text = detail(fit, "required_skills")
    assert text.startswith("0 of 4 required skills found; close, partial credit: Machine "
                           "Learning (PyTorch implies it (through Deep Learning), 72%)")


def test_credit_through_a_link_never_counts_a_required_skill_as_found() -> None:
    """A related tool (scikit-learn for XGBoost) or a skill that implies another is 'close':
    it earns part of the points, and the reader is told why, but it is not found."""
    graph = graph_from_entries([{"id": "xgboost", "name": "XGBoost", "related": ["scikit-learn"]},
                                {"id": "scikit-learn", "name": "scikit-learn"},
                                {"id": "regression-analysis", "name": "Regression analysis",
                                 "implies": ["regression"]},
                                {"id": "regression", "name": "Regression",
                                 "implies": ["supervised-learning"]},
                                {"id": "supervised-learning", "name": "Supervised learning",
                                 "implies": ["machine-learning"]},
                                {"id": "machine-learning", "name": "Machine Learning"}])
    role = role_from_dict({**role_to_dict(ROLE), "required": [
        {"skill": "xgboost", "weight": 1}, {"skill": "machine-learning", "weight": 1}],
        "preferred": [], "learning": {}})
    tutor = cv([hit("scikit-learn", shown=False),
                hit("regression-analysis", text="Taught regression analysis to 40 students")])
    fit = score_role(tutor, role, graph)
    close = {m.id: m for m in fit.matched}
    assert close["xgboost"].close == "scikit-learn is related"
    assert close["xgboost"].credit == pytest.approx(0.5 * LISTED_CREDIT)
    assert close["machine-learning"].close == ("Regression analysis implies it (through "
                                               "Regression, Supervised learning)")
    assert close["machine-learning"].credit < IMPLIED_CREDIT          # not 80% three steps away
    assert detail(fit, "required_skills").startswith("0 of 2 required skills found; close")
    req = next(c for c in fit.components if c.name == "required_skills")
    assert 0 < req.points < 0.6 * req.max_points
    text = render_fit_terminal(fit)
    assert "Matched skills" not in text
    assert "Close, through a linked skill; partial credit (2):" in text
    assert "XGBoost (required, listed only, scikit-learn is related, 38% credit)" in text


def test_related_skill_gives_half_credit() -> None:
    fit = score_role(cv([hit("keras")]), ROLE, GRAPH)
    tf = next(m for m in fit.matched if m.id == "tensorflow")
    assert tf.via == "keras" and tf.credit == pytest.approx(0.5)
    assert points(fit, "preferred_skills") == pytest.approx(15 * 0.5 * 2 / 4)


def test_the_skill_itself_beats_a_related_one() -> None:
    fit = score_role(cv([hit("keras"), hit("tensorflow")]), ROLE, GRAPH)
    tf = next(m for m in fit.matched if m.id == "tensorflow")
    assert tf.via is None and tf.credit == 1.0


def test_no_related_credit_between_programming_languages() -> None:
    graph = graph_from_entries([{"id": "python", "name": "Python", "category": "language",
                                 "related": ["r"]}, {"id": "r", "name": "R", "category": "language"}])
    role = role_from_dict({**role_to_dict(ROLE), "preferred": [{"skill": "r", "weight": 1}],
                           "learning": {}})
    fit = score_role(cv([hit("python")]), role, graph)
    assert [m.id for m in fit.matched] == ["python"] and fit.missing[-1].id == "r"


def test_listed_skill_shown_through_a_tool_used_in_work() -> None:
    """ML only in the skills list, PyTorch in a bullet: ML counts as shown, with that line."""
    line = "Trained PyTorch models for fraud detection"
    fit = score_role(cv([hit("machine-learning", shown=False), hit("pytorch", text=line)]),
                     ROLE, GRAPH)
    ml = next(m for m in fit.matched if m.id == "machine-learning")
    assert ml.via is None and ml.demonstrated and ml.credit == pytest.approx(IMPLIED_CREDIT)
    assert not ml.close                                # named on the CV: found
    assert [e.text for e in ml.evidence] == ["machine-learning", line]


def test_without_links_there_is_no_partial_credit() -> None:
    fit = score_role(cv([hit("keras"), hit("pytorch")]), ROLE, SkillGraph())
    assert not fit.matched


# ---------------------------------------------------------------- demonstrated vs listed

def test_listed_only_skills_earn_less_and_no_demonstrated_points() -> None:
    shown = score_role(cv([hit(s) for s in ALL]), ROLE, GRAPH)
    listed = score_role(cv([hit(s, shown=False) for s in ALL]), ROLE, GRAPH)
    assert points(listed, "required_skills") == pytest.approx(45 * LISTED_CREDIT)
    assert points(listed, "demonstrated") == 0
    assert points(shown, "demonstrated") == 15
    assert "only listed: Python" in detail(listed, "demonstrated")
    assert "7 only listed" not in detail(listed, "required_skills")
    assert "4 only listed" in detail(listed, "required_skills")


def test_demonstrated_hit_preferred_over_listed_duplicate() -> None:
    fit = score_role(cv([hit("python", shown=False), hit("python")]), ROLE, GRAPH)
    assert next(m for m in fit.matched if m.id == "python").demonstrated


def test_keyword_stuffing_does_not_beat_shown_work() -> None:
    """A long skills list with nothing used loses to a CV that uses the same skills in its work."""
    same = ["python", "sql", "machine-learning", "aws", "docker", "statistics", "tensorflow"]
    assert (score_role(cv([hit(s) for s in same]), ROLE, GRAPH).score
            > score_role(cv([hit(s, shown=False) for s in same]), ROLE, GRAPH).score)


@pytest.mark.parametrize("role", list_roles(), ids=lambda r: r.id)
def test_stuffed_superset_loses_to_shown_required_skills(role) -> None:
    """Listing every skill of the role (and 40 more) loses to using just the required ones."""
    every = {s for req in role.required + role.preferred for s in req.any_of}
    stuffed = [hit(s, shown=False) for s in sorted(every)]
    stuffed += [hit(f"buzzword-{i}", shown=False) for i in range(40)]
    worker = [hit(req.any_of[0]) for req in role.required]
    assert (score_role(cv(worker), role, GRAPH).score
            > score_role(cv(stuffed), role, GRAPH).score)


# ---------------------------------------------------------------- experience

@pytest.mark.parametrize("years,expected,words", [
    (4.0, 12.0, "within the 2-6 years"),
    (1.0, 6.0, "below the 2-6 years"),
    (0.0, 0.0, "below"),
    (9.0, 12.0 * 0.55, "above the 2-6 years"),
    (30.0, 12.0 * 0.2, "above"),
    (None, 6.0, "Work years not found"),
])
def test_experience_against_the_role_range(years: float | None, expected: float, words: str) -> None:
    fit = score_role(cv([hit(s) for s in ALL], years=years), ROLE, GRAPH)
    assert points(fit, "experience") == pytest.approx(expected, abs=0.01)
    assert words in detail(fit, "experience")


def test_open_ended_range_has_no_overqualification() -> None:
    senior = load_role("senior-ml-engineer")
    assert senior.experience_years[1] is None
    fit = score_role(cv([hit(s) for s in ALL], years=25), senior, GRAPH)
    assert "within the 6+ years" in detail(fit, "experience")


def test_experience_detail_names_where_the_years_come_from() -> None:
    """Dated positions: the date 'Present' counted to; years read from prose: the prose, never
    '(from 2 dated positions)' for a number the dates did not give."""
    pos = (Position(title="Data Scientist", organization="Acme", start="2021-01", end=None, current=True),
           Position(title="Analyst", organization="Beta", start="2018-06", end="2020-12"))
    dated = Experience(years=8.5, positions=pos, as_of="2026-11", basis="the file's own date (2026-11)")
    stated = Experience(years=6.0, positions=pos, as_of="2023-01",
                        basis="stated in the CV ('six years of experience'); the dated positions "
                              "give 4.6 years to 2023-01, the latest date the CV prints (2023-01)")
    for exp, want in ((dated, "(from 2 dated positions, counted to the file's own date (2026-11))"),
                      (stated, "(stated in the CV ('six years of experience'); the dated")):
        fit = score_role(dataclasses.replace(cv([hit(s) for s in ALL]), experience=exp), ROLE, GRAPH)
        assert want in detail(fit, "experience")
        assert exp is dated or "dated positions" not in detail(fit, "experience").split(";")[0]


# ---------------------------------------------------------------- education

@pytest.mark.parametrize("degree,field,expected,words", [
    ("phd", "Statistics", 8.0, "meets the expected master; field 'statistics' fits"),
    ("master", "Computer Science", 8.0, "meets"),
    ("master", "History", 8.0 * 0.7, "field (History) is not one expected"),
    ("master", None, 8.0 * 0.85, "field of study not found"),
    ("bachelor", "Computer Science", 8.0 * 0.65, "is below the expected master"),
    ("none", None, 0.0, "No degree found"),
])
def test_education_level_and_field(degree: str, field: str | None, expected: float,
                                   words: str) -> None:
    fit = score_role(cv([hit(s) for s in ALL], degree=degree, field=field), ROLE, GRAPH)
    assert points(fit, "education") == pytest.approx(expected, abs=0.01)
    assert words in detail(fit, "education")


# ---------------------------------------------------------------- certifications

def test_valued_certifications_match_loosely() -> None:
    one = score_role(cv([hit(s) for s in ALL], certs=("Google TensorFlow Developer Certificate",)),
                     ROLE, GRAPH)
    assert points(one, "certifications") == pytest.approx(5 * 0.7)
    assert "Valued by this role: TensorFlow Developer Certificate" in detail(one, "certifications")


@pytest.mark.parametrize("held,valued", [
    ("Azure AI Engineer Associate", "Microsoft Certified: Azure AI Engineer Associate"),
    ("TensorFlow Developer Certification", "TensorFlow Developer Certificate"),
    ("fast.ai Practical Deep Learning for Coders", "fast.ai Practical Deep Learning"),
    ("Microsoft Certified: Azure Fundamentals", None),
    ("AWS Certified Cloud Practitioner", None),
])
def test_roadmap_certificates_match_by_name_not_by_cousin(held: str, valued: str | None) -> None:
    fit = score_role(cv([hit(s) for s in ALL], certs=(held,)), load_role("ml-engineer"), GRAPH)
    text = detail(fit, "certifications")
    assert (f"Valued by this role: {valued}" in text) if valued else text.startswith("1 other")


def test_other_certifications_earn_a_little() -> None:
    fit = score_role(cv([hit(s) for s in ALL], certs=("Certified Scrum Master",)), ROLE, GRAPH)
    assert points(fit, "certifications") == pytest.approx(5 * 0.25)
    assert "Certified Scrum Master" in detail(fit, "certifications")
    none = score_role(cv([hit(s) for s in ALL]), ROLE, GRAPH)
    assert points(none, "certifications") == 0 and "No certifications" in detail(none, "certifications")


# ---------------------------------------------------------------- research

def test_research_component_only_where_the_role_weights_it() -> None:
    assert "research" not in [c.name for c in score_role(cv([]), ROLE, GRAPH).components]
    research_role = role_from_dict({**role_to_dict(ROLE), "weights": {"research": 10}})
    pubs = Section(kind="publications", heading="Publications", page=2,
                   lines=(Line("Doe J. Sparse attention. NeurIPS 2023.", page=2),))
    post = Position(title="Graduate Research Assistant", organization="CMU", start="2018",
                    end="2022")
    base = cv([hit(s) for s in ALL])
    with_both = Candidate(**{**base.__dict__, "sections": (pubs,),
                             "experience": Experience(years=4.0, positions=(post,))})
    with_post = Candidate(**{**base.__dict__, "experience": Experience(years=4.0, positions=(
        post, Position(title="Data Scientist", organization="X", start="2022", end="2024")))})
    full = score_role(with_both, research_role, GRAPH)
    assert points(full, "research") == pytest.approx(research_role.weights["research"], abs=0.01)
    assert "publications section on p2 (1 lines)" in detail(full, "research")
    assert "Graduate Research Assistant" in detail(full, "research")
    half = score_role(with_post, research_role, GRAPH)
    assert points(half, "research") == pytest.approx(research_role.weights["research"] / 2, abs=0.01)
    assert "Data Scientist" not in detail(half, "research")
    none = score_role(base, research_role, GRAPH)
    assert points(none, "research") == 0 and "No publications" in detail(none, "research")


# ---------------------------------------------------------------- leadership from titles

def test_senior_titles_are_evidence_of_leadership() -> None:
    role = load_role("senior-ml-engineer")
    lead = Position(title="Lead Machine Learning Engineer", organization="Orbit", start="2019",
                    end="2024", page=1, text="Lead Machine Learning Engineer, Orbit  2019 - 2024")
    base = cv([hit(s) for s in ALL])
    led = Candidate(**{**base.__dict__, "experience": Experience(years=10.0, positions=(lead,))})
    match = next(m for m in score_role(led, role, GRAPH).matched if m.id == "leadership")
    assert match.demonstrated and match.evidence[0].text.startswith("Lead Machine Learning")
    plain = Position(title="Machine Learning Engineer", organization="Orbit", start="2019",
                     end="2024")
    not_led = Candidate(**{**base.__dict__, "experience": Experience(10.0, (plain,))})
    assert "leadership" in [m.id for m in score_role(not_led, role, GRAPH).missing]


@pytest.mark.parametrize("said, skill", [
    ("Leading a team of AI engineers building retrieval systems.", "leadership"),
    ("Led a team of 5 data scientists through two product launches.", "leadership"),
    ("Managed a squad of four developers and a designer.", "leadership"),
    ("Mentored two junior analysts, both promoted within a year.", "mentoring"),
    ("Coached new hires on code review and testing.", "mentoring"),
])
def test_soft_requirements_are_matched_from_what_the_cv_says(said: str, skill: str) -> None:
    """The matcher counts soft skills only where they are listed; a role's leadership and
    mentoring requirement is met by a line telling that the person did it."""
    role = load_role("senior-ml-engineer")
    line = Line(text=said, page=1)
    base = cv([hit(s) for s in ALL])
    told = Candidate(**{**base.__dict__, "sections": (
        Section(kind="experience", heading="Experience", page=1, lines=(line,)),)})
    fit = score_role(told, role, GRAPH)
    match = next(m for m in fit.matched if m.id == skill)
    assert not match.close and match.demonstrated and match.evidence[0].text == said
    assert "technical leadership and mentoring" not in [m.name for m in fit.missing]


@pytest.mark.parametrize("said", [
    "Led the migration of the data warehouse to BigQuery.",       # led work, not people
    "Trained gradient boosting models on 2M rows.",               # trained models
    "Skills: team player, leadership",                             # a list, in the skills section
])
def test_soft_evidence_needs_people_in_the_work_sections(said: str) -> None:
    role = load_role("senior-ml-engineer")
    kind = "skills" if said.startswith("Skills") else "experience"
    base = cv([hit(s) for s in ALL])
    told = Candidate(**{**base.__dict__, "sections": (
        Section(kind=kind, heading=kind.title(), page=1, lines=(Line(text=said, page=1),)),)})
    assert "technical leadership and mentoring" in [m.name for m in score_role(told, role, GRAPH).missing]


def test_soft_evidence_is_each_candidates_own_and_its_first_two_lines() -> None:
    """Worked out once per candidate (not per role): a second candidate scored after the first
    gets its own lines, and of many telling lines the first two are the evidence."""
    role = load_role("senior-ml-engineer")
    base = cv([hit(s) for s in ALL])

    def told(*said: str) -> Candidate:
        lines = tuple(Line(text=t, page=1) for t in said)
        return Candidate(**{**base.__dict__, "sections": (
            Section(kind="experience", heading="Experience", page=1, lines=lines),)})

    many = told(*(f"Led a team of {n} engineers." for n in range(3, 9)))
    evidence = next(m for m in score_role(many, role, GRAPH).matched if m.id == "leadership").evidence
    assert [e.text for e in evidence] == ["Led a team of 3 engineers.", "Led a team of 4 engineers."]
    assert "leadership" not in [m.id for m in score_role(told("Trained models."), role, GRAPH).matched
                                if m.demonstrated]


# ---------------------------------------------------------------- background gated by relevance

def test_background_counts_only_with_relevant_skills() -> None:
    """Years and a degree in another field do not make a fit on their own."""
    unrelated = score_role(cv([], years=4, certs=("TensorFlow Developer Certificate",)), ROLE, GRAPH)
    assert points(unrelated, "experience") == 0 and points(unrelated, "education") == 0
    assert unrelated.score == 0
    some = score_role(cv([hit("python")]), ROLE, GRAPH)   # 30% of required weight
    relevance = 0.3 / FULL_RELEVANCE_AT
    assert points(some, "experience") == pytest.approx(12 * relevance, abs=0.01)
    assert f"x{relevance:.2f} for skill relevance" in detail(some, "experience")


# ---------------------------------------------------------------- missing skills and advice

def test_missing_ranked_required_first_then_weight_with_advice() -> None:
    fit = score_role(cv([hit("python")]), ROLE, GRAPH)
    assert [m.id for m in fit.missing] == ["machine-learning", "sql", "aws", "tensorflow",
                                           "docker", "statistics"]
    sql = next(m for m in fit.missing if m.id == "sql")
    assert sql.advice == "Learn SQL for querying databases." and sql.required and sql.weight == 2
    cloud = next(m for m in fit.missing if m.id == "aws")
    assert cloud.name == "a cloud platform" and cloud.advice == "Take a course."


def test_bundled_role_advice_comes_from_the_roadmap() -> None:
    fit = score_role(cv([]), load_role("data-scientist"), GRAPH)
    advice = " ".join(m.advice for m in fit.missing)
    for source in ("Coursera", "Kaggle", "GitHub"):
        assert source in advice


# ---------------------------------------------------------------- best fit

def test_best_fit_prefers_higher_score_then_earlier_stage() -> None:
    roles = list_roles()
    fits = [RoleFit(role=r.id, title=r.title, score=50, components=(), matched=(), missing=())
            for r in reversed(roles)]
    assert best_fit(fits, roles).role == "data-analyst"
    fits.append(RoleFit(role="ml-architect", title="x", score=51, components=(), matched=(),
                        missing=()))
    assert best_fit(fits, roles).role == "ml-architect"
    assert best_fit([], roles) is None


def test_weak_fits_point_to_the_best_entry_role() -> None:
    roles = list_roles()
    score = {"senior-ml-engineer": 12, "research-assistant": 6, "data-analyst": 4}
    fits = [RoleFit(role=r.id, title=r.title, score=score.get(r.id, 0), components=(),
                    matched=(), missing=()) for r in roles]
    assert best_fit(fits, roles).role == "research-assistant"
    strong = [f if f.role != "senior-ml-engineer" else RoleFit(f.role, f.title, 40, (), (), ())
              for f in fits]
    assert best_fit(strong, roles).role == "senior-ml-engineer"
    report = Report(candidate=cv([]), fits=tuple(fits), best_role="research-assistant",
                    next_roles=("applied-scientist",))
    assert "No role fits well yet" in render_fits_terminal(report)


# ---------------------------------------------------------------- terminal text

def test_fit_terminal_text_shows_points_evidence_and_advice() -> None:
    fit = score_role(cv([hit("python", text="Built ETL jobs in Python"), hit("keras")]), ROLE, GRAPH)
    text = render_fit_terminal(fit)
    assert text.startswith(f"  Fit: Test Role (test-role): {fit.score}/100")
    assert "Required skills" in text and "/ 45" in text
    assert '+ Python (required, used in work)' in text
    assert 'experience, p1: "Built ETL jobs in Python"' in text
    assert "+ TensorFlow (preferred, used in work, Keras is related, 50% credit)" in text
    assert "- SQL (required, weight 2)" in text and "Learn SQL for querying databases." in text


def test_unreadable_cv_gets_no_fit_text() -> None:
    blank = Candidate(**{**cv([]).__dict__, "readable": False, "unreadable_reason": "no text"})
    fits = tuple(score_role(blank, r, GRAPH) for r in list_roles())
    report = Report(candidate=blank, fits=fits, best_role="data-analyst")
    assert render_fits_terminal(report).startswith("  Role fit: not scored")


def test_fits_terminal_ranks_all_roles_and_names_next_step() -> None:
    candidate = cv([hit(s) for s in ALL])
    fits = tuple(score_role(candidate, r, GRAPH) for r in list_roles())
    best = best_fit(fits, list_roles())
    report = Report(candidate=candidate, fits=fits, best_role=best.role,
                    next_roles=load_role(best.role).next_roles)
    text = render_fits_terminal(report)
    assert f"({best.role}) <- best fit" in text
    assert "Next step on the career path: " + ", ".join(report.next_roles) in text
    assert text.count("  Fit: ") == 1
