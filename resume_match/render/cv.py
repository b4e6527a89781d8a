"""The CV laid into one of the roadmap's ATS-friendly templates, in the candidate's own words.

Everything shown is printed on the CV: the headline under the name, the skills lines as written,
dates as printed ("Summer 2012 and 2013"), GPA and locations. Entries are rebuilt from the same
parse as the positions (parse.facts.positions_in), so a date line or a wrapped "Present" never
becomes a bullet. A print density is chosen so a one-page CV prints on one page (A4 or Letter).
"""
from __future__ import annotations

import dataclasses
import math
import re
from typing import Any

from resume_match.data import load
from resume_match.errors import UsageError
from resume_match.match.templates import template_info
from resume_match.models import Candidate, Line, Report, Section
from resume_match.parse.contact import clean, place_names
from resume_match.parse.dates import alternation, find_ranges
from resume_match.parse.facts import find_degree, fragments, positions_in
from resume_match.parse.lines import is_item, join_wrapped, strip_bullet
from resume_match.parse.sections import body_size
from resume_match.render.blind import has_street_address
from resume_match.render.html import render_template
from resume_match.render.views import contact_items, degree_name

# a date printed on from the one parsed ("Summer 2012 and 2013", "2019, 2021")
_DATE_MORE = re.compile(r"^\s*(?:,|&|and|to|-|–|—)\s*(?:[A-Za-z]+\.?\s+)?(?:19|20)\d\d\b", re.I)
# words printed before a date that belong to it ('Expected June 2023', 'Graduated: 2019')
_DATE_LEAD = re.compile(r"(?i)\b(?:expected|anticipated|graduat(?:ed|ion|ing)?|grad\.?)\s*:?\s*$")
# a word printed just after a date that belongs to it ('July `15 (expected)')
_DATE_TAIL = re.compile(r"(?i)^\s*\(?\s*(?:expected|anticipated|projected)\s*\)?")
# a range open at the start of a line whose end is the next line's first word: the date column
# of 'Harvey Dent' CVs ('2021 – Machine Learning Engineer, OpenAI' / 'Present Leading a team...')
_OPEN_START = re.compile(r"^\s*((?:[A-Za-z]{3,9}\.?\s+)?(?:19|20)\d\d)\s*[-–—]\s+(?=[A-Za-z])")
_PRESENT_LEAD = re.compile(rf"(?i)^\s*(?:{alternation(load('words.yaml')['present_words'])})\b[\s,.:;]*")
_RANGE_WORDS = re.compile(r"(?i)\b(?:to|till|until|since|from|and|present|current|now|today)\b")
_SEPS = " \t|,;:·•"              # what may stand between a date and the words beside it
_EDGE = _SEPS + "–—-"
_CONTACT_LIKE = re.compile(r"@|https?://|www\.|\b[\w-]+\.(?:com|org|net|io|dev|me)\b|\d{3}.?\d{3}.?\d{2}",
                           re.I)
HEADLINE_MAX_WORDS = 10
EXTRA_KINDS = (("volunteering", "Volunteering"), ("languages", "Languages"),
               ("interests", "Interests"))

# Print densities, tightest last: (font pt, line height, page margin mm, heading gap pt); the
# first whose estimate fits the CV's own page count is used (see _density).
DENSITIES = ((10.5, 1.4, 15.0, 16.0), (10.0, 1.32, 13.0, 12.0), (9.5, 1.28, 11.0, 9.0),
             (9.0, 1.24, 10.0, 7.0), (8.5, 1.2, 9.0, 6.0), (8.0, 1.18, 8.0, 5.0),
             (7.5, 1.15, 7.0, 4.0))
PAGE_MM = (210.0, 279.4)       # the narrower (A4) width and the shorter (Letter) height
CHAR_EM = 0.5                  # average character width in em
CALIBRATION = 1.12             # printed height / estimate: 1.04-1.14 on 20 public CVs (Chromium)
FILL = 0.97                    # share of a page the estimate may use


