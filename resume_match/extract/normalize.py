"""Text normalisation before any parsing: the repairs every later stage (sections, contact,
dates, skills) needs, done once per line for every reader.

- letter-spaced words ('C O N T A C T') and small capitals read as a capital plus the rest
  ('D OCTORAL D EGREE', 'V ISUALISATION') are one word again;
- a hyphen glued to a word is a separator again ('-Data cleaning' is a list item,
  'Python- Experience' reads 'Python - Experience', a trailing 'Bioinformatics-' loses it);
- accents a PDF printed as separate glyphs ('Na ̈ıve', 'Naı̈ve') recomposed ('Naïve');
- UTF-8 read as Windows-1252 or Latin-1 ('NaÃ¯ve', 'â€¢', 'â¢' with a byte lost) decoded back;
- words hyphenated across a line joined (the one rule that looks at two lines).

Every rule works within one line: none reads across a line end into the next one.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from typing import Sequence

from resume_match.extract.glyphs import WordBox, fix_mojibake
from resume_match.models import Document, Line, Page

# ---------------------------------------------------------------- one line's text

_COMBINING = "\u0300-\u036f"
_BELOW = frozenset("\u0327\u0328")          # cedilla, ogonek: LaTeX prints them after the letter
_DOTLESS = {"ı": "i", "ȷ": "j"}
# a mark alone between spaces or glued before a letter: NFKC turned a spacing accent ('¨')
# into a space and a combining mark, splitting the word ('Na ̈ıve')
_LOOSE_MARK = re.compile(rf"(?P<before>\w?)(?P<s1> ?)(?P<mark>[{_COMBINING}]+)(?P<s2> ?)(?P<after>\w?)")
_SPACED_RUN = re.compile(r"(?<![\w.&/+-])(?:[^\W\d_] ){3,}[^\W\d_](?![\w.&/+-])")
_SMALL_CAP = re.compile(r"(?<![\w'’.&/+-])(?P<cap>[A-Z]) (?P<rest>[A-Z]{2,})\b")
_GLUED_LEAD = re.compile(r"(?:(?<=^)|(?<=\s))-(?=[^\W\d_])")
_GLUED_TAIL = re.compile(r"(?<=[^\W\d_]{2})-(?=\s+(?!(?:and|or|to|und|et|&)\b))")
_TRAILING = re.compile(r"(?<![\w-])[^\W\d_]{7,}-$")
_SUSPECT = re.compile(r"[\u0080-\u00ff\u0152-\u2122]")


def normalize_line(text: str) -> str:
    """One line's text with every repair above (the cross-line hyphen join aside)."""
    if not text.isascii():
        text = repair_encoding(text)
        text = recompose_accents(text)
    if " " not in text and "-" not in text:
        return text
    return split_glued_hyphens(join_small_caps(join_letter_spacing(text)))


def repair_encoding(text: str) -> str:
    """UTF-8 that was decoded as Windows-1252 or Latin-1 on its way into the file, decoded
    back (see glyphs.fix_mojibake); text with no character such a decoding makes is kept."""
    return fix_mojibake(text) if _SUSPECT.search(text) else text


def recompose_accents(text: str) -> str:
    """'Na ̈ıve' / 'Naı̈ve' -> 'Naïve': a combining mark printed as its own glyph goes back on
    its letter. A dotless i or j exists only to carry an accent, so a mark next to one is its
    own (whichever side the reader put it, 'Naıv̈e' too); otherwise a mark glued after a
    letter stays there (Unicode's order), and one set apart by a space goes on the letter after
    it (LaTeX prints most accents before the letter), or before it for a cedilla or ogonek."""
    if not any("\u0300" <= c <= "\u036f" for c in text):
        return text
    text = _DOTLESS_MARK.sub(_on_dotless, text)
    return unicodedata.normalize("NFC", _LOOSE_MARK.sub(_place_mark, text))


_DOTLESS_MARK = re.compile(rf" ?(?P<pre>[{_COMBINING}]+) ?(?P<d>[ıȷ])"
                           rf"|(?P<d2>[ıȷ]) ?(?P<x>[^\W\d_]?)(?P<post>[{_COMBINING}]+)")


def _on_dotless(m: re.Match[str]) -> str:
    if m.group("d"):
        return _DOTLESS[m.group("d")] + m.group("pre")
    return _DOTLESS[m.group("d2")] + m.group("post") + m.group("x")


def _place_mark(m: re.Match[str]) -> str:
    before, mark, after = m.group("before"), m.group("mark"), m.group("after")
    if before and (not m.group("s1") or (mark[0] in _BELOW and not m.group("s2"))):
        # on the letter before: Unicode's own order ('ı̈'), or a cedilla printed after it
        return _DOTLESS.get(before, before) + mark + m.group("s2") + after
    if after:                                     # 'Na ̈ıve' -> 'Naïve'
        return before + _DOTLESS.get(after, after) + mark
    return m.group(0)


