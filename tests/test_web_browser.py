"""The web app in headless Chromium (the DevTools-pipe driver, tests/cdp_pipe.py) against the
real server on a free 127.0.0.1 port: a candidate uploads a generated CV and sees the report,
the CV in its template and the roadmap; a recruiter uploads CVs and a broken file, watches the
progress bar and gets the ranked table whose rows open their reports; hostile CV text stays
text. No page may log an error or load anything from another origin. Screenshots go under the
test's tmp_path (run with -s to see where); they are not committed.
"""
from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, Iterator

import pytest

import pdfgen
from cdp_pipe import Browser
from web_server import Server

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    s = Server(tmp_path_factory.mktemp("serve-browser"))
    yield s
    s.stop()
    assert list(s.tmpdir.iterdir()) == []


def problems(browser: Browser, origin: str) -> list[str]:
    """Console errors and warnings (CSP violations among them), exceptions, dialogs, and any
    request to somewhere other than this server."""
    found = []
    for ev in browser.events:
        method, params = ev["method"], ev.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning", "assert"):
            found.append(f"console {params['type']}: {params.get('args')}")
        elif method == "Runtime.exceptionThrown":
            found.append(f"exception: {params.get('exceptionDetails')}")
        elif method == "Log.entryAdded" and params["entry"].get("level") in ("error", "warning"):
            found.append(f"log {params['entry']['level']}: {params['entry'].get('text')}")
        elif method == "Page.javascriptDialogOpening":
            found.append(f"dialog: {params.get('message')}")
        elif method == "Network.requestWillBeSent":
            url = params["request"]["url"]
            if not url.startswith((origin, "data:", "about:")):
                found.append(f"network request: {url}")
    return found


def evaluate(browser: Browser, session: str, js: str) -> Any:
    """Runtime.evaluate, retried while a navigation replaces the page."""
    for _ in range(50):
        try:
            return browser.evaluate(session, js)
        except RuntimeError as e:
            if "context" not in str(e).lower() and "destroyed" not in str(e).lower():
                raise
            time.sleep(0.2)
    raise AssertionError(f"the page kept navigating: {js}")


def wait_for(browser: Browser, session: str, js: str, timeout: float = 120) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = browser.evaluate(session, js)
        except RuntimeError:
            value = None
        if value:
            return value
        browser.drain(0.25)
    raise AssertionError(f"timed out waiting for: {js}")


def set_files(browser: Browser, session: str, selector: str, paths: list[Path]) -> None:
    root = browser.send("DOM.getDocument", {"depth": 0}, session=session)["root"]["nodeId"]
    node = browser.send("DOM.querySelector", {"nodeId": root, "selector": selector}, session=session)["nodeId"]
    assert node, selector
    browser.send("DOM.setFileInputFiles", {"nodeId": node, "files": [str(p) for p in paths]},
                 session=session)


FRAME = "document.getElementById('view').contentDocument"


def shown(text: str, doc: str = "document") -> str:
    """JS: is `text` shown in `doc` (the page, or the frame's document) in a box with a size,
    not hidden by CSS? (test_browser.visible_js, for any document.)"""
    return f"""(() => {{
      const d = {doc}; if (!d || !d.body) return false;
      const want = {json.dumps(text)};
      const walker = d.createTreeWalker(d.body, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {{
        const el = walker.currentNode.parentElement;
        if (!walker.currentNode.textContent.includes(want)) continue;
        const box = el.getBoundingClientRect(), css = d.defaultView.getComputedStyle(el);
        if (box.width > 0 && box.height > 0 && css.visibility !== 'hidden' && css.display !== 'none') return true;
      }}
      return false;
    }})()"""


def test_a_candidate_uploads_a_cv_and_sees_the_report_cv_and_roadmap(server: Server, tmp_path: Path) -> None:
    cv = pdfgen.make_one_column(tmp_path / "priya_cv.pdf")
    origin = server.url.rstrip("/")
    with server.client() as api:
        expected = api.post("/api/analyse", files={"file": ("priya_cv.pdf", cv.read_bytes())},
                            data={"role": "data-scientist"}).json()
    score = f"{expected['fits'][0]['score']}/100"
    with Browser(tmp_path / "profile") as browser:
        session = browser.open_page()
        browser.navigate(session, server.url)
        assert evaluate(browser, session, "document.title") == "Check my CV · resume-match"
        assert evaluate(browser, session, shown("Drop your CV here, or choose a file"))
        set_files(browser, session, "#cv-file", [cv])
        assert evaluate(browser, session, "document.getElementById('cv-chosen').textContent") == "priya_cv.pdf"
        evaluate(browser, session, "document.getElementById('role').value = 'data-scientist'")
        evaluate(browser, session, "document.getElementById('analyse-button').click()")
        wait_for(browser, session, "location.pathname.startsWith('/results/')")
        wait_for(browser, session, f"{FRAME} && {FRAME}.getElementById('fit-score') !== null")
        browser.drain(0.5)
        assert evaluate(browser, session, f"{FRAME}.getElementById('fit-score').innerText") == score
        for text in ("Best fit: Data Scientist", score, "File: priya_cv.pdf"):
            assert evaluate(browser, session, shown(text)), text
        for text in (score, "Data Scientist", "Matched", "ATS readiness"):
            assert evaluate(browser, session, shown(text, FRAME)), text
        browser.screenshot(session, tmp_path / "candidate-report.png", 1280, 900, False)
        evaluate(browser, session, "document.querySelector('.tabs a[href=\"?view=cv\"]').click()")
        wait_for(browser, session, f"location.search === '?view=cv' && {FRAME} && {FRAME}.body && "
                                   f"{FRAME}.body.innerText.includes('Priya Raman')")
        assert evaluate(browser, session, shown("Priya Raman", FRAME))
        browser.screenshot(session, tmp_path / "candidate-cv.png", 1280, 900, False)
        evaluate(browser, session, "document.querySelector('.tabs a[href=\"?view=roadmap\"]').click()")
        wait_for(browser, session, f"location.search === '?view=roadmap' && {FRAME} && {FRAME}.body && "
                                   f"{FRAME}.body.innerText.includes('Best fit now')")
        assert evaluate(browser, session, shown("Best fit now", FRAME))
        browser.screenshot(session, tmp_path / "candidate-roadmap.png", 1280, 900, False)
        assert problems(browser, origin) == []
    print(f"screenshots in {tmp_path}")


