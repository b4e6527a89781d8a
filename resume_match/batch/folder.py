"""Batch scoring of a folder: walk it, analyse each CV in worker processes with a time limit,
isolate failures, resume from what the output folder holds, and write the ranked shortlist.
"""
from __future__ import annotations

import gc
import hashlib
import json
import os
import time
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Generator, Iterable, Literal

from resume_match import pipeline
from resume_match.match.roles import RoleRef, resolve_roles
from resume_match import render
from resume_match.batch.output import (BatchRow, Journal, load_finished, read_manifest,
                                       write_outputs, write_manifest, REPORTS_DIR)
from resume_match.render.blind import blind_report
from resume_match.errors import InputError, ResumeMatchError, UsageError
from resume_match.fileio import write_atomic
from resume_match.models import Report, RoleProfile, to_dict
from resume_match.batch.pool import PoolStats, TaskResult, WorkerInitError, default_context, run_tasks
from resume_match.skills import get_matcher
from resume_match.version import __version__

if TYPE_CHECKING:
    from resume_match.skills.matcher import SkillMatcher

CV_SUFFIXES = (".pdf", ".docx", ".txt", ".md")
TOP_SKILLS = 8
MAX_FAILURES_SHOWN = 20
DEFAULT_TIMEOUT_S = 60.0
GC_THRESHOLD = 50_000      # allocations between young-generation collections in a worker (default 700)
HANG_ENV = "RESUME_MATCH_TEST_HANG"     # test-only: a worker sleeps on the file of this name
CRASH_ENV = "RESUME_MATCH_TEST_CRASH"   # test-only: a worker dies on the file of this name

Progress = Callable[[int, int, int], None]   # (done, total, failed)


@dataclass(frozen=True)
class BatchSettings:
    """Everything that decides a row's content; a resumed batch must use the same."""
    profiles: tuple[RoleProfile, ...]
    engine: str = "pdfplumber"
    ocr: bool = False
    blind: bool = False
    html: bool = True
    top: int = TOP_SKILLS

    def key(self) -> str:
        """A fingerprint of the settings and the role profiles, stored in the manifest."""
        data = {"version": __version__, "engine": self.engine, "ocr": self.ocr,
                "blind": self.blind, "html": self.html, "top": self.top,
                "roles": to_dict(self.profiles)}
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


@dataclass(frozen=True)
class FileTask:
    """One CV to analyse: where it is, its content hash, and the name reports show for it."""
    path: str
    file: str                      # path relative to the folder, or a pseudonym when blind
    sha256: str
    data: bytes | None = None      # the content itself, for executors without a shared disk


@dataclass(frozen=True)
class FileOutcome:
    row: BatchRow
    html: str | None = None


@dataclass(frozen=True)
class BatchResult:
    """The ranked rows and what the run cost."""
    rows: tuple[BatchRow, ...]
    out_dir: Path
    analysed: int                  # files analysed in this run (not reused)
    reused: int                    # rows taken from an earlier run (--resume)
    seconds: float
    workers: int
    peak_rss_mb: float = 0.0       # the largest worker's peak resident memory
    worker_cpu_s: float = 0.0      # CPU time of the local workers (user + system)
    settings_key: str = ""

    @property
    def failed(self) -> tuple[BatchRow, ...]:
        return tuple(r for r in self.rows if r.status == "error")

    def summary(self) -> str:
        """One plain line for stderr."""
        rate = self.analysed / self.seconds if self.seconds > 0 else 0.0
        return (f"batch: {len(self.rows)} CVs, {len(self.rows) - len(self.failed)} ok, "
                f"{len(self.failed)} failed, {self.reused} reused, in {self.seconds:.1f} s "
                f"({rate:.1f} CVs/s, {self.workers} workers); results in {self.out_dir}")


def default_workers() -> int:
    """The cores this process may run on (a container's CPU set, not the host's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:   # not on Linux
        return os.cpu_count() or 1


def failure_lines(result: BatchResult, limit: int = MAX_FAILURES_SHOWN) -> list[str]:
    """The failed files' one-line errors for stderr (at most `limit`, then a count)."""
    failed = result.failed
    lines = [f"error: {r.error}" for r in failed[:limit]]
    if len(failed) > limit:
        lines.append(f"... and {len(failed) - limit} more failures (see {result.out_dir / 'results.csv'})")
    return lines


