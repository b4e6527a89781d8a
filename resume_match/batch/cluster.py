"""Past one machine: run the batch's per-file function on a Dask distributed cluster.

Dask is an optional extra (`pip install resume-match[dask]`); nothing imports it unless asked.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, Iterator

from resume_match.batch.tasks import Analyse, BatchSettings, FileOutcome, FileTask, analyse_file, error_row
from resume_match.errors import UsageError
from resume_match.extract import MAX_BYTES
from resume_match.skills import get_matcher

IN_FLIGHT = 256   # files submitted to the cluster at a time


def _analyse_on_worker(task: FileTask, settings: BatchSettings, analyse: Analyse) -> FileOutcome:
    """Runs on a Dask worker; get_matcher() is cached per process, so it is built once per worker."""
    return analyse(task, settings, get_matcher())


def with_content(task: FileTask) -> FileTask:
    """The task carrying the file's bytes, so workers need no shared disk (huge files stay paths)."""
    path = Path(task.path)
    try:
        if path.stat().st_size <= MAX_BYTES:
            return replace(task, data=path.read_bytes())
    except OSError:
        pass
    return task


def connect(scheduler: Any) -> tuple[Any, bool]:
    """A distributed Client for an address, or the Client given; and whether we own it."""
    try:
        from distributed import Client
    except ImportError as e:
        raise UsageError("--executor dask needs the dask extra: pip install 'resume-match[dask]'") from e
    if isinstance(scheduler, Client):
        return scheduler, False
    if not scheduler:
        raise UsageError("--executor dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")
    try:
        return Client(scheduler, timeout="10s"), True
    except (OSError, TimeoutError) as e:
        raise UsageError(f"--scheduler {scheduler}: cannot connect ({e})") from e


def run_dask(tasks: list[FileTask], settings: BatchSettings, scheduler: Any,
             in_flight: int = IN_FLIGHT,
             analyse: Analyse = analyse_file) -> Iterator[tuple[int, FileOutcome]]:
    """Yield (index in `tasks`, outcome) as the cluster finishes them; a failed task becomes an
    error row.

    At most `in_flight` files are submitted at a time, so a folder of any size is never all in
    memory (each task carries its file's bytes). `analyse` is the per-file function the
    workers run (see local.run_local).
    """
    from distributed import as_completed

    client, owned = connect(scheduler)
    try:
        shared = client.scatter(settings, broadcast=True)
        pending = iter(enumerate(tasks))
        running: dict[Any, tuple[int, FileTask]] = {}
        done = as_completed()

        def submit_next() -> None:
            item = next(pending, None)
            if item is not None:
                index, task = item
                future = client.submit(_analyse_on_worker, with_content(task), shared, analyse,
                                       pure=False)
                running[future] = index, task
                done.add(future)

        for _ in range(in_flight):
            submit_next()
        for future in done:
            index, task = running.pop(future)
            try:
                outcome = future.result()
            except Exception as e:  # a worker lost or killed: one row, not the batch
                outcome = FileOutcome(error_row(task, f"{task.file}: dask task failed ({type(e).__name__}: {e})",
                                                    transient=True))
            submit_next()
            yield index, outcome
    finally:
        if owned:
            client.close()
