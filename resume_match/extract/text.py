"""Plain text and Markdown -> Document (one page, no geometry)."""
from __future__ import annotations

import re
import unicodedata

from resume_match.extract.normalize import normalize_document, repair_encoding
from resume_match.models import Document, Layout, Line, Page

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


def read_text(data: bytes, label: str) -> Document:
    text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
    lines: list[Line] = []
    for i, raw in enumerate(text.splitlines()):
        # mojibake first: NFKC would split its '¯' or '¨' into a space and an accent
        clean = unicodedata.normalize("NFKC", repair_encoding(raw)).strip()
        if not clean:
            continue
        heading = bool(_MD_HEADING.match(clean))
        clean = _MD_EMPHASIS.sub(r"\2", _MD_HEADING.sub("", clean)).strip()
        if clean:
            lines.append(Line(text=clean, page=1, top=float(i), bottom=float(i) + 1, bold=heading))
    page = Page(number=1, width=0.0, height=0.0, lines=tuple(lines), char_count=len(text))
    layout = Layout(file_name=label.rsplit("/", 1)[-1], file_size=len(data), page_count=1)
    return normalize_document(Document(source=label, kind="text", pages=(page,), layout=layout),
                              join_wrapped=True)
