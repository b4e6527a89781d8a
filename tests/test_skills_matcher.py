"""The skill matcher on real-looking CV lines: ambiguity rules, variants and misspellings,
wrapped names, evidence, demonstrated vs listed, determinism."""
from __future__ import annotations

import pytest

from resume_match.models import Line, Section
from resume_match.skills import SkillMatcher, find_skills, get_matcher


def ids(matcher: SkillMatcher, *lines: str, kind: str = "experience") -> list[str]:
    return [h.id for h in matcher.find_in_text(lines, kind=kind)]


def section(kind: str, *texts: str, page: int = 1) -> Section:
    return Section(kind=kind, heading=kind.title(), page=page,
                   lines=tuple(Line(text=t, page=page) for t in texts))


# ---------------------------------------------------------------- ambiguous names: caught

@pytest.mark.parametrize("line, expected", [
    ("R, Python, SQL", ["r", "python", "sql"]),
    ("Skills: Go, Rust", ["go", "rust"]),
    ("Statistical modelling in R and reporting", ["statistics", "r"]),
    ("Wrote services using Go", ["go"]),
    ("Two years of R programming", ["r"]),
    ("Languages | Java | Scala | C/C++", ["java", "scala", "c", "cpp"]),
    ("r•scala•java•c#", ["r", "scala", "java", "csharp"]),
    ("Built with Backbone, Jade, Stylus and Require", ["backbonejs", "pug", "stylus", "requirejs"]),
    ("Applied Agile SCRUM process", ["agile", "scrum"]),
    ("Big data tools such as Spark or Hadoop", ["big-data", "apache-spark", "apache-hadoop"]),
])
def test_ambiguous_names_count_in_a_skill_context(matcher, line, expected):
    assert ids(matcher, line) == expected


def test_a_skills_section_item_counts_alone(matcher):
    hits = matcher.find((section("skills", "Excel", "Word", "PowerPoint"),))
    assert [h.id for h in hits] == ["excel", "microsoft-word", "microsoft-powerpoint"]


# ---------------------------------------------------------------- ambiguous names: not caught

@pytest.mark.parametrize("line", [
    "Led R&D projects across three teams",
    "Drove the go-to-market plan for a new product",
    "This sparked my interest in research",
    "I excel at building relationships",
    "Spent a semester on Java island studying volcanoes",
    "See Section C of the report",
    "Ensured swift delivery of every order",
    "Headed R & D for the division",
    "Published with D. Das and A. Jain",
    "Software Engineer, Shopify, Toronto",
    "Dean's List, Spring 2014",
    "Gained access to the data warehouse team",
    "Launched the app on Google Play",
])
def test_ordinary_words_are_not_skills(matcher, line):
    found = set(ids(matcher, line))
    assert not found & {"r", "d-language", "go", "apache-spark", "excel", "java", "c", "swift",
                        "shopify", "spring", "ms-access", "play-framework"}, found


def test_broad_areas_in_prose_are_not_claimed(matcher):
    assert ids(matcher, "With 15 years of hands-on software engineering") == []
    assert ids(matcher, "B.Sc. in Data Science", kind="education") == []
    assert ids(matcher, "Languages: Python, Data Science", kind="skills") == ["python", "data-science"]


def test_no_artificial_intelligence_from_an_it_admins_patching_line(matcher):
    """Issue 15 item 6: 'Artificial Intelligence' was found in a systems administrator's line
    about hot fixes (after 'operating system and application'); 'AI' written as such still counts."""
    line = ("Scheduling and applying hot fixes and security patches on the server infrastructure "
            "which includes the operating system and application")
    assert ids(matcher, line) == ["operating-systems"]
    assert "artificial-intelligence" in ids(matcher, "Built AI applications for retail banks")


# ---------------------------------------------------------------- variants and misspellings