def join_letter_spacing(text: str) -> str:
    """'C O N T A C T' -> 'CONTACT': four or more single letters between single spaces (how
    text with wide tracking reads when the reader has no positions; PDF words are joined by
    their gaps first, see join_spaced_boxes). Three ('A B C') may be grades or initials."""
    if text.count(" ") < 3:
        return text
    return _SPACED_RUN.sub(lambda m: m.group(0).replace(" ", ""), text)


def join_small_caps(text: str) -> str:
    """'D OCTORAL D EGREE' -> 'DOCTORAL DEGREE': small capitals printed as a large capital and
    a smaller rest come out as two words. A line shows small capitals when a pair's rest cannot
        begin a word (_lone_rest: 'OCTORAL') and its capital is not a word or a one-letter language
    ('A', 'I', 'C', 'R': 'I ORGANIZED', 'C ONLY'). On such a line every pair is joined
    ('T ECHNICAL S KILLS', 'R ESEARCH E XPERIENCE'), except those a capital word would read
    fine ('C ANALYSIS')."""
    hits = list(_SMALL_CAP.finditer(text)) if " " in text else []
    if not hits:
        return text
    lone = [_lone_rest(h.group("rest")) for h in hits]
    word = [h.group("cap") in _WORD_LETTERS for h in hits]
    if not any(ok and not w for ok, w in zip(lone, word)):
        return text                   # no pair on the line that can only be small capitals
    keep = [h for h, ok, w in zip(hits, lone, word) if ok or not w]
    out, pos = [], 0
    for h in keep:
        out.append(text[pos:h.start()] + h.group("cap") + h.group("rest"))
        pos = h.end()
    return "".join(out) + text[pos:] if out else text


_WORD_LETTERS = frozenset("ACIR")
# two-letter starts of English words beginning with two consonants
_ONSETS = frozenset("bl br ch cl cr cz dr dw fl fr gh gl gn gr gw kh kl kn kr kw ph pl pn pr ps "
                    "qu rh sc sh sk sl sm sn sp sq st sv sw th tr ts tw vl wh wr xy".split())


def _lone_rest(rest: str) -> bool:
    """A capitalised word's tail that is no word start: it opens with a vowel ('OCTORAL',
    'ISUALISATION') or with two consonants no English word begins with ('XPERIENCE')."""
    r = rest.lower()
    if len(r) < 3 or not r.isalpha():
        return False
    vowels = "aeiouy"
    return r[0] in vowels or (r[1] not in vowels and r[:2] not in _ONSETS)


def split_glued_hyphens(text: str) -> str:
    """'Python- Experience' -> 'Python - Experience', 'Bioinformatics-' -> 'Bioinformatics',
    ' -Data' -> ' - Data'. Compounds ('data-driven') and suspended hyphens ('pre- and
    post-processing') keep theirs, and so does a short word ending the line: 'Self-' /
    'Motivated' is a compound broken at the line end (a long word there is not a prefix)."""
    if "-" not in text:
        return text
    text = _GLUED_LEAD.sub("- ", text)
    if _TRAILING.search(text):
        text = text[:-1]
    return _GLUED_TAIL.sub(" -", text)


# ---------------------------------------------------------------- positioned words (PDF)

def join_touching_boxes(words: Sequence[WordBox], ratio: float) -> list[WordBox]:
    """Words a reader cut only where the font or size changed, with no gap between them (small
    capitals: a 12 pt 'D' and a 9.6 pt 'OCTORAL'), as one word: the gap is under `ratio` x
    font size, which the reader would not have taken for a space. `words` in reading order."""
    out: list[WordBox] = []
    for w in words:
        prev = out[-1] if out else None
        if prev is not None and _touching(prev, w, ratio):
            big = prev if len(prev.text) >= len(w.text) else w
            out[-1] = big._replace(text=prev.text + w.text, x0=prev.x0, x1=w.x1,
                                   top=min(prev.top, w.top), bottom=max(prev.bottom, w.bottom))
        else:
            out.append(w)
    return out


def _touching(a: WordBox, b: WordBox, ratio: float) -> bool:
    if a.fontname == b.fontname and a.size == b.size:
        return False                  # the reader itself chose to cut here: a space
    gap = b.x0 - a.x1
    size = min(a.size, b.size) or min(a.bottom - a.top, b.bottom - b.top)
    same_line = b.top < a.bottom and a.top < b.bottom and abs(a.bottom - b.bottom) <= 0.3 * size
    return same_line and -0.5 <= gap <= ratio * size


