"""Job posting text -> labelled units: lines (or sentences of a run-on paragraph), each marked
as a requirement, a wish, a duty, boilerplate (benefits, company blurb, EEO) or introduction, from
its block's heading and the cues in its own words. The vocabulary is data: postings.yaml.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal


from resume_match.data import load
from resume_match.errors import InputError
from resume_match.extract import read_document
from resume_match.models import Document

Label = Literal["intro", "required", "preferred", "duties", "boilerplate", "meta"]
STICKY_WORDS = 12            # a boilerplate sentence this long starts a boilerplate block
LONG_LINE = 220              # a line longer than this is a paragraph: cut into sentences


# ---------------------------------------------------------------- vocabulary (data file)

@dataclass(frozen=True)
class Vocabulary:
    headings: tuple[tuple[str, re.Pattern[str]], ...]   # (kind, pattern) in priority order
    heading_max_words: int
    boilerplate: re.Pattern[str]
    preferred: re.Pattern[str]
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


def _any(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The posting vocabulary from role_profiles/postings.yaml, compiled once per process."""
    d: dict[str, Any] = load("postings.yaml")
    heads = tuple((kind, re.compile(p, re.IGNORECASE))
                  for kind, pats in d["headings"].items() for p in pats)
    return Vocabulary(
        headings=heads, heading_max_words=int(d["heading_max_words"]),
        boilerplate=_any(d["boilerplate_cues"]), preferred=_any(d["preferred_cues"]),
        required=_any(d["required_cues"]), candidate=_any(d["candidate_cues"]),
        alternative=_any(d["alternative_cues"]),
        metadata_keys=frozenset(d["metadata_keys"]), title_keys=frozenset(d["title_keys"]),
        role_nouns=frozenset(d["role_nouns"]),
        seniority={k: frozenset(v) for k, v in d["seniority"].items()},
        degrees=tuple((level, _any(p)) for level, p in d["degrees"].items()),
        degree_fields=tuple(d["degree_fields"]), numbers=dict(load("words.yaml")["number_words"]))


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


def _raw_lines(doc: Document) -> list[RawLine]:
    """Cleaned lines; in PDFs a line that wraps is joined with the next back into a sentence."""
    right = {p.number: max((ln.x1 for ln in p.lines), default=0.0) for p in doc.pages}
    out: list[RawLine] = []
    for line in doc.lines:
        text, bullet = _clean(line.text)
        if not text or re.fullmatch(r"\d{1,3}|page \d+( of \d+)?", text, re.IGNORECASE):
            continue
        wrapped = doc.kind == "pdf" and line.x1 >= 0.8 * right.get(line.page, 0.0) > 0
        prev = out[-1] if out else None
        if (prev and prev.wrapped and not bullet and not re.search(r"[.:;!?]$", prev.text)
                and abs(prev.size - line.size) < 0.5 and not _heading_kind(text, line.bold)):
            joined = (prev.text[:-1] + text if prev.text.endswith("-") and text[:1].islower()
                      else prev.text + " " + text)
            out[-1] = RawLine(joined, prev.page, prev.bold, prev.bullet, wrapped, prev.size)
            continue
        out.append(RawLine(text, line.page, line.bold, bullet, wrapped, line.size))
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
    if not styled and (len(words) > 5 or re.search(r"\b(with|using|of|on|in)\b", head, re.IGNORECASE)):
        return None       # a bare line is a heading only when it is short
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


def cut_units(doc: Document) -> tuple[list[Unit], str | None]:
    """The posting as labelled units, and the title given by a 'Title:' line if any."""
    v = vocabulary()
    units: list[Unit] = []
    label: Label = "intro"
    heading = ""
    seen_required = sticky = False
    title: str | None = None
    for i, raw in enumerate(_raw_lines(doc)):
        parts = _inline_headings(raw.text) if len(raw.text) > LONG_LINE else [(None, raw.text)]
        for inline, part in parts:
            meta = re.match(r"^([A-Za-z][A-Za-z ]{1,30}):\s*(.+)$", part)
            if meta and i < 12 and not seen_required and inline is None:
                key = meta.group(1).strip().lower()
                plain = key in ("title", "job title", "position title")   # always the title
                if (key in v.title_keys and title is None
                        and (plain or has_role_noun(meta.group(2)))):
                    title = meta.group(2).strip()
                    continue
                if key in v.metadata_keys:
                    continue
            kind, content = None, part
            if inline is not None:
                kind, heading = _heading_kind(inline + ":"), inline
            elif not raw.bullet:
                kind = _heading_kind(part, raw.bold)
                styled = part.rstrip().endswith((":", "?")) or raw.bold or part.isupper()
                if kind is not None and sticky and not styled:
                    kind = None      # 'Education reimbursement' in a benefits list is no heading
                if kind is not None:
                    heading, content = part.rstrip(":").strip(), ""
                elif split := _split_label(part):
                    kind = _heading_kind(split[0])
                    heading, content = split
            if kind is not None:
                sticky = False
                if kind == "desired":
                    kind = "preferred" if seen_required else "required"
                seen_required |= kind == "required"
                label = kind  # type: ignore[assignment]
            for sent in _sentences(content):
                own = _unit_label(sent, label)
                if (own == "boilerplate" and label != "boilerplate" and kind is None
                        and (len(sent.split()) >= STICKY_WORDS or sent.endswith(":"))):
                    label, sticky = "boilerplate", True   # an EEO/benefits paragraph goes on
                units.append(Unit(text=sent, page=raw.page, label=own, heading=heading))
    return units, title


_PROMOTE = re.compile(r"\b(must|required|requires?|minimum|at least)\b", re.IGNORECASE)
_WISH = re.compile(r"\b(a plus|nice to have|bonus|preferred|ideally)\b", re.IGNORECASE)


def _unit_label(text: str, block: Label) -> Label:
    """A unit's own label: boilerplate cues win, then intro lines that speak of the candidate."""
    v = vocabulary()
    if block == "boilerplate" or v.boilerplate.search(text):
        return "boilerplate"
    if block == "intro":
        if _WISH.search(text):
            return "preferred"
        if _PROMOTE.search(text):
            return "required"
        if v.candidate.search(text):
            return "preferred" if v.preferred.search(text) or not v.required.search(text) else "required"
        return "intro"
    if block == "duties" and _PROMOTE.search(text):
        return "required"
    return block


def clause_labels(text: str, label: Label) -> list[tuple[str, Label]]:
    """A required unit split where a preference cue qualifies only a clause of it:
    '..., knowledge of X preferred' or '(..., nice to have R)'."""
    v = vocabulary()
    cue = v.preferred.search(text)
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
    """The text names a job (engineer, scientist, analyst...)."""
    words = set(re.findall(r"[a-z]+", text.lower()))
    return bool(words & vocabulary().role_nouns)
