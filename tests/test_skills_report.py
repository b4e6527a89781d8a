"""What the report says about each skill: the CV's own words (`matched`), the taxonomy's aliases,
`known` and `level`, and soft or business skills kept apart in `soft_skills`."""
from __future__ import annotations

import json

import pytest

from resume_match import api
from resume_match.models import Line, Section
from resume_match.skills import read_skills

CV = b"""Priya Raman
Pune, India | priya.raman@example.org

Summary
Data analyst who turns messy sales data into decisions.

Work Experience
Data Analyst, Blue Yonder Retail    Jan 2021 - Present
- Built Py-Torch demand models and Tableau dashboards for 40 stores
- Cleaned point-of-sale data in SQL; presented results to the regional sales team

Education
B.Sc. Statistics, University of Pune, 2020

Skills
SQL, Python, Excel, Tableau
Communication, Teamwork, Event planning
"""


@pytest.fixture(scope="module")
def report() -> dict:
    return json.loads(json.dumps(api.analyse(CV, name="cv.txt", roles=["data-analyst"]).to_dict()))


def section(kind: str, *texts: str) -> Section:
    return Section(kind=kind, heading=kind.title(), page=1,
                   lines=tuple(Line(text=t, page=1) for t in texts))


def test_each_skill_says_which_words_matched_and_its_aliases(report):
    skills = {s["id"]: s for s in report["skills"]}
    torch = skills["pytorch"]
    assert torch["name"] == "PyTorch" and torch["matched"] == ["Py-Torch"]
    assert "torch" in torch["aliases"] and torch["known"] is True and torch["level"] is None
    assert skills["sql"]["matched"] == ["SQL"]


def test_soft_and_business_skills_are_apart_from_technical_ones(report):
    tech = [s["id"] for s in report["skills"]]
    soft = [s["id"] for s in report["soft_skills"]]
    assert soft == ["communication", "teamwork", "event-planning"]
    assert not set(soft) & set(tech) and {"sql", "python", "excel", "tableau"} <= set(tech)


def test_soft_skills_still_count_in_a_fit(report):
    """The data-analyst role prefers communication: a soft skill earns that credit."""
    fit = report["fits"][0]
    assert "communication" in [m["id"] for m in fit["matched"]]


def test_a_spelling_written_twice_is_matched_once(matcher):
    tech, soft = read_skills((section("skills", "Python, SQL"),
                              section("experience", "Wrote python jobs", "More Python")), matcher)
    py = next(h for h in tech if h.id == "python")
    assert py.matched == ("Python", "python") and soft == ()
