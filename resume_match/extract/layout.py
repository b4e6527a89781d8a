"""Layout from positioned words: the engine-independent half of every PDF reader.

Contract for engines (pdfplumber, pypdfium2, OCR): turn each page into a `PageWords` holding
`WordBox` records (text as the engine decoded it; box in points, origin top-left, so
top < bottom; font size and font name when known), then call
`build_document(source, pages, file_size=...)`. Everything else happens here, identically for
every engine: glyph clean-up (extract/glyphs.py: NFKC, ligatures, odd spaces, mojibake, icon
fonts, Private Use Area and (cid:NN) noise, counted), lines, columns and sidebars in reading order, bullets, repeated page
headers/footers and page numbers (to `Page.margin_lines`), hyphen joins, and the readable verdict.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from operator import attrgetter

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from statistics import median
from typing import Sequence

from resume_match.data import bundled_text, load
from resume_match.extract.glyphs import (GlyphCounts, WordBox, clean_text, clean_word,
                                         clean_words, font_base, is_bold, is_italic,
                                         strip_bullets)
from resume_match.extract.limits import DEFAULT, Limits, check_line
from resume_match.extract.normalize import join_spaced_boxes, keeps_hyphen, normalize_page
from resume_match.models import Document, Layout, Line, Page, Region

__all__ = ["WordBox", "PageWords", "GlyphCounts", "build_document", "build_page", "clean_text",
           "clean_word", "clean_words", "font_base", "is_bold", "is_italic", "order_lines",
           "make_line", "join_hyphens", "split_margins", "assess", "strip_bullets", "ADVICE"]


@dataclass(frozen=True)
class PageWords:
    """One page as an engine saw it: words plus the counts only the engine can make."""
    number: int                    # 1-based
    width: float
    height: float
    words: tuple[WordBox, ...]
    tables: int = 0
    images: int = 0
    char_count: int = 0            # glyphs on the page (0: counted from the words)
    ocr: bool = False
    links: tuple[tuple[str, float], ...] = ()   # link annotations: (URI, top of its box)


# ---------------------------------------------------------------- rows, columns, lines

_x0 = attrgetter("x0")                 # sort keys, faster than the lambdas they replace
_top_x0 = attrgetter("top", "x0")


def group_rows(words: Sequence[WordBox]) -> list[list[WordBox]]:
    """Words sharing a line: sorted by top, joined while they overlap vertically by half."""
    rows: list[list[WordBox]] = []
    top = bottom = 0.0                 # the current row's extent
    # min() and max() written as plain tests, as in make_line: this runs for every word and
    # the builtins' call cost was half of it (the coordinates are never NaN: build_page drops
    # words whose box is not a positive size)
    for w in sorted(words, key=_top_x0):
        w_top, w_bottom = w.top, w.bottom
        h = w_bottom - w_top if w_bottom - w_top > 0.1 else 0.1
        overlap = (bottom if bottom < w_bottom else w_bottom) - (top if top > w_top else w_top)
        if rows and overlap >= 0.5 * (h if h < bottom - top else bottom - top):
            rows[-1].append(w)
            if w_top < top:
                top = w_top
            if w_bottom > bottom:
                bottom = w_bottom
        else:
            rows.append([w])
            top, bottom = w_top, w_bottom
    return [sorted(r, key=_x0) for r in rows]


def _word_groups(row: list[WordBox]) -> list[list[WordBox]]:
    """A row cut where the horizontal gap is too wide for a word space."""
    size = median(w.size or (w.bottom - w.top) for w in row)
    gap = max(7.0, 0.8 * size)
    groups: list[list[WordBox]] = []
    right = 0.0                        # the current group's right edge
    for w in row:
        if groups and w.x0 - right < gap:
            groups[-1].append(w)
            if w.x1 > right:
                right = w.x1
        else:
            groups.append([w])
            right = w.x1
    return groups


def _fragments(groups: list[list[WordBox]]) -> list[tuple[float, float, float]]:
    """(x0, x1, baseline) of each word group of a row; the baseline is the longest word's
    bottom, so a bullet glyph does not shift it."""
    return [(g[0].x0, max(w.x1 for w in g), max(g, key=lambda w: len(w.text)).bottom)
            for g in groups]


@dataclass(frozen=True)
class _Split:
    gutter: float
    runs: tuple[tuple[int, int], ...]   # [start, end) row index ranges read as two columns


def find_columns(rows: list[list[WordBox]], min_rows: int = 3,
                 groups: list[list[list[WordBox]]] | None = None) -> _Split | None:
    """The x of a vertical gutter that splits runs of rows into independent columns, if any.

    A run of consecutive rows that no text crosses at x, with at least `min_rows` rows of text on
    each side and tall enough, reads as two columns. Runs where the left text sits on the same
    baselines as the right text are label/table layouts (moderncv dates, a ruled table) and keep
    row order. `groups`: each row's word groups, when the caller has them already.
    """
    if len(rows) < 2 * min_rows:
        return None
    frags = [_fragments(g) for g in (groups or [_word_groups(r) for r in rows])]
    x_min = min(f[0] for fr in frags for f in fr)
    x_max = max(f[1] for fr in frags for f in fr)
    span = x_max - x_min
    y_span = max(rows[-1][0].bottom - rows[0][0].top, 1.0)
    if span < 100:
        return None
    best: tuple[int, list[float], list[tuple[int, int]]] = (0, [], [])
    step = 2.0
    x = x_min + 0.1 * span
    # The runs depend on x only through which fragment edges it lies between, so each stretch
    # between edges is judged once, not at every 2 pt step inside it.
    edges = sorted({v for fr in frags for f in fr for v in (f[0] - 1, f[0], f[1], f[1] + 1)})
    judged: dict[tuple[int, int], list[tuple[int, int]]] = {}
    # a row has text left of x when its leftmost right edge is <= x, right of x when its
    # rightmost left edge is >= x: asked of every row of every run, so worked out once here
    reach = [(min(f[1] for f in fr), max(f[0] for f in fr)) for fr in frags]
    while x < x_max - 0.1 * span:
        key = (bisect_left(edges, x), bisect_right(edges, x))
        if key not in judged:
            judged[key] = _qualifying_runs(rows, frags, reach, x, min_rows, y_span,
                                           max(36.0, 0.15 * span))
        runs = judged[key]
        score = sum(e - s for s, e in runs)
        if score > best[0]:
            best = (score, [x], runs)
        elif score == best[0] and score and best[1] and x - best[1][-1] <= step + 0.01 \
                and runs == best[2]:
            best[1].append(x)
        x += step
    if not best[0]:
        return None
    gutter = (best[1][0] + best[1][-1]) / 2
    runs = [r for r in best[2] if not _aligned(frags[r[0]:r[1]], gutter)]
    return _Split(gutter, tuple(runs)) if runs else None


def _qualifying_runs(rows: list[list[WordBox]], frags: list[list[tuple[float, float, float]]],
                     reach: list[tuple[float, float]], x: float, min_rows: int, y_span: float,
                     max_gap: float) -> list[tuple[int, int]]:
    """Runs of rows not crossed at x, with text on both sides across a narrow gutter."""
    runs: list[tuple[int, int]] = []
    start = None
    for i, fr in enumerate(frags + [[(x - 1, x + 1, 0.0)]]):   # sentinel row crosses
        if _crosses(fr, x):
            if start is not None and i - start >= min_rows:   # shorter runs cannot qualify
                s, e = _trim(reach, start, i, x)
                if e - s > 0 and _is_column_run(rows, frags, s, e, x, min_rows, y_span, max_gap):
                    runs.append((s, e))
            start = None
        elif start is None:
            start = i
    return runs


def _crosses(fragments: list[tuple[float, float, float]], x: float) -> bool:
    """Does a row's text cross x? (A plain loop: it runs for every row at every gutter tried.)"""
    for x0, x1, _ in fragments:
        if x0 - 1 < x < x1 + 1:
            return True
    return False


