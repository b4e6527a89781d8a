"""Text normalisation before parsing (extract/normalize.py): each rule on lines as real CVs
print them, and the whole chain through both PDF engines, DOCX and plain text."""
from __future__ import annotations

from pathlib import Path

import pytest

from resume_match.extract import read_document
from resume_match.extract.glyphs import WordBox, fix_mojibake
from resume_match.extract.normalize import (join_spaced_boxes, join_touching_boxes,
                                            normalize_line)
from resume_match.parse.sections import split_sections


@pytest.mark.parametrize("raw, want", [
    ("C O N T A C T", "CONTACT"),
    ("W O R K  E X P E R I E N C E", "WORK  EXPERIENCE"),
    ("Grades: A A B", "Grades: A A B"),                  # three letters may be grades
    ("D OCTORAL D EGREE", "DOCTORAL DEGREE"),
    ("V ISUALISATION", "VISUALISATION"),
    ("T ECHNICAL S KILLS", "TECHNICAL SKILLS"),          # one clear pair vouches for the line
    ("R ESEARCH E XPERIENCE", "RESEARCH EXPERIENCE"),
    ("C PROGRAMMING", "C PROGRAMMING"),                  # a language, then a word
    ("R STUDIO", "R STUDIO"),
    ("SQL, R, C ONLY", "SQL, R, C ONLY"),
    ("I ORGANIZED A TEAM", "I ORGANIZED A TEAM"),
    ("V ISUALISATION, C PROGRAMMING", "VISUALISATION, C PROGRAMMING"),
])
def test_letter_spacing_and_small_caps(raw: str, want: str) -> None:
    assert normalize_line(raw) == want


@pytest.mark.parametrize("raw, want", [
    ("Python- Experience - 24 months", "Python - Experience - 24 months"),
    ("Skills -Python -SQL", "Skills - Python - SQL"),
    ("Campus Youth E- Service Volunteer", "Campus Youth E- Service Volunteer"),  # 'E-Service'
    ("Genomics, Bioinformatics-", "Genomics, Bioinformatics"),
    ("pipeline for Northwind Retail. Self-", "pipeline for Northwind Retail. Self-"),  # compound
    ("pre- and post-processing", "pre- and post-processing"),
    ("data-driven, end-to-end", "data-driven, end-to-end"),
    ("Jan 2019 - 2021-", "Jan 2019 - 2021-"),            # a date waiting for its end
])
def test_glued_hyphens(raw: str, want: str) -> None:
    assert normalize_line(raw) == want


@pytest.mark.parametrize("raw, want", [
    ("Na \u0308\u0131ve Bayes", "Naïve Bayes"),             # NFKC of LaTeX's '¨' before 'ı'
    ("Na\u0131\u0308ve Bayes", "Naïve Bayes"),              # Unicode order on a dotless i
    ("Na\u0131 \u0308ve Bayes", "Naïve Bayes"),
    ("Jos \u0301e Garc \u0301\u0131a", "José García"),
    ("r\u00e9sum\u00e9", "résumé"),
])
def test_accents_are_recomposed(raw: str, want: str) -> None:
    assert normalize_line(raw) == want


@pytest.mark.parametrize("raw, want", [
    ("NaÃ¯ve Bayes", "Naïve Bayes"),
    ("\u00e2\u20ac\u00a2 Python", "• Python"),              # cp1252 reading of '•'
    ("\u00e2\u0080\u00a2 Python", "• Python"),              # Latin-1 reading (a C1 control)
    ("\u00e2\u00a2 Python", "• Python"),                    # the 0x80 byte lost on the way
    ("\u00e2\u20ac\u201c 2019", "– 2019"),
    ("Ã©cole normale", "école normale"),
    ("âge, Noël, São Paulo", "âge, Noël, São Paulo"),     # real accents are kept
])
def test_double_encoded_utf8_is_repaired(raw: str, want: str) -> None:
    assert fix_mojibake(raw) == want
    assert normalize_line(raw) == want


def _box(text: str, x0: float, x1: float, size: float = 12.0, font: str = "Helvetica") -> WordBox:
    return WordBox(text, x0, x1, 100.0, 100.0 + size, size, font)


def test_touching_boxes_of_two_sizes_are_one_word() -> None:
    words = [_box("D", 60, 68.7), _box("OCTORAL", 68.7, 110, 9.6), _box("D", 113.3, 122),
             _box("EGREE", 122, 150, 9.6), _box("IN", 154, 165)]
    assert [w.text for w in join_touching_boxes(words, 0.15)] == ["DOCTORAL", "DEGREE", "IN"]
    same_font = [_box("data", 60, 80), _box("science", 80.5, 110)]      # the reader's own cut
    assert [w.text for w in join_touching_boxes(same_font, 0.15)] == ["data", "science"]


def test_letter_spaced_boxes_are_cut_at_the_wider_gaps() -> None:
    x, words = 60.0, []
    for ch in "WORK EXPERIENCE":
        if ch == " ":
            x += 9
            continue
        words.append(_box(ch, x, x + 8))
        x += 13
    assert [w.text for w in join_spaced_boxes(words)] == ["WORK", "EXPERIENCE"]
    spaced = [_box(t, 60 + 30 * i, 70 + 30 * i) for i, t in enumerate("ABC")] + [_box("grades", 160, 200)]
    assert [w.text for w in join_spaced_boxes(spaced)] == ["A", "B", "C", "grades"]


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_typeset_cv_reads_clean_in_both_engines(fixtures_dir: Path, engine: str) -> None:
    doc = read_document(fixtures_dir / "typeset_quirks.pdf", engine=engine)
    lines = [ln.text for ln in doc.lines]
    assert "TECHNICAL SKILLS" in lines and "DOCTORAL DEGREE" in lines and "CONTACT" in lines
    assert "Python - Experience - 24 months" in lines
    assert "Data cleaning, Data Visualisation" in lines
    assert next(ln for ln in doc.lines if ln.text.startswith("Data cleaning")).bullet
    assert "Bayesian Naïve models" in lines
    if any("Classifiers" in t for t in lines):
        assert "Classifiers: Naïve Bayes, random forests" in lines
    kinds = {s.kind: s.heading for s in split_sections(doc)}
    assert kinds.get("skills") == "TECHNICAL SKILLS"


def test_text_and_docx_lines_get_the_same_repairs(tmp_path: Path) -> None:
    cv = tmp_path / "cv.txt"
    cv.write_text("Priya Raman\nS K I L L S\nPython- Experience - 24 months\n-Data cleaning\n"
                  "NaÃ¯ve Bayes, develop-\nment of models\n", encoding="utf-8")
    lines = [ln.text for ln in read_document(cv).lines]
    assert lines == ["Priya Raman", "SKILLS", "Python - Experience - 24 months", "Data cleaning",
                     "Naïve Bayes, development", "of models"]
