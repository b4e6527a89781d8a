"""Jobs for the web app over the batch's worker pool.

Every upload becomes a job: its files sit in a temporary folder of its own (under one folder
the server makes at start and removes when it stops), go through one long-lived pool of worker
processes (batch.local.run_feed: the same workers, time limit and error rows as `batch`), and
the folder is deleted the moment its last file is done. What the job produced (pages, CSV,
JSONL) is kept in memory, compressed, for a while, and nothing is written anywhere else.

The queue is bounded: a job whose files do not fit beside those already waiting is refused
with Busy, which the routes answer with 503 and a Retry-After.
"""
from __future__ import annotations

import asyncio
import math
import secrets
import shutil
import tempfile
import threading
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from resume_match.batch.local import run_feed
from resume_match.batch.output import BatchRow, index_view, rank, render_csv, render_jsonl
from resume_match.batch.pool import FeedClosed, PoolStats, TaskFeed
from resume_match.batch.tasks import Analyse, BatchSettings, FileOutcome, FileTask, analyse_file
from resume_match import render
from resume_match.web.config import Limits
from resume_match.web.work import CandidateOutcome, analyse_candidate, derive_posting

Kind = Literal["analyse", "posting", "batch"]
FIRST_GUESS_S = 0.5       # seconds per file in the Retry-After estimate, before any is measured


class Busy(Exception):
    """The queue is full (or the workers cannot run): answered with 503 and Retry-After."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(eq=False)
class Job:
    """One upload's work: its tasks, their rows as they finish, and what it produced."""
    kind: Kind
    settings: BatchSettings
    tasks: list[FileTask]
    owner: str | None = None             # the page session that made it; None for the API
    folder: Path | None = None           # its uploads, deleted when the last file is done
    blind: bool = False
    extra_rows: list[BatchRow] = field(default_factory=list)   # files refused before analysis
    notes: tuple[str, ...] = ()
    id: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    rows: list[BatchRow | None] = field(default_factory=list)
    outcome: FileOutcome | None = None   # a single-file job's outcome (analyse, posting)
    pages: dict[str, bytes] = field(default_factory=dict)      # name -> zlib-compressed text
    ranked: tuple[BatchRow, ...] = ()
    done: int = 0
    failed: int = 0
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None
    event: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def total(self) -> int:
        return len(self.tasks) + len(self.extra_rows)

    @property
    def status(self) -> str:
        return "done" if self.finished is not None else ("running" if self.done else "queued")

    def page(self, name: str) -> str | None:
        data = self.pages.get(name)
        return zlib.decompress(data).decode("utf-8") if data is not None else None

    def progress(self) -> dict[str, Any]:
        """What GET /api/batch/{id} says while the job runs, and with the rows once it is done."""
        out: dict[str, Any] = {"id": self.id, "status": self.status, "total": self.total,
                               "done": self.done + len(self.extra_rows),
                               "failed": self.failed, "blind": self.blind,
                               "roles": [p.id for p in self.settings.profiles],
                               "notes": list(self.notes)}
        if self.finished is not None:
            out["rows"] = [r.to_dict() for r in self.ranked]
        return out


def compress(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), 6)


