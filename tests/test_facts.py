"""Name, contact, positions and years, education and certifications read from sections."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pdfgen
import pytest

from resume_match.parse.contact import (find_links, find_location, find_name, find_phone,
                                        join_split_links)
from resume_match.extract import read_document
from resume_match.extract.text import read_text
from resume_match.parse.facts import Facts, extract_facts, find_degree, positions_in
from resume_match.models import Document, Layout, Line, Page
from resume_match.parse.sections import split_sections


def facts_of(text: str, created: str = "") -> Facts:
    doc = read_text(text.encode(), "cv.txt")
    if created:
        doc = dataclasses.replace(doc, kind="pdf", layout=Layout(created=created))
    return extract_facts(doc, split_sections(doc))


def lines(*texts: str, size: float = 10.0) -> tuple[Line, ...]:
    return tuple(Line(text=t, page=1, top=10.0 * i, bottom=10.0 * i + 8, size=size)
                 for i, t in enumerate(texts))


CV = """Jane Q. Doe
Seattle, WA | (206) 555-0199 | jane.doe@example.com
linkedin.com/in/janedoe | https://github.com/janedoe | https://janedoe.dev

EXPERIENCE
Senior Data Scientist | Acme Analytics Inc. | Seattle, WA
Jan 2021 - Present
Built forecasting models in Python.
Data Analyst, Northwind Retail    06/2018 - 12/2020
Wrote SQL pipelines.

EDUCATION
M.S. in Statistics, University of Washington, 2018
B.S. in Mathematics, University of Oregon, 2016

