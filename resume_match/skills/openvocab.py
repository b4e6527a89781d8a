"""The open-vocabulary pass: every item of a skills list is a skill, known to the taxonomy or not.

Lists are the lines of a skills section, a labelled list anywhere ("Tech Stack: ...", "Relevant
Coursework: ..."), split at commas, pipes, bullets, brackets and colons. An item the taxonomy
knows is left to the matcher; the words an item adds to a known name make a more specific skill
("MongoDB Atlas", "Spring MVC"); the rest is reported as a skill the taxonomy does not know.
Proficiency beside an item ("(Advanced)", "- 24 months", "***") is its level, not its name.

Raw "every item is a skill" was a net loss when measured (sub-heading labels, spoken languages,
"6 Month" table leftovers, sentences), so an unknown item must pass filters: no text before a
colon, at most four words, no number alone, no stop word or verb first, no language spoken,
place, month or template text. Pure functions over a section's tokens (no spaCy); the words are
data in data/skill_context.yaml.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Iterable

from resume_match.data import load
from resume_match.skills.context import (LIST_LABELS, MIN_PROSE_KNOWN, NEXT_CUES, PAGE_FURNITURE,
                                         VERSION, Mention, load_cues, prose_lists, title_heads)

MAX_WORDS = 4            # an unknown item longer than this is prose
MAX_ITEM_WORDS = 6       # a list item longer than this is a sentence: only known names count
MIN_LETTERS = 2
LABEL_SPAN = 6           # a line's label ends with a colon within this many tokens

_CUES = load_cues()
ITEM_SEPARATORS = _CUES["item_separators"]
CONNECTORS = _CUES["connectors"]
LEVEL_WORDS = _CUES["level_words"] | _CUES["time_units"]
LEVEL_TIES = _CUES["level_ties"]
GENERIC = _CUES["generic_heads"] | NEXT_CUES | LIST_LABELS
STOP_WORDS = _CUES["item_stop_words"]
ARTICLES = _CUES["item_articles"]
SOFT_LABELS = _CUES["soft_labels"]
OPEN_LABELS = _CUES["open_labels"]
MAX_LABEL_WORDS = 4      # 'Data Visualization Tools:'; more is a sentence with a colon
SPOKEN = _CUES["spoken_languages"]
PLACEHOLDERS = _CUES["placeholders"]
MIN_PROSE_ITEMS = 3      # items such a list has at least: 'React, Redux and Firebase'
_DASHES = frozenset({"-", "–", "—", "‑"})
_NUMBER = re.compile(r"^\d+([.,]\d+)?\+?$")
_LINK = re.compile(r"^[\w.-]+\.[a-z]{2,}(/\S*)?$|/")
_STARS = frozenset("*★☆")
_GLUED_PLUS = re.compile(r"\w\+ ?\w")
_JUNK = frozenset({".", "-", "*", "+", "/", "'", '"', "“", "”", "‘", "’", "…"})


@dataclass(frozen=True)
class ListView:
    """One section's tokens as the open pass needs them."""
    tokens: tuple[str, ...]
    spaces: tuple[bool, ...]
    line_starts: tuple[int, ...]
    mentions: tuple[Mention, ...]
    accepted: frozenset[int]               # indices of mentions that count as skills
    in_skills_section: bool = False
    in_work_section: bool = False          # experience, projects: prose lists count (_prose_items)
    line_styles: tuple[tuple[str, float, bool], ...] = ()   # (font, size, bold) per line
    excluded: frozenset[int] = frozenset()  # tokens that claim nothing (degree names)

    # Where the mentions are, indexed once per section: each item of a list asked about all of
    # them, so a skills section of 5,000 items took seconds (quadratic in the section's size).
    @cached_property
    def _counted(self) -> _SpanIndex:
        return _SpanIndex(self.mentions, self.accepted)

    @cached_property
    def _all(self) -> _SpanIndex:
        return _SpanIndex(self.mentions, range(len(self.mentions)))

    @cached_property
    def _uncounted_spans(self) -> frozenset[tuple[int, int]]:
        return frozenset((m.start, m.end) for i, m in enumerate(self.mentions)
                         if i not in self.accepted)

    def counted_from(self, a: int, b: int) -> list[int]:
        """Indices of the accepted mentions that start in tokens [a, b), in start order."""
        return self._counted.starting(a, b)

    def counted_within(self, a: int, b: int) -> list[int]:
        """Indices, ascending, of the accepted mentions that overlap tokens [a, b)."""
        return self._counted.overlapping(a, b)

    def mentioned_within(self, a: int, b: int) -> list[int]:
        """Indices, ascending, of every mention (counted or not) that overlaps tokens [a, b)."""
        return self._all.overlapping(a, b)

    def uncounted_at(self, a: int, b: int) -> bool:
        """Whether a mention the matcher did not count spans exactly tokens [a, b)."""
        return (a, b) in self._uncounted_spans


