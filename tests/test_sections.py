"""Headings found by typography and the heading lexicon, mapped to canonical section kinds."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pdfgen
import pytest

from resume_match.extract import read_document
from resume_match.extract.text import read_text
from resume_match.models import SECTION_KINDS, Document, Line, Page
from resume_match.parse.sections import load_lexicon, match_heading, split_sections

BODY = ("Built churn models in Python and SQL for a retail bank.", 10.0, False)


def make_doc(rows: list[tuple[str, float, bool]], x0s: list[float] | None = None) -> Document:
    """A one-page PDF-like Document from (text, size, bold) rows, 14 pt apart."""
    lines = tuple(Line(text=t, page=1, x0=(x0s[i] if x0s else 50.0), top=40.0 + 14 * i,
                       x1=500.0, bottom=50.0 + 14 * i, size=s, bold=b)
                  for i, (t, s, b) in enumerate(rows))
    return Document(source="cv.pdf", kind="pdf", pages=(Page(1, 612, 792, lines),))


def kinds(doc: Document) -> list[tuple[str, str]]:
    return [(s.kind, s.heading) for s in split_sections(doc)]


def test_text_before_the_first_heading_is_the_header_block() -> None:
    doc = make_doc([("Jane Doe", 20, True), ("jane@example.com", 10, False),
                    ("Experience", 14, True), BODY])
    secs = split_sections(doc)
    assert secs[0].kind == "header" and secs[0].heading == ""
    assert [ln.text for ln in secs[0].lines] == ["Jane Doe", "jane@example.com"]
    assert secs[1].kind == "experience" and [ln.text for ln in secs[1].lines] == [BODY[0]]


def test_heading_by_larger_font_alone() -> None:
    doc = make_doc([("Jane Doe", 20, False), ("Work History", 13, False), BODY, BODY,
                    ("Academic Background", 13, False), BODY])
    assert kinds(doc)[1:] == [("experience", "Work History"), ("education", "Academic Background")]


def test_heading_by_bold_at_body_size() -> None:
    doc = make_doc([("Jane Doe", 10, False), ("Core Competencies", 10, True), BODY, BODY])
    assert kinds(doc)[1] == ("skills", "Core Competencies")


def test_heading_by_capitals_at_body_size() -> None:
    doc = make_doc([("Jane Doe", 10, False), ("SELECTED PUBLICATIONS", 10, False), BODY])
    assert kinds(doc)[1] == ("publications", "SELECTED PUBLICATIONS")


@pytest.mark.parametrize("heading, kind", [
    ("Professional Experience", "experience"), ("Employment", "experience"),
    ("Research Experience", "experience"), ("Technical Skills", "skills"),
    ("Honors", "awards"), ("Honors & Awards", "awards"), ("Licenses & Certifications", "certifications"),
    ("Volunteer Experience", "volunteering"), ("Languages", "languages"), ("Hobbies", "interests"),
    ("Referees", "references"), ("Personal Projects", "projects"), ("Career Objective", "summary"),
    ("Experiance", "experience"),                  # typo, fuzzy match
    ("WORKEXPERIENCE", "experience"),              # spaces lost in the PDF text layer
    ("1. Education", "education"),                 # numbering
    ("E X P E R I E N C E", "experience"),         # letter-spaced display type
    ("WORK EXPERIENCE:", "experience"), ("Expérience", "experience"),
    ("Skills & Tools", "skills"),                  # keyword inside a longer heading
    ("Core Qualifications", "skills"), ("Academic Qualifications", "education"),
])
def test_heading_lexicon_maps_to_canonical_kinds(heading: str, kind: str) -> None:
    m = match_heading(heading)
    assert m is not None and m.kind == kind


def test_heading_by_space_above_in_a_plain_word_cv() -> None:
    """Same size, not bold, title case: the gap above sets 'Professional Experience and
    Internships' apart (a keyword heading, not a known whole heading)."""
    rows = [("Jane Doe", 10, False)] + [BODY] * 6 + [("Professional Experience and Internships", 10, False)] + [BODY] * 3
    lines = []
    top = 40.0
    for i, (t, s, b) in enumerate(rows):
        top += 30 if i == 7 else 12
        lines.append(Line(text=t, page=1, x0=50, x1=500, top=top, bottom=top + 10, size=s, bold=b))
    doc = Document("cv.pdf", "pdf", (Page(1, 612, 792, tuple(lines)),))
    assert kinds(doc)[1] == ("experience", "Professional Experience and Internships")
    even = dataclasses.replace(doc, pages=(Page(1, 612, 792, make_doc(rows).lines),))
    assert [k for k, _ in kinds(even)] == ["header"]


