"""Fixture generator: realistic CV files, one per reader behaviour, drawn with reportlab/python-docx.

Importable (`write_all(outdir)`, `make_<name>(path)`, `FIXTURES`) and runnable:
`python tests/pdfgen.py OUTDIR` writes every fixture; `python tests/pdfgen.py --example` rewrites
examples/data-scientist-cv.pdf. Each maker's docstring says how the file is made.
"""
from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import Callable

import reportlab
from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

# ---------------------------------------------------------------- the CV content

NAME = "Priya Raman"
TITLE = "Data Scientist"
EMAIL = "priya.raman@example.com"
PHONE = "+1 (415) 555-0142"
LINKEDIN = "linkedin.com/in/priya-raman"
GITHUB = "github.com/priyaraman"
LOCATION = "San Francisco, CA"
CONTACT = f"{EMAIL} | {PHONE} | {LINKEDIN} | {GITHUB} | {LOCATION}"

SUMMARY = ("Data scientist with six years of experience turning messy product data into models "
           "and decisions, from A/B testing and forecasting to production recommendation systems "
           "in Python and SQL.")

EXPERIENCE: list[tuple[str, str, list[str]]] = [
    ("Senior Data Scientist, Lumen Analytics", "Jan 2021 – Present", [
        "Built a churn prediction model with XGBoost and scikit-learn that cut monthly churn by 8%.",
        "Designed A/B tests and causal impact analyses for pricing experiments across 3 markets.",
        "Deployed models with Docker and Airflow on AWS; tracked experiments in MLflow.",
    ]),
    ("Data Analyst, Northwind Retail", "06/2018 – 12/2020", [
        "Wrote SQL and Pandas pipelines feeding Tableau dashboards used by 40 store managers.",
        "Forecast weekly demand with Prophet and ARIMA time series models (MAPE 9%).",
    ]),
]
EDUCATION: list[tuple[str, str]] = [
    ("M.S. in Statistics, University of Washington", "2018"),
    ("B.S. in Mathematics, University of California, Davis", "2016"),
]
SKILLS = ["Python", "R", "SQL", "Pandas", "NumPy", "scikit-learn", "PyTorch", "TensorFlow",
          "XGBoost", "Spark", "Airflow", "Docker", "Git", "AWS", "Tableau", "A/B testing"]
CERTIFICATIONS = ["AWS Certified Machine Learning – Specialty (2022)"]
LANGUAGES = ["English (fluent)", "Tamil (native)", "Spanish (basic)"]

Item = tuple[str, str]   # (style, text); styles in _STYLES

# ---------------------------------------------------------------- drawing helpers

_FONT_DIR = Path(reportlab.__file__).parent / "fonts"
_PUA_FONT_CANDIDATES = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                        "/usr/share/fonts/dejavu/DejaVuSans.ttf")
PUA_ICON = "\uef01"   # a Private Use Area code point that DejaVuSans draws (like a FontAwesome icon)


def _register_vera() -> None:
    """Bitstream Vera ships with reportlab: a TrueType font with ligature glyphs (ﬁ, ﬂ) and •."""
    if "Vera" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Vera", str(_FONT_DIR / "Vera.ttf")))
        pdfmetrics.registerFont(TTFont("Vera-Bold", str(_FONT_DIR / "VeraBd.ttf")))


def pua_font_path() -> str | None:
    """A system font with glyphs in the Private Use Area, or None (the icon fixture needs one)."""
    return next((p for p in _PUA_FONT_CANDIDATES if os.path.exists(p)), None)


_STYLES: dict[str, tuple[str, float, float]] = {   # style -> (font, size, leading)
    "name": ("Helvetica-Bold", 20, 26),
    "title": ("Helvetica", 12, 16),
    "contact": ("Helvetica", 8.5, 12),
    "heading": ("Helvetica-Bold", 12, 18),
    "sub": ("Helvetica-Bold", 10, 13),
    "date": ("Helvetica-Oblique", 9, 12),
    "body": ("Helvetica", 9.5, 12.5),
    "bullet": ("Helvetica", 9.5, 12.5),
    "gap": ("Helvetica", 6, 6),
}


