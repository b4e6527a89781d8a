"""The four CV templates: the candidate's own content, one column, standard headings, real text."""
from __future__ import annotations

import dataclasses
import re

import pytest

from report_samples import build_report
from resume_match import render
from resume_match.render import cv as render_cv_mod, views as render_views
from resume_match.errors import DataError
from resume_match.models import Line, Report, TemplateSuggestion
from test_report_html import Page

TEMPLATES = ("classic", "template-a", "template-b", "executive")


def ln(text: str, x0: float, x1: float) -> Line:
    """A line placed on the page (x0..x1), for tests that depend on indentation and wrapping."""
    return Line(text=text, page=1, x0=x0, x1=x1)


@pytest.fixture(scope="module")
def report() -> Report:
    return build_report()


def h2s(html: str) -> list[str]:
    return [t.strip() for lvl, t in Page(html).headings if lvl == 2]


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_cv_is_one_column_real_text(report: Report, template_id: str) -> None:
    html = render.render_cv(report, template_id)
    p = Page(html)
    tags = {t for t, _ in p.tags}
    assert not tags & {"table", "img", "script", "link", "iframe", "svg"}
    assert not re.search(r"columns?\s*:|grid-template-columns|float\s*:", html)
    assert "default-src 'none'" in html and "@media print" in html
    assert [lvl for lvl, _ in p.headings][0] == 1 and p.headings[0][1] == "Jane Doe"
    text = p.all_text
    for want in ("jane.doe@example.com", "+44 20 7946 0958", "Machine Learning Engineer",
                 "Acme Retail, London", "Jan 2022 - Present", "Jun 2019 - Dec 2021",
                 "Built a PyTorch ranking model serving 3M daily users, lifting click-through 12%",
                 "MSc Machine Learning, University College London", "2019",
                 "AWS Certified Machine Learning - Specialty, 2023", "Kaggle: top 5%"):
        assert want in text, (template_id, want)
    assert "•" not in text            # bullet glyphs become list items, not characters


@pytest.mark.parametrize("template_id, order", [
    ("classic", ["Summary", "Experience", "Education", "Skills", "Projects", "Certifications"]),
    ("template-a", ["Summary", "Skills", "Projects", "Experience", "Education", "Certifications"]),
    ("template-b", ["Research Summary", "Education", "Research and Professional Experience",
                    "Projects", "Technical Skills", "Certifications"]),
    ("executive", ["Executive Profile", "Core Competencies", "Professional Experience",
                   "Education", "Certifications", "Selected Projects"]),
])
def test_section_order_per_template(report: Report, template_id: str, order: list[str]) -> None:
    assert h2s(render.render_cv(report, template_id)) == order


def test_bullets_grouped_under_their_position(report: Report) -> None:
    view = render_cv_mod.cv_view(report)
    first, second = view["experience"]
    assert first["title"] == "Machine Learning Engineer, Acme Retail, London" and len(first["bullets"]) == 4
    assert first["when"] == "Jan 2022 - Present"
    assert second["title"] == "Data Scientist, Bright Analytics, Manchester" and len(second["bullets"]) == 3
    assert second["bullets"][0].startswith("Developed demand forecasting")


def test_skills_are_the_lines_as_written(report: Report) -> None:
    """Not rebuilt from the skills found (which would add names the CV never wrote)."""
    assert render_cv_mod.cv_view(report)["skills"] == [
        "Python, PyTorch, scikit-learn, SQL, Spark, Docker, AWS, Git, statistics"]


def test_suggested_template_used_by_default(report: Report) -> None:
    exec_report = dataclasses.replace(report, template=TemplateSuggestion(
        name="Executive CV", id="executive", reasons=("x",)))
    assert "Executive Profile" in h2s(render.render_cv(exec_report))
    assert "Executive Profile" not in h2s(render.render_cv(exec_report, "classic"))
    no_suggestion = dataclasses.replace(report, template=None)
    assert h2s(render.render_cv(no_suggestion))[1] == "Experience"


