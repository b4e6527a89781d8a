"""`resume-match serve` started for real (a subprocess on a free 127.0.0.1 port) and driven over
HTTP: the JSON API gives exactly the CLI's JSON (checked against the CLI and the schema), bad
files are answers and rows with their error, never a 500, a recruiter's 30 CVs and broken
files come back as every row, and nothing is left on disk after each job or after shutdown.
"""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any, Iterator

import httpx
import jsonschema
import pytest
from click.testing import CliRunner

import pdfgen
from test_batch import text_cv
from web_server import Server, login, signal
from resume_match.batch.folder import analyse_folder
from resume_match.cli import main

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "resume_match" / "report.schema.json").read_text())
POSTING = ("Data Scientist\nRequirements: Python, SQL, statistics and machine learning.\n"
           "Nice to have: Spark and Airflow.\n")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    s = Server(tmp_path_factory.mktemp("serve"), "--max-file-mb", "1", "--max-files", "40")
    yield s
    assert s.stop() == 0, s.stderr
    assert list(s.tmpdir.iterdir()) == [] and list(s.cwd.iterdir()) == []


@pytest.fixture(scope="module")
def api(server: Server) -> Iterator[httpx.Client]:
    with server.client() as c:
        yield c


@pytest.fixture(scope="module")
def files(fixtures_dir: Path) -> Path:
    return fixtures_dir


def cli(*args: str, cwd: Path) -> str:
    """The CLI's stdout, run from `cwd` (so `source` is the bare file name, as uploaded)."""
    import os
    old = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, list(args))
    finally:
        os.chdir(old)
    assert result.exit_code == 0, result.output
    return result.stdout


def upload(path: Path, name: str | None = None) -> tuple[str, bytes]:
    return (name or path.name, path.read_bytes())


def no_job_left(server: Server) -> None:
    assert server.job_folders() == [] and server.leftovers() == []


# ---------------------------------------------------------------- the listening line and roles

def test_it_says_in_one_line_where_it_listens_on_loopback(server: Server) -> None:
    assert server.line.startswith("resume-match serve: listening on http://127.0.0.1:")
    assert server.line.rstrip().endswith("(Ctrl-C to stop)")


def test_roles_are_the_clis(api: httpx.Client, tmp_path: Path) -> None:
    r = api.get("/api/roles")
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    assert r.json() == json.loads(cli("roles", "--json", cwd=tmp_path))
    assert len(r.json()) == 10


# ---------------------------------------------------------------- POST /api/analyse

def test_analyse_is_byte_for_byte_the_clis_json_and_valid_against_the_schema(
        api: httpx.Client, server: Server, files: Path) -> None:
    r = api.post("/api/analyse", files={"file": upload(files / "one_column.pdf")},
                 data={"role": ["data-scientist", "ml-engineer"]})
    assert r.status_code == 200, r.text
    expected = cli("one_column.pdf", "--role", "data-scientist", "--role", "ml-engineer", "--json",
                   cwd=files)
    assert r.text == expected
    report = r.json()
    jsonschema.validate(report, SCHEMA)
    assert [f["role"] for f in report["fits"]] == ["data-scientist", "ml-engineer"]
    no_job_left(server)


def test_analyse_without_roles_scores_all_ten_and_a_docx_and_a_text_cv(
        api: httpx.Client, files: Path, tmp_path: Path) -> None:
    (tmp_path / "ana.txt").write_text(text_cv("Ana Lindqvist", "ana@example.net"))
    for folder, name in ((files, "cv.docx"), (tmp_path, "ana.txt")):
        r = api.post("/api/analyse", files={"file": upload(folder / name)})
        assert r.status_code == 200, r.text
        jsonschema.validate(r.json(), SCHEMA)
        assert r.text == cli(name, "--json", cwd=folder)
        assert len(r.json()["fits"]) == 10


