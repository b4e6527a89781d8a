"""Job postings -> role profiles: sections and phrasing, boilerplate, years, degree, title, CLI.

The postings in tests/postings/ were written for these tests. Most tests inject a deliberately
naive keyword matcher (it would find "Excel" in "Excel-lent" and "R" in "R&D"), so they show what
the posting reader passes to a matcher; the CLI tests use the real skills matcher.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from resume_match.cli import main
from resume_match.errors import InputError
from resume_match.models import Evidence, Section, SkillHit
from resume_match.postings.derive import Posting, PostingSkill, derive_posting, find_years

HERE = Path(__file__).parent / "postings"

FORMS = {  # id -> (name, regex); case-insensitive unless the regex says otherwise
    "python": ("Python", r"python"), "sql": ("SQL", r"sql"), "r": ("R", r"(?-i:\bR\b)"),
    "excel": ("Excel", r"\bexcel\b"), "pytorch": ("PyTorch", r"pytorch"),
    "tensorflow": ("TensorFlow", r"tensorflow"), "jax": ("JAX", r"\bjax\b"),
    "docker": ("Docker", r"docker"), "ci-cd": ("CI/CD", r"ci/cd"),
    "apache-spark": ("Spark", r"\bspark\b"), "kafka": ("Kafka", r"kafka"),
    "machine-learning": ("machine learning", r"machine learning"),
    "deep-learning": ("deep learning", r"deep learning"), "tableau": ("Tableau", r"tableau"),
    "power-bi": ("Power BI", r"power bi"), "dbt": ("dbt", r"\bdbt\b"),
    "statistics": ("statistics", r"\bstatistics\b"), "a-b-testing": ("A/B testing", r"a/b testing"),
    "pandas": ("pandas", r"pandas"), "scala": ("Scala", r"scala"), "airflow": ("Airflow", r"airflow"),
    "computer-vision": ("computer vision", r"computer vision"),
    "reinforcement-learning": ("reinforcement learning", r"reinforcement learning"),
    "cuda": ("CUDA", r"\bcuda\b"), "kubernetes": ("Kubernetes", r"kubernetes"),
    "salesforce": ("Salesforce", r"salesforce"), "data-pipelines": ("data pipelines", r"data pipelines"),
    "communication": ("communication", r"communication"), "teamwork": ("teamwork", r"teamwork"),
}
SOFT = {"communication", "teamwork"}


class NaiveMatcher:
    """Finds every form anywhere, ambiguity be damned; remembers every text it was shown."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def find(self, sections: tuple[Section, ...]) -> tuple[SkillHit, ...]:
        hits = []
        for sec in sections:
            for line in sec.lines:
                self.seen.append(line.text)
                for sid, (name, rx) in FORMS.items():
                    if re.search(rx, line.text, re.IGNORECASE):
                        cat = "soft-skill" if sid in SOFT else "x"
                        hits.append(SkillHit(sid, name, cat, (Evidence(sec.kind, line.page, line.text),),
                                             sec.kind == "experience"))
        return tuple(hits)


def derive(name: str) -> tuple[Posting, NaiveMatcher]:
    m = NaiveMatcher()
    return derive_posting(HERE / name, matcher=m), m  # type: ignore[arg-type]


def groups(items) -> set[tuple[str, ...]]:
    return {tuple(sorted(p.any_of)) for p in items}


def hard(items) -> set[tuple[str, ...]]:
    """The groups that are not soft skills."""
    return groups(p for p in items if not p.soft)


# ---------------------------------------------------------------- sections and phrasing

def test_requirements_section_and_phrasing_give_required_skills():
    p, _ = derive("senior_mle_sections.txt")
    req = groups(p.required)
    assert {("python",), ("sql",), ("docker",), ("ci-cd",), ("machine-learning",)} <= req
    # "a framework such as PyTorch, TensorFlow or JAX" is one requirement with alternatives
    assert ("jax", "pytorch", "tensorflow") in req


def test_nice_to_have_and_a_plus_give_preferred_skills():
    p, _ = derive("senior_mle_sections.txt")
    assert hard(p.preferred) == {("apache-spark",), ("kafka",)}
    # "Mentor two junior engineers" in the duties: a soft requirement, kept out of the score
    soft = [i for i in p.preferred if i.soft]
    assert [(i.any_of, i.asked) for i in soft] == [(("mentoring",), True)]


def test_duties_count_at_half_weight():
    p, _ = derive("senior_mle_sections.txt")
    duty = [r for r in p.required if r.any_of == ("data-pipelines",)]
    assert duty and duty[0].weight == 0.5
    assert all(r.weight == 1.0 for r in p.required if r.any_of == ("python",))


def test_title_seniority_years_degree_from_sections():
    p, _ = derive("senior_mle_sections.txt")
    assert p.title == "Senior Machine Learning Engineer"
    assert (p.seniority, p.stage) == ("senior", "senior")
    assert p.years == (5.0, None)
    assert p.degree_level == "master" and p.degree_required
    assert {"computer science", "statistics"} <= set(p.degree_fields)
    # the field of study on the degree line is not a skill requirement
    assert ("statistics",) not in groups(p.required) | groups(p.preferred)
    assert p.closest_role == "senior-ml-engineer"


