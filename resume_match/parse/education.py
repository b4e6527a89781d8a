"""Degree levels as CVs print them ('M.S.', 'Bachelor of Arts', 'Ph.D. candidate'): the patterns
of data/degrees.yaml, read once. Used by sections (a table of degrees is an education section
whatever its heading says) and by facts (education entries)."""
from __future__ import annotations

import re
from functools import lru_cache

from resume_match.data import load
from resume_match.errors import DataError
from resume_match.models import DEGREE_LEVELS


@lru_cache(maxsize=1)
def degree_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(level, pattern) pairs from data/degrees.yaml, highest level first."""
    raw = load("degrees.yaml")
    out = []
    for level, pats in raw.items():
        if level not in DEGREE_LEVELS:
            raise DataError(f"data/degrees.yaml: key {level!r}: expected one of {', '.join(DEGREE_LEVELS)}")
        for p in pats:
            try:
                out.append((level, re.compile(p)))
            except re.error as e:
                raise DataError(f"data/degrees.yaml: {level}: bad pattern {p!r} ({e})") from e
    return tuple(out)


def find_degree(text: str) -> tuple[str, re.Match[str]] | None:
    """The highest degree level named in a line and where it is printed."""
    best: tuple[str, re.Match[str]] | None = None
    for level, pat in degree_patterns():
        m = pat.search(text)
        if m and (best is None or DEGREE_LEVELS.index(level) > DEGREE_LEVELS.index(best[0])):
            best = (level, m)
    return best
