"""Dates as CVs print them: single dates, ranges ("Jan 2019 - Present", "2017-20", "Summer 2019")
and the total time they cover with overlaps merged. Pure functions on text; the month, season and
"present" words are data (data/words.yaml), read once at import.

A date is (year, month) with month None when only the year is printed. Ranges keep that
precision so the report can say "2019" rather than an invented "2019-01".
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from threading import Lock
from typing import Iterable

from resume_match.data import load

YearMonth = tuple[int, int | None]

_WORDS = load("words.yaml")
# Every printed form of a month ("sept", "september") -> its number (data/words.yaml).
MONTHS: dict[str, int] = {form: int(n) for n, forms in _WORDS["months"].items() for form in forms}
# A season is a month range: a "Summer 2019" internship lasted about three months.
SEASONS: dict[str, tuple[int, int]] = {k: (v[0], v[1]) for k, v in _WORDS["seasons"].items()}


def alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of word-list phrases, longest first (so 'september' is tried before
    'sep'), each escaped, a space matching any white space."""
    return "|".join(re.escape(p).replace(r"\ ", r"\s+")
                    for p in sorted(set(phrases), key=lambda p: (-len(p), p)))


def month_pattern() -> str:
    """Any printed month name, as a non-capturing regex group."""
    return f"(?:{alternation(MONTHS)})"


def season_pattern() -> str:
    return f"(?:{alternation(SEASONS)})"


def short_month(month: int) -> str:
    """'Jan' for 1: the 3-letter form reports print."""
    return next(f for f, n in MONTHS.items() if n == month and len(f) == 3).title()