def test_markdown_you_need_and_bonus_sections():
    p, _ = derive("data_analyst_you_have.md")
    assert p.title == "Junior Data Analyst" and p.stage == "entry"
    assert ("sql",) in groups(p.required)
    assert ("power-bi", "tableau") in groups(p.required)          # "Tableau or Power BI"
    assert groups(p.preferred) == {("python",), ("dbt",)}         # "Ideally", "a bonus"
    assert p.years == (2.0, None)                                  # "At least two years"
    assert p.degree_level == "bachelor"
    assert p.closest_role == "data-analyst"


def test_run_on_paragraph_with_inline_headings():
    p, _ = derive("research_scientist_prose.txt")
    assert p.title == "Research Scientist, Computer Vision"
    req, pref = groups(p.required), groups(p.preferred)
    assert {("pytorch",), ("python",), ("computer-vision",), ("deep-learning",)} <= req
    assert ("reinforcement-learning",) in pref and ("cuda",) in pref   # "a plus", "Preferred:"
    assert p.years == (3.0, None)                                  # "At least three years"
    assert p.degree_level == "phd"
    assert p.closest_role == "research-scientist"


def test_desired_skills_without_requirements_heading_are_required():
    p, _ = derive("wishes_only.txt")
    assert {("python",), ("pandas",), ("statistics",), ("a-b-testing",)} <= groups(p.required)
    assert groups(p.preferred) == {("scala",), ("airflow",)}       # "Highly competitive ... will have"
    assert p.closest_role == "data-scientist"


# ---------------------------------------------------------------- boilerplate and bad postings

@pytest.mark.parametrize("name", ["senior_mle_sections.txt", "data_analyst_you_have.md",
                                  "research_scientist_prose.txt"])
def test_benefits_company_and_eeo_text_never_reach_the_matcher(name):
    p, m = derive(name)
    shown = " ".join(m.seen)
    for trap in ("Excel-lent", "Insurance", "insurance", "R&D", "diversity", "ping pong",
                 "Salesforce", "relocation"):
        assert trap not in shown
    ids = {s for item in p.required + p.preferred for s in item.any_of}
    assert not ids & {"excel", "r", "salesforce", "kubernetes"}
    assert p.dropped_lines >= 1


def test_posting_without_skills_or_a_job_title_is_a_clear_error():
    with pytest.raises(InputError, match=r"barista\.txt: no recognisable skills and no job title"):
        derive("barista.txt")


def test_soft_skills_are_preferred_never_required(tmp_path):
    f = tmp_path / "support.txt"
    f.write_text("Title: Support Analyst\nRequirements\n- Excellent communication and teamwork\n")
    p = derive_posting(f, matcher=NaiveMatcher())  # type: ignore[arg-type]
    assert p.required == () and hard(p.preferred) == set()
    assert groups(p.preferred) == {("communication",), ("teamwork",)}
    # no skill named: the title chose the role, and the profile asks what that role asks
    assert p.closest_role == "data-analyst" and p.few_skills
    from resume_match.match.roles import load_role
    assert p.profile.required == load_role("data-analyst").required
    f.write_text("Title: Data Analyst\nRequirements\n- SQL\n- Excellent communication\n")
    p = derive_posting(f, matcher=NaiveMatcher())  # type: ignore[arg-type]
    assert groups(p.required) == {("sql",)} and groups(p.preferred) == {("communication",)}


def test_empty_posting_is_an_input_error(tmp_path):
    f = tmp_path / "empty.txt"
    f.write_text("  \n")
    with pytest.raises(InputError, match="empty.txt: file is empty"):
        derive_posting(f, matcher=NaiveMatcher())  # type: ignore[arg-type]


# ---------------------------------------------------------------- years phrasing

@pytest.mark.parametrize("text,years", [
    ("3+ years of experience with Python", (3.0, None)),
    ("at least five years of industry experience", (5.0, None)),
    ("3-5 years of experience in analytics", (3.0, 5.0)),
    ("Minimum of 4 years experience", (4.0, None)),
    ("PhD with 2+ years OR Master's with 4+ years of experience", (2.0, None)),
])
def test_years_phrasing(text, years):
    from resume_match.postings.derive import Unit
    assert find_years([Unit(text, 1, "required")]) == years


def test_years_ignore_contract_length():
    from resume_match.postings.derive import Unit
    assert find_years([Unit("This is a 12-month contract", 1, "duties")]) is None


# ---------------------------------------------------------------- other inputs

def _posting_pdf(path: Path) -> Path:
    """A one-page posting drawn with reportlab: bold headings, requirement lines that wrap."""
    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen.canvas import Canvas
    c = Canvas(str(path), pagesize=LETTER)
    y = 740.0
    blocks = [("Helvetica-Bold", 16, ["Job Description: Machine Learning Engineer"]),
              ("Helvetica-Bold", 11, ["Requirements:"]),
              ("Helvetica", 10, ["Minimum of 4 years of industry experience deploying machine learning "
                                 "models, using frameworks such as TensorFlow or PyTorch, with Python.",
                                 "Familiarity with cloud platforms and distributed computing frameworks "
                                 "(e.g., Spark, Kafka) is a plus."]),
              ("Helvetica-Bold", 11, ["Benefits"]),
              ("Helvetica", 10, ["Excel-lent benefits including Python Insurance and R&D days."])]
    for font, size, paras in blocks:
        for para in paras:
            for line in simpleSplit(para, font, size, 260):   # narrow: every sentence wraps
                c.setFont(font, size)
                c.drawString(72, y, line)
                y -= size + 4
        y -= 6
    c.save()
    return path


