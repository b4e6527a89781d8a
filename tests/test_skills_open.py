"""The open-vocabulary pass: every item of a skills list is a skill, known or not, with its
level; list leftovers, prose, places and spoken languages are not."""
from __future__ import annotations

import pytest

from resume_match.models import Line, Section
from resume_match.skills import read_skills


def section(kind: str, *texts: str, styles: tuple = ()) -> Section:
    lines = []
    for i, t in enumerate(texts):
        font, size, bold = styles[i] if styles else ("", 0.0, False)
        lines.append(Line(text=t, page=1, font=font, size=size, bold=bold))
    return Section(kind=kind, heading=kind.title(), page=1, lines=tuple(lines))


def read(matcher, *sections):
    tech, soft = read_skills(tuple(sections), matcher)
    return {h.name: h for h in tech}, {h.name: h for h in soft}


def unknown(matcher, *sections) -> list[str]:
    tech, _ = read(matcher, *sections)
    return [name for name, h in tech.items() if not h.known]


def test_the_names_used_here_are_unknown_to_the_taxonomy(matcher):
    forms = {f.casefold() for s in matcher.taxonomy.skills.values() for f in s.forms}
    names = ("Benchling", "Zotero", "Western blot", "Flow cytometry", "Chemometrics", "NetLogo",
             "Cloudinary", "Multer", "Fluid Mechanics", "Organic Chemistry", "Heat Transfer",
             "MongoDB Atlas", "Azure Bot Garden", "Creative Writing", "Confocal microscopy")
    assert not [n for n in names if n.casefold() in forms]


def test_items_the_taxonomy_lacks_are_skills_with_their_evidence(matcher):
    line = "Lab: Benchling, Zotero, Western blot, Flow cytometry"
    tech, _ = read(matcher, section("skills", line, "Python, SQL"))
    for name in ("Benchling", "Zotero", "Western blot", "Flow cytometry"):
        hit = tech[name]
        assert not hit.known and hit.category == "other" and hit.matched == (name,)
        assert hit.evidence[0].text == line and hit.evidence[0].section == "skills"
        assert not hit.demonstrated
    assert tech["Python"].known and tech["SQL"].known
    assert tech["Western blot"].id == "western-blot"


@pytest.mark.parametrize("line, name, level", [
    ("Chemometrics (Advanced) ⋄ NetLogo (Intermediate)", "NetLogo", "Intermediate"),
    ("Chemometrics (Advanced) ⋄ NetLogo (Intermediate)", "Chemometrics", "Advanced"),
    ("Cloudinary- Experience - 24 months", "Cloudinary", "Experience - 24 months"),
    ("Multer – 3 years, Cloudinary", "Multer", "3 years"),
    ("Python***, Multer**", "Multer", "**"),
    ("Python (Expert), Multer", "Python", "Expert"),
    ("Proficient in Python and SQL", "Python", "Proficient"),
])
def test_proficiency_is_kept_as_a_level_not_a_name(matcher, line, name, level):
    tech, _ = read(matcher, section("skills", line))
    assert tech[name].level == level
    assert not any(w in n for n in tech for w in ("Advanced", "months", "years", "Expert"))


def test_labelled_lists_and_coursework_outside_a_skills_section(matcher):
    found = unknown(matcher,
                    section("projects", "Image search engine for museum archives",
                            "Tech Stack: Python, Cloudinary, Multer"),
                    section("education", "B.Tech Computer Science, 2024",
                            "Relevant Coursework: Fluid Mechanics, Organic Chemistry,",
                            "Heat Transfer, CS 229"))
    assert found == ["Cloudinary", "Multer", "Fluid Mechanics", "Organic Chemistry",
                     "Heat Transfer"]
    tech, _ = read(matcher, section("projects", "Tech Stack: Cloudinary, Multer"))
    assert tech["Cloudinary"].demonstrated        # used in a project, not only listed


def test_a_more_specific_name_than_the_taxonomy_knows(matcher):
    """'MongoDB Atlas' is reported as itself (the CV also claims MongoDB by it)."""
    tech, _ = read(matcher, section("skills", "Tools: Git, MongoDB Atlas, basic Azure Bot Garden"))
    assert not tech["MongoDB Atlas"].known and not tech["Azure Bot Garden"].known
    assert tech["Azure Bot Garden"].level == "basic"
    assert "Git" in tech and tech["Git"].known
    # generic words beside a name add nothing: 'SQL databases', 'Python programming'
    assert unknown(matcher, section("skills", "SQL and NoSQL databases, Python programming",
                                    "Android Development")) == []