def test_a_bullet_is_not_a_heading() -> None:
    lines = (Line("Jane Doe", 1, top=0, bottom=10, size=20, bold=True),
             Line("Experience", 1, top=20, bottom=30, size=14, bold=True),
             Line("Research", 1, top=40, bottom=50, size=10, bullet=True))
    doc = Document("cv.pdf", "pdf", (Page(1, 612, 792, lines),))
    assert [k for k, _ in kinds(doc)] == ["header", "experience"]


def test_a_decorated_heading_whose_glyph_the_reader_stripped_is_still_a_heading() -> None:
    lines = (Line("Jane Doe", 1, top=0, bottom=10, size=20, bold=True),
             Line("EXPERIENCE", 1, top=20, bottom=30, size=14, bold=True, bullet=True),
             Line("Data Scientist, Acme", 1, top=40, bottom=50, size=10))
    doc = Document("cv.pdf", "pdf", (Page(1, 612, 792, lines),))
    assert [k for k, _ in kinds(doc)] == ["header", "experience"]


def test_sentences_are_not_headings() -> None:
    assert match_heading("Gained experience deploying models to production with Docker and AWS") is None
    doc = make_doc([("Jane Doe", 20, True), ("Experience", 14, True),
                    ("Experience with Python, Spark and Kubernetes.", 10, False)])
    assert [k for k, _ in kinds(doc)] == ["header", "experience"]


def test_lexicon_kinds_are_canonical() -> None:
    lex = load_lexicon()
    assert set(lex.phrases.values()) <= set(SECTION_KINDS) | {"coursework"}
    assert set(lex.keywords.values()) <= set(SECTION_KINDS) | {"coursework"}


def test_sub_label_smaller_than_the_cvs_headings_is_not_a_heading() -> None:
    """'Languages' as a small bold label inside Skills stays in Skills when the CV's own
    headings are larger."""
    doc = make_doc([("Jane Doe", 22, True), ("Experience", 14, True), BODY,
                    ("Education", 14, True), BODY, ("Skills", 14, True),
                    ("Languages", 11, True), ("Python, SQL, Scala", 10, False)])
    assert [k for k, _ in kinds(doc)] == ["header", "experience", "education", "skills"]


def test_unknown_heading_styled_like_the_others_is_other() -> None:
    doc = make_doc([("Jane Doe", 22, True), ("EXPERIENCE", 14, True), BODY,
                    ("MY JOURNEY", 14, True), BODY, ("EDUCATION", 14, True), BODY])
    assert kinds(doc)[2] == ("other", "MY JOURNEY")


def test_employers_in_the_headings_style_are_not_headings() -> None:
    """Some templates print employers exactly like section headings: then that style alone
    does not make a heading, and the experience section stays whole."""
    doc = make_doc([("Jane Doe", 22, True), ("EXPERIENCE", 12, True), ("GOOGLE", 12, True), BODY,
                    ("META", 12, True), BODY, ("NETFLIX", 12, True), BODY,
                    ("EDUCATION", 12, True), BODY, ("SKILLS", 12, True), BODY])
    assert [k for k, _ in kinds(doc)] == ["header", "experience", "education", "skills"]


def test_coursework_belongs_to_education_when_it_follows_it() -> None:
    doc = make_doc([("Jane Doe", 20, True), ("Education", 14, True), BODY,
                    ("Relevant Coursework", 14, True), ("Machine Learning, Statistics", 10, False),
                    ("Skills", 14, True), BODY, ("Coursework", 14, True), BODY])
    assert [k for k, _ in kinds(doc)] == ["header", "education", "education", "skills", "other"]


