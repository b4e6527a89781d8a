"""Rendering, apart from analysis: a Report (or a posting, roadmap, role) as text for people.

One module per output: json, terminal (plain text), markdown, html (report, roadmap, batch
index), cv (the CV in a template); views.py holds the plain values they share, and blind.py
removes what identifies a person before anything is rendered.
"""
from resume_match.render.cv import pdf_writer_missing, render_cv, render_cv_pdf
from resume_match.render.html import render_batch_index, render_html, render_roadmap_html
from resume_match.render.json import render_json
from resume_match.render.markdown import render_markdown
from resume_match.render.terminal import (render_posting_terminal, render_roadmap_terminal,
                                          render_role_terminal, render_roles_terminal,
                                          render_terminal)
from resume_match.render.views import relative_href

__all__ = ["render_cv", "render_cv_pdf", "pdf_writer_missing", "render_batch_index", "render_html", "render_roadmap_html", "render_json",
           "render_markdown", "render_posting_terminal", "render_roadmap_terminal",
           "render_role_terminal", "render_roles_terminal", "render_terminal", "relative_href"]
