"""Pure scoring: (candidate, role) -> RoleFit, 0-100, with every point traced to evidence.

Components and their maximum points come from the role (`RoleProfile.weights`, defaults in
roles.py). Skills earn full credit when the CV names them, less through the taxonomy's links
(`implies`, then `related`), and less again when only listed rather than used in the work.
Background components (experience, education, certifications) count in proportion to how many
required skills the CV shows, so years in another field do not make a fit.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from typing import Any, Iterable, Mapping

from rapidfuzz import fuzz

from resume_match.models import (DEGREE_LEVELS, Candidate, Component, Evidence, Experience,
                                 MatchedSkill, MissingSkill, RoleFit, RoleProfile, SkillHit,
                                 SkillRequirement)
from resume_match.match.roles import DEFAULT_WEIGHTS, advice_for, stage_rank
from resume_match.parse.facts import STATED

IMPLIED_CREDIT = 0.8      # PyTorch on the CV stands in well for "deep learning"
CHAIN_STEP = 0.9          # each further step of a chain of implications (regression analysis ->
                          # regression -> supervised learning -> machine learning) is less sure
RELATED_CREDIT = 0.5      # Keras for TensorFlow: transferable, not the same
LISTED_CREDIT = 0.75      # named only in a skills list: a claim, not evidence of use
FULL_RELEVANCE_AT = 0.75  # share of required skills at which background counts in full
OVER_RANGE_STEP = 0.15    # experience credit lost per year above the role's range
OVER_RANGE_FLOOR = 0.2
LEVEL_STEP = 0.35         # education credit lost per degree level below the expectation
FIELD_SHARE = 0.3         # part of the education points for a matching field
CERT_MATCH = 85           # rapidfuzz token_set_ratio for a certificate name
VALUED_CERT_CREDIT = (0.0, 0.7, 1.0)   # by number of the role's valued certificates held
OTHER_CERT_CREDIT = 0.25               # per other certificate, capped below the valued ones
OTHER_CERT_CAP = 0.5
NO_RELATED_CREDIT = ("language",)     # Python on a CV says nothing about knowing R
RESEARCH_TITLE = re.compile(r"\b(research\w*|ph\.?\s?d|doctoral|post-?doc\w*|applied scientist)\b",
                            re.I)       # "Data Scientist" alone is not a research post
PUBLICATIONS_CREDIT = 0.7   # a publications section; a research post adds the rest
RESEARCH_POST_CREDIT = 0.5  # a research post without publications
LEAD_TITLE = re.compile(r"\b(senior|sr\.?|staff|lead|principal|head|manager|director|chief|vp)\b",
                        re.I)   # a post with one of these titles is evidence of leadership
LEAD_SKILL = "leadership"
SOFT_SECTIONS = ("summary", "experience", "projects", "volunteering")   # where work is told
SOFT_REACH = 4            # an object word within this many words after the verb ("led a team of")
WEAK_FIT = 25          # below this best score, point to the roadmap's entry stage


# ---------------------------------------------------------------- the taxonomy's links

@dataclass(frozen=True)
class SkillGraph:
    """What scoring needs from the taxonomy: display names and implies/related links."""
    names: Mapping[str, str] = field(default_factory=dict)
    implies: Mapping[str, frozenset[str]] = field(default_factory=dict)
    related: Mapping[str, frozenset[str]] = field(default_factory=dict)
    categories: Mapping[str, str] = field(default_factory=dict)

    def name(self, skill_id: str) -> str:
        return self.names.get(skill_id) or skill_id.replace("-", " ")

    def implied_by(self, skill_id: str, depth: int = 3) -> frozenset[str]:
        """Every skill `skill_id` implies, following chains (PyTorch -> deep learning -> ML)."""
        return frozenset(self.implied_paths(skill_id, depth))

    def implied_paths(self, skill_id: str, depth: int = 3) -> dict[str, tuple[str, ...]]:
        """Skill implied -> the skills a shortest chain from `skill_id` passes through on the way
        (() when `skill_id` implies it directly)."""
        paths: dict[str, tuple[str, ...]] = {}
        frontier: dict[str, tuple[str, ...]] = {skill_id: ()}
        for _ in range(depth):
            step: dict[str, tuple[str, ...]] = {}
            for source, path in sorted(frontier.items()):
                via = path + ((source,) if source != skill_id else ())
                for target in sorted(self.implies.get(source, ())):
                    if target != skill_id and target not in paths and target not in step:
                        step[target] = via
            paths.update(step)
            frontier = step
        return paths


def graph_from_entries(entries: Iterable[Any]) -> SkillGraph:
    """A SkillGraph from taxonomy entries (objects or dicts with id, name, implies, related)."""
    names: dict[str, str] = {}
    categories: dict[str, str] = {}
    implies: dict[str, frozenset[str]] = {}
    related: dict[str, set[str]] = {}
    for entry in entries:
        get = entry.get if isinstance(entry, dict) else (lambda k, e=entry: getattr(e, k, None))
        sid = get("id")
        if not sid:
            continue
        names[sid] = get("name") or sid
        categories[sid] = get("category") or ""
        implies[sid] = frozenset(get("implies") or ())
        for other in get("related") or ():      # related is symmetric
            related.setdefault(sid, set()).add(other)
            related.setdefault(other, set()).add(sid)
    return SkillGraph(names, implies, {k: frozenset(v) for k, v in related.items()}, categories)


@lru_cache(maxsize=1)
def default_graph() -> SkillGraph:
    """The bundled taxonomy's links, loaded once; empty (names from ids) when it is not there."""
    from resume_match.skills.taxonomy import load_taxonomy
    try:
        taxonomy = load_taxonomy()
    except FileNotFoundError:
        return SkillGraph()
    return graph_from_entries(taxonomy.skills.values())