def _body_lines(section: Section) -> list[Line]:
    """A section's lines without its printed heading."""
    head = section.heading.strip()
    return [ln for ln in section.lines if ln.text.strip() and ln.text.strip() != head]


def _sections(cand: Candidate, kind: str) -> list[Section]:
    return [s for s in cand.sections if s.kind == kind]


def _lines_of(cand: Candidate, kind: str) -> list[Line]:
    return [ln for s in _sections(cand, kind) for ln in _body_lines(s)]


# ---------------------------------------------------------------- dates as printed

def _only_dates(text: str) -> bool:
    """Nothing but dates, range words and separators ('Present', '– Dec 2020', '2018')."""
    rest = text
    for r in reversed(find_ranges(text)):
        rest = rest[:r.span[0]] + " " + rest[r.span[1]:]
    rest = _RANGE_WORDS.sub(" ", rest)
    return not re.search(r"[A-Za-z]{2,}|\d", rest)


def _split_date(text: str, head: bool = True) -> tuple[str, str]:
    """(text without its printed date, the date as printed): the last date range of an entry
    line, or a lone date at its end; ('', text) for a line of dates only."""
    if _only_dates(text):
        return "", text.strip(_SEPS)
    if head and (m := _OPEN_START.match(text)) and not _only_dates(text[m.end():].split()[0]):
        return text[m.end():].strip(_EDGE), f"{m.group(1)} –"
    ranges = find_ranges(text)
    if not ranges:
        return text, ""
    r = next((x for x in reversed(ranges) if x.is_range), ranges[-1])
    start, end = r.span
    if start and (text[start - 1].isdigit() or text[start - 1] == "."):
        start += len(text[start:]) - len(text[start:].lstrip("0123456789").lstrip())  # 'GPA: 4.00 Aug 2012'
    if (lead := _DATE_LEAD.search(text[:start])):
        start = lead.start()
    if not r.is_range and (not head or text[end:].strip(_EDGE)):
        return text, ""                  # a lone date inside the words is part of them
    while (m := _DATE_MORE.match(text[end:])):
        end += m.end()
    if (tail := _DATE_TAIL.match(text[end:])):
        end += tail.end()
    if re.fullmatch(r"\s*[-–—]\s*", text[end:]):
        end = len(text)                  # 'Mar 2019 –', its end on the next line
    when = text[start:end].strip(_SEPS)
    rest = (text[:start].rstrip(_EDGE) + "  " + text[end:].lstrip(_EDGE)).strip(_EDGE)
    return " ".join(rest.split()), when


# ---------------------------------------------------------------- entries

def _entry(title: str, when: str = "", sub: list[str] | None = None,
           lines: list[Line] | None = None, margins: tuple[float, float] | None = None) -> dict[str, Any]:
    return {"title": title, "when": when, "sub": sub or [],
            "bullets": join_wrapped(lines or [], margins)}


def _close_open(when: str, lines: list[Line]) -> tuple[str, list[Line]]:
    """A range left open at the end of the date ('2021 –') ends with the first word of the
    entry's next line when that is 'Present' (a date column beside the entry): the word goes
    to the date, the rest of the line stays the entry's first bullet."""
    if not re.search(r"[-–—]$", when) or not lines or not (m := _PRESENT_LEAD.match(clean(lines[0].text))):
        return when, lines
    rest = clean(lines[0].text)[m.end():]
    word = clean(lines[0].text)[:m.end()].strip(" ,.:;")
    first = [dataclasses.replace(lines[0], text=rest)] if rest.strip() else []
    return f"{when} {word}", first + lines[1:]


def _head_at(texts: list[str], parts: list[str], start: int) -> int | None:
    """Where the head lines of a position (its `text`, ' / '-joined) start, from `start` on."""
    for i in range(start, len(texts) - len(parts) + 1):
        if texts[i:i + len(parts)] == parts:
            return i
    return None


