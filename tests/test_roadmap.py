"""Career roadmap: best-fit role, next roles with gaps and plans, and each pitfall with evidence.

Candidates are built directly (the roadmap is pure), so every pitfall is shown triggered and not
triggered on a CV that differs in just that respect.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from resume_match.match.roles import list_roles
from resume_match.cli import main
from resume_match.errors import InputError
from resume_match.models import (Candidate, Contact, Education, EducationEntry, Evidence,
                                 Experience, Line, Section, SkillHit)
from resume_match.match.roadmap import build_roadmap, find_pitfalls
from resume_match.match.roles import load_role

CATEGORY = {"python": "language", "sql": "database", "pandas": "data-tool", "git": "software-practice",
            "pytest": "software-practice", "pytorch": "ml-framework", "nlp": "nlp",
            "computer-vision": "computer-vision", "machine-learning": "ml-method",
            "tableau": "visualisation", "excel": "office", "statistics": "math-statistics",
            "data-visualization": "visualisation", "data-cleaning": "data-tool",
            "spacy": "nlp", "deep-learning": "ml-method"}

ANALYST_BULLETS = ["Built weekly sales dashboards in Tableau used by 40 store managers",
                   "Cut report preparation time by 30% by automating Excel exports with Python"]


def cand(skills: list[str], *, bullets: list[str] | None = None, links: tuple[str, ...] = (),
         name: str = "Ada Example") -> Candidate:
    """A CV: an experience section with `bullets`, a skills section listing `skills`."""
    bullets = ANALYST_BULLETS if bullets is None else bullets
    exp = Section("experience", "Experience", 1, tuple(Line(b, 1) for b in bullets))
    listed = ", ".join(skills)
    sk = Section("skills", "Skills", 1, (Line(listed, 1),))
    hits = tuple(SkillHit(s, s.replace("-", " "), CATEGORY.get(s, "other"),
                          (Evidence("skills", 1, listed),), False) for s in skills)
    return Candidate(source="cv.pdf", readable=True, unreadable_reason=None, name=name,
                     contact=Contact(email="ada@example.com", links=links), sections=(exp, sk),
                     skills=hits, experience=Experience(years=2.0),
                     education=Education("bachelor", (EducationEntry("BSc", "bachelor",
                                                                      "Statistics", "Uni", 2020),)),
                     certifications=())


def pitfall(c: Candidate, pid: str):
    return next(p for p in find_pitfalls(c) if p.id == pid)


BASE = ["python", "sql", "pandas", "git", "pytest", "machine-learning", "nlp", "computer-vision"]


# ---------------------------------------------------------------- pitfalls, each both ways

def test_no_version_control_or_testing():
    """Shown when neither shows anywhere; one of the two is noted, not flagged."""
    shown = pitfall(cand([s for s in BASE if s not in ("git", "pytest")]), "no-engineering-practice")
    assert shown.shown and "No version control and no testing" in shown.evidence
    only_git = pitfall(cand([s for s in BASE if s != "pytest"]), "no-engineering-practice")
    assert not only_git.shown and "no testing found" in only_git.evidence and "git" in only_git.evidence
    ok = pitfall(cand(BASE), "no-engineering-practice")
    assert not ok.shown and "pytest" in ok.evidence


def test_testing_named_in_a_bullet_counts_without_a_skill_hit():
    c = cand([s for s in BASE if s not in ("pytest", "git")],
             bullets=ANALYST_BULLETS + ["Added unit tests and code review to the team's pipeline"])
    ok = pitfall(c, "no-engineering-practice")
    assert not ok.shown and "unit tests" in ok.evidence


def test_single_specialty():
    only_nlp = pitfall(cand([s for s in BASE if s != "computer-vision"] + ["spacy"]), "single-specialty")
    assert only_nlp.shown and "Only one ML domain shows: NLP" in only_nlp.evidence
    assert "computer vision" in only_nlp.evidence        # names what is missing
    two = pitfall(cand(BASE), "single-specialty")
    assert not two.shown and "NLP" in two.evidence and "computer vision" in two.evidence
    none = pitfall(cand(["python", "sql"]), "single-specialty")
    assert not none.shown
    # forecasting in a finance CV with no ML methods is no ML specialty
    assert not pitfall(cand(["excel", "forecasting"]), "single-specialty").shown
    assert pitfall(cand(["excel", "forecasting", "machine-learning"]), "single-specialty").shown


def test_no_portfolio_or_code_link():
    shown = pitfall(cand(BASE, links=("linkedin.com/in/ada",)), "no-portfolio")
    assert shown.shown and "linkedin.com/in/ada" in shown.evidence
    ok = pitfall(cand(BASE, links=("linkedin.com/in/ada", "https://github.com/ada")), "no-portfolio")
    assert not ok.shown and "github.com/ada" in ok.evidence
    in_text = cand(BASE, bullets=ANALYST_BULLETS + ["Code and notebooks at gitlab.com/ada/churn"])
    assert not pitfall(in_text, "no-portfolio").shown
    site = pitfall(cand(BASE, links=("linkedin.com/in/ada", "ada-lovelace.dev")), "no-portfolio")
    assert not site.shown and "ada-lovelace.dev" in site.evidence
    social = pitfall(cand(BASE, links=("twitter.com/ada", "linkedin.com/in/ada")), "no-portfolio")
    assert social.shown


def test_no_measurable_impact():
    vague = ["Built dashboards for the sales team", "Jan 2019 - Dec 2021 Data Analyst, Acme 2019",
             "Improved reporting processes across the company",
             "Deployed models to AWS EC2 and S3 with GPT-4 prompts"]
    shown = pitfall(cand(BASE, bullets=vague), "no-measurable-impact")
    assert shown.shown and "None of the 4" in shown.evidence   # dates and names are not impact
    ok = pitfall(cand(BASE), "no-measurable-impact")
    assert not ok.shown and ok.evidence.startswith("2 of 2") and "40 store managers" in ok.evidence


def test_algorithms_without_data_work():
    shown = pitfall(cand(["python", "pytorch", "deep-learning", "git"],
                         bullets=["Trained transformer models for 3 research projects"]),
                    "algorithms-without-data")
    assert shown.shown and "pytorch" in shown.evidence
    ok = pitfall(cand(["python", "pytorch", "sql"]), "algorithms-without-data")
    assert not ok.shown and "sql" in ok.evidence
    no_ml = pitfall(cand(["excel", "tableau"]), "algorithms-without-data")
    assert not no_ml.shown


# ---------------------------------------------------------------- best fit, next roles, plans

def test_roadmap_best_fit_next_roles_and_learning_plan():
    c = cand(["sql", "excel", "tableau", "statistics", "data-visualization", "python",
              "data-cleaning", "git"])
    rm = build_roadmap(c)
    assert rm.now.role == "data-analyst"
    assert [s.role for s in rm.next] == list(load_role("data-analyst").next_roles)
    for step in (rm.now, *rm.next):
        weights = [(not g.required, -g.weight) for g in step.gap]
        assert weights == sorted(weights)                   # required first, heaviest first
        assert step.missing_count >= len(step.gap)
        for g in step.gap:
            assert g.advice and (g.courses or g.projects)
    assert rm.next[0].gap, "the next role should show a gap"
    assert any(g.certifications for s in rm.next for g in s.gap)


def _gap_for(role_id: str, skill: str, role=None):
    """The learning step the roadmap gives for one missing skill of a role."""
    from resume_match.match.roadmap import _learning
    from resume_match.models import MissingSkill
    role = role or load_role(role_id)
    req = next((r for r in role.required + role.preferred if skill in r.any_of), None)
    sid = req.any_of[0] if req else skill
    return _learning(MissingSkill(sid, (req.label if req else "") or sid, True, 1, ""), role)


def _words(step) -> str:
    return " ".join((step.advice, step.area, *step.courses, *step.certifications, *step.projects)).lower()


@pytest.mark.parametrize("role_id, skill, area, never", [
    ("senior-ml-engineer", "leadership", "leadership and mentoring", ("dashboard", "tableau")),
    ("ai-product-manager", "leadership", "leadership and mentoring", ("dashboard",)),
    ("senior-ml-engineer", "system-design", "ML system design and architecture", ("git",)),
    ("ml-architect", "system-design", "ML system design and architecture", ("git",)),
    ("ml-architect", "terraform", "infrastructure as code", ("git", "version control")),
    ("ml-engineer", "kubernetes", "deployment and MLOps", ("azure", "aws ", "google cloud")),
])
def test_plans_follow_the_skills_own_area(role_id: str, skill: str, area: str, never) -> None:
    step = _gap_for(role_id, skill)
    assert step.area == area
    assert not [w for w in never if w in _words(step)], _words(step)


def test_vendor_items_only_for_that_vendors_skills() -> None:
    from resume_match.match.roles import role_from_dict, role_to_dict
    aws_role = role_from_dict({**role_to_dict(load_role("data-scientist")),
                               "required": [{"skill": "aws", "weight": 1}], "preferred": [],
                               "learning": {}})
    aws = _gap_for("", "aws", aws_role)
    assert aws.certifications and all("AWS" in c for c in aws.certifications)
    assert "azure" not in _words(aws) and "google cloud" not in _words(aws)
    assert aws.advice.startswith("Deploy a trained model with aws")          # the plan's line
    group = _gap_for("data-scientist", "aws")                                 # "a cloud platform"
    assert [c.split()[0] for c in group.certifications] == ["AWS", "Google", "Microsoft"]
    pytorch_role = role_from_dict({**role_to_dict(aws_role), "required": [{"skill": "pytorch"}]})
    assert "tensorflow" not in " ".join(_gap_for("", "pytorch", pytorch_role).certifications).lower()


def test_a_skill_without_a_plan_says_so() -> None:
    from resume_match.match.roles import role_from_dict, role_to_dict
    role = role_from_dict({**role_to_dict(load_role("data-scientist")),
                           "required": [{"skill": "react", "weight": 1}], "preferred": [],
                           "learning": {"default": "Take an advanced course and lead a project."}})
    step = _gap_for("", "react", role)
    assert step.area == "no specific item" and not (step.courses or step.certifications or step.projects)
    assert step.advice.startswith("The roadmap has no learning item for react yet")
    assert "advanced course" not in step.advice                      # not the role's generic line


def test_the_roles_own_advice_comes_first() -> None:
    step = _gap_for("ml-architect", "terraform")
    assert step.advice == " ".join(load_role("ml-architect").learning["terraform"].split()) \
        or step.advice == load_role("ml-architect").learning["terraform"]


def test_roadmap_uses_the_reports_fits_and_rejects_unreadable_cvs():
    from resume_match.api import evaluate
    from resume_match.match.roles import list_roles
    c = cand(["sql", "excel", "tableau", "statistics"])
    report = evaluate(c, list_roles())
    assert build_roadmap(report).now.score == max(f.score for f in report.fits)
    bad = Candidate(source="scan.pdf", readable=False, unreadable_reason="no text layer (a scan?)",
                    name=None, contact=Contact(), sections=(), skills=(), experience=Experience(),
                    education=Education(), certifications=())
    with pytest.raises(InputError, match=r"scan.pdf: cannot build a roadmap: no text layer"):
        build_roadmap(bad)


def test_roadmap_json_lists_shown_and_avoided_pitfalls():
    d = build_roadmap(cand(["python", "pytorch"], bullets=["Trained models"])).to_dict()
    assert {p["id"] for p in d["pitfalls"]} >= {"no-engineering-practice", "no-portfolio",
                                               "algorithms-without-data"}
    assert all(p["shown"] for p in d["pitfalls"]) and not any(p["shown"] for p in d["avoided"])
    assert d["now"]["role"] and isinstance(d["next"], list)
    json.dumps(d)


def test_roadmap_html_is_self_contained_and_escapes_the_cv():
    from resume_match.render import render_roadmap_html
    html = render_roadmap_html(build_roadmap(cand(BASE, name="<script>alert(1)</script>")))
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "default-src 'none'" in html and "http://" not in html and "https://" not in html
    assert 'id="pitfall-no-portfolio"' in html and "Learning plan" in html


# ---------------------------------------------------------------- CLI

def test_cli_roadmap_terminal_json_html(tmp_path):
    cv = Path(__file__).resolve().parent.parent / "examples" / "data-scientist-cv.pdf"
    runner = CliRunner()
    r = runner.invoke(main, ["roadmap", str(cv)])
    assert r.exit_code == 0, r.output
    assert "Best fit now:" in r.output and "Common pitfalls this CV shows" in r.output
    out = tmp_path / "rm.html"
    r = runner.invoke(main, ["roadmap", str(cv), "--json", "--html", str(out)])
    assert r.exit_code == 0
    d = json.loads(r.stdout)
    assert d["now"]["role"] in {p.id for p in list_roles()}
    assert out.read_text().startswith("<!DOCTYPE html>")


def test_cli_roadmap_missing_file_is_one_line_error(tmp_path):
    r = CliRunner().invoke(main, ["roadmap", str(tmp_path / "nope.pdf")])
    assert r.exit_code == 1
    assert r.output.strip().splitlines()[-1] == f"Error: {tmp_path / 'nope.pdf'}: no such file"


def test_roadmap_data_names_only_taxonomy_skills():
    from resume_match.match.roadmap import roadmap_data
    from resume_match.skills.taxonomy import CATEGORIES, load_taxonomy
    tax, d = load_taxonomy(), roadmap_data()
    s = d["signals"]
    ids = set(s["version_control"]) | set(s["testing"]) | set(s["ml_methods"]["ids"]) | set(
        s["data_work"]["ids"])
    cats = set(s["ml_methods"]["categories"]) | set(s["data_work"]["categories"])
    for spec in s["specialties"].values():
        ids |= set(spec["ids"])
        cats |= set(spec["categories"])
    for plan in d["plans"]:
        ids |= set(plan.get("skills", ()))
        cats |= set(plan.get("categories", ()))
        assert (plan["courses"] or plan["projects"]) and "{skill}" in plan["advice"] or \
            plan.get("skills"), plan["area"]          # a category plan's line names the skill
    for vendor in d["vendors"].values():
        ids |= set(vendor["skills"])
    taken = [c for p in d["plans"] for c in p.get("categories", ())]
    assert len(taken) == len(set(taken)), "a category leads to one plan"
    assert sorted(i for i in ids if i not in tax.skills) == []
    assert sorted(c for c in cats if c not in CATEGORIES) == []
    assert set(d["pitfalls"]) == {"no-engineering-practice", "single-specialty", "no-portfolio",
                                  "no-measurable-impact", "algorithms-without-data"}