# ---------------------------------------------------------------- skills

@dataclass(frozen=True)
class _Credit:
    """How one requirement was met: the skill credited, the CV skill behind it, how much."""
    req: SkillRequirement
    skill: str
    hit: SkillHit                  # the CV skill credited (the skill itself, or a linked one)
    link: float                    # 1, IMPLIED_CREDIT (less per further step) or RELATED_CREDIT
    shown: bool                    # used in experience/project lines (itself or via a skill)
    evidence: tuple[Evidence, ...]
    why: str = ""                  # how a linked skill stands in ("XGBoost implies it"); ""
                                   # when the CV names the skill: only those count as found

    @property
    def found(self) -> bool:
        return not self.why

    @property
    def credit(self) -> float:
        return self.link * (1.0 if self.shown else LISTED_CREDIT)


Links = Mapping[str, list[tuple[SkillHit, float, str]]]


def _link_index(hits: Mapping[str, SkillHit], graph: SkillGraph) -> Links:
    """Skill id -> the CV skills that imply it (IMPLIED_CREDIT per step of the chain) or relate
    to it (RELATED_CREDIT), each with the reason a reader is shown."""
    index: dict[str, list[tuple[SkillHit, float, str]]] = {}
    for hit in hits.values():
        implied = graph.implied_paths(hit.id)
        for target, path in implied.items():
            why = f"{graph.name(hit.id)} implies it" + (
                f" (through {', '.join(graph.name(p) for p in path)})" if path else "")
            index.setdefault(target, []).append((hit, IMPLIED_CREDIT * CHAIN_STEP ** len(path), why))
        for target in graph.related.get(hit.id, frozenset()) - set(implied):
            if graph.categories.get(target) not in NO_RELATED_CREDIT:
                index.setdefault(target, []).append((hit, RELATED_CREDIT,
                                                     f"{graph.name(hit.id)} is related"))
    return index