def _trim_head(lines: list[Line], texts: list[str], i: int, j: int) -> tuple[int, int]:
    """The head lines i..j of an entry without what belongs to the bullets around it: a list
    item, or above the dated line a wrapped line (lower case, or indented past the dated line)."""
    d = next((k for k in range(i, j) if find_ranges(texts[k])), i)
    while i < d and (is_item(lines[i]) or texts[i][:1].islower() or lines[i].x0 > lines[d].x0 + 2):
        i += 1
    return i, next((k for k in range(d + 1, j) if is_item(lines[k])), j)


def _dated_entries(lines: list[Line], body: float) -> tuple[list[Line], list[dict[str, Any]]]:
    """(lines before the first dated entry, the entries): the positions parse finds the entry
    heads; the lines after a head, up to the next, are its bullets, except date-only lines
    (a range wrapped on to 'Present'), which belong to its date."""
    texts = [clean(ln.text) for ln in lines]
    heads: list[tuple[int, int]] = []
    at = 0
    for pos, _ in positions_in(tuple(lines), body):
        i = _head_at(texts, pos.text.split(" / "), at)
        if i is not None:
            heads.append(_trim_head(lines, texts, i, i + len(pos.text.split(" / "))))
            at = heads[-1][1]
    if not heads:
        return lines, []
    margins = (min(ln.x0 for ln in lines), max(ln.x1 for ln in lines))
    entries = []
    for n, (i, j) in enumerate(heads):
        parts, when = [], ""
        for t in texts[i:j]:
            rest, date = _split_date(t)
            when = when or date
            if rest:
                parts.append(rest)
        nxt = heads[n + 1][0] if n + 1 < len(heads) else len(lines)
        k = j
        while k < nxt and _only_dates(texts[k]) and not is_item(lines[k]):
            when = when if texts[k] in when else f"{when} {texts[k]}".strip()   # 'Present'
            k += 1
        when, body_lines = _close_open(when, lines[k:nxt])
        entries.append(_entry(parts[0] if parts else when, when if parts else "", parts[1:],
                              body_lines, margins))
    return lines[:heads[0][0]], entries


def _titled_entries(lines: list[Line]) -> list[dict[str, Any]]:
    """A block's items grouped under entry titles: a line at the block's left margin that is
    not a list item, followed by an indented line or an item, starts an entry (a project name
    over its bullets); a date printed at the end of a title goes to its right."""
    lines = [ln for ln in lines if ln.text.strip()]
    left = min((ln.x0 for ln in lines), default=0.0)
    margins = (left, max((ln.x1 for ln in lines), default=0.0))
    groups: list[tuple[str, list[Line]]] = [("", [])]
    for i, ln in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if (ln.x0 <= left + 2 and not is_item(ln) and nxt is not None
                and (nxt.x0 > left + 2 or is_item(nxt))):
            groups.append((clean(ln.text), []))
        else:
            groups[-1][1].append(ln)
    out = []
    for title, body in groups:
        if title or body:
            rest, when = _split_date(title) if title else ("", "")
            when, body = _close_open(when, body) if rest else (when, body)
            out.append(_entry(rest or title, when if rest else "", None, body, margins))
    return out


def _entries(cand: Candidate, kind: str) -> list[dict[str, Any]]:
    """Experience, projects or volunteering as entries: dated heads, else titled blocks."""
    lines = _lines_of(cand, kind)
    if not lines:
        return []
    body = body_size(cand.document.lines) if cand.document else 0.0
    loose, dated = _dated_entries(lines, body)
    return (_titled_entries(loose) if loose else []) + dated


