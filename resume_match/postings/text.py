"""Job posting text -> labelled units: lines (or sentences of a run-on paragraph), each marked
as a requirement, a wish, a duty, boilerplate (benefits, company blurb, EEO) or introduction, from
its block's heading and the cues in its own words. The vocabulary is data: postings.yaml.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal


from resume_match.data import load
from resume_match.errors import InputError
from resume_match.extract import read_document
from resume_match.models import Document, Line

Label = Literal["intro", "required", "preferred", "duties", "boilerplate", "meta"]
STICKY_WORDS = 12            # an EEO/benefits sentence this long makes its paragraph boilerplate
LONG_LINE = 220              # a line longer than this is a paragraph: cut into sentences
WRAP_MIN_WORDS = 5           # a text line this long that stops mid-sentence may wrap onto the next
LIST_ITEM_WORDS = 4          # items of a bare list of topics are this short


# ---------------------------------------------------------------- vocabulary (data file)

@dataclass(frozen=True)
class Vocabulary:
    headings: tuple[tuple[str, re.Pattern[str]], ...]   # (kind, pattern) in priority order
    heading_max_words: int
    boilerplate: re.Pattern[str]
    sticky: re.Pattern[str]
    preferred: re.Pattern[str]
    weak_preferred: re.Pattern[str]
    required: re.Pattern[str]
    candidate: re.Pattern[str]
    alternative: re.Pattern[str]
    metadata_keys: frozenset[str]
    title_keys: frozenset[str]
    role_nouns: frozenset[str]
    seniority: dict[str, frozenset[str]]
    degrees: tuple[tuple[str, re.Pattern[str]], ...]
    degree_fields: tuple[str, ...]
    numbers: dict[str, int]
    preamble: re.Pattern[str]
    noise: re.Pattern[str]
    soft: tuple[tuple[str, re.Pattern[str]], ...]


def _any(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The posting vocabulary from data/postings.yaml, compiled once per process."""
    d: dict[str, Any] = load("postings.yaml")
    heads = tuple((kind, re.compile(p, re.IGNORECASE))
                  for kind, pats in d["headings"].items() for p in pats)
    return Vocabulary(
        headings=heads, heading_max_words=int(d["heading_max_words"]),
        boilerplate=_any(d["boilerplate_cues"]), sticky=_any(d["sticky_cues"]),
        preferred=_any(d["preferred_cues"]), weak_preferred=_any(d["weak_preferred_cues"]),
        required=_any(d["required_cues"]), candidate=_any(d["candidate_cues"]),
        alternative=_any(d["alternative_cues"]),
        metadata_keys=frozenset(d["metadata_keys"]), title_keys=frozenset(d["title_keys"]),
        role_nouns=frozenset(d["role_nouns"]),
        seniority={k: frozenset(v) for k, v in d["seniority"].items()},
        degrees=tuple((level, _any(p)) for level, p in d["degrees"].items()),
        degree_fields=tuple(d["degree_fields"]), numbers=dict(load("words.yaml")["number_words"]),
        preamble=_preamble(d["preamble"]),
        noise=_any(d["preferred_cues"] + d["weak_preferred_cues"]
                   + [r"\b(is |are )?(required|a must|mandatory|essential)\b"]),
        soft=tuple((sid, _any(p)) for sid, p in d["soft_requirements"].items()))