_DASHES = dict.fromkeys(map(ord, "\u00ad\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-")
_MON = month_pattern()
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_YY = r"['\u2018\u2019`]\d\d"
# An apostrophe that ends an abbreviated month before a two-digit year ("Feb’ 19", Word's smart quote).
_ABBR_MARK = r"['\u2018\u2019`](?=\s+\d\d(?!\d))"


def _date_pat(p: str) -> str:
    """One printed date; group names are prefixed with `p` so a range can hold two."""
    return (
        rf"(?:(?<!\d)\d{{1,2}}(?:st|nd|rd|th)?\s*)?(?P<{p}mon>{_MON})(?:\.|{_ABBR_MARK})?(?:,|-(?=\d{{4}}))?\s*"
        rf"(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s*)?(?P<{p}my>{_YEAR}|{_YY}|(?<!\d)\d\d(?![\d:,]))(?!\d)"
        rf"|(?P<{p}season>{season_pattern()})\s*,?\s*(?P<{p}sy>{_YEAR}|{_YY})(?!\d)"
        rf"|(?<![\d/.])(?P<{p}mm>0?[1-9]|1[0-2])\s*[/.]\s*(?P<{p}ny>{_YEAR})(?!\d)"
        rf"|(?<![\d/.\-])(?P<{p}hm>0[1-9]|1[0-2])-(?P<{p}hy>{_YEAR})(?![\d\-])"
        rf"|(?<![\d/.])(?P<{p}iy>{_YEAR})[/.-](?P<{p}im>0[1-9]|1[0-2])(?![\d/.]|-[0-3]\d(?!\d))"
        rf"|(?<![\d/.])(?P<{p}mmyy>0[1-9]|1[0-2])\s*/\s*(?P<{p}yy2>\d\d)(?![\d/.%])"
        rf"|(?<![\d$#+.,/])(?P<{p}y>{_YEAR})(?![\d%+])"
        rf"|(?<![\w])(?P<{p}yy>{_YY})(?!\d)"
    )


# with the words CVs in German, French, Spanish, Portuguese and Italian use ('2019 - heute')
_PRESENT = f"(?:{alternation(_WORDS['present_words'])})"
# Mojibake of an en/em dash ('â€“', 'ï¼') is common in CVs exported through the wrong encoding.
_SEP = r"\s*(?:-+|to|till|until|through|thru|~|â€[\u201c\u201d\"“”]|ï(?:1⁄4|¼))\s*"
# A comma between a month date and 'Present' or another month date ('05/2009 , Current').
_COMMA = rf"\s*,\s*(?=(?:{_PRESENT})(?![a-z])|{_MON}\.?\s*\d|\d{{1,2}}\s*/\s*\d{{4}})"
# Every date pattern below holds a _YEAR, a _YY or a two-digit year after '/' or a month name:
# text without one has no dates to look for.
_YEAR_LIKE = re.compile(rf"{_YEAR}|{_YY}|\d\s*/\s*\d\d(?!\d)|[A-Za-z][.'\u2018\u2019`]?\s*\d\d(?!\d)")
# Matched at an offset of a line (`.match(text, pos)`), so they hold no '^'.
_SEP_ONLY = re.compile(rf"{_SEP}(?![\w])|{_SEP}$", re.IGNORECASE)
_SEP_AT = re.compile(_SEP)                 # case-sensitive, as it always was
_BLANK_REST = re.compile(r"\s*$")
_TEXT = re.compile(r"\S")
_FULL_YEAR = re.compile(_YEAR)
_YEAR_AFTER = re.compile(r",?\s*(?:19|20)\d\d")
# A range after a separator is looked for within this many characters: clean lines hold single
# spaces, and a range is well under 100 characters; slicing the whole rest of a long line once
# per date made find_ranges_in_lines quadratic.
_RANGE_WINDOW = 512
_RANGE_BODY = (
    rf"(?P<since>since\s+)?(?:from\s+)?(?:{_date_pat('a')})"
    rf"(?:(?:{_SEP}|{_COMMA}|\s+(?=onwards?\b))(?:(?P<present>{_PRESENT})(?![a-z])|{_date_pat('b')}"
    rf"|(?<=-)(?P<short>\d\d)(?![\d/.%])))?")     # '2017-20'
# "May - Aug 2012": the first month takes the year printed after the second.
_MONTH_PAIR_BODY = rf"(?P<m1>{_MON})\.?{_SEP}(?P<m2>{_MON})\.?,?\s*(?P<y>{_YEAR})(?!\d)"
# Every match starts with a letter, a digit or an apostrophe: a lookahead for one spares the
# full pattern's alternatives at each space and punctuation mark (a quarter of its time).
_STARTS_WORD = r"(?=[\w'\u2018\u2019`])"
_RANGE = re.compile(_STARTS_WORD + _RANGE_BODY, re.IGNORECASE)
_MONTH_PAIR = re.compile(_STARTS_WORD + _MONTH_PAIR_BODY, re.IGNORECASE)
# '2022–  Research Scientist': a dash glued to the date and then words, no end date, is an
# open range (academic CVs); a dash at the end of a line may still be continued on the next
_OPEN_END = re.compile(r"-\s+(?=[A-Za-z])")
_LEADING_END = re.compile(rf"^(?:{_SEP})?\s*(?:(?P<present>{_PRESENT})(?![a-z])|{_date_pat('b')})",
                          re.IGNORECASE)


@dataclass(frozen=True)
class DateRange:
    """A period printed on a CV; `end` is None for a single date or an open ("present") range."""
    start: YearMonth
    end: YearMonth | None
    current: bool
    span: tuple[int, int]          # character offsets of the printed range in the searched text

    @property
    def is_range(self) -> bool:
        return self.end is not None or self.current


def normalize(text: str) -> str:
    """NFKC with every dash-like character as '-', keeping offsets (one character for one)."""
    out = text.translate(_DASHES)
    if out.isascii():                  # NFKC leaves ASCII as it is
        return out
    return "".join(unicodedata.normalize("NFKC", ch) if len(unicodedata.normalize("NFKC", ch)) == 1
                   else ch for ch in out)


# Texts up to this long are cached, as many as CACHED_TEXTS of them: every line of a CV of
# 1 MB of short lines (the cache is no help if the stages' passes over a document's lines evict
# each line before the next pass asks again), in memory bounded by their product (~10 MB).
CACHED_CHARS = 300
CACHED_TEXTS = 1 << 15


# Longer texts (a paragraph, or a hostile line of 45,000 characters of dates that facts asks
# about three times) are kept while all of them together hold at most this many characters.
LONG_CACHED_CHARS = 2_000_000


def find_ranges(text: str) -> tuple[DateRange, ...]:
    """Every date or date range printed in `text`, in order; offsets refer to `text`."""
    if len(text) > CACHED_CHARS:
        return _LONG.get(text, date.today().year)
    return _ranges(text, date.today().year)


class _SizedCache:
    """find_ranges of long texts, least recently used first out, bounded by the characters of
    the texts kept (a count bound would let a few huge lines hold gigabytes)."""

    def __init__(self, max_chars: int) -> None:
        self.max_chars, self.chars = max_chars, 0
        self.kept: OrderedDict[tuple[str, int], tuple[DateRange, ...]] = OrderedDict()
        self.lock = Lock()

    def get(self, text: str, this_year: int) -> tuple[DateRange, ...]:
        key = (text, this_year)
        with self.lock:
            if key in self.kept:
                self.kept.move_to_end(key)
                return self.kept[key]
        found = _uncached(text)
        with self.lock:
            if key not in self.kept and len(text) <= self.max_chars:
                self.kept[key] = found
                self.chars += len(text)
                while self.chars > self.max_chars:
                    (old, _), _ = self.kept.popitem(last=False)
                    self.chars -= len(old)
        return found


_LONG = _SizedCache(LONG_CACHED_CHARS)


@lru_cache(maxsize=CACHED_TEXTS)
def _ranges(text: str, this_year: int) -> tuple[DateRange, ...]:
    """find_ranges, worked out once per distinct text: facts asks again about the same lines
    (each dated entry, its neighbours, the CV's own date, education). The result is immutable.
    `this_year` is only part of the key: two-digit years are read against today's (_year)."""
    return _uncached(text)


def _uncached(text: str) -> tuple[DateRange, ...]:
    norm = normalize(text)
    if not _YEAR_LIKE.search(norm):    # most lines: a cheap search spares the full patterns
        return ()
    return _scan(norm)


def _scan(norm: str) -> tuple[DateRange, ...]:
    """find_ranges on normalized text, without the quick test for a year."""
    found: list[DateRange] = []
    taken: list[tuple[int, int]] = []       # in order and not overlapping, as finditer gives them
    # a month pair ends with a four-digit year: text without one (most lines that pass
    # _YEAR_LIKE hold a two-digit year or a version number) is spared its search
    for m in _MONTH_PAIR.finditer(norm) if _FULL_YEAR.search(norm) else ():
        if _word_start(norm, m.start()):
            y, a, b = int(m.group("y")), _month(m.group("m1")), _month(m.group("m2"))
            found.append(DateRange((y if a <= b else y - 1, a), (y, b), False, m.span()))
            taken.append(m.span())
    ends = [e for _, e in taken]
    for m in _RANGE.finditer(norm):
        k = bisect_right(ends, m.start())   # the first month pair ending after m starts
        if k < len(taken) and taken[k][0] < m.end():
            continue
        first = m.start("amon") if m.group("amon") else m.start("since") if m.group("since") else m.start()
        if not _word_start(norm, first):
            continue
        start = _date_from(m, "a")
        rng = _range_from(m, start) if start else None
        if rng is None or (_short_year(m, "a") and (m.group("short") or (rng[1] is None and not rng[2])
                                                   or _YEAR_AFTER.match(norm, m.end()))):
            continue              # 'Dec 15-18, 2013' is days of a month
        if rng[1] is None and not rng[2] and _OPEN_END.match(norm, m.end()):
            found.append(DateRange(rng[0], None, True, (m.start(), m.end() + 1)))
        else:
            found.append(DateRange(rng[0], rng[1], rng[2], m.span()))
    return tuple(sorted(found, key=lambda r: r.span))


def find_ranges_in_lines(lines: list[str] | tuple[str, ...]) -> list[tuple[int, DateRange]]:
    """Ranges per line, joining ranges broken over lines: '2021 -' / 'Present ...' and
    'May 2011' / 'to' / 'January 2015' (word-processor CVs with a date column)."""
    out: list[tuple[int, DateRange]] = []
    used: dict[int, int] = {}                 # line -> offset up to which its text was consumed
    norms = _Normalized(lines)
    for i, text in enumerate(lines):
        for r in find_ranges(text):
            if r.span[0] < used.get(i, 0):
                continue
            if not r.is_range:
                joined = _continued(norms, i, r)
                if joined:
                    r, j, upto = joined
                    used[j] = upto
            out.append((i, r))
    return out


class _Normalized:
    """normalize() of each line, worked out once: a line with many dates is asked about
    once per date. normalize keeps offsets, so an offset in a line is one in its norm."""

    def __init__(self, lines: list[str] | tuple[str, ...]) -> None:
        self.lines = lines
        self._done: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, i: int) -> str:
        if i not in self._done:
            self._done[i] = normalize(self.lines[i])
        return self._done[i]