CERTIFICATIONS
TensorFlow Developer Certificate (2022)
AWS Certified Machine Learning – Specialty, Amazon Web Services
"""


# ---------------------------------------------------------------- name

def test_name_is_the_most_prominent_header_line() -> None:
    header = (Line("Curriculum Vitae", 1, size=12), Line("Machine Learning Engineer", 1, size=16),
              Line("Harvey Dent", 1, size=24), Line("hdent@example.com", 1, size=10))
    assert find_name(header) == "Harvey Dent"


def test_name_skips_resume_words_and_fixes_all_caps_or_lower_case() -> None:
    assert find_name(lines("RESUME", "PRIYA RAMAN")) == "Priya Raman"
    assert find_name(lines("brandon amos. résumé.")) == "Brandon Amos"
    assert find_name(lines("Your Name Here", "Curriculum Vitae")) is None


def test_name_must_stand_out_when_fonts_are_known() -> None:
    """A CV with the name removed starts with a job title in body text: no name."""
    plain = (Line("Patient Service Representative", 1, x0=33, x1=200, size=11.4),
             Line("Summary", 1, x0=33, x1=80, size=11.4))
    assert find_name(plain, body=11.4, width=612) is None
    centred = (Line("Sofia Martinez", 1, x0=269, x1=343, size=12),)
    assert find_name(centred, body=12, width=612) == "Sofia Martinez"
    assert find_name((Line("Sofia Martinez", 1, x0=50, x1=120, size=12, bold=True),), 12, 612)


def test_job_titles_and_headings_are_not_names() -> None:
    assert find_name(lines("Director Of Business Development", "Career Overview",
                           "High School Diploma", "Machine Learning Engineer")) is None


def test_name_from_a_plain_text_cv() -> None:
    assert facts_of(CV).name == "Jane Q. Doe"


# ---------------------------------------------------------------- contact

def test_contact_from_the_header() -> None:
    c = facts_of(CV).contact
    assert c.email == "jane.doe@example.com"
    assert c.phone == "+12065550199"
    assert c.location == "Seattle, WA"
    assert not c.in_margin


@pytest.mark.parametrize("printed, region, e164", [
    ("(415) 555-0142", None, "+14155550142"),
    ("415.555.0142", None, "+14155550142"),
    ("+44 20 7946 0958", None, "+442079460958"),
    ("(+82)10-9030-1843", None, "+821090301843"),
    ("020 7946 0958", "GB", "+442079460958"),            # national format, region from location
    ("(540) 947–1238", None, "+15409471238"),             # en dash
    ("Seattle WA 98101 (206) 555-0199", None, "+12065550199"),   # a zip code just before it
    ("0091 98765 43210", None, "+919876543210"),          # 00, the exit code, in place of '+'
    ("0044-20-7946-0958", None, "+442079460958"),
    ("06 12 34 56 78", "FR", "+33612345678"),
    ("0176 12345678", "DE", "+4917612345678"),
    ("(11) 91234-5678", "BR", "+5511912345678"),
    ("0412 345 678", "AU", "+61412345678"),
    ("415.555.0142", "GB", "+14155550142"),     # no UK number: a US one on a CV that says London
])
def test_phone_normalised_to_e164(printed: str, region: str | None, e164: str) -> None:
    assert find_phone([f"Phone: {printed}"], region) == e164


def test_dates_and_ids_are_not_phones() -> None:
    assert find_phone(["2016 - 2018 Junior Data Analyst"]) is None
    assert find_phone(["SSN 000-00-0000"]) is None
    assert find_phone(["GPA 3.9/4.0, 2019"]) is None


@pytest.mark.parametrize("line", ["Qatari Id No : 28735642209", "DNI: 12345678", "PAN Card No: 1234567890",
                                  "Employee ID 1234567890", "Passport No. 98765432"])
def test_identity_and_document_numbers_are_not_phones(line: str) -> None:
    assert find_phone([line], "IN") is None
    assert find_phone([f"Mobile: 9876543210 | {line}"], "IN") == "+919876543210"


def test_region_of_the_phone_comes_from_the_location() -> None:
    doc = read_text(b"Amelie Roy\nLondon, UK | 020 7946 0958 | amelie@example.co.uk\n\nSkills\nPython\n",
                    "cv.txt")
    assert extract_facts(doc, split_sections(doc)).contact.phone == "+442079460958"


def test_a_country_named_alone_in_the_header_gives_the_phone_region() -> None:
    doc = read_text(b"Rahul Verma\nC-204, Sector 12, Noida 201301, India | rahul@example.com\n"
                    b"Ph: 98765 43210\n\nSkills\nPython\n", "cv.txt")
    contact = extract_facts(doc, split_sections(doc)).contact
    assert contact.phone == "+919876543210" and contact.location is None


@pytest.mark.parametrize("printed, link", [
    ("linkedin.com/in/ jane-doe", "linkedin.com/in/jane-doe"),
    ("linkedin.com / in / jane-doe", "linkedin.com/in/jane-doe"),
    ("github.com/jane- doe-42", "github.com/jane-doe-42"),
    ("github.com/janedoe/ and more on request", "github.com/janedoe"),
])
def test_a_profile_link_printed_with_a_space_inside_it(printed: str, link: str) -> None:
    doc = read_text(f"Jane Doe\njane@example.com | {printed}\n\nSkills\nPython\n".encode(), "cv.txt")
    assert extract_facts(doc, split_sections(doc)).contact.links == (link,)


def test_two_links_around_a_slash_stay_two() -> None:
    assert find_links(join_split_links(["github.com/jd / gitlab.com/jd"]), anywhere=False) == [
        "github.com/jd", "gitlab.com/jd"]


def test_link_kinds_as_printed_without_scheme() -> None:
    got = find_links(["https://www.linkedin.com/in/jane-doe/ | github.com/janedoe",
                      "Scholar: scholar.google.com/citations?user=AbC123 | https://janedoe.dev"],
                     anywhere=False)
    assert got == ["www.linkedin.com/in/jane-doe", "github.com/janedoe",
                   "scholar.google.com/citations?user=AbC123", "janedoe.dev"]


def test_emails_and_library_names_are_not_links() -> None:
    assert find_links(["jane@example.com | Node.js, Vue.js, ASP.NET"], anywhere=True) == []
    assert find_links(["Built a dashboard in Plotly.js for sales.com clients"], anywhere=True) == []


def test_a_name_printed_surname_first_is_not_a_place() -> None:
    """'Jordan' is a given name too (left out of the countries): 'Smith, Jordan' is no place."""
    assert find_location(["Smith, Jordan"]) == (None, None)


def test_links_in_the_body_need_a_scheme_or_a_profile_site() -> None:
    assert find_links(["Blog – http://bamos.io, code on github.com/bamos"], anywhere=True) == [
        "bamos.io", "github.com/bamos"]


@pytest.mark.parametrize("text, loc, region", [
    ("San Francisco, CA | jane@x.com", "San Francisco, CA", "US"),
    ("Location: Ottawa, ON", "Ottawa, ON", "CA"),
    ("555 La Verne Way, La Verne, CA", "La Verne, CA", "US"),
    ("Bengaluru, India · +91 98765 43210", "Bengaluru, India", "IN"),
    ("Accra, Ghana · kwame@outlook.com", "Accra, Ghana", "GH"),
    ("Lisbon, Portugal", "Lisbon, Portugal", "PT"),
])
def test_location_patterns(text: str, loc: str, region: str) -> None:
    assert find_location([text]) == (loc, region)


def test_contact_only_in_page_margins_is_flagged() -> None:
    body = (Line("Jane Doe", 1, size=20), Line("Experience", 1, size=14, bold=True),
            Line("Data Scientist, Acme 2019 - 2021", 1, size=10))
    margin = (Line("jane@example.com | (206) 555-0199", 1, size=8, region="footer"),)
    doc = Document("cv.pdf", "pdf", (Page(1, 612, 792, body, margin_lines=margin),))
    c = extract_facts(doc, split_sections(doc)).contact
    assert c.email == "jane@example.com" and c.phone == "+12065550199" and c.in_margin


def test_contact_partly_in_the_margin_is_completed_but_not_flagged() -> None:
    body = (Line("Jane Doe", 1, size=20), Line("jane@example.com", 1, size=10),
            Line("Experience", 1, size=14, bold=True), Line("Data Scientist, Acme 2019 - 2021", 1, size=10))
    margin = (Line("Jane Doe | (206) 555-0199 | Page 1", 1, size=8, region="footer"),)
    doc = Document("cv.pdf", "pdf", (Page(1, 612, 792, body, margin_lines=margin),))
    c = extract_facts(doc, split_sections(doc)).contact
    assert c.email == "jane@example.com" and c.phone == "+12065550199" and not c.in_margin


def test_contact_only_in_a_running_header_of_a_generated_pdf(tmp_path: Path) -> None:
    """Two pages whose only contact details are a repeated page header (ATSs often drop it)."""
    from reportlab.lib.pagesizes import LETTER
    from reportlab.pdfgen.canvas import Canvas
    path = tmp_path / "running-header.pdf"
    c = Canvas(str(path), pagesize=LETTER)
    for items in (pdfgen.cv_items(sections=("summary", "experience")),
                  pdfgen.cv_items(sections=("education", "skills"))):
        c.setFont("Helvetica", 8)
        c.drawString(60, 760, f"{pdfgen.NAME} | {pdfgen.EMAIL} | {pdfgen.PHONE}")
        pdfgen.draw_items(c, items, 60, 720, 490)
        c.showPage()
    c.save()
    doc = read_document(path)
    assert all(p.margin_lines for p in doc.pages)        # the reader moved the running header
    contact = extract_facts(doc, split_sections(doc)).contact
    assert (contact.email, contact.phone, contact.in_margin) == (pdfgen.EMAIL, "+14155550142", True)


# ---------------------------------------------------------------- experience

def test_positions_title_organisation_and_dates() -> None:
    exp = facts_of(CV, created="2024-12-01").experience
    got = [(p.title, p.organization, p.start, p.end, p.current) for p in exp.positions]
    assert got == [("Senior Data Scientist", "Acme Analytics Inc.", "2021-01", None, True),
                   ("Data Analyst", "Northwind Retail", "2018-06", "2020-12", False)]


@pytest.mark.parametrize("entry, title, org", [
    (("Viasat Inc. Carlsbad, CA", "Software Engineer Intern June 2022 – Sept. 2022"),
     "Software Engineer Intern", "Viasat Inc."),
    (("2016 – 2018 Junior Data Analyst, Facebook, Menlo Park, USA",), "Junior Data Analyst", "Facebook"),
    (("Google | Research Scientist", "Mar 2019 - Present | Mountain View, CA"), "Research Scientist", "Google"),
    (("Machine Learning Engineer at OpenAI (2021 - 2023)",), "Machine Learning Engineer", "OpenAI"),
    (("Stripe  San Francisco, CA  Jun 2019 – Present", "Staff Engineer"), "Staff Engineer", "Stripe"),
    (("Cashier (Summer Position) 05/2010 to 09/2010 Target Corporation",), "Cashier (Summer Position)",
     "Target Corporation"),
])
def test_title_and_employer_in_common_layouts(entry: tuple[str, ...], title: str, org: str) -> None:
    (pos, _), = positions_in(lines(*entry))
    assert (pos.title, pos.organization) == (title, org)


def test_entries_opening_with_their_dates_keep_their_own_employers() -> None:
    """'Title  dates' with the employer on the line below: the employer of one entry is not
    taken as the next entry's (it sits within the two lines above the next dated line)."""
    got = positions_in(lines(
        "Machine Learning Scientist  2021/06 - 2024/08", "Netflix, Los Gatos, CA",
        "Applied Scientist Intern  06.2020 - 09.2020", "Amazon, Seattle, WA",
        "Data Engineer  Jan. 2018 -- May 2019", "Spotify AB, Stockholm, Sweden"))
    assert [(p.title, p.organization) for p, _ in got] == [
        ("Machine Learning Scientist", "Netflix"), ("Applied Scientist Intern", "Amazon"),
        ("Data Engineer", "Spotify AB")]