class JobService:
    """The pool, the queue and the jobs of one server. start() and close() run in the event
    loop (the app's lifespan); results arrive on the pool's own thread."""

    def __init__(self, limits: Limits, workers: int, *, analyse_batch: Analyse = analyse_file,
                 analyse_one: Analyse = analyse_candidate, posting: Analyse = derive_posting) -> None:
        self.limits = limits
        self.workers = workers
        self.functions: dict[Kind, Analyse] = {"batch": analyse_batch, "analyse": analyse_one,
                                               "posting": posting}
        self.stats = PoolStats()
        self.root: Path | None = None
        self.broken = ""                     # why the workers cannot run, once they cannot
        self._lock = threading.Lock()
        self._jobs: dict[str, Job] = {}
        self._where: dict[int, tuple[Job, int]] = {}   # feed index -> (job, task position)
        self._queued = 0                     # files submitted and not finished
        self._uploads = 0                    # request bodies being received
        self._per_file_s = FIRST_GUESS_S
        self._last_done = 0.0
        self._feed = TaskFeed()
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    # ------------------------------------------------------------ life
    def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self.root = Path(tempfile.mkdtemp(prefix="resume-match-web-"))
        self._thread = threading.Thread(target=self._run_pool, name="resume-match-pool", daemon=True)
        self._thread.start()

    def close(self) -> None:
        """Stop the workers at once (running files are abandoned) and delete every upload."""
        self._feed.close(drop=True)
        if self._thread is not None:
            self._thread.join(timeout=30)
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)

    def new_folder(self) -> Path:
        """A fresh temporary folder for one upload, inside the server's own."""
        assert self.root is not None, "JobService.start() first"
        return Path(tempfile.mkdtemp(prefix="job-", dir=self.root))

    # ------------------------------------------------------------ admission
    def check_room(self) -> None:
        """Busy before an upload is read, when the queue is already full or too many uploads
        are arriving at once."""
        with self._lock:
            self._refuse_if(self._queued >= self.limits.queue_files or
                            self._uploads >= self.limits.max_uploads)

    def begin_upload(self) -> None:
        with self._lock:
            self._refuse_if(self._uploads >= self.limits.max_uploads)
            self._uploads += 1

    def end_upload(self) -> None:
        with self._lock:
            self._uploads -= 1

    def _refuse_if(self, full: bool) -> None:
        if self.broken:
            raise Busy(f"the analysis workers cannot run: {self.broken}", 60)
        if full:
            wait = self._queued * self._per_file_s / max(1, self.workers)
            raise Busy(f"the server is busy ({self._queued} files waiting); try again shortly",
                       max(1, min(300, math.ceil(wait))))

    # ------------------------------------------------------------ jobs
    def submit(self, job: Job) -> Job:
        """Queue the job's files (the job owns its folder from now on); Busy when they do not
        fit in the queue."""
        with self._lock:
            self._refuse_if(self._queued + len(job.tasks) > self.limits.queue_files)
            self._expire()
            job.rows = [None] * len(job.tasks)
            job.failed = len(job.extra_rows)
            self._jobs[job.id] = job
            analyse = self.functions[job.kind]
            try:
                for position, task in enumerate(job.tasks):
                    index = self._feed.put((analyse, task, job.settings), lane=job.id)
                    self._where[index] = (job, position)
            except FeedClosed as e:
                raise Busy("the server is stopping", 5) from e
            self._queued += len(job.tasks)
            if not job.tasks:
                self._finish(job)
        return job

    async def run(self, job: Job) -> Job:
        """Submit and wait until the job is done."""
        self.submit(job)
        await job.event.wait()
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            self._expire()
            return self._jobs.get(job_id)

    def forget(self, job: Job) -> None:
        """Drop a finished job's results now (an API call that has answered)."""
        with self._lock:
            if job.finished is not None:
                self._jobs.pop(job.id, None)

    def _expire(self) -> None:
        """Drop finished jobs past their time, and the oldest past the count (lock held)."""
        now = time.monotonic()
        finished = sorted((j for j in self._jobs.values() if j.finished is not None),
                          key=lambda j: j.finished or 0.0)
        for i, job in enumerate(finished):
            if (now - (job.finished or now) > self.limits.keep_results_s
                    or len(finished) - i > self.limits.keep_jobs):
                del self._jobs[job.id]

    @property
    def queued(self) -> int:
        with self._lock:
            return self._queued

    # ------------------------------------------------------------ the pool's thread
    def _run_pool(self) -> None:
        try:
            for index, outcome in run_feed(self._feed, workers=self.workers,
                                           timeout=self.limits.timeout_s, stats=self.stats):
                self._record(index, outcome)
        except Exception as e:  # the workers cannot start: every job waiting gets the error
            with self._lock:
                self.broken = str(e)
                for job, position in list(self._where.values()):
                    self._store(job, position, FileOutcome(BatchRow(
                        file=job.tasks[position].file, sha256=job.tasks[position].sha256,
                        status="error", error=f"{job.tasks[position].file}: {e}", transient=True)))
                self._where.clear()

    def _record(self, index: int, outcome: FileOutcome) -> None:
        with self._lock:
            now = time.monotonic()
            if self._queued >= self.workers and self._last_done:
                self._per_file_s = 0.8 * self._per_file_s + 0.2 * (now - self._last_done) * self.workers
            self._last_done = now
            where = self._where.pop(index, None)
            if where is not None:
                self._store(*where, outcome)

    def _store(self, job: Job, position: int, outcome: FileOutcome) -> None:
        """One file's outcome into its job (lock held); the job is finished with its last."""
        self._queued -= 1
        job.rows[position] = outcome.row
        job.done += 1
        job.failed += outcome.row.status == "error"
        if job.kind == "batch":
            if outcome.html is not None and outcome.row.report:
                job.pages[outcome.row.report] = compress(outcome.html)
        else:
            job.outcome = outcome
        if job.done == len(job.tasks):
            self._finish(job)

    def _finish(self, job: Job) -> None:
        if job.folder is not None:
            shutil.rmtree(job.folder, ignore_errors=True)
        if job.kind == "batch":
            self._batch_pages(job)
        elif isinstance(job.outcome, CandidateOutcome):
            o = job.outcome
            job.pages = {name: compress(text) for name, text in (
                ("report.html", o.html or ""), ("report.json", o.report_json),
                ("cv.html", o.cv_html), ("roadmap.html", o.roadmap_html)) if text}
        job.finished = time.monotonic()
        if self._loop is not None:
            self._loop.call_soon_threadsafe(job.event.set)
        else:
            job.event.set()

    def _batch_pages(self, job: Job) -> None:
        """What `batch --out` writes, kept in memory: results.csv, results.jsonl, index.html."""
        rows = [r for r in job.rows if r is not None] + job.extra_rows
        job.ranked = rank(rows)
        profiles = job.settings.profiles
        job.pages["results.jsonl"] = compress(render_jsonl(job.ranked))
        job.pages["results.csv"] = compress(render_csv(job.ranked, [p.id for p in profiles]))
        job.pages["index.html"] = compress(render.render_batch_index(
            index_view(job.ranked, profiles, blind=job.blind)))