def join_spaced_boxes(words: Sequence[WordBox]) -> list[WordBox]:
    """Letter-spaced runs in one visual line, joined by their gaps: single-letter boxes in a
    row of three or more become words, cut where a gap is clearly wider than the run's letter
    gap ('W O R K  E X P E R I E N C E' -> 'WORK', 'EXPERIENCE'); an evenly spaced run is one
    word from four letters on ('C O N T A C T')."""
    ws = list(words)
    if sum(len(w.text) == 1 for w in ws) < 3:
        return ws
    out: list[WordBox] = []
    i = 0
    while i < len(ws):
        j = i
        while j < len(ws) and len(ws[j].text) == 1 and ws[j].text.isalpha():
            j += 1
        if j - i >= 3:
            out += _join_run(ws[i:j])
            i = j
        else:
            out.append(ws[i])
            i += 1
    return out


def _join_run(run: list[WordBox]) -> list[WordBox]:
    gaps = [b.x0 - a.x1 for a, b in zip(run, run[1:])]
    small = min(gaps)
    cut = max(small * 1.6, small + 0.25 * (run[0].size or (run[0].bottom - run[0].top)))
    groups: list[list[WordBox]] = [[run[0]]]
    for gap, w in zip(gaps, run[1:]):
        if gap > cut:
            groups.append([w])
        else:
            groups[-1].append(w)
    if all(len(g) == 1 for g in groups) or (len(groups) == 1 and len(run) < 4):
        return run                    # evenly spaced: words, or three letters ('A B C' grades)
    return [g[0]._replace(text="".join(w.text for w in g), x1=g[-1].x1) for g in groups]


# ---------------------------------------------------------------- the file's own date

_PDF_DATE = re.compile(r"^(?:D:)?((?:19|20)\d\d)(0[1-9]|1[0-2])?((?:0[1-9]|[12]\d|3[01]))?")


def file_date(*values: object) -> str:
    """The latest of a file's own dates (PDF 'D:20190329...', ISO, datetime) as 'YYYY-MM-DD'
    ('YYYY-MM' or 'YYYY' when that is all there is); '' when none reads as a date."""
    dates = []
    for v in values:
        if v is None:
            continue
        if hasattr(v, "strftime"):
            dates.append(v.strftime("%Y-%m-%d"))     # type: ignore[attr-defined]
            continue
        text = v.decode("latin-1", "replace") if isinstance(v, bytes) else str(v)
        m = _PDF_DATE.match(text.strip().replace("-", "")[:10] if "-" in text[:8] else text.strip())
        if m:
            dates.append("-".join(g for g in m.groups() if g))
    return max(dates, default="")


# ---------------------------------------------------------------- a whole document

_HYPHEN_END = re.compile(r"(?<=[^\W\d_])-$")


def normalize_lines(lines: Sequence[Line], *, join_wrapped: bool = False) -> tuple[Line, ...]:
    """Each line normalised (normalize_line); a line opening with a hyphen glued to a word
    ('-Data cleaning') is a list item. With `join_wrapped` (readers without geometry: DOCX,
    text), a word hyphenated at a line end is joined with its rest on the next line first
    (PDF readers join them by position, layout.join_hyphens)."""
    src = list(lines)
    if join_wrapped:
        src = _join_hyphenated(src)
    out = []
    for line in src:
        text = line.text
        bullet = line.bullet
        if text.startswith("-") and len(text) > 1 and text[1].isalpha():
            text, bullet = text[1:], True
        text = normalize_line(text).strip()
        if text:
            out.append(line if text == line.text and bullet == line.bullet
                       else replace(line, text=text, bullet=bullet))
    return tuple(out)


def _join_hyphenated(lines: list[Line]) -> list[Line]:
    """'develop-' / 'ment of ...' -> 'development' / 'of ...' (the rest must start in lower
    case, so a separator before a capitalised line is left to split_glued_hyphens)."""
    out = list(lines)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if not _HYPHEN_END.search(a.text) or not b.text[:1].islower() or a.page != b.page:
            continue
        head, _, rest = b.text.partition(" ")
        joined = a.text + head if keeps_hyphen(a.text.rsplit(" ", 1)[-1]) else a.text[:-1] + head
        out[i], out[i + 1] = replace(a, text=joined), replace(b, text=rest)
    return [ln for ln in out if ln.text]


def keeps_hyphen(tail: str) -> bool:
    """A word broken at a line-end hyphen that keeps it when joined: a compound ('end-to-')
    or a link or address, where the hyphen is part of the name ('github.com/asha-')."""
    return "-" in tail[:-1] or "/" in tail or "@" in tail or bool(re.search(r"\.[a-z]", tail))


def normalize_page(page: Page, *, join_wrapped: bool = False) -> Page:
    return replace(page, lines=normalize_lines(page.lines, join_wrapped=join_wrapped),
                   margin_lines=normalize_lines(page.margin_lines))


def normalize_document(doc: Document, *, join_wrapped: bool = False) -> Document:
    """The Document with every page's lines normalised (see the module docstring)."""
    return replace(doc, pages=tuple(normalize_page(p, join_wrapped=join_wrapped) for p in doc.pages))
