"""ATS readiness checks: each check has a fixture that triggers it and one that passes it.

Candidates are hand-built dataclasses (tests/report_samples.py), varied one fact at a time, so each
test pins one check's rule independently of the readers and section splitter.
"""
from __future__ import annotations

import dataclasses

import pytest

from report_samples import (EXPERIENCE, SECTIONS, build_candidate, build_document, build_sections,
                            lines_for)
from resume_match.match.ats import ats_rules, check_ats
from resume_match.match.templates import suggest_template, template_data
from resume_match.models import (AtsCheck, Candidate, Contact, Education, Experience,
                                 Position, RoleProfile, Section, SkillRequirement)

CHECK_IDS = ("text_layer", "layout", "tables", "graphics", "contact", "headings", "dates",
             "length", "measurable", "action_verbs", "characters", "file")


def check(candidate: Candidate, check_id: str) -> AtsCheck:
    return next(c for c in check_ats(candidate).checks if c.id == check_id)


def with_layout(**kw: object) -> Candidate:
    """The sample candidate with some Layout facts changed."""
    cand = build_candidate()
    doc = cand.document
    assert doc is not None
    return dataclasses.replace(cand, document=dataclasses.replace(
        doc, layout=dataclasses.replace(doc.layout, **kw)))


def with_sections(spec: tuple[tuple[str, str, list[str]], ...], **kw: object) -> Candidate:
    """The sample candidate with other section content (and the document rebuilt to match)."""
    cand = build_candidate()
    sections = build_sections(spec)
    assert cand.document is not None
    doc = dataclasses.replace(build_document(sections), layout=cand.document.layout)
    return dataclasses.replace(cand, sections=sections, document=doc, **kw)


def replace_section(kind: str, lines: list[str], heading: str | None = None):
    return tuple((k, heading if (heading is not None and k == kind) else h, lines if k == kind else t)
                 for k, h, t in SECTIONS)


@pytest.fixture(scope="module")
def sample_checks() -> dict[str, AtsCheck]:
    return {c.id: c for c in check_ats(build_candidate()).checks}


# ---------------------------------------------------------------- the whole report

def test_every_check_present_once_with_sentence_advice(sample_checks: dict[str, AtsCheck]) -> None:
    report = check_ats(build_candidate())
    assert tuple(c.id for c in report.checks) == CHECK_IDS
    for c in report.checks:
        assert c.status in ("pass", "warn", "fail")
        assert c.title and c.evidence
        assert c.advice.endswith(".") and c.advice.count(". ") == 0, c.advice


@pytest.mark.parametrize("check_id", [c for c in CHECK_IDS if c != "length"])
def test_clean_sample_passes(sample_checks: dict[str, AtsCheck], check_id: str) -> None:
    assert sample_checks[check_id].status == "pass", sample_checks[check_id]


def test_score_weights_pass_warn_fail() -> None:
    clean = check_ats(build_candidate()).score
    messy = check_ats(with_layout(columns=2, tables=3, images=2)).score
    assert 90 <= clean <= 100
    weights = ats_rules()["weights"]
    drop = (weights["layout"] + weights["tables"] + weights["graphics"]) / 2
    total = sum(weights.values())
    assert clean - messy == pytest.approx(100 * drop / total, abs=1)


def test_unreadable_file_scores_low() -> None:
    cand = dataclasses.replace(build_candidate(), readable=False, unreadable_reason="image-only PDF")
    report = check_ats(cand)
    assert report.checks[0].status == "fail" and "image-only PDF" in report.checks[0].evidence
    assert report.score <= ats_rules()["critical_cap"]


def test_unreadable_file_shows_the_one_cause_not_its_consequences(fixtures_dir) -> None:
    """A scan has no text, so contact, headings, dates and bullets cannot be judged: only the
    checks that do not need text are reported, and the text layer is the failure."""
    from resume_match import api
    report = check_ats(api.read(fixtures_dir / "image_only.pdf"))
    assert [c.id for c in report.checks] == ["text_layer", "file"]
    assert [c.status for c in report.checks if c.status == "fail"] == ["fail"]
    assert report.score <= ats_rules()["critical_cap"]


# ---------------------------------------------------------------- one check at a time