# ---------------------------------------------------------------- folder walk

def scan_folder(folder: str | Path, *, exclude: Iterable[Path] = ()) -> tuple[Path, ...]:
    """CV files under `folder` (recursively; hidden entries skipped), sorted by relative path."""
    root = Path(folder)
    if not root.is_dir():
        raise InputError(f"{folder}: not a folder")
    skip = {p.resolve() for p in exclude}
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames
                             if not d.startswith(".") and (here / d).resolve() not in skip)
        found.extend(here / f for f in filenames
                     if not f.startswith(".") and f.lower().endswith(CV_SUFFIXES))
    return tuple(sorted(found, key=lambda p: p.relative_to(root).as_posix()))


def file_sha256(path: Path) -> str:
    """Content hash, read in blocks so a huge file costs no memory."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def pseudonym(sha256: str, path: str | Path) -> str:
    """The name a blind batch shows instead of the file name (which often holds the person's)."""
    return f"cv-{sha256[:12]}{Path(path).suffix.lower()}"


def make_tasks(folder: Path, files: Iterable[Path], *, blind: bool) -> list[FileTask]:
    """A task per file; an unreadable file still gets one (its error row comes from the worker)."""
    tasks = []
    for path in files:
        rel = path.relative_to(folder).as_posix()
        try:
            sha = file_sha256(path)
        except OSError:
            sha = hashlib.sha256(rel.encode()).hexdigest()
        tasks.append(FileTask(path=str(path), file=pseudonym(sha, rel) if blind else rel, sha256=sha))
    return tasks


# ---------------------------------------------------------------- the per-file function

def analyse_file(task: FileTask, settings: BatchSettings,
                 matcher: SkillMatcher | None = None) -> FileOutcome:
    """Analyse one CV into a row (and its HTML report); any failure becomes an error row.

    This is the unit every executor runs (local processes, Dask, Spark mapPartitions).
    """
    try:
        source = task.data if task.data is not None else task.path
        candidate = pipeline.read(source, name=task.file, engine=settings.engine, ocr=settings.ocr,
                             matcher=matcher)
        report = pipeline.evaluate(candidate, settings.profiles)
        if settings.blind:
            report = blind_report(report)
        html = render.render_html(report) if settings.html else None
    except ResumeMatchError as e:
        return FileOutcome(error_row(task, str(e)))
    except Exception as e:  # a fault in one stage must cost one row, not the batch
        return FileOutcome(error_row(task, f"{task.file}: internal error ({type(e).__name__}: {e})",
                                     transient=True))
    return FileOutcome(summarise(report, task, settings), html)


def error_row(task: FileTask, message: str, *, transient: bool = False) -> BatchRow:
    """A failed file's row; `transient` when trying again may succeed (--resume will)."""
    return BatchRow(file=task.file, sha256=task.sha256, status="error", error=message,
                    transient=transient)


def summarise(report: Report, task: FileTask, settings: BatchSettings) -> BatchRow:
    """The row for one analysed CV: scores per role and the best role's top skills."""
    fits = {f.role: f for f in report.fits}
    best = fits.get(report.best_role or "")
    matched = sorted(best.matched, key=lambda m: (not m.required, -m.weight * m.credit, m.name)) if best else []
    missing = sorted(best.missing, key=lambda m: (not m.required, -m.weight, m.name)) if best else []
    c = report.candidate
    return BatchRow(
        file=task.file, sha256=task.sha256, status="ok", readable=c.readable,
        best_role=report.best_role, best_score=best.score if best else None,
        scores={role: f.score for role, f in fits.items()},
        matched=tuple(m.name for m in matched[:settings.top]),
        missing=tuple(m.name for m in missing[:settings.top]),
        ats_score=report.ats.score if report.ats else None,
        years=c.experience.years, highest_degree=c.education.highest_degree,
        report=f"{REPORTS_DIR}/{task.sha256[:16]}.html" if settings.html else None)


# ---------------------------------------------------------------- local worker processes

_WORKER: dict[str, Any] = {}


def _init_worker(settings: BatchSettings, hang: str | None, crash: str | None) -> None:
    """Runs once per worker process: the NLP matcher (already built in the forkserver, see
    batch_warm.py, or built here) is made ready before any file, never per file."""
    _WORKER.update(settings=settings, matcher=get_matcher(), hang=hang, crash=crash)
    _collect_garbage_rarely()


def _collect_garbage_rarely() -> None:
    """A CV makes millions of short-lived objects (pdfminer one per token) and almost no
    reference cycles, so the cycle collector mostly rescans the long-lived pipeline (taxonomy,
    matcher, spaCy vocabulary). Freezing those and collecting 70x less often saves ~10% of a
    pdfplumber worker's CPU per CV (bench/batch.py, 60 CVs: 283 -> 257 ms) for 3 MB more memory.
    Only our own worker processes are tuned, never a caller's (Dask, Spark, the library)."""
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, 10, 10)


