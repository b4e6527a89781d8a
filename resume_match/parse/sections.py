"""Document -> sections: headings found by typography (size, weight, capitals) and a heading
lexicon (resume_match/data/headings.yaml) matched fuzzily, mapped to canonical section kinds."""
from __future__ import annotations

import dataclasses
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import cast

from rapidfuzz import fuzz, process

from resume_match.data import load
from resume_match.errors import DataError
from resume_match.models import SECTION_KINDS, Document, Line, Section, SectionKind
from resume_match.parse.dates import find_ranges
from resume_match.parse.education import find_degree

MAX_HEADING_WORDS = 6
MAX_HEADING_CHARS = 48
FUZZY_CUTOFF = 88.0
PAIR_SCORE = 90.0       # a known heading paired with another name: sure as a fuzzy match
_PAIR_SEP = re.compile(r"\s*[/|]\s*")
_NOISE = re.compile(r"\(cid:\d+\)|[\ue000-\uf8ff]")
_LEADER = re.compile(r"^[^A-Za-z]*")          # numbering, bullets, icons before a heading
_NON_LETTER = re.compile(r"[^a-z]+")


@dataclass(frozen=True)
class Lexicon:
    phrases: dict[str, str]        # phrase key (letters only) -> kind
    keywords: dict[str, str]       # single word -> kind
    _near: dict[int, list[str]] = field(default_factory=dict, compare=False, repr=False)

    def near_length(self, n: int) -> list[str]:
        """The phrase keys, in order, long enough and short enough to reach FUZZY_CUTOFF against
        a key of n letters: fuzz.ratio is 100 * (1 - indel distance / total length) and the
        distance is at least the length difference, so the rest cannot match. (Worked out once
        per length; the fuzzy search then compares a few dozen phrases, not all of them.)"""
        if n not in self._near:
            # 1 point of slack below the cutoff keeps float rounding on the safe side
            self._near[n] = [p for p in self.phrases
                             if 200 * min(n, len(p)) / (n + len(p)) >= FUZZY_CUTOFF - 1]
        return self._near[n]


@dataclass(frozen=True)
class HeadingMatch:
    kind: str
    score: float                   # 0-100: how well the text matched a known heading
    whole: bool                    # the whole line is a known heading (not just a keyword in it)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The heading lexicon shipped with the package, validated on load."""
    name = "data/headings.yaml"
    raw = load("headings.yaml")
    phrases: dict[str, str] = {}
    keywords: dict[str, str] = {}
    for kind, entry in raw.items():
        if kind not in SECTION_KINDS and kind != "coursework":
            raise DataError(f"{name}: key {kind!r}: expected a section kind ({', '.join(SECTION_KINDS)})")
        if not isinstance(entry, dict) or not isinstance(entry.get("phrases"), list):
            raise DataError(f"{name}: key {kind!r}: expected a mapping with a 'phrases' list")
        for phrase in entry["phrases"]:
            phrases.setdefault(_key(str(phrase)), kind)
        for word in entry.get("keywords") or []:
            keywords.setdefault(str(word).lower(), kind)
    return Lexicon(phrases=phrases, keywords=keywords)


def clean_heading(text: str) -> str:
    """Lower-case words of a heading without icons, numbering, accents or punctuation; '&'
    reads 'and'."""
    text = _NOISE.sub(" ", unicodedata.normalize("NFKC", text))
    if not text.isascii():             # ASCII has no accents to strip
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = _LEADER.sub("", text).lower().replace("&", " and ")
    words = _NON_LETTER.sub(" ", text).split()
    while words and words[-1] in ("and", "or"):      # "Honors &" broken over two lines
        words.pop()
    return " ".join(words)


def _key(text: str) -> str:
    return clean_heading(text).replace(" ", "")


def match_heading(text: str, lexicon: Lexicon | None = None) -> HeadingMatch | None:
    """The section kind a heading's text names, or None: whole known headings first (fuzzy,
    spaces ignored so 'WorkExperience' matches), then the leftmost kind keyword."""
    if len(text.strip()) > MAX_HEADING_CHARS:
        return None                       # most body lines: spared the clean-up below
    return _known_heading(text) if lexicon is None else _match_heading(text, lexicon)