def test_entries_headed_above_their_dates_keep_the_line_below_for_the_next_entry() -> None:
    """'Employer - Title' above 'City, State  dates': the line below an entry is the next
    one's heading, and stays so even when the entry before took something from it."""
    got = positions_in(lines(
        "Company Name - Associate Designer", "City , State 08/2015 - 11/2017",
        "Company Name - Assistant Designer", "City , State 06/2014 - 08/2015",
        "Company Name - Assistant Graphic Designer", "City , State 07/2013 - 06/2014"))
    assert [p.title for p, _ in got] == ["Associate Designer", "Assistant Designer",
                                         "Assistant Graphic Designer"]


def test_entry_line_run_on_with_its_description() -> None:
    (pos, r), = positions_in(lines(
        "Personal Stylist 05/2014 to 02/2017 Company Name City , State Leverages knowledge of design "
        "and brands to create a personalised experience for clients"))
    assert (pos.start, pos.end, pos.title) == ("2014-05", "2017-02", "Personal Stylist")


def test_long_entry_line_under_a_line_of_dates() -> None:
    (pos, _), = positions_in(lines(
        "09/2013 to Current",
        "Nurse Clinician II on Medical/Cardiac Intensive Care Units and Interventional Unit, "
        "Northwestern Memorial Hospital, Chicago, IL"))
    assert (pos.title, pos.organization) == (
        "Nurse Clinician II on Medical/Cardiac Intensive Care Units and Interventional Unit",
        "Northwestern Memorial Hospital")


def test_dates_inside_bullet_sentences_are_not_positions() -> None:
    got = positions_in(lines("Data Scientist, Acme  2019 - 2021",
                             "Cut churn by 8% between 2019 and 2020 by retraining the gradient boosted "
                             "models every week with fresh labels.",
                             "Presented results at the 2020 company offsite.",
                             "strategy for North America from fiscal 2009 to 2012."))
    assert len(got) == 1


