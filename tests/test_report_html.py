"""The HTML and Markdown reports: structure, accessibility, self-containment and escaping.

XSS: hostile text is placed in every field that reaches a page (name, contact, links, section
headings, skills and their evidence, positions, education, certifications, warnings, role data)
and every output is parsed to prove it arrived as text, never as markup.
"""
from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser

import pytest

from report_samples import SECTIONS, build_candidate, build_document, build_report, build_sections
from resume_match import render
from resume_match.match.templates import suggest_template
from resume_match.models import (Candidate, Component, Contact, Education, EducationEntry,
                                 Evidence, Experience, MatchedSkill, MissingSkill, Position,
                                 Report, RoleFit, RoleProfile, SkillHit, SkillRequirement)

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
HOSTILE = f"{SCRIPT}{IMG}"
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


class Page(HTMLParser):
    """Tags, attributes, headings and text of an HTML page."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[tuple[int, str]] = []
        self.text: list[str] = []
        self._in: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in.append(tag)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append((int(tag[1]), ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in self._in:
            while self._in and self._in.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.headings and any(re.fullmatch(r"h[1-6]", t) for t in self._in):
            level, text = self.headings[-1]
            self.headings[-1] = (level, text + data)

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag]

    @property
    def all_text(self) -> str:
        return " ".join(" ".join(self.text).split())


@pytest.fixture(scope="module")
def report() -> Report:
    return build_report()


@pytest.fixture(scope="module")
def page(report: Report) -> Page:
    return Page(render.render_html(report, cv_href="cv/jane doe.html"))


# ---------------------------------------------------------------- self-contained and safe

def test_csp_meta_is_restrictive(page: Page) -> None:
    metas = [m for m in page.named("meta") if (m.get("http-equiv") or "").lower() == "content-security-policy"]
    assert len(metas) == 1
    assert (metas[0]["content"] or "").startswith(CSP)


def test_loads_nothing_remote(report: Report) -> None:
    html = render.render_html(report, cv_href="cv.html")
    p = Page(html)
    assert not p.named("script") and not p.named("link") and not p.named("img") and not p.named("iframe")
    assert all("src" not in attrs for _, attrs in p.tags)
    assert "@import" not in html and not re.search(r"url\((?!data:)", html)
    assert [a["href"] for a in p.named("a")] == ["cv.html", "cv.html"]


def test_no_cv_link_without_cv(report: Report) -> None:
    assert not Page(render.render_html(report)).named("a")


def test_cv_href_is_url_quoted(page: Page) -> None:
    assert {a["href"] for a in page.named("a")} == {"cv/jane%20doe.html"}


def test_prints_well(report: Report) -> None:
    html = render.render_html(report)
    assert "@media print" in html and "break-inside: avoid" in html


# ---------------------------------------------------------------- content and accessibility

def test_headings_in_order(page: Page) -> None:
    levels = [lvl for lvl, _ in page.headings]
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, page.headings


def test_charts_are_labelled_svg(page: Page, report: Report) -> None:
    svgs = page.named("svg")
    best = next(f for f in report.fits if f.role == report.best_role)
    # two gauges, one bar per component and one per other role
    assert len(svgs) == 2 + len(best.components) + len(report.fits) - 1
    for svg in svgs:
        assert svg.get("role") == "img" and (svg.get("aria-label") or svg.get("aria-labelledby"))
    assert "Fit for Machine Learning Engineer: 78 out of 100 (Strong)" in page.all_text
    assert "Required skills: 36 of 45 points" in page.all_text


def test_shows_fit_skills_evidence_advice_and_next_step(page: Page) -> None:
    text = page.all_text
    assert "78/100" in text and "Strong fit" in text
    assert "Built a PyTorch ranking model serving 3M daily users" in text
    assert "Kubernetes" in text and "readiness probe and autoscaling" in text
    assert "Career path, next step: Senior ML Engineer or ML Architect." in text
    assert "Data Scientist" in text and "71/100" in text


def test_ats_status_is_text_and_icon_not_only_colour(page: Page, report: Report) -> None:
    assert report.ats is not None
    items = [a for a in page.named("li") if (a.get("id") or "").startswith("check-")]
    assert len(items) == len(report.ats.checks)
    words = {"pass": "Pass", "warn": "Warning", "fail": "Fail"}
    for ch in report.ats.checks:
        assert f"{ch.title}{words[ch.status]}" in page.all_text.replace(" ", "") or \
            f"{ch.title} {words[ch.status]}" in page.all_text


def test_template_suggestion_with_reasons(page: Page, report: Report) -> None:
    assert report.template is not None
    assert f"Suggested CV template: {report.template.name}" in page.all_text
    assert "Practitioners with steady industry experience" in page.all_text   # from the YAML
    for reason in report.template.reasons:
        assert reason in page.all_text


def test_unreadable_report_renders_reason() -> None:
    cand = dataclasses.replace(build_candidate(), readable=False,
                               unreadable_reason="cv.pdf: image-only PDF (no text layer)")
    html = render.render_html(Report(candidate=cand))
    text = Page(html).all_text
    assert "This file could not be read" in text and "image-only PDF" in text
    assert "No roles scored" in text


# ---------------------------------------------------------------- Markdown

def test_markdown_sections(report: Report) -> None:
    md = render.render_markdown(report)
    assert md.startswith("# Resume report: Jane Doe\n")
    for heading in ("## Best-fit role: Machine Learning Engineer — 78/100", "### Matched skills",
                    "### Missing skills", "## ATS readiness: ", "## Suggested CV template: Classic CV"):
        assert heading in md
    assert "| Required skills | 36/45 |" in md


# ---------------------------------------------------------------- XSS

def hostile_report() -> Report:
    h = HOSTILE
    spec = tuple((k, f"{hd} {h}" if hd else hd, [f"{t} {h}" for t in texts]) for k, hd, texts in SECTIONS)
    sections = build_sections(spec)
    ev = (Evidence(section=f"experience {h}", page=1, text=f"Built {h}"),)
    cand = Candidate(
        source=f"/tmp/{h}.pdf", readable=True, unreadable_reason=None, name=f"Jane {h}",
        contact=Contact(email=f"x{h}@example.com", phone=f"+44 {h}",
                        links=(f"javascript:alert(1)//{h}", f"https://example.com/{h}"),
                        location=f"London {h}"),
        sections=sections,
        skills=(SkillHit(id="python", name=f"Python {h}", category=h, evidence=ev, demonstrated=True),),
        experience=Experience(years=4.5, positions=(
            Position(title=f"Engineer {h}", organization=f"Acme {h}", start="2022-01", end=None,
                     current=True, text=spec[2][2][0]),)),
        education=Education(highest_degree="master", entries=(
            EducationEntry(degree=f"MSc {h}", level="master", field=f"ML {h}",
                           institution=f"UCL {h}", year=2019),)),
        certifications=(f"AWS {h}",), warnings=(f"odd {h}",),
        document=build_document(sections))
    matched = MatchedSkill(id="python", name=f"Python {h}", required=True, weight=1, credit=1,
                           via=f"py {h}", demonstrated=True, evidence=ev,
                           close=f"via py {h} is related")
    fit = RoleFit(role="custom", title=f"Role {h}", score=55,
                  components=(Component("required_skills", 20, 45, f"detail {h}"),),
                  matched=(matched,), missing=(MissingSkill("k8s", f"K8s {h}", True, 1, f"Learn {h}"),))
    other = dataclasses.replace(fit, role="other", title=f"Other {h}", score=20)
    role = RoleProfile(id="custom", title=f"Role {h}", stage="mid", summary=h,
                       required=(SkillRequirement(("python",)),))
    from resume_match.match.ats import check_ats
    return Report(candidate=cand, fits=(fit, other), best_role="custom", next_roles=("other",),
                  next_role_titles=(other.title,), ats=check_ats(cand), template=suggest_template(cand, role))


def assert_inert(html: str) -> Page:
    p = Page(html)
    tags = {t for t, _ in p.tags}
    assert "script" not in tags and "img" not in tags, tags
    for tag, attrs in p.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, name, value)
    assert SCRIPT in p.all_text and "<img src=x onerror=alert(1)>" in p.all_text
    return p


def test_hostile_text_renders_as_text_in_the_report() -> None:
    r = hostile_report()
    p = assert_inert(render.render_html(r, cv_href="cv.html"))
    text = p.all_text
    for where in ("Jane <script>", "London <script>", "Role <script>", "Python <script>",
                  "Built <script>", "Learn <script>", "K8s <script>", "detail <script>",
                  "Engineer <script>", "Acme <script>", "MSc <script>", "UCL <script>",
                  "AWS <script>", "odd <script>", "Other <script>", "via py <script>",
                  "javascript:alert(1)//<script>", "example.com/<script>"):
        assert where in text, where
    assert '"Experience <script>' in text            # a creative heading quoted in the ATS check


@pytest.mark.parametrize("template_id", ["classic", "template-a", "template-b", "executive"])
def test_hostile_text_renders_as_text_in_every_cv(template_id: str) -> None:
    p = assert_inert(render.render_cv(hostile_report(), template_id))
    text = p.all_text
    # the CV shows the section lines as printed: the hostile text in each comes back as text
    for where in ("Jane <script>", "Built a PyTorch ranking model", "2019 <script>",
                  "statistics <script>", "Specialty, 2023 <script>"):
        assert where in text, where
    assert text.count("<script>alert(1)</script>") >= 10
    hrefs = [a.get("href") or "" for a in p.named("a")]
    assert hrefs and all(h.startswith(("mailto:", "https://")) for h in hrefs), hrefs


def test_hostile_text_is_escaped_in_markdown() -> None:
    md = render.render_markdown(hostile_report())
    assert "<script>" not in md and "<img" not in md
    assert "&lt;script&gt;alert\\(1\\)" in md or "&lt;script&gt;alert(1)" in md


def test_terminal_lists_ats_problems_and_template(report: Report) -> None:
    text = render.render_terminal(report)
    assert report.ats is not None and report.template is not None
    assert f"  ATS readiness: {report.ats.score}/100" in text
    assert "    [WARN] Length fits experience: Only 1 page" in text
    assert "[PASS]" not in text
    assert f"  Suggested CV template: {report.template.name} (" in text


def test_empty_unreadable_report_renders_everywhere() -> None:
    from resume_match.models import Contact, Education, Experience
    cand = Candidate(source="scan.pdf", readable=False, unreadable_reason="image-only PDF",
                     name=None, contact=Contact(), sections=(), skills=(), experience=Experience(),
                     education=Education(), certifications=())
    r = Report(candidate=cand)
    assert "Unnamed candidate" in Page(render.render_html(r)).all_text
    assert Page(render.render_cv(r)).headings == [(1, "Your Name")]
    assert "**Not readable:** image\\-only PDF" in render.render_markdown(r) or \
        "**Not readable:** image-only PDF" in render.render_markdown(r)
    assert "NOT READABLE: image-only PDF" in render.render_terminal(r)


@pytest.mark.parametrize("href", ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<script>x</script>",
                                  "//evil.example/cv.html"])
def test_unsafe_cv_href_is_dropped(report: Report, href: str) -> None:
    assert not Page(render.render_html(report, cv_href=href)).named("a")


def test_component_points_are_shown_to_one_decimal() -> None:
    from resume_match.models import Component
    from resume_match.render.views import _component_view
    view = _component_view(Component("required_skills", 37.0666, 45.0, "8 of 9 required skills."))
    assert (view["points"], view["max"]) == ("37.1", "45")


class _Row(dict):   # type: ignore[type-arg]
    """A dict subclass: not a plain dict, so the environment's dict fast path must not apply."""

    title = "attribute wins"