def _trim(reach: list[tuple[float, float]], start: int, end: int, x: float) -> tuple[int, int]:
    """Where a run borders full-width text, cut its one-sided rows off: a short last line of a
    paragraph above, or the next section's heading below, is not part of the columns.
    (`reach`: each row's leftmost fragment end and rightmost fragment start.)"""
    left = [i for i in range(start, end) if reach[i][0] <= x]
    right = [i for i in range(start, end) if reach[i][1] >= x]
    if not left or not right:
        return start, start
    if start > 0:
        start = max(left[0], right[0])
    if end < len(reach):
        end = min(left[-1], right[-1]) + 1
    return start, end


def _is_column_run(rows: list[list[WordBox]], frags: list[list[tuple[float, float, float]]],
                   start: int, end: int, x: float, min_rows: int, y_span: float,
                   max_gap: float) -> bool:
    lefts = [max((f[1] for f in fs if f[1] <= x), default=None) for fs in frags[start:end]]
    rights = [min((f[0] for f in fs if f[0] >= x), default=None) for fs in frags[start:end]]
    left_edges = [v for v in lefts if v is not None]
    right_edges = [v for v in rights if v is not None]
    if len(left_edges) < min_rows or len(right_edges) < min_rows:
        return False
    if rows[end - 1][-1].bottom - rows[start][0].top < 0.15 * y_span:
        return False
    if min(right_edges) - max(left_edges) > max_gap:
        return False
    # both sides must run side by side, not one merely ending where the other starts
    left_rows = [i for i, v in enumerate(lefts) if v is not None]
    right_rows = [i for i, v in enumerate(rights) if v is not None]
    shared = min(left_rows[-1], right_rows[-1]) - max(left_rows[0], right_rows[0]) + 1
    return shared >= 0.5 * (end - start)


