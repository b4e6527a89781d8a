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
    out = src.parent / "out"
    analyse_folder(src, ["data-scientist", "ml-engineer"], out_dir=out, workers=2)
    return out / "index.html"


def column(browser: Browser, session: str, col: int) -> list[str]:
    return browser.evaluate(session, f"""Array.from(document.querySelectorAll('#results tbody tr'))
        .filter(r => !r.hidden).map(r => r.cells[{col}].getAttribute('data-v'))""")


def test_index_sorts_and_filters_without_errors_or_requests(index: Path, tmp_path: Path) -> None:
    url = index.resolve().as_uri()
    with Browser(tmp_path / "profile") as browser:
        session = browser.open_page()
        browser.navigate(session, url)
        assert problems(browser, url) == []           # CSP violations are console errors too
        assert column(browser, session, 0) == ["1", "2", "3", "4"]
        browser.evaluate(session, "document.querySelectorAll('#results th button')[1].click()")
        assert column(browser, session, 1) == ["ana.txt", "broken.pdf", "notes.md", "priya.pdf"]
        browser.evaluate(session, "document.querySelectorAll('#results th button')[1].click()")
        assert column(browser, session, 1) == ["priya.pdf", "notes.md", "broken.pdf", "ana.txt"]
        set_value = """(() => {{ const el = document.getElementById({id}); el.value = {value};
            el.dispatchEvent(new Event('input')); return document.getElementById('count').textContent; }})()"""
        shown = browser.evaluate(session, set_value.format(id=json.dumps("f-status"), value=json.dumps("error")))
        assert shown == "1 of 4 shown" and column(browser, session, 1) == ["broken.pdf"]
        browser.evaluate(session, set_value.format(id=json.dumps("f-status"), value=json.dumps("")))
        shown = browser.evaluate(session, set_value.format(id=json.dumps("f-text"), value=json.dumps("ana.t")))
        assert shown == "1 of 4 shown" and column(browser, session, 1) == ["ana.txt"]
        browser.screenshot(session, tmp_path / "index-desktop.png", 1280, 900, False)
        assert problems(browser, url) == []
