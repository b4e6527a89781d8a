"""Which of the roadmap's four CV templates suits a CV and its best-fit role, and why.

The templates, career-stage thresholds and signal words are data in data/cv-templates.yaml.
"""
from __future__ import annotations

from typing import Any

from resume_match.data import load
from resume_match.errors import DataError
from resume_match.models import Candidate, RoleProfile, TemplateSuggestion

TEMPLATE_KEYS = ("id", "name", "file", "suits", "stages", "signals")


def template_data() -> dict[str, Any]:
    """data/cv-templates.yaml, each template checked for the keys it needs."""
    data: dict[str, Any] = load("cv-templates.yaml")
    for i, tpl in enumerate(data["templates"]):
        missing = [k for k in TEMPLATE_KEYS if k not in tpl]
        if missing:
            raise DataError(f"data/cv-templates.yaml: templates[{i}].{missing[0]}: expected this "
                            f"key to be present, got nothing; every template needs "
                            f"{', '.join(TEMPLATE_KEYS)}")
    return data

def career_stage(years: float | None, data: dict[str, Any]) -> str:
    """entry / mid / senior from total years of experience (thresholds in cv-templates.yaml)."""
    cut = data["career_stages"]
    y = years or 0.0
    return "entry" if y < cut["entry"] else "mid" if y < cut["mid"] else "senior"


def _signals(c: Candidate, role: RoleProfile | None, data: dict[str, Any]) -> dict[str, str]:
    """Signal id -> the reason sentence, for each signal this CV and role show."""
    years = c.experience.years or 0.0
    kinds = {s.kind for s in c.sections}
    out: dict[str, str] = {}
    pubs = [s for s in c.sections if s.kind == "publications"]
    if pubs:
        heading = pubs[0].heading.strip() or "Publications"
        out["publications"] = f'A "{heading}" section: publications carry weight on this CV.'
    if c.education.highest_degree == "phd":
        out["doctorate"] = "A doctorate, which research teams read first."
    if role is not None:
        label = f"{role.id} {role.title}".lower()
        if any(w in label for w in data["research_words"]):
            out["research_role"] = f"{role.title} is a research role: education and publications lead."
    if "projects" in kinds and years < data["career_stages"]["entry"]:
        out["projects_carry"] = ("Projects carry the CV, with no dated work experience."
                                 if c.experience.years is None else
                                 f"Projects carry the CV with {years:g} years of work experience.")
    positions = len(c.experience.positions)
    if positions >= 2 and years >= data["career_stages"]["entry"]:
        out["steady_experience"] = (f"{positions} positions over {years:g} years read best in "
                                    "reverse-chronological order.")
    if years >= data["long_career_years"]:
        out["long_career"] = (f"{years:g} years of experience: lead with impact and leadership, "
                              "keep history concise.")
    return out


def suggest_template(candidate: Candidate, role: RoleProfile | None) -> TemplateSuggestion:
    """The roadmap template that suits this CV and role best, with the reasons that decided it."""
    data = template_data()
    years = candidate.experience.years
    stage = career_stage(years, data) if years is not None else None   # unknown: no stage points
    signals = _signals(candidate, role, data)
    best: tuple[float, dict[str, Any], list[str]] | None = None
    for tpl in data["templates"]:
        points, reasons = 0.0, []
        if stage in tpl["stages"]:
            points += 2
            reasons.append(f"{years:g} years of experience: {stage}-career stage.")
        if role is not None and role.stage in tpl["stages"]:
            points += 1
            article = "an" if role.stage[:1] in "aeiou" else "a"
            reasons.append(f"The best-fit role, {role.title}, is {article} {role.stage}-level role.")
        for sig in tpl["signals"]:
            if sig in signals:
                points += 2
                reasons.append(signals[sig])
        if best is None or points > best[0]:
            best = (points, tpl, reasons)
    assert best is not None, "cv-templates.yaml lists no templates"
    _, tpl, reasons = best
    if not reasons:
        reasons = ["No strong signal either way: the plain reverse-chronological layout is the safe default."]
    return TemplateSuggestion(name=tpl["name"], id=tpl["id"], reasons=tuple(reasons))


def template_info(template_id: str) -> dict[str, Any]:
    """The cv-templates.yaml entry for a template id (DataError when unknown)."""
    for tpl in template_data()["templates"]:
        if tpl["id"] == template_id:
            return dict(tpl)
    raise DataError(f"cv-templates.yaml: no template with id {template_id!r}")

