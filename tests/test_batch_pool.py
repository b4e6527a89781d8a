"""The batch's process pool (resume_match/batch/pool.py): results by index, a dead worker costs
its own task only, and a task sent to a worker that has just died goes to another."""
from __future__ import annotations

from functools import partial
from pathlib import Path

from faulty_workers import twice, twice_or_die_on
from resume_match.batch.pool import PoolStats, _Worker, default_context, run_tasks


def test_every_item_gets_its_result_by_index() -> None:
    results = sorted((r.index, r.value) for r in run_tasks(twice, [5, 6, 7], workers=2))
    assert results == [(0, 10), (1, 12), (2, 14)]


def test_a_worker_that_dies_costs_its_task_and_the_queued_ones_are_run() -> None:
    stats = PoolStats()
    results = {r.index: r for r in run_tasks(partial(twice_or_die_on, 1), [0, 1, 2, 3, 4],
                                             workers=1, stats=stats)}
    assert sorted(results) == [0, 1, 2, 3, 4]
    assert results[1].failure == "crash" and not results[1].ok
    assert [results[i].value for i in (0, 2, 3, 4)] == [0, 4, 6, 8]
    assert stats.replaced == 1


def test_giving_a_task_to_a_worker_that_has_just_died_does_not_raise() -> None:
    """The parent queues the next task while the worker may be dying on the one it runs; the
    write then fails (broken pipe). The task stays queued on the worker, whose end of the pipe
    the pool reads next as a crash, and goes again to a replacement."""
    worker = _Worker(default_context(), twice, None, ())
    try:
        assert worker.conn.recv()[0] == "ready"
        worker.proc.kill()
        worker.proc.join(5)
        worker.give(0, 1, None)
        worker.give(1, 2, None)
        assert [index for index, _ in worker.tasks] == [0, 1]
    finally:
        worker.kill()


def test_the_local_executor_gives_each_outcome_the_index_of_its_task(tmp_path: Path) -> None:
    """Results are matched to tasks by index, never by object identity or equality: two equal
    tasks (the same file twice) still get one outcome each."""
    from resume_match.api import resolve_roles
    from resume_match.batch.local import run_local
    from resume_match.batch.tasks import BatchSettings, FileTask
    cv = tmp_path / "cv.txt"
    cv.write_text("Ana Lindqvist\nana@example.net\n\nSkills\nPython, SQL\n")
    tasks = [FileTask(path=str(cv), file="cv.txt", sha256="0" * 64)] * 2 + \
            [FileTask(path=str(tmp_path / "gone.txt"), file="gone.txt", sha256="1" * 64)]
    settings = BatchSettings(profiles=resolve_roles(["data-scientist"]), html=False)
    done = dict(run_local(tasks, settings, workers=2, timeout=60, stats=PoolStats()))
    assert sorted(done) == [0, 1, 2]
    assert [done[i].row.file for i in range(3)] == ["cv.txt", "cv.txt", "gone.txt"]
    assert done[0].row.status == done[1].row.status == "ok" and done[2].row.status == "error"