def test_headings_in_a_left_label_column_glued_to_content() -> None:
    """LaTeX CVs that print 'Education' in a margin column beside the first entry line."""
    rows = [("Jane Doe", 20, True), ("Education Virginia Tech Blacksburg, Virginia", 10, False),
            ("B.S. Computer Science August 2011 - May 2014", 10, False),
            ("Research Virginia Tech CS Department", 10, False),
            ("Experience Research Assistant January 2013 - Present", 10, False),
            (BODY[0], 10, False), (BODY[0], 10, False),
            ("Skills Python, C++, Scala", 10, False), (BODY[0], 10, False), (BODY[0], 10, False),
            (BODY[0], 10, False)]
    x0s = [30, 30, 98, 30, 30, 98, 98, 30, 98, 98, 98]
    secs = split_sections(make_doc(rows, x0s))
    assert [(s.kind, s.heading) for s in secs] == [
        ("header", ""), ("education", "Education"), ("experience", "Research Experience"),
        ("skills", "Skills")]
    assert secs[1].lines[0].text == "Virginia Tech Blacksburg, Virginia"
    assert [ln.text for ln in secs[2].lines[:2]] == [
        "Virginia Tech CS Department", "Research Assistant January 2013 - Present"]


def test_ordinary_cv_lines_left_of_the_bullets_are_not_labels() -> None:
    """'Software Engineer ...' at the left edge is a job line, not a 'Software' heading."""
    rows = [("Jane Doe", 14, True), ("Experience", 12, False), ("Google Mountain View, CA", 11, True),
            ("Software Engineer Oct 2016 - Present", 10, False), (BODY[0], 10, False),
            (BODY[0], 10, False), ("Coursera Mountain View, CA", 11, True),
            ("Software Engineer Jan 2014 - Oct 2016", 10, False), (BODY[0], 10, False),
            (BODY[0], 10, False), ("Projects", 12, False), (BODY[0], 10, False)]
    x0s = [36, 36, 36, 47, 71, 71, 36, 47, 71, 71, 36, 71]
    assert [k for k, _ in kinds(make_doc(rows, x0s))] == ["header", "experience", "projects"]


def test_markdown_headings() -> None:
    md = b"# Jane Doe\njane@example.com\n\n## Summary\nData scientist.\n\n## Work History\nAcme\n"
    doc = read_text(md, "cv.md")
    assert kinds(doc) == [("header", ""), ("summary", "Summary"), ("experience", "Work History")]


def test_plain_text_headings_by_lexicon_caps_and_colon() -> None:
    txt = (b"Jane Doe\nSeattle, WA\n\nPROFESSIONAL EXPERIENCE\nData Scientist, Acme 2019 - 2021\n\n"
           b"Education:\nB.S. Statistics, 2018\n\nSkills\nPython, SQL\n")
    doc = read_text(txt, "cv.txt")
    assert [k for k, _ in kinds(doc)] == ["header", "experience", "education", "skills"]


@pytest.mark.parametrize("heading, kind", [
    ("Berufserfahrung / Experience", "experience"), ("Ausbildung / Education", "education"),
    ("Kenntnisse | Skills", "skills"), ("Work Experience / Internships", "experience"),
    ("Skills/Tools", "skills"),
])
def test_a_known_heading_paired_with_another_name_is_that_heading(heading: str, kind: str) -> None:
    m = match_heading(heading)
    assert m is not None and (m.kind, m.whole) == (kind, True) and m.score < 95


def test_pairs_without_a_known_heading_are_not_headings() -> None:
    assert match_heading("Python / SQL") is None
    assert match_heading("Sales / Marketing / Support / Finance") is None    # four parts


def test_bilingual_headings_split_a_plain_text_cv() -> None:
    txt = ("Jana Novak\njana@example.com\n\nBerufserfahrung / Experience\n"
           "2019 - heute  ML Engineer, Zalando SE\n\nAusbildung / Education\n"
           "Dipl.-Inf., TU Berlin, 2016\n\nKenntnisse / Skills\nPython, SQL\n").encode()
    doc = read_text(txt, "cv.txt")
    assert [k for k, _ in kinds(doc)] == ["header", "experience", "education", "skills"]


def test_generated_pdf_sections(tmp_path: Path) -> None:
    doc = read_document(pdfgen.make_one_column(tmp_path / "one.pdf"))
    got = [s.kind for s in split_sections(doc)]
    assert got[0] == "header"
    assert {"summary", "experience", "education", "skills"} <= set(got)
    assert got.index("experience") < got.index("education")


def test_empty_document_has_no_sections() -> None:
    empty = Document(source="x.pdf", kind="pdf", pages=(Page(1, 612, 792, ()),))
    assert split_sections(empty) == ()