def test_a_date_inside_a_bullet_sentence_is_not_a_position() -> None:
    """Bulleted entry headers exist (sb2nov bullets each employer line), so only a date with
    words on both sides is ruled out on a bullet line."""
    rows = (Line("Acme Corp", 1, bullet=True), Line("Data Scientist  Jan 2019 - Present", 1),
            Line("Cut churn 8% in Q3 2020 - 2021 rollout for EU clients", 1, bullet=True))
    got = positions_in(rows)
    assert [(p.title, p.organization) for p, _ in got] == [("Data Scientist", "Acme Corp")]


def test_total_years_merge_overlaps_up_to_the_file_date() -> None:
    cv = ("Pat Lee\n\nExperience\nEngineer, A Corp  Jan 2015 - Dec 2018\n"
          "Consultant, B LLC  Jan 2017 - Jun 2019\nLead, C Inc.  Jan 2021 - Present\n")
    assert facts_of(cv, created="2022-12-15").experience.years == 6.5   # 4.5 + 2.0


def test_present_counts_to_a_printed_updated_date() -> None:
    cv = ("Pat Lee\nLast updated on 21st January 2015\n\nExperience\n"
          "Engineer, A Corp  Jan 2014 - Present\n")
    assert facts_of(cv, created="2020-01-01").experience.years == 1.1


def test_claimed_years_are_a_floor_when_the_file_has_no_date() -> None:
    """Without a file date 'Present' can only be counted to the latest printed date, which
    undercounts a current role; the CV's own 'six years of experience' is then a floor."""
    rows = [("Pat Lee", 20.0, True), ("Summary", 14.0, True),
            ("Data scientist with six years of experience in forecasting.", 10.0, False),
            ("Experience", 14.0, True), ("Data Scientist, Acme Inc.  Jan 2021 - Present", 10.0, False)]
    body = tuple(Line(t, 1, x0=50, x1=400, top=20.0 * i, bottom=20.0 * i + 10, size=s, bold=b)
                 for i, (t, s, b) in enumerate(rows))
    doc = Document("cv.pdf", "pdf", (Page(1, 612, 792, body),))
    assert extract_facts(doc, split_sections(doc)).experience.years == 6.0
    dated = dataclasses.replace(doc, layout=Layout(created="2023-01-10"))
    assert extract_facts(dated, split_sections(dated)).experience.years == 2.1   # Jan 2021..Jan 2023


def test_a_birth_date_is_not_the_cv_date() -> None:
    cv = "Pat Lee\nBorn 12 March 1990\n\nExperience\nEngineer, A Corp  Jan 2020 - Present\n"
    assert facts_of(cv, created="2023-01-31").experience.years == 3.1


def test_links_in_a_contact_sidebar_section() -> None:
    cv = "Pat Lee\n\nCONTACT\npat@example.com\npatlee.dev\n\nSKILLS\nPython\n"
    assert facts_of(cv).contact.links == ("patlee.dev",)


def test_without_any_heading_dated_lines_of_the_header_count() -> None:
    cv = "Pat Lee\npat@example.com\nEngineer, A Corp  Jan 2019 - Dec 2020\n"
    assert facts_of(cv).experience.years == 2.0


def test_claim_stands_in_when_entries_carry_single_dates_only() -> None:
    cv = ("Pat Lee\n\nSummary\nAnalyst with 4 years of experience.\n\nExperience\n"
          "Analyst, A Corp  June 2021\nIntern, B LLC  May 2019\n")
    exp = facts_of(cv).experience
    assert len(exp.positions) == 2 and exp.years == 4.0


def test_without_a_file_date_present_is_the_latest_past_date_printed() -> None:
    """A student's expected graduation looks ahead: 'Present' is not counted up to it."""
    rows = [("Sam Roe", 20.0, True), ("Education", 14.0, True),
            ("B.S. Computer Science, Expected May 2027", 10.0, False),
            ("Experience", 14.0, True), ("Research Assistant, Lab  Sep 2023 - Present", 10.0, False),
            ("Awards", 14.0, True), ("Dean's List, March 2024", 10.0, False)]
    body = tuple(Line(t, 1, x0=50, x1=400, top=20.0 * i, bottom=20.0 * i + 10, size=s, bold=b)
                 for i, (t, s, b) in enumerate(rows))
    doc = Document("cv.pdf", "pdf", (Page(1, 612, 792, body),))
    assert extract_facts(doc, split_sections(doc)).experience.years == 0.6     # Sep 2023..Mar 2024


def test_no_experience_section_means_zero_years() -> None:
    cv = "Pat Lee\n\nEducation\nB.A. in History, 2016\n\nVolunteering\nFood bank, 2014 - 2016\n"
    assert facts_of(cv).experience.years == 0.0


# ---------------------------------------------------------------- education