@pytest.mark.parametrize("line, expected", [
    ("Tensorflow, scikit learn, Py-Torch", ["tensorflow", "scikit-learn", "pytorch"]),
    ("Pytorch and Scikitlearn", ["pytorch", "scikit-learn"]),
    ("Node.JS, Power-BI, Tensor Flow", ["nodejs", "power-bi", "tensorflow"]),
    ("Python3.8, HTML5", ["python", "html"]),
    ("Tools: Tensorfow, Kuberentes, Docker", ["tensorflow", "kubernetes", "docker"]),
    ("Data visualisation and statistical modelling", ["data-visualization", "statistics"]),
])
def test_variants_and_misspellings(matcher, line, expected):
    assert ids(matcher, line) == expected


@pytest.mark.parametrize("line", [
    "Lunch shift lead at Panda Express",
    "Filed the court docket every morning",
    "Managed a panda exhibit, Python",
    "Reviewed rusty pipes and spark plugs",
])
def test_fuzzy_pass_keeps_precision(matcher, line):
    assert not set(ids(matcher, line)) & {"pandas", "docker", "rust", "apache-spark"}


def test_inflected_words_are_not_misspelt_tools(matcher):
    """'charts' is the plural of 'chart', not a misspelling of Chart.js."""
    found = set(ids(matcher, "budgets, charts, reports, Excel", kind="skills"))
    assert "chartjs" not in found and "excel" in found


def test_misspellings_in_prose_are_not_guessed(matcher):
    assert "tensorflow" not in ids(matcher, "Our tensorfow team met weekly")


# ---------------------------------------------------------------- soft skills

def test_soft_skills_only_when_written_as_skills(matcher):
    assert ids(matcher, "Excellent communication skills") == ["communication"]
    assert ids(matcher, "Leadership, Teamwork, Python", kind="skills") == \
        ["leadership", "teamwork", "python"]
    assert "communication" not in ids(matcher, "Serial communication protocols (I2C, SPI, UART)")


# ---------------------------------------------------------------- wrapped lines, evidence

def test_names_wrapped_over_a_line_break(matcher):
    hits = matcher.find((section("skills", "Kubernetes, Agile and Scrum, Deep Learning, Natural",
                                 "Language Processing, Python"),))
    names = [h.id for h in hits]
    assert "nlp" in names and "processing" not in names
    nlp = next(h for h in hits if h.id == "nlp")
    assert nlp.evidence[0].text.endswith("Natural")


def test_evidence_and_demonstrated_vs_listed(matcher):
    cv = (section("skills", "Python, SQL, Tableau"),
          section("experience", "Built churn models in Python and scikit-learn",
                  "Automated Python reports for finance", "Python ETL on Airflow", "More Python",
                  page=2))
    hits = {h.id: h for h in find_skills(cv, matcher)}
    py = hits["python"]
    assert py.demonstrated and py.category == "language" and py.name == "Python"
    assert len(py.evidence) == 3
    assert py.evidence[0].section == "skills" and py.evidence[0].page == 1
    assert py.evidence[1].section == "experience" and py.evidence[1].page == 2
    assert py.evidence[1].text == "Built churn models in Python and scikit-learn"
    assert not hits["sql"].demonstrated and not hits["tableau"].demonstrated
    assert hits["scikit-learn"].demonstrated


def test_order_is_first_appearance_and_deterministic(matcher):
    cv = (section("summary", "Data scientist: pandas, NumPy"),
          section("experience", "Deployed PyTorch models with Docker", "pandas pipelines"))
    first = find_skills(cv, matcher)
    # 'Deployed PyTorch models' also says model deployment (skills/verbal.py), at its verb
    assert [h.id for h in first] == ["pandas", "numpy", "model-deployment", "pytorch", "docker"]
    assert find_skills(cv, matcher) == first


def test_implied_skills_are_left_to_scoring(matcher):
    hits = ids(matcher, "Trained models in PyTorch")
    assert hits == ["pytorch"]
    assert "deep-learning" in matcher.taxonomy.implied(hits)


def test_matcher_is_built_once_and_empty_input_is_fine():
    assert get_matcher() is get_matcher()
    assert find_skills(()) == ()
    assert find_skills((section("experience", "   "),)) == ()


