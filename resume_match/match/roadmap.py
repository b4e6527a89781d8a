"""The career roadmap for a CV: best-fit role now, the next roles on the path, the gap to each with
a learning plan, and the roadmap's common pitfalls the CV shows, each with its evidence.

Pure: takes a Candidate (or a Report) and role profiles, returns a Roadmap; the advice itself is
data in role_profiles/roadmap.yaml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable


from resume_match.data import load
from resume_match.parse.dates import alternation, month_pattern
from resume_match.errors import DataError, InputError
from resume_match.models import (Candidate, MissingSkill, Report, RoleFit, RoleProfile,
                                 SkillHit, SkillRequirement, to_dict)
from resume_match.match.roles import list_roles, load_role
from resume_match.match.scoring import best_fit, score_role

MAX_GAP = 6                   # missing skills shown per role, heaviest first
IMPACT_KINDS = ("experience", "projects")


@dataclass(frozen=True)
class LearningStep:
    """One missing skill and how the roadmap suggests closing it."""
    skill: str
    name: str
    required: bool
    weight: float
    advice: str
    area: str
    courses: tuple[str, ...]
    certifications: tuple[str, ...]
    projects: tuple[str, ...]


@dataclass(frozen=True)
class RoadmapStep:
    """A role on the path with the CV's score for it and the gap to close."""
    role: str
    title: str
    stage: str
    score: int
    summary: str
    gap: tuple[LearningStep, ...]
    missing_count: int


@dataclass(frozen=True)
class Pitfall:
    id: str
    title: str
    shown: bool                    # the CV shows this pitfall
    evidence: str                  # what in the CV (or its absence) led to the verdict
    roadmap: str                   # what the roadmap says about it
    advice: str


@dataclass(frozen=True)
class Roadmap:
    source: str
    name: str | None
    now: RoadmapStep
    next: tuple[RoadmapStep, ...]
    pitfalls: tuple[Pitfall, ...]  # every pitfall checked; `shown` says which the CV shows

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = to_dict(self)
        out["pitfalls"] = [to_dict(p) for p in self.pitfalls if p.shown]
        out["avoided"] = [to_dict(p) for p in self.pitfalls if not p.shown]
        return out


# ---------------------------------------------------------------- data

@lru_cache(maxsize=1)
def roadmap_data() -> dict[str, Any]:
    """data/roadmap.yaml, parsed and checked once per process."""
    data: dict[str, Any] = load("roadmap.yaml")
    return data


def _plan_for(skill: str, category: str | None) -> dict[str, Any] | None:
    """The plan that lists the skill, else the one for its own taxonomy category, else None."""
    plans: list[dict[str, Any]] = roadmap_data()["plans"]
    return (next((p for p in plans if skill in p.get("skills", ())), None)
            or next((p for p in plans if category and category in p.get("categories", ())), None))


def _vendors(skills: Iterable[str]) -> list[dict[str, Any]]:
    """The vendors (roadmap.yaml `vendors`) the skills belong to, in the data's order."""
    ids = set(skills)
    return [v for v in roadmap_data()["vendors"].values()
            if ids & set(v["skills"]) or any(i.startswith(tuple(v["prefixes"])) for i in ids if v["prefixes"])]


def _requirement(role: RoleProfile, skill: str) -> SkillRequirement:
    """The role's requirement a missing skill stands for (its first member is `skill`)."""
    return next((r for r in role.required + role.preferred if r.any_of[0] == skill),
                SkillRequirement((skill,)))