@pytest.mark.parametrize("text, level", [
    ("B.S. in Computer Science", "bachelor"), ("BSc Mathematics", "bachelor"),
    ("B.Tech in Electronics", "bachelor"), ("Bachelor of Arts, History", "bachelor"),
    ("BE in Mechanical Engineering", "bachelor"),
    ("M.S. Statistics", "master"), ("MSc Data Science", "master"), ("MEng Software", "master"),
    ("MBA, Finance", "master"), ("Master of Science in Physics", "master"),
    ("Ph.D. in Machine Learning", "phd"), ("PhD Candidate, Computer Vision", "phd"),
    ("Doctor of Philosophy in Economics", "phd"),
    ("A.A. General Studies", "associate"), ("Associate of Applied Science", "associate"),
    ("High School Diploma", "high_school"), ("GED, 2010", "high_school"),
    ("B.A : Marketing June 2005", "bachelor"), ("MA : Film & Media Production", "master"),
    ("Associate : Business Administration", "associate"), ("Master : Public Health", "master"),
    ("Associates Degree : Retail", "associate"), ("AA : Visual Communications", "associate"),
    ("BSBA : Human Resource Management", "bachelor"), ("BSN, Nursing", "bachelor"),
    ("Diplom-Informatiker, TU M\u00fcnchen", "master"), ("Dipl.-Ing. Maschinenbau", "master"),
    ("Laurea Magistrale in Informatica", "master"), ("Laurea Triennale in Fisica", "bachelor"),
    ("B.E : Electrical Engineering", "bachelor"), ("May 2013 to May 2017 B.E   UIT-RGPV", "bachelor"),
    ("M.E : Structural Engineering", "master"), ("B.TECH IN CIVIL ENGINEERING", "bachelor"),
    ("M.TECH, IIT DELHI", "master"), ("Degree in Civil Engineering", "bachelor"),
    ("Ingeniería de Sistemas, Universidad Nacional", "bachelor"),   # Spanish, Portuguese, ...
    ("Bachiller en Ingeniería Industrial", "bachelor"), ("Bachillerato, IES Cervantes", "high_school"),
    ("Máster en Ciencia de Datos", "master"), ("Maestría en Estadística", "master"),
    ("Doctorado en Física", "phd"), ("Licenciatura en Matemáticas", "bachelor"),
    ("Mestrado em Computação", "master"), ("Abitur, Gymnasium Berlin", "high_school"),
    ("International Baccalaureate Diploma", "high_school"), ("Baccalaureate in Nursing", "bachelor"),
])
def test_degree_levels(text: str, level: str) -> None:
    hit = find_degree(text)
    assert hit is not None and hit[0] == level


@pytest.mark.parametrize("text", ["MS Office and Excel", "AA batteries", "Boston, MA", "Baltimore, MD", "Master's Award for research",
                                  "Big data pipelines", "The degree of risk", "Built a B.Engaged app",
                                  "Team of degree holders"])
def test_words_that_are_not_degrees(text: str) -> None:
    assert find_degree(text) is None


def test_education_entries_field_institution_year_and_highest() -> None:
    edu = facts_of(CV).education
    got = [(e.level, e.field, e.institution, e.year) for e in edu.entries]
    assert got == [("master", "Statistics", "University of Washington", 2018),
                   ("bachelor", "Mathematics", "University of Oregon", 2016)]
    assert edu.highest_degree == "master"


def test_degree_in_progress_counts_for_the_highest_level() -> None:
    cv = ("Sam Roe\n\nEducation\nPh.D. in Computer Science (expected 2027)\nStanford University\n"
          "M.S. in Computer Science, 2022\n")
    edu = facts_of(cv).education
    assert edu.highest_degree == "phd"
    assert edu.entries[0].institution == "Stanford University"


def test_institution_with_a_parenthesis_before_its_city() -> None:
    cv = "Sam Roe\n\nEducation\nPOSTECH (Pohang University of Science and Technology) Pohang, S.Korea\nB.S. in Computer Science, 2017\n"
    assert facts_of(cv).education.entries[0].institution == (
        "POSTECH (Pohang University of Science and Technology)")


def test_degree_type_is_not_the_field() -> None:
    cv = ("Sam Roe\n\nEducation\nBachelor of Science in Computer Science, MIT, 2014\nBachelor of Engineering\n"
          "BSc (Hons) Mathematics, University of Leeds, 2011 – 2014\n")
    entries = facts_of(cv).education.entries
    assert [e.field for e in entries] == ["Computer Science", None, "Mathematics"]


# ---------------------------------------------------------------- certifications

def test_roadmap_certifications_anywhere_and_lines_of_a_certifications_section() -> None:
    assert facts_of(CV).certifications == (
        "TensorFlow Developer Certificate", "AWS Certified Machine Learning – Specialty")


def test_roadmap_certification_in_a_summary() -> None:
    cv = ("Sam Roe\n\nSummary\nML engineer; completed the fast.ai course and holds the "
          "Microsoft Certified: Azure AI Engineer Associate.\n")
    assert set(facts_of(cv).certifications) == {"fast.ai Courses", "Microsoft Certified: Azure AI Engineer Associate"}


def test_fastai_library_in_a_project_is_not_the_course() -> None:
    cv = ("Sam Roe\n\nProjects\nImage classifier with the fastai library and PyTorch\n\n"
          "Certifications\nfast.ai\n")
    assert facts_of(cv).certifications == ("fast.ai Courses",)
    assert facts_of(cv.replace("Certifications\nfast.ai\n", "")).certifications == ()


# ---------------------------------------------------------------- whole files

def test_unreadable_document_has_no_facts() -> None:
    doc = Document("scan.pdf", "pdf", (Page(1, 612, 792, ()),), readable=False,
                   unreadable_reason="no text layer")
    f = extract_facts(doc, split_sections(doc))
    assert f.experience.years is None and f.education.highest_degree == "none"