def _preamble(d: dict[str, list[str]]) -> re.Pattern[str]:
    """'Strong knowledge of', 'proficient in' at the start of a clause, with the words that lead
    into it ('5+ years of experience with', 'Must have experience in')."""
    def alt(words: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    head = (rf"(?:(?:{alt(d['qualifiers'])})\s+)*(?:{alt(d['nouns'])}|{alt(d['adjectives'])})"
            rf"(?:\s+(?:and|or)\s+(?:{alt(d['nouns'])}))?\s+(?:{alt(d['links'])})\s+")
    lead = rf"(?:(?:\d+(?:\s*[-\u2013]\s*\d+)?\+?|{alt(d['leads'])})\s+)*"   # '3+ years of', 'Must have'
    return re.compile(rf"(?:^|(?<=[,;(])|(?<=\band\s)|(?<=\bor\s))\s*{lead}(?:{head})", re.IGNORECASE)


def matcher_view(text: str) -> str:
    """A requirement as the skills matcher should read it: a list of names. The preamble
    ('Knowledge of'), the wish or requirement cue ('is a plus') and 'and/or' say nothing about
    which skills, and would keep a short name ('Go', 'Scala') from reading as a list item."""
    v = vocabulary()
    text = re.sub(r"\band\s*/\s*or\b", "or", text, flags=re.IGNORECASE)
    text = v.preamble.sub(" ", v.noise.sub(" ", text))
    text = re.sub(r"\(\s*\)", " ", text)
    return " ".join(text.split()).strip(" ,;")


@dataclass(frozen=True)
class Unit:
    """A line (or sentence) of the posting with the block label it belongs to."""
    text: str
    page: int
    label: Label
    heading: str = ""


# ---------------------------------------------------------------- reading and cutting

def read_posting_document(source: str | Path) -> Document:
    """The posting as a Document: a path, or '-' for stdin; unreadable files are an InputError."""
    if str(source) == "-":
        data = sys.stdin.buffer.read()
        doc = read_document(data, name="<stdin>")
    else:
        doc = read_document(source)
    if not doc.readable:
        raise InputError(f"{doc.source}: {doc.unreadable_reason or 'no readable text'}")
    return doc


_BULLET = re.compile(r"^[\s\u2022\u25cf\u25aa\u25e6\u2023\u2043\u2219*\-\u2013\u2014>·o]+\s+|^\s*\d{1,2}[.)]\s+")
_SENT_SPLIT = re.compile(r"(?<=[.!?;])(?<!e\.g\.)(?<!i\.e\.)(?<!etc\.)(?<!vs\.)(?<![A-Z]\.[A-Z]\.)"
                         r"\s+(?=[A-Z0-9(\"'])")
_CAP_SPLIT = re.compile(r"(?<=[a-z])\s+(?=[A-Z][a-z]+ [a-z])")
_FUNCTION_WORDS = frozenset("and or andor of in with as such the a an to for on using like "
                            "including e.g. via from at by".split())


def _clean(text: str) -> tuple[str, bool]:
    """The text without its bullet, and whether it had one."""
    stripped = _BULLET.sub("", text, count=1)
    return " ".join(stripped.split()), stripped != text


def _sentences(text: str) -> list[str]:
    """A paragraph cut into sentences; a run-on without full stops also at 'word Capital word'."""
    out: list[str] = []
    for sent in _SENT_SPLIT.split(text):
        if len(sent) <= LONG_LINE:
            out.append(sent)
            continue
        start = 0
        for m in _CAP_SPLIT.finditer(sent):
            prev = sent[:m.start()].rsplit(" ", 1)[-1]
            if prev.isalpha() and prev.islower() and len(prev) > 2 and prev not in _FUNCTION_WORDS:
                out.append(sent[start:m.start()])
                start = m.end()
        out.append(sent[start:])
    return [s.strip() for s in out if s.strip()]


_INLINE_HEADING = re.compile(r"(?<=[a-z.)]\s)(Responsibilities include|Responsibilities|Requirements"
                             r"|Required|Qualifications|Preferred|Nice to have|Benefits"
                             r"|What you'll do|About you)\b:?\s*")


def _inline_headings(text: str) -> list[tuple[str | None, str]]:
    """A run-on paragraph cut where a capitalised heading word starts a new part:
    (heading or None, text) pairs."""
    out: list[tuple[str | None, str]] = []
    pos, head = 0, None
    for m in _INLINE_HEADING.finditer(text):
        out.append((head, text[pos:m.start()].strip()))
        head, pos = m.group(1), m.end()
    out.append((head, text[pos:].strip()))
    return [(h, t) for h, t in out if h or t]


@dataclass(frozen=True)
class RawLine:
    text: str
    page: int
    bold: bool
    bullet: bool
    wrapped: bool              # reaches the right edge of the text: the sentence goes on below
    size: float = 0.0
    para: bool = False         # a blank line (or a vertical gap) comes before it


def _new_paragraph(doc: Document, prev: Line | None, line: Line) -> bool:
    """A blank line in text, a gap taller than half a line in a PDF; each DOCX line is a paragraph."""
    if prev is None or doc.kind == "docx" or prev.page != line.page:
        return True
    if doc.kind == "text":
        return line.top - prev.bottom >= 1
    return line.top - prev.bottom > 0.6 * max(line.size, prev.size, 1.0)


def _continues(prev: RawLine, text: str, bullet: bool, para: bool, pdf: bool) -> bool:
    """The line goes on with the sentence above: it wrapped at the right edge (PDF), or, in text,
    it starts in lower case right below a long line that stops mid-sentence."""
    if bullet or re.search(r"[.:;!?]$", prev.text):
        return False
    if pdf:
        return prev.wrapped
    return (not para and text[:1].islower() and len(prev.text.split()) >= WRAP_MIN_WORDS
            and not text.endswith(":"))


def _raw_lines(doc: Document) -> list[RawLine]:
    """Cleaned lines; a line that wraps is joined with the next back into a sentence."""
    right = {p.number: max((ln.x1 for ln in p.lines), default=0.0) for p in doc.pages}
    out: list[RawLine] = []
    before: Line | None = None
    for line in doc.lines:
        text, bullet = _clean(line.text)
        if not text or re.fullmatch(r"\d{1,3}|page \d+( of \d+)?", text, re.IGNORECASE):
            continue
        para, before = _new_paragraph(doc, before, line), line
        wrapped = doc.kind == "pdf" and line.x1 >= 0.8 * right.get(line.page, 0.0) > 0
        prev = out[-1] if out else None
        if (prev and _continues(prev, text, bullet, para, doc.kind == "pdf")
                and abs(prev.size - line.size) < 0.5
                and (text[:1].islower() or not _heading_kind(text, line.bold))):
            joined = (prev.text[:-1] + text if prev.text.endswith("-") and text[:1].islower()
                      else prev.text + " " + text)
            out[-1] = RawLine(joined, prev.page, prev.bold, prev.bullet, wrapped, prev.size, prev.para)
            continue
        out.append(RawLine(text, line.page, line.bold, bullet, wrapped, line.size, para))
    return out


def _heading_kind(text: str, bold: bool = False) -> str | None:
    """The block kind a heading line opens, or None when the line is not a heading."""
    v = vocabulary()
    head = re.sub(r"(\.\.\.|\u2026)$", "", text.strip()).rstrip(":").strip()
    words = head.split()
    if not words or len(words) > v.heading_max_words or re.search(r"[.!]$", head):
        return None
    colon = text.strip().endswith(":")
    question = head.endswith("?")
    styled = colon or question or bold or head.isupper()
    if not styled and (len(words) > 5 or re.search(r"\b(with|using|of|on|in)\b", head, re.IGNORECASE)
                       or head[:1].islower()):
        return None       # a bare line is a heading only when short; 'experience' is a wrapped word
    for kind, pat in v.headings:
        m = pat.search(head)
        if m and (styled or len(head[:m.start()].split()) <= 1):
            return kind
    return None


def _split_label(text: str) -> tuple[str, str] | None:
    """'Must have: Python, SQL' -> ('Must have', 'Python, SQL') when the label is a heading."""
    m = re.match(r"^([^:]{2,40}):\s+(\S.*)$", text)
    if m and _heading_kind(m.group(1)):
        return m.group(1), m.group(2)
    return None


@dataclass
class _Block:
    """Where cut_units is: the block label, its heading, and a boilerplate stretch that
    interrupts it (sticky: 'para' lasts to the paragraph's end, 'list' to the next paragraph
    after the list it announces); `resume` is the label the block goes back to."""
    label: Label = "intro"
    heading: str = ""
    sticky: str = ""
    resume: Label = "intro"
    since: int = 0             # units added after the one that began the sticky stretch

    def stop_sticky(self) -> None:
        if self.sticky:
            self.label, self.sticky = self.resume, ""

    def start_sticky(self, kind: str) -> None:
        self.resume, self.label, self.sticky, self.since = self.label, "boilerplate", kind, -1


def _title_or_meta(part: str, i: int, title: str | None) -> tuple[bool, str | None]:
    """(skip this part, title): 'Title: Data Scientist' and 'Company: X' lines at the top."""
    v = vocabulary()
    meta = re.match(r"^([A-Za-z][A-Za-z ]{1,30}):\s*(.+)$", part)
    if not meta or i >= 12:
        return False, title
    key = meta.group(1).strip().lower()
    plain = key in ("title", "job title", "position title")   # always the title
    if key in v.title_keys and title is None and (plain or has_role_noun(meta.group(2))):
        return True, meta.group(2).strip()
    return key in v.metadata_keys, title


def cut_units(doc: Document) -> tuple[list[Unit], str | None]:
    """The posting as labelled units, and the title given by a 'Title:' line if any."""
    units: list[Unit] = []
    b = _Block()
    seen_required = False
    title: str | None = None
    for i, raw in enumerate(_raw_lines(doc)):
        if raw.para and (b.sticky == "para" or b.sticky == "list" and b.since > 0):
            b.stop_sticky()          # a blurb or EEO paragraph ends with its paragraph
        parts = _inline_headings(raw.text) if len(raw.text) > LONG_LINE else [(None, raw.text)]
        for inline, part in parts:
            if inline is None and not seen_required:
                skip, title = _title_or_meta(part, i, title)
                if skip:
                    continue
            kind, content = None, part
            if inline is not None:
                kind, b.heading = _heading_kind(inline + ":"), inline
            elif not raw.bullet:
                kind = _heading_kind(part, raw.bold)
                styled = part.rstrip().endswith((":", "?")) or raw.bold or part.isupper()
                if kind is not None and b.sticky and not styled:
                    kind = None      # 'Education reimbursement' in a benefits list is no heading
                if kind is not None:
                    b.heading, content = part.rstrip(":").strip(), ""
                elif split := _split_label(part):
                    kind = _heading_kind(split[0])
                    b.heading, content = split
            if kind is not None:
                b.sticky = ""
                if kind == "desired":
                    kind = "preferred" if seen_required else "required"
                seen_required |= kind == "required"
                b.label = kind  # type: ignore[assignment]
            for sent in _sentences(content):
                _sticky_step(b, sent, kind is None)
                own = _unit_label(sent, b.label)
                units.append(Unit(text=sent, page=raw.page, label=own, heading=b.heading))
                b.since += 1
    return units, title


def _sticky_step(b: _Block, sent: str, free: bool) -> None:
    """A boilerplate stretch begins at an EEO or benefits sentence ('We offer:' opens a list of
    them) and ends at a sentence that speaks of the candidate; a company blurb is boilerplate
    on its own and starts nothing."""
    v = vocabulary()
    if b.sticky:
        if v.candidate.search(sent) and not v.boilerplate.search(sent):
            b.stop_sticky()
        return
    if not free or b.label == "boilerplate" or not v.boilerplate.search(sent):
        return
    if sent.endswith(":"):
        b.start_sticky("list")
    elif len(sent.split()) >= STICKY_WORDS and v.sticky.search(sent):
        b.start_sticky("para")


_PROMOTE = re.compile(r"\b(must|required|requires?|minimum|at least)\b", re.IGNORECASE)
_WISH = re.compile(r"\b(a plus|nice to have|bonus|preferred|ideally)\b", re.IGNORECASE)


def _unit_label(text: str, block: Label) -> Label:
    """A unit's own label: boilerplate cues win, then intro lines that speak of the candidate
    or list topics ('Areas you'll work on: forecasting, causal inference')."""
    v = vocabulary()
    if block == "boilerplate" or v.boilerplate.search(text):
        return "boilerplate"
    if block == "intro":
        if _WISH.search(text):
            return "preferred"
        if _PROMOTE.search(text):
            return "required"
        if v.candidate.search(text):
            return "preferred" if wish_cue(text) or not v.required.search(text) else "required"
        return "duties" if topic_list(text) else "intro"
    if block == "duties" and _PROMOTE.search(text):
        return "required"
    return block


_ITEM_SPLIT = re.compile(r"\s*(?:[,;|\u2022\u00b7]|\s(?:and|or|&)\s)\s*")


def topic_list(text: str) -> bool:
    """The line is a bare list of short items ('Python, SQL and Spark'), after a short label
    when it has one ('Areas you'll work on: forecasting, causal inference')."""
    label, sep, rest = text.partition(":")
    if not sep or len(label.split()) > 6:
        label, rest = "", text
    items = [i for i in _ITEM_SPLIT.split(rest.strip().rstrip(".")) if i]
    short = all(len(i.split()) <= LIST_ITEM_WORDS for i in items)
    return short and len(items) >= (2 if label else 3)


def wish_cue(text: str, sectioned: bool = False) -> re.Match[str] | None:
    """The first cue that makes (part of) a line a wish. Under a requirements heading only the
    plain ones count ('is a plus', 'preferred'); 'the ideal candidate', 'an advantage' are how
    such sections phrase requirements."""
    v = vocabulary()
    found = [m for m in (v.preferred.search(text), None if sectioned else v.weak_preferred.search(text))
             if m is not None]
    return min(found, key=lambda m: m.start()) if found else None


def clause_labels(text: str, label: Label, sectioned: bool = False) -> list[tuple[str, Label]]:
    """A required unit split where a preference cue qualifies only a clause of it:
    '..., knowledge of X preferred' or '(..., nice to have R)'. `sectioned`: the unit stands
    under a requirements heading, where the section decides before weak phrasing does."""
    v = vocabulary()
    cue = wish_cue(text, sectioned and label == "required")
    if label == "preferred" or cue is None:
        return [(text, label)]
    if label != "required":
        return [(text, "preferred")]
    stack = [-1]          # last clause separator at each parenthesis depth
    for j, ch in enumerate(text[:cue.start()]):
        if ch == "(":
            stack.append(j)
        elif ch == ")" and len(stack) > 1:
            stack.pop()
        elif ch in ",;" or text[j:j + 5] == " but ":
            stack[-1] = j
    start, depth = stack[-1], len(stack) - 1
    if depth > 0:     # the cue sits in parentheses: only that clause is preferred
        close = text.find(")", cue.end())
        end = close if close >= 0 else len(text)
        if v.preferred.sub("", text[start + 1:end]).strip(" ,;.:()-"):
            return [(text[:start + 1] + " " + text[end:], "required"),
                    (text[start + 1:end], "preferred")]
        start = stack[0]      # '(Preferred)' alone qualifies the clause it follows
    if start < 0:
        return [(text, "preferred")]
    return [(text[:start], "required"), (text[start + 1:], "preferred")]


def has_role_noun(text: str) -> bool:
    """The text names a job (engineer, scientist, analyst...), in English or in one of the
    languages of `title_translations` ('Científico de Datos')."""
    words = set(re.findall(r"[a-z]+", english_title(text)))
    return bool(words & vocabulary().role_nouns)


@lru_cache(maxsize=1)
def _translations() -> tuple[tuple[str, re.Pattern[str]], ...]:
    d: dict[str, list[str]] = load("postings.yaml")["title_translations"]
    return tuple((english, re.compile("|".join(f"(?:{p})" for p in pats)))
                 for english, pats in d.items())


def _fold(text: str) -> str:
    """Lower case without accents: 'Científico' -> 'cientifico', 'Straße' -> 'strasse'."""
    text = unicodedata.normalize("NFKD", text.lower().replace("\u00df", "ss"))
    return "".join(c for c in text if not unicodedata.combining(c))


@lru_cache(maxsize=4096)
def english_title(text: str) -> str:
    """A job title's words in English, lower case: 'Científica de Datos Sénior' -> 'scientist
    data senior' (word order kept only where the patterns keep it; titles are read as word sets)."""
    low = _fold(text)
    for english, pat in _translations():
        low = pat.sub(f" {english} " if english else " ", low)
    return " ".join(low.split())
