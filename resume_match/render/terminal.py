"""Plain text for the terminal: the report, role fits, role profiles, a derived job posting and
a career roadmap."""
from __future__ import annotations

import textwrap
from typing import Any

from resume_match.match.roadmap import Roadmap, RoadmapStep
from resume_match.models import (Component, MatchedSkill, MissingSkill, Report, RoleFit,
                                 RoleProfile, SkillRequirement)
from resume_match.postings.derive import Posting, PostingSkill
from resume_match.render.views import education_line, posting_view, years_basis

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
    if m.close:
        how.append(m.close)
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
    found = [m for m in fit.matched if not m.close]
    close = [m for m in fit.matched if m.close]
    for title, group in ((f"Matched skills ({len(found)})", found),
                         (f"Close, through a linked skill; partial credit ({len(close)})", close)):
        if not group:
            continue
        out.append(f"  {title}:")
        ranked = sorted(group, key=lambda m: (not m.required, -m.weight * m.credit))
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


# ---------------------------------------------------------------- the report

def render_terminal(report: Report) -> str:
    """A readable plain-text summary for the terminal."""
    d: dict[str, Any] = report.to_dict()
    out = [f"{d['source']}"]
    if not d["readable"]:   # the one cause; empty facts and fits would only repeat it
        out.append(f"  NOT READABLE: {d['unreadable_reason']}")
        return "\n".join(out + _ats_terminal(report) + [f"  warning: {w}" for w in d["warnings"]])
    out.append(f"  Name: {d['name'] or '-'}")
    c = d["contact"]
    out.append(f"  Email: {c['email'] or '-'}   Phone: {c['phone'] or '-'}   Location: {c['location'] or '-'}")
    for link in c["links"]:
        out.append(f"  Link: {link}")
    out.append("  Sections: " + ", ".join(f"{s['kind']} (p{s['page']})" for s in d["sections"]))
    exp = d["experience"]
    out.append(f"  Experience: {exp['years'] if exp['years'] is not None else '-'} years, {len(exp['positions'])} positions")
    if (basis := years_basis(report.candidate.experience)):
        out.extend(_wrap(f"years {basis}", "    "))
    for p in exp["positions"]:
        span = f"{p['start'] or '?'} - {'present' if p['current'] else (p['end'] or '?')}"
        out.append(f"    {span}: {p['title'] or '-'} @ {p['organization'] or '-'}")
    edu = d["education"]
    out.append(f"  Education: highest {edu['highest_degree']}")
    out.extend(f"    {education_line(e)}" for e in report.candidate.education.entries)
    if d["certifications"]:
        out.append("  Certifications: " + "; ".join(d["certifications"]))
    out.append(f"  Skills ({len(d['skills'])}): " + ", ".join(s["name"] for s in d["skills"]))
    if d["soft_skills"]:
        out.append(f"  Soft skills ({len(d['soft_skills'])}): "
                   + ", ".join(s["name"] for s in d["soft_skills"]))
    if report.fits:
        out.append(render_fits_terminal(report))
    out += _posting_match_terminal(report)
    out += _ats_terminal(report)
    for w in d["warnings"]:
        out.append(f"  warning: {w}")
    return "\n".join(out)


KIND_TAGS = {"required": "required", "preferred": "preferred", "soft": "soft skill"}


def _posting_match_terminal(report: Report) -> list[str]:
    """With --jd: the job-title line and the posting's keywords, counted in posting and CV."""
    v = posting_view(report.posting)
    if v is None:
        return []
    out = [f"  Job posting: {v['title']} ({v['source']}), closest roadmap role {v['closest_role']}",
           *_wrap(v["title_line"], "    "),
           f"    Keywords in the posting found in the CV: {v['found']} of {v['total']}",
           f"      {'KEYWORD':<28} {'KIND':<11} {'POSTING':>7} {'CV':>4}"]
    for k in v["keywords"]:
        out.append(f"      {k['name'][:28]:<28} {KIND_TAGS[k['kind']]:<11} {k['in_posting']:>7} "
                   f"{k['in_cv']:>4}" + ("  not in CV" if k["missing"] else ""))
    return out


def _ats_terminal(report: Report) -> list[str]:
    """ATS score, the checks that did not pass, and the template suggestion, as terminal lines."""
    out = []
    if report.ats is not None:
        out.append(f"  ATS readiness: {report.ats.score}/100")
        for ch in report.ats.checks:
            if ch.status != "pass":
                out.append(f"    [{ch.status.upper()}] {ch.title}: {ch.evidence} {ch.advice}")
    if report.template is not None:
        out.append(f"  Suggested CV template: {report.template.name} ({' '.join(report.template.reasons)})")
    return out


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


# ---------------------------------------------------------------- job postings and the roadmap

def _skill_line(p: PostingSkill) -> str:
    name = ", ".join(p.names[:-1]) + " or " + p.names[-1] if len(p.names) > 1 else p.names[0]
    tags = (["asked for"] if p.soft and p.asked else []) + (["from the duties"] if p.weight < 1 else [])
    return name + (f" ({', '.join(tags)})" if tags else "")


STAGE_FROM = {"title": "from the title", "years": "from the years asked",
              "default": "no seniority stated"}


def render_posting_terminal(posting: Posting) -> str:
    """The derived profile: title, stage, closest roadmap role, skills, years and degree."""
    p = posting
    years = ("-" if p.years is None else f"{p.years[0]:g}+" if p.years[1] is None
             else f"{p.years[0]:g}-{p.years[1]:g}")
    degree = p.degree_level or "-"
    if p.degree_level and not p.degree_required:
        degree += " (preferred)"
    out = [p.source, f"  Title: {p.title}   Stage: {p.stage} ({STAGE_FROM.get(p.stage_from, p.stage_from)})",
           f"  Closest roadmap role: {p.closest_role}   ("
           + ", ".join(f"{r} {s:.2f}" for r, s in p.similarity) + ")",
           f"  Experience: {years} years   Degree: {degree}"
           + (f" in {', '.join(p.degree_fields)}" if p.degree_fields else "")]
    if p.few_skills:
        out.append("  Few skills named: the whole posting was read, and its title chose the closest role.")
    soft = [i for i in p.required + p.preferred if i.soft]
    for label, items in (("Required", [i for i in p.required if not i.soft]),
                         ("Preferred", [i for i in p.preferred if not i.soft])):
        out.append(f"  {label} skills ({len(items)}):")
        for item in items:
            out.extend(_wrap(_skill_line(item), "    - "))
    if soft:
        out.append(f"  Soft skills ({len(soft)}):")
        for item in soft:
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