def _continued(lines: _Normalized, i: int, r: DateRange) -> tuple[DateRange, int, int] | None:
    """The end of a lone start date found on the next line(s): (range, line used, offset).
    Matched in place (at the date's end) rather than on a copy of the rest of the line."""
    line, at = lines[i], r.span[1]
    sep = _SEP_ONLY.match(line, at)
    j = i + 1
    if not sep:
        if not _BLANK_REST.match(line, at):
            return None
        if j < len(lines) and _SEP_ONLY.fullmatch(lines[j]):
            j += 1                            # the separator alone on the middle line
        elif not (j < len(lines) and _SEP_AT.match(lines[j])):
            return None
    elif _range_follows(line, sep.end()):
        return None
    if j >= len(lines):
        return None
    m = _LEADING_END.match(lines[j])
    if not m:
        return None
    if m.group("present"):
        return DateRange(r.start, None, True, r.span), j, m.end()
    end = _date_from(m, "b")
    if end is None or month_index(end, True) < month_index(r.start, False):
        return None
    return DateRange(r.start, end, False, r.span), j, m.end()


def _range_follows(line: str, at: int) -> bool:
    """Whether the rest of `line` from `at`, stripped, starts with a date or range."""
    text = _TEXT.search(line, at)           # the first character lstrip() would keep
    if text is None:
        return False
    start = text.start()
    return bool(_RANGE.match(line[start:start + _RANGE_WINDOW].rstrip()))


