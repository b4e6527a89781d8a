"""The web app under its limits: the app in a thread of the test process (real sockets on a free
127.0.0.1 port), with a per-file function that hangs or crashes on the first file of each
upload (tests/faulty_workers.py), so the time limit, a full queue (503 with Retry-After) and a
server stopping mid-file can be seen; and the small pieces (labels, hosts) on their own.
"""
from __future__ import annotations

import time
from functools import partial
from pathlib import Path
from typing import Any, Iterator

import httpx
import pytest

from faulty_workers import crash_on, hang_on
from test_batch import text_cv
from web_server import ThreadServer
from resume_match.web.config import MB, Limits, ServerOptions
from resume_match.web.jobs import Busy, JobService
from resume_match.web.security import allowed_hosts, is_loopback
from resume_match.web.uploads import label, stored_suffix
from resume_match.web.work import analyse_candidate

pytestmark = pytest.mark.slow

CV = text_cv("Ana Lindqvist", "ana@example.net").encode()
FIRST = "0001.txt"         # the name the first file of an upload is stored under


def wait_done(client: httpx.Client, job_id: str, timeout: float = 120) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = client.get(f"/api/batch/{job_id}").json()
        if status["status"] == "done":
            return status  # type: ignore[no-any-return]
        time.sleep(0.2)
    raise AssertionError("not done")


@pytest.fixture(scope="module")
def hanging(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ThreadServer]:
    """One worker, a 3 s time limit, room for 2 files in the queue; the first file of every
    upload hangs."""
    limits = Limits(timeout_s=3, queue_files=2, max_request_bytes=2 * MB, max_file_bytes=MB,
                    keep_results_s=600)
    server = ThreadServer(tmp_path_factory.mktemp("hang"), ServerOptions(workers=1, limits=limits),
                          _analyse_batch=partial(hang_on, FIRST), _analyse_one=partial(hang_on_one, FIRST))
    yield server
    server.stop()


def hang_on_one(name: str, task: Any, settings: Any, matcher: Any) -> Any:
    """hang_on for the candidate's per-file function."""
    if Path(task.path).name == name:
        time.sleep(3600)
    return analyse_candidate(task, settings, matcher)


def test_a_file_over_the_time_limit_is_its_error_row_and_the_rest_are_analysed(hanging: ThreadServer) -> None:
    with hanging.client() as c:
        r = c.post("/api/batch", files=[("file", ("slow.txt", CV)), ("file", ("fine.txt", CV))])
        assert r.status_code == 202, r.text
        started = time.monotonic()
        rows = {row["file"]: row for row in wait_done(c, r.json()["id"])["rows"]}
        assert time.monotonic() - started < 60
    assert rows["fine.txt"]["status"] == "ok"
    assert rows["slow.txt"]["error"] == ("slow.txt: gave up after 3 s (per-file time limit); "
                                         "the worker was replaced")
    assert rows["slow.txt"]["transient"] is True
    assert hanging.service.stats.replaced >= 1


def test_one_cv_over_the_time_limit_is_a_422_with_that_error(hanging: ThreadServer) -> None:
    with hanging.client() as c:
        r = c.post("/api/analyse", files={"file": ("slow.txt", CV)})
    assert r.status_code == 422 and "gave up after 3 s" in r.json()["error"]


def test_a_full_queue_answers_503_with_retry_after_then_takes_work_again(hanging: ThreadServer) -> None:
    with hanging.client() as c:
        r = c.post("/api/batch", files=[("file", ("slow.txt", CV)), ("file", ("fine.txt", CV))])
        assert r.status_code == 202                       # 2 files: the queue is full
        busy = c.post("/api/analyse", files={"file": ("more.txt", CV)})
        assert busy.status_code == 503, busy.text
        assert int(busy.headers["retry-after"]) >= 1
        assert busy.json()["error"].startswith("the server is busy (2 files waiting)")
        page = c.get("/")                                 # a browser's form gets the page back
        token = page.text.split('action="/analyse?token=')[1].split('"')[0]
        form = c.post(f"/analyse?token={token}", files={"file": ("more.txt", CV)})
        assert form.status_code == 503 and 'id="analyse-form"' in form.text and "busy" in form.text
        assert len(list(hanging.tmpdir.glob("resume-match-web-*/*"))) == 1   # the refused left none
        wait_done(c, r.json()["id"])
        ok = c.post("/api/batch", files=[("file", ("x.txt", CV)), ("file", ("y.txt", CV))])
        assert ok.status_code == 202
        wait_done(c, ok.json()["id"])
    assert list(hanging.tmpdir.glob("resume-match-web-*/*")) == []


def test_a_body_over_the_request_limit_is_a_413_and_leaves_no_folder(hanging: ThreadServer) -> None:
    with hanging.client() as c:
        parts = [("file", ("a.txt", b"x" * (900 * 1024))), ("file", ("b.txt", b"x" * (900 * 1024))),
                 ("jd", ("posting.txt", b"x" * (900 * 1024)))]            # 2.7 MB, each under 1 MB
        r = c.post("/api/batch", files=parts)
        assert r.status_code == 413
        assert r.json()["error"] == ("the upload is over the 2 MB limit per request; send fewer "
                                     "files at a time")
    assert list(hanging.tmpdir.glob("resume-match-web-*/*")) == []