@pytest.mark.parametrize("line", [
    "Languages: English (fluent), Hindi, Spanish (native)",
    "Category 1: XXX, YYY, ZZZ",
    "Over 5000 lines: Python",
    "6 Month, 2019, Jan 2020",
    "Developed dashboards for the sales team of a large retailer",
    "California, India, New York",
    "jane.doe@example.com, github.com/janedoe",
    "the complete yield curve, completing a Java GUI",
])
def test_list_leftovers_and_prose_are_not_skills(matcher, line):
    assert unknown(matcher, section("skills", line)) == []


def test_text_before_a_colon_is_a_label(matcher):
    assert unknown(matcher, section("skills", "Hardware Tools : Chemometrics, NetLogo")) == \
        ["Chemometrics", "NetLogo"]


def test_a_sub_heading_printed_unlike_the_list_is_not_a_skill(matcher):
    item, head = ("Lato-Light", 10.0, False), ("Lato-Regular", 10.0, False)
    sec = section("skills", "practice", "NetLogo • Chemometrics", "methods", "Gephi • Zotero",
                  styles=(head, item, head, item))
    assert unknown(matcher, sec) == ["NetLogo", "Chemometrics", "Zotero"]


def test_items_under_a_soft_skills_label_are_soft(matcher):
    tech, soft = read(matcher, section("skills", "Tools: Git, Figma",
                                       "Soft Skills : Event Management, Creative Writing"))
    assert "Creative Writing" in soft and not soft["Creative Writing"].known
    assert "Creative Writing" not in tech and "Git" in tech


def test_prose_and_job_postings_get_no_open_items(matcher):
    exp = section("experience", "Built Chemometrics models for Raman spectra in Python")
    assert unknown(matcher, exp) == []
    # find() (job postings) reports only what the taxonomy knows
    hits = matcher.find((section("skills", "Python, NetLogo, Chemometrics"),))
    assert [h.id for h in hits] == ["python"]


def test_a_list_ending_in_and_is_two_items(matcher):
    assert unknown(matcher, section("skills", "Python, Cloudinary and Multer")) == \
        ["Cloudinary", "Multer"]
    # a name with 'and' inside stays one item when it is the only one on the line
    assert unknown(matcher, section("skills", "Design and Analysis of Algorithms")) == []


@pytest.mark.parametrize("line, names", [
    ("Kiln & Furnace Inspection", ["Kiln Inspection", "Furnace Inspection"]),
    ("Shuttering & Billing", ["Shuttering", "Billing"]),
    ("Formwork and Shuttering Supervision", ["Formwork Supervision", "Shuttering Supervision"]),
])
def test_a_word_joined_to_a_name_shares_its_last_word(matcher, line, names):
    assert unknown(matcher, section("skills", line)) == names


@pytest.mark.parametrize("line, whole", [
    ("Heat & Mass Transfer of Fluids", None),                  # a stop word: one name
    ("Kiln & Furnace 2D", "Kiln & Furnace 2D"),                # not words only
    ("Kiln & Furnace and Boiler Inspection", None),            # two connectors
])
def test_a_name_with_more_than_a_shared_head_is_not_split(matcher, line, whole):
    names = unknown(matcher, section("skills", line))
    assert not [n for n in names if n.startswith("Kiln ") and "&" not in n]
    assert "Heat Fluids" not in names
    assert whole is None or names == [whole]


def test_job_titles_and_page_navigation_in_a_list_are_not_skills(matcher):
    """Job-portal exports put the headline title among the key skills and print '^ Back to
    Top' under each section; a name ending in a word that also ends skills stays a skill."""
    found = unknown(matcher, section("skills", "Key Skills: Jr. Web Developer, Cloudinary,",
                                     "Data Analyst, Multer, LangGraph Agents", "^ Back to Top"))
    assert found == ["Cloudinary", "Multer", "LangGraph Agents"]


# ---------------------------------------------------------------- lists in a work bullet

