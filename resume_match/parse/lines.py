"""A section's printed lines as items: bullets, and lines that wrap on to the next one.

Shared by the ATS checks (which count bullets) and the renderers (which rebuild entries).
"""
from __future__ import annotations

from resume_match.models import Line

BULLET_GLYPHS = "•●▪■◦‣∙·○►▶➢➤✓✔-–—*"


def is_bullet(text: str) -> bool:
    return text.strip()[:1] in BULLET_GLYPHS


def is_item(line: Line) -> bool:
    """A list item: the reader saw a bullet glyph (and stripped it), or one is still in the text."""
    return line.bullet or is_bullet(line.text)


def strip_bullet(text: str) -> str:
    return text.strip().lstrip(BULLET_GLYPHS).strip()


def _continues(prev: Line, line: Line, bulleted: bool, left: float, right: float) -> bool:
    """Does `line` carry on the item `prev` started (a wrapped line) rather than start a new one?"""
    text = line.text.strip()
    if is_item(line):
        return False
    if text[:1].islower():
        return True
    if right <= left:                                  # no geometry (text files): glyphs decide
        return bulleted
    if prev.text.rstrip().endswith((".", "!", "?", ":", ";")):
        return False
    if line.x0 < prev.x0 - 2 or (prev.x0 <= left + 2 and line.x0 > prev.x0 + 2
                                  and not is_item(prev)):
        return False                                   # outdent, or a title then its indented body
    ran_on = prev.x1 >= right - 0.12 * (right - left)  # prev ran to the right margin: wrapped
    # in a bulleted block a line back at the left margin is a new entry's title, not a wrap
    return ran_on and (not bulleted or line.x0 > left + 2)


def join_wrapped(lines: list[Line], margins: tuple[float, float] | None = None) -> list[str]:
    """Lines joined back into items: in a bulleted block a new item starts at each bullet;
    otherwise a line continues the previous one when it starts in lower case or the previous
    line ran to the right margin without ending a sentence. `margins` (left, right) default to the
    block's own."""
    lines = [ln for ln in lines if ln.text.strip()]
    bulleted = any(is_item(ln) for ln in lines)
    left, right = margins or (min((ln.x0 for ln in lines), default=0.0),
                              max((ln.x1 for ln in lines), default=0.0))
    # each item's pieces, joined once at the end: growing the item's string per wrapped line
    # copied it each time (quadratic: one item of 40,000 wrapped lines took 3.6 s)
    items: list[list[str]] = []
    for i, ln in enumerate(lines):
        if items and _continues(lines[i - 1], ln, bulleted, left, right):
            items[-1].append(ln.text.strip())
        else:
            items.append([strip_bullet(ln.text)])
    return [item for parts in items if (item := " ".join(parts))]