def test_wishes_are_not_claims(matcher):
    found = ids(matcher, "Interested in applying Generative AI and LLM research. Built RAG with Python")
    assert "large-language-models" not in found and "generative-ai" not in found
    assert "python" in found
    assert ids(matcher, "Eager to learn Kubernetes; shipped Docker images") == ["docker"]


def test_organisations_and_tool_nouns(matcher):
    assert ids(matcher, "Certified Kubernetes Administrator, The Linux Foundation") == ["kubernetes"]
    assert ids(matcher, "Member, Python Software Foundation") == []
    assert ids(matcher, "Service with a thin REST layer on top") == ["rest-api"]
    assert ids(matcher, "Phoenix Integration, Inc. Blacksburg, Virginia") == []


def test_degree_names_are_fields_not_skills(matcher):
    edu = section("education", "M.S. Statistics, University of Washington, 2017",
                  "B.Sc. in Data Science", "B.S. Mathematics — Coursework: Linear Algebra, Probability")
    assert [h.id for h in find_skills((edu,), matcher)] == ["linear-algebra", "probability"]
    assert ids(matcher, "Strong background in statistics", kind="summary") == ["statistics"]


def test_names_inside_text_a_pdf_extractor_glued(matcher):
    line = "ProvisionedahybridinfrastructureutilizingIaC(InfrastructureasCode)toolslikeAnsible, Packer"
    assert ids(matcher, line) == ["infrastructure-as-code", "ansible", "packer"]
    assert ids(matcher, "philipstevens.github.io jane_doe_python_dev@example.com") == []
    assert ids(matcher, "Excellentcommunicationandscalableprocessingforcustomers") == []


def test_words_that_only_spell_a_tool_when_joined(matcher):
    assert ids(matcher, "Role plays, social graces and small talk") == []
    assert "adobe-indesign" not in ids(matcher, "Involved in Design, installation and support")
    assert ids(matcher, "Java Script and Git Hub") == ["javascript", "github"]


def test_departments_and_referees_claim_nothing(matcher):
    assert ids(matcher, "Research assistant, Department of Statistics") == []
    refs = section("references", "Prof. Jane Roe, Professor of Machine Learning, jane@uni.edu",
                   "Dr. John Doe, Python Software Foundation")
    assert find_skills((refs,), matcher) == ()
    cv = (section("skills", "Python"), refs, section("experience", "Built Go services with Docker"))
    assert [h.id for h in find_skills(cv, matcher)] == ["python", "go", "docker"]


@pytest.mark.parametrize("line", [
    "Py - Torch, scikit learn, Node . JS and python3 on ΣΙΣΥΦΟΣ İstanbul R&D",
    "  Tensor Flow 2.1 |  Power BI  ,C#/.NET; K8s (Kubernetes) e-mail: x@y.io  ",
])
def test_token_lists_agree_with_spacy_and_squash(matcher, line):
    """The plain token lists the window passes use give what the Doc and squash() give."""
    from resume_match.skills.context import SEPARATORS
    from resume_match.skills.fuzzy import squash
    from resume_match.skills.matcher import MAX_WINDOW, _windows, clean_text

    doc = matcher._tokenizer(clean_text(line))
    toks, _ = matcher._join([(doc, [0])])
    assert toks.text == [t.text for t in doc] and toks.lower == [t.lower_ for t in doc]
    windows = 0
    for size in range(1, MAX_WINDOW + 1):
        for a in range(len(doc) - size + 1):
            assert toks.span(a, a + size) == doc[a:a + size].text
            assert "".join(toks.key[a:a + size]) == squash(doc[a:a + size].text)
        assert _windows(toks, size) == [
            a for a in range(len(doc) - size + 1) if doc[a].text[0].isalpha()
            and doc[a + size - 1].text[-1].isalnum()
            and not any(t.lower_ in SEPARATORS for t in doc[a:a + size])]
        for a in _windows(toks, size):
            text = doc[a:a + size].text
            key = "".join(toks.key[a:a + size])
            assert matcher._fuzzy.lookup(key) == matcher._fuzzy.exact(text)
            windows += 1
    assert windows > 10



