"""A CV against a job posting the way a Jobscan user reads it: each skill the posting names with
how often the posting and the CV mention it, and whether the CV carries the posting's title.

Counts follow the skills matcher: a CV mention counts only when the matcher found the skill in
the CV, so 'go' in 'go above and beyond' is no mention of Go on either side.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from resume_match.models import Candidate, KeywordCount, PostingMatch, TitleMatch
from resume_match.postings.derive import Posting, PostingSkill, find_seniority, title_tokens
from resume_match.postings.text import has_role_noun

HEADLINE_LINES = 6           # a headline sits in the first lines of the header block
HEADLINE_WORDS = 8


@lru_cache(maxsize=1)
def _forms() -> dict[str, tuple[tuple[str, bool], ...]]:
    """Skill id -> its forms, each with whether it must be written in its own case ('Go')."""
    from resume_match.errors import DataError
    from resume_match.skills.taxonomy import load_taxonomy
    try:
        skills = load_taxonomy().skills
    except (DataError, FileNotFoundError):
        return {}
    return {sid: tuple((f, f in s.ambiguous) for f in s.forms if f.strip())
            for sid, s in skills.items()}


def _pattern(sid: str, name: str) -> re.Pattern[str] | None:
    """One pattern for every form of the skill: ambiguous forms case-sensitive, others not."""
    forms = _forms().get(sid) or ((name, False),)
    parts = [(f"(?-i:{re.escape(f)})" if exact else re.escape(f))
             for f, exact in sorted(forms, key=lambda x: -len(x[0]))]
    return re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(parts) + r")(?![A-Za-z0-9+#])",
                      re.IGNORECASE) if parts else None


def count(sid: str, name: str, lines: Iterable[str]) -> int:
    """Mentions of the skill in the lines."""
    pat = _pattern(sid, name)
    return sum(len(pat.findall(line)) for line in lines) if pat else 0


def _cv_lines(candidate: Candidate) -> list[str]:
    if candidate.document is not None:
        return [ln.text for ln in candidate.document.lines]
    return [ln.text for sec in candidate.sections for ln in sec.lines]


def keywords(posting: Posting, candidate: Candidate) -> tuple[KeywordCount, ...]:
    """Each skill the posting names, once, required first: its count in the posting and in the
    CV (0 when the CV's skills do not include it, at least its evidence lines when they do)."""
    hits = {h.id: h for h in candidate.skills}
    cv = _cv_lines(candidate)
    out: dict[str, KeywordCount] = {}
    groups: list[tuple[PostingSkill, str]] = (
        [(p, "soft" if p.soft else "required") for p in posting.required]
        + [(p, "soft" if p.soft else "preferred") for p in posting.preferred])
    for item, kind in groups:
        for sid, name in zip(item.any_of, item.names):
            if sid in out:
                continue
            in_cv = max(count(sid, name, cv), len(hits[sid].evidence)) if sid in hits else 0
            out[sid] = KeywordCount(id=sid, name=name, kind=kind,  # type: ignore[arg-type]
                                    in_posting=max(1, count(sid, name, posting.body)),
                                    in_cv=in_cv)
    order = {"required": 0, "preferred": 1, "soft": 2}
    return tuple(sorted(out.values(), key=lambda k: order[k.kind]))


def _headline(candidate: Candidate) -> str | None:
    """The CV's headline: a short line naming a job near the top of the header block."""
    head = next((s for s in candidate.sections if s.kind == "header"), None)
    if head is None:
        return None
    for line in head.lines[:HEADLINE_LINES]:
        text = " ".join(line.text.split())
        if (text and text != candidate.name and len(text.split()) <= HEADLINE_WORDS
                and not re.search(r"@|\d{3}|https?:|www\.|\|", text) and has_role_noun(text)):
            return text.strip(" -|,")
    return None


def _cv_titles(candidate: Candidate) -> list[tuple[str, str]]:
    """(title, where) in the order a reader looks: headline, current positions, the others."""
    out = []
    if (h := _headline(candidate)):
        out.append((h, "headline"))
    positions = candidate.experience.positions
    out += [(p.title, "current position") for p in positions if p.current and p.title]
    out += [(p.title, "position") for p in positions if not p.current and p.title]
    return out


_RANK = {"exact": 3, "close": 2, "partial": 1, "none": 0}


def _compare(posting_title: str, cv_title: str) -> str:
    """exact: the posting's title is written in the CV's; close: the same words once 'ML' is
    'machine learning' and 'Sr' 'Senior'; partial: some of the job's words; else none."""
    def norm(t: str) -> str:
        return " ".join(re.findall(r"[a-z0-9+#]+", t.lower()))
    if norm(posting_title) and f" {norm(posting_title)} " in f" {norm(cv_title)} ":
        return "exact"
    a, b = title_tokens(posting_title), title_tokens(cv_title)
    if a and a == b and find_seniority(posting_title) == find_seniority(cv_title):
        return "close"
    return "partial" if a & b else "none"


def title_match(posting_title: str, candidate: Candidate) -> TitleMatch:
    """The best match among the CV's titles (the headline wins a tie)."""
    best: tuple[str, str | None, str | None] = ("none", None, None)
    for title, where in _cv_titles(candidate):
        m = _compare(posting_title, title)
        if _RANK[m] > _RANK[best[0]]:
            best = (m, title, where)
    if best[1] is None:       # nothing shares a word: say what the CV calls itself
        first = next(iter(_cv_titles(candidate)), None)
        best = ("none", first[0], first[1]) if first else best
    return TitleMatch(posting_title=posting_title, cv_title=best[1], where=best[2],
                      match=best[0])  # type: ignore[arg-type]


def match_posting(posting: Posting, candidate: Candidate) -> PostingMatch:
    """The posting's keywords and title against one CV."""
    return PostingMatch(source=posting.source, title=posting.title, role=posting.profile.id,
                        closest_role=posting.closest_role, keywords=keywords(posting, candidate),
                        title_match=title_match(posting.title, candidate))


__all__ = ["match_posting", "keywords", "title_match", "count"]