def test_analyse_against_a_posting_file_or_pasted_text_is_the_clis_jd(api: httpx.Client, files: Path,
                                                                       tmp_path: Path) -> None:
    (tmp_path / "posting.txt").write_text(POSTING)
    (tmp_path / "cv.pdf").write_bytes((files / "one_column.pdf").read_bytes())
    expected = cli("cv.pdf", "--jd", "posting.txt", "--json", cwd=tmp_path)
    r = api.post("/api/analyse", files={"file": upload(tmp_path / "cv.pdf"),
                                        "jd": upload(tmp_path / "posting.txt")})
    assert r.status_code == 200, r.text
    assert r.text == expected
    assert [f["role"] for f in r.json()["fits"]] == [json.loads(expected)["fits"][0]["role"]]
    pasted = api.post("/api/analyse", files={"file": upload(tmp_path / "cv.pdf")},
                      data={"jd_text": POSTING, "role": "data-analyst"})
    assert pasted.status_code == 200
    assert [f["role"] for f in pasted.json()["fits"]][0] == "data-analyst"
    assert len(pasted.json()["fits"]) == 2


@pytest.mark.parametrize("name, problem", [
    ("encrypted.pdf", "encrypted"), ("truncated.pdf", "truncated.pdf: "), ("empty.pdf", "file is empty"),
    ("not_a_pdf.pdf", "not a valid PDF"), ("many_pages.pdf", "page"),
])
def test_a_broken_cv_is_a_422_with_its_one_line_error_never_a_500(
        api: httpx.Client, server: Server, files: Path, name: str, problem: str) -> None:
    r = api.post("/api/analyse", files={"file": upload(files / name)})
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert error.startswith(f"{name}: ") and problem in error and "\n" not in error
    assert str(server.tmpdir) not in error        # never the temporary path
    no_job_left(server)


def test_a_posting_without_skills_is_a_422_naming_the_file(api: httpx.Client, files: Path, tmp_path: Path) -> None:
    (tmp_path / "blurb.txt").write_text("We are a friendly company with great benefits.\n")
    r = api.post("/api/analyse", files={"file": upload(files / "one_column.pdf"),
                                        "jd": upload(tmp_path / "blurb.txt")})
    assert r.status_code == 422 and r.json()["error"].startswith("blurb.txt: no recognisable skills")


@pytest.mark.parametrize("role", ["no-such-role", "../role_profiles/data-scientist.yaml",
                                  "/etc/passwd", "data-scientist.yaml"])
def test_a_role_is_one_of_the_ten_never_a_path(api: httpx.Client, files: Path, role: str) -> None:
    r = api.post("/api/analyse", files={"file": upload(files / "one_column.pdf")}, data={"role": role})
    assert r.status_code == 400 and "unknown role" in r.json()["error"]


def test_requests_the_api_cannot_read_are_400s(api: httpx.Client, files: Path) -> None:
    assert api.post("/api/analyse", content=b"{}", headers={"content-type": "application/json"}).status_code == 400
    r = api.post("/api/analyse", data={"role": "data-scientist"}, files={"other": ("x.txt", b"x")})
    assert r.status_code == 400 and "exactly one CV" in r.json()["error"]
    two = api.post("/api/analyse", files=[("file", upload(files / "one_column.pdf")),
                                          ("file", upload(files / "cv.docx"))])
    assert two.status_code == 400 and "(got 2)" in two.json()["error"]
    three = api.post("/api/analyse", files=[("file", upload(files / "one_column.pdf"))] * 3)
    assert three.status_code == 413 and "too many files" in three.json()["error"]
    assert api.get("/api/analyse").status_code == 405


# ---------------------------------------------------------------- limits

def test_a_file_over_the_limit_is_a_413_saying_the_limit(api: httpx.Client, server: Server) -> None:
    big = b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10)
    r = api.post("/api/analyse", files={"file": ("big.pdf", big)})
    assert r.status_code == 413
    assert r.json()["error"] == "big.pdf: the file is over the 1 MB limit per file"
    no_job_left(server)


def test_more_files_than_the_cap_is_a_413(api: httpx.Client, server: Server) -> None:
    many = [("file", (f"cv{i}.txt", b"Ana\nSkills\nPython\n")) for i in range(41)]
    r = api.post("/api/batch", files=many)
    assert r.status_code == 413 and "at most 40 CVs" in r.json()["error"]
    no_job_left(server)


# ---------------------------------------------------------------- POST /api/batch

def wait_done(api: httpx.Client, job_id: str, timeout: float = 300) -> dict[str, Any]:
    import time
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        status = api.get(f"/api/batch/{job_id}").json()
        seen.append(status["done"])
        if status["status"] == "done":
            assert seen == sorted(seen), seen          # progress only goes up
            return status  # type: ignore[no-any-return]
        time.sleep(0.3)
    raise AssertionError(f"batch {job_id} not done in {timeout} s")