def _work(task: FileTask) -> FileOutcome:
    name = Path(task.path).name
    if name == _WORKER["hang"]:
        time.sleep(3600)
    if name == _WORKER["crash"]:
        os._exit(3)
    return analyse_file(task, _WORKER["settings"], _WORKER["matcher"])


def _failed_outcome(task: FileTask, result: TaskResult, timeout: float | None) -> FileOutcome:
    if result.failure == "timeout":
        message = f"{task.file}: gave up after {timeout:g} s (per-file time limit); the worker was replaced"
    elif result.failure == "crash":
        message = f"{task.file}: the worker analysing it stopped ({result.message})"
    else:
        message = f"{task.file}: internal error ({result.message})"
    return FileOutcome(error_row(task, message, transient=True))


def run_local(tasks: list[FileTask], settings: BatchSettings, *, workers: int,
              timeout: float | None, stats: PoolStats) -> Iterable[tuple[FileTask, FileOutcome]]:
    """Yield (task, outcome) as worker processes finish them."""
    initargs = (settings, os.environ.get(HANG_ENV), os.environ.get(CRASH_ENV))
    try:
        for result in run_tasks(_work, tasks, workers=workers, timeout=timeout,
                                init=_init_worker, initargs=initargs, stats=stats,
                                ctx=default_context(preload=["resume_match.batch.warm"])):
            task = tasks[result.index]
            yield task, result.value if result.ok else _failed_outcome(task, result, timeout)
    except WorkerInitError as e:
        raise ResumeMatchError(f"batch: a worker could not start: {e}") from e


# ---------------------------------------------------------------- the orchestrator

def analyse_folder(folder: str | Path, roles: Iterable[RoleRef] | None = None, *,
                   out_dir: str | Path, workers: int | None = None,
                   timeout: float | None = DEFAULT_TIMEOUT_S, resume: bool = False,
                   blind: bool = False, engine: str = "pdfplumber", ocr: bool = False,
                   html: bool = True, executor: Literal["local", "dask"] = "local",
                   scheduler: Any = None, progress: Progress | None = None) -> BatchResult:
    """Score every CV under `folder` against `roles`; write results.csv, results.jsonl, per-CV
    HTML reports and index.html into `out_dir`. Inputs are only read, never modified.
    """
    started = time.monotonic()
    root, out = Path(folder), Path(out_dir)
    workers = workers or default_workers()
    _check_options(workers, timeout, executor)
    settings = BatchSettings(profiles=resolve_roles(roles), engine=engine, ocr=ocr,
                             blind=blind, html=html)
    files = scan_folder(root, exclude=[out])
    if not files:
        raise InputError(f"{folder}: no CVs found (looked for {', '.join(CV_SUFFIXES)} files)")
    tasks = make_tasks(root, files, blind=blind)
    finished = _previous_rows(out, settings, resume)
    rows = {i: replace(finished[t.sha256], file=t.file) for i, t in enumerate(tasks)
            if t.sha256 in finished}
    todo = [(i, t) for i, t in enumerate(tasks) if i not in rows]
    first: dict[str, int] = {}                 # identical files are analysed once
    unique = [(i, t) for i, t in todo if first.setdefault(t.sha256, i) == i]
    stats = PoolStats()
    try:
        write_manifest(out, settings.key(), settings, resume=resume)
        outcomes = _execute([t for _, t in unique], settings, executor, scheduler, workers,
                            timeout, stats)
        rows.update(_collect(outcomes, dict((id(t), i) for i, t in unique), out, rows,
                             len(rows) + len(unique), resume, progress))
        for i, t in todo:
            if i not in rows:
                rows[i] = _copy_row(rows[first[t.sha256]], tasks[first[t.sha256]], t)
        ranked = write_outputs(out, [rows[i] for i in range(len(tasks))], settings.profiles,
                               blind=blind)
    except OSError as e:
        raise InputError(f"{out}: cannot write the output folder ({e.strerror or e})") from e
    return BatchResult(rows=ranked, out_dir=out, analysed=len(unique), reused=len(tasks) - len(todo),
                       seconds=time.monotonic() - started, workers=workers,
                       peak_rss_mb=stats.peak_rss_mb, worker_cpu_s=stats.cpu_seconds,
                       settings_key=settings.key())