def test_unknown_template_is_a_data_error(report: Report) -> None:
    with pytest.raises(DataError, match="no template with id 'fancy'"):
        render.render_cv(report, "fancy")


def test_wrapped_lines_rejoin_into_one_bullet() -> None:
    from report_samples import build_candidate, build_document, build_sections, SECTIONS
    spec = tuple((k, h, ["Machine Learning Engineer, Acme Retail, London  Jan 2022 - Present",
                         "• Built a ranking model that lifted click-through",
                         "by 12% for 3M users",
                         "• Deployed it on AWS"] if k == "experience" else t) for k, h, t in SECTIONS)
    sections = build_sections(spec)
    cand = dataclasses.replace(build_candidate(), sections=sections, document=build_document(sections))
    view = render_cv_mod.cv_view(Report(candidate=cand))
    assert view["experience"][0]["bullets"] == [
        "Built a ranking model that lifted click-through by 12% for 3M users", "Deployed it on AWS"]


def test_join_wrapped_uses_line_geometry() -> None:
    from resume_match.match.ats import join_wrapped
    block = [ln("Micromouse | C, PID   June 2020", 50, 540),          # entry title at the margin
             ln("• Built an autonomous maze-solving robot with a self-designed", 60, 538),
             ln("PCB and sensor fusion", 70, 200),                       # wrapped, indented
             ln("• Tuned PID control loops", 60, 220),
             ln("Electrocardiogram | Arduino   Mar 2020", 50, 540),      # next entry's title
             ln("• Designed an Arduino ECG", 60, 250)]
    assert join_wrapped(block) == [
        "Micromouse | C, PID   June 2020",
        "Built an autonomous maze-solving robot with a self-designed PCB and sensor fusion",
        "Tuned PID control loops", "Electrocardiogram | Arduino   Mar 2020", "Designed an Arduino ECG"]
    paragraph = [ln("Led a team of five engineers building a ranking service that", 50, 540),
                 ln("Served 3M users. Cut latency by 40%.", 50, 300),
                 ln("Mentored two interns.", 50, 200)]
    assert join_wrapped(paragraph) == [
        "Led a team of five engineers building a ranking service that Served 3M users. Cut latency by 40%.",
        "Mentored two interns."]


def test_projects_grouped_under_their_titles(report: Report) -> None:
    from resume_match.models import Section
    lines = (ln("Projects", 47, 100),
             ln("Micromouse | C, PID   June 2020", 47, 571),
             ln("Built an autonomous maze-solving robot with a self-designed PCB, tuned", 62, 560),
             ln("its PID loops and won the regional contest", 71, 300),
             ln("Arduino ECG | Arduino C   Mar 2020", 47, 571),
             ln("Designed an Arduino electrocardiogram with analogue filters.", 62, 420),
             ln("Added an OLED display and battery power.", 62, 380))
    cand = report.candidate
    sections = tuple(s for s in cand.sections if s.kind != "projects") + (
        Section(kind="projects", heading="Projects", page=1, lines=lines),)
    view = render_cv_mod.cv_view(dataclasses.replace(report, candidate=dataclasses.replace(cand, sections=sections)))
    assert view["projects"] == [
        {"title": "Micromouse | C, PID", "when": "June 2020", "sub": [], "bullets": [
            "Built an autonomous maze-solving robot with a self-designed PCB, tuned its PID loops "
            "and won the regional contest"]},
        {"title": "Arduino ECG | Arduino C", "when": "Mar 2020", "sub": [], "bullets": [
            "Designed an Arduino electrocardiogram with analogue filters.",
            "Added an OLED display and battery power."]}]
    html = render.render_cv(dataclasses.replace(report, candidate=dataclasses.replace(cand, sections=sections)), "classic")
    assert (3, "Micromouse | C, PID") in [(lvl, " ".join(t.split())) for lvl, t in Page(html).headings]


