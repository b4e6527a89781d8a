"""The CV laid into one of the roadmap's ATS-friendly templates, from the candidate's own content."""
from __future__ import annotations

import re
from typing import Any

from resume_match.match.templates import template_info
from resume_match.models import Candidate, Line, Report, Section
from resume_match.parse.lines import is_bullet, join_wrapped
from resume_match.render.html import render_template
from resume_match.render.views import best_fit, contact_items, degree_name, span

def _body_lines(section: Section) -> list[Line]:
    """A section's lines without its printed heading."""
    head = section.heading.strip()
    return [ln for ln in section.lines if ln.text.strip() and ln.text.strip() != head]


def _sections(cand: Candidate, kind: str) -> list[Section]:
    return [s for s in cand.sections if s.kind == kind]


def _experience_entries(cand: Candidate) -> list[dict[str, Any]]:
    """Positions with the bullets printed under each (matched by the line the dates came from)."""
    positions = list(cand.experience.positions)
    entries: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    loose: list[Line] = []
    for sec in _sections(cand, "experience"):
        for ln in _body_lines(sec):
            text = ln.text.strip()
            owner = next((p for p in positions if p.text and (text in p.text or p.text in text)), None)
            if owner is not None:
                if current is None or current["pos"] is not owner:
                    current = {"pos": owner, "lines": []}
                    entries.append(current)
            elif current is not None:
                current["lines"].append(ln)
            else:
                loose.append(ln)
    seen = {id(e["pos"]) for e in entries}
    entries += [{"pos": p, "lines": []} for p in positions if id(p) not in seen]
    out = [{"title": e["pos"].title or "", "organization": e["pos"].organization or "",
            "span": span(e["pos"].start, e["pos"].end, e["pos"].current),
            "bullets": join_wrapped(e["lines"])} for e in entries]
    if loose:   # lines before any known position (or no positions parsed): titled entries
        out[:0] = [{"title": e["title"], "organization": "", "span": "", "bullets": e["bullets"]}
                   for e in _titled_entries(loose)]
    return out


def _ordered_skills(report: Report) -> list[str]:
    """Skill names, the best-fit role's most heavily weighted (required first) leading."""
    fit = best_fit(report)
    weight: dict[str, tuple[int, float]] = {}
    if fit is not None:
        weight = {m.id: (1 if m.required else 0, m.weight * m.credit) for m in fit.matched}
    cand = report.candidate
    ordered = sorted(enumerate(cand.skills),
                     key=lambda t: (-weight.get(t[1].id, (-1, 0))[0], -weight.get(t[1].id, (0, 0.0))[1], t[0]))
    names = [s.name for _, s in ordered] + [s.name for s in cand.soft_skills]
    if not names:
        names = [x.strip() for s in _sections(cand, "skills") for ln in _body_lines(s)
                 for x in re.split(r"[,;|•]", ln.text) if x.strip()]
    return names


def _titled_entries(lines: list[Line]) -> list[dict[str, Any]]:
    """A block's items grouped under entry titles: a line at the block's left margin, without a
    bullet, followed by an indented line, starts an entry (a project name over its bullets)."""
    lines = [ln for ln in lines if ln.text.strip()]
    left = min((ln.x0 for ln in lines), default=0.0)
    margins = (left, max((ln.x1 for ln in lines), default=0.0))
    entries: list[dict[str, Any]] = [{"title": "", "lines": []}]
    for i, ln in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if (ln.x0 <= left + 2 and not is_bullet(ln.text) and nxt is not None
                and (nxt.x0 > left + 2 or is_bullet(nxt.text))):
            entries.append({"title": ln.text.strip(), "lines": []})
        else:
            entries[-1]["lines"].append(ln)
    return [{"title": e["title"], "bullets": join_wrapped(e["lines"], margins)}
            for e in entries if e["title"] or e["lines"]]


def cv_view(report: Report) -> dict[str, Any]:
    """The candidate's own parsed content, grouped for a CV template."""
    cand = report.candidate
    current = next((p.title for p in cand.experience.positions if p.current and p.title), None)

    def lines_of(kind: str) -> list[str]:
        return join_wrapped([ln for s in _sections(cand, kind) for ln in _body_lines(s)])

    education = [{"degree": degree_name(e), "institution": e.institution or "",
                  "year": str(e.year or "")}
                 for e in cand.education.entries]
    if not education:
        education = [{"degree": t, "institution": "", "year": ""} for t in lines_of("education")]
    return {
        "name": cand.name or "Your Name", "headline": current or "",
        "contact": contact_items(cand),
        "summary": " ".join(lines_of("summary")),
        "experience": _experience_entries(cand),
        "education": education,
        "skills": _ordered_skills(report),
        "projects": _titled_entries([ln for sec in _sections(cand, "projects") for ln in _body_lines(sec)]),
        "publications": lines_of("publications"),
        "certifications": list(cand.certifications) or lines_of("certifications"),
        "awards": lines_of("awards"),
    }


def render_cv(report: Report, template_id: str | None = None) -> str:
    """The candidate's CV laid out in the suggested (or chosen) ATS-friendly template, as HTML."""
    chosen = template_id or (report.template.id if report.template else "classic")
    info = template_info(chosen)
    return render_template(info["file"], cv=cv_view(report), template={"id": info["id"], "name": info["name"]})

