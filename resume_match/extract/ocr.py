"""OCR for PDF pages without a usable text layer: pypdfium2 renders, Tesseract reads word boxes.

The words go through the same layout functions as any text layer, so a scan gives the same kind
of Document, with `Page.ocr` and `Layout.ocr` set.
"""
from __future__ import annotations

import shutil
from dataclasses import replace
from statistics import median
from typing import Any, Sequence

from resume_match.errors import InputError
from resume_match.extract.layout import PageWords, WordBox, build_document
from resume_match.extract.limits import DEFAULT, CharBudget, Limits, visible_chars
from resume_match.models import Document

DPI = 300
MIN_CONFIDENCE = 10.0


def build_with_ocr(data: bytes, label: str, pages: Sequence[PageWords], *, created: str = "",
                   producer: str = "", limits: Limits = DEFAULT) -> Document:
    """The Document, with pages that have no usable text replaced by their OCR words.

    When the whole text layer is unusable (image-only, (cid:NN), gibberish) every page is
    OCRed; otherwise only pages with no text at all. OCR words are held to the same `limits`
    as a text layer's: the page, document and line caps.
    """
    doc = build_document(label, pages, file_size=len(data), created=created, producer=producer,
                         limits=limits)
    targets = ([p.number for p in doc.pages] if not doc.readable
               else [p.number for p in doc.pages if not p.lines])
    if not targets:
        return doc
    read = ocr_pdf_pages(data, label, targets)
    _check_ocr_chars(label, pages, read, limits)
    merged = [replace(read[pw.number], tables=pw.tables, images=pw.images, links=pw.links)
              if pw.number in read else pw for pw in pages]
    notes = [f"text read by OCR (Tesseract) from page(s) {', '.join(map(str, sorted(read)))}; "
             "an ATS would not OCR them"]
    return build_document(label, merged, file_size=len(data), warnings=notes, created=created,
                          producer=producer, limits=limits)


def _check_ocr_chars(label: str, pages: Sequence[PageWords], read: dict[int, PageWords],
                     limits: Limits) -> None:
    """The page and document caps over the pages as they will be: OCR words where a page was
    read by OCR, the text layer's elsewhere."""
    budget = CharBudget(label, limits)
    for pw in pages:
        words = read[pw.number].words if pw.number in read else pw.words
        budget.page(pw.number, sum(visible_chars(w.text) for w in words))


def ocr_pdf_pages(data: bytes, label: str, numbers: Sequence[int],
                  dpi: int = DPI) -> dict[int, PageWords]:
    """Render the given 1-based pages with pypdfium2 and read their words with Tesseract."""
    pytesseract = _tesseract(label)
    import pypdfium2 as pdfium

    out: dict[int, PageWords] = {}
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        raise InputError(f"{label}: cannot render the PDF for OCR ({e})") from e
    try:
        for number in numbers:
            page = pdf[number - 1]
            width, height = page.get_size()
            image = normalise_contrast(page.render(scale=dpi / 72).to_pil().convert("L"))
            page.close()
            words = image_words(pytesseract, image, scale=72 / dpi)
            out[number] = PageWords(number=number, width=float(width), height=float(height),
                                    words=tuple(words), ocr=True)
    finally:
        pdf.close()
    return out


def image_words(pytesseract: object, image: object, scale: float) -> list[WordBox]:
    """Tesseract word boxes (pixels) as WordBoxes in points; low-confidence noise dropped.

    Tesseract gives no font size, so each line's size is estimated from its words' heights and
    letter shapes (ascenders, descenders), which keeps headings larger than body text.
    """
    data = pytesseract.image_to_data(image, output_type=pytesseract.Output.DICT,  # type: ignore[attr-defined]
                                     config="--psm 11")
    lines: dict[tuple[int, int, int], list[tuple[str, float, float, float, float]]] = {}
    for i, text in enumerate(data["text"]):
        if not str(text).strip() or float(data["conf"][i]) < MIN_CONFIDENCE:
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        left, top = data["left"][i] * scale, data["top"][i] * scale
        lines.setdefault(key, []).append((str(text), left, left + data["width"][i] * scale,
                                          top, top + data["height"][i] * scale))
    words = []
    for items in lines.values():
        size = round(median(_size_estimate(t, bottom - top) for t, _, _, top, bottom in items), 1)
        words += [WordBox(text=t, x0=x0, x1=x1, top=top, bottom=bottom, size=size, fontname="OCR")
                  for t, x0, x1, top, bottom in items]
    return words


def normalise_contrast(image: Any, tile: int = 64) -> Any:
    """Stretch each tile's contrast to black on white and invert tiles of light text on a dark
    background (CV sidebars), so Tesseract's global threshold does not lose them."""
    import numpy as np
    from PIL import Image

    a = np.asarray(image, dtype=np.float32)
    out = np.full_like(a, 255.0)
    for y in range(0, a.shape[0], tile):
        for x in range(0, a.shape[1], tile):
            block = a[y:y + tile, x:x + tile]
            lo, hi = np.percentile(block, (2, 98))
            if hi - lo < 40:                     # flat: background only
                continue
            stretched = (block - lo) * (255.0 / (hi - lo))
            out[y:y + tile, x:x + tile] = (255.0 - stretched if np.median(block) < (lo + hi) / 2
                                           else stretched)
    return Image.fromarray(out.clip(0, 255).astype(np.uint8))


def _size_estimate(text: str, height: float) -> float:
    """Font size from a word's ink height: capitals/ascenders reach ~0.73 em, x-height ~0.53 em,
    descenders add ~0.22 em."""
    tall = any(c.isupper() or c.isdigit() or c in "bdfhklt()[]{}|/\\'\"!?" for c in text)
    low = any(c in "gjpqy,;()[]{}|" for c in text)
    return height / ((0.73 if tall else 0.53) + (0.22 if low else 0.0))


def _tesseract(label: str) -> object:
    """pytesseract, after checking the tesseract binary is installed."""
    try:
        import pytesseract
    except ImportError as e:
        raise InputError(f"{label}: --ocr needs the pytesseract package "
                         "(pip install 'resume-match[ocr]')") from e
    cmd = pytesseract.pytesseract.tesseract_cmd
    if not shutil.which(cmd):
        raise InputError(f"{label}: --ocr needs the tesseract program; install tesseract-ocr "
                         "(e.g. apt-get install tesseract-ocr)")
    return pytesseract