@pytest.mark.parametrize("line", [
    "Py - Torch, scikit learn, Node . JS and python3 on ΣΙΣΥΦΟΣ İstanbul R&D",
    "Tensor Flow 2 1 | Power BI 3 v2 | Python 3 5 | C # / . NET | Apache Spark 3 Streaming",
    "Tensor flow v 2 Machine Learning Ops é Java Script 1 8 py torch lightning 2",
])
def test_window_pass_stops_only_where_no_name_can_follow(matcher, line):
    """_squashed() stops growing a window once no name begins with its key; it finds what
    looking up every window of 2 to MAX_WINDOW tokens finds."""
    from resume_match.skills.matcher import MAX_WINDOW, _windows, clean_text

    toks, _ = matcher._join([(matcher._tokenizer(clean_text(line)), [0])])
    every = sorted((a, a + size, sid) for size in range(2, MAX_WINDOW + 1)
                   for a in _windows(toks, size)
                   if (sid := matcher._fuzzy.lookup("".join(toks.key[a:a + size]))) is not None)
    assert sorted(matcher._squashed(toks)) == every
    assert every

def test_wish_cues_by_first_word_match_every_cue():
    from resume_match.skills.context import WISH_CUES, wishes
    for cue in WISH_CUES:
        tokens = ("I", *cue, "Rust", "and", "Go", ".", "Python")
        assert wishes(tokens) == {1 + len(cue), 2 + len(cue), 3 + len(cue)}


def test_words_new_to_the_vocabulary_still_match_by_lower_case(matcher):
    """The matcher's vocabulary computes only LOWER for new words; that is all matching reads."""
    doc = matcher._tokenizer("QWZXPYTORCHQ Kuberneteszq")
    assert [t.lower_ for t in doc] == ["qwzxpytorchq", "kuberneteszq"]
    assert ids(matcher, "SCIKIT-LEARN, PyTorCH and ApAcHe SpArK") == \
        ids(matcher, "scikit-learn, pytorch and apache spark")


@pytest.mark.parametrize("lines", [
    ["Python, SQL", " | Docker |  Kubernetes", "Natural Language", "Processing (NLP)"],
    ["  led ML team.", "Ph.D. in Statistics", "e.g. Spark", ":) done", "o.O", "U.S.A."],
    ["Education: Ph.", "D. Statistics", "skills:", "D", "wow o", ".O", "end ", "", "next  "],
    ["trailing space ", "C++ / C#", "R&D", "\u00a8 leading mark", "can't stop", "'s start"],
    ["w x(", "-:) w", "x(", ":(x w", "(", "o:x"],   # joined, '(-:' would hide ':)' and ':('
])
def test_joined_tokenization_matches_line_by_line(matcher, lines):
    """One tokenizer call for a section's lines gives what a call per line gives; where it
    might not (a special case across a break, a line ending in white space) it is not used."""
    from resume_match.skills.matcher import clean_text

    texts = [clean_text(t) for t in lines]
    for i in range(len(texts)):
        for j in range(i + 1, len(texts) + 1):
            toks, starts = matcher._tokenize(texts[i:j])
            ref_toks, ref_starts = matcher._join([(matcher._tokenizer(t), [0])
                                                  for t in texts[i:j]])
            assert (toks, starts) == (ref_toks, ref_starts)
    assert matcher._straddles("Ph.", "D. Statistics") and matcher._straddles("wow o", ".O")
    assert not matcher._straddles("Ph.", "Data science")


