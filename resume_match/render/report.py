"""Rendering of a Report: JSON, terminal text, Markdown, the HTML report and the CV templates.

The only jinja2 importer: one Environment (autoescape, StrictUndefined) loading from the
`resume_match.templates` package; CSS is inlined so every page is one self-contained file.
"""
from __future__ import annotations

import json
import math
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import jinja2

from resume_match.data import home as data_home
from resume_match.match.ats import is_bullet, join_wrapped, strip_bullet, template_info
from resume_match.errors import DataError, ResumeMatchError
from resume_match.models import Candidate, EducationEntry, Line, Report, RoleFit, Section

STATUS_ICONS = {"pass": ("✓", "Pass"), "warn": ("!", "Warning"), "fail": ("✗", "Fail")}
COMPONENT_LABELS = {"required_skills": "Required skills", "preferred_skills": "Preferred skills",
                    "demonstrated": "Skills shown in work", "experience": "Experience",
                    "education": "Education", "certifications": "Certifications"}
GAUGE_RADIUS = 52.0


_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Environment(jinja2.Environment):
    """jinja2's Environment with a quicker `x.key` on the plain dicts our views are made of."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        """jinja2 tries getattr(obj, key) first and looks the key up only after the
        AttributeError; a dict's attributes are exactly dir(dict), so for any other name the
        item lookup gives the same answer without raising (~40% of an HTML report's time)."""
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The one jinja2 Environment: autoescape on, StrictUndefined, templates from the package."""
    env = _Environment(loader=jinja2.FileSystemLoader(data_home("templates")),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["safe_href"] = safe_href
    return env


def _render(name: str, **context: Any) -> str:
    try:
        return environment().get_template(name).render(**context)
    except jinja2.TemplateNotFound as e:
        raise DataError(f"{name}: template not found in resume_match.templates") from e


# ---------------------------------------------------------------- JSON and terminal

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
    out.extend(f"    {_education_line(e)}" for e in report.candidate.education.entries)
    if d["certifications"]:
        out.append("  Certifications: " + "; ".join(d["certifications"]))
    out.append(f"  Skills ({len(d['skills'])}): " + ", ".join(s["name"] for s in d["skills"]))
    if report.fits:
        from resume_match.render.fit_text import render_fits_terminal  # fit wording owned by scoring
        out.append(render_fits_terminal(report))
    out += _ats_terminal(report)
    for w in d["warnings"]:
        out.append(f"  warning: {w}")
    return "\n".join(out)


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


# ---------------------------------------------------------------- shared view helpers

def safe_href(url: str | None) -> str | None:
    """A link target safe to put in href (http/https/mailto or a relative path), else None."""
    if not url:
        return None
    url = url.strip()
    scheme = urlsplit(url).scheme.lower()
    if scheme in ("http", "https", "mailto"):
        return url
    if scheme == "" and re.match(r"^(?:www\.|[a-z0-9-]+\.[a-z]{2,}/)", url, re.I):
        return "https://" + url
    if scheme in ("", "file") and not url.startswith("//"):
        return quote(url, safe="/:.#-_~%")
    return None


def relative_href(target: str | Path, page: str | Path) -> str:
    """The link from the page file to the target file (both as given on the command line)."""
    return Path(os.path.relpath(Path(target).resolve(), Path(page).resolve().parent)).as_posix()


def best_fit(report: Report) -> RoleFit | None:
    """The RoleFit for report.best_role (the highest score when best_role is not set)."""
    fits = report.fits
    chosen = next((f for f in fits if f.role == report.best_role), None)
    return chosen or (max(fits, key=lambda f: f.score) if fits else None)


def role_title(role_id: str, report: Report) -> str:
    """A role's display title: from the report's fits, the bundled profiles, or the id itself."""
    for fit in report.fits:
        if fit.role == role_id:
            return fit.title
    try:
        from resume_match.match.roles import load_role
        return load_role(role_id).title
    except (ResumeMatchError, ImportError, AttributeError):
        return role_id.replace("-", " ").title()


def score_band(score: float) -> tuple[str, str]:
    """(css class, words) for a 0-100 score, so colour is never the only signal."""
    if score >= 70:
        return "good", "Strong"
    if score >= 50:
        return "fair", "Partial"
    return "poor", "Weak"


def gauge(score: int, label: str, gauge_id: str) -> dict[str, Any]:
    """Geometry for an SVG ring gauge: circumference, filled length, band."""
    circ = 2 * math.pi * GAUGE_RADIUS
    value = max(0, min(100, score))
    band, words = score_band(value)
    return {"id": gauge_id, "score": value, "label": label, "r": GAUGE_RADIUS,
            "circ": round(circ, 2), "filled": round(circ * value / 100, 2), "band": band,
            "words": words}


def _component_view(c: Any) -> dict[str, Any]:
    share = c.points / c.max_points if c.max_points else 0.0
    return {"name": COMPONENT_LABELS.get(c.name, c.name.replace("_", " ").capitalize()),
            "points": f"{round(c.points, 1):g}", "max": f"{round(c.max_points, 1):g}",
            "pct": round(100 * share, 1), "band": score_band(100 * share)[0], "detail": c.detail}


def _check_view(ch: Any) -> dict[str, Any]:
    icon, word = STATUS_ICONS.get(ch.status, ("?", ch.status))
    return {"id": ch.id, "title": ch.title, "status": ch.status, "icon": icon, "word": word,
            "evidence": ch.evidence, "advice": ch.advice}


def _contact_items(candidate: Candidate) -> list[dict[str, Any]]:
    c = candidate.contact
    items = []
    if c.email:
        items.append({"text": c.email, "href": safe_href(f"mailto:{c.email}")})
    if c.phone:
        items.append({"text": c.phone, "href": None})
    if c.location:
        items.append({"text": c.location, "href": None})
    items += [{"text": re.sub(r"^https?://", "", link), "href": safe_href(link)} for link in c.links]
    return items


def report_view(report: Report, cv_href: str | None = None) -> dict[str, Any]:
    """Everything the HTML report and Markdown need, as plain values (no logic in templates)."""
    cand = report.candidate
    fit = best_fit(report)
    ats = report.ats
    tpl = report.template
    return {
        "name": cand.name or "Unnamed candidate",
        "source": cand.source,
        "readable": cand.readable,
        "unreadable_reason": cand.unreadable_reason or "",
        "contact": _contact_items(cand),
        "years": cand.experience.years,
        "highest_degree": cand.education.highest_degree,
        "fit": None if fit is None else {
            "role": fit.role, "title": fit.title, "score": fit.score,
            "gauge": gauge(fit.score, f"Fit for {fit.title}", "gauge-fit"),
            "components": [_component_view(c) for c in fit.components],
            "matched": [{"name": m.name, "required": m.required, "credit": m.credit,
                         "via": m.via, "demonstrated": m.demonstrated,
                         "evidence": [{"text": strip_bullet(e.text), "section": e.section, "page": e.page}
                                      for e in m.evidence[:2]]} for m in fit.matched],
            "missing": [{"name": m.name, "required": m.required, "advice": m.advice}
                        for m in fit.missing],
        },
        "other_fits": [{"title": f.title, "score": f.score, "band": score_band(f.score)[0]}
                       for f in sorted(report.fits, key=lambda f: -f.score) if f is not fit],
        "next_roles": [role_title(r, report) for r in report.next_roles],
        "ats": None if ats is None else {
            "score": ats.score, "gauge": gauge(ats.score, "ATS readiness", "gauge-ats"),
            "checks": [_check_view(ch) for ch in ats.checks],
            "counts": {s: sum(1 for ch in ats.checks if ch.status == s) for s in STATUS_ICONS}},
        "template": None if tpl is None else {"name": tpl.name, "id": tpl.id,
                                              "reasons": list(tpl.reasons),
                                              "suits": _template_suits(tpl.id)},
        "cv_href": safe_href(cv_href),
        "skills": [s.name for s in cand.skills],
        "positions": [{"title": p.title or "", "organization": p.organization or "",
                       "span": _span(p.start, p.end, p.current)} for p in cand.experience.positions],
        "education": [_education_line(e) for e in cand.education.entries],
        "certifications": list(cand.certifications),
        "warnings": list(cand.warnings),
    }


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _date(value: str | None) -> str:
    """'2022-01' -> 'Jan 2022'; a bare year or anything else as given."""
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", value or "")
    if m and 1 <= int(m.group(2)) <= 12:
        return f"{MONTHS[int(m.group(2)) - 1]} {m.group(1)}"
    return value or "?"


def _template_suits(template_id: str) -> str:
    """Who a template suits (cv-templates.yaml), '' for an id the data does not know."""
    try:
        return " ".join(str(template_info(template_id)["suits"]).split())
    except DataError:
        return ""


def _span(start: str | None, end: str | None, current: bool) -> str:
    if not start and not end:
        return ""
    return f"{_date(start)} – {'Present' if current else _date(end)}"


# ---------------------------------------------------------------- HTML report

def render_html(report: Report, cv_href: str | None = None) -> str:
    """The self-contained HTML report (inline CSS and SVG, strict CSP, nothing remote)."""
    return _render("report.html.jinja2", r=report_view(report, cv_href))


def render_roadmap_html(roadmap: Any) -> str:
    """The career roadmap (resume_match.match.roadmap.Roadmap) as one self-contained HTML page."""
    return _render("roadmap.html.jinja2", rm=roadmap,
                   shown=[p for p in roadmap.pitfalls if p.shown])


def render_batch_index(view: dict[str, Any]) -> str:
    """A batch's index.html from batch_output.index_view (ranked table, histogram, inline script)."""
    return _render("batch_index.html.jinja2", **view)


# ---------------------------------------------------------------- Markdown

def md_escape(text: Any) -> str:
    """Text safe in Markdown: HTML-significant and Markdown punctuation escaped, one line."""
    s = " ".join(str(text).split())
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]|~])", r"\\\1", s)