def cv_items(*, sections: tuple[str, ...] = ("summary", "experience", "education", "skills",
                                              "certifications"), bullet: str = "–") -> list[Item]:
    """The CV's sections as styled items, in the order given. The default bullet is an en dash:
    reportlab's Helvetica encodes • as code 127, which pdfminer reads as (cid:127)."""
    out: list[Item] = []
    for kind in sections:
        if kind == "summary":
            out += [("heading", "SUMMARY"), ("body", SUMMARY), ("gap", "")]
        elif kind == "experience":
            out.append(("heading", "EXPERIENCE"))
            for role, dates, bullets in EXPERIENCE:
                out += [("sub", role), ("date", dates)]
                out += [("bullet", f"{bullet} {b}") for b in bullets]
                out.append(("gap", ""))
        elif kind == "education":
            out.append(("heading", "EDUCATION"))
            for degree, year in EDUCATION:
                out += [("sub", degree), ("date", year)]
            out.append(("gap", ""))
        elif kind == "skills":
            out += [("heading", "SKILLS"), ("body", ", ".join(SKILLS)), ("gap", "")]
        elif kind == "certifications":
            out.append(("heading", "CERTIFICATIONS"))
            out += [("body", c) for c in CERTIFICATIONS]
            out.append(("gap", ""))
        elif kind == "languages":
            out.append(("heading", "LANGUAGES"))
            out += [("body", lang) for lang in LANGUAGES]
            out.append(("gap", ""))
        elif kind == "contact":
            out.append(("heading", "CONTACT"))
            out += [("body", x) for x in (EMAIL, PHONE, LINKEDIN, GITHUB, LOCATION)]
            out.append(("gap", ""))
    return out


def draw_items(c: Canvas, items: list[Item], x: float, y: float, width: float,
               fonts: dict[str, str] | None = None) -> float:
    """Draw wrapped items top-down from baseline y; returns the next free baseline."""
    for style, text in items:
        font, size, leading = _STYLES[style]
        font = (fonts or {}).get(style, font)
        if style == "gap":
            y -= leading
            continue
        c.setFont(font, size)
        indent = 10 if style == "bullet" else 0
        for i, part in enumerate(simpleSplit(text, font, size, width - indent)):
            c.drawString(x + (indent if i else 0), y, part)
            y -= leading
    return y


def _header_block(c: Canvas, x: float, y: float, width: float) -> float:
    y = draw_items(c, [("name", NAME), ("title", TITLE)], x, y, width)
    return draw_items(c, [("contact", CONTACT), ("gap", "")], x, y, width)


# ---------------------------------------------------------------- PDF fixtures

def make_one_column(path: Path) -> Path:
    """One column, Vera TrueType font; the body uses the ﬁ/ﬂ ligature code points and a no-break
    space (as LaTeX output does), bullets are •."""
    _register_vera()
    c = Canvas(str(path), pagesize=LETTER)
    c.setTitle(f"{NAME} CV")
    fonts = {"name": "Vera-Bold", "title": "Vera", "contact": "Vera", "heading": "Vera-Bold",
             "sub": "Vera-Bold", "date": "Vera", "body": "Vera", "bullet": "Vera"}
    items = cv_items(bullet="•")
    items.insert(2, ("body", "Speciﬁc strengths: workﬂow design,\u00a0ﬁnance and "
                             "marketing analytics."))
    y = _header_block(c, 60, 740, 490)
    draw_items(c, items, 60, y, 490, fonts)
    c.save()
    return path


def make_link_icons(path: Path) -> Path:
    """The one-column CV whose LinkedIn and GitHub are clickable icons only: the contact line
    prints e-mail, phone and place; the profiles are link annotations on two small squares."""
    c = Canvas(str(path), pagesize=LETTER)
    y = draw_items(c, [("name", NAME), ("title", TITLE),
                       ("contact", f"{EMAIL} | {PHONE} | {LOCATION}")], 60, 740, 490)
    for i, uri in enumerate((f"https://www.{LINKEDIN}/", f"https://{GITHUB}")):
        c.rect(60 + 16 * i, y + 2, 9, 9)
        c.linkURL(uri, (60 + 16 * i, y + 2, 69 + 16 * i, y + 11))
    draw_items(c, cv_items(bullet="•"), 60, y - 18, 490)
    c.save()
    return path


DATE_COLUMN: list[tuple[str, list[tuple[str, str]]]] = [
    ("Experience", [("2021 –", "Machine Learning Engineer, Northlake AI, San Francisco, USA"),
                    ("Present", "Leading a team of five ML engineers. Built ranking models in PyTorch."),
                    ("2018 – 2021", "Data Scientist, Ridewell, San Francisco, USA"),
                    ("", "Developed demand forecasting models with XGBoost and SQL.")]),
    ("Education", [("2014 – 2016", "Master of Science in Computer Science, Specialization in AI, MIT, Cambridge,"),
                   ("", "USA"),
                   ("2010 – 2014", "Bachelor of Science in Computer Science, UC San Diego, San Diego, USA")]),
    ("Projects", [("2021 –", "Personal Project: Stock Trading Model"),
                  ("Present", "Forecast prices with an LSTM in PyTorch; deployed with Docker.")]),
]