def test_dict_attribute_fast_path_renders_as_plain_jinja2() -> None:
    """report.environment() looks `x.key` up on plain dicts as an item first (a speed-up); every
    kind of lookup must render exactly as in jinja2's own Environment, errors included."""
    import jinja2
    source = ("{{ d.name }}|{{ d.items is callable }}|{{ d.keys()|list }}|{{ d.__class__.__name__ }}|"
              "{{ r.title }}|{{ r.name }}|{{ n.real }}|{{ s.upper() }}|{{ d.get('name') }}")
    context = {"d": {"name": "<b>", "items": "item"}, "r": _Row(title="item", name="x"), "n": 3,
               "s": "up"}
    fast = render.html.environment()
    plain = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    assert type(fast) is not jinja2.Environment
    assert (fast.from_string(source).render(**context)
            == plain.from_string(source).render(**context))
    for missing in ("{{ d.nothing }}", "{{ d.nothing.deeper }}", "{{ n.nothing }}"):
        with pytest.raises(jinja2.UndefinedError) as fast_error:
            fast.from_string(missing).render(**context)
        with pytest.raises(jinja2.UndefinedError) as plain_error:
            plain.from_string(missing).render(**context)
        assert str(fast_error.value) == str(plain_error.value)
    assert fast.from_string("{{ d.nothing is defined }}").render(**context) == "False"


def test_education_lines_name_the_field_once_and_skip_what_is_unknown(report: Report) -> None:
    """'M.Tech in Computer Science' already names its field: it is not repeated; a degree
    without a field or year leaves no gap; a level stands in for an unnamed degree."""
    entries = (EducationEntry(degree="M.Tech in Computer Science", level="master",
                              field="Computer Science", institution="IIT Madras", year=2017),
               EducationEntry(degree="B.E", level="bachelor", field=None,
                              institution="Anna University", year=None),
               EducationEntry(degree=None, level="high_school", field=None, institution=None,
                              year=2010))
    cand = dataclasses.replace(report.candidate, education=Education(highest_degree="master",
                                                                     entries=entries))
    r = dataclasses.replace(report, candidate=cand)
    expected = ["M.Tech in Computer Science, IIT Madras, 2017", "B.E, Anna University",
                "High School, 2010"]
    assert render.views.report_view(r)["education"] == expected
    assert "\n".join(f"    {line}" for line in expected) in render.render_terminal(r)