def _aligned(frags: list[list[tuple[float, float, float]]], gutter: float) -> bool:
    """True for a label column (moderncv dates, headings in a margin, a ruled table): rows with
    text on both sides keep one constant baseline offset and the left side has little text of
    its own. Independent columns drift against each other."""
    offsets: list[float] = []
    left_only = 0
    for fr in frags:
        lefts = [f for f in fr if f[1] <= gutter]
        rights = [f for f in fr if f[0] >= gutter]
        if lefts and rights:
            offsets.append(min((r[2] - lefts[0][2] for r in rights), key=abs))
        elif lefts:
            left_only += 1
    if len(offsets) < 2 or left_only > len(offsets):
        return False
    mid = median(offsets)
    steady = sum(abs(o - mid) <= 1.0 for o in offsets) / len(offsets)
    return abs(mid) <= 4.0 and steady >= 0.75


def order_lines(words: Sequence[WordBox], page: int) -> tuple[list[Line], int, bool]:
    """Lines in reading order (full-width rows in place, each column top to bottom, left first),
    the number of text columns and whether one of them is a sidebar."""
    rows = group_rows(words)
    groups = [_word_groups(r) for r in rows]       # made once for find_columns and row_lines

    def full_width(a: int, b: int | None = None) -> list[Line]:
        """Rows a..b read in place, each as its line(s)."""
        return [ln for r, g in zip(rows[a:b], groups[a:b]) for ln in row_lines(r, page, groups=g)]

    split = find_columns(rows, groups=groups)
    if split is None:
        return full_width(0), 1, False
    lines: list[Line] = []
    i = 0
    widths = {1: [0.0, 0.0], 2: [0.0, 0.0]}
    for start, end in split.runs:
        lines += full_width(i, start)
        block = [w for r in rows[start:end] for w in r]
        for column, side in ((1, [w for w in block if w.x1 <= split.gutter]),
                             (2, [w for w in block if w.x1 > split.gutter])):
            if side:
                widths[column][0] += min(w.x0 for w in side)
                widths[column][1] += max(w.x1 for w in side)
                lines += [ln for r in group_rows(side) for ln in row_lines(r, page, column)]
        i = end
    lines += full_width(i)
    left = split.gutter - widths[1][0] / len(split.runs)
    right = widths[2][1] / len(split.runs) - split.gutter
    sidebar = min(left, right) / max(left + right, 1.0) < 0.34
    return lines, 2, sidebar


