"""Real-browser test: Debian's headless chromium opens a generated report from disk.

Driven over the DevTools protocol on --remote-debugging-pipe (tests/cdp_pipe.py): no websocket
package, no TCP port. Fails (does not skip) when chromium is missing. Screenshots at desktop and
phone widths are saved under the test's tmp_path (the path is printed; run with -s to see it).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from cdp_pipe import Browser, find_chromium
from report_samples import build_report
from resume_match import render
from resume_match.fileio import write_atomic

pytestmark = pytest.mark.slow

VIEWPORTS = {"desktop": (1280, 900, False), "phone": (390, 844, True)}


def visible_js(text: str) -> str:
    """JS: is there an element showing `text` with a non-zero box, not hidden by CSS?"""
    return f"""(() => {{
      const want = {json.dumps(text)};
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {{
        const el = walker.currentNode.parentElement;
        if (!walker.currentNode.textContent.includes(want)) continue;
        const box = el.getBoundingClientRect(), css = getComputedStyle(el);
        if (box.width > 0 && box.height > 0 && css.visibility !== 'hidden' && css.display !== 'none'
            && parseFloat(css.opacity) > 0) return true;
      }}
      return false;
    }})()"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    report = build_report()
    write_atomic(out / "cv.html", render.render_cv(report))
    write_atomic(out / "report.html", render.render_html(report, cv_href="cv.html"))
    return out


def problems(browser: Browser, page_url: str) -> list[str]:
    """Console errors, exceptions, log errors and any request other than the page itself."""
    found = []
    for ev in browser.events:
        method, params = ev["method"], ev.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning", "assert"):
            found.append(f"console {params['type']}: {params.get('args')}")
        elif method == "Runtime.exceptionThrown":
            found.append(f"exception: {params.get('exceptionDetails')}")
        elif method == "Log.entryAdded" and params["entry"].get("level") in ("error", "warning"):
            found.append(f"log {params['entry']['level']}: {params['entry'].get('text')}")
        elif method == "Network.requestWillBeSent" and params["request"]["url"] != page_url:
            found.append(f"network request: {params['request']['url']}")
    return found


def test_chromium_is_installed() -> None:
    assert Path(find_chromium()).exists()


def test_missing_chromium_is_a_failure_with_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    import cdp_pipe
    monkeypatch.setattr(cdp_pipe, "CHROMIUM", "/nonexistent/chromium")
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(AssertionError, match="chromium not found.*apt-get install chromium"):
        cdp_pipe.find_chromium()


def test_report_in_real_browser(site: Path, tmp_path: Path) -> None:
    url = (site / "report.html").resolve().as_uri()
    report = build_report()
    fit = next(f for f in report.fits if f.role == report.best_role)
    top_skills = [m.name for m in fit.matched[:3]]
    with Browser(tmp_path / "profile") as browser:
        session = browser.open_page()
        browser.navigate(session, url)
        assert problems(browser, url) == []
        assert browser.evaluate(session, "document.title") == "Resume report: Jane Doe"
        assert browser.evaluate(session, "document.getElementById('fit-score').innerText") == "78/100"
        shots = {}
        for name, (width, height, mobile) in VIEWPORTS.items():
            shots[name] = browser.screenshot(session, tmp_path / f"report-{name}.png", width, height, mobile)
            for text in ("78/100", f"{report.ats.score}/100" if report.ats else "", *top_skills):
                assert browser.evaluate(session, visible_js(text)), (name, text)
            # nothing wider than the viewport: no sideways scrolling on a phone
            assert browser.evaluate(session, "document.documentElement.scrollWidth") <= width
        assert problems(browser, url) == []
    for path in shots.values():
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 20_000
    print(f"screenshots: {', '.join(str(p) for p in shots.values())}")


def test_cv_page_in_real_browser(site: Path, tmp_path: Path) -> None:
    url = (site / "cv.html").resolve().as_uri()
    with Browser(tmp_path / "profile") as browser:
        session = browser.open_page()
        browser.navigate(session, url)
        assert problems(browser, url) == []
        assert browser.evaluate(session, visible_js("Built a PyTorch ranking model"))
        browser.screenshot(session, tmp_path / "cv-desktop.png", 1280, 900, False)
        pdf = browser.send("Page.printToPDF", {"printBackground": True}, session=session)["data"]
        assert len(pdf) > 1000          # prints (base64 PDF data)


def test_detector_sees_requests_and_console_errors(tmp_path: Path) -> None:
    """The checks above can fail: a page that logs an error and fetches an image is caught."""
    page = tmp_path / "bad.html"
    page.write_text('<!DOCTYPE html><title>bad</title><img src="http://127.0.0.1:9/x.png">'
                    '<script>console.error("boom")</script>', encoding="utf-8")
    with Browser(tmp_path / "profile") as browser:
        session = browser.open_page()
        browser.navigate(session, page.resolve().as_uri())
        found = problems(browser, page.resolve().as_uri())
    assert any(f.startswith("network request: http://127.0.0.1:9/x.png") for f in found), found
    assert any(f.startswith("console error") and "boom" in f for f in found), found


def test_hostile_cv_text_stays_inert_in_the_browser(tmp_path: Path) -> None:
    """The XSS report (tests/test_report_html.py) opened for real: no script, image or dialog."""
    from test_report_html import hostile_report
    report = hostile_report()
    pages = {"report.html": render.render_html(report, cv_href="cv.html"),
             "cv.html": render.render_cv(report, "classic")}
    for name, html in pages.items():
        write_atomic(tmp_path / name, html)
    with Browser(tmp_path / "profile") as browser:
        session = browser.open_page()
        for name in pages:
            url = (tmp_path / name).resolve().as_uri()
            browser.navigate(session, url)
            assert problems(browser, url) == [], name
            assert not any(ev["method"] == "Page.javascriptDialogOpening" for ev in browser.events)
            assert browser.evaluate(session, "document.querySelectorAll('script, img, iframe').length") == 0
            assert browser.evaluate(session, visible_js("<script>alert(1)</script>")), name