def make_date_column(path: Path) -> Path:
    """A one-page CV with its dates in a left column (the 'rm' LaTeX template): an open range
    '2021 –' whose 'Present' is printed on the next line beside the first description line, a
    degree whose country wraps on to a line of its own, and a header with a street address,
    a profile handle and then the headline."""
    c = Canvas(str(path), pagesize=A4)
    y = 800.0
    for font, size, text in (("Helvetica", 9, "321 Gotham St"), ("Helvetica", 9, "Gotham, USA"),
                             ("Helvetica-Bold", 20, "Harriet Dane"),
                             ("Helvetica", 9, "hdane@example.com  (123) 456-7891"),
                             ("Helvetica", 9, "hdane"), ("Helvetica", 11, "Machine Learning Engineer")):
        c.setFont(font, size)
        c.drawString(50, y, text)
        y -= size + 6
    c.linkURL("https://github.com/hdane", (50, y + 20, 80, y + 30))
    for heading, rows in DATE_COLUMN:
        y -= 10
        c.setFont("Helvetica-Bold", 12)
        c.drawString(50, y, heading)
        y -= 16
        for when, text in rows:
            c.setFont("Helvetica", 10)
            c.drawString(50, y, when)
            c.drawString(125, y, text)
            y -= 13
    c.save()
    return path


FIRST_NAMES = ("Ana", "Ben", "Chloe", "Dev", "Elif", "Femi", "Grace", "Hiro", "Ines", "Jonas")
LAST_NAMES = ("Okafor", "Lindqvist", "Moreau", "Patel", "Yilmaz")