def test_pdf_posting_joins_wrapped_lines(tmp_path):
    m = NaiveMatcher()
    p = derive_posting(_posting_pdf(tmp_path / "mle.pdf"), matcher=m)  # type: ignore[arg-type]
    assert p.title == "Machine Learning Engineer"
    assert ("pytorch", "tensorflow") in groups(p.required)
    assert ("python",) in groups(p.required)
    # "is a plus" sits on a later line than Spark: only the joined sentence knows it
    assert groups(p.preferred) == {("apache-spark", "kafka")}
    assert p.years == (4.0, None)
    assert not any("Insurance" in t for t in m.seen)


def test_docx_posting(tmp_path):
    import docx
    d = docx.Document()
    d.add_paragraph("Data Scientist")
    d.add_paragraph("Must have:")
    d.add_paragraph("3+ years with Python, SQL and statistics")
    d.add_paragraph("Nice to have:")
    d.add_paragraph("Scala")
    path = tmp_path / "ds.docx"
    d.save(str(path))
    p = derive_posting(path, matcher=NaiveMatcher())  # type: ignore[arg-type]
    assert p.title == "Data Scientist"
    assert {("python",), ("sql",), ("statistics",)} <= groups(p.required)
    assert groups(p.preferred) == {("scala",)}
    assert p.years == (3.0, None)


