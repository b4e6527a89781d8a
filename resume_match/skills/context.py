"""Ambiguity rules: when a name that is also an ordinary word (R, Go, Spark, Excel) is a skill.

Pure functions over a section's tokens and the skill mentions found in it (no spaCy); the cue
words are data in role_profiles/skill_context.yaml. A mention that needs context counts only
- in a list of skills: its comma/pipe/slash-separated item is just the skill, and a neighbouring
  item is a skill that counts ("R, Python, SQL"), or the line is a labelled list ("Skills: Go");
- in a skills section, as a list item of its own;
- in a phrase that names a tool ("modelling in R", "using Go", "R programming").
Never when glued to a hyphen or ampersand ("R&D", "go-to-market") or inside prose.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable


from resume_match.data import SCHEMAS, load, parse_file_text, validate

CUES_FILE = "skill_context.yaml"
CUE_KEYS = tuple(key for key, kind in SCHEMAS[CUES_FILE].items() if kind == "list[word]")


def load_cues(text: str | None = None, source: str = CUES_FILE) -> dict[str, frozenset[str]]:
    """The cue vocabularies (data/skill_context.yaml, or `text` of a file named `source`)."""
    data = (load(CUES_FILE) if text is None
            else validate(parse_file_text(text, source), CUES_FILE, source))
    return {key: frozenset(str(w).lower() for w in data[key]) for key in CUE_KEYS}


_CUES = load_cues()
SEPARATORS = _CUES["separators"]
FILLERS = _CUES["fillers"]            # may sit in a list item beside a skill: "Python (advanced)"
LIST_LABELS = _CUES["list_labels"]    # "Languages: ..." opens a list of skills
PREV_CUES = _CUES["prev_cues"]        # "modelling in R"
NEXT_CUES = _CUES["next_cues"]        # "R programming"
SELF_CUES = _CUES["self_cues"]        # "communication skills" says it itself
ORG_WORDS = _CUES["org_words"]        # "The Linux Foundation" is an organisation
ORG_BEFORE = _CUES["org_before"]      # so is "Department of Statistics"
ORG_BY = _CUES["org_by"]              # and "organised by AWS"
WISH_CUES = tuple(tuple(c.split()) for c in sorted(_CUES["wish_cues"]))  # "interested in X"
_WISH_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}   # most words start no cue: one lookup
for _cue in WISH_CUES:
    _WISH_BY_FIRST.setdefault(_cue[0], []).append(_cue)
SENTENCE_END = _CUES["sentence_end"]
NEGATIVE_CUES = tuple(tuple(c.split()) for c in sorted(_CUES["negative_cues"]))
PERSON_AGENTS = _CUES["person_agents"]   # 'data modelers' are people, not data modelling
PAGE_FURNITURE = _CUES["page_furniture"]           # "Back to Top"
TITLE_WORDS_ALSO_SKILLS = _CUES["title_words_also_skills"]
WORK_VERBS = _CUES["work_verbs"]      # "participated in code reviews"
OBJECT_BREAKS = _CUES["object_breaks"]
PROSE_CUES = tuple(tuple(c.split()) for c in sorted(_CUES["prose_list_cues"]))
PROSE_ENDS = _CUES["sentence_end"] | OBJECT_BREAKS | {":"}
_PROSE_BY_LAST: dict[str, list[tuple[str, ...]]] = {}
for _cue in PROSE_CUES:
    _PROSE_BY_LAST.setdefault(_cue[-1], []).append(_cue)
_CLAUSE_NEXT = _CUES["item_stop_words"] - _CUES["connectors"]   # 'focusing on', not 'scheduling and'
MIN_PROSE_KNOWN = 2      # known skills a list in a work bullet needs before its other items count
MIN_PROSE_AREAS = 1      # other whole-item areas or skills a broad area in such a list needs
OBJECT_SPAN = 3                    # words at most between a work verb and its object
GLUE = _CUES["glue"]                  # "R&D", "go-to-market"
WISH_SPAN = 25                     # tokens at most; a sentence end stops it sooner
VERSION = re.compile(r"^v?\d+(\.\d+)*[a-z]?\+?$|^[^\w]+$", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    """A skill name found at tokens [start, end) of a section's text."""
    skill_id: str
    start: int
    end: int
    text: str                      # as written in the CV
    form: str                      # the taxonomy's name or alias it matched
    needs_context: bool            # an ordinary word or a short form: count only in context
    fuzzy: bool = False            # a misspelling: counts only inside a list of skills
    strict: bool = False           # an extended-taxonomy name: only in a skills section, or in a
                                   # labelled list beside a curated skill
    broad: bool = False            # a broad area ('code review'): also as a work verb's object


