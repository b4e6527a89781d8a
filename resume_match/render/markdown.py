"""The report as Markdown, for pasting into an email or a ticket."""
from __future__ import annotations

import re
from typing import Any

from resume_match.models import Report
from resume_match.render.views import report_view

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
        if fit["close"]:
            out += ["### Close, through a linked skill (partial credit)", ""]
            out += [f"- **{e(m['name'])}** ({'required' if m['required'] else 'preferred'}): "
                    f"{e(m['close'])}, {m['credit_pct']} credit" for m in fit["close"]]
            out.append("")
        if fit["missing"]:
            out += ["### Missing skills", ""]
            out += [f"- **{e(m['name'])}** ({'required' if m['required'] else 'preferred'}): {e(m['advice'])}"
                    for m in fit["missing"]]
            out.append("")
    out += _posting_markdown(v["posting"])
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
    out += _facts_markdown(v)
    return "\n".join(out).rstrip() + "\n"


def _facts_markdown(v: dict[str, Any]) -> list[str]:
    """What the CV says: years and where they come from, positions, education as printed."""
    if not v["readable"]:
        return []
    e = md_escape
    years = f"{v['years']} years" if v["years"] is not None else "not found"
    out = ["## What the CV says", "",
           f"- Experience: {years}" + (f" ({e(v['years_basis'])})" if v["years_basis"] else "")]
    out += [f"  - {e(p['title'] or 'Position')}" + (f", {e(p['organization'])}" if p["organization"] else "")
            + (f" ({e(p['span'])})" if p["span"] else "") for p in v["positions"]]
    out.append("- Education:" + ("" if v["education"] else f" highest {e(v['highest_degree'])}"))
    out += [f"  - {e(line)}" for line in v["education"]]
    return out + [""]


def _posting_markdown(p: dict[str, Any] | None) -> list[str]:
    """With --jd: the job-title line and the keyword table (posting and CV counts)."""
    if p is None:
        return []
    e = md_escape
    out = [f"## Job posting: {e(p['title'])}", "", e(p["title_line"]), "",
           f"Keywords in the posting found in the CV: {p['found']} of {p['total']}", "",
           "| Keyword | Kind | In posting | In CV |", "| --- | --- | --- | --- |"]
    out += [f"| {e(k['name'])} | {k['kind']} | {k['in_posting']} | "
            f"{k['in_cv'] if k['in_cv'] else '0 (not in CV)'} |" for k in p["keywords"]]
    return out + [""]