def test_a_recruiter_uploads_cvs_watches_the_progress_and_opens_a_report(server: Server, tmp_path: Path) -> None:
    paths = [pdfgen.make_varied(tmp_path / f"cv{i:02d}.pdf", i) for i in range(12)]
    paths.append(pdfgen.make_truncated(tmp_path / "broken.pdf"))
    origin = server.url.rstrip("/")
    with Browser(tmp_path / "profile") as browser:
        session = browser.open_page()
        browser.navigate(session, server.url + "recruiter")
        set_files(browser, session, "#batch-files", paths)
        assert evaluate(browser, session, "document.getElementById('batch-chosen').textContent").startswith("13 files: ")
        evaluate(browser, session, "document.querySelector('input[name=role][value=data-scientist]').click()")
        evaluate(browser, session, "document.getElementById('batch-button').click()")
        wait_for(browser, session, "location.pathname.startsWith('/batch/')")
        job = evaluate(browser, session, "location.pathname").split("/")[2]
        wait_for(browser, session, f"{FRAME} && {FRAME}.querySelectorAll('#results tbody tr').length === 13")
        browser.drain(0.5)
        polled = [ev["params"]["request"]["url"] for ev in browser.events
                  if ev["method"] == "Network.requestWillBeSent" and "/api/batch/" in ev["params"]["request"]["url"]]
        assert polled and all(u == f"{origin}/api/batch/{job}" for u in polled)   # the progress bar asked
        for text in ("13 CVs: 12 analysed, 1 failed", "Download CSV", "Download JSONL"):
            assert evaluate(browser, session, shown(text)), text
        assert evaluate(browser, session, shown("Best-fit scores (12 CVs)", FRAME))
        ranks = f"Array.from({FRAME}.querySelectorAll('#results tbody tr')).map(r => r.cells[2].getAttribute('data-v'))"   # cells: rank, name, file
        first = evaluate(browser, session, ranks)
        assert first[-1] == "broken.pdf" and sorted(first) == sorted(p.name for p in paths)
        evaluate(browser, session, f"{FRAME}.querySelectorAll('#results th button')[2].click()")    # by file
        assert evaluate(browser, session, ranks) == sorted(first)
        evaluate(browser, session, f"""(() => {{ const el = {FRAME}.getElementById('f-status');
            el.value = 'error'; el.dispatchEvent(new Event('input')); }})()""")
        assert evaluate(browser, session, f"{FRAME}.getElementById('count').textContent") == "1 of 13 shown"
        browser.screenshot(session, tmp_path / "recruiter-table.png", 1280, 900, False)
        evaluate(browser, session, f"""(() => {{ const el = {FRAME}.getElementById('f-status');
            el.value = ''; el.dispatchEvent(new Event('input')); }})()""")
        evaluate(browser, session, f"{FRAME}.querySelector('#results tbody a').click()")
        wait_for(browser, session, f"{FRAME} && {FRAME}.getElementById('fit-score') !== null")
        assert evaluate(browser, session, shown("Resume report", FRAME))
        browser.screenshot(session, tmp_path / "recruiter-report.png", 1280, 900, False)
        assert problems(browser, origin) == []


def test_hostile_cv_text_stays_text_in_the_browser(server: Server, tmp_path: Path) -> None:
    from test_web_api import HOSTILE_NAME, hostile_cv
    cv = tmp_path / "hostile.txt"
    cv.write_text(hostile_cv())
    origin = server.url.rstrip("/")
    with Browser(tmp_path / "profile") as browser:
        session = browser.open_page()
        browser.navigate(session, server.url)
        set_files(browser, session, "#cv-file", [cv])
        evaluate(browser, session, "document.getElementById('analyse-button').click()")
        wait_for(browser, session, f"location.pathname.startsWith('/results/') && {FRAME} && "
                                   f"{FRAME}.getElementById('fit-score') !== null")
        browser.drain(1.0)
        for doc in ("document", FRAME):
            assert evaluate(browser, session, f"{doc}.querySelectorAll('img, iframe iframe, object, embed').length") == 0
        assert evaluate(browser, session, f"{FRAME}.querySelectorAll('script').length") == 0
        assert evaluate(browser, session, "document.querySelectorAll('script').length") == 1     # its own
        assert evaluate(browser, session, shown("<script>alert(1)</script>", FRAME))
        assert HOSTILE_NAME != "" and problems(browser, origin) == []
