"""DOCX reader: order, tables, text boxes (read once), headings, headers/footers, broken files."""
from __future__ import annotations

from pathlib import Path

import docx
import pytest

from resume_match.errors import InputError
from resume_match.extract import read_document


def test_docx_paragraphs_tables_and_text_boxes_in_order(fixtures_dir: Path) -> None:
    doc = read_document(fixtures_dir / "cv.docx")
    lines = [ln.text for ln in doc.lines]
    assert doc.kind == "docx" and doc.readable
    assert lines[:3] == ["Priya Raman", "priya.raman@example.com | +1 (415) 555-0142",
                         "linkedin.com/in/priya-raman | San Francisco, CA"]
    assert lines.count("priya.raman@example.com | +1 (415) 555-0142") == 1
    skills = lines.index("Skills")
    assert lines[skills + 1:skills + 7] == ["Languages", "Machine learning", "Tools",
                                            "Python, SQL, R", "scikit-learn, PyTorch, XGBoost",
                                            "Docker, Airflow, AWS"]
    assert doc.layout.tables == 1 and doc.layout.text_boxes == 1


def test_docx_headings_and_bold_runs(fixtures_dir: Path) -> None:
    doc = read_document(fixtures_dir / "cv.docx")
    by_text = {ln.text: ln for ln in doc.lines}
    assert by_text["Experience"].bold and by_text["Experience"].size == 13.0
    assert by_text["Priya Raman"].size == 14.0
    role = by_text["Senior Data Scientist, Lumen Analytics Jan 2021 – Present"]
    assert role.bold
    bullet = next(ln for ln in doc.lines if ln.text.startswith("Built a churn"))
    assert not bullet.bold and bullet.size == 11.0
    assert bullet.bullet and not role.bullet              # "List Bullet" paragraphs are items
    # python-docx's default template: theme fonts, Calibri for headings, Cambria for body
    assert by_text["Experience"].font == "Calibri" and bullet.font == "Cambria"
    assert doc.layout.fonts == ("Calibri", "Cambria")


def test_docx_header_and_footer_are_margin_lines(tmp_path: Path) -> None:
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "jane.doe@example.com | +44 20 7946 0958"
    d.sections[0].footer.paragraphs[0].text = "Jane Doe CV"
    d.add_paragraph("Jane Doe")
    d.add_paragraph("Machine learning engineer building NLP systems with PyTorch and Python.")
    path = tmp_path / "header.docx"
    d.save(str(path))
    doc = read_document(path)
    assert "jane.doe@example.com" not in doc.text
    assert [(ln.region, ln.text) for ln in doc.pages[0].margin_lines] == [
        ("header", "jane.doe@example.com | +44 20 7946 0958"), ("footer", "Jane Doe CV")]


def test_docx_without_text_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "blank.docx"
    docx.Document().save(str(path))
    doc = read_document(path)
    assert not doc.readable and "no text" in (doc.unreadable_reason or "")


def test_damaged_docx_is_a_one_line_error(fixtures_dir: Path, tmp_path: Path) -> None:
    data = (fixtures_dir / "cv.docx").read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError) as err:
        read_document(path)
    assert str(err.value).startswith(f"{path}: damaged DOCX") and "\n" not in str(err.value)