def make_varied(path: Path, number: int) -> Path:
    """The one-column CV's layout for the `number`-th of many different people: own name and
    e-mail, a longer or shorter slice of the skills list and of the experience, so a folder of
    them ranks with a spread of scores (the web recruiter test uploads 30)."""
    first, last = FIRST_NAMES[number % len(FIRST_NAMES)], LAST_NAMES[number // len(FIRST_NAMES) % len(LAST_NAMES)]
    c = Canvas(str(path), pagesize=LETTER)
    c.setTitle(f"{first} {last} CV")
    contact = f"{first.lower()}.{last.lower()}{number}@example.com | {PHONE} | {LOCATION}"
    y = draw_items(c, [("name", f"{first} {last}"), ("title", TITLE), ("contact", contact), ("gap", "")],
                   60, 740, 490)
    items = [i for i in cv_items(sections=("summary", "experience", "education"))
             if number % 3 or "Northwind" not in i[1]]
    skills = SKILLS[: 3 + number % (len(SKILLS) - 2)]
    items += [("heading", "SKILLS"), ("body", ", ".join(skills)), ("gap", "")]
    draw_items(c, items, 60, y, 490)
    c.save()
    return path


DENSE_LINES: list[tuple[str, str, str]] = [     # (style, left text, right text)
    ("name", "Maya Okonkwo", ""), ("body", "Machine Learning Engineer", ""),
    ("body", "maya.okonkwo@example.com | +1 (206) 555-0199 | github.com/mayaok | Seattle, WA", ""),
    ("heading", "SUMMARY", ""),
    ("body", "Machine learning engineer with nine years of experience taking forecasting, ranking "
             "and risk models from notebooks to monitored production services, and leading the "
             "teams that run them.", ""),
    ("heading", "EXPERIENCE", ""),
    ("sub", "Senior Machine Learning Engineer, Orbital Freight   Mar 2019 –", ""),
    ("date", "Present", ""),
] + [("bullet", f"– {b}", "") for b in (
    "Led a team of five engineers building the demand forecasting platform used by 30 warehouses",
    "Cut model training cost 40% by moving feature pipelines from pandas to Spark on AWS EMR",
    "Designed the online feature store and its monitoring, serving 2,000 requests per second",
    "Mentored three junior engineers through code review and weekly pairing sessions",
    "Shipped a gradient boosting ETA model that reduced late deliveries by 12% across two regions")
] + [("sub", "Data Scientist, Brightline Health, Portland, OR   Jun 2015 – Feb 2019", "")] + [
    ("bullet", f"– {b}", "") for b in (
        "Built readmission risk models in Python and scikit-learn for 14 hospitals",
        "Ran A/B tests of patient outreach that lifted appointment attendance by 9%",
        "Automated weekly reporting in SQL and Tableau, saving analysts 10 hours a week",
        "Presented model results to clinicians and product leads every quarter")
] + [item for org, dates in (("Data Analyst, Northwind Retail, Boise, ID", "Jan 2014 – May 2015"),
                              ("Research Assistant, Oregon State University", "Sep 2013 – Dec 2013"))
       for item in [("sub", f"{org}   {dates}", "")] + [("bullet", f"– {b}", "") for b in (
           "Wrote SQL and pandas pipelines feeding dashboards used by 40 store managers each week",
           "Forecast weekly demand with Prophet and ARIMA time series models (MAPE 9%)",
           "Designed and analysed pricing experiments across three markets with the finance team",
           "Documented the data model and onboarded two new analysts to the reporting stack")]
] + [("sub", "Data Science Intern, Cascade Analytics   Summer 2012 and 2013", "")] + [
    ("bullet", f"– {b}", "") for b in (
        "Cleaned and analysed retail sales data in R; wrote the store clustering report",
        "Prototyped a churn model in Python that the team later put into production")
] + [("heading", "PROJECTS", ""), ("sub", "Gitlytics | Python, Flask, React", ""),
     ("date", "June 2020 – Present", ""),
     ("bullet", "– Developed a full-stack web application that analyses GitHub repositories and "
                "reports their contributors' habits over time", ""),
     ("sub", "Route Planner | OR-Tools, FastAPI", ""), ("date", "Jan 2021", ""),
     ("bullet", "– Solved vehicle routing for a food bank's 40 daily stops with OR-Tools", ""),
     ("heading", "EDUCATION", ""),
     ("sub", "M.S. in Computer Science, University of Washington, Seattle, WA   2015", ""),
     ("body", "GPA: 3.9/4.0; thesis on probabilistic forecasting", ""),
     ("sub", "B.S. in Mathematics, Oregon State University, Corvallis, OR   2013", ""),
     ("heading", "SKILLS", ""),
     ("body", "Languages: Python, SQL, R, Scala", ""),
     ("body", "ML: scikit-learn, XGBoost, PyTorch, Spark MLlib, time series forecasting", ""),
     ("body", "Platforms: AWS (SageMaker, EMR), Docker, Kubernetes, Airflow, Git", "")]


def make_dense_one_page(path: Path) -> Path:
    """A full one-page Letter CV in 8.5pt type with dates after the titles, a range wrapped on
    to 'Present', a season range, projects with their dates on a line of their own, GPA and
    places in the education lines, and labelled skills lines."""
    c = Canvas(str(path), pagesize=LETTER)
    sizes = {"name": ("Helvetica-Bold", 16, 19), "heading": ("Helvetica-Bold", 9.5, 15),
             "sub": ("Helvetica-Bold", 8.5, 11), "date": ("Helvetica", 8.5, 11),
             "body": ("Helvetica", 8.5, 11), "bullet": ("Helvetica", 8.5, 11)}
    x, right, y = 40, 572, 750
    for style, text, when in DENSE_LINES:
        font, size, leading = sizes[style]
        c.setFont(font, size)
        indent = 8 if style == "bullet" else 0
        for i, part in enumerate(simpleSplit(text, font, size, right - x - indent) or [""]):
            c.drawString(x + (indent + 6 if i else indent), y, part)
            if when and i == 0:
                c.setFont("Helvetica", size)
                c.drawRightString(right, y, when)
                c.setFont(font, size)
            y -= leading
    assert y > 30, "the dense fixture must fit one page"
    c.save()
    return path


def make_two_column(path: Path) -> Path:
    """Full-width name banner, then two columns whose lines share baselines (Deedy/AltaCV style):
    left has Experience and Education, right has Summary, Skills, Certifications, Languages."""
    c = Canvas(str(path), pagesize=LETTER)
    y0 = _header_block(c, 40, 740, 530)
    c.setLineWidth(0.5)
    c.line(40, y0 + 8, 572, y0 + 8)
    draw_items(c, cv_items(sections=("experience", "education")), 40, y0 - 6, 300)
    draw_items(c, cv_items(sections=("summary", "skills", "certifications", "languages")),
               362, y0 - 6, 210)
    c.save()
    return path


def make_sidebar(path: Path) -> Path:
    """Word-style CV with a shaded left sidebar (contact, skills, languages) beside a wide main
    column (name, summary, experience, education)."""
    c = Canvas(str(path), pagesize=A4)
    w, h = A4
    c.setFillColor(Color(0.9, 0.92, 0.95))
    c.rect(0, 0, 185, h, stroke=0, fill=1)
    c.setFillColor(black)
    draw_items(c, cv_items(sections=("contact", "skills", "languages")), 22, h - 60, 145)
    y = draw_items(c, [("name", NAME), ("title", TITLE), ("gap", "")], 210, h - 60, 360)
    draw_items(c, cv_items(sections=("summary", "experience", "education")), 210, y, 360)
    c.save()
    return path


def make_table(path: Path) -> Path:
    """Experience laid out as a ruled two-column table (dates | role and bullets), plus a ruled
    3x2 skills grid below: two tables drawn with lines."""
    c = Canvas(str(path), pagesize=LETTER)
    y = _header_block(c, 50, 740, 510)
    y = draw_items(c, [("heading", "EXPERIENCE")], 50, y, 510)
    top = y + 12
    c.setLineWidth(0.6)
    rows = []
    for role, dates, bullets in EXPERIENCE:
        row_top = y + 12
        draw_items(c, [("date", dates)], 56, y, 110)
        y = draw_items(c, [("sub", role)] + [("bullet", "– " + b) for b in bullets], 176, y, 378)
        y -= 6
        rows.append((row_top, y + 12))
    bottom = y + 12
    for x in (50, 170, 560):
        c.line(x, top, x, bottom)
    c.line(50, top, 560, top)
    for _, row_bottom in rows:
        c.line(50, row_bottom, 560, row_bottom)
    y = draw_items(c, [("gap", ""), ("heading", "SKILLS")], 50, y - 6, 510)
    grid = [("Languages", "Python, R, SQL"), ("Machine learning", "scikit-learn, XGBoost, PyTorch"),
            ("Data and cloud", "Spark, Airflow, Docker, AWS")]
    top = y + 12
    for label, value in grid:
        draw_items(c, [("sub", label)], 56, y, 150)
        draw_items(c, [("body", value)], 216, y, 330)
        y -= 18
    for x in (50, 210, 560):
        c.line(x, top, x, y + 12)
    for i in range(len(grid) + 1):
        c.line(50, top - 18 * i, 560, top - 18 * i)
    y = draw_items(c, [("gap", "")] + cv_items(sections=("education",)), 50, y - 6, 510)
    c.save()
    return path


def make_right_dates(path: Path) -> Path:
    """Pages-style entries: each degree's dates and the first job's employer printed at the right
    margin of the entry's own row, the lines under them (institution, thesis) on the left only,
    so the right side is a sparse column beside the left one; then full-width bullets."""
    c = Canvas(str(path), pagesize=LETTER)
    y = _header_block(c, 57, 740, 500)
    y = draw_items(c, [("heading", "SUMMARY"), ("body", SUMMARY), ("gap", ""),
                       ("heading", "EDUCATION")], 57, y, 500)
    rows: list[tuple[str, str, list[str]]] = [
        ("Master of Science in Statistics and Operations Research", "Sep 2016 – Jun 2018",
         ["University of Washington, Seattle, WA", "Thesis: Bayesian models of store demand"]),
        ("Bachelor of Science in Mathematics", "Sep 2012 – Jun 2016",
         ["University of California, Davis"]),
    ]
    for left, right, under in rows:
        draw_items(c, [("date", right)], 470, y, 90)
        y = draw_items(c, [("sub", left)] + [("body", u) for u in under], 57, y, 300)
        y -= 4
    y = draw_items(c, [("gap", ""), ("heading", "EXPERIENCE")], 57, y, 500)
    draw_items(c, [("date", "Lumen Analytics, Seattle")], 380, y, 180)
    y = draw_items(c, [("sub", "Senior Data Scientist, Jan 2021 to Jun 2023")], 57, y, 300)
    y = draw_items(c, [("bullet", "– " + b) for b in EXPERIENCE[0][2]], 57, y, 500)
    y = draw_items(c, [("sub", "Data Analyst, Jun 2018 to Dec 2020   Northwind Retail, Portland")]
                   + [("bullet", "– " + b) for b in EXPERIENCE[1][2]], 57, y - 6, 500)
    c.save()
    return path


def make_header_footer(path: Path) -> Path:
    """Two pages, each with the same running header (name and email) and a footer 'Page N of 2';
    the body continues from page 1 to page 2."""
    c = Canvas(str(path), pagesize=LETTER)
    pages = [cv_items(sections=("summary", "experience")),
             cv_items(sections=("education", "skills", "certifications"))]
    for n, items in enumerate(pages, start=1):
        c.setFont("Helvetica", 8)
        c.drawString(60, 760, f"{NAME} — Curriculum Vitae")
        c.drawRightString(552, 760, EMAIL)
        c.drawCentredString(306, 30, f"Page {n} of {len(pages)}")
        y = _header_block(c, 60, 720, 490) if n == 1 else 720
        draw_items(c, items, 60, y, 490)
        c.showPage()
    c.save()
    return path


def make_icons(path: Path) -> Path:
    """Contact line with icon glyphs: a Private Use Area glyph (U+EF01, drawn with DejaVuSans,
    as FontAwesome does) before the email, and 'J'/'L' glyphs from a font renamed FontAwesome
    before the phone and LinkedIn (icon fonts often decode to plain letters)."""
    pua = pua_font_path()
    if pua is None:
        raise RuntimeError("no font with Private Use Area glyphs found (install fonts-dejavu-core)")
    if "IconPUA" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("IconPUA", pua))
        fa = TTFont("FontAwesome", str(_FONT_DIR / "Vera.ttf"))
        fa.face.name = b"FontAwesome"      # the name a real icon font carries in the PDF
        pdfmetrics.registerFont(fa)
    c = Canvas(str(path), pagesize=LETTER)
    y = draw_items(c, [("name", NAME), ("title", TITLE)], 60, 740, 490)
    x = 60.0
    for icon_font, icon, text in (("IconPUA", PUA_ICON, EMAIL), ("FontAwesome", "J", PHONE),
                                  ("FontAwesome", "L", LINKEDIN)):
        c.setFont(icon_font, 9)
        c.drawString(x, y, icon)
        c.setFont("Helvetica", 9)
        c.drawString(x + 12, y, text)
        x += 12 + pdfmetrics.stringWidth(text, "Helvetica", 9) + 16
    draw_items(c, [("gap", "")] + cv_items(), 60, y - 16, 490)
    c.save()
    return path


