"""Plain values for the report's pages (HTML, Markdown, the CV page): no logic in templates.

Shared by every renderer: score bands and gauges, contact items, dates and education lines,
and `report_view`, the whole report as dicts and lists.
"""
from __future__ import annotations

import math
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from resume_match.errors import DataError
from resume_match.match.templates import template_info
from resume_match.models import (Candidate, EducationEntry, Experience, MatchedSkill,
                                  PostingMatch, Report, RoleFit, TitleMatch)
from resume_match.parse.dates import short_month
from resume_match.parse.facts import STATED
from resume_match.parse.lines import strip_bullet

STATUS_ICONS = {"pass": ("✓", "Pass"), "warn": ("!", "Warning"), "fail": ("✗", "Fail")}


COMPONENT_LABELS = {"required_skills": "Required skills", "preferred_skills": "Preferred skills",
                    "demonstrated": "Skills shown in work", "experience": "Experience",
                    "education": "Education", "certifications": "Certifications"}


GAUGE_RADIUS = 52.0


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


def _matched_view(m: MatchedSkill) -> dict[str, Any]:
    return {"name": m.name, "required": m.required, "credit": m.credit, "via": m.via,
            "close": m.close, "credit_pct": f"{m.credit:.0%}", "demonstrated": m.demonstrated,
            "evidence": [{"text": strip_bullet(e.text), "section": e.section, "page": e.page}
                         for e in m.evidence[:2]]}


def _check_view(ch: Any) -> dict[str, Any]:
    icon, word = STATUS_ICONS.get(ch.status, ("?", ch.status))
    return {"id": ch.id, "title": ch.title, "status": ch.status, "icon": icon, "word": word,
            "evidence": ch.evidence, "advice": ch.advice}


def contact_items(candidate: Candidate) -> list[dict[str, Any]]:
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
        "contact": contact_items(cand),
        "years": cand.experience.years,
        "years_basis": years_basis(cand.experience),
        "highest_degree": cand.education.highest_degree,
        "fit": None if fit is None else {
            "role": fit.role, "title": fit.title, "score": fit.score,
            "gauge": gauge(fit.score, f"Fit for {fit.title}", "gauge-fit"),
            "components": [_component_view(c) for c in fit.components],
            "matched": [_matched_view(m) for m in fit.matched if not m.close],
            "close": [_matched_view(m) for m in fit.matched if m.close],
            "missing": [{"name": m.name, "required": m.required, "advice": m.advice}
                        for m in fit.missing],
        },
        "other_fits": [{"title": f.title, "score": f.score, "band": score_band(f.score)[0]}
                       for f in sorted(report.fits, key=lambda f: -f.score) if f is not fit],
        "next_roles": list(report.next_role_titles),
        "ats": None if ats is None else {
            "score": ats.score, "gauge": gauge(ats.score, "ATS readiness", "gauge-ats"),
            "checks": [_check_view(ch) for ch in ats.checks],
            "counts": {s: sum(1 for ch in ats.checks if ch.status == s) for s in STATUS_ICONS}},
        "template": None if tpl is None else {"name": tpl.name, "id": tpl.id,
                                              "reasons": list(tpl.reasons),
                                              "suits": _template_suits(tpl.id)},
        "cv_href": safe_href(cv_href),
        "skills": [s.name for s in cand.skills],
        "soft_skills": [s.name for s in cand.soft_skills],
        "positions": [{"title": p.title or "", "organization": p.organization or "",
                       "span": span(p.start, p.end, p.current)} for p in cand.experience.positions],
        "education": [education_line(e) for e in cand.education.entries],
        "certifications": list(cand.certifications),
        "warnings": list(cand.warnings),
        "posting": posting_view(report.posting),
    }


_WHERE = {"headline": "your headline says", "current position": "your current position is",
          "position": "a position in your CV is"}


def title_sentence(tm: TitleMatch) -> str:
    """The job-title line of a `--jd` report, in words a candidate can act on."""
    q = "\u201c{}\u201d".format
    said = f"{_WHERE.get(tm.where or '', 'your CV says')} {q(tm.cv_title)}" if tm.cv_title else ""
    advice = " Use the posting's title in your headline if it describes you."
    if tm.match == "exact":
        return f"Job title: {q(tm.posting_title)} is in your CV ({tm.where or 'found'})."
    if tm.match == "close":
        return (f"Job title: {said}, the posting {q(tm.posting_title)}: the same title in other "
                "words; an ATS may look for the posting's own words.")
    if tm.match == "partial":
        return f"Job title: the posting asks for {q(tm.posting_title)}; {said}." + advice
    return (f"Job title: {q(tm.posting_title)} is not in your CV"
            + (f"; {said}." if said else ".") + advice)


def posting_view(pm: PostingMatch | None) -> dict[str, Any] | None:
    """The `--jd` part of a report: the title line and the keyword table, missing ones marked."""
    if pm is None:
        return None
    return {"title": pm.title, "source": pm.source, "role": pm.role,
            "closest_role": pm.closest_role, "title_line": title_sentence(pm.title_match),
            "title_match": pm.title_match.match,
            "keywords": [{"name": k.name, "kind": k.kind, "in_posting": k.in_posting,
                          "in_cv": k.in_cv, "missing": k.in_cv == 0} for k in pm.keywords],
            "found": sum(1 for k in pm.keywords if k.in_cv), "total": len(pm.keywords)}


def _date(value: str | None) -> str:
    """'2022-01' -> 'Jan 2022'; a bare year or anything else as given."""
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", value or "")
    if m and 1 <= int(m.group(2)) <= 12:
        return f"{short_month(int(m.group(2)))} {m.group(1)}"
    return value or "?"


def _template_suits(template_id: str) -> str:
    """Who a template suits (cv-templates.yaml), '' for an id the data does not know."""
    try:
        return " ".join(str(template_info(template_id)["suits"]).split())
    except DataError:
        return ""


def span(start: str | None, end: str | None, current: bool) -> str:
    if not start and not end:
        return ""
    return f"{_date(start)} – {'Present' if current else _date(end)}"


def years_basis(exp: Experience) -> str:
    """Where the years come from: 'counted to the file's own date (2024-03)' for dated
    positions, or the prose they were read from; '' when nothing is known."""
    if not exp.basis:
        return ""
    return exp.basis if exp.basis.startswith(STATED) else f"counted to {exp.basis}"


def education_line(e: EducationEntry) -> str:
    """'MSc in Machine Learning, University College London, 2019' (what is known of it)."""
    return ", ".join(str(x) for x in (degree_name(e), e.institution, e.year) if x)


def degree_name(e: EducationEntry) -> str:
    """The degree as printed with its field, else its level ('High School')."""
    return _degree_text(e.degree, e.field) or e.level.replace("_", " ").title()


def _degree_text(degree: str | None, field: str | None) -> str:
    """'MSc in Machine Learning'; the field is not repeated when the degree already names it."""
    degree = degree or ""
    if field and field.lower() not in degree.lower():
        return f"{degree} in {field}" if degree else field
    return degree

