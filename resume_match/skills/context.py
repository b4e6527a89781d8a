"""Ambiguity rules: when a name that is also an ordinary word (R, Go, Spark, Excel) is a skill.

Pure functions over a line's tokens and the skill mentions found on it, so the rules can be
tested without spaCy. A mention that needs context counts only
- in a list of skills: its comma/pipe/slash-separated item is just the skill, and a neighbouring
  item is a skill that counts ("R, Python, SQL"), or the line is a labelled list ("Skills: Go");
- in a skills section, as a list item of its own;
- in a phrase that names a tool ("modelling in R", "using Go", "R programming").
Never when glued to a hyphen or ampersand ("R&D", "go-to-market") or inside prose.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

SEPARATORS = frozenset({",", ";", "|", "/", "(", ")", "[", "]", "{", "}", ":", "–", "—",
                        "and", "&", "or", "+", "•"})
# Words that may sit inside a list item next to a skill without making it prose.
FILLERS = frozenset({"basic", "basics", "advanced", "intermediate", "expert", "beginner",
                     "proficient", "familiar", "fluent", "native", "good", "strong", "solid",
                     "working", "knowledge", "exposure", "etc", "etc.", "e.g.", "i.e.", "v",
                     "version", "library", "libraries", "framework", "frameworks", "language",
                     "languages", "tools", "stack", "ecosystem", "certified", "certification"})
# Labels that announce a list of skills: "Languages: ...", "Tools & Technologies - ...".
LIST_LABELS = frozenset({"skills", "skill", "languages", "language", "tools", "tool",
                         "technologies", "technology", "tech", "frameworks", "framework",
                         "libraries", "library", "stack", "software", "programming",
                         "platforms", "platform", "databases", "database", "environment",
                         "environments", "expertise", "proficient", "familiar", "technical",
                         "competencies", "toolkit", "toolbox", "packages", "cloud", "devops",
                         "methods", "methodologies", "os", "ides", "ide", "web", "data",
                         "ml", "ai", "analytics", "infrastructure", "services", "systems",
                         "mlops", "visualization", "visualisation", "bi", "office",
                         "applications", "apps", "scripting", "used", "using", "with",
                         "technique", "techniques", "practices", "concepts", "areas",
                         "interests", "coursework", "courses", "keywords", "strengths"})
PREV_CUES = frozenset({"in", "using", "with", "via", "including", "includes", "like",
                       "use", "used", "uses", "leveraging", "leveraged", "knowledge",
                       "proficient", "proficiency", "experience", "expertise", "written",
                       "wrote", "coded", "implemented", "built", "developed", "programmed",
                       "familiarity", "skilled"})
NEXT_CUES = frozenset({"programming", "language", "languages", "code", "coding", "scripts",
                       "script", "scripting", "developer", "developers", "development",
                       "package", "packages", "library", "libraries", "framework", "api",
                       "apis", "sdk", "macros", "spreadsheets", "spreadsheet", "workbooks",
                       "dashboards", "jobs", "cluster", "clusters", "notebooks", "shiny",
                       "modules", "skills", "skill", "abilities", "ability", "pipelines",
                       "applications", "apps", "services", "server", "queries",
                       "functions", "playbooks", "manifests", "charts", "templates"})
SELF_CUES = frozenset({"skills", "skill", "abilities"})   # "communication skills" says it itself
GLUE = frozenset({"-", "&", "'", "’", "'s", "’s", "‑"})
VERSION = re.compile(r"^v?\d+(\.\d+)*[a-z]?\+?$|^[^\w]+$", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    """A skill name found at tokens [start, end) of one line."""
    skill_id: str
    start: int
    end: int
    text: str                      # as written in the CV
    form: str                      # the taxonomy's name or alias it matched
    needs_context: bool            # an ordinary word or a short form: count only in context
    fuzzy: bool = False            # a misspelling: counts only inside a list of skills


@dataclass(frozen=True)
class LineView:
    """What the rules need to know about one line."""
    tokens: tuple[str, ...]
    mentions: tuple[Mention, ...]
    in_skills_section: bool = False


def segments(tokens: tuple[str, ...]) -> list[tuple[int, int]]:
    """Token ranges between separators (list items), empty ones dropped."""
    out, start = [], 0
    for i, tok in enumerate(tokens):
        if tok.lower() in SEPARATORS:
            if i > start:
                out.append((start, i))
            start = i + 1
    if start < len(tokens):
        out.append((start, len(tokens)))
    return out


def _covered(mentions: tuple[Mention, ...]) -> set[int]:
    return {i for m in mentions for i in range(m.start, m.end)}


def pure_segments(view: LineView) -> list[tuple[int, int]]:
    """Segments that hold a skill and nothing but fillers: list items, not prose."""
    covered = _covered(view.mentions)
    pure = []
    for a, b in segments(view.tokens):
        idx = range(a, b)
        if not any(i in covered for i in idx):
            continue
        if all(i in covered or view.tokens[i].lower() in FILLERS or VERSION.match(view.tokens[i])
               for i in idx):
            pure.append((a, b))
    return pure


def labelled_list(tokens: tuple[str, ...]) -> int:
    """Index after a leading 'Skills:'-like label (<= 5 tokens before ':'), or -1."""
    for i, tok in enumerate(tokens[:6]):
        if tok in (":", "–", "—", "-") and i > 0:
            words = {t.lower() for t in tokens[:i]}
            return i + 1 if words & LIST_LABELS else -1
    return -1


def glued(tokens: tuple[str, ...], m: Mention) -> bool:
    """'R&D', 'go-to-market', 'Sub-achievement (c)': the word is part of another word."""
    nxt = tokens[m.end] if m.end < len(tokens) else ""
    prev = tokens[m.start - 1] if m.start > 0 else ""
    return nxt in GLUE or prev in GLUE or nxt == "." and len(m.text) == 1


def phrase_context(tokens: tuple[str, ...], m: Mention, form_case_ok: bool) -> bool:
    """'modelling in R', 'using Go', 'R programming', 'communication skills'."""
    prev = tokens[m.start - 1].lower() if m.start > 0 else ""
    nxt = tokens[m.end].lower() if m.end < len(tokens) else ""
    last = tokens[m.end - 1].lower()
    return form_case_ok and (prev in PREV_CUES or nxt in NEXT_CUES or last in SELF_CUES)


def _segment_of(m: Mention, segs: list[tuple[int, int]]) -> int:
    for k, (a, b) in enumerate(segs):
        if a <= m.start < b:
            return k
    return -1


def accept_line(view: LineView, accepted_ids: set[str], case_ok: dict[int, bool],
                neighbour_has_list: bool) -> set[int]:
    """Indices of `view.mentions` that count as skills, given mentions already accepted.

    `case_ok[i]` says mention i is written the way the taxonomy writes it (or in capitals);
    `neighbour_has_list` says an adjacent line of the same section is a list of skills.
    """
    tokens, mentions = view.tokens, view.mentions
    segs = segments(tokens)
    pure = set(pure_segments(view))
    label_end = labelled_list(tokens)
    all_pure = bool(segs) and all(s in pure for s in segs)
    ok: set[int] = {i for i, m in enumerate(mentions) if not m.needs_context and not m.fuzzy}
    changed = True
    while changed:
        changed = False
        for i, m in enumerate(mentions):
            if i in ok or glued(tokens, m):
                continue
            k = _segment_of(m, segs)
            own_pure = k >= 0 and segs[k] in pure
            if _list_context(i, k, own_pure, segs, pure, ok, mentions, label_end, view,
                             all_pure and neighbour_has_list):
                ok.add(i)
                changed = True
            elif not m.fuzzy and phrase_context(tokens, m, case_ok.get(i, False)):
                ok.add(i)
                changed = True
    return ok


def _list_context(i: int, k: int, own_pure: bool, segs: list[tuple[int, int]],
                  pure: set[tuple[int, int]], ok: set[int], mentions: tuple[Mention, ...],
                  label_end: int, view: LineView, vertical: bool) -> bool:
    """The mention is an item of a list of skills."""
    if not own_pure:
        return False
    if view.in_skills_section or vertical:
        return True
    if label_end >= 0 and segs[k][0] >= label_end:
        return True
    if len(pure) >= 3 and 5 * len(pure) >= 3 * len(segs):
        return True                # "R, Go, Rust": three bare names in a row are a list
    for j, edge in ((k - 1, 1), (k + 1, 0)):
        if 0 <= j < len(segs):
            a, b = segs[j]
            for x in ok:
                # a counted skill in the next item, or ending the previous one ("with Python, R")
                if segs[j] in pure and a <= mentions[x].start < b \
                        or (edge == 1 and mentions[x].end == b) or (edge == 0 and mentions[x].start == a):
                    return True
    return False