class _SpanIndex:
    """Some of a section's mentions in start order, for bisecting by token position."""

    def __init__(self, mentions: tuple[Mention, ...], indices: Iterable[int]) -> None:
        self.mentions = mentions
        self.order = sorted(indices, key=lambda i: (mentions[i].start, i))
        self.starts = [mentions[i].start for i in self.order]
        self.longest = max((mentions[i].end - mentions[i].start for i in self.order), default=0)

    def starting(self, a: int, b: int) -> list[int]:
        """Indices of the mentions that start in tokens [a, b), in start order."""
        return self.order[bisect_left(self.starts, a):bisect_left(self.starts, b)]

    def overlapping(self, a: int, b: int) -> list[int]:
        """Indices, ascending, of the mentions that overlap tokens [a, b)."""
        return sorted(i for i in self.starting(a - self.longest + 1, b) if self.mentions[i].end > a)


@dataclass(frozen=True)
class Item:
    """A skill the taxonomy does not know (or a more specific one than it knows), at tokens
    [start, end)."""
    start: int
    end: int
    level: str | None = None
    soft: bool = False             # listed under a 'Soft skills:' label
    text: str | None = None        # a name the tokens spell only in part: 'Quality Management'
                                   # of 'Quality & Safety Management'


@dataclass(frozen=True)
class OpenResult:
    items: tuple[Item, ...]
    levels: dict[int, str]         # accepted mention index -> its level
    soft: frozenset[int]           # accepted mention indices listed under a soft label


@lru_cache(maxsize=1)
def _verbs() -> frozenset[str]:
    """Past-tense action verbs that open a CV bullet ('Developed', 'Managed'), from the ATS
    word list; the proficiency words among them ('advanced') are not verbs here."""
    return frozenset(str(v).lower() for v in load("ats.yaml")["action_verbs"]) - LEVEL_WORDS


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    from resume_match.parse.contact import place_names
    return frozenset(n.casefold() for n in place_names()[0])


@lru_cache(maxsize=1)
def _months() -> frozenset[str]:
    return frozenset(str(m).lower() for forms in load("words.yaml")["months"].values()
                     for m in forms)


def open_items(view: ListView) -> OpenResult:
    """Unknown and more specific skills in the section's lists, the level written beside each
    counted mention, and the mentions listed as soft skills."""
    ends = (*view.line_starts[1:], len(view.tokens))
    items: list[Item] = []
    levels: dict[int, str] = {}
    soft: set[int] = set()
    font = _item_font(view, ends)
    carry: bool | None = None          # a labelled list that ran on from the line before: soft?
    for line, (a, b) in enumerate(zip(view.line_starts, ends)):
        region = _region(view, a, b)
        if region is None and carry is not None and _label_end(view, a, b) is None:
            region = (a, carry)
        carry = None
        if region is None or a >= b:
            continue
        start, is_soft = region
        if view.tokens[b - 1] in (",", ";", "|", "•"):
            carry = is_soft            # 'Relevant Coursework: A, B,' goes on below
        pieces = _pieces(view, start, b)
        if _sub_heading(view, line, pieces, font):
            continue
        last = len(pieces) - 1
        for k, (x, y, after) in enumerate(pieces):
            if after == ":" and k < last and not _level_only(view, *pieces[k + 1][:2]):
                continue                 # a label: 'Hardware Tools : ...', 'Familiar:'
            found, marks = _read_item(view, x, y, enumerate_tail=k == last and k > 0)
            level = _level_after(view, pieces, k)
            for it in found:
                items.append(Item(it.start, it.end, it.level or level, is_soft, it.text))
            for i, lv in marks.items():
                if lv or level:
                    levels[i] = lv or level or ""
                if is_soft:
                    soft.add(i)
    if view.in_work_section:
        items += _prose_items(view)
    return OpenResult(tuple(items), levels, frozenset(soft))