@lru_cache(maxsize=1 << 14)
def _known_heading(text: str) -> HeadingMatch | None:
    """match_heading with the bundled headings, once per distinct short text: a line is asked
    about when flattened headings are split out and again when headings are found."""
    return _match_heading(text, load_lexicon())


def _match_heading(text: str, lex: Lexicon) -> HeadingMatch | None:
    words = clean_heading(text).split()
    if len(words) > 2 and all(len(w) == 1 for w in words):
        words = ["".join(words)]          # letter-spaced 'E X P E R I E N C E'
    if not words or len(words) > MAX_HEADING_WORDS:
        return None
    key = "".join(words)
    if key in lex.phrases:
        return HeadingMatch(lex.phrases[key], 100.0, True)
    if len(key) > 5:
        best = process.extractOne(key, lex.near_length(len(key)), scorer=fuzz.ratio,
                                  score_cutoff=FUZZY_CUTOFF)
        if best is not None:
            return HeadingMatch(lex.phrases[best[0]], float(best[1]), True)
    paired = _paired(text, lex)
    if paired is not None:
        return paired
    labelled = _with_suffix(words, lex)
    if labelled is not None:
        return labelled
    for word in words:
        kind = lex.keywords.get(word) or lex.keywords.get(word.rstrip("s"))
        if kind:
            return HeadingMatch(kind, 75.0, False)
    return None


@lru_cache(maxsize=1)
def _suffixes() -> frozenset[str]:
    return frozenset(load("words.yaml")["heading_suffixes"])


def _with_suffix(words: list[str], lex: Lexicon) -> HeadingMatch | None:
    """'Skill Details', 'Education Details', 'Academic Information': a known heading or section
    keyword labelled with a word such as 'details' (data/words.yaml heading_suffixes) is that
    heading, whole (job-portal exports name every section so)."""
    if not 2 <= len(words) <= 4 or words[-1] not in _suffixes():
        return None
    inner = words[:-1]
    kind = lex.phrases.get("".join(inner))
    if kind is None and len(inner) == 1:
        w = inner[0]
        kind = lex.keywords.get(w) or lex.keywords.get(w + "s") or lex.keywords.get(w.rstrip("s"))
    return HeadingMatch(kind, 95.0, True) if kind else None


def _paired(text: str, lex: Lexicon) -> HeadingMatch | None:
    """'Berufserfahrung / Experience', 'Work Experience | Internships', 'Skills/Tools': a
    known heading paired with a translation or a second name reads as the known one (the
    first that is known); 'Skills & Tools', 'Publications and Patents': two known headings
    joined by '&' or 'and' read as the first. As sure as a fuzzy match, so in a PDF its style
    must still back it."""
    if "/" not in text and "|" not in text:     # most lines: nothing to split
        return _joined(text, lex)
    parts = _PAIR_SEP.split(text.strip())
    if not 2 <= len(parts) <= 3:
        return None
    for part in parts:
        key = _key(part)
        if key in lex.phrases:
            return HeadingMatch(lex.phrases[key], PAIR_SCORE, True)
    return None


_AND = re.compile(r"\s+(?:&|and)\s+", re.IGNORECASE)


def _joined(text: str, lex: Lexicon) -> HeadingMatch | None:
    """Two known headings joined by '&' or 'and', both whole: the first one's kind."""
    parts = _AND.split(text.strip().rstrip(":"))
    if len(parts) != 2:
        return None
    kinds = [lex.phrases.get(_key(part)) for part in parts]
    if kinds[0] is None or kinds[1] is None:
        return None
    return HeadingMatch(kinds[0], PAIR_SCORE, True)


@dataclass(frozen=True)
class _Style:
    size: float
    bold: bool
    caps: bool


def _is_caps(text: str) -> bool:
    if text.isascii():
        # ASCII letters are all cased, so str.isupper() (no lower-case letter, at least one
        # upper-case) answers the same in one call, and we count letters only when it holds
        return text.isupper() and sum(map(str.isalpha, text)) >= 3
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _style(line: Line) -> _Style:
    return _Style(round(line.size * 2) / 2, line.bold, _is_caps(line.text))


def body_size(lines: tuple[Line, ...] | list[Line]) -> float:
    """The font size most of the text is printed in (0 when sizes are unknown)."""
    weight: Counter[float] = Counter()
    for line in lines:
        if line.size > 0:
            weight[round(line.size * 2) / 2] += len(line.text)
    return weight.most_common(1)[0][0] if weight else 0.0


