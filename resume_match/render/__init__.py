"""Rendering, apart from analysis: a Report (or a posting, roadmap, role) as text for people.

One module per output: json, terminal (plain text), markdown, html (report, roadmap, batch
index), cv (the CV in a template); views.py holds the plain values they share, and blind.py
removes what identifies a person before anything is rendered.
"""
from functools import wraps
from typing import Callable, ParamSpec

from resume_match.extract.safetext import escape_c1, strip_controls
from resume_match.render.cv import pdf_writer_missing, render_cv, render_cv_pdf
from resume_match.render.html import render_batch_index, render_html, render_roadmap_html
from resume_match.render import json as _json, markdown as _markdown, terminal as _terminal
from resume_match.render.views import relative_href

_P = ParamSpec("_P")


def _plain(fn: Callable[_P, str]) -> Callable[_P, str]:
    """A text renderer whose output never carries a control character or terminal escape (from
    a CV's text, file name or metadata): what it prints must not drive the terminal."""
    @wraps(fn)
    def clean(*args: _P.args, **kwargs: _P.kwargs) -> str:
        return strip_controls(fn(*args, **kwargs))
    return clean


def _c1_escaped(fn: Callable[_P, str]) -> Callable[_P, str]:
    """A JSON renderer with DEL and C1 controls as \\u escapes (json.dumps leaves them raw)."""
    @wraps(fn)
    def escaped(*args: _P.args, **kwargs: _P.kwargs) -> str:
        return escape_c1(fn(*args, **kwargs))
    return escaped


render_json = _c1_escaped(_json.render_json)
render_markdown = _plain(_markdown.render_markdown)
render_terminal = _plain(_terminal.render_terminal)
render_posting_terminal = _plain(_terminal.render_posting_terminal)
render_roadmap_terminal = _plain(_terminal.render_roadmap_terminal)
render_role_terminal = _plain(_terminal.render_role_terminal)
render_roles_terminal = _plain(_terminal.render_roles_terminal)

__all__ = ["render_cv", "render_cv_pdf", "pdf_writer_missing", "render_batch_index", "render_html", "render_roadmap_html", "render_json",
           "render_markdown", "render_posting_terminal", "render_roadmap_terminal",
           "render_role_terminal", "render_roles_terminal", "render_terminal", "relative_href"]