def test_remembered_answers_are_the_computed_ones(matcher):
    """close() remembers its answers; accept() hands its segments to pure_segments()."""
    from resume_match.skills.context import Mention, TextView, pure_segments, segments
    from resume_match.skills.fuzzy import squash

    fuzzy = matcher._fuzzy
    for word in ("Tensorfow", "Kuberentes", "Tensorfow", "charts", "Kuberentes", "Pythonn"):
        assert fuzzy.close(word) == fuzzy._closest_uncached(squash(word))
    assert fuzzy.close("Tensorfow") == "tensorflow"
    tokens = ("Python", ",", "R", "(", "advanced", ")", "|", "Go", "services")
    mentions = (Mention("python", 0, 1, "Python", "Python", False),
                Mention("r", 2, 3, "R", "R", True), Mention("go", 7, 8, "Go", "Go", True))
    view = TextView(tokens=tokens, mentions=mentions)
    pure = pure_segments(view)
    assert pure == pure_segments(view, segments(tokens, view.line_starts, mentions))
    assert pure == [(0, 1), (2, 3)]


def test_remembered_splits_are_spacys_own(matcher):
    """The matcher's tokenizer remembers more chunks than spaCy's default; a remembered split
    is the split a fresh tokenizer makes."""
    import spacy

    from resume_match.skills.matcher import TOKENIZER_CACHE

    assert matcher._tokenizer.max_cache_size == TOKENIZER_CACHE > 10_000
    text = "Py-Torch(2.1), e.g. U.S.A. node.js C++/C# x@y.io 'cause:) o.O (Kubernetes)."
    fresh = [t.text for t in spacy.blank("en").tokenizer(text)]
    for _ in range(2):
        assert [t.text for t in matcher._tokenizer(text)] == fresh


def test_word_pass_finds_misspelt_list_items_by_key(matcher):
    """_words() hands close() the run's squashed key and asks only fuzzable keys for a list
    item; the answers are close()'s on the written text."""
    from resume_match.skills.fuzzy import fuzzable, squash

    fuzzy = matcher._fuzzy
    for word in ("Tensorfow", "Kuberentes", "Tensor fow", "Py-Torc", "Pythonn3", "abc", "charts"):
        key = squash(word)
        assert fuzzy.close_key(key) == fuzzy.close(word)
        assert fuzzable(key) or fuzzy.close(word) is None
    assert ids(matcher, "Kuberentes, Tensor fow, Dokcer", kind="skills") == \
        ["kubernetes", "tensorflow"]


@pytest.mark.parametrize("lines", [
    ["Kuberentes, Tensor fow, Dokcer", "Tensor fow and Kuberentes in prose", "Tensor fow"],
    ["Scikit lern | Tensor Flw | Pandsa Numpyy", "Power BIi, Kubernets (advanced), Scikit lern"],
])
def test_word_pass_tries_only_list_items_for_two_token_runs(matcher, lines):
    """_words() drops two-token runs that are not a whole list item before looking at their
    key; it finds what trying every run finds."""
    from resume_match.skills.context import Mention
    from resume_match.skills.fuzzy import fuzzable
    from resume_match.skills.matcher import _item, _windows, clean_text

    toks, starts = matcher._tokenize([clean_text(t) for t in lines])
    taken: set[int] = set()
    every: list[Mention] = []
    for a in _windows(toks, 2):        # the two-token part of _words(), item test last
        key = toks.key[a] + toks.key[a + 1]
        if a not in taken and a + 1 not in taken and fuzzable(key) \
                and _item(toks, a, a + 2, frozenset(starts)):
            sid = matcher._fuzzy.close_key(key)
            if sid is not None:
                text = toks.span(a, a + 2)
                every.append(Mention(sid, a, a + 2, text, text, False, fuzzy=True))
                taken.update((a, a + 1))
    found = [m for m in matcher._words(toks, set(), frozenset(starts)) if m.end - m.start == 2]
    assert found == every and every


def test_segment_of_is_the_segment_holding_the_start():
    from resume_match.skills.context import Mention, _segment_of, segments

    tokens = ("a", ",", "b", "c", "|", "|", "d", "/", "e", "f", ",")
    segs = segments(tokens, (0, 3, 8))
    firsts = [a for a, _ in segs]
    for start in range(len(tokens)):
        m = Mention("x", start, start + 1, tokens[start], tokens[start], False)
        linear = next((k for k, (a, b) in enumerate(segs) if a <= start < b), -1)
        assert _segment_of(m, segs, firsts) == linear