def row_lines(row: list[WordBox], page: int, column: int = 0,
              groups: list[list[WordBox]] | None = None) -> list[Line]:
    """A row as one line, or several where a wide gap separates different type sizes (a large
    name beside small contact details is two lines, a title beside its dates is one).
    `groups`: the row's word groups, when the caller has them already."""
    if groups is None:
        groups = _word_groups(row)
    out: list[list[WordBox]] = [groups[0]]
    for g in groups[1:]:
        a = median(w.size for w in out[-1]) or 1.0
        b = median(w.size for w in g) or 1.0
        if max(a, b) / min(a, b) > 1.3:
            out.append(g)
        else:
            out[-1] = out[-1] + g
    return [make_line(g, page, column) for g in out]


def make_line(words: Sequence[WordBox], page: int, column: int = 0) -> Line:
    """One Line from words on a visual line: text with leading bullets stripped, dominant font."""
    ws = join_spaced_boxes(sorted(words, key=_x0))
    raw = " ".join(w.text for w in ws)
    text = strip_bullets(raw)
    # Characters per font name and per exact size; bold, italic and the rounded size are then
    # judged once per distinct key (a line has a font or two), not once per word.
    weight: dict[str, int] = {}
    by_size: dict[float, int] = {}
    top, x1, bottom = ws[0].top, ws[0].x1, ws[0].bottom
    for w in ws:
        n = len(w.text)
        weight[w.fontname] = weight.get(w.fontname, 0) + n
        by_size[w.size] = by_size.get(w.size, 0) + n
        if w.top < top:                    # min() and max() as plain tests: 4x faster here
            top = w.top
        if w.x1 > x1:
            x1 = w.x1
        if w.bottom > bottom:
            bottom = w.bottom
    sizes: dict[float, int] = {}           # keys in order of first appearance, as max() breaks
    for size, n in by_size.items():        # ties by that order
        rounded = round(size, 1)
        sizes[rounded] = sizes.get(rounded, 0) + n
    bold = sum(n for f, n in weight.items() if is_bold(f))
    italic = sum(n for f, n in weight.items() if is_italic(f))
    total = sum(weight.values()) or 1
    font = max(weight, key=weight.__getitem__)
    return Line(text=text, page=page, x0=round(ws[0].x0, 2), top=round(top, 2), x1=round(x1, 2),
                bottom=round(bottom, 2), size=max(sizes, key=sizes.__getitem__),
                bold=bold / total > 0.5, italic=italic / total > 0.5, font=font_base(font),
                column=column, bullet=len(text) < len(raw.strip()))


# ---------------------------------------------------------------- hyphens

_HYPHEN_END = re.compile(r"(?<=[A-Za-z])-$")


def join_hyphens(lines: Sequence[Line]) -> list[Line]:
    """Re-join words broken at line ends ('develop-' + 'ment'); compounds keep their hyphen."""
    out = list(lines)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if not _HYPHEN_END.search(a.text) or a.column != b.column or not b.text[:1].islower():
            continue
        if b.top - a.bottom > max(a.bottom - a.top, 4.0) * 1.5 and a.page == b.page:
            continue
        head, _, rest = b.text.partition(" ")
        joined = a.text + head if keeps_hyphen(a.text.rsplit(" ", 1)[-1]) else a.text[:-1] + head
        out[i] = replace(a, text=joined)
        out[i + 1] = replace(b, text=rest)
    return [line for line in out if line.text]


# ---------------------------------------------------------------- running headers and footers

_PAGE_NUMBER = re.compile(r"^(?:page\s*)?#(?:\s*(?:of|/|von|de)\s*#)?$|^[-–—]\s*#\s*[-–—]$", re.I)
MARGIN_ZONE = 0.12


def _margin_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text.lower())).strip()