def _options(skill: str, req: SkillRequirement, hits: Mapping[str, SkillHit],
             links: Links) -> Iterable[_Credit]:
    """Every way the CV can meet `skill`: itself, itself shown through a tool, implied, related."""
    own = hits.get(skill)
    linked = [(h, link, why) for h, link, why in links.get(skill, ()) if h.id != skill]
    if own is not None:
        yield _Credit(req, skill, own, 1.0, own.demonstrated, own.evidence)
        # PyTorch used in a bullet shows the listed "deep learning" too (named, so found)
        user = next((h for h, link, _ in linked
                     if link > RELATED_CREDIT and h.demonstrated), None)   # implies, not related
        if not own.demonstrated and user is not None:
            shown = tuple(e for e in user.evidence if e.section != "skills")
            yield _Credit(req, skill, own, IMPLIED_CREDIT, True, own.evidence[:1] + shown)
    for hit, link, why in linked:
        yield _Credit(req, skill, hit, link, hit.demonstrated, hit.evidence, why)


def _credit_for(req: SkillRequirement, hits: Mapping[str, SkillHit],
                links: Links) -> _Credit | None:
    """The best way the CV meets one requirement, or None."""
    options = [c for skill in req.any_of for c in _options(skill, req, hits, links)]
    if not options:
        return None
    return max(options, key=lambda c: (c.credit, c.found, c.shown, -len(c.hit.id)))


def _req_name(req: SkillRequirement, graph: SkillGraph) -> str:
    return req.label or graph.name(req.any_of[0])


def _matched(c: _Credit, required: bool, graph: SkillGraph) -> MatchedSkill:
    return MatchedSkill(id=c.skill, name=graph.name(c.skill), required=required,
                        weight=c.req.weight, credit=round(c.credit, 3),
                        via=None if c.hit.id == c.skill else c.hit.id,
                        demonstrated=c.shown, evidence=c.evidence, close=c.why)


def _missing(req: SkillRequirement, required: bool, role: RoleProfile,
             graph: SkillGraph) -> MissingSkill:
    return MissingSkill(id=req.any_of[0], name=_req_name(req, graph), required=required,
                        weight=req.weight, advice=advice_for(role, req))


def _share(credits: list[_Credit | None], reqs: tuple[SkillRequirement, ...]) -> float:
    total = sum(r.weight for r in reqs)
    return sum(c.credit * c.req.weight for c in credits if c) / total if total else 0.0


def _skills_detail(kind: str, credits: list[_Credit | None], reqs: tuple[SkillRequirement, ...],
                   graph: SkillGraph) -> str:
    if not reqs:
        return f"The role lists no {kind} skills."
    found = [c for c in credits if c and c.found]
    close = [c for c in credits if c and not c.found]
    names = ", ".join(graph.name(c.skill) for c in found)
    missing = [_req_name(r, graph) for r, c in zip(reqs, credits) if c is None]
    listed = sum(1 for c in found if not c.shown)
    parts = [f"{len(found)} of {len(reqs)} {kind} skills found" + (f": {names}" if names else "")]
    if close:
        parts.append("close, partial credit: " + ", ".join(
            f"{graph.name(c.skill)} ({c.why}, {c.credit:.0%})" for c in close))
    if listed:
        parts.append(f"{listed} only listed (x{LISTED_CREDIT:g})")
    if missing:
        parts.append("missing: " + ", ".join(missing))
    return "; ".join(parts) + "."


def _demonstrated_detail(credits: list[_Credit | None], graph: SkillGraph) -> str:
    shown = [graph.name(c.skill) for c in credits if c and c.shown]
    only = [graph.name(c.skill) for c in credits if c and not c.shown]
    if not shown and not only:
        return "No role skills found, so none shown in work."
    text = (f"{len(shown)} role skills used in experience/project lines"
            + (f": {', '.join(shown)}" if shown else ""))
    return text + (f"; only listed: {', '.join(only)}." if only else ".")


# ---------------------------------------------------------------- background

def _relevance(required_share: float) -> float:
    """How much background counts: full once FULL_RELEVANCE_AT of required skills are shown."""
    return min(1.0, required_share / FULL_RELEVANCE_AT)


