"""Every report validates against resume_match/report.schema.json (JSON Schema draft 2020-12)."""
from __future__ import annotations

import copy
import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pdfgen
import pytest

from resume_match import api

TEXT_CV = b"""Maria Lopez
Austin, TX | +1 512 555 0188 | maria.lopez@example.org | github.com/mlopez

Summary
Machine learning engineer building NLP systems.

Work Experience
ML Engineer, Texas Health Labs    Mar 2020 - Present
Data Analyst | City of Austin | 2017 - 2020

Education
M.S. in Computer Science, University of Texas at Austin, 2017

Skills
Python, PyTorch, SQL
"""


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(resources.files("resume_match").joinpath("report.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def report_of(source: str | Path | bytes, name: str | None = None) -> dict[str, Any]:
    report = api.analyse(source, name=name).to_dict()
    return json.loads(json.dumps(report))          # exactly what --json prints


@pytest.mark.parametrize("maker", ["make_one_column", "make_two_column", "make_sidebar",
                                   "make_header_footer", "make_image_only"])
def test_reports_of_generated_pdfs_validate(maker: str, tmp_path: Path,
                                            validator: jsonschema.Draft202012Validator) -> None:
    path = getattr(pdfgen, maker)(tmp_path / f"{maker}.pdf")
    validator.validate(report_of(path))


def test_report_of_a_docx_validates(tmp_path: Path, validator: jsonschema.Draft202012Validator) -> None:
    validator.validate(report_of(pdfgen.make_docx(tmp_path / "cv.docx")))


def test_report_of_a_text_cv_validates_and_is_filled(validator: jsonschema.Draft202012Validator) -> None:
    report = report_of(TEXT_CV, name="cv.txt")
    validator.validate(report)
    assert report["contact"]["phone"] == "+15125550188"
    assert report["education"]["highest_degree"] == "master"
    assert [p["start"] for p in report["experience"]["positions"]] == ["2020-03", "2017"]
    assert {s["kind"] for s in report["sections"]} >= {"header", "summary", "experience", "education", "skills"}


@pytest.mark.parametrize("path, bad", [
    (("sections", 0, "kind"), "work"),                 # not a canonical kind
    (("education", "highest_degree"), "masters"),
    (("experience", "positions", 0, "start"), "March 2020"),
    (("contact", "phone"), "call me"),
    (("skills", 0, "known"), "yes"),                   # a flag, not a word
    (("skills", 0, "matched"), []),                    # a reported skill names its words
])
def test_schema_rejects_a_broken_report(path: tuple, bad: Any,
                                        validator: jsonschema.Draft202012Validator) -> None:
    report = copy.deepcopy(report_of(TEXT_CV, name="cv.txt"))
    node = report
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = bad
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(report)


def test_schema_requires_the_contract_fields(validator: jsonschema.Draft202012Validator) -> None:
    report = report_of(TEXT_CV, name="cv.txt")
    del report["education"]
    assert not validator.is_valid(report)
    report = report_of(TEXT_CV, name="cv.txt")
    del report["soft_skills"]
    assert not validator.is_valid(report)


def test_a_report_with_a_posting_validates_and_has_the_posting(
        tmp_path: Path, validator: jsonschema.Draft202012Validator) -> None:
    jd = tmp_path / "jd.txt"
    jd.write_text("Title: ML Engineer\nRequirements\n- Python and SQL\n- PyTorch\n- Kubernetes\n")
    report = json.loads(json.dumps(api.analyse(TEXT_CV, name="cv.txt", jd=jd).to_dict()))
    validator.validate(report)
    posting = report["posting"]
    assert posting["title_match"] == {"posting_title": "ML Engineer", "cv_title": "ML Engineer",
                                      "where": "current position", "match": "exact"}
    counts = {k["id"]: (k["kind"], k["in_posting"], k["in_cv"]) for k in posting["keywords"]}
    assert counts["python"] == ("required", 1, 1) and counts["kubernetes"] == ("required", 1, 0)
    broken = copy.deepcopy(report)
    broken["posting"]["keywords"][0]["kind"] = "mandatory"
    assert not validator.is_valid(broken)
    # no posting, no posting field
    assert "posting" not in report_of(TEXT_CV, name="cv.txt")