def test_stdin_posting(monkeypatch):
    import io
    import sys
    data = (HERE / "wishes_only.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    p = derive_posting("-", matcher=NaiveMatcher())  # type: ignore[arg-type]
    assert p.source == "<stdin>" and p.title == "Data Scientist"


# ---------------------------------------------------------------- the profile as a role

def test_saved_role_round_trip_scores_the_same(tmp_path):
    from resume_match.models import Candidate, Contact, Education, Experience
    from resume_match.match.roles import dump_role_yaml, load_role
    from resume_match.match.scoring import score_role
    p, _ = derive("senior_mle_sections.txt")
    path = tmp_path / "role.yaml"
    path.write_text(dump_role_yaml(p.profile))
    loaded = load_role(str(path))
    assert (loaded.id, loaded.title, loaded.stage) == (p.profile.id, p.profile.title, "senior")
    assert loaded.required == p.profile.required and loaded.preferred == p.profile.preferred
    assert loaded.experience_years == (5.0, None) and loaded.education_level == "master"
    hits = tuple(SkillHit(s, s, "x", (Evidence("experience", 1, f"Built it with {s}"),), True)
                 for s in ("python", "sql", "pytorch", "docker"))
    cand = Candidate(source="cv.pdf", readable=True, unreadable_reason=None, name="A",
                     contact=Contact(), sections=(), skills=hits,
                     experience=Experience(years=6.0), education=Education("master"),
                     certifications=())
    a, b = score_role(cand, p.profile), score_role(cand, loaded)
    assert a.score == b.score > 0
    assert {m.id for m in a.missing} == {m.id for m in b.missing}
    assert "ci-cd" in {m.id for m in a.missing}


def test_profile_borrows_path_and_advice_from_the_closest_role():
    from resume_match.match.roles import load_role
    p, _ = derive("data_analyst_you_have.md")
    analyst = load_role("data-analyst")
    assert p.profile.next_roles == analyst.next_roles
    assert "closest roadmap role: Data Analyst (data-analyst)" in p.profile.summary
    ids = {s for r in p.profile.required + p.profile.preferred for s in r.any_of}
    assert set(p.profile.learning) <= ids | {"default"}
    assert p.profile.learning["sql"] == analyst.learning["sql"]


def test_profile_takes_advice_from_any_roadmap_role_that_teaches_the_skill():
    from resume_match.match.roles import list_roles
    p, _ = derive("senior_mle_sections.txt")
    ids = {s for r in p.profile.required + p.profile.preferred for s in r.any_of}
    taught = {k for r in list_roles() for k in r.learning} & ids
    closest = {k for r in list_roles() if r.id == p.closest_role for k in r.learning}
    assert taught - closest, "the test needs a skill only another role teaches"
    assert taught <= set(p.profile.learning)


def test_indeed_style_years_and_required_markers(tmp_path):
    f = tmp_path / "indeed.txt"
    f.write_text("Data Engineer\nJob Type: Full-time\n\nExperience:\n- Python: 3 years (Required)\n"
                 "- Airflow: 1 year (Preferred)\n\nSchedule:\n- Monday to Friday\n")
    p = derive_posting(f, matcher=NaiveMatcher())  # type: ignore[arg-type]
    assert p.title == "Data Engineer"
    assert groups(p.required) == {("python",)} and groups(p.preferred) == {("airflow",)}
    assert p.years == (3.0, None)


def test_years_from_several_lines_take_the_lowest_bar():
    from resume_match.postings.derive import Unit
    units = [Unit("5+ years with Python", 1, "required"),
             Unit("at least 4 years of SQL", 1, "required"),
             Unit("Founded 20 years ago", 1, "intro")]
    assert find_years(units) == (4.0, None)


@pytest.mark.parametrize("raw,title", [
    ("🚀 Join us as a Junior Machine Learning Engineer!", "Junior Machine Learning Engineer"),
    ("Product Manager (10+ Years of Experience)", "Product Manager"),
    ("Job Title: Senior Data Scientists", "Senior Data Scientist"),
    ("Engineer, C++", "Engineer, C++"),
])
def test_titles_are_tidied(raw, title):
    from resume_match.postings.derive import _tidy_title
    assert _tidy_title(raw) == title


# ---------------------------------------------------------------- CLI, with the real skills matcher

def _jd_json(*args: str, input: str | None = None) -> dict:
    r = CliRunner().invoke(main, ["jd", *args, "--json"], input=input)
    assert r.exit_code == 0, r.output
    return json.loads(r.output)


def test_cli_jd_json_contract_with_the_real_matcher():
    d = _jd_json(str(HERE / "senior_mle_sections.txt"))
    assert d["title"] == "Senior Machine Learning Engineer"
    assert d["closest_role"] == "senior-ml-engineer"
    assert {"python", "sql", "docker", "pytorch", "tensorflow"} <= set(d["required"])
    assert set(d["preferred"]) == {"apache-spark", "apache-kafka", "mentoring"}
    assert d["soft"] == [{"id": "mentoring", "name": "Mentoring", "required": True,
                          "evidence": "Mentor two junior engineers"}]
    assert d["stage_from"] == "title" and d["title_known"] and not d["few_skills"]
    assert d["years"] == {"min": 5.0, "max": None}
    assert d["degree"]["level"] == "master"
    leaked = set(d["required"]) | set(d["preferred"])
    assert not leaked & {"excel", "microsoft-excel", "r", "salesforce", "kubernetes", "tableau"}


def test_cli_jd_reads_stdin():
    d = _jd_json("-", input=(HERE / "data_analyst_you_have.md").read_text())
    assert d["closest_role"] == "data-analyst" and "sql" in d["required"]


def test_cli_jd_without_skills_is_one_line_error():
    r = CliRunner().invoke(main, ["jd", str(HERE / "barista.txt")])
    assert r.exit_code == 1
    assert r.output.strip().splitlines() == [
        f"Error: {HERE / 'barista.txt'}: no recognisable skills and no job title in this posting "
        "(is it a job posting? it should name a role or the tools and methods it asks for)"]


def test_cli_save_role_round_trip_matches_scoring_with_jd(tmp_path):
    runner = CliRunner()
    posting = str(HERE / "data_analyst_you_have.md")
    role = tmp_path / "analyst.yaml"
    r = runner.invoke(main, ["jd", posting, "--save-role", str(role)])
    assert r.exit_code == 0 and role.exists()
    cv = str(Path(__file__).resolve().parent.parent / "examples" / "data-scientist-cv.pdf")
    via_file = runner.invoke(main, [cv, "--role", str(role), "--json"])
    via_jd = runner.invoke(main, [cv, "--jd", posting, "--json"])
    assert via_file.exit_code == 0 and via_jd.exit_code == 0, via_file.output + via_jd.output
    f1 = json.loads(via_file.output)["fits"]
    f2 = [f for f in json.loads(via_jd.output)["fits"] if f["role"].startswith("posting-")]
    assert len(f1) == 1 and len(f2) == 1
    assert f1[0]["role"] == f2[0]["role"] == "posting-junior-data-analyst"
    assert f1[0]["score"] == f2[0]["score"] > 0


def test_a_short_boilerplate_line_in_requirements_does_not_swallow_the_rest(tmp_path):
    f = tmp_path / "clearance.txt"
    f.write_text("Title: Data Scientist\nRequirements\n- Python\n- Security clearance required\n"
                 "- SQL\n")
    p = derive_posting(f, matcher=NaiveMatcher())  # type: ignore[arg-type]
    assert groups(p.required) == {("python",), ("sql",)}


def test_a_list_item_is_not_taken_for_a_bare_heading(tmp_path):
    f = tmp_path / "bi.txt"
    f.write_text("Title: BI Analyst\nRequirements:\nSQL\nPreferred Qualifications:\n"
                 "Previous leadership experience preferred\nKafka\n")
    p = derive_posting(f, matcher=NaiveMatcher())  # type: ignore[arg-type]
    assert groups(p.required) == {("sql",)} and hard(p.preferred) == {("kafka",)}


@pytest.mark.parametrize("title,stage,closest", [
    ("Data Science Intern", "entry", "data-scientist"),
    ("AI Engineer", "mid", "ml-engineer"),
    ("Lead Machine Learning Engineer", "senior", "senior-ml-engineer"),
    ("Junior ML Engineer", "entry", "junior-ml-engineer"),
    ("Research Scientist, NLP", "mid", "research-scientist"),
    ("Research Assistant", "entry", "research-assistant"),
    ("Senior Data Analyst", "senior", "data-analyst"),
    ("AI Product Manager", "mid", "ai-product-manager"),
    ("ML Platform Architect", "mid", "ml-architect"),
])
def test_closest_role_follows_the_title_by_general_rules(title, stage, closest):
    """With the same skills for every title, the title's words and seniority pick the role."""
    from resume_match.postings.derive import find_seniority, find_stage, rank_roles
    from resume_match.match.roles import list_roles
    skills = (PostingSkill(("python",), ("Python",), True, 1.0, ""),
              PostingSkill(("sql",), ("SQL",), True, 1.0, ""),
              PostingSkill(("machine-learning",), ("machine learning",), True, 1.0, ""))
    st = find_stage(find_seniority(title), None)
    assert st == stage
    assert rank_roles(title, True, st, skills, (), list_roles())[0][0] == closest


def test_prose_without_any_heading(tmp_path):
    f = tmp_path / "prose.txt"
    f.write_text("Data Scientist\nWe are a small team of experts in retail analytics using Kubernetes. "
                 "You must know Python and SQL. Experience with Spark is a plus.\n")
    p = derive_posting(f, matcher=NaiveMatcher())  # type: ignore[arg-type]
    assert groups(p.required) == {("python",), ("sql",)}
    assert groups(p.preferred) == {("apache-spark",)}


def test_a_title_line_is_the_title_even_without_a_role_noun(tmp_path):
    f = tmp_path / "t.txt"
    f.write_text("Job Title: Data Science (Forecasting)\nRequirements\n- Python and SQL\n")
    p = derive_posting(f, matcher=NaiveMatcher())  # type: ignore[arg-type]
    assert p.title == "Data Science" and p.closest_role == "data-scientist"


def test_cli_jd_terminal_summary():
    r = CliRunner().invoke(main, ["jd", str(HERE / "senior_mle_sections.txt")])
    assert r.exit_code == 0, r.output
    assert "Title: Senior Machine Learning Engineer   Stage: senior" in r.output
    assert "Closest roadmap role: senior-ml-engineer" in r.output
    assert "- PyTorch, TensorFlow or JAX" in r.output and "Experience: 5+ years" in r.output
    assert "Preferred skills (2):" in r.output and "Ignored" in r.output


# ---------------------------------------------------------------- never refused: a title or any skill

def real(name: str) -> Posting:
    """The posting read with the real skills matcher."""
    return derive_posting(HERE / name)


def test_a_posting_without_requirements_heading_reads_its_topic_list():
    p = real("forecasting_no_heading.txt")
    assert {"forecasting", "causal-inference"} <= {s for r in p.required for s in r.any_of}
    assert p.closest_role == "data-scientist" and p.few_skills
    # the company line is not a list of topics: nothing from it
    assert all("Northwind" not in r.evidence for r in p.required + p.preferred)


def test_a_title_alone_says_the_closest_role(tmp_path):
    from resume_match.match.roles import load_role
    for title, role in (("Data Scientist", "data-scientist"), ("Machine Learning Engineer", "ml-engineer"),
                        ("Senior Data Analyst", "data-analyst")):
        f = tmp_path / "t.txt"
        f.write_text(title + "\n")
        p = derive_posting(f, matcher=NaiveMatcher())  # type: ignore[arg-type]
        assert (p.title, p.closest_role, p.required) == (title, role, ())
        # the profile asks what the closest role asks, so a CV can still be scored against it
        assert p.profile.required == load_role(role).required
        assert "names no skills" in p.profile.summary


def test_few_skills_read_the_whole_text_and_the_title_chooses(tmp_path):
    f = tmp_path / "few.txt"
    f.write_text("Title: Data Analyst\nOur reporting runs on Tableau and dbt, and a little PyTorch "
                 "research sits beside it.\nRequirements\n- A curious mind\n- SQL\n")
    p = derive_posting(f, matcher=NaiveMatcher())  # type: ignore[arg-type]
    assert ("sql",) in groups(p.required)
    # the intro is read because the requirements name one skill only; it counts as duties
    intro = {r.any_of: r.weight for r in p.required if r.any_of != ("sql",)}
    assert intro == {("tableau",): 0.5, ("dbt",): 0.5, ("pytorch",): 0.5}
    assert p.closest_role == "data-analyst" and p.few_skills
    # with three skills in the requirements the intro stays unread
    f.write_text("Title: Data Analyst\nOur reporting runs on Tableau.\nRequirements\n- SQL\n"
                 "- Python\n- Excel\n")
    p = derive_posting(f, matcher=NaiveMatcher())  # type: ignore[arg-type]
    assert groups(p.required) == {("sql",), ("python",), ("excel",)} and not p.few_skills


def test_prose_list_of_topics_in_an_untitled_intro_counts(tmp_path):
    f = tmp_path / "intro.txt"
    f.write_text("Title: ML Engineer\nPython, PyTorch, Docker\nWe are a team of twelve in Lyon "
                 "using Kubernetes.\n\nRequirements\n- SQL\n- Airflow\n- Kafka\n")
    p = derive_posting(f, matcher=NaiveMatcher())  # type: ignore[arg-type]
    ids = {r.any_of: r.weight for r in p.required}
    assert {("python",): 0.5, ("pytorch",): 0.5, ("docker",): 0.5}.items() <= ids.items()
    assert ("kubernetes",) not in ids          # a sentence about the company is no list


# ---------------------------------------------------------------- accuracy.md #11

def test_a_company_blurb_sentence_does_not_swallow_the_requirements():
    p, _ = derive("blurb_then_requirements.txt")
    assert groups(p.required) == {("python",), ("sql",), ("statistics",)}
    assert p.dropped_lines == 1


def test_an_eeo_paragraph_is_boilerplate_to_its_end_only(tmp_path):
    f = tmp_path / "eeo.txt"
    f.write_text("Title: Data Scientist\nRequirements\n- Python\n- SQL\n\n"
                 "We are an equal opportunity employer and consider every applicant without regard "
                 "to race or religion.\nOur insurance team uses Salesforce daily.\n\n"
                 "Nice to have\n- Spark\n")
    p = derive_posting(f, matcher=NaiveMatcher())  # type: ignore[arg-type]
    assert groups(p.required) == {("python",), ("sql",)} and hard(p.preferred) == {("apache-spark",)}
    assert not {s for r in p.required + p.preferred for s in r.any_of} & {"salesforce"}


def test_a_benefits_list_announced_with_a_colon_stays_boilerplate(tmp_path):
    f = tmp_path / "perks.txt"
    f.write_text("Title: Data Scientist\nRequirements\n- Python\n- SQL\n- Statistics\n"
                 "That is why we offer:\nTableau training\nEducation reimbursement\nPython Insurance\n")
    p = derive_posting(f, matcher=NaiveMatcher())  # type: ignore[arg-type]
    assert groups(p.required) == {("python",), ("sql",), ("statistics",)}
    assert all(r.evidence != "Tableau training" for r in p.required + p.preferred)


def test_an_or_group_stays_when_a_member_is_required_alone(tmp_path):
    f = tmp_path / "or.txt"
    f.write_text("Title: Data Scientist\nRequirements\n- Python\n- Python or R for analysis\n- SQL\n")
    p = derive_posting(f, matcher=NaiveMatcher())  # type: ignore[arg-type]
    assert groups(p.required) == {("python",), ("python", "r"), ("sql",)}


def test_a_slash_joins_only_the_two_names_beside_it(tmp_path):
    f = tmp_path / "slash.txt"
    f.write_text("Title: Data Engineer\nRequirements\n- Python, SQL, Spark for batch/streaming work\n"
                 "- Docker, Kafka, CI/CD and Airflow/dbt\n- Python / R\n")
    p = derive_posting(f, matcher=NaiveMatcher())  # type: ignore[arg-type]
    assert groups(p.required) == {("python",), ("sql",), ("apache-spark",), ("airflow", "dbt"),
                                  ("docker",), ("kafka",), ("ci-cd",), ("python", "r")}


def test_a_wrapped_word_alone_on_a_line_is_no_heading():
    p, _ = derive("wrapped_nice_to_have.txt")
    assert groups(p.required) == {("python",), ("sql",), ("docker",)}
    assert hard(p.preferred) == {("kafka",), ("apache-spark",)}


# ---------------------------------------------------------------- issue 15, item 8

def test_alternatives_wishes_in_requirements_and_mentoring():
    p = real("backend_wishes_in_requirements.txt")
    req = {r.any_of for r in p.required}
    # "the ideal candidate has" under Requirements is a requirement; '5 years plus' no wish
    assert {("python",), ("kubernetes",)} <= req
    # "Go or Scala is a plus": both, as alternatives
    assert ("go", "scala") in {r.any_of for r in p.preferred}
    soft = [(r.any_of, r.asked) for r in p.preferred if r.soft]
    assert (("mentoring",), True) in soft
    assert p.years == (5.0, None)


def test_requirement_phrasing_outside_a_section_still_decides(tmp_path):
    f = tmp_path / "prose.txt"
    f.write_text("Data Scientist\nThe ideal candidate has experience with Python and SQL and "
                 "Spark.\n")
    p = derive_posting(f, matcher=NaiveMatcher())  # type: ignore[arg-type]
    # no requirements heading: 'ideal candidate' reads as a wish, and wishes alone are required
    assert groups(p.required) == {("python",), ("sql",), ("apache-spark",)}


def test_knowledge_of_go_or_rust_gives_both_with_the_real_matcher(tmp_path):
    f = tmp_path / "go.txt"
    f.write_text("Title: Platform Engineer\nRequirements\n- Python\n- Knowledge of Go or Rust\n"
                 "- Experience with Python and/or Java desirable\n")
    p = derive_posting(f)
    assert ("go", "rust") in {r.any_of for r in p.required}
    assert ("java", "python") in {tuple(sorted(r.any_of)) for r in p.preferred} | {
        tuple(sorted(r.any_of)) for r in p.required}


def test_terminal_stage_says_where_it_came_from():
    r = CliRunner().invoke(main, ["jd", str(HERE / "backend_wishes_in_requirements.txt")])
    assert r.exit_code == 0, r.output
    assert "Stage: senior (from the title)" in r.output and "(senior)" not in r.output
    assert "- Go or Scala" in r.output
    assert "Soft skills (1):\n    - Mentoring (asked for)" in r.output
    r = CliRunner().invoke(main, ["jd", str(HERE / "wishes_only.txt")])
    assert "Stage: mid (no seniority stated)" in r.output


# ---------------------------------------------------------------- --jd: keywords and job title

JD_CV = b"""Ana Costa
Sr. Data Scientist
ana.costa@example.org | +44 20 7946 0018

Experience
Data Scientist, Tidewater Bank    Jan 2021 - Present
- Built churn models in Python and SQL; Python notebooks reviewed weekly
- Always willing to go the extra mile for the risk team
Data Analyst, Harbour Retail    2018 - 2020
- Tableau dashboards over SQL

Skills
Python, SQL, Tableau, scikit-learn
"""

JD = ("Title: Senior Data Scientist\nRequirements\n- Python and SQL; Python for modelling\n"
      "- Spark\n- Go or Scala is a plus\n- Ability to mentor junior analysts\n\nBenefits\n"
      "- Python Insurance and SQL snacks\n")


def test_jd_report_counts_the_postings_keywords_in_posting_and_cv(tmp_path):
    from resume_match import api
    jd = tmp_path / "jd.txt"
    jd.write_text(JD)
    report = api.analyse(JD_CV, name="cv.txt", jd=jd)
    pm = report.posting
    assert pm is not None and pm.title == "Senior Data Scientist" and pm.role.startswith("posting-")
    counts = {k.id: (k.kind, k.in_posting, k.in_cv) for k in pm.keywords}
    # the benefits line is no mention; the CV says Python three times, SQL twice... in its lines
    assert counts["python"] == ("required", 2, 3)
    assert counts["sql"] == ("required", 1, 3)
    assert counts["apache-spark"] == ("required", 1, 0)
    # 'go the extra mile' is no mention of Go: the CV's skills do not include it
    assert counts["go"] == ("preferred", 1, 0) and counts["scala"] == ("preferred", 1, 0)
    assert counts["mentoring"][0] == "soft"
    assert [k.kind for k in pm.keywords] == sorted((k.kind for k in pm.keywords),
                                                   key=["required", "preferred", "soft"].index)


@pytest.mark.parametrize("posting_title,match,cv_title,where", [
    ("Data Scientist", "exact", "Sr. Data Scientist", "headline"),
    ("Senior Data Scientist", "close", "Sr. Data Scientist", "headline"),
    ("Data Analyst", "exact", "Data Analyst", "position"),
    ("Lead Data Scientist", "close", "Sr. Data Scientist", "headline"),     # lead: senior too
    ("Data Science Manager", "partial", "Sr. Data Scientist", "headline"),
    ("Machine Learning Engineer", "none", "Sr. Data Scientist", "headline"),
])
def test_job_title_match(posting_title, match, cv_title, where):
    from resume_match import api
    from resume_match.postings.keywords import title_match
    tm = title_match(posting_title, api.read(JD_CV, name="cv.txt"))
    assert (tm.match, tm.cv_title, tm.where) == (match, cv_title, where)


def test_jd_part_of_the_report_only_when_a_posting_was_given(tmp_path):
    from resume_match import api, render
    jd = tmp_path / "jd.txt"
    jd.write_text(JD)
    with_jd, without = api.analyse(JD_CV, name="cv.txt", jd=jd), api.analyse(JD_CV, name="cv.txt")
    text = render.render_terminal(with_jd)
    assert "Job posting: Senior Data Scientist" in text
    assert "Job title: your headline says \u201cSr. Data Scientist\u201d, the posting" in text
    assert re.search(r"Apache Spark\s+required\s+1\s+0  not in CV", text)
    md = render.render_markdown(with_jd)
    assert "## Job posting: Senior Data Scientist" in md and "| Python | required | 2 | 3 |" in md
    html = render.render_html(with_jd)
    assert 'id="posting-keywords"' in html and "not in CV" in html
    for out in (render.render_terminal(without), render.render_markdown(without),
                render.render_html(without)):
        assert "Job posting" not in out and "posting-keywords" not in out


def test_cli_jd_report_json_has_the_posting(tmp_path):
    jd = tmp_path / "jd.txt"
    jd.write_text(JD)
    cv = tmp_path / "cv.txt"
    cv.write_bytes(JD_CV)
    r = CliRunner().invoke(main, [str(cv), "--jd", str(jd), "--json"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.output)
    assert d["posting"]["title_match"]["match"] == "close"
    assert [f["role"] for f in d["fits"]] == [d["posting"]["role"]]


@pytest.mark.parametrize("raw,title", [
    ("NLP Scientist - Remote (US)", "NLP Scientist"),
    ("Data Analyst | Austin, TX", "Data Analyst"),
    ("ML Engineer - Contract - Remote", "ML Engineer"),
    ("Senior Data Engineer - New York", "Senior Data Engineer"),
    ("Software Engineer - Machine Learning", "Software Engineer - Machine Learning"),  # what, kept
    ("Engineer - AI in Health", "Engineer - AI in Health"),      # 'in' is no state code here
])
def test_title_tails_that_say_where_or_how_are_dropped(raw, title):
    from resume_match.postings.derive import _tidy_title
    assert _tidy_title(raw) == title


def test_a_skill_stands_for_what_it_implies_when_choosing_the_role(tmp_path):
    """'Microsoft SQL Server' asks for SQL: the analyst role's SQL requirement is met."""
    f = tmp_path / "bi.txt"
    f.write_text("Job Description\nBusiness Intelligence Developer\nThe BI Developer designs reports "
                 "and dashboards in Power BI and maintains SSIS packages and SQL Server data models.\n")
    p = derive_posting(f)
    assert p.closest_role == "data-analyst"
    from resume_match.match.roles import load_role
    from resume_match.postings.derive import _skill_similarity
    analyst = load_role("data-analyst")
    server = (PostingSkill(("sql-server",), ("Microsoft SQL Server",), True, 1.0, ""),)
    assert _skill_similarity(server, (), analyst) > 0


def test_a_name_before_a_preamble_in_a_run_on_is_kept():
    """'..., Keras, Chainer Proficiency with SQL': the preamble goes, Chainer stays."""
    from resume_match.postings.text import matcher_view
    view = matcher_view("frameworks such as Keras, Chainer Proficiency with SQL")
    assert "Keras, Chainer" in view and "SQL" in view
    assert matcher_view("3-5 years of hands-on experience with Spark") == "Spark"
    assert matcher_view("Must have experience with Go, and knowledge of Rust") == "Go, and Rust"


def test_a_posting_all_under_about_us_is_read_when_nothing_else_names_skills(tmp_path):
    f = tmp_path / "about.txt"
    f.write_text("Title: Data Scientist\nAbout us\nWe are a small fintech in Porto. You will build "
                 "models in Python, SQL and Spark.\nWe offer health insurance and Tableau training.\n")
    p = derive_posting(f, matcher=NaiveMatcher())  # type: ignore[arg-type]
    assert groups(p.required) == {("python",), ("sql",), ("apache-spark",)}
    assert all(r.weight == 0.5 for r in p.required)     # named in prose, not asked: duty weight
    assert p.closest_role == "data-scientist"


# ---------------------------------------------------------------- issue 12 part 6: titles in other languages

@pytest.mark.parametrize("title,closest,stage", [
    ("Científico de Datos", "data-scientist", "mid"),
    ("Científica de Datos Sénior", "data-scientist", "senior"),
    ("Cientista de Dados", "data-scientist", "mid"),
    ("Datenwissenschaftlerin (m/w/d)", "data-scientist", "mid"),
    ("Scientifique des données", "data-scientist", "mid"),
    ("Ingeniero de Aprendizaje Automático", "ml-engineer", "mid"),
    ("Ingénieur en apprentissage automatique", "ml-engineer", "mid"),
    ("Engenheiro de Machine Learning Júnior", "junior-ml-engineer", "entry"),
    ("Analista de Datos", "data-analyst", "mid"),
    ("Analyste de données", "data-analyst", "mid"),
    ("Datenanalyst", "data-analyst", "mid"),
    ("Investigadora en Inteligencia Artificial", "research-scientist", "mid"),
    ("Chercheur en intelligence artificielle", "research-scientist", "mid"),
    ("Wissenschaftlicher Mitarbeiter (m/w/d) Maschinelles Lernen", "research-assistant", "entry"),
    ("Asistente de Investigación", "research-assistant", "entry"),
    ("Cientista Aplicado", "applied-scientist", "mid"),
    ("Arquitecto de Machine Learning", "ml-architect", "mid"),
    ("Architekt für Künstliche Intelligenz", "ml-architect", "mid"),
    ("Gerente de Producto de IA", "ai-product-manager", "mid"),
    ("Produktmanagerin KI", "ai-product-manager", "mid"),
])
def test_a_title_in_another_language_says_the_closest_role(tmp_path, title, closest, stage):
    """Spanish, French, German and Portuguese titles read by the same rules as English ones;
    a title alone is never refused."""
    f = tmp_path / "t.txt"
    f.write_text(title + "\n", encoding="utf-8")
    p = derive_posting(f, matcher=NaiveMatcher())  # type: ignore[arg-type]
    assert (p.closest_role, p.stage) == (closest, stage)
    assert p.title_known


def test_english_titles_are_untouched_by_the_translations():
    from resume_match.postings.derive import title_tokens
    from resume_match.postings.text import english_title
    # a state code after a comma is no 'IA' (inteligencia artificial)
    assert "ml" not in title_tokens("Senior Data Scientist - Des Moines, IA")
    assert english_title("Lead Data Engineer") == "lead data engineer"
    assert title_tokens("Senior ML Engineer, IA team") >= {"ml", "engineer"}


def test_a_posting_in_spanish_reads_its_sections_years_and_wishes(tmp_path):
    f = tmp_path / "es.txt"
    f.write_text("Científico de Datos Sénior\n\nSobre nosotros\nSomos una empresa de logística y "
                 "usamos Salesforce en ventas.\n\nRequisitos\n- 5 años de experiencia con Python y "
                 "SQL\n- Experiencia con Airflow\n\nDeseable\n- Conocimientos de Spark\n\n"
                 "Ofrecemos\n- Seguro médico y cursos de Tableau\n", encoding="utf-8")
    p = derive_posting(f, matcher=NaiveMatcher())  # type: ignore[arg-type]
    assert groups(p.required) == {("python",), ("sql",), ("airflow",)}
    assert hard(p.preferred) == {("apache-spark",)}
    assert p.years == (5.0, None) and p.stage == "senior" and p.closest_role == "data-scientist"


@pytest.mark.parametrize("line,want", [
    # after a requirement, a parenthesised list gives examples: each is asked
    ("- 4+ years building backend services (Python, Kubernetes, Kafka)",
     {("python",), ("kubernetes",), ("kafka",)}),
    # after 'a <kind>' it names alternatives
    ("- Experience with a modelling framework (PyTorch, TensorFlow)",
     {("pytorch", "tensorflow")}),
    # a cue word inside decides on its own
    ("- Cloud data work (Spark or Kafka)", {("apache-spark", "kafka")}),
])
def test_a_parenthesised_list_is_examples_unless_it_names_one_of_a_kind(tmp_path, line, want):
    f = tmp_path / "p.txt"
    f.write_text("Title: Backend Engineer\nRequirements\n" + line + "\n")
    p = derive_posting(f, matcher=NaiveMatcher())  # type: ignore[arg-type]
    assert groups(p.required) == want