@pytest.mark.parametrize("text", [
    "plain words only", "Python(advanced)", "SQL)and", "a,b,c", "R (stats),Go", "x)y(z)w",
    "• Docker\t▪ K8s", "ﬁne ① text", "", "Python- Experience - 24 months", "x-y - z",
])
def test_clean_text_skips_only_passes_that_change_nothing(text):
    """clean_text() runs the bracket and comma patterns only on lines with those characters."""
    import unicodedata

    from resume_match.skills.matcher import _BULLETS, _CLOSE, _COMMA, _GLUED_DASH, _OPEN, clean_text

    full = _BULLETS.sub(" | ", unicodedata.normalize("NFKC", text).replace("\t", " "))
    full = _GLUED_DASH.sub(" -", full)
    full = _COMMA.sub(", ", _CLOSE.sub(") ", _OPEN.sub(" (", full)))
    assert clean_text(text) == full


def test_labs_workshops_and_organisers_are_organisations(matcher):
    assert ids(matcher, "Project Associate, Computer Vision & AI Lab, IISc") == ["computer-vision"]
    assert ids(matcher, "Best paper, NLP Workshop at ACL") == []
    assert ids(matcher, "Scholarship programme organised by AWS on Udacity", kind="awards") == []
    assert ids(matcher, "Deployed services on AWS", kind="experience") == ["aws"]


def test_an_organisers_name_elsewhere_in_its_sentence_is_the_organiser_too(matcher):
    assert ids(matcher, "AWS AI/ML Scholar, selected for the scholarship", "programme organised by AWS",
               kind="awards") == ["machine-learning"]
    assert ids(matcher, "AWS AI/ML Scholar, selected for the scholarship organised by AWS",
               kind="awards") == ["machine-learning"]
    # another sentence, or a line that ended its sentence, still claims the skill
    assert "aws" in ids(matcher, "Deployed services on AWS. Scholarship organised by AWS")
    assert "aws" in ids(matcher, "Deployed services on AWS.", "Scholarship organised by AWS")


def test_an_organisation_rule_does_not_read_into_the_next_line(matcher):
    """Two columns put another entry's 'Rice University' after a course title; a name that
    ends its line may still wrap onto the next ('Member of Robotics' / 'Society')."""
    assert "data-analysis" in ids(matcher, "Introduction to Data Analysis Using Excel",
                                  "Rice University", kind="education")
    assert "robotics" not in ids(matcher, "Member of Robotics", "Society, IIT Delhi", kind="awards")


def test_a_name_before_a_plural_job_title_is_what_other_people_do(matcher):
    assert "project-management" not in ids(matcher, "Client: Acme, Project management Consultants")
    assert ids(matcher, "Managed a team of Python developers") == []
    assert ids(matcher, "Senior Python developer at Acme") == ["python"]
    assert "virtualization" in ids(matcher, "Maintained Microsoft Hyper-V servers")


def test_common_areas_outside_ml_count_in_lists_not_in_passing(matcher):
    listed = ids(matcher, "Troubleshooting, Web design, Quality control, Cost estimation", kind="skills")
    assert listed == ["troubleshooting", "web-design", "quality-control", "cost-estimation"]
    assert ids(matcher, "The plant has strict quality control rules") == []


def test_construction_and_project_control_competences_are_broad_areas(matcher):
    """A site or project engineer's competences: named in a skills list or as the object of a
    work verb in a bullet, not in passing."""
    listed = ids(matcher, "Quantity Surveying, Bill of Quantities, Cost Control, Tendering",
                 kind="skills")
    assert listed == ["quantity-surveying", "bill-of-quantities", "cost-control", "tendering"]
    assert ids(matcher, "Performed site inspections for the metro viaduct") == ["site-inspection"]
    assert ids(matcher, "Coordinated material testing for the contractor") == ["material-testing"]
    assert ids(matcher, "Managed subcontractor coordination for two towers") == \
        ["subcontractor-management"]
    assert ids(matcher, "The cost control office is on the second floor") == []