def _education(cand: Candidate) -> list[dict[str, Any]]:
    """Education as printed: one entry per degree (or per dated line), its first line bold, the
    rest (institution, GPA, place, coursework) below, the printed year or dates to the right."""
    groups: list[dict[str, Any]] = []
    for ln in _lines_of(cand, "education"):
        rest, when = _split_date(clean(ln.text))
        text = strip_bullet(rest) if is_item(ln) else rest
        cur = groups[-1] if groups else None
        if cur is not None and not text and not cur["when"]:
            cur["when"] = when
            continue
        degree = bool(text and find_degree(text))
        if cur is None or (degree and cur["degree"]) or (when and cur["when"]):
            cur = {"lines": [], "when": "", "degree": False}
            groups.append(cur)
        if (text and cur["lines"] and not when and re.search(r"[A-Za-z]{2}", text)
                and (not fragments(text) or text in place_names()[0])):
            glue = " " if cur["lines"][-1].endswith(",") else ", "
            cur["lines"][-1] += glue + text      # a place wrapped from the line above ('USA')
        elif text:
            cur["lines"].append(text)
        cur["when"] = cur["when"] or when
        cur["degree"] = cur["degree"] or degree
    out = [{"title": g["lines"][0], "sub": g["lines"][1:], "when": g["when"], "bullets": []}
           for g in groups if g["lines"]]
    if out:
        return out
    return [{"title": degree_name(e), "sub": [e.institution] if e.institution else [],
             "when": str(e.year or ""), "bullets": []} for e in cand.education.entries]


_LABEL = re.compile(r"^[A-Za-z][\w &/+.()-]{0,30}:\s")


def _skills_lines(lines: list[Line]) -> list[str]:
    """The skills section as written: one item per printed item, a labelled line ('ML: ...')
    always starting its own even when the line before ran to the margin."""
    runs: list[list[Line]] = []
    for ln in lines:
        if not runs or _LABEL.match(clean(ln.text)):
            runs.append([])
        runs[-1].append(ln)
    margins = (min((ln.x0 for ln in lines), default=0.0), max((ln.x1 for ln in lines), default=0.0))
    return [item for run in runs for item in join_wrapped(run, margins)]


# ---------------------------------------------------------------- header

def _header_texts(cand: Candidate) -> list[str]:
    return [clean(ln.text) for s in _sections(cand, "header") for ln in s.lines if ln.text.strip()]


def _headline(cand: Candidate) -> str:
    """The line printed under the name ('Data Scientist'), never a title taken from elsewhere."""
    name = (cand.name or "").lower()
    handles = {link.rstrip("/").rsplit("/", 1)[-1].lower() for link in cand.contact.links}
    for text in _header_texts(cand):
        low = text.lower()
        if name and (low == name or name in low and len(low) < len(name) + 4):
            continue
        if (_CONTACT_LIKE.search(text) or find_ranges(text) or has_street_address(text)
                or (cand.contact.location and cand.contact.location in text)
                or low in handles or (" " not in text and text.islower())):
            continue                       # contact details, 'Last updated on 21 Jan 2015'

        if len(text.split()) <= HEADLINE_MAX_WORDS and not text.endswith("."):
            return text
        return ""
    return ""


def _printed_phone(cand: Candidate) -> str | None:
    """The phone number as printed ('+1 (415) 555-0142'), not its E.164 form."""
    digits = re.sub(r"\D", "", cand.contact.phone or "")
    if len(digits) < 7:
        return None
    for text in _header_texts(cand) + [ln.text for ln in (cand.document.lines if cand.document else ())]:
        for m in re.finditer(r"\+?\(?\d[\d\s().\-/]{5,}\d", text):
            if re.sub(r"\D", "", m.group()).endswith(digits[-7:]):
                return m.group().strip()
    return None


def _contact(cand: Candidate) -> list[dict[str, Any]]:
    items = contact_items(cand)
    phone = _printed_phone(cand)
    return [{"text": phone, "href": None} if phone and i["text"] == cand.contact.phone else i
            for i in items]


# ---------------------------------------------------------------- print density