def test_fuzzy_search_by_length_window_finds_what_the_full_search_finds() -> None:
    """match_heading compares a key only with phrases of a length that can reach the cutoff;
    searching all phrases must give the same best match."""
    import random

    from rapidfuzz import fuzz, process

    from resume_match.parse.sections import FUZZY_CUTOFF
    lex = load_lexicon()
    rng = random.Random(3)
    keys = list(lex.phrases)
    for phrase in list(lex.phrases):       # near misses: letters dropped, added, changed
        for _ in range(6):
            chars = list(phrase)
            for _ in range(rng.randint(1, 3)):
                i = rng.randrange(len(chars) + 1)
                op = rng.choice("dai")
                if op == "d" and i < len(chars):
                    del chars[i]
                elif op == "a":
                    chars.insert(i, rng.choice("aeioustn"))
                elif i < len(chars):
                    chars[i] = rng.choice("aeioustn")
            keys.append("".join(chars))
    keys += ["".join(rng.choice("abcdeinorst") for _ in range(rng.randint(6, 48))) for _ in range(500)]
    for key in keys:
        full = process.extractOne(key, lex.phrases.keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        near = process.extractOne(key, lex.near_length(len(key)), scorer=fuzz.ratio,
                                  score_cutoff=FUZZY_CUTOFF)
        assert (full and full[:2]) == (near and near[:2]), key


def test_capitals_test_for_ascii_agrees_with_the_letter_by_letter_one() -> None:
    import random

    from resume_match.parse.sections import _is_caps
    rng = random.Random(11)
    texts = ["EXPERIENCE", "Experience", "AB", "A B C", "AB1", "SKILLS:", "", "123", "R&D", "ÉCOLE"]
    texts += ["".join(rng.choice("AbCZ z19-.&:") for _ in range(rng.randint(0, 8))) for _ in range(5000)]
    for text in texts:
        letters = [c for c in text if c.isalpha()]
        assert _is_caps(text) == (len(letters) >= 3 and all(c.isupper() for c in letters)), text


def test_heading_length_limit_counts_the_stripped_text() -> None:
    """match_heading turns text longer than MAX_HEADING_CHARS away before cleaning it: padding
    does not count, one character over the limit does."""
    from resume_match.parse.sections import MAX_HEADING_CHARS
    heading = "Experience " + "x" * (MAX_HEADING_CHARS - 11)
    assert len(heading) == MAX_HEADING_CHARS
    assert match_heading(f"   {heading}   ") is not None
    assert match_heading(heading + "x") is None


# ---------------------------------------------------------------- flattened plain text

FLAT_CV = """Skills * Programming Languages: Python (pandas, numpy), SQL, Java. * Machine learning: \
Regression, SVM, Random Forest. Operating Systems Windows, Ubuntu Education Details
May 2013 to May 2017 B.E   Rajiv Gandhi Technical University
Data Scientist - Matelabs
Skill Details
Python- Exprience - 24 months
Machine learning- Exprience - Less than 1 year months
SQL- Exprience - 12 monthsCompany Details

company - Matelabs
description - Built churn models in Python and SQL for a retail bank.
"""


def test_flattened_text_gets_sections_like_a_pdf() -> None:
    doc = read_text(FLAT_CV.encode(), "cv.txt")
    secs = split_sections(doc)
    assert [(s.kind, s.heading) for s in secs] == [
        ("skills", "Skills"), ("education", "Education Details"), ("skills", "Skill Details"),
        ("experience", "Company Details")]
    skills = [ln.text for ln in secs[0].lines]
    assert skills == ["Programming Languages: Python (pandas, numpy), SQL, Java. * Machine "
                      "learning: Regression, SVM, Random Forest. Operating Systems Windows, Ubuntu"]
    assert [ln.text for ln in secs[2].lines] == [
        "Python - Exprience - 24 months", "Machine learning - Exprience - Less than 1 year months",
        "SQL - Exprience - 12 months"]
    assert [ln.text for ln in secs[3].lines][0] == "company - Matelabs"


def test_capital_headings_run_into_their_text_are_cut_out() -> None:
    doc = read_text(b"SKILLS C Basics, Python, MATLAB, Microsoft Excel. RECOGNITION Secured "
                    b"first place in B.Tech.\nTools & Technologies: Python, Tableau\n", "cv.txt")
    secs = split_sections(doc)
    assert [(s.kind, s.heading) for s in secs] == [("skills", "SKILLS"), ("awards", "RECOGNITION")]
    assert [ln.text for ln in secs[0].lines] == ["C Basics, Python, MATLAB, Microsoft Excel."]
    # a labelled list inside a section stays one line: a colon labels, it does not head
    assert [ln.text for ln in secs[1].lines] == ["Secured first place in B.Tech.",
                                                 "Tools & Technologies: Python, Tableau"]


@pytest.mark.parametrize("text, kind", [
    ("Skill Details", "skills"), ("Education Details", "education"), ("Project Details", "projects"),
    ("Academic Information", "education"), ("Work Details", "experience"),
    ("Order Details", None), ("Shipping Information", None)])
def test_a_section_word_labelled_details_is_a_heading(text: str, kind: str | None) -> None:
    m = match_heading(text)
    assert (m.kind if m and m.whole else None) == kind


def test_pdf_lines_are_never_cut() -> None:
    doc = make_doc([("Jane Doe", 20, True), ("Experience", 14, True),
                    ("Built dashboards for the sales team.Education Details", 10, False)])
    assert kinds(doc) == [("header", ""), ("experience", "Experience")]


def _columns(left: list[str], right: list[tuple[int, str]]) -> tuple[Line, ...]:
    """Column 1 lines 14 pt apart, then column 2 lines on the rows given (the reader's order)."""
    out = [Line(text=t, page=1, x0=50, top=100 + 14 * i, x1=300, bottom=110 + 14 * i, size=10,
                column=1) for i, t in enumerate(left)]
    out += [Line(text=t, page=1, x0=420, top=100 + 14 * row, x1=560, bottom=110 + 14 * row,
                 size=10, column=2) for row, t in right]
    return tuple(out)


def test_a_sparse_dated_right_column_goes_back_on_its_rows() -> None:
    from resume_match.parse.sections import rejoin_rows
    lines = _columns(["Master of Science in Statistics", "University of Washington",
                      "Bachelor of Science in Mathematics", "UC Davis"],
                     [(0, "Sep 2016 – Jun 2018"), (2, "Sep 2012 – Jun 2016")])
    assert [(ln.text, ln.column) for ln in rejoin_rows(lines)] == [
        ("Master of Science in Statistics   Sep 2016 – Jun 2018", 0),
        ("University of Washington", 0),
        ("Bachelor of Science in Mathematics   Sep 2012 – Jun 2016", 0), ("UC Davis", 0)]


@pytest.mark.parametrize("right", [
    [(0, "Skills"), (1, "Python, SQL")],                                  # a heading of its own
    [(0, "Sep 2016 – Jun 2018"), (1, "Teaching assistant"), (2, "2015"), (3, "Tutor")],  # as dense
    [(0, "Led the migration of the billing platform to Kubernetes in 2019")],   # prose
    [(0, "Seattle, WA"), (2, "Davis, CA"), (3, "Remote")],               # mostly undated
])
def test_a_real_second_column_keeps_its_reading_order(right: list[tuple[int, str]]) -> None:
    from resume_match.parse.sections import rejoin_rows
    lines = _columns(["Master of Science in Statistics", "University of Washington",
                      "Bachelor of Science in Mathematics", "UC Davis", "Teaching", "Tutoring"],
                     right)
    assert rejoin_rows(lines) == lines


def test_a_summary_heading_over_another_sections_entries_is_that_section() -> None:
    """Form-style CVs head their degree table 'Summary of Qualification' and their jobs
    'Summary of Experience': the entries decide."""
    txt = ("Ravi Kumar\nravi.kumar@example.com\n\nSUMMARY OF QUALIFICATION\n"
           "QUALIFICATION INSTITUTE/COLLEGE CGPA/%\n"
           "B.TECH IN MECHANICAL ENGINEERING PUNE UNIVERSITY 7.9\nHIGHER SECONDARY STATE BOARD\n\n"
           "SUMMARY OF EXPERIENCE\nCOMPANY: - LARSEN BUILDERS PVT. LTD\nDESIGNATION: - SITE ENGINEER\n"
           "DURATION:- MARCH 2017 to TILL DATE.\n").encode()
    assert [k for k, _ in kinds(read_text(txt, "cv.txt"))] == ["header", "education", "experience"]


def test_a_summary_of_qualifications_over_strengths_stays_a_summary() -> None:
    txt = (b"Ana Ruiz\nana@example.com\n\nSummary of Qualifications\n"
           b"Eight years of classroom teaching and curriculum design\n"
           b"Cultivates relationships with parents Masters degree in education\n"
           b"\nSummary of Experience\nLed teams of analysts since 2015 across three regional offices, "
           b"building the reporting the board reads every quarter.\n\nEducation\nM.Ed., 2014\n")
    assert [k for k, _ in kinds(read_text(txt, "cv.txt"))] == ["header", "summary", "summary",
                                                                 "education"]


def test_languages_known_is_the_languages_section() -> None:
    assert match_heading("Languages Known:").kind == "languages"    # type: ignore[union-attr]
    assert match_heading("Technologies Known").kind == "skills"     # type: ignore[union-attr]



@pytest.mark.parametrize("heading, kind", [
    ("Experiencia Laboral", "experience"), ("Formaci\u00f3n Acad\u00e9mica", "education"),
    ("Habilidades T\u00e9cnicas", "skills"), ("Idiomas", "languages"), ("Proyectos", "projects"),
    ("Berufserfahrung", "experience"), ("Ausbildung", "education"), ("Kenntnisse", "skills"),
    ("Exp\u00e9rience professionnelle", "experience"), ("Comp\u00e9tences", "skills"),
    ("Esperienza lavorativa", "experience"), ("Forma\u00e7\u00e3o Acad\u00eamica", "education"),
    ("Datos Personales", "other"), ("Referencias", "references"),
])
def test_headings_of_cvs_in_spanish_portuguese_german_french_italian(heading: str, kind: str) -> None:
    m = match_heading(heading)
    assert m is not None and m.whole and m.kind == kind


@pytest.mark.parametrize("heading, kind", [
    ("Skills & Tools", "skills"), ("Publications and Patents", "publications"),
    ("Experience & Internships", "experience"),
])
def test_two_known_headings_joined_by_and_read_as_the_first(heading: str, kind: str) -> None:
    m = match_heading(heading)
    assert m is not None and m.whole and m.kind == kind


@pytest.mark.parametrize("text", ["Python & SQL", "Sales and Marketing", "Docker & Kubernetes",
                                  "Information", "workshops"])
def test_lines_that_only_look_like_joined_or_foreign_headings(text: str) -> None:
    m = match_heading(text)
    assert m is None or not m.whole


def test_a_paired_heading_with_a_colon_in_a_cv_whose_headings_look_like_body_text() -> None:
    """Job-portal exports print every heading in the body font: a whole paired heading ending
    with a colon is still one, while a colon line that names no heading stays in its section."""
    doc = make_doc([("Jane Doe", 10, False), ("Summary", 10, False), BODY, ("Education", 10, False),
                    ("B.Sc. Computers, Mumbai University, 2016", 10, False),
                    ("Other Qualifications/Certifications/Programs:", 10, False),
                    ("Certified Java programmer, Seed Infotech", 10, False),
                    ("Key Result Areas:", 10, False), BODY,
                    ("IT Skills", 10, False), ("Java, SQL", 10, False)])
    assert kinds(doc)[1:] == [("summary", "Summary"), ("education", "Education"),
                              ("certifications", "Other Qualifications/Certifications/Programs:"),
                              ("skills", "IT Skills")]


def test_a_heading_asked_about_again_gets_the_answer_of_the_full_match() -> None:
    """Short texts are matched once (cached): asked in any order and again, each gets what the
    uncached match with the lexicon gives."""
    lex = load_lexicon()
    texts = ["Skills", "SKILLS", "skills ", "Work Experience", "WorkExperience", "Experiance",
             "E X P E R I E N C E", "Skill Details", "Python, SQL", "Education & Honors",
             "education", "Projects:", "Data Scientist, Acme"]
    first = [match_heading(t) for t in texts]
    again = [match_heading(t) for t in reversed(texts)][::-1]
    assert first == again == [match_heading(t, lex) for t in texts]
    assert first[0] is not None and first[0].kind == "skills" and first[10] is not None
    assert first[8] is None and first[12] is None


def test_past_the_section_cap_headings_are_text_of_the_last_section() -> None:
    from resume_match.extract.text import read_text
    from resume_match.parse.sections import MAX_SECTIONS
    text = "Jane Doe\n\n" + "".join(f"{h}\nline {i}\n\n" for i in range(150)
                                    for h in ("SKILLS", "EXPERIENCE"))
    sections = split_sections(read_text(text.encode(), "cv.txt"))
    assert len(sections) == MAX_SECTIONS + 1 and sections[0].kind == "header"
    last = sections[-1]
    assert [ln.text for ln in last.lines[:3]] == ["line 99", "SKILLS", "line 100"]
    assert last.lines[-1].text == "line 149"
