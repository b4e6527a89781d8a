"""Plain-text rendering for the terminal of a derived job posting (`jd`) and a career roadmap."""
from __future__ import annotations

import textwrap

from resume_match.postings.derive import Posting, PostingSkill
from resume_match.match.roadmap import Roadmap, RoadmapStep

WIDTH = 100


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent + "  ") or [indent]


def _skill_line(p: PostingSkill) -> str:
    name = ", ".join(p.names[:-1]) + " or " + p.names[-1] if len(p.names) > 1 else p.names[0]
    return name + (" (from the duties)" if p.weight < 1 else "")


def render_posting_terminal(posting: Posting) -> str:
    """The derived profile: title, stage, closest roadmap role, skills, years and degree."""
    p = posting
    years = ("-" if p.years is None else f"{p.years[0]:g}+" if p.years[1] is None
             else f"{p.years[0]:g}-{p.years[1]:g}")
    degree = p.degree_level or "-"
    if p.degree_level and not p.degree_required:
        degree += " (preferred)"
    out = [p.source, f"  Title: {p.title}   Stage: {p.stage}" + (f" ({p.seniority})" if p.seniority else ""),
           f"  Closest roadmap role: {p.closest_role}   ("
           + ", ".join(f"{r} {s:.2f}" for r, s in p.similarity) + ")",
           f"  Experience: {years} years   Degree: {degree}"
           + (f" in {', '.join(p.degree_fields)}" if p.degree_fields else "")]
    for label, items in (("Required", p.required), ("Preferred", p.preferred)):
        out.append(f"  {label} skills ({len(items)}):")
        for item in items:
            out.extend(_wrap(_skill_line(item), "    - "))
    if p.dropped_lines:
        out.append(f"  Ignored {p.dropped_lines} line(s) of benefits, company and equal-opportunity text.")
    return "\n".join(out)


def _step_lines(step: RoadmapStep, heading: str) -> list[str]:
    out = [f"  {heading}: {step.title} ({step.role}, {step.stage})  score {step.score}/100"]
    if not step.gap:
        out.append("    No missing skills for this role.")
    for g in step.gap:
        kind = "required" if g.required else "preferred"
        out.append(f"    - {g.name} ({kind}, weight {g.weight:g})")
        out.extend(_wrap(g.advice, "        "))
        if g.courses:
            out.extend(_wrap("Courses: " + "; ".join(g.courses), "        "))
        if g.certifications:
            out.extend(_wrap("Certification: " + "; ".join(g.certifications), "        "))
        if g.projects:
            out.extend(_wrap("Project idea: " + g.projects[0], "        "))
    if step.missing_count > len(step.gap):
        out.append(f"    ... and {step.missing_count - len(step.gap)} more missing skill(s) of lower weight.")
    return out


def render_roadmap_terminal(roadmap: Roadmap) -> str:
    """Best-fit role now, the next roles with their gaps and plans, then the pitfalls shown."""
    out = [roadmap.source + (f"  ({roadmap.name})" if roadmap.name else "")]
    out.extend(_step_lines(roadmap.now, "Best fit now"))
    for step in roadmap.next:
        out.extend(_step_lines(step, "Next on the roadmap"))
    if not roadmap.next:
        out.append("  Next on the roadmap: none (this is the end of the path)")
    shown = [p for p in roadmap.pitfalls if p.shown]
    out.append(f"  Common pitfalls this CV shows ({len(shown)} of {len(roadmap.pitfalls)}):")
    for p in shown:
        out.append(f"    ! {p.title}")
        out.extend(_wrap("Evidence: " + p.evidence, "        "))
        out.extend(_wrap("Do: " + p.advice, "        "))
    for p in roadmap.pitfalls:
        if not p.shown:
            out.extend(_wrap(f"ok {p.title}: {p.evidence}", "    "))
    return "\n".join(out)