def render_markdown(report: Report) -> str:
    """The report as Markdown, for pasting into an email or a ticket."""
    v = report_view(report)
    e = md_escape
    out = [f"# Resume report: {e(v['name'])}", "", f"Source: {e(v['source'])}", ""]
    if not v["readable"]:
        out += [f"**Not readable:** {e(v['unreadable_reason'])}", ""]
    if v["contact"]:
        out += ["Contact: " + " · ".join(e(c["text"]) for c in v["contact"]), ""]
    fit = v["fit"]
    if fit:
        out += [f"## Best-fit role: {e(fit['title'])} — {fit['score']}/100 ({fit['gauge']['words'].lower()} fit)", ""]
        out += ["| Component | Points | Why |", "| --- | --- | --- |"]
        out += [f"| {e(c['name'])} | {c['points']}/{c['max']} | {e(c['detail'])} |" for c in fit["components"]]
        out.append("")
        if v["next_roles"]:
            out += ["Next step: " + ", ".join(e(t) for t in v["next_roles"]), ""]
        if fit["matched"]:
            out += ["### Matched skills", ""]
            for m in fit["matched"]:
                tag = "required" if m["required"] else "preferred"
                line = m["evidence"][0]["text"] if m["evidence"] else ""
                out.append(f"- **{e(m['name'])}** ({tag}){': “' + e(line) + '”' if line else ''}")
            out.append("")
        if fit["missing"]:
            out += ["### Missing skills", ""]
            out += [f"- **{e(m['name'])}** ({'required' if m['required'] else 'preferred'}): {e(m['advice'])}"
                    for m in fit["missing"]]
            out.append("")
    if v["other_fits"]:
        out += ["## Other roles", ""] + [f"- {e(f['title'])}: {f['score']}/100" for f in v["other_fits"]] + [""]
    if v["ats"]:
        out += [f"## ATS readiness: {v['ats']['score']}/100", ""]
        out += [f"- {c['icon']} **{c['word']}** — {e(c['title'])}: {e(c['evidence'])} {e(c['advice'])}"
                for c in v["ats"]["checks"]]
        out.append("")
    if v["template"]:
        out += [f"## Suggested CV template: {e(v['template']['name'])}", ""]
        if v["template"]["suits"]:
            out += [e(v["template"]["suits"]), ""]
        out += [f"- {e(r)}" for r in v["template"]["reasons"]] + [""]
    return "\n".join(out).rstrip() + "\n"