def _prose_items(view: ListView) -> list[Item]:
    """The unknown skills of a list a work bullet writes after a cue ('built it using React,
    Redux, ChartsJs and Monaco Editor'): only in a list of three items or more of which two
    are known skills, and only whole items written as names (a capital or a digit), so 'with
    clients, vendors and stakeholders', 'in designing, building and deploying' or 'tool,
    Change active directory rights' give none."""
    out: list[Item] = []
    for x, y in prose_lists(view.tokens, view.line_starts):
        pieces = _pieces(view, x, y)
        known = len(view.counted_from(x, y))
        count = len(pieces) - 1 + len(_split_connectors(view, *pieces[-1][:2])) if pieces else 0
        if count < MIN_PROSE_ITEMS or known < MIN_PROSE_KNOWN:
            continue
        for k, (a, b, _) in enumerate(pieces):
            last = k == len(pieces) - 1
            whole = _split_connectors(view, *_trim(view, a, b)) if last else [_trim(view, a, b)]
            found, _ = _read_item(view, a, b, enumerate_tail=last)
            out += [it for it in found if (it.start, it.end) in whole and it.text is None
                    and _named(view.tokens[it.start:it.end]) and _named(_added_words(view, it))]
    return out


def _added_words(view: ListView, it: Item) -> tuple[str, ...]:
    """The item's words outside the names the matcher found in it (counted or not): what makes
    'Angular Reactive forms' more than Angular (and 'Excel daily' no more than Excel)."""
    covered = {t for i in view.mentioned_within(it.start, it.end)
               for t in range(view.mentions[i].start, view.mentions[i].end)}
    return tuple(view.tokens[t] for t in range(it.start, it.end) if t not in covered) or ("",)


def _named(tokens: tuple[str, ...]) -> bool:
    """Written as a name: a capital letter or a digit in it ('ChartsJs', 'D3', 'Monaco Editor'),
    and not two names glued by a plus ('ASP.NET+SQL' is a stack, C++ a name) nor the tail of
    a slash ('Office /MS Outlook')."""
    return any(c.isupper() or c.isdigit() for t in tokens for c in t) and \
        not _GLUED_PLUS.search(" ".join(tokens)) and tokens[0][:1] not in "/\\|-"


def heading_lines(view: ListView) -> set[int]:
    """Indices of a skills section's lines that are sub-headings ('libraries' printed over
    'tensorflow • keras' in another font), whatever names they hold."""
    if not view.in_skills_section or not view.line_styles:
        return set()
    ends = (*view.line_starts[1:], len(view.tokens))
    font = _item_font(view, ends)
    out = set()
    for line, (a, b) in enumerate(zip(view.line_starts, ends)):
        pieces = _pieces(view, a, b)
        if len(pieces) == 1 and font is not None and view.line_styles[line][0] \
                and view.line_styles[line] != font and pieces[0][1] - pieces[0][0] <= 2:
            out.add(line)
    return out


# ---------------------------------------------------------------- where the lists are

def _region(view: ListView, a: int, b: int) -> tuple[int, bool] | None:
    """Where a line's list starts (after a 'Skills:'-like label) and whether it lists soft
    skills; None for a line that is no list. Every line of a skills section is one."""
    label = _label_end(view, a, b)
    words = [t.lower() for t in view.tokens[a:label] if t.isalpha()] if label else []
    is_soft = bool(set(words) & SOFT_LABELS)
    if view.in_skills_section:
        return (label + 1 if label and set(words) & LIST_LABELS else a), is_soft
    if label and (set(words) & OPEN_LABELS or " ".join(words[-2:]) in OPEN_LABELS):
        return label + 1, is_soft
    return None


