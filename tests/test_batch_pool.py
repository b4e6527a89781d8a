"""The batch's process pool (resume_match/batch/pool.py): results by index, a dead worker costs
its own task only, and a task sent to a worker that has just died goes to another; with a
TaskFeed (the web server) the same workers take tasks as they arrive, lanes in turn."""
from __future__ import annotations

import time
from functools import partial
from pathlib import Path

import pytest

from faulty_workers import sleep_on, twice, twice_or_die_on
from resume_match.batch.pool import FeedClosed, PoolStats, TaskFeed, _Worker, default_context, run_tasks


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


# ---------------------------------------------------------------- a long-lived pool (TaskFeed)

def test_a_feed_keeps_the_workers_for_tasks_that_arrive_later() -> None:
    """The web server's use: tasks come while the pool runs; closing the feed ends it."""
    feed = TaskFeed()
    first = feed.put(5)
    seen = []
    stats = PoolStats()
    for r in run_tasks(twice, feed, workers=2, stats=stats):
        seen.append((r.index, r.value))
        feed.done(r.index)
        if r.index == first:            # only now does the next task exist
            feed.put(6)
            feed.put(7)
            feed.close()
    assert sorted(seen) == [(0, 10), (1, 12), (2, 14)]
    assert stats.started == 2 and stats.replaced == 0        # the same two workers throughout


def test_a_feed_takes_lanes_in_turn() -> None:
    """A single CV sent after a batch of five is not last: lanes are served in turn."""
    feed = TaskFeed()
    batch = [feed.put(i, lane="batch") for i in range(5)]
    single = feed.put(100, lane="single")
    feed.close()
    order = [r.index for r in run_tasks(twice, feed, workers=1)]
    assert order == [batch[0], single, *batch[1:]]


def test_a_feed_worker_that_dies_is_replaced_and_the_pool_goes_on() -> None:
    feed = TaskFeed()
    for item in (0, 1, 2):
        feed.put(item)
    stats = PoolStats()
    results = {}
    for r in run_tasks(partial(twice_or_die_on, 1), feed, workers=1, stats=stats):
        results[r.index] = r
        if len(results) == 3:
            feed.put(3)                 # after the crash: the replacement takes it
            feed.close()
    assert results[1].failure == "crash"
    assert [results[i].value for i in (0, 2, 3)] == [0, 4, 6]
    assert stats.replaced == 1


def test_dropping_a_lane_forgets_its_waiting_tasks_and_put_after_close_raises() -> None:
    feed = TaskFeed()
    keep = feed.put(1, lane="a")
    gone = [feed.put(i, lane="b") for i in (2, 3)]
    assert feed.waiting == 3
    assert feed.drop("b") == gone and feed.waiting == 1
    feed.close()
    with pytest.raises(FeedClosed):
        feed.put(4)
    assert [r.index for r in run_tasks(twice, feed, workers=1)] == [keep]
    assert feed.finished


def test_run_feed_scores_each_task_with_its_own_settings_and_times_out_a_stuck_file(tmp_path: Path) -> None:
    """Two jobs with different roles through the same workers; a file that hangs becomes its
    error row after the time limit and the next task still runs."""
    from faulty_workers import hang_on
    from resume_match.api import resolve_roles
    from resume_match.batch.local import run_feed
    from resume_match.batch.tasks import BatchSettings, FileTask
    cv = tmp_path / "cv.txt"
    cv.write_text("Ana Lindqvist\nana@example.net\n\nSkills\nPython, SQL, PyTorch\n")
    slow = tmp_path / "slow.txt"
    slow.write_text(cv.read_text())
    one = BatchSettings(profiles=resolve_roles(["data-scientist"]), html=False)
    two = BatchSettings(profiles=resolve_roles(["ml-engineer", "data-analyst"]), html=False)
    analyse = partial(hang_on, "slow.txt")
    feed = TaskFeed()
    a = feed.put((analyse, FileTask(path=str(cv), file="a.txt", sha256="0" * 64), one), lane=1)
    b = feed.put((analyse, FileTask(path=str(slow), file="slow.txt", sha256="1" * 64), one), lane=1)
    c = feed.put((analyse, FileTask(path=str(cv), file="c.txt", sha256="2" * 64), two), lane=2)
    feed.close()
    stats = PoolStats()
    started = time.monotonic()
    done = dict(run_feed(feed, workers=1, timeout=3, stats=stats))
    assert time.monotonic() - started < 30
    assert set(done[a].row.scores) == {"data-scientist"}
    assert set(done[c].row.scores) == {"ml-engineer", "data-analyst"}
    assert done[b].row.status == "error" and "gave up after 3 s" in (done[b].row.error or "")
    assert done[b].row.transient and stats.replaced == 1


def test_closing_a_feed_with_drop_stops_the_pool_at_once() -> None:
    """A server stopping does not wait for a stuck file's time limit: the running task is
    killed with its worker and the waiting ones are forgotten."""
    import threading
    feed = TaskFeed()
    feed.put(0)
    feed.put(2)                         # sleeps for an hour
    started = time.monotonic()
    results = []
    timer = threading.Timer(4, feed.close, kwargs={"drop": True})
    timer.start()
    try:
        for r in run_tasks(partial(sleep_on, 2), feed, workers=1, timeout=600):
            results.append(r.index)
    finally:
        timer.cancel()
    assert results == [0] and time.monotonic() - started < 15
