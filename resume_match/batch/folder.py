"""Batch scoring of a folder: walk it, make a task per CV, run the tasks on an executor (local
worker processes with a time limit, or Dask), resume from what the output folder holds, and write
the ranked shortlist.
"""
from __future__ import annotations

import fcntl
import hashlib
import os
import time
from contextlib import closing, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any, Callable, Generator, Iterable, Iterator, Literal

from resume_match.batch.cluster import run_dask
from resume_match.batch.local import run_local
from resume_match.batch.output import (BatchRow, Journal, load_finished, read_manifest,
                                       transient_failures, write_outputs, write_manifest)
from resume_match.batch.pool import PoolStats
from resume_match.batch.tasks import Analyse, BatchSettings, FileTask, FileOutcome, analyse_file
from resume_match.errors import BusyError, InputError, UsageError
from resume_match.fileio import write_atomic
from resume_match.match.roles import RoleRef, resolve_roles

CV_SUFFIXES = (".pdf", ".docx", ".txt", ".md")
MAX_FAILURES_SHOWN = 20
DEFAULT_TIMEOUT_S = 60.0
LOCK_FILE = ".lock"                # in the output folder, held while a batch writes it

Progress = Callable[[int, int, int], None]   # (done, total, failed)


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

    @property
    def unreadable(self) -> tuple[BatchRow, ...]:
        """Files read but with no usable text (image-only scans): no scores, not failures."""
        return tuple(r for r in self.rows if r.status == "unreadable")

    def summary(self) -> str:
        """One plain line for stderr."""
        rate = self.analysed / self.seconds if self.seconds > 0 else 0.0
        ok = len(self.rows) - len(self.failed) - len(self.unreadable)
        return (f"batch: {len(self.rows)} CVs, {ok} ok, {len(self.unreadable)} unreadable, "
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
    lines += [f"unreadable: {r.error}" for r in result.unreadable[:max(0, limit - len(lines))]]
    if len(failed) > limit:
        lines.append(f"... and {len(failed) - limit} more failures (see {result.out_dir / 'results.csv'})")
    return lines


# ---------------------------------------------------------------- folder walk

def scan_folder(folder: str | Path, *, exclude: Iterable[Path] = (),
                follow_links: bool = False) -> tuple[Path, ...]:
    """CV files under `folder` (recursively; hidden entries skipped), sorted by relative path.
    A symbolic link (to a file or a folder) is followed only while it stays inside `folder`,
    so a link to /etc/passwd is never read as a CV, unless `follow_links` says to follow it
    anywhere (each real folder walked once, so a link loop ends)."""
    root = Path(folder)
    if not root.is_dir():
        raise InputError(f"{folder}: not a folder")
    real_root = root.resolve()
    skip = {p.resolve() for p in exclude}
    seen: set[Path] = set()
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        here = Path(dirpath)
        seen.add(here.resolve())
        dirnames[:] = sorted(d for d in dirnames
                             if not d.startswith(".") and (real := (here / d).resolve()) not in skip
                             and real not in seen and (follow_links or _inside(real, real_root)))
        found.extend(here / f for f in filenames
                     if not f.startswith(".") and f.lower().endswith(CV_SUFFIXES)
                     and (follow_links or _inside((here / f).resolve(), real_root)))
    return tuple(sorted(found, key=lambda p: p.relative_to(root).as_posix()))


def _inside(real: Path, real_root: Path) -> bool:
    return real == real_root or real_root in real.parents


@contextmanager
def batch_lock(out: Path) -> Iterator[IO[str]]:
    """Hold the output folder's lock file (fcntl.flock) while a batch writes it: a second
    batch on the same --out is refused (BusyError, exit code 3) rather than interleaving its
    rows. The lock is the kernel's, so it goes with the process however that ends."""
    out.mkdir(parents=True, exist_ok=True)
    with open(out / LOCK_FILE, "a+", encoding="utf-8") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BusyError(f"{out}: another batch is writing this folder (it holds "
                            f"{out / LOCK_FILE}); wait for it to finish or use another --out") from None
        fh.truncate(0)
        fh.write(f"{os.getpid()}\n")
        fh.flush()
        yield fh


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


# ---------------------------------------------------------------- the orchestrator

def analyse_folder(folder: str | Path, roles: Iterable[RoleRef] | None = None, *,
                   out_dir: str | Path, workers: int | None = None,
                   timeout: float | None = DEFAULT_TIMEOUT_S, resume: bool = False,
                   blind: bool = False, engine: str = "pdfplumber", ocr: bool = False,
                   html: bool = True, executor: Literal["local", "dask"] = "local",
                   scheduler: Any = None, progress: Progress | None = None,
                   follow_links: bool = False, _analyse: Analyse = analyse_file) -> BatchResult:
    """Score every CV under `folder` against `roles`; write results.csv, results.jsonl, per-CV
    HTML reports and index.html into `out_dir`. Inputs are only read, never modified.
    Symbolic links out of `folder` are skipped unless `follow_links`; a batch already writing
    `out_dir` makes this one stop with BusyError before it writes anything.

    `_analyse` (private) replaces the per-file function the workers run: the tests inject one
    that hangs or crashes on a named file (tests/faulty_workers.py).
    """
    started = time.monotonic()
    root, out = Path(folder), Path(out_dir)
    workers = workers or default_workers()
    _check_options(workers, timeout, executor)
    settings = BatchSettings(profiles=resolve_roles(roles), engine=engine, ocr=ocr,
                             blind=blind, html=html)
    files = scan_folder(root, exclude=[out], follow_links=follow_links)
    if not files:
        raise InputError(f"{folder}: no CVs found (looked for {', '.join(CV_SUFFIXES)} files)")
    tasks = make_tasks(root, files, blind=blind)
    try:
        with batch_lock(out):
            finished = _previous_rows(out, settings, resume)
            failed_before = transient_failures(out) if resume else set()
            rows = {i: replace(finished[t.sha256], file=t.file) for i, t in enumerate(tasks)
                    if t.sha256 in finished}
            todo = [(i, t) for i, t in enumerate(tasks) if i not in rows]
            first: dict[str, int] = {}                 # identical files are analysed once
            unique = [(i, t) for i, t in todo if first.setdefault(t.sha256, i) == i]
            stats = PoolStats()
            write_manifest(out, settings.key(), settings, resume=resume)
            outcomes = _execute([t for _, t in unique], settings, executor, scheduler, workers,
                                timeout, stats, _analyse)
            rows.update(_collect(outcomes, [i for i, _ in unique], out, rows,
                                 len(rows) + len(unique), resume, progress, failed_before))
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


def _repeated(row: BatchRow) -> BatchRow:
    """A transient failure seen a second time on the same content: final from now on."""
    return replace(row, transient=False,
                   error=f"{row.error}; it failed the same way before, so --resume will not "
                         "try it again (run without --resume to retry every file)")


def _check_options(workers: int, timeout: float | None, executor: str) -> None:
    if workers < 1:
        raise UsageError(f"--workers must be at least 1 (got {workers})")
    if timeout is not None and timeout <= 0:
        raise UsageError(f"--timeout must be a positive number of seconds (got {timeout:g})")
    if executor not in ("local", "dask"):
        raise UsageError(f"unknown executor {executor!r} (choose local or dask)")


def _collect(outcomes: Generator[tuple[int, FileOutcome], None, None], position: list[int],
             out: Path, reused: dict[int, BatchRow], total: int, resume: bool,
             progress: Progress | None, failed_before: set[str]) -> dict[int, BatchRow]:
    """Write each finished file's report and journal line as it arrives; its row by position
    in the folder (`position[i]` for the executor's i-th task). A transient failure of content
    that failed transiently in the run resumed (`failed_before`) is kept as final."""
    rows: dict[int, BatchRow] = {}
    failed = sum(r.status == "error" for r in reused.values())
    if progress:
        progress(len(reused), total, failed)
    with Journal(out, append=resume) as journal, closing(outcomes):
        for index, outcome in outcomes:
            if outcome.row.transient and outcome.row.sha256 in failed_before:
                outcome = replace(outcome, row=_repeated(outcome.row))
            if outcome.html is not None and outcome.row.report:
                write_atomic(out / outcome.row.report, outcome.html)
            journal.add(outcome.row)
            rows[position[index]] = outcome.row
            failed += outcome.row.status == "error"
            if progress:
                progress(len(reused) + len(rows), total, failed)
    return rows


def _execute(todo: list[FileTask], settings: BatchSettings, executor: str, scheduler: Any,
             workers: int, timeout: float | None, stats: PoolStats,
             analyse: Analyse) -> Generator[tuple[int, FileOutcome], None, None]:
    """(index in `todo`, outcome) from the chosen executor as files finish; closing this stops
    its workers (e.g. on Ctrl-C)."""
    if not todo:
        return
    if executor == "dask":
        yield from run_dask(todo, settings, scheduler, analyse=analyse)
    else:
        yield from run_local(todo, settings, workers=workers, timeout=timeout, stats=stats,
                             analyse=analyse)


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


__all__ = ["analyse_folder", "scan_folder", "make_tasks", "failure_lines", "BatchResult",
           "DEFAULT_TIMEOUT_S", "Progress"]