@dataclass(frozen=True)
class TextView:
    """What the rules need to know about a run of lines (one section): tokens in reading order,
    where each line starts, and the skill mentions found."""
    tokens: tuple[str, ...]
    mentions: tuple[Mention, ...]
    line_starts: tuple[int, ...] = (0,)
    in_skills_section: bool = False
    in_work_section: bool = False          # experience, projects, summary: work verbs claim areas
    spaces: tuple[bool, ...] = ()          # token i is followed by white space
    excluded: frozenset[int] = frozenset()  # tokens that cannot claim a skill (degree names)


def segments(tokens: tuple[str, ...], breaks: Iterable[int] = (),
             mentions: tuple[Mention, ...] = ()) -> list[tuple[int, int]]:
    """Token ranges between separators and line breaks (list items); a name wrapped over a
    line break ('Natural / Language Processing') stays one item."""
    inside = {i for m in mentions for i in range(m.start + 1, m.end)}
    cuts = {i for i in breaks if i not in inside}
    out, start = [], 0
    for i, low in enumerate(map(str.lower, tokens)):
        if i in cuts and i > start:
            out.append((start, i))
            start = i
        if low in SEPARATORS:
            if i > start:
                out.append((start, i))
            start = i + 1
    if start < len(tokens):
        out.append((start, len(tokens)))
    return out


def _covered(mentions: tuple[Mention, ...]) -> set[int]:
    return {i for m in mentions for i in range(m.start, m.end)}


