"""Rendering of a Report: JSON, terminal text (HTML and Markdown to come). The only jinja2 importer."""
from __future__ import annotations

import json
from typing import Any

from resume_match.models import Report


def render_json(report: Report) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False)


def render_terminal(report: Report) -> str:
    """A readable plain-text summary for the terminal."""
    d: dict[str, Any] = report.to_dict()
    out = [f"{d['source']}"]
    if not d["readable"]:
        out.append(f"  NOT READABLE: {d['unreadable_reason']}")
    out.append(f"  Name: {d['name'] or '-'}")
    c = d["contact"]
    out.append(f"  Email: {c['email'] or '-'}   Phone: {c['phone'] or '-'}   Location: {c['location'] or '-'}")
    for link in c["links"]:
        out.append(f"  Link: {link}")
    out.append("  Sections: " + ", ".join(f"{s['kind']} (p{s['page']})" for s in d["sections"]))
    exp = d["experience"]
    out.append(f"  Experience: {exp['years'] if exp['years'] is not None else '-'} years, {len(exp['positions'])} positions")
    for p in exp["positions"]:
        span = f"{p['start'] or '?'} - {'present' if p['current'] else (p['end'] or '?')}"
        out.append(f"    {span}: {p['title'] or '-'} @ {p['organization'] or '-'}")
    edu = d["education"]
    out.append(f"  Education: highest {edu['highest_degree']}")
    for e in edu["entries"]:
        out.append(f"    {e['degree'] or e['level']} {e['field'] or ''} {e['institution'] or ''} {e['year'] or ''}".rstrip())
    if d["certifications"]:
        out.append("  Certifications: " + "; ".join(d["certifications"]))
    out.append(f"  Skills ({len(d['skills'])}): " + ", ".join(s["name"] for s in d["skills"]))
    for fit in d["fits"]:
        out.append(f"  Fit {fit['role']}: {fit['score']}/100")
    for w in d["warnings"]:
        out.append(f"  warning: {w}")
    return "\n".join(out)