def _label_end(view: ListView, a: int, b: int) -> int | None:
    """The colon that ends a short label opening the line ('Tech Stack:'), or a spaced dash
    after label words only ('Tools - Docker, Git'); None when the line opens with no label."""
    for i in range(a + 1, min(b, a + LABEL_SPAN)):
        tok = view.tokens[i]
        words = [t for t in view.tokens[a:i] if any(c.isalnum() for c in t)]
        if tok == ":" or tok in _DASHES and _spaced(view, i) and \
                all(w.lower() in LIST_LABELS for w in words):
            ok = 0 < len(words) <= MAX_LABEL_WORDS and not any(c.isdigit() for w in words for c in w)
            return i if ok else None
    return None


def _pieces(view: ListView, a: int, b: int) -> list[tuple[int, int, str]]:
    """The line's items as (start, end, separator after), split at item separators and at
    dashes between spaces ('Python - 24 months')."""
    out: list[tuple[int, int, str]] = []
    start = a
    for i in range(a, b):
        tok = view.tokens[i]
        if tok.lower() in ITEM_SEPARATORS or tok in _DASHES and _spaced(view, i):
            if i > start:
                out.append((start, i, tok))
            elif out and tok == ":":
                out[-1] = (*out[-1][:2], tok)
            start = i + 1
    if start < b:
        out.append((start, b, ""))
    return out


def _spaced(view: ListView, i: int) -> bool:
    return i > 0 and view.spaces[i - 1] and (i >= len(view.spaces) or view.spaces[i])


def _item_font(view: ListView, ends: tuple[int, ...]) -> tuple[str, float, bool] | None:
    """The style most list lines of the section share (lines with two or more items)."""
    if not view.line_styles or not view.in_skills_section:
        return None
    counts: dict[tuple[str, float, bool], int] = {}
    for style, a, b in zip(view.line_styles, view.line_starts, ends):
        if any(view.tokens[i].lower() in ITEM_SEPARATORS for i in range(a, b)):
            counts[style] = counts.get(style, 0) + 1
    return max(counts, key=lambda s: counts[s]) if counts else None


def _sub_heading(view: ListView, line: int, pieces: list[tuple[int, int, str]],
                 font: tuple[str, float, bool] | None) -> bool:
    """A one-item line printed unlike the list lines ('libraries' over 'tensorflow • keras'):
    a heading inside the skills section, not a skill."""
    if len(pieces) != 1 or font is None or not view.line_styles[line][0]:
        return False
    a, b, _ = pieces[0]
    return view.line_styles[line] != font and b - a <= 2 and \
        not view.counted_from(a, b)


# ---------------------------------------------------------------- one item

def _read_item(view: ListView, a: int, b: int, enumerate_tail: bool = False
               ) -> tuple[list[Item], dict[int, str]]:
    """The unknown or specific skills of one list item, and the counted mentions in it with
    the level written before them ('Proficient in Windows'). `enumerate_tail`: the item ends
    a list, so 'B and C' there is two items."""
    stars = b
    while stars > a and set(view.tokens[stars - 1]) <= _STARS:
        stars -= 1
    rating = "".join(view.tokens[stars:b]) or None      # 'Python***'
    a, b = _trim(view, a, stars)
    if a >= b or _level_only(view, a, b):
        return [], {}
    prose = sum(any(c.isalnum() for c in t) for t in view.tokens[a:b]) > MAX_ITEM_WORDS
    lead = _leading_level(view, a, b)
    inside = view.counted_within(a, b)
    level = " ".join(t for t in view.tokens[a:lead] if t.lower() not in LEVEL_TIES) or None
    if lead > a and (inside and view.mentions[inside[0]].start == lead or _tied(view, lead)):
        a = lead
    else:
        level = None
    tail = _trailing_level(view, a, b)
    if tail < b and not any(view.mentions[i].end > tail for i in inside):
        level = " ".join(filter(None, (level, _text(view, tail, b))))
        b = tail
    level = level or rating
    marks = {i: level or "" for i in inside}
    if prose or _refused(view, a, b):
        return [], marks
    covered = {t for i in inside for t in range(view.mentions[i].start, view.mentions[i].end)}
    if all(t in covered or _filler(view.tokens[t]) for t in range(a, b)):
        return [], marks
    if not inside:
        shared = _shared_head(view, a, b, level)
        if shared:
            return shared, marks
        parts = _split_connectors(view, a, b) if enumerate_tail else [(a, b)]
        return [Item(x, y, level) for x, y in parts if _plausible(view, x, y)], marks
    runs = [r for r in _runs(view, [t for t in range(a, b) if t not in covered])
            if not _only_connectors(view, *r)]
    if len(inside) == 1 and len(runs) == 1 and _joined(view, a, b, runs[0], inside[0]):
        return ([Item(a, b, level)] if _plausible(view, a, b, specific=True) else []), marks
    out = [Item(x, y, level) for x, y in (_trim(view, *r) for r in runs)
           if x < y and _plausible(view, x, y) and not _worded(view, x, y)]
    return out, marks