def _short_year(m: re.Match[str], p: str) -> bool:
    """A date written with a bare two-digit year ('03/19', 'Jan 19'): a date only in a range
    to a month or 'Now' ('03/19 - Now', 'Jan 19 - Dec 21'); alone, or before '-18, 2013', it is
    a ratio, a day or a score."""
    my = m.group(f"{p}my")
    return bool(m.group(f"{p}mmyy")) or bool(my and len(my) == 2 and my[0].isdigit())


def _word_start(text: str, pos: int) -> bool:
    """A date must not start inside a word, unless it begins a capitalised word glued to the
    previous one (PDF text without spaces: 'LastUpdatedon21stJanuary2015')."""
    if pos == 0 or not text[pos - 1].isalpha():
        return True
    return text[pos].isupper() and text[pos - 1].islower()


def _year(raw: str) -> int:
    if raw[0].isdigit() and len(raw) == 4:
        return int(raw)
    yy = int(raw[-2:])
    return 2000 + yy if yy <= (date.today().year % 100) + 1 else 1900 + yy


def _month(name: str) -> int:
    return MONTHS[name.lower()]


def _date_from(m: re.Match[str], p: str) -> YearMonth | None:
    g = m.group
    if g(f"{p}mon"):
        return _year(g(f"{p}my")), _month(g(f"{p}mon"))
    if g(f"{p}season"):
        return _year(g(f"{p}sy")), SEASONS[g(f"{p}season").lower()][0]
    if g(f"{p}mm"):
        return int(g(f"{p}ny")), int(g(f"{p}mm"))
    if g(f"{p}hm"):
        return int(g(f"{p}hy")), int(g(f"{p}hm"))
    if g(f"{p}iy"):
        return int(g(f"{p}iy")), int(g(f"{p}im"))
    if g(f"{p}mmyy"):
        return _year(g(f"{p}yy2")), int(g(f"{p}mmyy"))
    if g(f"{p}y"):
        return int(g(f"{p}y")), None
    if g(f"{p}yy"):
        return _year(g(f"{p}yy")), None
    return None


