"""Document -> sections: headings found by typography and a heading lexicon. STUB: to be replaced."""
from __future__ import annotations

from resume_match.models import Document, Section


def split_sections(doc: Document) -> tuple[Section, ...]:
    lines = doc.lines
    if not lines:
        return ()
    return (Section(kind="header", heading="", page=lines[0].page, lines=lines),)
