"""OCR path: image-only pages read with Tesseract into the same Document; clear errors."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from resume_match.errors import InputError, LimitError
from resume_match.extract.limits import Limits
from resume_match.extract import read_document

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None,
                                     reason="tesseract-ocr is not installed")


@needs_tesseract
def test_ocr_recovers_text_lines_and_skills(fixtures_dir: Path) -> None:
    doc = read_document(fixtures_dir / "image_only.pdf", ocr=True)
    assert doc.readable and doc.layout.ocr and doc.pages[0].ocr
    lines = [ln.text for ln in doc.lines]
    assert lines[0] == "Priya Raman"
    assert "priya.raman@example.com" in doc.text
    for word in ("Python", "SQL", "XGBoost", "scikit-learn", "Docker", "Airflow", "Tableau"):
        assert word in doc.text
    name, heading, body = doc.lines[0], doc.lines[lines.index("EXPERIENCE")], doc.lines[4]
    assert name.size > heading.size > body.size                 # sizes estimated from the ink
    assert all(ln.x1 > ln.x0 and ln.bottom > ln.top for ln in doc.lines)
    assert any("OCR" in w for w in doc.warnings)


def test_without_ocr_the_scan_is_unreadable(fixtures_dir: Path) -> None:
    doc = read_document(fixtures_dir / "image_only.pdf")
    assert not doc.readable and "--ocr" in (doc.unreadable_reason or "")


def test_ocr_leaves_text_pdfs_alone(fixtures_dir: Path) -> None:
    doc = read_document(fixtures_dir / "two_column.pdf", ocr=True)
    assert not doc.layout.ocr and not any(p.ocr for p in doc.pages)


def test_missing_tesseract_is_a_clear_error(fixtures_dir: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import pytesseract
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    path = fixtures_dir / "image_only.pdf"
    with pytest.raises(InputError, match=r"install tesseract-ocr") as err:
        read_document(path, ocr=True)
    assert str(err.value).startswith(f"{path}: --ocr needs the tesseract program")


@needs_tesseract
@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_ocr_words_are_held_to_the_callers_limits(fixtures_dir: Path, engine: str) -> None:
    """The page and line caps bind what OCR reads as they bind a text layer, custom limits too."""
    path = fixtures_dir / "image_only.pdf"
    doc = read_document(path, ocr=True, engine=engine)
    longest = max(len(ln.text.replace(" ", "")) for ln in doc.lines)
    chars = sum(len(ln.text.replace(" ", "")) for ln in doc.lines)
    assert 40 < longest < chars
    with pytest.raises(LimitError, match=r"page 1 has \d[\d,]* characters, over the 40 limit "
                                         "for one page"):
        read_document(path, ocr=True, engine=engine, limits=Limits(max_chars_per_page=40))
    with pytest.raises(LimitError, match=r"line \d+ has \d+ characters, over the 40 limit for one line"):
        read_document(path, ocr=True, engine=engine, limits=Limits(max_chars_per_line=40))
    assert read_document(path, ocr=True, engine=engine,
                         limits=Limits(max_chars_per_line=longest)).text == doc.text