def test_text_layer_ocr_fails() -> None:
    c = check(with_layout(ocr=True), "text_layer")
    assert c.status == "fail" and "OCR" in c.evidence


def test_text_layer_undecodable_glyphs_warn() -> None:
    c = check(with_layout(cid_glyphs=12), "text_layer")
    assert c.status == "warn" and "12 characters" in c.evidence


def test_layout_two_columns_warn() -> None:
    cand = build_candidate()
    assert cand.document is not None
    page = dataclasses.replace(cand.document.pages[0], columns=2)
    cand = dataclasses.replace(cand, document=dataclasses.replace(cand.document, pages=(page,)))
    c = check(cand, "layout")
    assert c.status == "warn" and "2 text columns" in c.evidence and "page 1" in c.evidence


def test_layout_sidebar_warns() -> None:
    c = check(with_layout(sidebar=True), "layout")
    assert c.status == "warn" and "sidebar" in c.evidence.lower()


def test_tables_and_text_boxes_warn() -> None:
    c = check(with_layout(tables=2, text_boxes=1), "tables")
    assert c.status == "warn" and "2 tables" in c.evidence and "1 text box" in c.evidence


def test_images_and_icons_warn() -> None:
    c = check(with_layout(images=1, icon_glyphs=4), "graphics")
    assert c.status == "warn" and "1 image" in c.evidence and "4 icon glyphs" in c.evidence


def test_icon_glyphs_in_text_counted_when_reader_did_not() -> None:
    header = ["Jane Doe", "\uf0e0 jane.doe@example.com  \uf095 +44 20 7946 0958"]
    c = check(with_sections(replace_section("header", header)), "graphics")
    assert c.status == "warn" and "2 icon glyphs" in c.evidence


def test_contact_missing_fails() -> None:
    c = check(dataclasses.replace(build_candidate(), contact=Contact()), "contact")
    assert c.status == "fail"


def test_contact_only_in_header_footer_fails() -> None:
    cand = build_candidate()
    cand = dataclasses.replace(cand, contact=dataclasses.replace(cand.contact, in_margin=True))
    c = check(cand, "contact")
    assert c.status == "fail" and "header or footer" in c.evidence


def test_contact_without_phone_warns() -> None:
    cand = build_candidate()
    c = check(dataclasses.replace(cand, contact=dataclasses.replace(cand.contact, phone=None)), "contact")
    assert c.status == "warn" and "no phone number" in c.evidence


def test_contact_without_name_warns() -> None:
    c = check(dataclasses.replace(build_candidate(), name=None), "contact")
    assert c.status == "warn" and "no name" in c.evidence


def test_creative_heading_warns() -> None:
    spec = replace_section("experience", EXPERIENCE, heading="My Journey")
    spec = tuple(("other" if h == "My Journey" else k, h, t) for k, h, t in spec)
    c = check(with_sections(spec), "headings")
    assert c.status == "warn" and '"My Journey"' in c.evidence


def test_creative_heading_mapped_to_a_kind_still_warns() -> None:
    c = check(with_sections(replace_section("skills", ["Python, SQL"], heading="My Toolbox of Magic")), "headings")
    assert c.status == "warn" and "My Toolbox of Magic" in c.evidence


def test_standard_variants_pass() -> None:
    spec = replace_section("experience", EXPERIENCE, heading="PROFESSIONAL EXPERIENCE")
    spec = tuple((k, "Skills & Abilities" if k == "skills" else h, t) for k, h, t in spec)
    assert check(with_sections(spec), "headings").status == "pass"


def test_no_headings_fails() -> None:
    lines = [t for _, _, texts in SECTIONS for t in texts]
    cand = with_sections((("header", "", lines),))
    assert check(cand, "headings").status == "fail"


def _positions(*texts_and_starts: tuple[str, str | None]) -> Experience:
    return Experience(years=4.5, positions=tuple(
        Position(title="Engineer", organization="Acme", start=s, end=None, text=t)
        for t, s in texts_and_starts))


def test_dates_mixed_formats_warn() -> None:
    exp = _positions(("Engineer, Acme  Jan 2022 - Present", "2022-01"),
                     ("Analyst, Beta  06/2019 - 12/2021", "2019-06"))
    c = check(dataclasses.replace(build_candidate(), experience=exp), "dates")
    assert c.status == "warn" and "MM/YYYY" in c.evidence and "month name" in c.evidence