def _estimate_mm(view: dict[str, Any], font: float, lh: float, gap: float, margin: float) -> float:
    """Rough printed height of the CV at one density: lines of text wrapped at the page width."""
    width_pt = (PAGE_MM[0] - 2 * margin) / 25.4 * 72
    per_line = max(20, int(width_pt / (font * CHAR_EM)))
    line = font * lh

    def rows(text: str, indent: int = 0) -> int:
        return max(1, math.ceil(len(text) / max(10, per_line - indent)))

    pts = 2.1 * line + line * rows(" | ".join(c["text"] for c in view["contact"]))
    pts += line * bool(view["headline"])
    blocks = [("summary", [view["summary"]] if view["summary"] else [])]
    for key in ("experience", "projects", "volunteering", "education"):
        entries = view[key]
        if entries:
            body = sum(1 + len(e["sub"]) + sum(rows(b, 4) for b in e.get("bullets", ()))
                       for e in entries)
            pts += gap + 1.3 * line + body * line + 3 * len(entries)
    for key in ("skills", "publications", "certifications", "awards", "languages", "interests"):
        blocks.append((key, view[key]))
    for _, texts in blocks:
        if texts:
            pts += gap + 1.3 * line + sum(rows(t, 4) for t in texts) * line
    return pts / 72 * 25.4


def _density(view: dict[str, Any], pages: int) -> int:
    """The first density whose estimated height fits the CV's own number of pages."""
    for i, (font, lh, margin, gap) in enumerate(DENSITIES):
        if (CALIBRATION * _estimate_mm(view, font, lh, gap, margin)
                <= pages * (PAGE_MM[1] - 2 * margin) * FILL):
            return i
    return len(DENSITIES) - 1


# ---------------------------------------------------------------- the view

def cv_view(report: Report) -> dict[str, Any]:
    """The candidate's own printed content, grouped for a CV template."""
    cand = report.candidate

    def lines_of(kind: str) -> list[str]:
        return join_wrapped(_lines_of(cand, kind))

    view: dict[str, Any] = {
        "name": cand.name or "Your Name", "headline": _headline(cand),
        "contact": _contact(cand),
        "summary": " ".join(lines_of("summary")),
        "experience": _entries(cand, "experience"),
        "education": _education(cand),
        "skills": _skills_lines(_lines_of(cand, "skills")),
        "projects": _entries(cand, "projects"),
        "volunteering": _entries(cand, "volunteering"),
        "publications": lines_of("publications"),
        "certifications": lines_of("certifications") or list(cand.certifications),
        "awards": lines_of("awards"),
        "languages": lines_of("languages"),
        "interests": lines_of("interests"),
    }
    pages = cand.document.layout.page_count if cand.document else 0
    view["density"] = _density(view, max(1, pages))
    view["densities"] = [{"font": f, "lh": lh, "margin": m, "gap": g} for f, lh, m, g in DENSITIES]
    return view


def render_cv(report: Report, template_id: str | None = None) -> str:
    """The candidate's CV laid out in the suggested (or chosen) ATS-friendly template, as HTML."""
    chosen = template_id or (report.template.id if report.template else "classic")
    info = template_info(chosen)
    return render_template(info["file"], cv=cv_view(report), template={"id": info["id"], "name": info["name"]})


def render_cv_pdf(report: Report, template_id: str | None = None) -> bytes:
    """The CV as a PDF, through WeasyPrint (the optional `pdf` extra)."""
    html = render_cv(report, template_id)
    return pdf_from_html(html)


def pdf_writer_missing() -> str | None:
    """Why a PDF cannot be written here (one line), or None when WeasyPrint is installed."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):   # OSError: the package without its Pango libraries
        return ("writing a PDF needs WeasyPrint (pip install 'resume-match[pdf]'); "
                "or write the CV as .html and print it")
    return None


def pdf_from_html(html: str) -> bytes:
    problem = pdf_writer_missing()
    if problem:
        raise UsageError(problem)
    import weasyprint
    return bytes(weasyprint.HTML(string=html, base_url=None).write_pdf())


__all__ = ["cv_view", "render_cv", "render_cv_pdf", "pdf_writer_missing"]
