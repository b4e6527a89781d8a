"""PDF -> Document with pdfplumber (the only pdfplumber importer).

pdfplumber supplies words with font name and size, ruled tables and images per page; the layout
module (engine-independent) turns them into lines in reading order and decides `readable`.
"""
from __future__ import annotations

import io
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from resume_match.errors import InputError, LimitError
from resume_match.extract.layout import PageWords, WordBox, build_document
from resume_match.models import Document

MAX_CHARS_PER_PAGE = 60_000     # a CV page has ~5,000; more means a malformed or hostile file


def read_pdf(data: bytes, label: str, *, max_pages: int = 40, ocr: bool = False) -> Document:
    """Read a PDF's text layer (OCR pages without one when `ocr`); InputError on broken files."""
    with _open(data, label) as pdf:
        count = len(pdf.pages)
        if count > max_pages:
            raise LimitError(f"{label}: {count} pages, over the {max_pages}-page limit")
        if count == 0:
            raise InputError(f"{label}: damaged PDF (no pages found)")
        pages = [_page_words(page, number, label) for number, page in enumerate(pdf.pages, 1)]
    if ocr:
        from resume_match.extract.ocr import build_with_ocr
        return build_with_ocr(data, label, pages)
    return build_document(label, pages, file_size=len(data))


def _open(data: bytes, label: str) -> Any:
    try:
        return pdfplumber.open(io.BytesIO(data))
    except PdfminerException as e:
        cause = e.args[0] if e.args else e
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise InputError(f"{label}: PDF is password-protected (encrypted); save an "
                             "unprotected copy and try again") from e
        raise InputError(f"{label}: damaged or truncated PDF ({_reason(cause)})") from e
    except Exception as e:  # pdfminer raises many types for broken files
        raise InputError(f"{label}: damaged or truncated PDF ({_reason(e)})") from e


def _reason(e: BaseException) -> str:
    text = str(e).strip().splitlines()[0][:80] if str(e).strip() else ""
    return f"{type(e).__name__}: {text}" if text else type(e).__name__


def _page_words(page: Any, number: int, label: str) -> PageWords:
    """One page's words and counts; a page pdfminer cannot parse is a damaged file."""
    try:
        chars = page.chars
        if len(chars) > MAX_CHARS_PER_PAGE:
            raise LimitError(f"{label}: page {number} has {len(chars)} characters, over the "
                             f"{MAX_CHARS_PER_PAGE} limit for one page")
        # LaTeX PDFs have no space glyphs: a gap over 15% of the font size separates words.
        words = page.extract_words(extra_attrs=["fontname", "size"], expand_ligatures=False,
                                   x_tolerance_ratio=0.15)
        tables = _count_tables(page)
        images = len(page.images)
        width, height = float(page.width), float(page.height)
    except InputError:
        raise
    except Exception as e:
        raise InputError(f"{label}: damaged PDF, page {number} cannot be read "
                         f"({_reason(e)})") from e
    finally:
        page.close()                  # drop pdfplumber's per-page object cache
    boxes = tuple(WordBox(text=w["text"], x0=float(w["x0"]), x1=float(w["x1"]),
                          top=float(w["top"]), bottom=float(w["bottom"]),
                          size=float(w.get("size") or 0.0), fontname=str(w.get("fontname") or ""))
                  for w in words if w.get("upright", True))
    return PageWords(number=number, width=width, height=height, words=boxes, tables=tables,
                     images=images, char_count=len(chars))


def _count_tables(page: Any) -> int:
    """Ruled tables: grids of at least 2x2 cells drawn with lines or rectangles."""
    if len(page.lines) + len(page.rects) < 4:
        return 0
    count = 0
    for table in page.find_tables():
        rows = len(table.rows)
        cols = max((len(r.cells) for r in table.rows), default=0)
        if rows >= 2 and cols >= 2:
            count += 1
    return count