BROKEN = ("encrypted.pdf", "truncated.pdf", "empty.pdf", "not_a_pdf.pdf", "many_pages.pdf")


@pytest.fixture(scope="module")
def thirty(tmp_path_factory: pytest.TempPathFactory, files: Path) -> Path:
    """30 generated CVs of different people, a DOCX and a text CV, and five broken files."""
    folder = tmp_path_factory.mktemp("thirty")
    for i in range(30):
        pdfgen.make_varied(folder / f"cv{i:02d}.pdf", i)
    (folder / "cv.docx").write_bytes((files / "cv.docx").read_bytes())
    (folder / "ana.txt").write_text(text_cv("Ana Lindqvist", "ana@example.net"))
    for name in BROKEN:
        (folder / name).write_bytes((files / name).read_bytes())
    return folder


def test_thirty_cvs_and_broken_files_end_with_every_row_as_the_cli_batch_writes_them(
        api: httpx.Client, server: Server, thirty: Path, tmp_path: Path) -> None:
    paths = sorted(thirty.iterdir())
    r = api.post("/api/batch", files=[("file", upload(p)) for p in paths],
                 data={"role": ["data-scientist", "ml-engineer"]})
    assert r.status_code == 202, r.text
    started = r.json()
    assert started["total"] == 37 and started["status"] in ("queued", "running")
    assert r.headers["location"] == f"/api/batch/{started['id']}"
    status = wait_done(api, started["id"])
    assert status["total"] == status["done"] == 37 and status["failed"] == 5
    rows = status["rows"]
    assert sorted(row["file"] for row in rows) == sorted(p.name for p in paths)
    assert {row["file"] for row in rows if row["status"] == "error"} == set(BROKEN)
    assert all(row["error"].startswith(row["file"] + ": ") for row in rows if row["status"] == "error")
    # the same rows, in the same order, as `resume-match batch` writes for the same files
    analyse_folder(thirty, ["data-scientist", "ml-engineer"], out_dir=tmp_path / "out", workers=2)
    jsonl = api.get(f"/batch/{started['id']}/results.jsonl")
    assert jsonl.text == (tmp_path / "out" / "results.jsonl").read_text()
    assert [json.loads(line) for line in jsonl.text.splitlines()] == rows
    csv = api.get(f"/batch/{started['id']}/results.csv")
    assert csv.text == (tmp_path / "out" / "results.csv").read_text()
    # each ok row's report is there, and is the page batch writes
    for row in rows:
        if row["report"]:
            page = api.get(f"/batch/{started['id']}/{row['report']}")
            assert page.status_code == 200 and page.text == (tmp_path / "out" / row["report"]).read_text()
    index = api.get(f"/batch/{started['id']}/index.html").text
    assert "37 CVs: 32 analysed, 0 unreadable (no usable text: no scores), 5 failed." in index
    no_job_left(server)