def _worded(view: ListView, a: int, b: int) -> bool:
    """The words beside a known name hold a stop word ('Focus on portion' of 'Focus on
    portion and cost control'): they are the item's prose, not another name."""
    return any(t.lower() in STOP_WORDS for t in view.tokens[a:b])


def _refused(view: ListView, a: int, b: int) -> bool:
    """The item is exactly a name the matcher found here and did not count (an extended name
    in a list no curated skill vouches for, an ordinary word written in another case): the
    open pass does not report it either."""
    return view.uncounted_at(a, b)


def _trim(view: ListView, a: int, b: int) -> tuple[int, int]:
    """Connectors, rating marks and stray punctuation off both ends of an item."""
    while a < b and (view.tokens[a].lower() in CONNECTORS or view.tokens[a] in _JUNK):
        a += 1
    while b > a and (view.tokens[b - 1].lower() in CONNECTORS or view.tokens[b - 1] in _JUNK
                     or set(view.tokens[b - 1]) <= {"*"}):
        b -= 1
    return a, b


def _level_only(view: ListView, a: int, b: int) -> bool:
    """'Advanced', '24 months', 'Experience - 3 years', '***': a level and nothing else."""
    toks = [t for t in view.tokens[a:b] if t not in _DASHES]
    return bool(toks) and all(t.lower() in LEVEL_WORDS or _NUMBER.match(t) or set(t) <= _STARS
                              for t in toks)


def _level_after(view: ListView, pieces: list[tuple[int, int, str]], k: int) -> str | None:
    """The level written right after item k: '(Advanced)', '- 24 months', ': Expert'."""
    if k + 1 >= len(pieces):
        return None
    x, y, _ = pieces[k + 1]
    if pieces[k][2] not in ("(", "-", "–", "—", ":") or not _level_only(view, x, y):
        return None
    parts = [_text(view, x, y)]
    for x, y, sep in pieces[k + 2:]:     # 'Experience - 24 months'
        if pieces[k + len(parts)][2] not in _DASHES or not _level_only(view, x, y):
            break
        parts.append(_text(view, x, y))
    return " - ".join(parts)


def _leading_level(view: ListView, a: int, b: int) -> int:
    """Where the name starts after leading level words ('Proficient in', 'basic')."""
    i = a
    while i < b - 1 and view.tokens[i].lower() in LEVEL_WORDS:
        i += 1
    if i > a and i < b - 1 and view.tokens[i].lower() in LEVEL_TIES:
        i += 1
    return i


def _trailing_level(view: ListView, a: int, b: int) -> int:
    """Where trailing level words start ('CI/CD basics', 'Computer proficient'), or b."""
    i = b
    while i > a + 1 and view.tokens[i - 1].lower() in LEVEL_WORDS:
        i -= 1
    return i


def _tied(view: ListView, lead: int) -> bool:
    """The level is tied to the name by a word: 'Familiar with', 'Fluent in'."""
    return lead > 0 and view.tokens[lead - 1].lower() in LEVEL_TIES


def _filler(tok: str) -> bool:
    low = tok.lower()
    return low in GENERIC or low in CONNECTORS or low in LEVEL_WORDS or tok in _JUNK \
        or bool(VERSION.match(tok)) or tok in ("/", "&")


