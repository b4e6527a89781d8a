"""Batch scoring of a folder: outputs, ranking, failure isolation, time limit, resume, exit codes."""
from __future__ import annotations

import csv
import hashlib
import json
import re
import time
from functools import partial
from pathlib import Path

import pytest
from click.testing import CliRunner

import pdfgen
from faulty_workers import crash_on, hang_on
from resume_match.batch import folder as batch
from resume_match.batch.folder import analyse_folder, scan_folder
from resume_match.batch.tasks import TOP_SKILLS
from resume_match.cli import main
from resume_match.errors import InputError, UsageError
from resume_match.batch.progress import ProgressBar

TEXT_CV = """{name}
{email} | +1 415 555 0199 | github.com/{handle}

Summary
Machine learning engineer building recommendation and forecasting systems.

Experience
ML Engineer, Fabrikam, Jan 2019 - Present
- Trained PyTorch and scikit-learn models; served them with Docker and Kubernetes on AWS.
- Wrote SQL and Spark pipelines in Python.

Education
MSc Computer Science, University of Leeds, 2018

Skills
Python, SQL, PyTorch, scikit-learn, Docker, Kubernetes, AWS, Spark, Git
"""

GOOD = ("one_column.pdf", "sub/two_column.pdf", "sub/deeper/cara.txt", "sub/deeper/cv.docx",
        "ana.txt", "ben.md")
BROKEN = ("encrypted.pdf", "truncated.pdf", "empty.pdf", "not_a_pdf.pdf", "many_pages.pdf",
          "huge.pdf")


def text_cv(name: str, email: str) -> str:
    return TEXT_CV.format(name=name, email=email, handle=name.split()[0].lower())