def split_margins(pages: Sequence[tuple[float, list[Line]]]) -> list[tuple[list[Line], list[Line]]]:
    """(body, margin) lines per page: page numbers, and text repeated in the top or bottom zone
    of two or more pages, move to the margin; a large-type banner (the name) never does."""
    zones: list[list[tuple[Line, str, str]]] = []
    seen: dict[tuple[str, str], set[int]] = {}
    for index, (height, lines) in enumerate(pages):
        z = []
        for line in lines:
            zone = ("header" if line.bottom <= MARGIN_ZONE * height else
                    "footer" if line.top >= (1 - MARGIN_ZONE) * height else "")
            if not zone and line is lines[-1] and line.top >= 0.75 * height:
                zone = "footer"       # the last line low on the page: a page number maybe
            elif not zone and line is lines[0] and line.bottom <= 0.25 * height:
                zone = "header"
            if zone:
                key = _margin_key(line.text)
                z.append((line, zone, key))
                seen.setdefault((zone, key), set()).add(index)
        zones.append(z)
    body_size = median([ln.size for _, lines in pages for ln in lines if ln.size] or [0.0])
    out = []
    need = 2 if len(pages) <= 3 else max(2, len(pages) // 2)
    for (height, lines), z in zip(pages, zones):
        margin_ids = set()
        for line, zone, key in z:
            repeated = len(pages) > 1 and len(seen[(zone, key)]) >= need
            small = not body_size or line.size <= 1.25 * body_size
            if small and (_PAGE_NUMBER.match(key) or repeated):
                margin_ids.add(id(line))
        body = [ln for ln in lines if id(ln) not in margin_ids]
        margin = [replace(ln, region=_zone_of(ln, z)) for ln in lines if id(ln) in margin_ids]
        out.append((body, margin))
    return out


def _zone_of(line: Line, zone_list: list[tuple[Line, str, str]]) -> Region:
    return "header" if next(zone for ln, zone, _ in zone_list if ln is line) == "header" else "footer"


# ---------------------------------------------------------------- readable or not

ADVICE = ("an applicant tracking system would see the same: export a text-based PDF from the "
          "original document (Word, Google Docs or LaTeX 'Save as PDF'), or run with --ocr to "
          "read it here")


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Frequent words of English CVs (plus a few of other languages), from common_words.txt."""
    text = bundled_text("data", "common_words.txt")
    return frozenset(w for line in text.splitlines() if not line.startswith("#")
                     for w in line.lower().split())


def assess(pages: Sequence[Page], counts: GlyphCounts, images: int) -> str | None:
    """Why the text layer is unusable (reason and advice in one sentence), or None if usable."""
    if counts.letters < 20:
        what = ("no text layer: the pages are images (a scan or a picture of text)" if images
                else "no text on the pages")
        return f"{what}; {ADVICE}"
    if images >= len(pages) and counts.letters < 100 * len(pages):
        return (f"almost no text layer ({counts.letters} letters on {len(pages)} page(s) of "
                f"images): the CV is a scan or a picture of text; {ADVICE}")
    undecoded = counts.cids / (counts.cids + counts.letters)
    if undecoded > 0.25:
        return (f"the text layer does not decode: {undecoded:.0%} of the glyphs are unmapped "
                f"font codes (cid:NN), the fonts lack a Unicode map; {ADVICE}")
    tokens = [t for line in (ln for p in pages for ln in p.lines)
              for t in re.findall(r"[^\W\d_]{2,}", line.text.lower())]
    if len(tokens) >= 30:
        share = sum(t in common_words() for t in tokens) / len(tokens)
        if share < 0.04:
            return (f"the text layer decodes to gibberish (only {share:.0%} of its words are "
                    f"recognisable), the fonts map glyphs to the wrong letters; {ADVICE}")
    return None


# ---------------------------------------------------------------- link annotations

_PROFILE_HOSTS: tuple[str, ...] = tuple(load("words.yaml")["profile_hosts"])
HEADER_SHARE = 0.25     # a link annotation in the top quarter of page 1 sits in the header


def contact_links(pages: Sequence[PageWords]) -> tuple[str, ...]:
    """Web links behind icons and text (link annotations), as printed links are kept: without
    the scheme. Any site in the header area of page 1 (a portfolio icon); elsewhere only
    profile pages, not the papers and projects a CV links to in its body."""
    out: list[str] = []
    for pw in pages:
        for uri, top in pw.links:
            m = re.match(r"(?i)^https?://(.+)$", uri.strip())
            if not m or " " in m.group(1):
                continue
            link = m.group(1).rstrip("/")
            host = link.split("/", 1)[0].lower()
            header = pw.number == 1 and pw.height > 0 and top <= HEADER_SHARE * pw.height
            if (header or _profile(link, host)) and link not in out:
                out.append(link)
    return tuple(out)


def _profile(link: str, host: str) -> bool:
    """A profile page on a profile site ('github.com/jane', 'linkedin.com/in/jane'), not one
    of its repositories, posts or anchors ('github.com/jane/project', '...#slide2')."""
    if not any(h in host for h in _PROFILE_HOSTS) or "#" in link or "?" in link:
        return False
    parts = [p for p in link.split("/")[1:] if p]
    return len(parts) <= 1 or (len(parts) == 2 and parts[0] in _PROFILE_PREFIXES)


_PROFILE_PREFIXES = frozenset({"in", "pub", "u", "user", "users", "profile", "people"})


# ---------------------------------------------------------------- the whole document

def build_page(pw: PageWords) -> tuple[Page, GlyphCounts]:
    """A Page (body lines in reading order, no margin split yet) and its glyph counts."""
    words, counts = clean_words(w for w in pw.words if w.x1 > w.x0 and w.bottom > w.top)
    lines, columns, sidebar = order_lines(words, pw.number) if words else ([], 1, False)
    page = Page(number=pw.number, width=pw.width, height=pw.height, lines=tuple(lines),
                columns=columns, sidebar=sidebar, tables=pw.tables, images=pw.images,
                char_count=pw.char_count or sum(len(w.text) for w in pw.words), ocr=pw.ocr)
    return page, counts


def _check_lines(source: str, pages: Sequence[Page], limits: Limits) -> None:
    """Every body and margin line within the line cap, as a text file's lines are. A PDF line
    can pass it within the page cap: 55,000 letters in Helvetica 1 on a 14,400-point page."""
    for page in pages:
        for number, line in enumerate(page.lines + page.margin_lines, 1):
            check_line(source, f"page {page.number}, line {number}", line.text, limits)


def build_document(source: str, pages: Sequence[PageWords], *, kind: str = "pdf",
                   file_size: int = 0, warnings: Sequence[str] = (), created: str = "",
                   producer: str = "", limits: Limits = DEFAULT) -> Document:
    """The Document for a file's pages of words: the single entry point for every PDF engine,
    so the line cap binds each engine's lines alike (LimitError)."""
    built = [build_page(pw) for pw in pages]
    counts = sum((c for _, c in built), GlyphCounts())
    split = split_margins([(p.height, list(p.lines)) for p, _ in built])
    final = tuple(normalize_page(replace(p, lines=tuple(join_hyphens(body)),
                                         margin_lines=tuple(margin)))
                  for (p, _), (body, margin) in zip(built, split))
    _check_lines(source, final, limits)
    names = {w.fontname for pw in pages for w in pw.words}     # a few, among thousands of words
    fonts = sorted({font_base(name) for name in names if name})
    layout = Layout(file_name=source.replace("\\", "/").rsplit("/", 1)[-1], file_size=file_size,
                    page_count=len(final), columns=max((p.columns for p in final), default=1),
                    sidebar=any(p.sidebar for p in final), tables=sum(p.tables for p in final),
                    images=sum(p.images for p in final), icon_glyphs=counts.icons,
                    cid_glyphs=counts.cids, fonts=tuple(fonts), ocr=any(p.ocr for p in final))
    layout = replace(layout, links=contact_links(pages), created=created, producer=producer)
    reason = assess(final, counts, layout.images)
    notes = list(warnings)
    blank = [p.number for p in final if not p.lines]
    if reason is None and blank:
        notes.append(f"page(s) {', '.join(map(str, blank))} have no readable text")
    return Document(source=source, kind=kind, pages=final, layout=layout,  # type: ignore[arg-type]
                    readable=reason is None, unreadable_reason=reason, warnings=tuple(notes))
