"""The batch index page in headless chromium: its script runs under the CSP (no violations, no
requests), and the table sorts and filters."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import pdfgen
from cdp_pipe import Browser
from resume_match.batch.folder import analyse_folder
from test_batch import text_cv
from test_browser import problems

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("browser") / "in"
    src.mkdir()
    pdfgen.make_one_column(src / "priya.pdf")
    (src / "ana.txt").write_text(text_cv("Ana Lindqvist", "ana@example.net"))
    (src / "notes.md").write_text("# Notes\nNothing about machine learning here.\n")
    pdfgen.make_truncated(src / "broken.pdf")
    pdfgen.make_image_only(src / "scan.pdf")
    out = src.parent / "out"
    analyse_folder(src, ["data-scientist", "ml-engineer"], out_dir=out, workers=2)
    return out / "index.html"


NAME, FILE, STATUS, SCORE = 1, 2, 3, 5          # column indexes (Rank is 0)


def column(browser: Browser, session: str, col: int) -> list[str]:
    return browser.evaluate(session, f"""Array.from(document.querySelectorAll('#results tbody tr'))
        .filter(r => !r.hidden).map(r => r.cells[{col}].getAttribute('data-v'))""")


def cells(browser: Browser, session: str, file: str) -> list[str]:
    """The shown text of every cell of the row for `file`."""
    return browser.evaluate(session, f"""Array.from(Array.from(document.querySelectorAll(
        '#results tbody tr')).filter(r => r.cells[{FILE}].getAttribute('data-v') === {json.dumps(file)})[0]
        .cells).map(c => c.innerText.trim())""")


SET_VALUE = """(() => {{ const el = document.getElementById({id}); el.value = {value};
    el.dispatchEvent(new Event('input')); return document.getElementById('count').textContent; }})()"""


def set_filter(browser: Browser, session: str, field: str, value: str) -> str:
    return browser.evaluate(session, SET_VALUE.format(id=json.dumps(field), value=json.dumps(value)))


def test_index_sorts_and_filters_without_errors_or_requests(index: Path, tmp_path: Path) -> None:
    url = index.resolve().as_uri()
    with Browser(tmp_path / "profile") as browser:
        session = browser.open_page()
        browser.navigate(session, url)
        assert problems(browser, url) == []           # CSP violations are console errors too
        assert column(browser, session, 0) == ["1", "2", "3", "4", "5"]
        browser.evaluate(session, f"document.querySelectorAll('#results th button')[{FILE}].click()")
        assert column(browser, session, FILE) == ["ana.txt", "broken.pdf", "notes.md", "priya.pdf", "scan.pdf"]
        browser.evaluate(session, f"document.querySelectorAll('#results th button')[{FILE}].click()")
        assert column(browser, session, FILE) == ["scan.pdf", "priya.pdf", "notes.md", "broken.pdf", "ana.txt"]
        assert set_filter(browser, session, "f-status", "error") == "1 of 5 shown"
        assert column(browser, session, FILE) == ["broken.pdf"]
        assert set_filter(browser, session, "f-status", "unreadable") == "1 of 5 shown"
        assert column(browser, session, FILE) == ["scan.pdf"]
        assert set_filter(browser, session, "f-status", "ok") == "3 of 5 shown"
        set_filter(browser, session, "f-status", "")
        assert set_filter(browser, session, "f-text", "ana.t") == "1 of 5 shown"
        assert column(browser, session, FILE) == ["ana.txt"]
        assert set_filter(browser, session, "f-text", "lindqvist") == "1 of 5 shown"   # by name
        assert column(browser, session, NAME) == ["Ana Lindqvist"]
        # a skill the CV names finds it; one it lacks (only in "missing") does not
        assert set_filter(browser, session, "f-text", "kubernetes") == "1 of 5 shown"
        assert column(browser, session, FILE) == ["ana.txt"]
        assert set_filter(browser, session, "f-text", "software testing") == "0 of 5 shown"
        set_filter(browser, session, "f-text", "")
        scan = cells(browser, session, "scan.pdf")
        assert scan[STATUS] == "unreadable" and scan[SCORE] == "–"
        assert scan[SCORE + 1] == scan[SCORE + 2] == "–"               # per-role scores: no 0
        text = browser.evaluate(session, "document.querySelector('.meta').innerText")
        assert text.startswith("5 CVs: 3 analysed, 1 unreadable")
        browser.screenshot(session, tmp_path / "index-desktop.png", 1280, 900, False)
        assert problems(browser, url) == []