def _shape_ok(text: str) -> bool:
    """Headings are short labels: no sentence punctuation, e-mail, URL or run of digits."""
    t = _NOISE.sub("", text).strip()
    if not t or t[-1] in ".,;" or "@" in t or "://" in t or "www." in t.lower():
        return False
    return sum(map(str.isdigit, t)) < 2


def _styled(line: Line, body: float) -> bool:
    bigger = body > 0 and line.size >= body + 0.9
    return bigger or line.bold or _is_caps(line.text) or line.text.rstrip().endswith(":")


@dataclass(frozen=True)
class _Candidate:
    index: int
    match: HeadingMatch | None
    style: _Style
    label: str = ""                # a heading printed in a left label column, glued to content


def _text_indent(lines: tuple[Line, ...]) -> float:
    """The left edge most lines start at (the main text column)."""
    edges = Counter(round(ln.x0 / 4) * 4 for ln in lines if ln.x1 > 0)
    return float(edges.most_common(1)[0][0]) if edges else 0.0


def _label_prefix(line: Line, indent: float) -> tuple[str, HeadingMatch] | None:
    """'Education Virginia Tech ...' from CVs whose headings sit in a left margin column and
    share a text line with the first entry: the longest leading words that are a heading."""
    if indent <= 0 or line.x0 > indent - 20 or line.column > 0:
        return None
    words = line.text.split()
    for n in (3, 2, 1):
        if len(words) > n and words[0][:1].isupper():
            m = match_heading(" ".join(words[:n]))
            if m and m.whole and m.score >= 95:
                return " ".join(words[:n]).rstrip(" &|•·:-"), m
    return None


def _label_column(lines: tuple[Line, ...], plain: bool) -> dict[int, tuple[str, HeadingMatch]]:
    """Headings glued to content in a left label column: kept only when most lines starting at
    that left edge begin with a heading word (so 'Software Engineer ...' in an ordinary CV
    does not become a 'Software' heading)."""
    if plain:
        return {}
    indent = _text_indent(lines)
    labels = {i: lab for i, ln in enumerate(lines) if (lab := _label_prefix(ln, indent))}
    if not labels:
        return {}
    edge = Counter(round(ln.x0 / 4) for ln in lines)
    hits = Counter(round(lines[i].x0 / 4) for i in labels)
    good = {e for e, n in hits.items() if n >= 3 and n >= 0.5 * edge[e]}
    return {i: lab for i, lab in labels.items() if round(lines[i].x0 / 4) in good}


def _spaced(lines: tuple[Line, ...]) -> set[int]:
    """Lines with clearly more space above them than the page's usual line gap."""
    gaps = {i: b.top - a.bottom for i, (a, b) in enumerate(zip(lines, lines[1:]), start=1)
            if a.page == b.page and a.column == b.column and b.top > a.bottom}
    if len(gaps) < 5:
        return set()
    usual = statistics.median(gaps.values())
    return {i for i, g in gaps.items() if g >= 1.8 * usual + 2}


def _candidates(lines: tuple[Line, ...], body: float, plain: bool) -> list[_Candidate]:
    out = []
    labels = _label_column(lines, plain)
    spaced = set() if plain else _spaced(lines)
    for i, line in enumerate(lines):
        shaped = _shape_ok(line.text)
        m = match_heading(line.text) if shaped else None
        if (m is None or not m.whole) and i in labels:
            out.append(_Candidate(i, labels[i][1], _style(line), labels[i][0]))
            continue
        if not shaped:
            continue
        if m is None:
            out.append(_Candidate(i, None, _style(line)))
            continue
        styled = _styled(line, body) or (plain and m.whole) or i in spaced
        exact_alone = m.whole and m.score >= 95 and not line.bullet   # '• Research' is an item
        if styled or exact_alone:
            out.append(_Candidate(i, m, _style(line)))
    return out


def _house_style(cands: list[_Candidate]) -> _Style | None:
    """The style the CV's confident headings (whole known headings) share, when two agree."""
    votes = Counter(c.style for c in cands if c.match and c.match.whole and c.match.score >= 95)
    if not votes:
        return None
    style, n = votes.most_common(1)[0]
    return style if n >= 2 else None


def _stands_out(style: _Style, body: float) -> bool:
    return (body > 0 and style.size >= body + 0.9) or style.bold or style.caps


