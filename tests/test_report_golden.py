"""Golden files for the JSON, HTML, Markdown and CV outputs of one hand-built report.

The report is built from dataclasses (tests/report_samples.py), not by reading a PDF, so these
files change only when rendering changes. Volatile fields are frozen before rendering.
Regenerate after an intended change with:  UPDATE_GOLDEN=1 pytest tests/test_report_golden.py
"""
from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest

from report_samples import build_report
from resume_match import render
from resume_match.models import Report

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def frozen(report: Report) -> Report:
    """The report with fields that vary between machines or runs pinned."""
    cand = report.candidate
    doc = cand.document and dataclasses.replace(cand.document, source="cv.pdf")
    return dataclasses.replace(report, candidate=dataclasses.replace(cand, source="cv.pdf", document=doc))


OUTPUTS = {
    "report.json": lambda r: render.render_json(r) + "\n",
    "report.html": lambda r: render.render_html(r, cv_href="cv.html"),
    "report.md": render.render_markdown,
    "cv-classic.html": lambda r: render.render_cv(r, "classic"),
    "cv-template-a.html": lambda r: render.render_cv(r, "template-a"),
    "cv-template-b.html": lambda r: render.render_cv(r, "template-b"),
    "cv-executive.html": lambda r: render.render_cv(r, "executive"),
}


@pytest.fixture(scope="module")
def report() -> Report:
    return frozen(build_report())


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_matches_golden(report: Report, name: str) -> None:
    got = OUTPUTS[name](report)
    path = GOLDEN / name
    if UPDATE:
        path.write_text(got, encoding="utf-8")
    assert path.exists(), f"{path} missing: run UPDATE_GOLDEN=1 pytest {Path(__file__).name}"
    want = path.read_text(encoding="utf-8")
    assert got == want, (f"{name} differs from its golden file; if the change is intended, "
                         f"run UPDATE_GOLDEN=1 pytest tests/{Path(__file__).name}")


def test_golden_json_contract(report: Report) -> None:
    data = json.loads((GOLDEN / "report.json").read_text(encoding="utf-8"))
    assert data["source"] == "cv.pdf" and data["name"] == "Jane Doe"
    assert set(data["ats"]) == {"score", "checks"} and 0 <= data["ats"]["score"] <= 100
    assert {c["id"] for c in data["ats"]["checks"]} >= {"text_layer", "contact", "headings"}
    for c in data["ats"]["checks"]:
        assert set(c) == {"id", "title", "status", "evidence", "advice"}
    assert data["template"]["name"] == "Classic CV" and data["template"]["reasons"]
    assert data["best_role"] == "ml-engineer"


def test_frozen_fields_do_not_leak(report: Report) -> None:
    assert "examples/jane-doe-cv.pdf" not in render.render_json(report)
    assert "examples/jane-doe-cv.pdf" not in render.render_html(report)


def test_golden_json_matches_the_published_schema() -> None:
    from importlib import resources

    import jsonschema
    schema = json.loads(resources.files("resume_match").joinpath("report.schema.json").read_text("utf-8"))
    jsonschema.validate(json.loads((GOLDEN / "report.json").read_text(encoding="utf-8")), schema)