def _without_tounicode(data: bytes) -> bytes:
    """Break the font's ToUnicode map (same length, so xref offsets stay valid): non-ASCII
    glyphs then decode as (cid:NN), as in many real PDFs."""
    return data.replace(b"/ToUnicode", b"/ToUnicodX")


def make_cid_icons(path: Path) -> Path:
    """Readable CV whose bullets and dashes come out as (cid:NN): drawn in Vera with the font's
    ToUnicode map removed, so only non-ASCII glyphs (•, –) lose their text."""
    _register_vera()
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=LETTER)
    fonts = {k: "Vera" for k in _STYLES}
    y = _header_block(c, 60, 740, 490)
    draw_items(c, cv_items(), 60, y, 490, fonts)
    c.save()
    path.write_bytes(_without_tounicode(buf.getvalue()))
    return path


_ACCENTED = str.maketrans("aeiouncyAEIOUNCY", "àéîõüñçÿÀÉÎÕÜÑÇÝ")


def make_gibberish_cid(path: Path) -> Path:
    """Text layer that decodes to (cid:NN) almost everywhere: the CV drawn in accented letters in
    Vera with the ToUnicode map removed (what a broken embedded font looks like to an ATS)."""
    _register_vera()
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=LETTER)
    items = [(s, t.translate(_ACCENTED).replace(" ", "\u00a0")) for s, t in cv_items()]
    draw_items(c, items, 60, 740, 490, {k: "Vera" for k in _STYLES})
    c.save()
    path.write_bytes(_without_tounicode(buf.getvalue()))
    return path