def _runs(view: ListView, idx: list[int]) -> list[tuple[int, int]]:
    """Maximal runs of consecutive token indices, cut at connectors ('and')."""
    out: list[tuple[int, int]] = []
    for i in idx:
        if view.tokens[i].lower() in CONNECTORS:
            continue
        if out and out[-1][1] == i:
            out[-1] = (out[-1][0], i + 1)
        else:
            out.append((i, i + 1))
    return out


def _joined(view: ListView, a: int, b: int, run: tuple[int, int], mention: int) -> bool:
    """One known name and the words beside it make one name ('MongoDB Atlas', 'Azure App
    Service'): the words touch the name and no connector or stop word sits between."""
    m = view.mentions[mention]
    touching = run[0] == m.end or run[1] == m.start
    if view.line_starts and any(a < s < b for s in view.line_starts):
        return False               # a name wrapped from the line before is not more specific
    return touching and not any(view.tokens[i].lower() in CONNECTORS | STOP_WORDS | {"/"}
                                for i in range(a, b))


def _only_connectors(view: ListView, a: int, b: int) -> bool:
    return all(_filler(t) for t in view.tokens[a:b])


def _shared_head(view: ListView, a: int, b: int, level: str | None) -> list[Item]:
    """'Quality & Safety Management' is quality management and safety management, 'Reporting
    & Documentation' two skills: one word, a connector, then a name whose last word the first
    word shares (as the matcher reads 'supervised and unsupervised learning'). Not 'Design and
    Analysis of Algorithms' (a stop word), nor an item with more than one connector."""
    joins = [i for i in range(a, b) if view.tokens[i].lower() in CONNECTORS]
    if len(joins) != 1 or joins[0] != a + 1 or b - joins[0] < 2:
        return []
    rest = range(joins[0] + 1, b)
    if any(view.tokens[i].lower() in STOP_WORDS or not view.tokens[i].isalpha()
           for i in (a, *rest)):
        return []
    first = Item(a, a + 1, level)
    if b - joins[0] > 2:           # the first word takes the last word of the name after it
        first = Item(a, a + 1, level, text=f"{view.tokens[a]} {view.tokens[b - 1]}")
    out = [first, Item(joins[0] + 1, b, level)]
    return out if all(_plausible(view, it.start, it.end, specific=True) for it in out) else []


def _split_connectors(view: ListView, a: int, b: int) -> list[tuple[int, int]]:
    """'Dagster and Airbyte' at the end of a list is two items."""
    out, start = [], a
    for i in range(a, b):
        if view.tokens[i].lower() in CONNECTORS:
            if i > start:
                out.append((start, i))
            start = i + 1
    if start < b:
        out.append((start, b))
    return out


def _plausible(view: ListView, a: int, b: int, specific: bool = False) -> bool:
    """The filters that keep list leftovers, prose and places out of the skills."""
    toks = list(view.tokens[a:b])
    words = [t for t in toks if any(c.isalnum() for c in t)]
    low = [t.lower() for t in words]
    text = " ".join(low)
    if not words or len(words) > MAX_WORDS or any(i in view.excluded for i in range(a, b)):
        return False
    if sum(c.isalpha() for c in text) < MIN_LETTERS or any(_NUMBER.match(t) for t in words):
        return False
    if low[0] in STOP_WORDS or low[0] in _verbs() or low[-1] in STOP_WORDS \
            or any(t in ARTICLES for t in low):
        return False
    if text in SPOKEN or low[0] in SPOKEN and len(low) == 1 or text in _places() \
            or any(t in PLACEHOLDERS for t in low):
        return False
    if all(t in _months() or t in GENERIC or t in LEVEL_WORDS for t in low):
        return False
    if text in PAGE_FURNITURE or len(low) > 1 and low[-1] in title_heads():
        return False                      # "Back to Top"; a job title ("Jr. Web Developer")
    if any("@" in t or t.startswith(("http", "www.")) or _LINK.search(t) and "." in t
           for t in low):
        return False
    if not specific and len(words) == 1 and len(words[0]) == 1:
        return False
    return not (toks[-1] == "." and len(words) > 2)


def _text(view: ListView, a: int, b: int) -> str:
    """Tokens [a, b) as written."""
    out = ""
    for i in range(a, b):
        out += view.tokens[i] + (" " if i < b - 1 and view.spaces[i] else "")
    return out