def _fits(style: _Style, house: _Style, body: float, strict: bool) -> bool:
    """Whether a candidate looks like the CV's own headings: the same style when `strict`,
    otherwise not smaller and sharing at least one of the cues that set headings apart."""
    if style.size and house.size and style.size < house.size - 0.9:
        return False
    if strict:
        return (abs(style.size - house.size) <= 0.6 and style.caps == house.caps
                and style.bold == house.bold)
    by_size = body > 0 and house.size >= body + 0.9
    return by_size or (house.bold and style.bold) or (house.caps and style.caps)


@dataclass(frozen=True)
class Heading:
    index: int                     # into doc.lines
    kind: str
    text: str                      # the heading as printed
    rest: str = ""                 # content printed on the same line after a label heading
    next_rest: str | None = None   # a two-line label ("Research" / "Experience"): the next
                                   # line's content after its half of the label


def find_headings(doc: Document, lines: tuple[Line, ...] | None = None) -> list[Heading]:
    """Every heading line, in reading order (of `lines`, by default the document's)."""
    lines = doc.lines if lines is None else lines
    body = body_size(lines)
    plain = doc.kind == "text" or body == 0
    cands = _candidates(lines, body, plain)
    house = _house_style([c for c in cands if not c.label])
    distinct = house is not None and _stands_out(house, body)
    promote = distinct and not plain and house is not None and _few_strangers(cands, house, body)
    found: list[Heading] = []
    for c in cands:
        text = lines[c.index].text.strip()
        if c.label and c.match is not None:
            found.append(Heading(c.index, c.match.kind, c.label, text[len(c.label):].strip()))
        elif c.match is not None:
            # A whole known heading needs only to look no weaker than the CV's headings; a
            # keyword or fuzzy match must look exactly like them ('Staff training and
            # development' in bold among plain headings is a skill, not a section).
            exact = c.match.whole and c.match.score >= 95
            if house is None or (exact and (not distinct or _fits(c.style, house, body, False))) \
                    or (distinct and _fits(c.style, house, body, True)) \
                    or (not distinct and _labelled(c.match, text)):
                found.append(Heading(c.index, c.match.kind, text))
        elif promote and house is not None and _fits(c.style, house, body, True):
            found.append(Heading(c.index, "other", text))   # styled like the CV's headings
    return _join_labels(found, lines)


def _labelled(match: HeadingMatch, text: str) -> bool:
    """'Other Qualifications/Certifications/Programs:' in a CV whose headings look like body
    text (job-portal exports): a whole heading, paired or nearly exact, that ends with a colon
    on a line of its own is a heading even though no style sets it apart."""
    return match.whole and match.score >= PAIR_SCORE and text.endswith(":")


def _few_strangers(cands: list[_Candidate], house: _Style, body: float) -> bool:
    """Unknown lines in the headings' own style are headings too ('A Day of My Life') only
    when the style is larger than body text and such lines are few: when employer names share
    it ('GOOGLE' in the headings' bold capitals), the style does not mark headings alone."""
    same = [c for c in cands if not c.label and _fits(c.style, house, body, True)]
    strangers = sum(c.match is None for c in same)
    return house.size >= body + 0.9 and strangers <= (len(same) - strangers) / 2


def _join_labels(heads: list[Heading], lines: tuple[Line, ...]) -> list[Heading]:
    """A label heading broken over two lines ('Industry' / 'Experience') is one heading."""
    out: list[Heading] = []
    for h in heads:
        prev = out[-1] if out else None
        if prev and prev.rest and h.rest and h.index == prev.index + 1 and prev.next_rest is None:
            m = match_heading(f"{prev.text} {h.text}")
            if m and m.whole:
                out[-1] = dataclasses.replace(prev, kind=m.kind, text=f"{prev.text} {h.text}",
                                              next_rest=h.rest)
                continue
        out.append(h)
    return out


# ---------------------------------------------------------------- flattened plain text