def test_dates_unparseable_fail() -> None:
    exp = _positions(("Engineer, Acme  since the spring", None), ("Analyst, Beta  a while", None),
                     ("Intern, Gamma  2018", "2018"))
    c = check(dataclasses.replace(build_candidate(), experience=exp), "dates")
    assert c.status == "fail" and "2 of 3 positions" in c.evidence


def test_dates_missing_warn() -> None:
    c = check(dataclasses.replace(build_candidate(), experience=Experience(years=None)), "dates")
    assert c.status == "warn" and "could not be read as position" in c.evidence
    assert "month name and year" in c.evidence        # what the experience lines do contain
    no_dates = with_sections(replace_section("experience", ["Engineer at Acme", "• Built things for people"]))
    c = check(dataclasses.replace(no_dates, experience=Experience(years=None)), "dates")
    assert c.status == "warn" and c.evidence == "No dated positions were found."


def test_length_three_pages_for_a_graduate_fails() -> None:
    cand = with_layout(page_count=3)
    cand = dataclasses.replace(cand, experience=dataclasses.replace(cand.experience, years=1.0))
    c = check(cand, "length")
    assert c.status == "fail" and "3 pages" in c.evidence and "under 5 years" in c.evidence


def test_length_two_pages_fine_for_ten_years() -> None:
    long_exp = EXPERIENCE + [f"• Delivered project {i} with measurable gains of {i}% in quality and speed for clients"
                             for i in range(12)]
    cand = with_sections(replace_section("experience", long_exp))
    cand = dataclasses.replace(cand, experience=dataclasses.replace(cand.experience, years=10.0))
    assert cand.document is not None
    cand = dataclasses.replace(cand, document=dataclasses.replace(
        cand.document, layout=dataclasses.replace(cand.document.layout, page_count=2)))
    c = check(cand, "length")
    assert c.status == "pass", c


def test_length_undated_career_not_judged_as_a_graduate() -> None:
    cand = dataclasses.replace(with_layout(page_count=2), experience=Experience(years=None))
    c = check(cand, "length")
    assert c.status == "warn" and "without parseable dates" in c.evidence   # thin, not too long
    assert "aim for" not in c.evidence


def test_length_too_thin_fails() -> None:
    cand = with_sections((("header", "", ["Jane Doe", "jane@example.com"]),
                          ("experience", "Experience", ["Engineer at Acme 2020 - 2023"])))
    c = check(cand, "length")
    assert c.status == "fail" and "Only" in c.evidence


DUTY_BULLETS = ["• Responsible for the data pipelines of the marketing team",
                "• Duties included model training and reporting to management",
                "• Worked on dashboards for the sales organisation and its leads",
                "• Involvement in the migration of the warehouse to the cloud"]


def test_measurable_counts_each_bullet() -> None:
    cand = with_sections(tuple((k, h, [EXPERIENCE[0], *DUTY_BULLETS] if k == "experience" else
                                ([] if k == "projects" else t)) for k, h, t in SECTIONS))
    c = check(cand, "measurable")
    assert c.status == "fail" and c.evidence.startswith("0 of 4 bullets")


def test_duty_bullets_fail_action_verbs() -> None:
    cand = with_sections(tuple((k, h, [EXPERIENCE[0], *DUTY_BULLETS] if k == "experience" else
                                ([] if k == "projects" else t)) for k, h, t in SECTIONS))
    c = check(cand, "action_verbs")
    # "Worked" is a past-tense verb by the suffix rule; the other three are duties.
    assert c.status == "fail" and c.evidence.startswith("1 of 4 bullets")


@pytest.mark.parametrize("bullet, verb", [
    ("Establishes the network environment for 40 offices", True),
    ("Manages a team of five analysts and their reporting", True),
    ("Dockerized the training jobs and the model server", True),
    ("Leading a team of AI engineers on language tasks", True),
    ("Projects include a churn model and a forecasting tool", False),
    ("Responsibilities included the weekly sales reporting", False),
    ("Duties included model training and reporting", False),
])
def test_action_verb_forms(bullet: str, verb: bool) -> None:
    from resume_match.match.ats import _starts_with_verb
    assert _starts_with_verb(bullet, ats_rules()) is verb


