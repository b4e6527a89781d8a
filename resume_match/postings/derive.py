"""Job posting -> RoleProfile: title, seniority, required/preferred skills, years, degree and the
closest roadmap role.

The labelled units come from posting_text; skills come from the skills matcher, run only on the
units that speak about the candidate, so benefits, company blurb and EEO text never reach it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from resume_match.data import load
from resume_match.errors import InputError
from resume_match.parse.dates import alternation
from resume_match.models import (DEGREE_LEVELS, Line, RoleProfile, Section, SectionKind, SkillHit,
                                 SkillRequirement)
from resume_match.postings.text import (Unit, clause_labels, cut_units, english_title,
                                       has_role_noun, matcher_view, read_posting_document,
                                       vocabulary)
from resume_match.match.roles import list_roles, stage_rank
from resume_match.skills import find_skills

if TYPE_CHECKING:
    from resume_match.skills.matcher import SkillMatcher

__all__ = ["Posting", "PostingSkill", "Unit", "derive_posting", "read_posting", "find_years",
           "find_degree", "find_title", "find_seniority", "find_stage", "rank_roles"]

DUTY_WEIGHT = 0.5            # a tool named only in the duties counts half a requirement
MIN_SKILLS = 3               # fewer skills in the requirements: read the whole posting
SOFT_CATEGORIES = ("soft-skill",)


# ---------------------------------------------------------------- the result

@dataclass(frozen=True)
class PostingSkill:
    """One requirement found in the posting: a skill or any one of a group, with its line."""
    any_of: tuple[str, ...]
    names: tuple[str, ...]
    required: bool
    weight: float
    evidence: str
    soft: bool = False             # a soft skill: never promoted to a requirement
    asked: bool = True             # stated as a requirement (a soft one stays in `preferred`)


@dataclass(frozen=True)
class Posting:
    source: str
    title: str
    seniority: str | None          # senior / entry when the title says so
    stage: str
    required: tuple[PostingSkill, ...]
    preferred: tuple[PostingSkill, ...]
    years: tuple[float, float | None] | None
    degree_level: str | None
    degree_fields: tuple[str, ...]
    degree_required: bool
    closest_role: str
    similarity: tuple[tuple[str, float], ...]   # roadmap role id -> similarity, best first
    dropped_lines: int                         # boilerplate lines kept away from the matcher
    profile: RoleProfile
    stage_from: str = "default"                # what decided the stage: title, years, default
    title_known: bool = True                   # the title is the posting's (not the file name's)
    few_skills: bool = False                   # too few skills named: the title chose the role
    body: tuple[str, ...] = ()                 # the posting's text, boilerplate left out

    def to_dict(self) -> dict[str, Any]:
        """The `jd --json` contract."""
        def ids(items: tuple[PostingSkill, ...]) -> list[str]:
            return list(dict.fromkeys(s for item in items for s in item.any_of))

        def groups(items: tuple[PostingSkill, ...]) -> list[dict[str, Any]]:
            return [{"any_of": list(i.any_of), "names": list(i.names), "weight": i.weight,
                     "evidence": i.evidence} for i in items]
        soft = [{"id": i.any_of[0], "name": i.names[0], "required": i.asked, "evidence": i.evidence}
                for i in self.required + self.preferred if i.soft]
        return {
            "source": self.source, "title": self.title, "seniority": self.seniority,
            "stage": self.stage, "stage_from": self.stage_from, "closest_role": self.closest_role,
            "title_known": self.title_known, "few_skills": self.few_skills, "soft": soft,
            "similarity": {r: s for r, s in self.similarity},
            "required": ids(self.required), "preferred": ids(self.preferred),
            "required_groups": groups(self.required), "preferred_groups": groups(self.preferred),
            "years": None if self.years is None else {"min": self.years[0], "max": self.years[1]},
            "degree": {"level": self.degree_level, "fields": list(self.degree_fields),
                       "required": self.degree_required},
            "dropped_lines": self.dropped_lines, "role_id": self.profile.id,
        }


# ---------------------------------------------------------------- skills

def _section(unit: Unit) -> Section:
    kind: SectionKind = "skills" if unit.label in ("required", "preferred") else "experience"
    return Section(kind=kind, heading=unit.heading, page=unit.page,
                   lines=(Line(text=unit.text, page=unit.page),))


def _locate(hit: SkillHit, text: str, names: dict[str, tuple[str, ...]]) -> tuple[int, int]:
    """Where in `text` the skill is written: (start, end), or (-1, -1) when the matcher found it
    by a form not known here (a fuzzy variant)."""
    low = text.lower()
    best = (-1, -1)
    for form in (hit.name, hit.id.replace("-", " "), *names.get(hit.id, ())):
        form = form.lower().strip()
        if not form:
            continue
        m = re.search(r"(?<![a-z0-9])" + re.escape(form) + r"(?![a-z0-9])", low)
        if m and (best[0] < 0 or m.start() < best[0]):
            best = (m.start(), m.end())
    return best


_LIST_GAP = re.compile(r"[\s,/&]*(?:\b(?:or|and/or|and|andor|nor)\b)?[\s,/&]*")


_EXAMPLES = re.compile(r"\b(such as|like|e\.g\.|for example|including)\s", re.IGNORECASE)


def _groups(text: str, hits: list[SkillHit], names: dict[str, tuple[str, ...]]) -> list[list[SkillHit]]:
    """Skills of one unit as requirements: alternatives ('X, Y or Z', 'a framework such as X or
    Y', '(e.g. X, Y)') form one any-of group; the rest stand alone."""
    v = vocabulary()
    spans = {h.id: _locate(h, text, names) for h in hits}
    placed = sorted(((max(spans[h.id][0], 0), h) for h in hits), key=lambda p: p[0])
    parens = [(m.start(), m.end()) for m in re.finditer(r"\([^()]*\)", text)]
    cuts = [0] + [m.end() for m in re.finditer(r"\band\b(?!/)|;", text)] + [len(text) + 1]
    clauses: dict[tuple[int, int, bool], list[tuple[int, SkillHit]]] = {}
    for pos, hit in placed:
        span = next(((a, b, True) for a, b in parens if a <= pos < b), None)
        if span is None:
            span = (max(c for c in cuts if c <= pos), min(c for c in cuts if c > pos), False)
        clauses.setdefault(span, []).append((pos, hit))
    out: list[list[SkillHit]] = []
    for (lo, hi, is_paren), members in clauses.items():
        example = _EXAMPLES.search(text, lo, hi)
        if example:   # 'a framework such as X, Y or Z, with W': X, Y, Z are a group; W alone
            listed, end = [], example.end()
            for pos, h in members:
                if pos >= example.start() and _LIST_GAP.fullmatch(text, end, max(pos, end)):
                    listed.append((pos, h))
                    end = max(end, spans[h.id][1])
                else:
                    out.append([h])
            members = listed
        clause = text[lo:hi]
        for _, h in members:   # blank the skill names so 'CI/CD' is not read as an alternative
            for form in (h.name, *names.get(h.id, ())):
                if form:
                    clause = re.sub(r"(?<![A-Za-z0-9])" + re.escape(form) + r"(?![A-Za-z0-9])",
                                    " ", clause, flags=re.IGNORECASE)
        if len(members) > 1 and ((is_paren and _one_of_a_kind(text, lo)) or example
                                 or v.alternative.search(clause)):
            out.append([h for _, h in members])
        else:
            out.extend(_slash_pairs(text, members, spans))
    return out


_ONE_OF_A_KIND = re.compile(r"\b(a|an|one|any|single)\s+(?:[\w+#.-]+\s+){0,3}?[\w+#.-]+\s*$",
                            re.IGNORECASE)


def _one_of_a_kind(text: str, paren: int) -> bool:
    """A parenthesised list names alternatives only after 'a/an/one <kind>' ('a deep learning
    framework (PyTorch, TensorFlow)'); after a requirement it gives examples of it, each asked
    ('backend services (Go, Kubernetes, PostgreSQL)'). Cue words inside ('or', 'e.g.') decide
    on their own."""
    before = re.split(r"[,;:]|\band\b", text[:paren])[-1]
    return bool(_ONE_OF_A_KIND.search(before))


def _slash_pairs(text: str, members: list[tuple[int, SkillHit]],
                 spans: dict[str, tuple[int, int]]) -> list[list[SkillHit]]:
    """Skills of a plain list, each alone, except names written 'A/B' (or 'A / B'): those two
    are alternatives; a '/' elsewhere in the line groups nothing."""
    out: list[list[SkillHit]] = []
    end = -1
    for pos, h in members:
        if out and end >= 0 and re.fullmatch(r"\s*/\s*", text[end:pos]):
            out[-1].append(h)
        else:
            out.append([h])
        end = spans[h.id][1]
    return out


def _skill_names() -> dict[str, tuple[str, ...]]:
    """Skill id -> the forms the taxonomy knows, to find where a hit sits in a line."""
    from resume_match.errors import DataError
    from resume_match.skills.taxonomy import load_taxonomy
    try:
        return {sid: skill.forms for sid, skill in load_taxonomy().skills.items()}
    except (DataError, FileNotFoundError):   # no taxonomy: fall back to names and ids
        return {}


def _is_degree_line(text: str) -> bool:
    return bool(re.search(r"\bdegree\b", text, re.IGNORECASE)
                or any(pat.search(text) for _, pat in vocabulary().degrees))


def _is_field(hit: SkillHit, names: dict[str, tuple[str, ...]]) -> bool:
    fields = vocabulary().degree_fields
    return any(f.lower() in fields for f in (hit.name, hit.id.replace("-", " "), *names.get(hit.id, ())))


READ_LABELS = ("required", "preferred", "duties")


def find_requirements(units: list[Unit], matcher: SkillMatcher | None = None,
                      labels: tuple[str, ...] = READ_LABELS
                      ) -> tuple[tuple[PostingSkill, ...], tuple[PostingSkill, ...]]:
    """Required and preferred skills of the posting, each with the line that asks for it;
    `labels`: the units read (intro units too when the posting names too few skills)."""
    names = _skill_names()
    found: list[PostingSkill] = []
    for unit in units:
        if unit.label not in labels:
            continue
        label_of = "duties" if unit.label == "intro" else unit.label
        for text, label in clause_labels(unit.text, label_of, bool(unit.heading)):   # type: ignore[arg-type]
            view = matcher_view(text)
            hits = list(find_skills((_section(Unit(view, unit.page, label, unit.heading)),), matcher))
            if _is_degree_line(text):   # "MS in Statistics": a field of study, not a skill
                hits = [h for h in hits if not _is_field(h, names)]
            weight = DUTY_WEIGHT if label == "duties" else 1.0
            for group in _groups(view, hits, names):
                # soft skills are asked everywhere and shown by no keyword: never a requirement
                soft = all(h.category in SOFT_CATEGORIES for h in group)
                found.append(PostingSkill(any_of=tuple(h.id for h in group),
                                          names=tuple(h.name for h in group),
                                          required=label != "preferred" and not soft,
                                          weight=weight, evidence=unit.text, soft=soft,
                                          asked=label != "preferred"))
            found.extend(_soft_requirements(text, hits, label, weight, unit.text))
    return _dedupe(found)


def _soft_requirements(text: str, hits: list[SkillHit], label: str, weight: float,
                       evidence: str) -> list[PostingSkill]:
    """Soft requirements a line states in its own words ('Ability to mentor junior engineers',
    'lead a team of'), which no list of skill names holds."""
    from resume_match.errors import DataError
    from resume_match.skills.taxonomy import load_taxonomy
    have = {h.id for h in hits}
    out = []
    for sid, pat in vocabulary().soft:
        if sid in have or not pat.search(text):
            continue
        try:
            name = load_taxonomy().skills[sid].name
        except (DataError, FileNotFoundError, KeyError):
            name = sid.replace("-", " ").capitalize()
        out.append(PostingSkill(any_of=(sid,), names=(name,), required=False, weight=weight,
                                evidence=evidence, soft=True, asked=label != "preferred"))
    return out


def _dedupe(found: list[PostingSkill]) -> tuple[tuple[PostingSkill, ...], tuple[PostingSkill, ...]]:
    """One entry per skill or group: required beats preferred, a full weight beats a duty's.
    A group ('Go or Scala') stays even when one of its members is required on its own."""
    required: dict[tuple[str, ...], PostingSkill] = {}
    preferred: dict[tuple[str, ...], PostingSkill] = {}
    for p in found:
        key = tuple(sorted(p.any_of))
        if p.required:
            if key not in required or required[key].weight < p.weight:
                required[key] = p
        elif key not in preferred or (p.asked and not preferred[key].asked):
            preferred[key] = p
    covered = {s for k in required for s in k if len(k) == 1}
    pref = [p for k, p in preferred.items() if k not in required and not set(k) <= covered]
    if not any(not p.soft for p in required.values()):
        # a posting that lists only wishes: they are what it asks for
        hard = [p for p in pref if not p.soft]
        required.update({tuple(sorted(p.any_of)): replace(p, required=True) for p in hard})
        pref = [p for p in pref if p.soft] if hard else pref
    return tuple(required.values()), tuple(pref)


# ---------------------------------------------------------------- years, degree, title, stage

def _number(word: str) -> float | None:
    word = word.lower()
    if word.isdigit():
        return float(word)
    return float(vocabulary().numbers[word]) if word in vocabulary().numbers else None


_NUM = rf"(\d{{1,2}}|{alternation(load('words.yaml')['number_words'])})"
# 'years' and 'experience' in English, Spanish, French, German and Portuguese
_YR = r"(?:years?|yrs?|a[ñn]os|ans|jahre?n?)\b"
_EXP = r"(?:experience|professional|industry|work|experiencia|exp[ée]rience|erfahrung|experi[êe]ncia)"
_YEARS = [
    re.compile(_NUM + r"\s*(?:-|–|to)\s*" + _NUM + r"\+?\s*" + _YR + r"", re.IGNORECASE),
    re.compile(r"(?:at least|minimum(?: of)?|min\.?|over|more than)\s+(?:\(?\d+\)?\s+)?" + _NUM
               + r"\+?\s*" + _YR + r"", re.IGNORECASE),
    re.compile(_NUM + r"\s*\+\s*" + _YR + r"", re.IGNORECASE),
    re.compile(_NUM + r"\s*(?:\(\d+\)\s*)?(?:or more\s+)?" + _YR + r"\b(?:'|’)?\s*(?:of\s+)?"
               r"(?:\w+\s+){0,6}?" + _EXP + r"", re.IGNORECASE),
]


_LOOSE_YEARS = re.compile(_NUM + r"\s*" + _YR + r"\b", re.IGNORECASE)


def _years_in(text: str, loose: bool) -> list[tuple[float, float | None]]:
    """Year bars in one line, from the first pattern that finds any ('3-5' before '5 years')."""
    for k, pat in enumerate(_YEARS + ([_LOOSE_YEARS] if loose else [])):
        found: list[tuple[float, float | None]] = []
        for m in pat.finditer(text):
            lo = _number(m.group(1))
            hi = _number(m.group(2)) if k == 0 else None
            if lo is not None and (k != 0 or (hi is not None and hi >= lo)):
                found.append((lo, hi))
        if found:
            return [f for f in found if f[0] <= 30]
    return []


def find_years(units: list[Unit]) -> tuple[float, float | None] | None:
    """Years of experience asked for: the lowest bar among required lines (where a bare 'Python:
    3 years' counts too), else any line that says experience."""
    parts = [part for u in units if u.label in ("required", "preferred", "duties", "intro")
             for part in clause_labels(u.text, u.label, bool(u.heading))]
    required = [f for text, label in parts if label == "required" for f in _years_in(text, True)]
    other = [f for text, label in parts if label != "required" for f in _years_in(text, False)]
    found = required or other
    return min(found, key=lambda f: f[0]) if found else None


def find_degree(units: list[Unit]) -> tuple[str | None, tuple[str, ...], bool]:
    """The lowest degree level a required line accepts (else a preferred one), the fields named,
    and whether the degree is required."""
    v = vocabulary()
    order = {lvl: i for i, lvl in enumerate(DEGREE_LEVELS)}
    best: dict[bool, str] = {}
    fields: list[str] = []
    for u in units:
        if u.label in ("boilerplate", "meta"):
            continue
        for text, label in clause_labels(u.text, u.label, bool(u.heading)):
            levels = [lvl for lvl, pat in v.degrees if pat.search(text)]
            if not levels and not re.search(r"\bdegree\b", text, re.IGNORECASE):
                continue
            low = text.lower()
            for f in v.degree_fields:
                if re.search(r"\b" + re.escape(f) + r"\b", low) and not any(f in g for g in fields):
                    fields.append(f)
            if levels:
                lvl = min(levels, key=lambda x: order[x])
                req = label == "required"
                if req not in best or order[lvl] < order[best[req]]:
                    best[req] = lvl
    level = best.get(True) or best.get(False)
    return (level, tuple(f for f in fields if not any(f != g and f in g for g in fields)),
            True in best)


_TITLE_IN_TEXT = re.compile(
    r"\b((?:[A-Z][A-Za-z&/+.-]*\s+){0,5}?(?:Engineer|Scientist|Analyst|Manager|Developer|Researcher"
    r"|Architect|Intern|Assistant|Specialist|Consultant|Statistician|Lead)s?)\b")


def find_title(units: list[Unit], given: str | None, source: str) -> str:
    """The job title: a 'Title:' line, a short first line naming a role, a role in the text,
    else the file name's words."""
    v = vocabulary()
    if given:
        return _tidy_title(given)
    for u in units[:4]:
        if len(u.text.split()) <= 10 and not u.text.endswith(".") and has_role_noun(u.text):
            return _tidy_title(u.text)
    for u in units[:25]:
        if u.label == "boilerplate":
            continue
        for m in _TITLE_IN_TEXT.finditer(u.text):
            words = [w for w in m.group(1).split() if w.lower() not in ("the", "a", "an", "our", "join")]
            if len(words) >= 2:
                return _tidy_title(" ".join(words))
    stem = re.sub(r"[_\-]+", " ", Path(source).stem).lower()
    vocab = v.role_nouns | {t for r in _role_tokens_all() for t in r} | {
        w for ws in v.seniority.values() for w in ws}
    words = [w for w in stem.split() if not w.isdigit()]
    while words and words[0] not in vocab:
        words.pop(0)
    return " ".join(w.upper() if len(w) <= 2 else w.capitalize() for w in words) or "Untitled posting"


def _tidy_title(text: str) -> str:
    """The title without decoration: brackets, 'Job Title:', 'Join us as a', emoji, '!'."""
    text = re.sub(r"\([^)]*\)", "", text)
    text = re.sub(r"^[^\w]+", "", text)
    text = re.sub(r"^(job (title|description)|title|position|role)\s*[:\-]\s*", "", text, flags=re.IGNORECASE)
    text = re.sub(r"^(join (us|our team)|we'?re hiring|hiring|apply)( now)?( as)?( an?)?\b[:\s]*", "", text,
                  flags=re.IGNORECASE)
    text = re.sub(r"[^\w)+#]+$", "", text.strip())
    text = _drop_tails(text)
    if text.endswith(("Scientists", "Engineers", "Analysts", "Developers", "Managers")):
        text = text[:-1]
    return " ".join(text.split()).strip(" -:,")


def _drop_tails(title: str) -> str:
    """'NLP Scientist - Remote', 'Data Analyst | Austin, TX' -> the title without where and how."""
    from resume_match.parse.contact import place_names
    tails = {t.lower() for t in load("postings.yaml")["title_tails"]}
    names = {p.lower() for p in place_names()[0] if len(p) > 2}
    codes = {p for p in place_names()[0] if len(p) <= 2}
    while True:
        parts = re.split(r"\s+[-\u2013\u2014|]\s+|\s*\|\s*", title)
        if len(parts) < 2:
            return title
        tail = parts[-1]
        words = [w.strip(".").lower() for w in re.split(r"[\s,/]+", tail) if w.strip(".")]
        place = (any(w in names for w in words) or " ".join(words) in names
                 or bool(re.search(r",\s*([A-Z]{2})$", tail) and tail[-2:] in codes))
        if not words or not (place or any(w in tails for w in words)) or has_role_noun(tail):
            return title
        title = title[:len(title) - len(parts[-1])].rstrip(" -\u2013\u2014|")


def find_seniority(title: str) -> str | None:
    words = set(re.findall(r"[a-z]+(?:-[a-z]+)?", english_title(title)))
    for level in ("senior", "entry"):
        if words & vocabulary().seniority[level]:
            return level
    return None


def find_stage(seniority: str | None, years: tuple[float, float | None] | None) -> str:
    """Entry/mid/senior from the title's words, else from the years asked for."""
    if seniority:
        return seniority
    if years is None:
        return "mid"
    low, high = years
    if low >= 8:
        return "senior"
    if low <= 1 and (high is None or high <= 3):
        return "entry"
    return "mid"


# ---------------------------------------------------------------- closest roadmap role

_SYNONYMS = [(r"machine[\s-]+learning", "ml"), (r"artificial intelligence|\bai\b", "ml"),
             (r"\bdeep learning\b|\bmlops\b", "ml"), (r"\bscientists?\b|\bsciences?\b", "scientist"),
             (r"\bengineers?\b|\bengineering\b", "engineer"), (r"\banalysts?\b|\banalytics\b", "analyst"),
             (r"\bresearchers?\b", "research scientist"), (r"\bmanagers?\b", "manager"),
             (r"\b(bio)?statisticians?\b", "data scientist"),
             (r"\bbusiness intelligence\b|\bbi\b", "analyst")]
_IGNORED = frozenset("and or of the a an i ii iii iv to in for with senior sr junior jr lead "
                     "principal staff head entry level chief intern".split())


def title_tokens(title: str) -> frozenset[str]:
    """The words a title stands for, in English, with synonyms merged ('AI' and 'Machine
    Learning' are both 'ml')."""
    low = english_title(title)
    for pat, rep in _SYNONYMS:
        low = re.sub(pat, rep, low)
    return frozenset(w for w in re.findall(r"[a-z]+", low) if w not in _IGNORED)


def _role_titles(role: RoleProfile) -> list[frozenset[str]]:
    """Word sets a role's title stands for: 'ML Engineer / Scientist' is two titles."""
    m = re.fullmatch(r"(.*\s)(\S+)\s*/\s*(\S+)", role.title.strip())
    titles = [m.group(1) + m.group(2), m.group(1) + m.group(3)] if m else [role.title]
    return [title_tokens(t) for t in titles] or [title_tokens(role.id.replace("-", " "))]


def _role_tokens(role: RoleProfile) -> frozenset[str]:
    return frozenset().union(*_role_titles(role))


def _title_similarity(posting: frozenset[str], role: RoleProfile,
                      rarity: dict[str, float] | None = None, head: str | None = None) -> float:
    """Share of the role title's words the posting title has (best of the role's titles); with
    `rarity`, ties go to the role whose words are the rarer part of the posting's title ('AI
    Researcher': research before ML) and to the role with the same job (`head`)."""
    best = 0.0
    for t in _role_titles(role):
        if not t:
            continue
        share = len(posting & t) / len(t)
        if rarity and posting:
            total = sum(rarity.get(w, 1.0) for w in posting)
            rare = sum(rarity.get(w, 1.0) for w in posting & t) / total
            same_head = 1.0 if head and head in t else 0.0
            share = 0.9 * share + 0.05 * rare + 0.05 * same_head
        best = max(best, share)
    return best


def title_head(title: str) -> str | None:
    """The job a title names: its last role noun before any ', NLP' or ' - Remote' tail
    ('Data Engineer' -> engineer, 'AI Researcher' -> scientist)."""
    main = re.split(r"\s[-\u2013|]\s|,|\(", title)[0]
    nouns = [w for w in re.findall(r"[a-z]+", english_title(main)) if w in vocabulary().role_nouns]
    if not nouns:
        return None
    head = sorted(title_tokens(nouns[-1]))
    return head[-1] if head else None


def _rarity(roles: tuple[RoleProfile, ...]) -> dict[str, float]:
    """Title word -> 1 / the number of roles whose title has it."""
    count: dict[str, int] = {}
    for role in roles:
        for w in _role_tokens(role):
            count[w] = count.get(w, 0) + 1
    return {w: 1.0 / n for w, n in count.items()}


def _role_tokens_all() -> list[frozenset[str]]:
    try:
        return [_role_tokens(r) for r in list_roles()]
    except Exception:   # noqa: BLE001 - the file name fallback must not fail on a bad profile
        return []


def _skill_similarity(required: tuple[PostingSkill, ...], preferred: tuple[PostingSkill, ...],
                      role: RoleProfile) -> float:
    """F1 of the posting's skills against the role's: weighted recall and precision. A skill
    stands for what it implies too (a posting asking for SQL Server asks for SQL)."""
    wanted: dict[str, float] = {}
    for items, share in ((required, 1.0), (preferred, 0.5)):
        for p in items:
            for s in p.any_of:
                wanted[s] = max(wanted.get(s, 0.0), share * p.weight / len(p.any_of))
    implied = _implied(tuple(sorted(wanted)))
    covers = set(wanted).union(*implied.values()) if implied else set(wanted)
    role_skills = {s for r in role.required + role.preferred for s in r.any_of}
    total = sum(r.weight for r in role.required) + 0.5 * sum(r.weight for r in role.preferred)
    got = (sum(r.weight for r in role.required if set(r.any_of) & covers)
           + 0.5 * sum(r.weight for r in role.preferred if set(r.any_of) & covers))
    recall = got / total if total else 0.0
    precision = (sum(w for s, w in wanted.items() if ({s} | implied.get(s, set())) & role_skills)
                 / sum(wanted.values()) if wanted else 0.0)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@lru_cache(maxsize=64)
def _implied(ids: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """Skill id -> the skills it implies in the taxonomy (none when it cannot be loaded)."""
    from resume_match.errors import DataError
    from resume_match.skills.taxonomy import load_taxonomy
    try:
        tax = load_taxonomy()
    except (DataError, FileNotFoundError):
        return {}
    return {s: tax.implied((s,)) for s in ids}


def rank_roles(title: str, title_known: bool, stage: str, required: tuple[PostingSkill, ...],
               preferred: tuple[PostingSkill, ...], roles: tuple[RoleProfile, ...],
               few: bool = False) -> tuple[tuple[str, float], ...]:
    """Roadmap roles by similarity to the posting: title words, skills, then career stage.
    With `few` skills named, the posting's own title decides."""
    posting = title_tokens(title)
    w_title = (0.7 if few else 0.45) if title_known else 0.2
    w_skills = 0.15 if few and title_known else 0.4
    rarity, head = _rarity(roles), title_head(title)
    out = []
    for role in roles:
        t = _title_similarity(posting, role, rarity, head)
        gap = abs(stage_rank(stage) - stage_rank(role.stage))
        s = 1.0 if gap == 0 else 0.5 if gap == 1 else 0.0
        score = w_title * t + w_skills * _skill_similarity(required, preferred, role) + 0.15 * s
        out.append((role.id, round(score, 3)))
    return tuple(sorted(out, key=lambda p: -p[1]))


# ---------------------------------------------------------------- public

def derive_posting(source: str | Path, matcher: SkillMatcher | None = None,
                   roles: tuple[RoleProfile, ...] | None = None) -> Posting:
    """Read a posting (path, or '-' for stdin) and derive its role profile and closest role.
    A posting that names too few skills in its requirements is read whole (boilerplate aside)
    and its title chooses the role; one that names neither a skill nor a job is refused."""
    doc = read_posting_document(source)
    units, given = cut_units(doc)
    title = find_title(units, given, doc.source)
    title_known = given is not None or any(title in u.text or title == _tidy_title(u.text)
                                           for u in units)
    required, preferred, few = _read_skills(units, title, matcher)
    roles = roles if roles is not None else list_roles()
    if not _hard_count(required, preferred) and not (title_known and names_a_job(title, roles)):
        raise InputError(f"{doc.source}: no recognisable skills and no job title in this posting "
                         "(is it a job posting? it should name a role or the tools and methods "
                         "it asks for)")
    years = find_years(units)
    seniority = find_seniority(title)
    stage = find_stage(seniority, years)
    stage_from = "title" if seniority else "years" if years is not None else "default"
    level, fields, degree_required = find_degree(units)
    ranked = rank_roles(title, title_known, stage, required, preferred, roles, few=few)
    closest = next((r for r in roles if r.id == ranked[0][0]), None) if ranked else None
    profile = _profile(doc.source, title, stage, required, preferred, years,
                       level if degree_required else None, fields, closest, roles, units)
    return Posting(source=doc.source, title=title, seniority=seniority, stage=stage,
                   required=required, preferred=preferred, years=years, degree_level=level,
                   degree_fields=fields, degree_required=degree_required, closest_role=ranked[0][0] if ranked else "",
                   similarity=ranked[:3], profile=profile,
                   dropped_lines=sum(u.label == "boilerplate" for u in units),
                   stage_from=stage_from, title_known=title_known, few_skills=few,
                   body=tuple(u.text for u in units if u.label != "boilerplate"))


def _read_skills(units: list[Unit], title: str, matcher: SkillMatcher | None
                 ) -> tuple[tuple[PostingSkill, ...], tuple[PostingSkill, ...], bool]:
    """Required and preferred skills, and whether the requirements named too few (< MIN_SKILLS):
    then the intro is read too (not the title line), and if that is still too few, lines that
    are boilerplate only by the block they sit in ('About us' over the whole posting)."""
    required, preferred = find_requirements(units, matcher)
    few = _hard_count(required, preferred) < MIN_SKILLS
    if not few:
        return required, preferred, few
    rest = [u for u in units if _tidy_title(u.text) != title]
    required, preferred = find_requirements(rest, matcher, READ_LABELS + ("intro",))

    def by_block(u: Unit) -> bool:
        return u.label == "boilerplate" and not vocabulary().boilerplate.search(u.text)
    if _hard_count(required, preferred) < MIN_SKILLS and any(by_block(u) for u in rest):
        every = [replace(u, label="intro") if by_block(u) else u for u in rest]
        required, preferred = find_requirements(every, matcher, READ_LABELS + ("intro",))
    return required, preferred, few


def _hard_count(required: tuple[PostingSkill, ...], preferred: tuple[PostingSkill, ...]) -> int:
    """How many skills (not soft ones) the posting names."""
    return len({s for p in required + preferred if not p.soft for s in p.any_of})


def names_a_job(title: str, roles: tuple[RoleProfile, ...]) -> bool:
    """The title names a job: a role noun ('engineer', 'analyst') or a roadmap role's words."""
    words = title_tokens(title)
    return has_role_noun(title) or any(_title_similarity(words, r) > 0 for r in roles)


def _profile(source: str, title: str, stage: str, required: tuple[PostingSkill, ...],
             preferred: tuple[PostingSkill, ...], years: tuple[float, float | None] | None,
             level: str | None, fields: tuple[str, ...], closest: RoleProfile | None,
             roles: tuple[RoleProfile, ...], units: list[Unit]) -> RoleProfile:
    """The posting as a RoleProfile; the closest roadmap role lends its path and advice."""
    def reqs(items: tuple[PostingSkill, ...]) -> tuple[SkillRequirement, ...]:
        return tuple(SkillRequirement(any_of=p.any_of, weight=p.weight,
                                      label=_label(p.names) if len(p.any_of) > 1 else "")
                     for p in items)
    req, pref = reqs(required), reqs(preferred)
    borrowed = closest is not None and not any(not p.soft for p in required + preferred)
    if borrowed and closest is not None:   # a title alone: the closest role says what it asks
        req, pref = closest.required, closest.preferred + pref
    ids = {s for r in req + pref for s in r.any_of}
    # advice for each skill: the closest role's, else any roadmap role's that teaches it
    donors = ([closest] if closest else []) + [r for r in roles if r is not closest]
    learning: dict[str, str] = {}
    for role in donors:
        for k, v in role.learning.items():
            if (k in ids or (k == "default" and role is closest)) and k not in learning:
                learning[k] = v
    duty = next((u.text for u in units if u.label in ("duties", "intro") and len(u.text) > 40), "")
    summary = (f"From the job posting {Path(source).name}"
               + (f"; closest roadmap role: {closest.title} ({closest.id})" if closest else "")
               + (". The posting names no skills: they are the closest role's" if borrowed else "")
               + (f". {duty[:200]}" if duty else "."))
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "posting"
    return RoleProfile(
        id=f"posting-{slug}"[:60], title=title, stage=stage, summary=summary,
        required=req, preferred=pref,
        experience_years=years if years is not None else (0.0, None),
        education_level=level or "none", education_fields=fields,
        certifications=closest.certifications if closest else (),
        next_roles=closest.next_roles if closest else (), learning=learning, source=source)


def _label(names: tuple[str, ...]) -> str:
    return ", ".join(names[:-1]) + " or " + names[-1]


def read_posting(source: str | Path, matcher: SkillMatcher | None = None) -> RoleProfile:
    """The role profile of a job posting, ready for `scoring.score_role`."""
    return derive_posting(source, matcher).profile