# a capitalised phrase glued to the end of the text before it ('... 24 monthsCompany Details')
_GLUED_END = re.compile(r"(?<=[a-z0-9.)\]])(?=[A-Z][A-Za-z]*(?: [A-Z][a-z]+){0,3}\s*$)")
# after a space only a heading that says it is one ('... Kali Linux Education Details')
_LABELLED_END = re.compile(r"(?<= )(?=[A-Z][a-z]+ (?:[A-Z][a-z]+ )?(?:Details|Information)\s*$)")
# a heading opening a line and its content after a list mark ('Skills * Python', 'Skills • R');
# not after a colon: 'Tools & Technologies: ...' inside an entry labels a list, not a section
_LEAD_MARK = re.compile(r"^(?P<h>[A-Za-z][A-Za-z&/ ]{2,40}?)\s*(?:[*•]|\s-)\s+(?=\S)")
# words in capitals after a sentence's end ('... Powerpoint. RECOGNITION Academic ...')
_CAPS_AFTER_STOP = re.compile(r"(?<=[a-z0-9)][.!?]) +(?=[A-Z][A-Z&]{2,}(?: [A-Z&]{2,}){0,3} +\S)")
_CAPS_WORD = re.compile(r"[A-Z][A-Z&/]*")


def unflatten(lines: tuple[Line, ...]) -> tuple[Line, ...]:
    """Plain text exported with its headings run into the text ('Skills * Programming: ...',
    '... 24 monthsCompany Details', 'SKILLS C Basics, Python', '... Excel. RECOGNITION Secured
    ...'): each known heading (a whole one, see _sure) on a line of its own, as a PDF prints it.
    Only text already on one line is split; no rule reads into the next line."""
    out: list[Line] = []
    for line in lines:
        parts = [p.strip() for p in _split_flat(line.text.strip()) if p.strip()]
        out += [line] if len(parts) == 1 else [dataclasses.replace(line, text=p) for p in parts]
    return tuple(out)


def _sure(text: str) -> bool:
    m = match_heading(text)
    return m is not None and m.whole and m.score >= 95


def _split_flat(text: str) -> list[str]:
    """A line cut before and after the known headings flattened into it."""
    if len(text) <= MAX_HEADING_CHARS and _sure(text):
        return [text]
    for m in _CAPS_AFTER_STOP.finditer(text):
        words = _CAPS_WORD.findall(text[m.end():].split("  ")[0])
        if any(_sure(" ".join(words[:n])) for n in range(1, len(words) + 1)):
            return _split_flat(text[:m.start()]) + _split_flat(text[m.end():])
    for glued in (*_GLUED_END.finditer(text), *_LABELLED_END.finditer(text)):
        if glued.start() > 0 and _sure(text[glued.start():]):
            return _split_flat(text[:glued.start()]) + [text[glued.start():].strip()]
    lead = _LEAD_MARK.match(text)
    if lead and _sure(lead.group("h")):
        return [lead.group("h").strip()] + _split_flat(text[lead.end():])
    words = text.split()
    caps = 0
    while caps < min(len(words), 4) and _CAPS_WORD.fullmatch(words[caps]):
        caps += 1
    for n in range(caps, 0, -1):
        rest = " ".join(words[n:])
        if re.search(r"[a-z]", rest) and _sure(" ".join(words[:n])):
            return [" ".join(words[:n])] + _split_flat(rest)
    return [text]


# ---------------------------------------------------------------- rows read as two columns

ROW_TOLERANCE = 1.5      # points: two lines this close in height share one printed row
MAX_ROW_WORDS = 8        # a right-hand entry column holds dates and short names, not prose