def test_no_bullets_warn() -> None:
    cand = with_sections(tuple((k, h, [EXPERIENCE[0]] if k == "experience" else
                                ([] if k == "projects" else t)) for k, h, t in SECTIONS))
    assert check(cand, "measurable").status == "warn"
    assert check(cand, "action_verbs").status == "warn"


def test_unusual_font_warns() -> None:
    c = check(with_layout(fonts=("Calibri", "ABCDEF+Papyrus-Regular")), "characters")
    assert c.status == "warn" and "Papyrus" in c.evidence


def test_subset_prefix_of_standard_font_passes() -> None:
    assert check(with_layout(fonts=("XKQZAB+Arial-BoldMT", "LMRoman10-Regular")), "characters").status == "pass"


def test_emoji_heavy_text_fails_characters() -> None:
    header = ["Jane Doe 🚀🔥✨💡", "📧 jane.doe@example.com 📱 +44 20 7946 0958 🌍 London 🌟🌟🌟🌟🌟🌟🌟🌟🌟🌟🌟🌟🌟🌟🌟🌟🌟🌟🌟🌟🌟🌟🌟🌟🌟🌟🌟🌟🌟🌟🌟🌟"]
    c = check(with_sections(replace_section("header", header)), "characters")
    assert c.status == "fail" and "unusual character" in c.evidence


def test_huge_file_fails() -> None:
    c = check(with_layout(file_size=6_500_000), "file")
    assert c.status == "fail" and "6.5 MB" in c.evidence


def test_large_file_warns() -> None:
    assert check(with_layout(file_size=3_000_000), "file").status == "warn"


@pytest.mark.parametrize("name", ["resume.pdf", "CV (1).pdf", "Final_Resume_v2.docx", "document.pdf"])
def test_generic_file_name_warns(name: str) -> None:
    c = check(with_layout(file_name=name), "file")
    assert c.status == "warn" and name in c.evidence


def test_plain_text_file_warns() -> None:
    assert check(with_layout(file_name="jane-doe.txt"), "file").status == "warn"


def test_no_document_still_checks_what_it_can() -> None:
    cand = dataclasses.replace(build_candidate(), document=None)
    report = check_ats(cand)
    assert {c.id: c.status for c in report.checks}["contact"] == "pass"
    assert 0 <= report.score <= 100


# ---------------------------------------------------------------- template suggestion

def role(role_id: str, title: str, stage: str) -> RoleProfile:
    return RoleProfile(id=role_id, title=title, stage=stage, summary="",
                       required=(SkillRequirement(("python",)),))


def candidate_with(years: float | None, kinds: tuple[str, ...] = (), degree: str = "bachelor",
                   positions: int = 0) -> Candidate:
    cand = build_candidate()
    extra = tuple(Section(kind=k, heading=k.capitalize(), page=1, lines=lines_for([k.capitalize()]))
                  for k in kinds)
    base = tuple(s for s in cand.sections if s.kind not in ("projects", "publications"))
    pos = tuple(Position(title="Engineer", organization=f"Org {i}", start="2020-01", end="2021-01",
                         text=f"Engineer, Org {i} Jan 2020 - Jan 2021") for i in range(positions))
    return dataclasses.replace(cand, sections=base + extra,
                               experience=Experience(years=years, positions=pos),
                               education=Education(highest_degree=degree))


def test_graduate_with_projects_gets_template_a() -> None:
    s = suggest_template(candidate_with(0.5, ("projects",)), role("data-analyst", "Data Analyst", "entry"))
    assert s.id == "template-a" and s.name == "TemplateA CV"
    assert any("Projects carry" in r for r in s.reasons)
    assert "The best-fit role, Data Analyst, is an entry-level role." in s.reasons
    assert "0.5 years of experience: entry-career stage." in s.reasons


def test_mid_career_engineer_gets_classic() -> None:
    s = suggest_template(candidate_with(5.0, positions=3), role("ml-engineer", "Machine Learning Engineer", "mid"))
    assert s.id == "classic" and s.name == "Classic CV"
    assert any("3 positions over 5 years" in r for r in s.reasons)