@pytest.mark.parametrize("line, new", [
    ("Built the dashboard using React, Redux, Cloudinary and Multer.", {"Cloudinary", "Multer"}),
    ("Shipped a PWA with Angular, TypeScript, Chemometrics, NetLogo to cut load times.",
     {"Chemometrics", "NetLogo"}),
    ("Proficient in Python, SQL and Benchling", {"Benchling"}),
])
def test_a_list_after_a_cue_in_a_work_bullet_names_skills(matcher, line, new):
    assert set(unknown(matcher, section("experience", line))) == new


def test_a_prose_list_may_wrap_onto_the_next_line_after_a_comma(matcher):
    sec = section("projects", "Developed the app using React, Redux,", "Cloudinary and Multer. Led a team")
    assert set(unknown(matcher, sec)) == {"Cloudinary", "Multer"}
    sec = section("projects", "Developed the app using React, Redux", "Cloudinary and Multer")
    assert unknown(matcher, sec) == []                 # no comma: the next line is not the list


@pytest.mark.parametrize("line", [
    "Worked with Clients, Vendors and Python teams across Europe",   # one known skill only
    "Built it using Python and Benchling",                          # two items, not a list
    "Met with clients, vendors, Python and SQL users weekly",         # lower-case items: no names
    "Built it using Python, SQL, several Benchling stacks",          # a quantifier opens the item
    "Ran ERP projects in Python, SQL, ASP.NET+Oracle",              # a stack glued by a plus
    "Using Python, SQL to write Benchling exports",                   # 'to' ends the list
])
def test_prose_that_is_not_a_list_of_names_gives_no_unknown_skill(matcher, line):
    assert unknown(matcher, section("experience", line)) == []


def test_prose_lists_count_only_in_work_sections(matcher):
    line = "Built the dashboard using React, Redux, Cloudinary and Multer."
    assert unknown(matcher, section("education", line)) == []


def test_a_misspelt_name_in_a_prose_list_counts_as_a_whole_item(matcher):
    tech, _ = read(matcher, section("experience", "I used Angular, Material Design, Mat Typography,",
                                    "ChartsJs, Monaco Editors. I built the app from scratch."))
    assert tech["Chart.js"].matched == ("ChartsJs",)
    tech, _ = read(matcher, section("experience", "Experience in requirement gathering, reporting, "
                                    "documentation, process mapping, scheduling and data analysis."))
    assert {"Technical documentation", "Business analysis"} <= set(tech)   # ambiguous names, as list items
    tech, _ = read(matcher, section("experience", "Worked using Python, SQL, Spark and Excel daily"))
    assert [n for n, h in tech.items() if not h.known] == []    # 'Excel daily' is no new name
    tech, _ = read(matcher, section("experience", "An assistant with solid background in data entry, "
                                                  "SQL and customer service"))
    assert "Design patterns" not in tech                 # 'solid' is not an item of the list


def test_a_participle_clause_ends_a_prose_list(matcher):
    line = "Deployed it using Python, SQL, Docker, focusing on Cloudinary and Multer"
    assert unknown(matcher, section("experience", line)) == []
    line = "Hands-on in requirement gathering, reporting, SQL, Python and Benchling"
    assert unknown(matcher, section("experience", line)) == ["Benchling"]


def test_words_with_a_stop_word_beside_a_known_name_are_its_prose(matcher):
    """'Focus on portion and cost control': cost control is the skill, 'Focus on portion'
    the sentence around it; a name of its own beside a known one still counts."""
    for line in ("Focus on portion and cost control", "Focus on portion and quality control"):
        assert unknown(matcher, section("skills", line, "Python")) == []
    assert unknown(matcher, section("skills", "MongoDB Atlas, Python")) == ["MongoDB Atlas"]


def test_an_unknown_plural_name_is_keyed_by_its_singular(matcher):
    """'Monaco Editors' and 'Monaco Editor' are one skill, its name as first written; a
    one-word name keeps its shape ('Multers' is not 'Multer')."""
    tech, _ = read(matcher, section("skills", "Angular, Monaco Editors, Python, Multers",
                                    "Monaco Editor, SQL, Multer"))
    editors = [h for h in tech.values() if h.name.startswith("Monaco")]
    assert [(h.id, h.name) for h in editors] == [("monaco-editor", "Monaco Editors")]
    assert editors[0].matched == ("Monaco Editors", "Monaco Editor")
    assert {"Multers", "Multer"} <= set(tech)
    tech, _ = read(matcher, section("skills", "Cable harness, Python, SQL"))
    assert tech["Cable harness"].id == "cable-harness"          # a singular stays as it is