# ---------------------------------------------------------------- the CV in a template

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
            "span": _span(e["pos"].start, e["pos"].end, e["pos"].current),
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
    names = [s.name for _, s in ordered]
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


def _education_line(e: EducationEntry) -> str:
    """'MSc in Machine Learning, University College London, 2019' (what is known of it)."""
    return ", ".join(str(x) for x in (_degree_name(e), e.institution, e.year) if x)


def _degree_name(e: EducationEntry) -> str:
    """The degree as printed with its field, else its level ('High School')."""
    return _degree_text(e.degree, e.field) or e.level.replace("_", " ").title()


def _degree_text(degree: str | None, field: str | None) -> str:
    """'MSc in Machine Learning'; the field is not repeated when the degree already names it."""
    degree = degree or ""
    if field and field.lower() not in degree.lower():
        return f"{degree} in {field}" if degree else field
    return degree


def cv_view(report: Report) -> dict[str, Any]:
    """The candidate's own parsed content, grouped for a CV template."""
    cand = report.candidate
    current = next((p.title for p in cand.experience.positions if p.current and p.title), None)

    def lines_of(kind: str) -> list[str]:
        return join_wrapped([ln for s in _sections(cand, kind) for ln in _body_lines(s)])

    education = [{"degree": _degree_name(e), "institution": e.institution or "",
                  "year": str(e.year or "")}
                 for e in cand.education.entries]
    if not education:
        education = [{"degree": t, "institution": "", "year": ""} for t in lines_of("education")]
    return {
        "name": cand.name or "Your Name", "headline": current or "",
        "contact": _contact_items(cand),
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
    return _render(info["file"], cv=cv_view(report), template={"id": info["id"], "name": info["name"]})