def _scaled_note(relevance: float) -> str:
    return "" if relevance >= 1.0 else f"; x{relevance:.2f} for skill relevance"


def _range_text(low: float, high: float | None) -> str:
    return f"{low:g}+ years" if high is None else f"{low:g}-{high:g} years"


def _experience_credit(years: float | None, low: float, high: float | None) -> tuple[float, str]:
    expected = _range_text(low, high)
    if years is None:
        return 0.5, f"Work years not found; half credit against {expected}"
    if years < low:
        return years / low, f"{years:g} years, below the {expected} expected"
    if high is not None and years > high:
        credit = max(OVER_RANGE_FLOOR, 1.0 - OVER_RANGE_STEP * (years - high))
        return credit, f"{years:g} years, above the {expected} of this role"
    return 1.0, f"{years:g} years, within the {expected} expected"


def _field_matches(candidate_field: str, wanted: tuple[str, ...]) -> str | None:
    text = candidate_field.lower()
    return next((w for w in wanted if re.search(rf"\b{re.escape(w)}\b", text)
                 or fuzz.token_set_ratio(w, text) >= 90), None)


def _education_credit(candidate: Candidate, role: RoleProfile) -> tuple[float, str]:
    have = candidate.education.highest_degree
    rank = DEGREE_LEVELS.index(have) if have in DEGREE_LEVELS else 0
    want = DEGREE_LEVELS.index(role.education_level)
    level = 1.0 if rank >= want else max(0.0, 1.0 - LEVEL_STEP * (want - rank))
    text = (f"highest degree {have} " + ("meets" if rank >= want else "is below")
            + f" the expected {role.education_level}")
    fields = [e.field for e in candidate.education.entries if e.field]
    if not role.education_fields:
        field_credit = 1.0
    elif not fields:
        field_credit, text = 0.5, text + "; field of study not found (half credit)"
    else:
        hit = next((m for f in fields if (m := _field_matches(f, role.education_fields))), None)
        field_credit = 1.0 if hit else 0.0
        text += f"; field {hit!r} fits" if hit else f"; field ({fields[0]}) is not one expected"
    if rank == 0 and not fields:
        return 0.0, "No degree found"
    return level * (1 - FIELD_SHARE) + field_credit * FIELD_SHARE * level, text


def _cert_matches(held: str, valued: tuple[str, ...]) -> str | None:
    return next((v for v in valued if fuzz.token_set_ratio(v.lower(), held.lower()) >= CERT_MATCH),
                None)


def _certification_credit(candidate: Candidate, role: RoleProfile) -> tuple[float, str]:
    valued = sorted({m for c in candidate.certifications
                     if (m := _cert_matches(c, role.certifications))})
    others = [c for c in candidate.certifications if not _cert_matches(c, role.certifications)]
    if valued:
        credit = VALUED_CERT_CREDIT[min(len(valued), len(VALUED_CERT_CREDIT) - 1)]
        return credit, "Valued by this role: " + "; ".join(valued)
    if others:
        credit = min(OTHER_CERT_CAP, OTHER_CERT_CREDIT * len(others))
        return credit, f"{len(others)} other certificate(s): " + "; ".join(others[:3])
    return 0.0, "No certifications found"


def _research_credit(candidate: Candidate) -> tuple[float, str]:
    """Research output: a publications section and research posts (PhD, postdoc, scientist)."""
    pubs = [s for s in candidate.sections if s.kind == "publications"]
    entries = sum(len(s.lines) for s in pubs)
    posts = [p.title for p in candidate.experience.positions
             if p.title and RESEARCH_TITLE.search(p.title)]
    parts = []
    if pubs:
        parts.append(f"publications section on p{pubs[0].page} ({entries} lines)")
    if posts:
        parts.append("research post: " + "; ".join(posts[:2]))
    credit = (PUBLICATIONS_CREDIT if pubs else 0.0) + (
        (1 - PUBLICATIONS_CREDIT if pubs else RESEARCH_POST_CREDIT) if posts else 0.0)
    return credit, ("Research shown: " + ", ".join(parts)) if parts else (
        "No publications section or research post found")