def pure_segments(view: TextView,
                  segs: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Segments that hold a skill and nothing but fillers: list items, not prose.
    `segs`: the view's segments() when the caller has them already."""
    covered = _covered(view.mentions)
    pure = []
    if segs is None:
        segs = segments(view.tokens, view.line_starts, view.mentions)
    for a, b in segs:
        idx = range(a, b)
        if covered.isdisjoint(idx):      # most items hold no skill: one C-level test each
            continue
        if all(i in covered or view.tokens[i].lower() in FILLERS or VERSION.match(view.tokens[i])
               for i in idx):
            pure.append((a, b))
    return pure


def labelled_ranges(view: TextView) -> list[tuple[int, int]]:
    """Token ranges after a leading 'Skills:'-like label, to the end of that line."""
    ends = (*view.line_starts[1:], len(view.tokens))
    out = []
    for a, b in zip(view.line_starts, ends):
        for i in range(a, min(b, a + 6)):
            tok = view.tokens[i]
            if tok in (":", "–", "—", "-") and i > a:
                if {t.lower() for t in view.tokens[a:i]} & LIST_LABELS:
                    out.append((i + 1, b))
                break
    return out


def glued(view: TextView, m: Mention) -> bool:
    """'R&D', 'go-to-market', 'Sub-achievement', 'D. Das': the word is part of another word."""
    tokens, spaces = view.tokens, view.spaces or (True,) * len(view.tokens)
    nxt = tokens[m.end] if m.end < len(tokens) and not spaces[m.end - 1] else ""
    prev = tokens[m.start - 1] if m.start > 0 and not spaces[m.start - 1] else ""
    if len(m.text) == 1 and _letter_pair(tokens, m):
        return True
    return nxt in GLUE or prev in GLUE or nxt == "." and len(m.text) == 1


def _letter_pair(tokens: tuple[str, ...], m: Mention) -> bool:
    """'R & D', 'P & L', 'Q & A' written with spaces are one word too."""
    def letter(i: int) -> bool:
        return 0 <= i < len(tokens) and len(tokens[i]) == 1 and tokens[i].isupper()
    return (m.end < len(tokens) and tokens[m.end] == "&" and letter(m.end + 1)) or \
        (m.start > 1 and tokens[m.start - 1] == "&" and letter(m.start - 2))


def phrase_context(tokens: tuple[str, ...], m: Mention, form_case_ok: bool) -> bool:
    """'modelling in R', 'using Go', 'R programming', 'communication skills'. Cue words work
    for one-word names only: 'a degree in Data Science' does not claim data science."""
    prev = tokens[m.start - 1].lower() if m.start > 0 else ""
    nxt = tokens[m.end].lower() if m.end < len(tokens) else ""
    if not form_case_ok:
        return False
    if tokens[m.end - 1].lower() in SELF_CUES:
        return True
    # a cue makes a name of one word a tool only when it is written like one ('R', 'Go', 'C#'),
    # never a lower-case word ('testing server software')
    return " " not in m.form and not m.text.islower() and (prev in PREV_CUES or nxt in NEXT_CUES)


class _Known:
    """Where the counted skills of one pass of accept() start and end, so each mention asks
    about its neighbours in constant or log time (asking every counted skill made a section
    with thousands of skills quadratic)."""

    def __init__(self, known: set[int], mentions: tuple[Mention, ...]) -> None:
        ms = [mentions[x] for x in known]
        self.starts = sorted(m.start for m in ms)
        self.start_set = set(self.starts)
        self.end_set = {m.end for m in ms}
        self.word_starts = {m.start for m in ms if " " not in m.form}
        self.word_ends = {m.end for m in ms if " " not in m.form}

    def starts_in(self, a: int, b: int) -> bool:
        """A counted skill starts in tokens [a, b)."""
        k = bisect_left(self.starts, a)
        return k < len(self.starts) and self.starts[k] < b

    def count_in(self, a: int, b: int) -> int:
        """How many counted skills start in tokens [a, b)."""
        return bisect_left(self.starts, b) - bisect_left(self.starts, a)


def _in_prose_list(m: Mention, prose: list[tuple[int, int]], firsts: list[int],
                   known: _Known) -> bool:
    """The mention is in a list after a cue in a work bullet ('built with React, Redux and
    Scala') that holds two counted curated skills besides it (prose_lists)."""
    k = bisect_right(firsts, m.start) - 1
    return k >= 0 and m.start < prose[k][1] and known.count_in(*prose[k]) >= MIN_PROSE_KNOWN


def _prose_areas(mentions: tuple[Mention, ...], segs: list[tuple[int, int]], seg_of: dict[int, int],
                 pure: set[tuple[int, int]], prose: list[tuple[int, int]],
                 blocked: set[int]) -> set[int]:
    """Starts of the broad areas that are whole items of a list in a work bullet: a pure list
    item, or the first item, which shares its segment with the cue ('including site
    inspections, cost control')."""
    firsts = {a for a, _ in prose}
    return {m.start for i, m in enumerate(mentions)
            if m.broad and seg_of[i] >= 0 and m.start not in blocked
            and (segs[seg_of[i]] in pure or m.start in firsts and m.end == segs[seg_of[i]][1])}


def _area_in_prose_list(m: Mention, prose: list[tuple[int, int]], firsts: list[int],
                        known: _Known, areas: list[int]) -> bool:
    """A broad area that is a whole item of a list in a work bullet ('performed activities
    including estimation, site inspections and cost control') beside other whole-item broad
    areas or counted skills (`areas`: the starts of the broad whole items, in order): areas
    named together after a cue are claimed, as named tools are."""
    k = bisect_right(firsts, m.start) - 1
    if k < 0 or m.start >= prose[k][1]:
        return False
    a, b = prose[k]
    near = set(areas[bisect_left(areas, a):bisect_left(areas, b)])
    near.update(known.starts[bisect_left(known.starts, a):bisect_left(known.starts, b)])
    near.discard(m.start)
    return len(near) >= MIN_PROSE_AREAS


def _next_to_counted(m: Mention, known: _Known) -> bool:
    """'Agile SCRUM', 'Node.js Koa': a one-word name right beside a one-word skill that counts."""
    return " " not in m.form and (m.start in known.word_ends or m.end in known.word_starts)


def accept(view: TextView, case_ok: dict[int, bool]) -> set[int]:
    """Indices of `view.mentions` that count as skills.

    `case_ok[i]` says mention i is written the way the taxonomy writes it (or in capitals).
    Acceptance spreads along a list: an item next to a counted skill counts too.
    """
    tokens, mentions = view.tokens, view.mentions
    segs = segments(tokens, view.line_starts, mentions)
    pure = set(pure_segments(view, segs))
    labels = labelled_ranges(view)
    firsts = [a for a, _ in segs]
    label_firsts = [a for a, _ in labels]
    mention_starts = sorted(m.start for m in mentions)
    seg_of = {i: _segment_of(m, segs, firsts) for i, m in enumerate(mentions)}
    blocked = wishes(tokens, view.line_starts) | negated(tokens, view.line_starts) \
        | organisations(tokens, mentions, view.line_starts) | other_people(tokens, mentions) \
        | view.excluded
    ok: set[int] = {i for i, m in enumerate(mentions)
                    if not m.needs_context and not m.fuzzy and m.start not in blocked}
    prose = prose_lists(tokens, view.line_starts) if view.in_work_section else []
    prose_firsts = [a for a, _ in prose]
    areas = _prose_areas(mentions, segs, seg_of, pure, prose, blocked) if prose else set()
    area_starts = sorted(areas)
    changed = True
    while changed:
        changed = False
        known = _Known({x for x in ok if not mentions[x].strict}, mentions)   # neighbours that vouch for a list
        for i, m in enumerate(mentions):
            if i in ok or m.start in blocked or glued(view, m):
                continue
            k = seg_of[i]
            cased = case_ok.get(i, False)
            in_prose = cased and k >= 0 and segs[k] in pure and \
                _in_prose_list(m, prose, prose_firsts, known)
            if m.strict:           # an extended name: a skills list, or a labelled one beside
                if in_prose or cased and k >= 0 and segs[k] in pure and (    # a curated skill
                        view.in_skills_section or _labelled_beside(m, labels, label_firsts, known)):
                    ok.add(i)
                    changed = True
                continue
            in_list = k >= 0 and segs[k] in pure and (
                view.in_skills_section or _label_of(m, labels, label_firsts) >= 0
                or _beside_listed(k, segs, pure, known, _alone(segs[k], mention_starts)))
            in_phrase = not m.fuzzy and (phrase_context(tokens, m, cased)
                                         or cased and _next_to_counted(m, known))
            in_work = m.broad and view.in_work_section and (
                work_object(view, m) or m.start in areas
                and _area_in_prose_list(m, prose, prose_firsts, known, area_starts))
            if in_list or in_phrase or in_work or in_prose:
                ok.add(i)
                changed = True
    return ok


def prose_lists(tokens: tuple[str, ...], line_starts: tuple[int, ...]) -> list[tuple[int, int]]:
    """(start, end) of the text after each list cue in a work bullet ('using React, Redux and
    Firebase', data/skill_context.yaml prose_list_cues) up to the sentence end, an object
    break ('to', 'for'); a line end stops it too unless the line ends in a comma (the list
    wraps on). A cue inside a span starts none, so spans do not overlap and this is linear."""
    starts = set(line_starts)
    low = [t.lower() for t in tokens]
    cues = [i for i, w in enumerate(low) if any(_cue_at(low, i, c) for c in _PROSE_BY_LAST.get(w, ()))]
    spans: list[tuple[int, int]] = []
    for i in cues:
        if spans and i < spans[-1][1]:
            continue                       # 'using Excel including macros, V-lookups': one list
        j = i + 1
        while j < len(tokens) and low[j] not in PROSE_ENDS \
                and not (j in starts and tokens[j - 1] != ",") and not _clause_at(low, j):
            j += 1
        if j > i + 1 and (i + 1) not in starts:
            spans.append((i + 1, j))
    return spans


def _clause_at(low: list[str], j: int) -> bool:
    """A participle clause starts at token j: ', focusing on ...', ', allowing the ...' (not
    the list item ', scheduling, planning')."""
    return low[j - 1] == "," and low[j].endswith("ing") and j + 1 < len(low) \
        and low[j + 1] in _CLAUSE_NEXT


def _cue_at(low: list[str], i: int, cue: tuple[str, ...]) -> bool:
    """The cue's words end at token i."""
    a = i + 1 - len(cue)
    return a >= 0 and all(low[a + k] == w for k, w in enumerate(cue))


def work_object(view: TextView, m: Mention) -> bool:
    """'participated in code reviews', 'experience in software development': a work verb at
    most three words before the mention on its own line (a rule never reads into the next
    line), nothing between that starts another phrase, and the mention not a modifier of the
    word after it ('a crowdsourcing platform')."""
    tokens = view.tokens
    line = view.line_starts[bisect_right(view.line_starts, m.start) - 1]
    nxt = tokens[m.end].lower() if m.end < len(tokens) else ""
    if nxt.isalpha() and nxt not in OBJECT_BREAKS and nxt not in SEPARATORS \
            and not (m.end in view.line_starts):
        return False
    for j in range(m.start - 1, max(line, m.start - 1 - OBJECT_SPAN) - 1, -1):
        word = tokens[j].lower()
        if word in WORK_VERBS:
            return True
        if word in SENTENCE_END or word in OBJECT_BREAKS or word in (":", ",", ";"):
            return False
    return False


def _label_of(m: Mention, labels: list[tuple[int, int]], firsts: list[int]) -> int:
    """The index of the labelled range holding the mention's start, or -1. Ranges are in order
    and do not overlap (one per line, `firsts`: their starts)."""
    k = bisect_right(firsts, m.start) - 1
    return k if k >= 0 and m.start < labels[k][1] else -1


def _labelled_beside(m: Mention, labels: list[tuple[int, int]], firsts: list[int],
                     known: _Known) -> bool:
    """The mention is in a labelled list ('Tools: ...') that also holds a counted curated skill."""
    k = _label_of(m, labels, firsts)
    return k >= 0 and known.starts_in(*labels[k])


def organisations(tokens: tuple[str, ...], mentions: tuple[Mention, ...],
                  line_starts: tuple[int, ...] = (0,)) -> set[int]:
    """Starts of mentions that name an organisation: 'The Linux Foundation', 'Phoenix
    Integration, Inc.' (an organisation word within three capitalised words or commas),
    'Department of Statistics', 'organised by AWS', 'Computer Vision & AI Lab', 'NLP/IR
    Workshop' (data/skill_context.yaml org_words)."""
    out = set()
    for m in mentions:
        before = [t.lower() for t in tokens[max(0, m.start - 2):m.start]]
        if len(before) == 2 and (before[1] == "of" and before[0] in ORG_BEFORE
                                 or before[1] == "by" and before[0] in ORG_BY):
            out.add(m.start)
            out |= _same_name_in_sentence(tokens, mentions, line_starts, m)
            continue
        # The name ends with its line unless the mention ends the line (a name wrapped over
        # two lines): 'Data Analysis Using Excel' in one column is not the next line's
        # 'Rice University' in the other.
        k = bisect_right(line_starts, m.start)
        stop = line_starts[k] if k < len(line_starts) else len(tokens)
        for tok in tokens[m.end:m.end + 4 if m.end == stop else min(m.end + 4, stop)]:
            if tok.lower() in ORG_WORDS:
                out.add(m.start)
                break
            if tok not in (",", "/") and not tok[:1].isupper():
                break
    return out


def _same_name_in_sentence(tokens: tuple[str, ...], mentions: tuple[Mention, ...],
                           line_starts: tuple[int, ...], org: Mention) -> set[int]:
    """Starts of the other mentions of an organiser's name in its sentence: in 'AWS AI/ML
    Scholar, a programme organised by AWS' both name the organiser. The sentence is the
    organiser's line and the line before when that one runs on (no sentence end)."""
    k = bisect_right(line_starts, org.start) - 1
    start = line_starts[k]
    if k > 0 and start > 0 and tokens[start - 1] not in SENTENCE_END:
        start = line_starts[k - 1]
    stop = line_starts[k + 1] if k + 1 < len(line_starts) else len(tokens)
    ends = [i for i in range(start, org.start) if tokens[i] in SENTENCE_END]
    start = ends[-1] + 1 if ends else start
    return {m.start for m in mentions
            if m.skill_id == org.skill_id and start <= m.start < stop and m is not org
            and not any(tokens[i] in SENTENCE_END for i in range(min(m.end, org.end),
                                                                 max(m.start, org.start)))}


def other_people(tokens: tuple[str, ...], mentions: tuple[Mention, ...]) -> set[int]:
    """Starts of mentions that qualify other people: 'Project management Consultants', 'a team
    of Python developers', 'worked with ML engineers' name what those people do (a plural job
    title right after the name); the candidate's own title is singular ('Python developer')."""
    nouns = title_heads()               # not 'AI agents', 'Kubernetes operators', 'SQL servers'
    out = set()
    for m in mentions:
        nxt = tokens[m.end].lower() if m.end < len(tokens) else ""
        if len(nxt) > 3 and nxt.endswith("s") and nxt[:-1] in nouns:
            out.add(m.start)
    return out


def wishes(tokens: tuple[str, ...], line_starts: tuple[int, ...] = (0,)) -> set[int]:
    """Token indices inside 'interested in ...', 'eager to ...', 'no experience with ...' up to
    the end of the sentence or of the line."""
    low = list(map(str.lower, tokens))
    out: set[int] = set()
    for i in [i for i, word in enumerate(low) if word in _WISH_BY_FIRST]:
        for cue in _WISH_BY_FIRST[low[i]]:
            if tuple(low[i:i + len(cue)]) == cue:
                k = bisect_right(line_starts, i)
                last = min(len(low), line_starts[k] if k < len(line_starts) else len(low))
                j = i + len(cue)
                while j < last and j < i + WISH_SPAN and low[j] not in SENTENCE_END:
                    out.add(j)
                    j += 1
    return out


def negated(tokens: tuple[str, ...], line_starts: tuple[int, ...]) -> set[int]:
    """Token indices in a sentence that says its work was not the candidate's or not taken
    ('... (rejected)', 'not selected'): the whole sentence, both sides of the cue, cut at the
    line's ends (a rule never reads into the next line)."""
    low = list(map(str.lower, tokens))
    out: set[int] = set()
    for i, word in enumerate(low):
        for cue in NEGATIVE_CUES:
            if word == cue[0] and tuple(low[i:i + len(cue)]) == cue:
                k = bisect_right(line_starts, i) - 1
                first = line_starts[k] if k >= 0 else 0
                last = line_starts[k + 1] if k + 1 < len(line_starts) else len(low)
                a = i
                while a > first and low[a - 1] not in SENTENCE_END:
                    a -= 1
                b = i
                while b < last and low[b] not in SENTENCE_END:
                    b += 1
                out.update(range(a, b))
    return out


def _segment_of(m: Mention, segs: list[tuple[int, int]], firsts: list[int]) -> int:
    """The index of the segment holding the mention's start, or -1. Segments are in order
    and do not overlap (`firsts`: their starts), so only the last one starting at or before
    the mention can hold it."""
    k = bisect_right(firsts, m.start) - 1
    return k if k >= 0 and m.start < segs[k][1] else -1


def _alone(seg: tuple[int, int], starts: list[int]) -> bool:
    """The mention is the only skill in its list item `seg` (`starts`: every mention's start,
    in order; mentions do not overlap, so no other one starts in the item)."""
    return bisect_left(starts, seg[1]) - bisect_left(starts, seg[0]) <= 1


def _beside_listed(k: int, segs: list[tuple[int, int]], pure: set[tuple[int, int]],
                   known: _Known, alone: bool) -> bool:
    """The item sits between two other list items, or next to a counted skill that is a list
    item, or (when the item is a bare name) that ends/starts its item ('with Python, R')."""
    if 0 < k < len(segs) - 1 and segs[k - 1] in pure and segs[k + 1] in pure:
        return True                # "R, Go, Rust": three bare names in a row are a list
    for j, edge in ((k - 1, 1), (k + 1, 0)):
        if 0 <= j < len(segs):
            a, b = segs[j]
            if segs[j] in pure and known.starts_in(a, b) or alone and (
                    edge == 1 and b in known.end_set or edge == 0 and a in known.start_set):
                return True
    return False


@lru_cache(maxsize=1)
def person_nouns() -> frozenset[str]:
    """Nouns of people: job titles ('engineer') and agents ('modeler', 'learner'): 'data
    engineering' -> 'data engineer' would read a title as a skill, 'worked with data modelers'
    credit other people's work to the candidate."""
    return frozenset(str(w).lower() for w in load("titles.yaml")["title_words"]) | PERSON_AGENTS


@lru_cache(maxsize=1)
def title_heads() -> frozenset[str]:
    """The person nouns that end a job title and never a skill's name ('Web Developer')."""
    return person_nouns() - TITLE_WORDS_ALSO_SKILLS
