"""The bundled example CV (examples/data-scientist-cv.pdf) through every output a user sees:
its second degree with institution, campus and year, and its years from the dated positions
counted to the file's own date, with that date named (issue 15, items 1 and 2)."""
from __future__ import annotations

import html as htmllib
import json
import re
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner

from resume_match.cli import main

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "data-scientist-cv.pdf"
DEGREE = "B.S. in Mathematics, University of California, Davis"


def _text(page: str) -> str:
    page = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", page)
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", page)).split())


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("example")
    runner = CliRunner()
    got = {}
    for fmt in ("text", "json", "markdown"):
        result = runner.invoke(main, [str(EXAMPLE), "--format", fmt])
        assert result.exit_code == 0, result.output
        got[fmt] = result.stdout
    result = runner.invoke(main, [str(EXAMPLE), "--html", str(out / "r.html"),
                                  "--cv-out", str(out / "cv.html")])
    assert result.exit_code == 0, result.output
    got["html"] = _text((out / "r.html").read_text(encoding="utf-8"))
    got["cv"] = _text((out / "cv.html").read_text(encoding="utf-8"))
    return got


def _file_month() -> tuple[int, int]:
    with pdfplumber.open(EXAMPLE) as pdf:
        m = re.match(r"D:(\d{4})(\d{2})", pdf.metadata["CreationDate"])
    assert m
    return int(m.group(1)), int(m.group(2))


def test_second_degree_keeps_institution_campus_and_year_in_every_output(outputs: dict[str, str]) -> None:
    data = json.loads(outputs["json"])
    assert {"degree": "B.S. in Mathematics", "level": "bachelor", "field": "Mathematics",
            "institution": "University of California, Davis", "year": 2016} in data["education"]["entries"]
    for name in ("text", "markdown", "html"):
        assert f"{DEGREE}, 2016" in outputs[name], name
        assert "University of California, 2018" not in outputs[name], name
    assert f"{DEGREE} 2016" in outputs["cv"]          # the degree line, its year at the right


def test_years_come_from_the_dated_positions_counted_to_the_files_date(outputs: dict[str, str]) -> None:
    """Jun 2018 - Dec 2020 and Jan 2021 - Present, months counted inclusive up to the month
    the PDF was made; not the 'six years' of its summary."""
    year, month = _file_month()
    months = (2020 * 12 + 12 - (2018 * 12 + 6) + 1) + (year * 12 + month - (2021 * 12 + 1) + 1)
    exp = json.loads(outputs["json"])["experience"]
    when = f"{year}-{month:02d}"
    assert (exp["years"], exp["as_of"]) == (round(months / 12, 1), when)
    assert exp["basis"] == f"the file's own date ({when})"
    said = f"counted to the file's own date ({when})"
    for name in ("text", "markdown", "html"):
        assert said in " ".join(outputs[name].split()), name
        assert "stated in the CV" not in outputs[name], name
    fit = json.loads(outputs["json"])["fits"][0]
    detail = fit["components"]["experience"]["detail"]
    assert f"(from 2 dated positions, {said})" in detail