def test_name_at_the_top_of_page_one_when_a_sidebar_is_read_first(tmp_path: Path) -> None:
    doc = read_document(pdfgen.make_sidebar(tmp_path / "sidebar.pdf"))
    assert extract_facts(doc, split_sections(doc)).name == pdfgen.NAME


def test_generated_pdf_facts(tmp_path: Path) -> None:
    doc = read_document(pdfgen.make_one_column(tmp_path / "one.pdf"))
    doc = dataclasses.replace(doc, layout=dataclasses.replace(doc.layout, created="2024-06-30"))
    f = extract_facts(doc, split_sections(doc))
    assert f.name == pdfgen.NAME
    assert f.contact.email == pdfgen.EMAIL
    assert f.contact.phone == "+14155550142"
    assert pdfgen.LINKEDIN in f.contact.links and pdfgen.GITHUB in f.contact.links
    assert f.education.highest_degree == "master"
    assert [p.start for p in f.experience.positions] == ["2021-01", "2018-06"]
    assert f.experience.years == 6.1          # 06/2018-12/2020 and Jan 2021 - June 2024
    assert f.certifications == ("AWS Certified Machine Learning – Specialty",)


@pytest.mark.parametrize("text, email", [
    ("maria.gonzalez [at] gmail [dot] com | Seattle", "maria.gonzalez@gmail.com"),
    ("jane(AT)cs.uni.edu", "jane@cs.uni.edu"), ("j {At} x {dot} org", "j@x.org"),
    ("Meet me at the lab [dot] com", None), ("working at Google (2019)", None),
])
def test_emails_written_against_spam_bots_are_put_back_together(text: str, email: str | None) -> None:
    from resume_match.parse import contact
    assert contact.find_email([text]) == email


def test_contact_quick_checks_agree_with_the_full_patterns() -> None:
    """clean() skips NFKC and the noise pattern for ASCII; find_links skips lines without a '.'
    before a letter and find_email lines without '@': the full patterns must agree there."""
    import random
    import re
    import unicodedata

    from resume_match.parse import contact
    rng = random.Random(7)
    pieces = ["a", "Z", "co", "io", "www", ".", "..", "-", "/", ":", "@", " ", "  ", "\t", "(cid:12)",
              "http", "://", "1", "_", "%", "+", ".\u017f", ".\u212a", "\uff0e", "\u2024", "e\u0301", "\uf0e0"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 14))) for _ in range(20000)]
    for text in texts:
        slow = " ".join(contact._NOISE.sub(" ", unicodedata.normalize("NFKC", text)).split())
        cleaned = contact.clean(text)
        assert cleaned == slow, text
        if not contact._DOT_LETTER.search(cleaned):
            assert contact._URL.search(cleaned) is None, text
        if "@" not in cleaned:
            assert contact._EMAIL.search(cleaned) is None, text
    assert find_links(["jane.dev | x.\u017fh"], anywhere=False) == ["jane.dev"]
    assert contact.find_email(["mail: jane\uff20doe.com"]) == "jane@doe.com"   # NFKC gives the '@'
    assert re.fullmatch(contact._URL, "github.com/jane")


# ---------------------------------------------------------------- contact block, cues, annotations

def test_the_lines_around_the_email_are_the_contact_block() -> None:
    """A contact column read after the main text: the phone and the bare domain beside the
    e-mail count, although they sit in the experience section and have no cue word."""
    cv = ("Asha Verma\n\nExperience\nResearch Analyst, Quant Labs, 2018 - 2019\n"
          "Built pricing models in Python.\nasha.verma@gmail.com\n+91-7838840151\nasha.dev\n\n"
          "Skills\nPython, SQL\n")
    c = facts_of(cv).contact
    assert (c.email, c.phone) == ("asha.verma@gmail.com", "+917838840151")
    assert c.links == ("asha.dev",)


def test_outside_the_contact_block_a_phone_or_domain_needs_a_cue() -> None:
    cv = ("Asha Verma\nasha@example.com\n\nExperience\nGrew orders 4155550142 times at sales.com\n"
          "\nProjects\nPortfolio: asha.design\nPhone: (415) 555-0142\n")
    c = facts_of(cv).contact
    assert c.phone == "+14155550142"
    assert c.links == ("asha.design",)


def test_a_header_block_past_its_first_lines_is_body() -> None:
    """A text with no headings is all header: past MAX_HEADER_LINES its lines are body, where
    a phone needs a cue word (searching 17,000 such lines for phones took a second)."""
    filler = "".join(f"Managed pipeline number {i} for the sales team\n" for i in range(80))
    cv = f"Asha Verma\nasha@example.com\n{filler}Ticket 4155550142 closed\n"
    assert facts_of(cv).contact.phone is None
    assert facts_of(cv + "Phone: (415) 555-0199\n").contact.phone == "+14155550199"
    assert facts_of(f"Asha Verma\nasha@example.com\nTicket 4155550142 closed\n{filler}"
                    ).contact.phone == "+14155550142"        # in the header block: no cue needed


def test_a_link_split_over_two_lines_is_joined() -> None:
    cv = "Asha Verma\nasha@example.com | linkedin.com/in/\nasha-verma-42 | github.com/asha-\nverma\n\nSkills\nPython\n"
    assert facts_of(cv).contact.links == ("linkedin.com/in/asha-verma-42", "github.com/asha-verma")