# ---------------------------------------------------------------- the score

def max_points(role: RoleProfile) -> dict[str, float]:
    """Component -> max points: the role's weights (defaults when it has none), with the
    preferred-skills points moved to required skills when the role lists no preferred skills."""
    points = {name: float(role.weights.get(name, 0.0) if role.weights else default)
              for name, default in DEFAULT_WEIGHTS.items()}
    if not role.preferred:
        points["required_skills"] += points["preferred_skills"]
        points["preferred_skills"] = 0.0
    return points


def _component(name: str, role: RoleProfile, share: float, detail: str) -> Component:
    most = max_points(role)[name]
    return Component(name=name, points=round(most * share, 2), max_points=round(most, 2),
                     detail=detail)


def years_source(exp: Experience) -> str:
    """' (from 2 dated positions, counted to the file's own date (2024-03))', or the prose the
    years were read from: the explanation never credits dates that did not give the number."""
    if exp.basis and exp.basis.startswith(STATED):
        return f" ({exp.basis})"
    if not exp.positions:
        return ""
    counted = f", counted to {exp.basis}" if exp.basis else ""
    return f" (from {len(exp.positions)} dated positions{counted})"


def _background(candidate: Candidate, role: RoleProfile,
                relevance: float) -> tuple[Component, ...]:
    """Experience, education, certifications (and research where weighted), scaled by relevance."""
    exp_credit, exp_text = _experience_credit(candidate.experience.years, *role.experience_years)
    exp_text += years_source(candidate.experience)
    parts = [("experience", (exp_credit, exp_text)),
             ("education", _education_credit(candidate, role)),
             ("certifications", _certification_credit(candidate, role))]
    if role.weights.get("research"):
        parts.append(("research", _research_credit(candidate)))
    note = _scaled_note(relevance)
    return tuple(_component(name, role, credit * relevance, text + note + ".")
                 for name, (credit, text) in parts)


def _title_hits(candidate: Candidate) -> tuple[SkillHit, ...]:
    """Leadership shown by the posts held (Senior, Lead, Staff, Head...), with those lines."""
    posts = [p for p in candidate.experience.positions if p.title and LEAD_TITLE.search(p.title)]
    if not posts:
        return ()
    evidence = tuple(Evidence(section="experience", page=p.page,
                              text=p.text or ", ".join(filter(None, (p.title, p.organization))))
                     for p in posts[:2])
    return (SkillHit(id=LEAD_SKILL, name="Leadership", category="soft-skill", evidence=evidence,
                     demonstrated=True),)


def _soft_patterns() -> dict[str, re.Pattern[str]]:
    """Skill id -> a verb then, within SOFT_REACH words, an object ('led a team of', 'mentored
    two junior analysts'), from data/words.yaml soft_evidence."""
    from resume_match.data import load
    out = {}
    for sid, words in load("words.yaml")["soft_evidence"].items():
        verbs = "|".join(re.escape(v) for v in words["verbs"])
        objects = "|".join(re.escape(o) for o in words["objects"])
        out[sid] = re.compile(rf"\b(?:{verbs})\b(?:\W+\w+){{0,{SOFT_REACH - 1}}}?\W+(?:{objects})\b",
                              re.I)
    return out


_SOFT = _soft_patterns()


def _soft_hits(candidate: Candidate, graph: SkillGraph) -> tuple[SkillHit, ...]:
    """Soft skills a role asks for, shown by what the CV says was done ('led a team of five',
    'mentored two interns'): the matcher counts soft skills only where they are listed."""
    return tuple(SkillHit(id=sid, name=graph.name(sid), category="soft-skill", evidence=said,
                          demonstrated=True) for sid, said in _soft_said(candidate).items())