def test_experience_without_parsed_positions_keeps_entry_titles(report: Report) -> None:
    from resume_match.models import Experience, Section
    lines = (ln("Experience", 47, 120),
             ln("Acme Corp, Data Engineer (two years)", 47, 300),
             ln("• Built the nightly ETL in Airflow", 55, 300),
             ln("Beta Labs, Analyst", 47, 200),
             ln("• Wrote the churn dashboard", 55, 260))
    cand = report.candidate
    sections = tuple(s for s in cand.sections if s.kind != "experience") + (
        Section(kind="experience", heading="Experience", page=1, lines=lines),)
    cand = dataclasses.replace(cand, sections=sections, experience=Experience())
    view = render_cv_mod.cv_view(dataclasses.replace(report, candidate=cand))
    assert [(e["title"], e["bullets"]) for e in view["experience"]] == [
        ("Acme Corp, Data Engineer (two years)", ["Built the nightly ETL in Airflow"]),
        ("Beta Labs, Analyst", ["Wrote the churn dashboard"])]


def test_degree_field_not_repeated() -> None:
    assert render_views._degree_text("BSc Computer Science", "Computer Science") == "BSc Computer Science"
    assert render_views._degree_text("MSc", "Machine Learning") == "MSc in Machine Learning"
    assert render_views._degree_text(None, "Physics") == "Physics"


def test_join_wrapped_trusts_the_readers_bullet_flag() -> None:
    """Readers strip bullet glyphs and set Line.bullet; items must still split at each bullet."""
    import dataclasses as dc

    from resume_match.match.ats import join_wrapped
    block = [dc.replace(ln("Built an autonomous maze-solving robot with a self-designed", 60, 538), bullet=True),
             dc.replace(ln("PCB and sensor fusion", 70, 200), bullet=False),
             dc.replace(ln("Tuned PID control loops to run at the margin of the column", 60, 538), bullet=True),
             dc.replace(ln("Designed an Arduino ECG", 60, 250), bullet=True)]
    block = [dc.replace(b, text=b.text.lstrip("• ")) for b in block]
    assert join_wrapped(block) == [
        "Built an autonomous maze-solving robot with a self-designed PCB and sensor fusion",
        "Tuned PID control loops to run at the margin of the column", "Designed an Arduino ECG"]


def test_education_dates_keep_their_printed_words_and_the_gpa_its_number(report: Report) -> None:
    """'Expected June 2023' and 'July `15 (expected)' are the dates as printed (the word is not
    left on the degree line);
    a GPA just before a date keeps its whole number ('GPA: 4.00', not 'GPA: 4.' and '00 Aug 2012')."""
    from resume_match.models import Section
    lines = (ln("Education", 47, 120),
             ln("M.S. in Statistics, Stanford University, Expected June 2023", 47, 571),
             ln("B.S. in Mathematics, Reed College, Portland, OR", 47, 400),
             ln("GPA: 4.00 Aug 2012", 47, 571),
             ln("B.A. in Economics, Oberlin College  Graduated: 2009", 47, 571),
             ln("Master of Science in Analytics  July ‘14 – July `15 (expected)", 47, 571))
    cand = report.candidate
    sections = tuple(s for s in cand.sections if s.kind != "education") + (
        Section(kind="education", heading="Education", page=1, lines=lines),)
    view = render_cv_mod.cv_view(dataclasses.replace(report, candidate=dataclasses.replace(cand, sections=sections)))
    assert [(e["title"], e["sub"], e["when"]) for e in view["education"]] == [
        ("M.S. in Statistics, Stanford University", [], "Expected June 2023"),
        ("B.S. in Mathematics, Reed College, Portland, OR", ["GPA: 4.00"], "Aug 2012"),
        ("B.A. in Economics, Oberlin College", [], "Graduated: 2009"),
        ("Master of Science in Analytics", [], "July ‘14 – July `15 (expected)")]
