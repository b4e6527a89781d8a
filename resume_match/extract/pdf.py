"""PDF -> Document with pdfplumber (the only pdfplumber importer). MINIMAL: to be replaced."""
from __future__ import annotations

import io

import pdfplumber

from resume_match.errors import InputError, LimitError
from resume_match.models import Document, Layout, Line, Page


def read_pdf(data: bytes, label: str, *, max_pages: int = 40, ocr: bool = False) -> Document:
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as e:  # pdfminer raises many types for broken files
        raise InputError(f"{label}: not a readable PDF ({type(e).__name__})") from e
    with pdf:
        if len(pdf.pages) > max_pages:
            raise LimitError(f"{label}: {len(pdf.pages)} pages, over the {max_pages}-page limit")
        pages = []
        for number, p in enumerate(pdf.pages, start=1):
            words = p.extract_words(extra_attrs=["size", "fontname"], keep_blank_chars=False)
            rows: dict[int, list[dict]] = {}
            for w in words:
                rows.setdefault(round(w["top"] / 3), []).append(w)
            lines = []
            for key in sorted(rows):
                ws = sorted(rows[key], key=lambda w: w["x0"])
                font = ws[0]["fontname"].split("+")[-1]
                lines.append(Line(text=" ".join(w["text"] for w in ws), page=number,
                                  x0=ws[0]["x0"], top=ws[0]["top"], x1=ws[-1]["x1"],
                                  bottom=ws[0]["bottom"], size=round(ws[0]["size"], 1),
                                  bold="bold" in font.lower(), font=font))
            pages.append(Page(number=number, width=float(p.width), height=float(p.height),
                              lines=tuple(lines), char_count=len(p.chars)))
    layout = Layout(file_name=label.rsplit("/", 1)[-1], file_size=len(data), page_count=len(pages))
    readable = any(p.lines for p in pages)
    return Document(source=label, kind="pdf", pages=tuple(pages), layout=layout, readable=readable,
                    unreadable_reason=None if readable else "no text layer")