def test_two_numbers_in_one_span_give_the_first() -> None:
    assert find_phone(["Mobile: +91 98765 43210 / 91234 56789"]) == "+919876543210"


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_link_annotations_behind_icons_are_links(tmp_path: Path, engine: str) -> None:
    """GitHub and LinkedIn as clickable icons with no printed URL: both engines read the
    annotations; a portfolio icon in the header counts, a paper linked in the body does not."""
    from reportlab.pdfgen.canvas import Canvas
    path = tmp_path / "icons.pdf"
    c = Canvas(str(path))
    c.setFont("Helvetica-Bold", 20)
    c.drawString(72, 760, "Priya Raman")
    c.setFont("Helvetica", 10)
    c.drawString(72, 740, "priya@example.com | linkedin.com/in/priya-raman")
    for i, uri in enumerate(("https://www.linkedin.com/in/priya-raman/", "https://github.com/priyaraman",
                             "https://priya.dev", "mailto:priya@example.com")):
        c.rect(72 + 18 * i, 720, 10, 10)
        c.linkURL(uri, (72 + 18 * i, 720, 82 + 18 * i, 730))
    c.drawString(72, 600, "EXPERIENCE")
    c.drawString(72, 580, "Data Scientist, Lumen Analytics, 2019 - 2023")
    c.drawString(72, 400, "Paper: Forecasting retail demand")
    c.linkURL("https://arxiv.org/abs/2101.00001", (72, 395, 240, 410))
    c.save()
    doc = read_document(path, engine=engine)
    assert doc.layout.links == ("www.linkedin.com/in/priya-raman", "github.com/priyaraman", "priya.dev")
    links = extract_facts(doc, split_sections(doc)).contact.links
    assert links == ("linkedin.com/in/priya-raman", "github.com/priyaraman", "priya.dev")


def test_only_profile_pages_count_among_body_link_annotations() -> None:
    from resume_match.extract.layout import PageWords, contact_links
    page = PageWords(number=1, width=612, height=792, words=(), links=(
        ("https://github.com/jane", 500.0), ("https://github.com/jane/churn-model", 520.0),
        ("https://www.linkedin.com/in/jane-doe/", 540.0), ("https://jane.github.io/#slide2", 560.0),
        ("https://arxiv.org/abs/2101.00001", 580.0), ("https://jane.dev", 40.0),
        ("mailto:jane@example.com", 40.0)))
    assert contact_links([page]) == ("github.com/jane", "www.linkedin.com/in/jane-doe", "jane.dev")


# ---------------------------------------------------------------- when 'Present' is

def _pdf_doc(text: str, created: str = "", producer: str = "") -> Document:
    doc = read_text(text.encode(), "cv.txt")
    return dataclasses.replace(doc, kind="pdf", layout=Layout(created=created, producer=producer))


OPEN_CAREER = ("Jane Doe\n\nExperience\nData Scientist, Acme Corp\nJan 2012 - Present\n"
               "Analyst, Beta Inc\n06/2009 - 12/2011\n")


def test_present_counts_to_the_file_date() -> None:
    doc = _pdf_doc(OPEN_CAREER, created="2024-03-02")
    exp = extract_facts(doc, split_sections(doc)).experience
    assert (exp.years, exp.as_of) == (14.8, "2024-03")
    assert exp.basis == "the file's own date (2024-03)"


def test_a_tex_rebuild_years_later_is_no_evidence() -> None:
    cv = OPEN_CAREER.replace("Jan 2012 - Present", "Jan 2012 - Present\nLead, Gamma, 2013 - 2015")
    doc = _pdf_doc(cv, created="2024-03-02", producer="pdfTeX-1.40.24")
    exp = extract_facts(doc, split_sections(doc)).experience
    assert exp.as_of == "2015-01" and "later rebuild by pdfTeX" in exp.basis
    word = extract_facts(d := _pdf_doc(cv, created="2024-03-02", producer="Microsoft Word"),
                         split_sections(d)).experience
    assert word.as_of == "2024-03"


def test_a_printed_date_later_than_the_file_wins() -> None:
    doc = _pdf_doc(OPEN_CAREER.replace("06/2009 - 12/2011", "06/2009 - 12/2011\nMentor, 2024 - 2025"),
                   created="2023-01-05")
    exp = extract_facts(doc, split_sections(doc)).experience
    assert exp.as_of == "2025-01" and exp.basis.startswith("the latest date the CV prints")


def test_an_only_open_range_without_a_file_date_is_not_a_month() -> None:
    doc = _pdf_doc("Jane Doe\n\nExperience\nData Scientist, Acme Corp\nMar 2020 - Present\n")
    exp = extract_facts(doc, split_sections(doc)).experience
    assert exp.years is not None and exp.years > 4
    assert exp.basis.startswith("today") and "no date of its own" in exp.basis


def test_years_in_prose_are_a_fallback_shown_as_such() -> None:
    cv = "Jane Doe\nData scientist with six years of experience in retail.\n\nExperience\nAcme Corp\n"
    exp = facts_of(cv).experience
    assert exp.years == 6.0 and exp.basis.startswith("stated in the CV ('six years of experience")


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_every_pdf_reader_sets_the_file_date(tmp_path: Path, engine: str) -> None:
    from reportlab.pdfgen.canvas import Canvas
    path = tmp_path / "cv.pdf"
    c = Canvas(str(path), invariant=True)      # invariant: a fixed CreationDate (2000-01-01)
    c.setFont("Helvetica", 10)
    c.drawString(72, 700, "Jane Doe")
    c.save()
    layout = read_document(path, engine=engine).layout
    assert layout.created == "2000-01-01" and "ReportLab" in layout.producer