def _range_from(m: re.Match[str], start: YearMonth) -> tuple[YearMonth, YearMonth | None, bool] | None:
    if m.group("present"):
        return start, None, True
    if m.group("short"):
        end_year = start[0] // 100 * 100 + int(m.group("short"))
        return (start, (end_year, None), False) if end_year > start[0] else None
    end = _date_from(m, "b")
    if end is None:
        season = m.group("aseason")
        if season:
            return start, (start[0], SEASONS[season.lower()][1]), False
        return start, None, bool(m.group("since"))
    if month_index(end, True) < month_index(start, False):
        return None
    return start, end, False


def month_index(d: YearMonth, end: bool = True) -> int:
    """Months since year 0: a start is the beginning of its month, an end is its end."""
    y, mo = d
    if mo is None:
        return y * 12 if not end else y * 12
    return y * 12 + mo - 1 + (1 if end else 0)


def interval(r: DateRange, as_of: YearMonth) -> tuple[int, int] | None:
    """The period in months [start, end) a range covers; None for a single non-season date.

    Year-only bounds count from January to January ("2017 - 2020" is three years); an end
    in the same year as a year-only start covers that whole year.
    """
    s = month_index(r.start, False)
    if r.current:
        e = month_index(as_of, True)
    elif r.end is not None:
        e = month_index(r.end, True)
        if e <= s:
            e = r.end[0] * 12 + 12 if r.end[1] is None else s + 1
    else:
        return None
    return (s, e) if e > s else None


def total_years(periods: list[tuple[int, int]]) -> float:
    """Years covered by month intervals, overlapping periods counted once."""
    months = 0
    cur_s = cur_e = None
    for s, e in sorted(periods):
        if cur_e is None or s > cur_e:
            if cur_e is not None and cur_s is not None:
                months += cur_e - cur_s
            cur_s, cur_e = s, e
        else:
            cur_e = max(cur_e, e)
    if cur_e is not None and cur_s is not None:
        months += cur_e - cur_s
    return round(months / 12, 1)


def latest(ranges: list[DateRange] | tuple[DateRange, ...]) -> YearMonth | None:
    """The latest date printed among `ranges` (ends and starts; 'present' is not a date)."""
    dates = [d for r in ranges for d in (r.start, r.end) if d is not None]
    return max(dates, key=lambda d: month_index(d, True)) if dates else None


def iso(d: YearMonth | None) -> str | None:
    """'2019-03', or '2019' when only the year is printed."""
    if d is None:
        return None
    return f"{d[0]:04d}" if d[1] is None else f"{d[0]:04d}-{d[1]:02d}"


def today() -> YearMonth:
    t = date.today()
    return t.year, t.month


def parse_iso(text: str) -> YearMonth | None:
    """'2023-07-16', '2023-07' or 'D:20230716...' (PDF metadata) -> (2023, 7)."""
    m = re.match(r"^(?:D:)?(\d{4})-?(\d{2})?", text.strip())
    if not m or not 1950 <= int(m.group(1)) <= 2100:
        return None
    month = int(m.group(2)) if m.group(2) and 1 <= int(m.group(2)) <= 12 else None
    return int(m.group(1)), month