def _shift(text: str) -> str:
    out = []
    for ch in text:
        if "a" <= ch <= "z":
            out.append(chr((ord(ch) - 97 + 3) % 26 + 97))
        elif "A" <= ch <= "Z":
            out.append(chr((ord(ch) - 65 + 3) % 26 + 65))
        else:
            out.append(ch)
    return "".join(out)


def make_gibberish_shifted(path: Path) -> Path:
    """Text layer that decodes to the wrong letters (every letter shifted by 3, as with a font
    whose encoding is off): plain characters, but almost no real words."""
    c = Canvas(str(path), pagesize=LETTER)
    draw_items(c, [(s, _shift(t)) for s, t in cv_items()], 60, 740, 490)
    c.save()
    return path


def make_hyphenation(path: Path) -> Path:
    """Justified-style text broken across lines with hyphens: 'develop-/ment', 'recom-/mendation',
    plus a real compound 'end-to-/end' kept whole by the rule (next line starts lower case)."""
    c = Canvas(str(path), pagesize=LETTER)
    y = _header_block(c, 60, 740, 490)
    lines = ["SUMMARY",
             "Data scientist focused on the develop-",
             "ment of recommendation systems; led recom-",
             "mendation experiments and built a forecasting",
             "pipeline for Northwind Retail. Self-",
             "Motivated, comfortable with end-to-",
             "end ownership of models in production."]
    for i, text in enumerate(lines):
        c.setFont("Helvetica-Bold" if i == 0 else "Helvetica", 12 if i == 0 else 10)
        c.drawString(60, y, text)
        y -= 14
    draw_items(c, [("gap", "")] + cv_items(sections=("experience", "education", "skills")),
               60, y, 490)
    c.save()
    return path


