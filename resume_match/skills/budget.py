"""How much of a CV the skills stage reads: its first MAX_SKILL_WORDS words.

A long academic CV has about 10,000 words; a text of 1 MB (the document cap) can hold 150,000,
and the matcher's work per word (tokens, mentions, list items) made such a text take seconds
past the 5 s a CV may take. Past the budget a text is not a CV, and the report says what was
read (pipeline.py adds the warning)."""
from __future__ import annotations

import dataclasses

from resume_match.models import Section

MAX_SKILL_WORDS = 50_000


def within_budget(sections: tuple[Section, ...]) -> tuple[tuple[Section, ...], bool]:
    """The sections as far as their first MAX_SKILL_WORDS words (a section cut at a line end,
    the ones after it dropped), and whether anything was cut."""
    out: list[Section] = []
    left = MAX_SKILL_WORDS
    for section in sections:
        for n, line in enumerate(section.lines):
            left -= len(line.text.split())
            if left < 0:
                if n:
                    out.append(dataclasses.replace(section, lines=section.lines[:n]))
                return tuple(out), True
        out.append(section)
    return tuple(out), False


def budget_warning() -> str:
    return f"skills were read from the first {MAX_SKILL_WORDS:,} words only (the rest is not a CV's length)"