_SAID: list[tuple[Candidate, dict[str, tuple[Evidence, ...]]]] = []   # the last candidate's


def _soft_said(candidate: Candidate) -> dict[str, tuple[Evidence, ...]]:
    """Soft skill id -> the first two work lines that show it; worked out once per candidate,
    not once per role scored (ten roles searched a CV of 80,000 lines ten times)."""
    if _SAID and _SAID[0][0] is candidate:
        return _SAID[0][1]
    lines = [(s.kind, ln) for s in candidate.sections if s.kind in SOFT_SECTIONS for ln in s.lines]
    out: dict[str, tuple[Evidence, ...]] = {}
    for sid, pattern in _SOFT.items():
        said = tuple(islice((Evidence(section=kind, page=ln.page, text=ln.text)
                             for kind, ln in lines if pattern.search(ln.text)), 2))
        if said:
            out[sid] = said
    _SAID[:] = [(candidate, out)]
    return out


def best_hits(skills: Iterable[SkillHit]) -> dict[str, SkillHit]:
    """One hit per skill id, preferring a demonstrated one."""
    out: dict[str, SkillHit] = {}
    for hit in skills:
        if hit.id not in out or (hit.demonstrated and not out[hit.id].demonstrated):
            out[hit.id] = hit
    return out


def score_role(candidate: Candidate, role: RoleProfile, graph: SkillGraph | None = None) -> RoleFit:
    """How well the CV fits the role, 0-100, with components, matched and missing skills."""
    graph = graph if graph is not None else default_graph()
    hits = best_hits(candidate.skills + candidate.soft_skills + _title_hits(candidate)
                     + _soft_hits(candidate, graph))
    links = _link_index(hits, graph)
    req_credits = [_credit_for(r, hits, links) for r in role.required]
    pref_credits = [_credit_for(r, hits, links) for r in role.preferred]
    all_reqs = role.required + role.preferred
    total_weight = sum(r.weight for r in all_reqs) or 1.0
    shown = sum(c.link * c.req.weight for c in req_credits + pref_credits
                if c and c.shown) / total_weight
    required_share = _share(req_credits, role.required)
    relevance = _relevance(required_share)
    components = (
        _component("required_skills", role, required_share,
                   _skills_detail("required", req_credits, role.required, graph)),
        _component("preferred_skills", role, _share(pref_credits, role.preferred),
                   _skills_detail("preferred", pref_credits, role.preferred, graph)),
        _component("demonstrated", role, shown, _demonstrated_detail(req_credits + pref_credits,
                                                                     graph)),
        *_background(candidate, role, relevance),
    )
    rows = list(zip(all_reqs, req_credits + pref_credits,
                    [True] * len(role.required) + [False] * len(role.preferred)))
    matched = tuple(_matched(c, is_req, graph) for _, c, is_req in rows if c)
    missing = sorted((_missing(req, is_req, role, graph) for req, c, is_req in rows if c is None),
                     key=lambda m: (not m.required, -m.weight))
    score = int(round(min(100.0, sum(c.points for c in components))))
    return RoleFit(role=role.id, title=role.title, score=score, components=components,
                   matched=matched, missing=tuple(missing))


def best_fit(fits: Iterable[RoleFit], roles: Iterable[RoleProfile]) -> RoleFit | None:
    """The highest score; ties go to the earlier career stage, then the roadmap's order.

    When no role fits even weakly, the roadmap's entry point is the honest answer: the best
    entry-stage role, not a senior role that happened to score a few points more.
    """
    profiles = list(roles)
    stage = {r.id: stage_rank(r.stage) for r in profiles}
    order = {r.id: i for i, r in enumerate(profiles)}
    ranked = sorted(fits, key=lambda f: (-f.score, stage.get(f.role, 9), order.get(f.role, 99)))
    if not ranked:
        return None
    entry = [f for f in ranked if stage.get(f.role) == 0]
    return entry[0] if ranked[0].score < WEAK_FIT and entry else ranked[0]
