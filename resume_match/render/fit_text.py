"""Plain-text rendering of role fits for the terminal: score, components, evidence, advice.

Called from report.render_terminal; kept apart so the fit wording lives with the scoring owner.
"""
from __future__ import annotations

import textwrap

from resume_match.models import (Component, MatchedSkill, MissingSkill, Report, RoleFit,
                                 RoleProfile, SkillRequirement)

COMPONENT_TITLES = {"required_skills": "Required skills", "preferred_skills": "Preferred skills",
                    "demonstrated": "Shown in work", "experience": "Experience",
                    "education": "Education", "certifications": "Certifications",
                    "research": "Research"}
WIDTH = 100
EVIDENCE_CHARS = 90
MAX_MATCHED = 15
MAX_MISSING = 8


def _wrap(text: str, indent: str) -> list[str]:
    lines = textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent + "  ")
    return lines or [indent]


def _bar(points: float, max_points: float, width: int = 10) -> str:
    filled = round(width * points / max_points) if max_points else 0
    return "#" * filled + "." * (width - filled)


def _component_lines(c: Component) -> list[str]:
    title = COMPONENT_TITLES.get(c.name, c.name.replace("_", " ").capitalize())
    bar = _bar(c.points, c.max_points)
    head = f"    {title:<17} {c.points:5.1f} / {c.max_points:<4.0f} [{bar}]"
    return [head, *_wrap(c.detail, " " * 8)]


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EVIDENCE_CHARS else text[:EVIDENCE_CHARS - 3].rstrip() + "..."


def _matched_lines(m: MatchedSkill) -> list[str]:
    how = ["required" if m.required else "preferred",
           "used in work" if m.demonstrated else "listed only"]
    if m.via:
        how.append(f"via {m.via}")
    if m.credit < 1:
        how.append(f"{m.credit:.0%} credit")
    lines = [f"    + {m.name} ({', '.join(how)})"]
    for ev in m.evidence[:2]:
        lines.append(f"        {ev.section}, p{ev.page}: \"{_shorten(ev.text)}\"")
    return lines


def _missing_lines(m: MissingSkill) -> list[str]:
    kind = "required" if m.required else "preferred"
    return [f"    - {m.name} ({kind}, weight {m.weight:g})", *_wrap(m.advice, " " * 8)]


def render_fit_terminal(fit: RoleFit) -> str:
    """One role's fit: score, each component with its points and why, matched, missing."""
    out = [f"  Fit: {fit.title} ({fit.role}): {fit.score}/100", "    Components:"]
    for c in fit.components:
        out.extend(_component_lines(c))
    if fit.matched:
        out.append(f"  Matched skills ({len(fit.matched)}):")
        ranked = sorted(fit.matched, key=lambda m: (not m.required, -m.weight * m.credit))
        for m in ranked[:MAX_MATCHED]:
            out.extend(_matched_lines(m))
        if len(ranked) > MAX_MATCHED:
            out.append(f"    ... and {len(ranked) - MAX_MATCHED} more")
    if fit.missing:
        out.append(f"  Missing skills, most important first ({len(fit.missing)}):")
        for gap in fit.missing[:MAX_MISSING]:
            out.extend(_missing_lines(gap))
        if len(fit.missing) > MAX_MISSING:
            out.append(f"    ... and {len(fit.missing) - MAX_MISSING} more")
    return "\n".join(out)


def render_ranking_terminal(report: Report) -> str:
    """All roles by score, with the best fit and the next step on the career path."""
    out = ["  Role fit (0-100):"]
    for fit in sorted(report.fits, key=lambda f: -f.score):
        mark = " <- best fit" if fit.role == report.best_role else ""
        bar = _bar(fit.score, 100, 20)
        out.append(f"    {fit.score:3d}  [{bar}]  {fit.title} ({fit.role}){mark}")
    top = max(report.fits, key=lambda f: f.score)
    if report.best_role and report.best_role != top.role:
        out.append("  No role fits well yet, so the best fit is the roadmap's entry point for you.")
    if report.next_roles:
        out.append("  Next step on the career path: " + ", ".join(report.next_roles))
    return "\n".join(out)


def render_fits_terminal(report: Report) -> str:
    """The fit part of the terminal report: one role in detail, or the ranking plus the best."""
    if not report.fits:
        return ""
    if not report.candidate.readable:
        return "  Role fit: not scored, the CV has no readable text (see NOT READABLE above)."
    if len(report.fits) == 1:
        nxt = ("\n  Next step on the career path: " + ", ".join(report.next_roles)
               if report.next_roles else "")
        return render_fit_terminal(report.fits[0]) + nxt
    best = next((f for f in report.fits if f.role == report.best_role), report.fits[0])
    return render_ranking_terminal(report) + "\n" + render_fit_terminal(best)


# ---------------------------------------------------------------- role profiles (`roles` command)

def _req_text(req: SkillRequirement) -> str:
    names = " | ".join(req.any_of)
    return (f"{req.label}: {names}" if req.label else names) + f"  (weight {req.weight:g})"


def render_roles_terminal(roles: tuple[RoleProfile, ...]) -> str:
    """One line per role: id, stage, title, years."""
    out = [f"{'ROLE':<20} {'STAGE':<7} {'YEARS':<7} TITLE"]
    for r in roles:
        low, high = r.experience_years
        years = f"{low:g}+" if high is None else f"{low:g}-{high:g}"
        out.append(f"{r.id:<20} {r.stage:<7} {years:<7} {r.title}")
    return "\n".join(out)


def render_role_terminal(role: RoleProfile) -> str:
    """A role profile in full: summary, skills with weights, experience, education, path."""
    low, high = role.experience_years
    out = [f"{role.title} ({role.id}), {role.stage} stage", *_wrap(role.summary, "  "),
           f"  Experience: {low:g}{'+' if high is None else f'-{high:g}'} years",
           *_wrap(f"Education: {role.education_level} or higher" + (
               f" in {', '.join(role.education_fields)}" if role.education_fields else ""), "  "),
           "  Required skills:", *[f"    - {_req_text(r)}" for r in role.required]]
    if role.preferred:
        out += ["  Preferred skills:", *[f"    - {_req_text(r)}" for r in role.preferred]]
    if role.certifications:
        out += ["  Valued certifications:", *[f"    - {c}" for c in role.certifications]]
    out.append("  Next roles: " + (", ".join(role.next_roles) or "-"))
    out.append("  Score weights: " + ", ".join(f"{k} {v:g}" for k, v in role.weights.items() if v))
    return "\n".join(out)