def test_docx_core_properties_set_the_file_date(tmp_path: Path) -> None:
    import datetime
    import docx
    d = docx.Document()
    d.add_paragraph("Jane Doe")
    d.add_paragraph("Experience")
    d.add_paragraph("Data Scientist, Acme Corp, Mar 2020 - Present")
    d.core_properties.created = datetime.datetime(2021, 3, 1)
    d.core_properties.modified = datetime.datetime(2022, 9, 15)
    d.save(str(tmp_path / "cv.docx"))
    doc = read_document(tmp_path / "cv.docx")
    assert doc.layout.created == "2022-09-15"


def test_a_cue_word_in_prose_gives_no_link() -> None:
    from resume_match.parse.contact import find_cued_links
    assert find_cued_links(["Programmed a website in VB.NET for the team.",
                            "maintain the ETL portfolio of projects at enterprise level.In a"]) == []
    assert find_cued_links(["Portfolio: asha.design", "Website - janedoe.com | blog"]) == [
        "asha.design", "janedoe.com"]


# ---------------------------------------------------------------- education entries

def test_education_keeps_campus_and_the_year_printed_below_each_degree() -> None:
    cv = ("Priya Raman\n\nEducation\nM.S. in Statistics, University of Washington\n2018\n"
          "B.S. in Mathematics, University of California, Davis\n2016\n")
    got = [(e.field, e.institution, e.year) for e in facts_of(cv).education.entries]
    assert got == [("Statistics", "University of Washington", 2018),
                   ("Mathematics", "University of California, Davis", 2016)]


def test_a_middle_initial_without_its_full_stop_is_part_of_the_name() -> None:
    """'STEVEN A REA': the 'A' is an initial, not the article that rules a line out as a name."""
    assert facts_of("STEVEN A REA\ns.rea@example.com\n\nExperience\nAnalyst, Acme, 2012 - 2014\n").name == "Steven A Rea"
    assert facts_of("A Data Scientist\njo@example.com\n").name is None


def test_education_institution_named_by_its_initials_or_on_a_line_read_as_a_place() -> None:
    """'UC San Diego' after the field has no institution word; 'Virginia Tech Blacksburg,
    Virginia' above the degree was taken whole for a city; a city after the degree is no school."""
    cv = ("Harvey Dent\n\nEducation\n2014 – 2016 Master of Science in Computer Science, "
          "Specialization in AI, MIT, Cambridge, USA\n"
          "2010 – 2014 Bachelor of Science in Computer Science, UC San Diego, San Diego, USA\n")
    assert [e.institution for e in facts_of(cv).education.entries] == ["MIT", "UC San Diego"]
    cv = ("Brandon Amos\n\nEducation\nVirginia Tech Blacksburg, Virginia\n"
          "B.S. Computer Science, Honors Scholar. Mathematics minor. August 2011 – May 2014\n"
          "Overall GPA: 3.98/4.00\n")
    assert [(e.institution, e.year) for e in facts_of(cv).education.entries] == [("Virginia Tech", 2014)]
    cv = "Jo Lee\n\nEducation\nBachelor of Science, Boston, MA, 2012\nB.Tech, CSE, 2015\n"
    assert [e.institution for e in facts_of(cv).education.entries] == [None, None]


def test_education_year_printed_above_each_degree() -> None:
    cv = ("Priya Raman\n\nEducation\n2014 - 2018\nB.S. in Mathematics, University of Oregon\n"
          "2012 - 2014\nA.A. in Liberal Arts, Lane Community College\n")
    got = [(e.level, e.institution, e.year) for e in facts_of(cv).education.entries]
    assert got == [("bachelor", "University of Oregon", 2018),
                   ("associate", "Lane Community College", 2014)]


def test_dates_at_the_right_margin_of_an_entry_row_stay_with_the_entry(tmp_path: Path) -> None:
    """Pages-style CV: the degrees' dates and the first employer sit at the right end of their
    rows, and the reader takes them for a second column; they belong to the rows they share."""
    doc = read_document(pdfgen.make_right_dates(tmp_path / "right-dates.pdf"))
    assert any(ln.column == 2 for ln in doc.lines)          # the reader's view: two columns
    sections = split_sections(doc)
    facts = extract_facts(doc, sections)
    assert [(p.title, p.organization, p.start, p.end) for p in facts.experience.positions] == [
        ("Senior Data Scientist", "Lumen Analytics", "2021-01", "2023-06"),
        ("Data Analyst", "Northwind Retail", "2018-06", "2020-12")]
    assert facts.experience.years == 5.1                    # not the degrees' years as jobs
    assert [e.year for e in facts.education.entries] == [2018, 2016]


def test_an_entry_opening_with_degree_in_a_field_is_a_first_degree() -> None:
    facts = facts_of("Ravi Kumar\n\nEducation\nDegree in Civil Engineering, Noida University, 2017\n")
    assert facts.education.highest_degree == "bachelor"
    assert find_degree("The degree of risk in a family") is None
    assert find_degree("Master degree in Physics")[0] == "master"   # type: ignore[index]
