"""--blind: nothing the batch writes names the candidate, their contacts, address or age."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import pdfgen
from resume_match.batch.folder import analyse_folder
from resume_match.render.blind import REDACTED, guess_name, scrub_text
from resume_match.extract.text import read_text

ANA = """Ana Lindqvist
221B Baker Street, London NW1 6XE | ana.lindqvist@example.net | +44 20 7946 0958
https://www.linkedin.com/in/ana-lindqvist

Summary
Data scientist who ships forecasting models in Python and SQL.

Experience
Data Scientist, Contoso, Mar 2019 - Present
- Built demand forecasting models with scikit-learn and Prophet; reported in Tableau.

Personal details
Date of birth: 14 March 1986

Education
MSc Computer Science, University of Leeds, graduated 2012
"""

# What must not appear anywhere in a blind batch's output (word-bounded, case-sensitive names).
SECRETS = [pdfgen.NAME, *pdfgen.NAME.split(), pdfgen.EMAIL, "555-0142", pdfgen.LINKEDIN,
           pdfgen.GITHUB, "San Francisco", "priya_raman", "2016",
           "Ana Lindqvist", "Lindqvist", "ana.lindqvist", "Baker Street", "NW1 6XE", "7946 0958",
           "linkedin.com/in/ana-lindqvist", "1986", "2012", "ana_cv"]


@pytest.fixture(scope="module")
def blind_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("blind") / "in"
    src.mkdir()
    pdfgen.make_one_column(src / "priya_raman.pdf")
    pdfgen.make_header_footer(src / "priya_raman_footer.pdf")
    (src / "ana_cv.txt").write_text(ANA)
    out = src.parent / "out"
    analyse_folder(src, ["data-scientist"], out_dir=out, workers=2, blind=True)
    return out


def all_output_text(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): p.read_text(errors="replace")
            for p in sorted(out.rglob("*")) if p.is_file()}


def test_blind_output_holds_no_name_contact_address_or_age(blind_out: Path) -> None:
    texts = all_output_text(blind_out)
    assert {"results.jsonl", "results.csv", "index.html"} <= set(texts)
    assert sum(k.startswith("reports/") for k in texts) == 3
    for name, text in texts.items():
        for secret in SECRETS:
            assert not re.search(rf"(?<!\w){re.escape(secret)}(?!\w)", text), f"{secret!r} in {name}"
        assert not re.search(r"[\w.+-]+@[\w-]+\.\w+", text), f"an email address in {name}"
    assert '<button type="button">Name</button>' not in texts["index.html"]   # no name column
    assert "Search (file, role, skills found)" in texts["index.html"]


def test_blind_rows_keep_scores_and_skills_under_pseudonyms(blind_out: Path, tmp_path: Path) -> None:
    rows = [json.loads(line) for line in (blind_out / "results.jsonl").read_text().splitlines()]
    assert all(re.fullmatch(r"cv-[0-9a-f]{12}\.(pdf|txt)", r["file"]) for r in rows)
    assert all(r["status"] == "ok" and r["file"][3:15] == r["sha256"][:12] for r in rows)
    src = tmp_path / "in"
    src.mkdir()
    (src / "ana_cv.txt").write_text(ANA)
    seen = analyse_folder(src, ["data-scientist"], out_dir=tmp_path / "out", workers=1)
    ana = next(r for r in rows if r["sha256"] == seen.rows[0].sha256)
    assert ana["scores"] == seen.rows[0].scores and ana["matched"] == list(seen.rows[0].matched)
    assert "Blind screening" in (blind_out / "index.html").read_text()


def test_scrub_text_removes_contacts_addresses_and_age_cues_but_keeps_work() -> None:
    text = ("Jo Bloggs, 12 High Street, Leeds LS1 4AB, jo@example.com, +44 113 496 0000, "
            "www.jobloggs.dev, born 1990, age: 34; built Spark pipelines 2019-2021")
    out = scrub_text(text)
    for gone in ("12 High Street", "LS1 4AB", "jo@example.com", "496 0000", "jobloggs.dev", "1990", "34"):
        assert gone not in out
    assert "built Spark pipelines 2019-2021" in out and REDACTED in out
    kept = "Led 5 engineers on the way to launch; won 1st Place"
    assert scrub_text(kept) == kept
    assert scrub_text("BSc Physics, 2009", education=True) == "BSc Physics, [year]"


def test_guess_name_takes_a_name_like_first_line_only() -> None:
    assert guess_name(read_text(b"Ana Lindqvist\nData Scientist\n", "a.txt")) == "Ana Lindqvist"
    assert guess_name(read_text(b"Curriculum vitae 2024\nAna\n", "a.txt")) is None