def rejoin_rows(lines: tuple[Line, ...]) -> tuple[Line, ...]:
    """Entries printed with their dates (and employer) at the right margin of the same row
    ('Master of Science ...      Jul 2014 - Present'), which the reader took for a second
    column because the left side has rows of its own: each right-hand line is put back on the
    left line of its row. Only when the right side is sparse and dated (see _date_column); a
    real second column has prose and rows of its own."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and lines[j].column > 0 and lines[j].page == lines[i].page:
            j += 1
        if j == i:
            out.append(lines[i])
            i += 1
            continue
        out += _rejoined(lines[i:j])
        i = j
    return tuple(out)


def _rejoined(run: tuple[Line, ...]) -> list[Line]:
    """One run of column lines, as rows when its right side is a date column."""
    left = [ln for ln in run if ln.column == 1]
    right = [ln for ln in run if ln.column == 2]
    partner = _date_column(left, right)
    if partner is None:
        return list(run)
    out = []
    for n, ln in enumerate(left):
        r = partner.get(n)
        if r is None:
            out.append(dataclasses.replace(ln, column=0))
        else:
            out.append(dataclasses.replace(ln, text=f"{ln.text.rstrip()}   {r.text.strip()}",
                                           x1=r.x1, column=0))
    return out


def _date_column(left: list[Line], right: list[Line]) -> dict[int, Line] | None:
    """Left line index -> the right line of its row, when every right line shares a row with a
    left one, the right side has at most half as many lines, none longer than MAX_ROW_WORDS or
    a heading, and at least half of them print a date."""
    if not right or len(right) > len(left) / 2:
        return None
    partner: dict[int, Line] = {}
    for r in right:
        n = next((k for k, ln in enumerate(left)
                  if abs(ln.top - r.top) <= ROW_TOLERANCE and ln.x1 < r.x0 and k not in partner), None)
        if n is None or len(r.text.split()) > MAX_ROW_WORDS or _sure(r.text):
            return None
        partner[n] = r
    dated = sum(bool(find_ranges(r.text)) for r in right)
    return partner if 2 * dated >= len(right) else None


# ---------------------------------------------------------------- summaries of another kind

MAX_ENTRY_WORDS = 12            # an entry line (degree, dated role), not a sentence
_SUMMARY_WORDS = frozenset({"summary", "of", "brief"})
_BY_CONTENT = ("education", "experience")


def _summarised(heading: str, body: tuple[Line, ...]) -> str | None:
    """'Summary of Qualification' over a table of degrees, 'Summary of Experience' over dated
    roles: a summary heading naming education or experience is that section when its body holds
    that section's entries (a degree, a date range on a short line); over prose or a list of
    strengths ('Summary of Qualifications' in most US CVs) it stays a summary."""
    words = [w for w in clean_heading(heading).split() if w not in _SUMMARY_WORDS]
    if not words or len(words) == len(clean_heading(heading).split()):
        return None
    lex = load_lexicon()
    key = "".join(words)
    kind = lex.phrases.get(key) or lex.phrases.get(key + "s") or lex.phrases.get(key.rstrip("s"))
    if kind not in _BY_CONTENT:
        return None
    entries = [ln.text for ln in body if len(ln.text.split()) <= MAX_ENTRY_WORDS]
    if kind == "education":
        return kind if any(_opens_with_degree(t) for t in entries) else None
    return kind if any(r.is_range for t in entries for r in find_ranges(t)) else None


def _opens_with_degree(text: str) -> bool:
    """'DEGREE IN CIVIL ENGINEERING  NOIDA UNIVERSITY', 'B.Tech, 2016': an entry opens with
    its degree; 'Cultivates relationships Masters degree in education' is a list of strengths."""
    hit = find_degree(text)
    return hit is not None and not re.search(r"[A-Za-z]", text[:hit[1].start()])


# A CV has a few dozen sections at most (a long academic CV ~40); past this many headings a
# text is not a CV (1 MB of headings made 42,000 sections), and the rest stays in the last
# section as its text, bounding the per-section work of every later stage.
MAX_SECTIONS = 200


def split_sections(doc: Document) -> tuple[Section, ...]:
    """The header block (text before the first heading) and one Section per heading, at most
    MAX_SECTIONS."""
    lines = unflatten(doc.lines) if doc.kind == "text" else rejoin_rows(doc.lines)
    if not lines:
        return ()
    heads = find_headings(doc, lines)[:MAX_SECTIONS]
    out: list[Section] = []
    first = heads[0].index if heads else len(lines)
    if first > 0:
        out.append(Section(kind="header", heading="", page=lines[0].page, lines=lines[:first]))
    for n, h in enumerate(heads):
        end = heads[n + 1].index if n + 1 < len(heads) else len(lines)
        kind = h.kind
        if kind == "coursework":
            kind = "education" if out and out[-1].kind == "education" else "other"
        body = lines[h.index + 1:end]
        if h.next_rest is not None and body:
            body = (dataclasses.replace(body[0], text=h.next_rest),) + body[1:]
        if h.rest:
            body = (dataclasses.replace(lines[h.index], text=h.rest),) + body
        if kind == "summary":
            kind = _summarised(h.text, body) or kind
        out.append(Section(kind=cast(SectionKind, kind), heading=h.text, page=lines[h.index].page, lines=body))
    return tuple(out)