def _learning(m: MissingSkill, role: RoleProfile) -> LearningStep:
    """How to close one gap: the role's own advice for the skill, else the plan's line; the plan
    chosen by the skill's own id or category, vendor items only for that vendor's skills."""
    req = _requirement(role, m.id)
    cats = _categories()
    chosen = next(((s, p) for s in req.any_of if (p := _plan_for(s, None))), None) or next(
        ((s, p) for s in req.any_of if (p := _plan_for(s, cats.get(s)))), None)
    own = next((role.learning[s] for s in req.any_of if s in role.learning), None)
    if chosen is None:
        none = roadmap_data()["none"]
        return LearningStep(skill=m.id, name=m.name, required=m.required, weight=m.weight,
                            advice=own or none["advice"].format(skill=m.name),
                            area=str(none["area"]), courses=(), certifications=(), projects=())
    skill, plan = chosen
    name = _skill_name(skill)
    vendors = _vendors(req.any_of)
    courses = [c.format(skill=name) for c in plan.get("courses", ())]
    certs = [c for v in vendors for c in v["certifications"]] or list(plan.get("certifications", ()))
    return LearningStep(skill=m.id, name=m.name, required=m.required, weight=m.weight,
                        advice=own or str(plan["advice"]).format(skill=m.name),
                        area=str(plan["area"]),
                        courses=tuple([c for v in vendors for c in v["courses"]] + courses),
                        certifications=tuple(certs),
                        projects=tuple(p.format(skill=name) for p in plan.get("projects", ())))


@lru_cache(maxsize=1)
def _taxonomy() -> dict[str, tuple[str, str]]:
    """Skill id -> (name, taxonomy category); empty when the taxonomy cannot be read."""
    try:
        from resume_match.skills.taxonomy import load_taxonomy
        return {sid: (s.name, s.category) for sid, s in load_taxonomy().skills.items()}
    except Exception:   # noqa: BLE001 - plans then fall back to skill ids and `none`
        return {}


@lru_cache(maxsize=1)
def _categories() -> dict[str, str]:
    """Skill id -> taxonomy category."""
    return {sid: cat for sid, (_, cat) in _taxonomy().items()}


def _skill_name(skill: str) -> str:
    return _taxonomy().get(skill, (skill.replace("-", " "), ""))[0]


# ---------------------------------------------------------------- steps

def _step(fit: RoleFit, role: RoleProfile, max_gap: int) -> RoadmapStep:
    gap = [_learning(m, role)
           for m in sorted(fit.missing, key=lambda m: (not m.required, -m.weight))[:max_gap]]
    return RoadmapStep(role=role.id, title=role.title, stage=role.stage, score=fit.score,
                       summary=role.summary, gap=tuple(gap), missing_count=len(fit.missing))


def _profile(role_id: str, known: dict[str, RoleProfile]) -> RoleProfile | None:
    if role_id in known:
        return known[role_id]
    try:
        return load_role(role_id)
    except Exception:   # noqa: BLE001 - a dangling next_roles id is skipped, not fatal
        return None


def build_roadmap(source: Report | Candidate, roles: Iterable[RoleProfile] | None = None, *,
                  max_gap: int = MAX_GAP) -> Roadmap:
    """Best-fit role now among `roles` (the ten roadmap roles by default), its next roles, the
    gap to each with a learning plan, and the pitfalls the CV shows."""
    candidate = source.candidate if isinstance(source, Report) else source
    if not candidate.readable:
        raise InputError(f"{candidate.source}: cannot build a roadmap: "
                         f"{candidate.unreadable_reason or 'no readable text'}")
    profiles = tuple(roles) if roles is not None else list_roles()
    known = {p.id: p for p in profiles}
    scored = {f.role: f for f in source.fits} if isinstance(source, Report) else {}
    fits = [scored.get(p.id) or score_role(candidate, p) for p in profiles]
    best = best_fit(fits, profiles)
    if best is None:
        raise DataError("no role profiles to build a roadmap from")
    best_role = known[best.role]
    nexts = []
    for rid in best_role.next_roles:
        role = _profile(rid, known)
        if role is not None:
            fit = scored.get(rid) or score_role(candidate, role)
            nexts.append(_step(fit, role, max_gap))
    return Roadmap(source=candidate.source, name=candidate.name,
                   now=_step(best, best_role, max_gap), next=tuple(nexts),
                   pitfalls=find_pitfalls(candidate))


# ---------------------------------------------------------------- pitfalls

def _pitfall(pid: str, shown: bool, evidence: str) -> Pitfall:
    p = roadmap_data()["pitfalls"][pid]
    return Pitfall(id=pid, title=p["title"], shown=shown, evidence=evidence,
                   roadmap=" ".join(p["roadmap"].split()), advice=" ".join(p["advice"].split()))