def make_folder(root: Path) -> Path:
    """Six good CVs (PDF, two-column PDF, DOCX, text, Markdown), six broken (encrypted, truncated,
    empty, not a PDF, too many pages, too large), two ignored files."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "sub" / "deeper").mkdir(parents=True)
    pdfgen.make_one_column(root / "one_column.pdf")
    pdfgen.make_two_column(root / "sub" / "two_column.pdf")
    (root / "sub" / "deeper" / "cara.txt").write_text(text_cv("Cara Dunn", "cara.dunn@example.com"))
    pdfgen.make_docx(root / "sub" / "deeper" / "cv.docx")
    (root / "ana.txt").write_text(text_cv("Ana Lindqvist", "ana.lindqvist@example.net"))
    (root / "ben.md").write_text("# " + text_cv("Ben Okafor", "ben.okafor@example.org"))
    pdfgen.make_encrypted(root / "encrypted.pdf")
    pdfgen.make_truncated(root / "truncated.pdf")
    pdfgen.make_empty(root / "empty.pdf")
    pdfgen.make_not_a_pdf(root / "not_a_pdf.pdf")
    pdfgen.make_many_pages(root / "many_pages.pdf")
    with open(root / "huge.pdf", "wb") as fh:      # sparse: 25 MB on paper, nothing on disk
        fh.write(b"%PDF-1.4\n")
        fh.truncate(25_000_000)
    (root / "notes.csv").write_text("not,a,cv\n")
    (root / ".hidden.txt").write_text(text_cv("Hidden Person", "hidden@example.com"))
    return root


def snapshot(root: Path) -> dict[str, tuple[str, int]]:
    return {p.relative_to(root).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_folder(tmp_path_factory.mktemp("cvs") / "in")


@pytest.fixture(scope="module")
def run(folder: Path) -> tuple[batch.BatchResult, dict, dict]:
    """The batch of the mixed folder, writing into an output folder inside it; the inputs'
    contents and times before and after."""
    before = snapshot(folder)
    res = analyse_folder(folder, ["data-scientist", "ml-engineer"], out_dir=folder / "out",
                         workers=2, timeout=60)
    after = {k: v for k, v in snapshot(folder).items() if not k.startswith("out/")}
    return res, before, after


@pytest.fixture(scope="module")
def result(run: tuple[batch.BatchResult, dict, dict]) -> batch.BatchResult:
    return run[0]


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


# ---------------------------------------------------------------- folder walk

def test_scan_is_recursive_sorted_and_skips_hidden_other_types_and_output(folder: Path, tmp_path: Path) -> None:
    found = [p.relative_to(folder).as_posix() for p in scan_folder(folder, exclude=[folder / "sub" / "deeper"])]
    assert found == sorted(set(GOOD + BROKEN) - {"sub/deeper/cara.txt", "sub/deeper/cv.docx"})
    with pytest.raises(InputError, match="no CVs found"):
        analyse_folder(tmp_path, out_dir=tmp_path / "out")


# ---------------------------------------------------------------- outputs

def test_every_file_gets_one_row_and_broken_files_get_clear_errors(result: batch.BatchResult) -> None:
    by_file = {r.file: r for r in result.rows}
    assert sorted(by_file) == sorted(GOOD + BROKEN)
    assert all(by_file[f].status == "ok" for f in GOOD)
    errors = {f: by_file[f].error for f in BROKEN}
    assert all(by_file[f].status == "error" and errors[f].startswith(f + ":") for f in BROKEN)
    assert "password" in errors["encrypted.pdf"] and "empty" in errors["empty.pdf"]
    assert "40-page limit" in errors["many_pages.pdf"] and "23.8 MiB, over the 20 MiB limit" in errors["huge.pdf"]
    assert result.analysed == 12 and result.reused == 0 and len(result.failed) == 6


def test_jsonl_has_the_contract_fields_and_is_ranked(folder: Path, result: batch.BatchResult) -> None:
    rows = read_jsonl(result.out_dir / "results.jsonl")
    assert [r["file"] for r in rows] == [r.file for r in result.rows]
    ok = [r for r in rows if r["status"] == "ok"]
    for r in ok:
        assert {"file", "status", "error", "best_role", "scores", "matched", "missing", "ats_score",
                "sha256"} <= set(r)
        assert set(r["scores"]) == {"data-scientist", "ml-engineer"}
        assert r["best_role"] in r["scores"] and r["scores"][r["best_role"]] == max(r["scores"].values())
        assert isinstance(r["ats_score"], int) and len(r["sha256"]) == 64
    keys = [(-r["best_score"], r["file"]) for r in ok]
    assert keys == sorted(keys) and rows[len(ok):] == [r for r in rows if r["status"] == "error"]
    one = next(r for r in ok if r["file"] == "one_column.pdf")
    assert one["sha256"] == hashlib.sha256((folder / "one_column.pdf").read_bytes()).hexdigest()
    assert (one["matched"] or one["missing"]) and len(one["missing"]) <= TOP_SKILLS


def test_csv_has_the_same_rows_as_flat_columns(result: batch.BatchResult) -> None:
    with open(result.out_dir / "results.csv", newline="") as fh:
        table = list(csv.DictReader(fh))
    rows = read_jsonl(result.out_dir / "results.jsonl")
    assert [t["file"] for t in table] == [r["file"] for r in rows]
    for t, r in zip(table, rows):
        assert t["status"] == r["status"] and t["sha256"] == r["sha256"]
        assert t["score:data-scientist"] == str(r["scores"].get("data-scientist", ""))
        assert t["matched"] == "; ".join(r["matched"])


def test_reports_and_index_are_written_and_self_contained(result: batch.BatchResult) -> None:
    out = result.out_dir
    index = (out / "index.html").read_text()
    for row in result.rows:
        if row.status == "ok":
            assert (out / row.report).is_file() and f'href="{row.report}"' in index
    assert "Content-Security-Policy" in index and not re.search(r"(src|href)=\"(https?:)?//", index)
    script = re.search(r"<script>(.*?)</script>", index, re.S).group(1)
    digest = __import__("base64").b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in index          # the CSP allows exactly this inline script
    assert index.count('class="bar"') == 10 and "<svg" in index
    assert 'id="f-text"' in index and "aria-sort" in index


def test_inputs_are_never_modified_and_the_output_folder_inside_is_not_scanned(run: tuple) -> None:
    res, before, after = run
    assert after == before and len(res.rows) == len(GOOD + BROKEN)


# ---------------------------------------------------------------- isolation and time limit

def three_cvs(src: Path, middle: str) -> Path:
    """a.txt, `middle` and z.txt: three small text CVs with different content."""
    src.mkdir()
    for name in ("a.txt", middle, "z.txt"):
        (src / name).write_text(text_cv("Cara Dunn", "cara@example.com") + f"\n{name}\n")
    return src


@pytest.mark.parametrize("workers", [1, 2])   # with one, z.txt waits queued behind the stuck file
def test_a_stuck_file_is_killed_after_the_timeout_and_the_batch_goes_on(tmp_path: Path, workers: int) -> None:
    src = three_cvs(tmp_path / "in", "slow.txt")
    started = time.monotonic()
    res = analyse_folder(src, ["data-scientist"], out_dir=tmp_path / "out", workers=workers, timeout=3,
                         _analyse=partial(hang_on, "slow.txt"))
    assert time.monotonic() - started < 30
    by_file = {r.file: r for r in res.rows}
    assert by_file["slow.txt"].status == "error" and "gave up after 3 s" in by_file["slow.txt"].error
    assert by_file["a.txt"].status == by_file["z.txt"].status == "ok"


def test_a_worker_that_dies_costs_one_row(tmp_path: Path) -> None:
    src = three_cvs(tmp_path / "in", "boom.txt")     # z.txt is queued behind it: it must not be lost
    res = analyse_folder(src, ["data-scientist"], out_dir=tmp_path / "out", workers=1,
                         _analyse=partial(crash_on, "boom.txt"))
    by_file = {r.file: r for r in res.rows}
    assert by_file["boom.txt"].status == "error" and "stopped" in by_file["boom.txt"].error
    assert by_file["a.txt"].status == by_file["z.txt"].status == "ok"


# ---------------------------------------------------------------- resume

class Interrupt(KeyboardInterrupt):
    pass


def test_an_interrupted_batch_resumes_to_the_same_results(folder: Path, result: batch.BatchResult, tmp_path: Path) -> None:
    out = tmp_path / "out"

    def stop_after_four(done: int, total: int, failed: int) -> None:
        if done >= 4:
            raise Interrupt

    with pytest.raises(Interrupt):
        analyse_folder(folder, ["data-scientist", "ml-engineer"], out_dir=out, workers=1,
                       progress=stop_after_four)
    assert not (out / "results.jsonl").exists() and len((out / ".journal.jsonl").read_text().splitlines()) == 4
    resumed = analyse_folder(folder, ["data-scientist", "ml-engineer"], out_dir=out, workers=2, resume=True)
    assert (resumed.reused, resumed.analysed) == (4, 8)
    assert (out / "results.jsonl").read_text() == (result.out_dir / "results.jsonl").read_text()
    assert (out / "results.csv").read_text() == (result.out_dir / "results.csv").read_text()
    again = analyse_folder(folder, ["data-scientist", "ml-engineer"], out_dir=out, workers=2, resume=True)
    assert (again.reused, again.analysed) == (12, 0)


def test_resume_retries_a_file_that_timed_out_but_not_a_broken_one(tmp_path: Path) -> None:
    src = three_cvs(tmp_path / "in", "slow.txt")
    (src / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    out = tmp_path / "out"
    first = analyse_folder(src, ["data-scientist"], out_dir=out, workers=2, timeout=3,
                           _analyse=partial(hang_on, "slow.txt"))
    by_file = {r.file: r for r in first.rows}
    assert by_file["slow.txt"].transient and not by_file["broken.pdf"].transient
    assert {r["file"]: r["transient"] for r in read_jsonl(out / "results.jsonl")}["slow.txt"] is True
    # whatever held it up has passed: the workers analyse it as usual
    second = analyse_folder(src, ["data-scientist"], out_dir=out, workers=2, timeout=3, resume=True)
    assert (second.reused, second.analysed) == (3, 1)
    by_file = {r.file: r for r in second.rows}
    assert by_file["slow.txt"].status == "ok" and by_file["broken.pdf"].status == "error"
    third = analyse_folder(src, ["data-scientist"], out_dir=out, workers=2, resume=True)
    assert (third.reused, third.analysed) == (4, 0)


def test_an_unwritable_output_folder_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "cv.txt").write_text(text_cv("Ana Lindqvist", "ana@example.net"))
    (tmp_path / "taken").write_text("a file, not a folder")
    with pytest.raises(InputError, match=r"taken/out: cannot write the output folder"):
        analyse_folder(tmp_path, ["data-scientist"], out_dir=tmp_path / "taken" / "out", workers=1)


def test_resume_refuses_an_output_folder_made_with_other_settings(folder: Path, result: batch.BatchResult) -> None:
    with pytest.raises(UsageError, match="other settings"):
        analyse_folder(folder, ["data-analyst"], out_dir=result.out_dir, resume=True)


# ---------------------------------------------------------------- CLI

def run_cli(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(main, list(args))
    return res.exit_code, res.stdout, res.stderr


def test_cli_exit_codes_and_summary(tmp_path: Path) -> None:
    good = tmp_path / "good"
    good.mkdir()
    (good / "ana.txt").write_text(text_cv("Ana Lindqvist", "ana@example.net"))
    code, out, err = run_cli("batch", str(good), "--role", "data-scientist", "--out", str(tmp_path / "o1"), "--workers", "1")
    assert code == 0 and out == "" and re.search(r"^batch: 1 CVs, 1 ok, 0 unreadable, 0 failed", err, re.M), err
    assert "\r" not in err                       # no progress bar when stderr is not a terminal
    scans = tmp_path / "scans"
    scans.mkdir()
    (scans / "ana.txt").write_text(text_cv("Ana Lindqvist", "ana@example.net"))
    pdfgen.make_image_only(scans / "scan.pdf")
    code, out, err = run_cli("batch", str(scans), "--role", "data-scientist", "--out", str(tmp_path / "o0"), "--quiet")
    assert code == 0 and "unreadable: scan.pdf: no text layer" in err
    assert re.search(r"^batch: 2 CVs, 1 ok, 1 unreadable, 0 failed", err, re.M), err
    rows = read_jsonl(tmp_path / "o0" / "results.jsonl")
    assert [(r["file"], r["status"]) for r in rows] == [("ana.txt", "ok"), ("scan.pdf", "unreadable")]
    assert rows[1]["scores"] == {} and rows[1]["best_score"] is None      # no 0 beside a '–'
    assert rows[0]["name"] == "Ana Lindqvist" and "Apache Spark" in rows[0]["found"]
    pdfgen.make_truncated(good / "bad.pdf")
    code, out, err = run_cli("batch", str(good), "--role", "data-scientist", "--out", str(tmp_path / "o2"), "--quiet")
    assert code == 1 and "error: bad.pdf: damaged or truncated PDF" in err and "1 failed" in err
    assert run_cli("batch", str(good), "--out", str(tmp_path / "o3"), "--workers", "0")[0] == 2
    assert run_cli("batch", str(good))[0] == 2                               # --out is required
    code, _, err = run_cli("batch", str(good), "--out", str(tmp_path / "o4"), "--scheduler", "tcp://x:1")
    assert code == 2 and "--executor dask" in err
    code, _, err = run_cli("batch", str(tmp_path / "o1" / "reports"), "--out", str(tmp_path / "o5"))
    assert code == 1 and "no CVs found" in err


def test_cli_jd_adds_the_posting_as_a_role(tmp_path: Path) -> None:
    """--jd derives a role from the posting; its profile is scored in the workers like a role."""
    job = tmp_path / "job.txt"
    job.write_text("ML Engineer\n\nRequirements\n- Python and PyTorch\n- Docker, Kubernetes and AWS\n")
    src = tmp_path / "in"
    src.mkdir()
    (src / "ana.txt").write_text(text_cv("Ana Lindqvist", "ana@example.net"))
    code, _, err = run_cli("batch", str(src), "--role", "data-scientist", "--jd", str(job),
                           "--out", str(tmp_path / "out"), "--workers", "1")
    assert code == 0, err
    row = read_jsonl(tmp_path / "out" / "results.jsonl")[0]
    assert set(row["scores"]) == {"data-scientist", "posting-ml-engineer"}
    assert "ML Engineer" in (tmp_path / "out" / "index.html").read_text()


def test_progress_bar_line_shows_rate_and_eta() -> None:
    bar = ProgressBar(enabled=False)
    line = bar.line(50, 200, 2, 10.0)
    assert "50/200" in line and "5.0 CV/s" in line and "ETA 0:30" in line and "2 failed" in line
    assert "ETA --:--" in bar.line(0, 200, 0, 1.0) and "failed" not in bar.line(0, 200, 0, 1.0)


def test_hostile_file_names_are_escaped_in_the_index(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    hostile = '"><img src=x onerror=alert(1)>.txt'
    (src / hostile).write_text(text_cv("Ana Lindqvist", "ana@example.net"))
    (src / "<script>alert(1)<.script>.pdf").write_bytes(b"%PDF-1.4 broken")
    res = analyse_folder(src, ["data-scientist"], out_dir=tmp_path / "out", workers=1)
    index = (tmp_path / "out" / "index.html").read_text()
    assert {r.file for r in res.rows} == {hostile, "<script>alert(1)<.script>.pdf"}
    assert "<img" not in index and "<script>alert" not in index and "&lt;script&gt;" in index


def test_cli_jd_with_a_real_posting(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "ana.txt").write_text(text_cv("Ana Lindqvist", "ana@example.net"))
    posting = tmp_path / "posting.txt"
    posting.write_text("Machine Learning Engineer\n\nRequirements\n- 3+ years of Python and SQL\n"
                       "- Experience with PyTorch, Docker and Kubernetes\n\nNice to have\n- Spark\n")
    code, _, err = run_cli("batch", str(src), "--jd", str(posting), "--out", str(tmp_path / "out"),
                           "--workers", "1")
    assert code == 0, err
    row = read_jsonl(tmp_path / "out" / "results.jsonl")[0]
    assert len(row["scores"]) == 1 and row["best_role"] in row["scores"]
    assert "PyTorch" in row["matched"] and row["best_score"] > 0


def test_identical_files_are_analysed_once_and_each_gets_its_row(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a.txt", "copy of a.txt"):
        (src / name).write_text(text_cv("Ana Lindqvist", "ana@example.net"))
    for name in ("bad.pdf", "bad copy.pdf"):
        (src / name).write_bytes(b"%PDF-1.4 broken")
    res = analyse_folder(src, ["data-scientist"], out_dir=tmp_path / "out", workers=2)
    by_file = {r.file: r for r in res.rows}
    assert res.analysed == 2 and len(res.rows) == 4
    assert by_file["a.txt"].scores == by_file["copy of a.txt"].scores
    assert by_file["bad copy.pdf"].error.startswith("bad copy.pdf: ") and by_file["bad.pdf"].error.startswith("bad.pdf: ")