def test_researcher_with_publications_gets_template_b() -> None:
    s = suggest_template(candidate_with(4.0, ("publications",), "phd", 2),
                         role("research-scientist", "Research Scientist", "senior"))
    assert s.id == "template-b" and s.name == "TemplateB CV"
    assert any("Publications" in r for r in s.reasons) and any("doctorate" in r for r in s.reasons)


def test_long_career_senior_role_gets_executive() -> None:
    s = suggest_template(candidate_with(15.0, positions=5), role("ml-architect", "ML Architect", "senior"))
    assert s.id == "executive" and s.name == "Executive CV"
    assert any("15 years" in r for r in s.reasons)


def test_no_role_no_signal_defaults_to_classic_with_reason() -> None:
    s = suggest_template(candidate_with(None), None)
    assert s.id in ("classic", "template-a") and s.reasons


def test_every_template_defined_with_file_and_description() -> None:
    data = template_data()
    ids = [t["id"] for t in data["templates"]]
    assert ids == ["classic", "template-a", "template-b", "executive"]
    for t in data["templates"]:
        assert t["suits"] and t["file"].startswith("cv/") and t["name"].endswith(" CV")


# ---------------------------------------------------------------- paragraph-style entries

def test_paragraph_entries_split_into_sentences_and_leading_dates_dropped() -> None:
    exp = ["2021 – Machine Learning Engineer , OpenAI , San Francisco",
           "Present Leading a team of five AI engineers. Designed and implemented deep learning",
           "models for language tasks. Improved the efficiency of model training by 30%.",
           "2018 – 2021 Data Scientist , Uber , San Francisco",
           "Responsible for ride allocation models and their weekly reporting to managers."]
    spec = tuple((k, h, exp if k == "experience" else ([] if k == "projects" else t))
                 for k, h, t in SECTIONS)
    cand = with_sections(spec)
    verbs = check(cand, "action_verbs")
    assert verbs.evidence.startswith("3 of 4 bullets"), verbs      # Leading, Designed, Improved
    assert check(cand, "measurable").evidence.startswith("1 of 4 bullets")   # "five" is a word


# ---------------------------------------------------------------- real files through the readers

@pytest.mark.parametrize("fixture, check_id, status", [
    ("two_column.pdf", "layout", "warn"),
    ("sidebar.pdf", "layout", "warn"),
    ("table.pdf", "tables", "warn"),
    ("icons.pdf", "graphics", "warn"),
    ("cid_icons.pdf", "text_layer", "warn"),
    ("image_only.pdf", "text_layer", "fail"),
    ("one_column.pdf", "layout", "pass"),
    ("one_column.pdf", "tables", "pass"),
    ("one_column.pdf", "graphics", "pass"),
    ("one_column.pdf", "text_layer", "pass"),
    ("one_column.pdf", "contact", "pass"),
    ("one_column.pdf", "headings", "pass"),
])
def test_generated_pdfs(fixtures_dir, fixture: str, check_id: str, status: str) -> None:
    from resume_match import api
    c = check(api.read(fixtures_dir / fixture), check_id)
    assert c.status == status, c


def test_unknown_years_give_no_stage_reason() -> None:
    s = suggest_template(candidate_with(None, ("projects",)), None)
    assert s.id == "template-a"
    assert s.reasons == ("Projects carry the CV, with no dated work experience.",)


def test_bundled_data_files_load_and_bad_ones_are_named(monkeypatch: pytest.MonkeyPatch) -> None:
    from resume_match import data
    from resume_match.errors import DataError
    from resume_match.match import templates
    assert ats_rules()["weights"] and template_data()["templates"]
    with pytest.raises(DataError, match=r"^data/cv-templates.yaml: career_stages: expected"):
        data.validate({"templates": [{"id": "x"}]}, "cv-templates.yaml", "data/cv-templates.yaml")
    bad = {"career_stages": {}, "research_words": [], "long_career_years": 1, "templates": [{"id": "x"}]}
    monkeypatch.setattr(templates, "load", lambda name: bad)
    with pytest.raises(DataError, match=r"templates\[0\]\.name: expected"):
        templates.template_data()
    with pytest.raises(DataError, match=r"^ats.yaml: not valid YAML \(line 2\)"):
        data.parse_file_text("weights: [unclosed\n", "ats.yaml")
