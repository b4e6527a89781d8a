"""The --cv-out CV as a person would send it: the candidate's own words (a generated dense
one-page CV), one page when printed on A4 and on Letter in headless chromium, no browser
header/footer, the date never wrapped under the entry, and --cv-out x.pdf a real PDF or a refusal."""
from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner

import pdfgen
from cdp_pipe import Browser
from resume_match import api, render
from resume_match.cli import main
from resume_match.fileio import write_atomic
from resume_match.render.cv import cv_view

TEMPLATES = ("classic", "template-a", "template-b", "executive")
PAPER = {"A4": (8.27, 11.69), "Letter": (8.5, 11.0)}


@pytest.fixture(scope="module")
def dense(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pdfgen.make_dense_one_page(tmp_path_factory.mktemp("dense") / "Maya-Okonkwo-CV.pdf")


@pytest.fixture(scope="module")
def view(dense: Path) -> dict:
    return cv_view(api.analyse(dense, ["ml-engineer"]))


# ---------------------------------------------------------------- the candidate's own words

def test_headline_and_contact_as_printed(view: dict) -> None:
    assert view["headline"] == "Machine Learning Engineer"      # not the current post's title
    assert "+1 (206) 555-0199" in [c["text"] for c in view["contact"]]   # not +12065550199


def test_entries_keep_dates_as_printed_and_no_date_words_as_bullets(view: dict) -> None:
    exp = {e["title"]: e for e in view["experience"]}
    assert exp["Senior Machine Learning Engineer, Orbital Freight"]["when"] == "Mar 2019 – Present"
    assert exp["Data Science Intern, Cascade Analytics"]["when"] == "Summer 2012 and 2013"
    assert exp["Data Scientist, Brightline Health, Portland, OR"]["when"] == "Jun 2015 – Feb 2019"
    bullets = [b for e in view["experience"] for b in e["bullets"]]
    assert not [b for b in bullets if b.split()[0] in ("Present", "Mar", "–")], bullets
    assert exp["Senior Machine Learning Engineer, Orbital Freight"]["bullets"][0].startswith("Led a team")


def test_projects_date_line_is_the_date_and_bullets_stay_bullets(view: dict) -> None:
    assert [(p["title"], p["when"], len(p["bullets"])) for p in view["projects"]] == [
        ("Gitlytics | Python, Flask, React", "June 2020 – Present", 1),
        ("Route Planner | OR-Tools, FastAPI", "Jan 2021", 1)]
    assert view["projects"][0]["bullets"][0].endswith("contributors' habits over time")


def test_education_keeps_places_gpa_and_printed_year(view: dict) -> None:
    assert view["education"][0] == {
        "title": "M.S. in Computer Science, University of Washington, Seattle, WA",
        "sub": ["GPA: 3.9/4.0; thesis on probabilistic forecasting"], "when": "2015", "bullets": []}
    assert view["education"][1]["title"].endswith("Oregon State University, Corvallis, OR")


def test_skills_are_the_lines_as_written(view: dict) -> None:
    assert view["skills"] == ["Languages: Python, SQL, R, Scala",
                              "ML: scikit-learn, XGBoost, PyTorch, Spark MLlib, time series forecasting",
                              "Platforms: AWS (SageMaker, EMR), Docker, Kubernetes, Airflow, Git"]


def test_every_word_of_the_cv_comes_from_the_cv(dense: Path, view: dict) -> None:
    with pdfplumber.open(dense) as pdf:
        source = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    shown = [view["headline"], *view["skills"], *(e["title"] for e in view["experience"]),
             *(e["when"] for e in view["experience"]), *(b for e in view["experience"] for b in e["bullets"])]
    assert [t for t in shown if t not in source] == []


def test_a_date_column_keeps_present_in_the_date_and_the_headline_past_the_address(tmp_path: Path) -> None:
    """Dates in a left column: '2021 –' with its 'Present' on the next line is the date
    '2021 – Present' (never a bullet starting 'Present'), in experience and projects alike; a
    country wrapped on to its own line stays in its degree's line; the headline is the line
    printed under the name, not the street address or the GitHub handle above it."""
    view = cv_view(api.analyse(pdfgen.make_date_column(tmp_path / "date-column.pdf")))
    assert view["headline"] == "Machine Learning Engineer"
    assert [(e["title"], e["when"], e["bullets"][0].split()[0]) for e in view["experience"]] == [
        ("Machine Learning Engineer, Northlake AI, San Francisco, USA", "2021 – Present", "Leading"),
        ("Data Scientist, Ridewell, San Francisco, USA", "2018 – 2021", "Developed")]
    assert [(p["title"], p["when"]) for p in view["projects"]] == [
        ("Personal Project: Stock Trading Model", "2021 – Present")]
    assert view["projects"][0]["bullets"][0].startswith("Forecast prices")
    assert [(e["title"], e["sub"], e["when"]) for e in view["education"]] == [
        ("Master of Science in Computer Science, Specialization in AI, MIT, Cambridge, USA", [], "2014 – 2016"),
        ("Bachelor of Science in Computer Science, UC San Diego, San Diego, USA", [], "2010 – 2014")]


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_profiles_behind_clickable_icons_are_in_the_contact_block_and_the_roadmap(
        tmp_path: Path, engine: str) -> None:
    """LinkedIn and GitHub printed only as icons with link annotations: kept as links in the
    CV's contact block, and the roadmap does not say there is no GitHub link."""
    path = pdfgen.make_link_icons(tmp_path / "icons-cv.pdf")
    contact = cv_view(api.analyse(path, ["data-scientist"], engine=engine))["contact"]
    assert {"text": "github.com/priyaraman", "href": "https://github.com/priyaraman"} in contact
    assert any(c["text"].endswith("linkedin.com/in/priya-raman") and c["href"] for c in contact)
    portfolio = next(p for p in api.roadmap(path, engine=engine).pitfalls if p.id == "no-portfolio")
    assert not portfolio.shown and "github.com/priyaraman" in portfolio.evidence


# ---------------------------------------------------------------- printed in chromium

def _printed(browser: Browser, session: str, paper: str) -> tuple[int, str]:
    w, h = PAPER[paper]
    data = browser.send("Page.printToPDF", {"paperWidth": w, "paperHeight": h},
                        session=session)["data"]
    with pdfplumber.open(io.BytesIO(base64.b64decode(data))) as pdf:
        return len(pdf.pages), "\n".join(p.extract_text() or "" for p in pdf.pages)


WHEN_JS = """Array.from(document.querySelectorAll('.entry-head')).filter(h => h.querySelector('.when'))
  .map(h => { const a = h.getBoundingClientRect(), w = h.querySelector('.when').getBoundingClientRect(),
                    t = h.firstElementChild.getBoundingClientRect();
              return {text: h.innerText, right: a.right - w.right, top: w.top - t.top,
                      overlap: w.left < t.right - 0.5 && w.top < t.bottom}; })"""


@pytest.mark.slow
@pytest.mark.parametrize("source", ["dense", "example"])
def test_one_page_cv_prints_on_one_page_in_every_template(source: str, dense: Path, tmp_path: Path) -> None:
    path = dense if source == "dense" else Path(__file__).resolve().parent.parent / "examples" / "data-scientist-cv.pdf"
    report = api.analyse(path)
    with Browser(tmp_path / "profile") as browser:
        session = browser.open_page()
        for template_id in TEMPLATES:
            page = tmp_path / f"{template_id}.html"
            write_atomic(page, render.render_cv(report, template_id))
            browser.navigate(session, page.resolve().as_uri())
            for paper in PAPER:
                pages, text = _printed(browser, session, paper)
                assert pages == 1, (source, template_id, paper)
                assert "file://" not in text and "– CV" not in text   # no browser header/footer
                assert report.candidate.name.lower() in text.lower()


@pytest.mark.slow
@pytest.mark.parametrize("width", [1280, 390])
def test_dates_stay_at_the_right_of_the_first_line(dense: Path, tmp_path: Path, width: int) -> None:
    """On a desktop and on a phone, in every template: the year or dates end at the entry's right
    edge, on its first line, never wrapped under it to the left."""
    report = api.analyse(dense)
    with Browser(tmp_path / "profile") as browser:
        session = browser.open_page()
        browser.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": 900,
                     "deviceScaleFactor": 1, "mobile": width < 600}, session=session)
        for template_id in TEMPLATES:
            page = tmp_path / f"{template_id}.html"
            write_atomic(page, render.render_cv(report, template_id))
            browser.navigate(session, page.resolve().as_uri())
            heads = browser.evaluate(session, WHEN_JS)
            assert len(heads) >= 9, heads                  # 5 jobs, 2 projects, 2 degrees
            bad = [h for h in heads if abs(h["right"]) > 1 or abs(h["top"]) > 4 or h["overlap"]]
            assert bad == [], (template_id, width, bad)