def _where(hit: SkillHit) -> str:
    ev = hit.evidence[0] if hit.evidence else None
    return f"{hit.name} ({ev.section}, p{ev.page}: \"{_short(ev.text)}\")" if ev else hit.name


def _short(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1] + "…"


def _lines(candidate: Candidate, kinds: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
    """(section kind, line text) for the CV's lines, optionally only from some section kinds."""
    return [(s.kind, ln.text) for s in candidate.sections
            if kinds is None or s.kind in kinds for ln in s.lines]


def _hits(candidate: Candidate, ids: Iterable[str], categories: Iterable[str] = ()) -> list[SkillHit]:
    ids, cats = set(ids), set(categories)
    return [h for h in candidate.skills + candidate.soft_skills
            if h.id in ids or h.category in cats]


def _text_hit(candidate: Candidate, pattern: str) -> tuple[str, str] | None:
    rx = re.compile(pattern, re.IGNORECASE)
    return next(((k, t) for k, t in _lines(candidate) if rx.search(t)), None)


def _engineering(candidate: Candidate) -> Pitfall:
    sig = roadmap_data()["signals"]
    found = []
    missing = []
    for label, ids, pattern in (
            ("version control", sig["version_control"], r"\b(git|github|gitlab|version control)\b"),
            ("testing", sig["testing"], r"\b(unit[- ]?test\w*|pytest|test[- ]driven|integration test\w*|ci/cd)\b")):
        hits = _hits(candidate, ids)
        line = None if hits else _text_hit(candidate, pattern)
        if hits:
            found.append(f"{label}: {_where(hits[0])}")
        elif line:
            found.append(f"{label}: \"{_short(line[1])}\" ({line[0]})")
        else:
            missing.append(label)
    if not found:
        return _pitfall("no-engineering-practice", True,
                        "No version control and no testing anywhere in the CV.")
    note = f" (no {missing[0]} found: worth adding if you practise it)" if missing else ""
    return _pitfall("no-engineering-practice", False, "Found " + "; ".join(found) + note + ".")


def _specialty(candidate: Candidate) -> Pitfall:
    specs: dict[str, Any] = roadmap_data()["signals"]["specialties"]
    shown = {}
    for sid, spec in specs.items():
        hits = _hits(candidate, spec.get("ids", ()), spec.get("categories", ()))
        if hits:
            shown[sid] = (spec["name"], hits)
    sig = roadmap_data()["signals"]["ml_methods"]
    ml = _hits(candidate, sig["ids"], sig["categories"])
    if len(shown) == 1 and {h.id for h in ml} - {h.id for h in next(iter(shown.values()))[1]}:
        name, hits = next(iter(shown.values()))
        others = ", ".join(s["name"] for k, s in specs.items() if k not in shown)
        return _pitfall("single-specialty", True,
                        f"Only one ML domain shows: {name} ("
                        + ", ".join(h.name for h in hits[:4]) + f"); nothing in {others}.")
    if len(shown) < 2:
        return _pitfall("single-specialty", False,
                        "No specialised ML work (NLP, computer vision, reinforcement learning...) "
                        "shows beyond " + (", ".join(h.name for h in next(iter(shown.values()))[1][:2])
                                           if shown else "none") + ", so there is no single "
                        "specialty to broaden yet.")
    return _pitfall("single-specialty", False, "Several domains show: " + "; ".join(
        f"{name} ({hits[0].name})" for name, hits in shown.values()) + ".")


def _on_host(url: str, hosts: tuple[str, ...]) -> bool:
    """'linkedin.com/in/x' is on linkedin.com; 'dropbox.com' is not on x.com."""
    low = url.lower()
    return any(re.search(r"(^|[/.@\s])" + re.escape(h), low) for h in hosts)


def _portfolio(candidate: Candidate) -> Pitfall:
    sig = roadmap_data()["signals"]
    hosts, social = tuple(sig["portfolio_hosts"]), tuple(sig["social_hosts"])
    links = list(candidate.contact.links)
    code = [u for u in links if _on_host(u, hosts)]
    site = [u for u in links if u not in code and not _on_host(u, social)]
    if not code:
        pattern = (r"\S*(" + "|".join(re.escape(h) for h in hosts) + r")/\S+"
                   r"|\bgit(hub|lab)\b\s*(:|/)+\s*\S+")
        line = _text_hit(candidate, pattern)
        found = re.search(pattern, line[1], re.IGNORECASE) if line else None
        code = [found.group(0)] if found else []
    if code:
        return _pitfall("no-portfolio", False, "Code/portfolio link: " + ", ".join(code[:2]) + ".")
    if site:
        return _pitfall("no-portfolio", False, "Personal site or portfolio: " + ", ".join(site[:2])
                        + " (a GitHub link would also show the code).")
    shown = ", ".join(links[:3]) if links else "none"
    return _pitfall("no-portfolio", True, f"Contact links: {shown}; no GitHub, GitLab, Kaggle, "
                    "personal site or portfolio link anywhere in the CV.")


_DATEISH = re.compile(
    r"\b(19[5-9]\d|20[0-4]\d)\b|\b\d{1,2}[/.-]\d{2,4}\b|\b" + month_pattern()
    + r"[a-z]*\.?\s*'?\d{2,4}\b|[+(]?\d[\d ()-]{7,}\d", re.IGNORECASE)
# a number of its own ('40 users', '12%', '$2M'), not part of a name like EC2, S3 or GPT-4
_IMPACT = re.compile(r"(?<![A-Za-z-])\d|%|\b(" + alternation(load("words.yaml")["number_words"])
                     + r"|twice|double[sd]?|tripled?|half|hundreds|thousands|millions?|billions?)\b",
                     re.IGNORECASE)


def _impact(candidate: Candidate) -> Pitfall:
    lines = [t for k, t in _lines(candidate, IMPACT_KINDS) if len(t.split()) >= 4]
    if not lines:
        return _pitfall("no-measurable-impact", False,
                        "No experience or project bullets to check for measurable results.")
    measured = [t for t in lines if _IMPACT.search(_DATEISH.sub(" ", t))]
    if measured:
        return _pitfall("no-measurable-impact", False,
                        f"{len(measured)} of {len(lines)} experience/project lines give a number, "
                        f"e.g. \"{_short(measured[0])}\".")
    example = max(lines, key=lambda t: len(_DATEISH.sub("", t)))
    return _pitfall("no-measurable-impact", True,
                    f"None of the {len(lines)} experience/project lines has a number or %, e.g. "
                    f"\"{_short(example)}\".")


def _data_work(candidate: Candidate) -> Pitfall:
    sig = roadmap_data()["signals"]
    ml = _hits(candidate, sig["ml_methods"]["ids"], sig["ml_methods"]["categories"])
    data = _hits(candidate, sig["data_work"]["ids"], sig["data_work"]["categories"])
    if not data:
        line = _text_hit(candidate, r"\b(data (cleaning|preparation|preprocessing|wrangling|"
                         r"pipelines?)|feature engineering|sql|etl)\b")
        if line:
            return _pitfall("algorithms-without-data", False,
                            f"Data work: \"{_short(line[1])}\" ({line[0]}).")
    if ml and not data:
        return _pitfall("algorithms-without-data", True,
                        "ML methods: " + ", ".join(h.name for h in ml[:4]) + "; but no data "
                        "preparation (SQL, preprocessing, feature engineering, pipelines) anywhere.")
    if not ml:
        return _pitfall("algorithms-without-data", False, "No ML methods named, so no imbalance "
                        "between algorithms and data work.")
    return _pitfall("algorithms-without-data", False,
                    "ML methods (" + ", ".join(h.name for h in ml[:3]) + ") with data work: "
                    + ", ".join(h.name for h in data[:3]) + ".")


def find_pitfalls(candidate: Candidate) -> tuple[Pitfall, ...]:
    """Each roadmap pitfall checked against the CV, with the evidence for the verdict."""
    return (_engineering(candidate), _specialty(candidate), _portfolio(candidate),
            _impact(candidate), _data_work(candidate))
