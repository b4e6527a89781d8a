"""The local executor: tasks.analyse_file in worker processes on this machine (pool.py), each set
up once (the matcher, a rarer garbage collector), a stuck or crashed file turned into its error row.
run_local runs a batch's list of tasks; run_feed keeps the workers for tasks that arrive later
(the web server), each task bringing its own settings and per-file function.
"""
from __future__ import annotations

import gc
from typing import Any, Iterable, Iterator

from resume_match.batch.pool import (PoolStats, TaskFeed, TaskResult, WorkerInitError,
                                     default_context, run_tasks)
from resume_match.batch.tasks import Analyse, BatchSettings, FileOutcome, FileTask, analyse_file, error_row
from resume_match.errors import ResumeMatchError
from resume_match.skills import get_matcher

GC_THRESHOLD = 50_000      # allocations between young-generation collections in a worker (default 700)

_WORKER: dict[str, Any] = {}


def _init_worker(settings: BatchSettings | None, analyse: Analyse | None) -> None:
    """Runs once per worker process: the NLP matcher (already built in the forkserver, see
    warm.py, or built here) is made ready before any file, never per file."""
    _WORKER.update(settings=settings, matcher=get_matcher(), analyse=analyse)
    collect_garbage_rarely()


def collect_garbage_rarely() -> None:
    """A CV makes millions of short-lived objects (pdfminer one per token) and almost no
    reference cycles, so the cycle collector mostly rescans the long-lived pipeline (taxonomy,
    matcher, spaCy vocabulary). Freezing those and collecting 70x less often saves ~10% of a
    pdfplumber worker's CPU per CV (bench/batch.py, 60 CVs: 283 -> 257 ms) for 3 MB more memory.
    Only our own worker processes are tuned, never a caller's (Dask, Spark, the library)."""
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, 10, 10)


def _work(task: FileTask) -> FileOutcome:
    analyse: Analyse = _WORKER["analyse"]
    return analyse(task, _WORKER["settings"], _WORKER["matcher"])


FeedItem = tuple[Analyse, FileTask, BatchSettings]   # what run_feed's feed holds


def _work_item(item: FeedItem) -> FileOutcome:
    analyse, task, settings = item
    return analyse(task, settings, _WORKER["matcher"])


def _failed_outcome(task: FileTask, result: TaskResult, timeout: float | None) -> FileOutcome:
    if result.failure == "timeout":
        message = f"{task.file}: gave up after {timeout:g} s (per-file time limit); the worker was replaced"
    elif result.failure == "crash":
        message = f"{task.file}: the worker analysing it stopped ({result.message})"
    else:
        message = f"{task.file}: internal error ({result.message})"
    return FileOutcome(error_row(task, message, transient=True))


def run_local(tasks: list[FileTask], settings: BatchSettings, *, workers: int,
              timeout: float | None, stats: PoolStats,
              analyse: Analyse = analyse_file) -> Iterable[tuple[int, FileOutcome]]:
    """Yield (index in `tasks`, outcome) as worker processes finish them.

    `analyse` is the per-file function the workers run; the tests pass one that hangs or
    crashes on a named file. It is sent to each worker by name (pickled), so it must be a
    module-level function (or a functools.partial of one) that the worker can import.
    """
    initargs = (settings, analyse)
    try:
        for result in run_tasks(_work, tasks, workers=workers, timeout=timeout,
                                init=_init_worker, initargs=initargs, stats=stats,
                                ctx=default_context(preload=["resume_match.batch.warm"])):
            yield result.index, (result.value if result.ok
                                 else _failed_outcome(tasks[result.index], result, timeout))
    except WorkerInitError as e:
        raise ResumeMatchError(f"batch: a worker could not start: {e}") from e


def run_feed(feed: TaskFeed, *, workers: int, timeout: float | None,
             stats: PoolStats) -> Iterator[tuple[int, FileOutcome]]:
    """Yield (index, outcome) for the (analyse, task, settings) items put into `feed`, as the
    same worker processes finish them, until the feed is closed (a long-lived server).

    Settings travel with each task (one job scores against a posting, the next against the ten
    roles); `analyse` is a module-level function, sent by name, returning a FileOutcome (or a
    subclass carrying more pages). A stuck or crashed file becomes its error row.
    """
    try:
        for result in run_tasks(_work_item, feed, workers=workers, timeout=timeout,
                                init=_init_worker, initargs=(None, None), stats=stats,
                                ctx=default_context(preload=["resume_match.batch.warm"])):
            _, task, _ = feed.done(result.index)
            yield result.index, (result.value if result.ok
                                 else _failed_outcome(task, result, timeout))
    except WorkerInitError as e:
        raise ResumeMatchError(f"batch: a worker could not start: {e}") from e