def zip_of(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_a_zip_is_opened_without_using_its_names_as_paths(api: httpx.Client, server: Server,
                                                          files: Path) -> None:
    """zip-slip: entries named ../../x, /abs/x and a\\..\\..\\x land in the job's folder under
    names made there; their names are only labels in the rows."""
    cv = text_cv("Ana Lindqvist", "ana@example.net").encode()
    archive = zip_of({"../../escaped.txt": cv, "/abs/rooted.md": cv, "a\\..\\..\\win.txt": cv,
                      "cvs/one_column.pdf": (files / "one_column.pdf").read_bytes(),
                      "__MACOSX/._x.pdf": b"junk", ".hidden.txt": cv, "photo.png": b"\x89PNG",
                      "nested.zip": zip_of({"x.txt": cv})})
    r = api.post("/api/batch", files={"file": ("cvs.zip", archive)}, data={"role": "data-scientist"})
    assert r.status_code == 202, r.text
    status = wait_done(api, r.json()["id"])
    assert sorted(row["file"] for row in status["rows"]) == [
        "cvs.zip/a/win.txt", "cvs.zip/abs/rooted.md", "cvs.zip/cvs/one_column.pdf", "cvs.zip/escaped.txt"]
    assert all(row["status"] == "ok" for row in status["rows"])
    assert status["notes"] == ["cvs.zip: 4 entries skipped (not .pdf, .docx, .txt or .md, or hidden)"]
    for root in (server.tmpdir, server.cwd, server.tmpdir.parent):
        assert not list(root.rglob("escaped.txt")) and not list(root.rglob("rooted.md"))
        assert not list(root.rglob("win.txt"))
    no_job_left(server)


def test_bad_zips_and_bad_entries_are_rows_with_their_error(api: httpx.Client) -> None:
    cv = text_cv("Ana Lindqvist", "ana@example.net").encode()
    good = zip_of({"ok.txt": cv, "big.txt": b"x" * (1024 * 1024 + 1)})
    corrupt = bytearray(zip_of({"bad.txt": cv * 20}))
    corrupt[60:90] = b"\0" * 30                          # inside the entry's deflated data
    r = api.post("/api/batch", files=[("file", ("good.zip", good)), ("file", ("junk.zip", b"PK\x03\x04 not really")),
                                      ("file", ("corrupt.zip", bytes(corrupt)))])
    assert r.status_code == 202, r.text
    rows = {row["file"]: row for row in wait_done(api, r.json()["id"])["rows"]}
    assert rows["good.zip/ok.txt"]["status"] == "ok"
    assert rows["good.zip/big.txt"]["error"] == "good.zip/big.txt: the file is over the 1 MB limit per file"
    assert rows["junk.zip"]["error"].startswith("junk.zip: not a readable zip archive")
    assert rows["corrupt.zip/bad.txt"]["status"] == "error"
    assert rows["corrupt.zip/bad.txt"]["error"].startswith("corrupt.zip/bad.txt: ")


def test_an_encrypted_zip_entry_is_a_row_with_its_error(api: httpx.Client) -> None:
    archive = bytearray(zip_of({"secret.txt": b"Ana\nSkills\nPython\n"}))
    # set the "encrypted" flag in the local and central headers (what a password zip carries)
    for sig in (b"PK\x03\x04", b"PK\x01\x02"):
        at = archive.index(sig)
        flag_at = at + (6 if sig == b"PK\x03\x04" else 8)
        archive[flag_at] |= 0x1
    r = api.post("/api/batch", files={"file": ("locked.zip", bytes(archive))})
    rows = wait_done(api, r.json()["id"])["rows"]
    assert rows == [{**rows[0], "file": "locked.zip/secret.txt", "status": "error",
                     "error": "locked.zip/secret.txt: the zip entry is encrypted (password-protected)"}]


def test_a_blind_batch_names_no_one(api: httpx.Client, files: Path) -> None:
    r = api.post("/api/batch", files=[("file", upload(files / "one_column.pdf", "priya_raman_cv.pdf")),
                                      ("file", upload(files / "empty.pdf", "john_smith.pdf"))],
                 data={"blind": "true", "role": "data-scientist"})
    job = r.json()["id"]
    status = wait_done(api, job)
    assert status["blind"] is True
    everything = [json.dumps(status), api.get(f"/batch/{job}/results.csv").text,
                  api.get(f"/batch/{job}/index.html").text]
    everything += [api.get(f"/batch/{job}/{row['report']}").text for row in status["rows"] if row["report"]]
    for text in everything:
        for cue in ("priya", "Priya", "Raman", "john_smith", "priya.raman@example.com"):
            assert cue not in text, cue
    assert sorted(row["file"][:3] for row in status["rows"]) == ["cv-", "cv-"]


def test_an_unknown_or_expired_batch_is_a_404(api: httpx.Client) -> None:
    r = api.get("/api/batch/no-such-id")
    assert r.status_code == 404 and "expired" in r.json()["error"]
    assert api.get("/batch/no-such-id/results.csv").status_code == 404


# ---------------------------------------------------------------- Host, Origin, page token

def test_a_foreign_host_is_refused_on_pages_and_api(server: Server, files: Path) -> None:
    """DNS rebinding: a page on evil.example whose name points at 127.0.0.1 sends its own Host."""
    with server.client() as c:
        for method, path in (("GET", "/"), ("GET", "/api/roles"), ("POST", "/api/analyse"),
                             ("GET", "/recruiter")):
            r = c.request(method, path, headers={"host": f"evil.example:{server.port}"})
            assert r.status_code == 403 and "answers only to" in r.text, path
        assert c.get("/api/roles", headers={"host": f"127.0.0.1:{server.port + 1}"}).status_code == 403
        assert c.get("/api/roles", headers={"host": f"localhost:{server.port}"}).status_code == 200


def test_a_cross_site_post_is_refused_even_with_the_right_token(server: Server, files: Path) -> None:
    with server.client() as c:
        token = login(c)
        cv = {"file": upload(files / "one_column.pdf")}
        for headers in ({"origin": "http://evil.example"}, {"origin": f"http://127.0.0.1:{server.port + 1}"},
                        {"origin": "null"}, {"sec-fetch-site": "cross-site"}):
            r = c.post(f"/analyse?token={token}", files=cv, headers=headers)
            assert r.status_code == 403, headers
            api = c.post("/api/analyse", files=cv, headers=headers)
            assert api.status_code == 403 and "refused" in api.json()["error"], headers
        ok = c.post(f"/analyse?token={token}", files=cv, headers={"origin": server.url.rstrip("/")})
        assert ok.status_code == 303


def test_page_forms_need_the_sessions_token_and_results_stay_in_their_session(
        server: Server, files: Path) -> None:
    cv = {"file": upload(files / "one_column.pdf")}
    with server.client() as browser, server.client() as other:
        token = login(browser)
        assert browser.post("/analyse", files=cv).status_code == 403                 # no token
        assert browser.post("/analyse?token=" + "0" * 32, files=cv).status_code == 403
        other_token = login(other)
        assert browser.post(f"/analyse?token={other_token}", files=cv).status_code == 403
        with server.client() as cookieless:
            assert cookieless.post(f"/analyse?token={token}", files=cv).status_code == 403
        r = browser.post(f"/analyse?token={token}", files=cv, data={"role": "data-scientist"})
        assert r.status_code == 303 and r.headers["location"].startswith("/results/")
        result = r.headers["location"]
        assert browser.get(result).status_code == 200
        assert other.get(result).status_code == 404 and other.get(result + "/report.html").status_code == 404
        batch = browser.post(f"/batch?token={token}", files=cv, headers={"accept": "application/json"})
        assert batch.status_code == 202 and batch.json()["page"].startswith("/batch/")
        assert browser.post("/batch", files=cv).status_code == 403


def test_a_page_form_error_shows_the_form_again_with_the_message(server: Server, files: Path) -> None:
    with server.client() as browser:
        token = login(browser)
        r = browser.post(f"/analyse?token={token}", files={"file": upload(files / "encrypted.pdf")})
        assert r.status_code == 422 and 'id="analyse-form"' in r.text
        assert "encrypted.pdf: " in r.text and 'class="error"' in r.text


def test_every_page_and_file_loads_nothing_from_elsewhere(server: Server, files: Path) -> None:
    with server.client() as browser:
        token = login(browser)
        result = browser.post(f"/analyse?token={token}", files={"file": upload(files / "one_column.pdf")})
        base = result.headers["location"]
        batch = browser.post(f"/batch?token={token}", files={"file": upload(files / "one_column.pdf")},
                             headers={"accept": "application/json"}).json()
        wait_done(browser, batch["id"])
        report = json.loads(browser.get(f"/api/batch/{batch['id']}").text)["rows"][0]["report"]
        for path in ("/", "/recruiter", base, base + "?view=cv", base + "?view=roadmap",
                     base + "/report.html", base + "/cv.html", base + "/roadmap.html",
                     batch["page"], batch["page"] + "/index.html", f"{batch['page']}/{report}"):
            r = browser.get(path)
            assert r.status_code == 200, path
            csp = r.headers["content-security-policy"]
            assert csp.startswith("default-src 'none'") and "http" not in csp and "*" not in csp, path
            assert "unsafe-eval" not in csp and "script-src 'unsafe-inline'" not in csp
            assert r.headers["x-content-type-options"] == "nosniff" and r.headers["cache-control"] == "no-store"
            for load in ("src=\"http", "src=\"//", "url(", "@import", "<link"):   # links to a CV's
                assert load not in r.text, (path, load)                          # profiles are not loads
        download = browser.get(base + "/cv.html?download=1")
        assert download.headers["content-disposition"] == 'attachment; filename="cv.html"'


# ---------------------------------------------------------------- start and shutdown

def test_a_port_in_use_is_one_line_and_exit_code_1(server: Server) -> None:
    import subprocess
    import sys
    r = subprocess.run([sys.executable, "-m", "resume_match", "serve", "--port", str(server.port)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 1
    assert r.stderr == f"Error: cannot listen on 127.0.0.1:{server.port}: Address already in use\n"
    assert r.stdout == ""


def test_stopping_the_server_leaves_nothing_behind(tmp_path: Path, files: Path) -> None:
    """SIGTERM as a service manager sends it (SIGINT, Ctrl-C, is the module server's stop)."""
    server = Server(tmp_path, workers=1)
    try:
        with server.client() as c:
            r = c.post("/api/batch", files={"file": upload(files / "one_column.pdf")})
            assert r.status_code == 202
    finally:
        code = server.stop(signal.SIGTERM)
    assert code == 0, server.stderr
    assert list(server.tmpdir.iterdir()) == [] and list(server.cwd.iterdir()) == []
    assert "Traceback" not in server.stderr, server.stderr


# ---------------------------------------------------------------- XSS through the web path

def hostile_cv() -> str:
    """The XSS fixture's CV (test_report_html.hostile_report: the sample CV with the hostile
    text in every field) as the file a person would upload: each line carries the text, the
    headings stay plain so the sections, skills and evidence are found."""
    from report_samples import SECTIONS
    from test_report_html import HOSTILE
    out = []
    for _, heading, texts in SECTIONS:
        if heading:
            out.append(heading)
        out += [f"{t} {HOSTILE}" for t in texts]
        out.append("")
    return "\n".join(out)


HOSTILE_NAME = "<img src=x onerror=alert(1)><script>alert(1)<.script>.txt"   # no '/': a file name
IMG = "<img src=x onerror=alert(1)>"


def only_our_script(html: str, shows_cv: bool = True) -> None:
    """No markup from the CV: the page's scripts are exactly its own hashed one (none or one);
    the hostile text, when the page shows it, is text."""
    from test_report_html import Page
    p = Page(html)
    assert [t for t, _ in p.tags].count("script") <= 1 and "img" not in {t for t, _ in p.tags}
    for tag, attrs in p.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
    assert IMG in p.all_text or not shows_cv


def test_cv_text_and_file_names_are_escaped_in_every_page(server: Server) -> None:
    from test_report_html import assert_inert
    cv = hostile_cv().encode()
    with server.client() as browser:
        token = login(browser)
        r = browser.post(f"/analyse?token={token}", files={"file": (HOSTILE_NAME, cv)},
                         data={"role": "ml-engineer"})
        assert r.status_code == 303, r.text
        base = r.headers["location"]
        for view in ("report", "cv", "roadmap"):
            only_our_script(browser.get(f"{base}?view={view}").text)
        for name in ("report.html", "cv.html"):
            page = assert_inert(browser.get(f"{base}/{name}").text)
            assert "Built a PyTorch ranking model" in page.all_text, name
        roadmap = browser.get(f"{base}/roadmap.html").text     # shows the plan, not the CV's lines
        assert "Career roadmap: Jane Doe" in roadmap and "<script" not in roadmap and "<img" not in roadmap
        assert f"File: {HOSTILE_NAME}" in assert_inert(browser.get(f"{base}/report.html").text).all_text
        batch = browser.post(f"/batch?token={token}", files=[("file", (HOSTILE_NAME, cv)),
                                                             ("file", ("<b>broken<.b>.pdf", b"%PDF-1.4 x"))],
                             headers={"accept": "application/json"}).json()
        wait_done(browser, batch["id"])
        only_our_script(browser.get(batch["page"]).text, shows_cv=False)
        index = browser.get(f"{batch['page']}/index.html").text
        only_our_script(index)                  # the table's own sort/filter script only
        assert "&lt;b&gt;broken&lt;.b&gt;.pdf" in index and "<b>broken" not in index
        rows = browser.get(f"/api/batch/{batch['id']}").json()["rows"]
        report = next(r["report"] for r in rows if r["status"] == "ok")
        assert_inert(browser.get(f"{batch['page']}/{report}").text)