def test_a_zip_bomb_is_stopped_at_the_request_limit(tmp_path: Path) -> None:
    """What the archives expand to counts against the request limit, checked as each entry is
    inflated (the sizes a zip declares are not trusted)."""
    import hashlib
    import io
    import zipfile
    from resume_match.web.uploads import Stored, TooLarge, open_zips
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(4):                                 # 4 x 0.9 MB of zeros: a few KB zipped
            z.writestr(f"cv{i}.txt", b"0" * (900 * 1024))
    path = tmp_path / "0001.zip"
    path.write_bytes(buf.getvalue())
    stored = Stored("file", "bomb.zip", path, path.stat().st_size, hashlib.sha256(buf.getvalue()).hexdigest())
    limits = Limits(max_request_bytes=2 * MB, max_file_bytes=MB)
    with pytest.raises(TooLarge, match="the zip archives expand to more than 2 MB"):
        open_zips([stored], tmp_path, limits, max_files=10)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["0001-0000.txt", "0001-0001.txt", "0001.zip"]


def test_a_worker_that_crashes_costs_its_file_only(tmp_path: Path) -> None:
    server = ThreadServer(tmp_path, ServerOptions(workers=1, limits=Limits(timeout_s=30)),
                          _analyse_batch=partial(crash_on, FIRST))
    try:
        with server.client() as c:
            r = c.post("/api/batch", files=[("file", ("dies.txt", CV)), ("file", ("fine.txt", CV))])
            rows = {row["file"]: row for row in wait_done(c, r.json()["id"])["rows"]}
    finally:
        server.stop()
    assert rows["fine.txt"]["status"] == "ok"
    assert rows["dies.txt"]["error"].startswith("dies.txt: the worker analysing it stopped")


def test_stopping_mid_file_does_not_wait_for_the_time_limit_and_deletes_the_uploads(tmp_path: Path) -> None:
    server = ThreadServer(tmp_path, ServerOptions(workers=1, limits=Limits(timeout_s=600)),
                          _analyse_batch=partial(hang_on, FIRST))
    with server.client() as c:
        r = c.post("/api/batch", files=[("file", ("slow.txt", CV))])
        assert r.status_code == 202
    folders = list(server.tmpdir.glob("resume-match-web-*/*"))
    assert len(folders) == 1 and [p.name for p in folders[0].iterdir()] == [FIRST]
    started = time.monotonic()
    server.stop()
    assert time.monotonic() - started < 30
    assert list(server.tmpdir.glob("resume-match-web-*")) == []


def test_results_expire(tmp_path: Path) -> None:
    server = ThreadServer(tmp_path, ServerOptions(workers=1, limits=Limits(keep_results_s=1)))
    try:
        with server.client() as c:
            job = c.post("/api/batch", files={"file": ("a.txt", CV)}).json()["id"]
            wait_done(c, job)
            time.sleep(1.5)
            r = c.get(f"/api/batch/{job}")
            assert r.status_code == 404 and "expired" in r.json()["error"]
    finally:
        server.stop()


def test_too_many_uploads_at_once_are_refused() -> None:
    service = JobService(Limits(max_uploads=2), workers=1)
    service.begin_upload()
    service.begin_upload()
    with pytest.raises(Busy, match="busy"):
        service.begin_upload()
    service.end_upload()
    service.begin_upload()


# ---------------------------------------------------------------- the small pieces

@pytest.mark.parametrize("raw, folders, expected", [
    ("cv.pdf", False, "cv.pdf"),
    ("../../etc/passwd", False, "passwd"),
    ("C:\\Users\\ana\\cv.docx", False, "cv.docx"),
    ("../../escaped.txt", True, "escaped.txt"),
    ("/abs/x/../cv.md", True, "abs/x/cv.md"),
    ("a\\..\\..\\win.txt", True, "a/win.txt"),
    ("na\u202eme\x00\x1b.pdf", False, "name.pdf"),          # bidi override, NUL, ESC removed
    ("..", False, "file-1"), ("", False, "file-1"),
])
def test_a_file_name_is_only_a_label(raw: str, folders: bool, expected: str) -> None:
    assert label(raw, "file-1", keep_folders=folders) == expected


def test_a_long_name_keeps_its_extension_and_stored_names_take_known_suffixes_only() -> None:
    long = label("x" * 500 + ".pdf", "f")
    assert len(long) <= 200 and long.endswith("….pdf")
    assert [stored_suffix(n) for n in ("a.PDF", "b.docx", "c.exe", "d", "e.zip", "f.pdf.sh")] == [
        ".pdf", ".docx", ".bin", ".bin", ".zip", ".bin"]


def test_allowed_hosts_are_the_address_and_its_loopback_names() -> None:
    assert allowed_hosts("127.0.0.1", 8000) == {"127.0.0.1:8000", "localhost:8000", "[::1]:8000"}
    assert allowed_hosts("::1", 80) >= {"[::1]", "[::1]:80", "localhost"}
    lan = allowed_hosts("192.168.1.20", 8000)
    assert lan == {"192.168.1.20:8000"}            # not loopback: its own address only
    assert is_loopback("127.0.0.2") and is_loopback("localhost") and not is_loopback("10.0.0.1")