# ---------------------------------------------------------------- --cv-out x.pdf

def test_cv_out_pdf_is_a_real_one_page_pdf(dense: Path, tmp_path: Path) -> None:
    out = tmp_path / "cv.pdf"
    result = CliRunner().invoke(main, [str(dense), "--json", "--cv-out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [f"wrote {out}"] and json.loads(result.stdout)
    assert out.read_bytes()[:5] == b"%PDF-"
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) == 1
        text = pdf.pages[0].extract_text()
    assert "maya okonkwo" in text.lower() and "Summer 2012 and 2013" in text   # some templates set names in capitals


def test_cv_out_pdf_without_weasyprint_is_a_one_line_refusal(dense: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from resume_match.render import cv as cv_mod
    monkeypatch.setattr(render, "pdf_writer_missing", lambda: "writing a PDF needs WeasyPrint "
                        "(pip install 'resume-match[pdf]'); or write the CV as .html and print it")
    monkeypatch.setattr(cv_mod, "pdf_writer_missing", render.pdf_writer_missing)
    out = tmp_path / "cv.pdf"
    result = CliRunner().invoke(main, [str(dense), "--cv-out", str(out)])
    assert result.exit_code == 2 and result.stdout == "" and not out.exists()
    assert result.stderr.strip() == (f"Error: {out}: writing a PDF needs WeasyPrint (pip install "
                                     "'resume-match[pdf]'); or write the CV as .html and print it")