def make_typeset_quirks(path: Path) -> Path:
    """Text as designer and LaTeX CVs print it: headings in small capitals (a 12 pt capital and
    9.6 pt rest, no gap: 'D OCTORAL D EGREE' to a naive reader) and letter-spaced ('C O N T A C
    T', wide tracking), an accent drawn as its own glyph over a dotless i (LaTeX's Na\\"{\\i}ve,
    DejaVu Sans), UTF-8 text decoded as Windows-1252 ('â€¢' bullets, 'Ã¯') and hyphens glued to
    words ('Python- Experience', '-Data cleaning')."""
    font = pua_font_path() or ""
    if "DV" not in pdfmetrics.getRegisteredFontNames() and font:
        pdfmetrics.registerFont(TTFont("DV", font))
    body = "DV" if font else "Helvetica"
    c = Canvas(str(path), pagesize=LETTER)
    y = _header_block(c, 60, 740, 490)

    def small_caps(text: str, y: float, size: float = 12) -> None:
        x = 60.0
        for word in text.split():
            for i, ch in enumerate(word.upper()):
                s = size if i == 0 else size * 0.8
                c.setFont("Helvetica-Bold", s)
                c.drawString(x, y, ch)
                x += pdfmetrics.stringWidth(ch, "Helvetica-Bold", s)
            x += pdfmetrics.stringWidth(" ", "Helvetica-Bold", size)

    def tracked(text: str, y: float) -> None:
        t = c.beginText(60, y)
        t.setFont("Helvetica-Bold", 12)
        t.setCharSpace(5)
        t.textLine(text)
        t.setCharSpace(0)
        c.drawText(t)

    small_caps("Technical Skills", y)
    y -= 16
    c.setFont(body, 10)
    c.drawString(60, y, "Python- Experience - 24 months")
    y -= 13
    c.drawString(60, y, "-Data cleaning, Data Visualisation")
    y -= 13
    x = 60 + pdfmetrics.stringWidth("Classifiers: Na", body, 10)
    c.drawString(60, y, "Classifiers: Na")
    if font:
        c.drawString(x + 0.6, y, "\u00a8")
        c.drawString(x, y, "\u0131")
        x += pdfmetrics.stringWidth("\u0131", body, 10)
        c.drawString(x, y, "ve Bayes, random forests")
    y -= 13
    c.drawString(60, y, "\u00e2\u20ac\u00a2 Bayesian NaÃ¯ve models")
    y -= 22
    small_caps("Doctoral Degree", y)
    y -= 16
    c.setFont("Helvetica", 10)
    c.drawString(60, y, "Ph.D. in Statistics, University of Washington, 2018")
    y -= 22
    tracked("CONTACT", y)
    y -= 16
    c.setFont("Helvetica", 10)
    c.drawString(60, y, "linkedin.com/in/priya-raman")
    c.save()
    return path


def render_text_image(items: list[Item], width_px: int = 1275, height_px: int = 1650,
                      dpi: int = 150) -> bytes:
    """A PNG page (letter size at `dpi`) with the items typeset in black on white."""
    from PIL import Image, ImageDraw, ImageFont
    img = Image.new("L", (width_px, height_px), 255)
    draw = ImageDraw.Draw(img)
    sans = str(_FONT_DIR / "Vera.ttf")
    bold = str(_FONT_DIR / "VeraBd.ttf")
    scale = dpi / 72
    y = int(50 * scale)
    for style, text in items:
        font_name, size, leading = _STYLES[style]
        if style == "gap":
            y += int(leading * scale)
            continue
        font = ImageFont.truetype(bold if "Bold" in font_name else sans, int(size * scale))
        for part in simpleSplit(text, font_name, size, 480):
            draw.text((int(60 * scale), y), part, fill=0, font=font)
            y += int(leading * scale)
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def image_only_items() -> list[Item]:
    return ([("name", NAME), ("title", TITLE), ("contact", f"{EMAIL} | {PHONE}"), ("gap", "")]
            + cv_items(sections=("summary", "experience", "skills")))


def make_image_only(path: Path) -> Path:
    """A scan: the CV typeset into a 150 dpi greyscale PNG by Pillow, placed as the only content
    of the page (no text layer at all)."""
    png = render_text_image(image_only_items())
    c = Canvas(str(path), pagesize=LETTER)
    c.drawImage(ImageReader(io.BytesIO(png)), 0, 0, width=LETTER[0], height=LETTER[1])
    c.save()
    return path


def make_encrypted(path: Path) -> Path:
    """The one-column CV's content, encrypted with a user password by reportlab ('secret')."""
    c = Canvas(str(path), pagesize=LETTER, encrypt="secret")
    y = _header_block(c, 60, 740, 490)
    draw_items(c, cv_items(), 60, y, 490)
    c.save()
    return path


def make_truncated(path: Path) -> Path:
    """A valid two-column CV cut off after 40% of its bytes (an interrupted download)."""
    full = path.with_name(path.stem + "-full.tmp")
    make_two_column(full)
    data = full.read_bytes()
    full.unlink()
    path.write_bytes(data[: int(len(data) * 0.4)])
    return path


def make_empty(path: Path) -> Path:
    """A zero-byte file named .pdf."""
    path.write_bytes(b"")
    return path


def make_blank(path: Path) -> Path:
    """A valid one-page PDF with nothing on the page."""
    c = Canvas(str(path), pagesize=LETTER)
    c.showPage()
    c.save()
    return path