def _copy_row(row: BatchRow, source: FileTask, copy: FileTask) -> BatchRow:
    """The row of a file with the same content as `source`, under its own name."""
    error = row.error.replace(source.file, copy.file, 1) if row.error else row.error
    return replace(row, file=copy.file, error=error)


def _check_options(workers: int, timeout: float | None, executor: str) -> None:
    if workers < 1:
        raise UsageError(f"--workers must be at least 1 (got {workers})")
    if timeout is not None and timeout <= 0:
        raise UsageError(f"--timeout must be a positive number of seconds (got {timeout:g})")
    if executor not in ("local", "dask"):
        raise UsageError(f"unknown executor {executor!r} (choose local or dask)")


def _collect(outcomes: Generator[tuple[FileTask, FileOutcome], None, None], position: dict[int, int], out: Path,
             reused: dict[int, BatchRow], total: int, resume: bool,
             progress: Progress | None) -> dict[int, BatchRow]:
    """Write each finished file's report and journal line as it arrives; its row by position."""
    rows: dict[int, BatchRow] = {}
    failed = sum(r.status == "error" for r in reused.values())
    if progress:
        progress(len(reused), total, failed)
    with Journal(out, append=resume) as journal, closing(outcomes):
        for task, outcome in outcomes:
            if outcome.html is not None and outcome.row.report:
                write_atomic(out / outcome.row.report, outcome.html)
            journal.add(outcome.row)
            rows[position[id(task)]] = outcome.row
            failed += outcome.row.status == "error"
            if progress:
                progress(len(reused) + len(rows), total, failed)
    return rows


def _execute(todo: list[FileTask], settings: BatchSettings, executor: str, scheduler: Any,
             workers: int, timeout: float | None,
             stats: PoolStats) -> Generator[tuple[FileTask, FileOutcome], None, None]:
    """Outcomes from the chosen executor; closing this stops its workers (e.g. on Ctrl-C)."""
    if not todo:
        return
    if executor == "dask":
        from resume_match.batch.cluster import run_dask
        yield from run_dask(todo, settings, scheduler)
    else:
        yield from run_local(todo, settings, workers=workers, timeout=timeout, stats=stats)


def _previous_rows(out: Path, settings: BatchSettings, resume: bool) -> dict[str, BatchRow]:
    """Finished rows from an earlier run, by content hash (only with --resume, same settings)."""
    if not resume:
        return {}
    manifest = read_manifest(out)
    if manifest is None:
        return {}
    if manifest.get("settings_key") != settings.key():
        raise UsageError(f"{out}: was written with other settings (roles, engine, --blind or "
                         f"version); use a new --out folder or run without --resume")
    return load_finished(out, with_reports=settings.html)


__all__ = ["analyse_folder", "analyse_file", "scan_folder", "BatchSettings", "BatchResult",
           "BatchRow", "FileTask", "FileOutcome"]