def make_not_a_pdf(path: Path) -> Path:
    """An HTML error page saved under a .pdf name."""
    path.write_text("<html><body><h1>403 Forbidden</h1></body></html>\n", encoding="utf-8")
    return path


def make_many_pages(path: Path, pages: int = 45) -> Path:
    """A 45-page PDF (one short line per page), over the default 40-page cap."""
    c = Canvas(str(path), pagesize=LETTER)
    for n in range(1, pages + 1):
        c.setFont("Helvetica", 10)
        c.drawString(72, 720, f"{NAME} appendix page {n}: project notes and experiment logs.")
        c.showPage()
    c.save()
    return path


# ---------------------------------------------------------------- DOCX fixture

def make_docx(path: Path) -> Path:
    """python-docx CV: Heading 1 name, Heading 2 sections, bold role runs, a 2x3 skills table, and
    the contact details inside a VML text box (w:txbxContent), as Word templates do."""
    import docx
    from docx.oxml import parse_xml
    from docx.shared import Pt

    d = docx.Document()
    d.add_heading(NAME, level=1)
    box = d.add_paragraph()
    box._p.append(parse_xml(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape style="width:400pt;height:40pt">'
        '<v:textbox><w:txbxContent>'
        f'<w:p><w:r><w:t>{EMAIL} | {PHONE}</w:t></w:r></w:p>'
        f'<w:p><w:r><w:t>{LINKEDIN} | {LOCATION}</w:t></w:r></w:p>'
        '</w:txbxContent></v:textbox></v:shape></w:pict></w:r>'))
    d.add_heading("Summary", level=2)
    d.add_paragraph(SUMMARY)
    d.add_heading("Experience", level=2)
    for role, dates, bullets in EXPERIENCE:
        p = d.add_paragraph()
        r = p.add_run(role)
        r.bold = True
        r.font.size = Pt(11)
        p.add_run(f"  {dates}")
        for b in bullets:
            d.add_paragraph(b, style="List Bullet")
    d.add_heading("Education", level=2)
    for degree, year in EDUCATION:
        d.add_paragraph(f"{degree}, {year}")
    d.add_heading("Skills", level=2)
    table = d.add_table(rows=2, cols=3)
    table.style = "Table Grid"
    cells = [("Languages", "Machine learning", "Tools"),
             ("Python, SQL, R", "scikit-learn, PyTorch, XGBoost", "Docker, Airflow, AWS")]
    for r_i, row in enumerate(cells):
        for c_i, text in enumerate(row):
            table.cell(r_i, c_i).text = text
    d.add_heading("Certifications", level=2)
    d.add_paragraph(CERTIFICATIONS[0])
    d.save(str(path))
    return path


# ---------------------------------------------------------------- registry and entry point

FIXTURES: dict[str, Callable[[Path], Path]] = {
    "one_column.pdf": make_one_column,
    "two_column.pdf": make_two_column,
    "sidebar.pdf": make_sidebar,
    "table.pdf": make_table,
    "header_footer.pdf": make_header_footer,
    "icons.pdf": make_icons,
    "cid_icons.pdf": make_cid_icons,
    "gibberish_cid.pdf": make_gibberish_cid,
    "gibberish_shifted.pdf": make_gibberish_shifted,
    "hyphenation.pdf": make_hyphenation,
    "typeset_quirks.pdf": make_typeset_quirks,
    "image_only.pdf": make_image_only,
    "encrypted.pdf": make_encrypted,
    "truncated.pdf": make_truncated,
    "empty.pdf": make_empty,
    "blank.pdf": make_blank,
    "not_a_pdf.pdf": make_not_a_pdf,
    "many_pages.pdf": make_many_pages,
    "cv.docx": make_docx,
}


def write_all(outdir: str | Path) -> dict[str, Path]:
    """Write every fixture into outdir (skipping icons.pdf when no PUA font is installed)."""
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    made: dict[str, Path] = {}
    for name, maker in FIXTURES.items():
        if name == "icons.pdf" and pua_font_path() is None:
            continue
        made[name] = maker(out / name)
    return made


def make_example(path: Path) -> Path:
    """The bundled example CV (examples/data-scientist-cv.pdf): the one-column fixture."""
    return make_one_column(path)


def main(argv: list[str]) -> int:
    if argv == ["--example"]:
        target = Path(__file__).resolve().parent.parent / "examples" / "data-scientist-cv.pdf"
        target.parent.mkdir(exist_ok=True)
        print(make_example(target))
        return 0
    if len(argv) != 1:
        print("usage: python tests/pdfgen.py OUTDIR | --example", file=sys.stderr)
        return 2
    for path in write_all(argv[0]).values():
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
