"""A process pool with a per-task time limit: a stuck or crashed worker is killed and replaced.

concurrent.futures cannot cancel a running task, and one hung PDF must not stall a batch of
thousands, so this pool gives each worker its own pipe and runs one task at a time in it; the
next task is already queued in the pipe, so a worker never waits for the parent between tasks.
A batch gives it a list; a long-lived caller (`resume-match serve`) gives it a TaskFeed, which
keeps the same workers running for tasks that arrive later.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import resource
import signal
import threading
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Callable, Hashable, Iterator, Sequence

_STOP = None
_GRACE_S = 2.0
QUEUE_DEPTH = 2    # tasks given to a worker at once: the next one is waiting when it finishes


@dataclass(frozen=True)
class TaskResult:
    """What became of one task: its value, or why it has none (error/timeout/crash)."""
    index: int
    ok: bool
    value: Any = None
    failure: str = ""              # "error", "timeout" or "crash" when not ok
    message: str = ""


@dataclass
class PoolStats:
    """Filled while the pool runs: workers started, the largest worker's peak RSS and the CPU
    time the workers that finished normally used (user + system)."""
    started: int = 0
    replaced: int = 0
    peak_rss_mb: float = 0.0
    cpu_seconds: float = 0.0


class FeedClosed(RuntimeError):
    """put() on a TaskFeed that was closed (the server is stopping)."""


class TaskFeed:
    """Tasks that arrive while the pool runs, from any thread: run_tasks(func, feed, ...) keeps
    its workers for them until the feed is closed and drained.

    Tasks wait in lanes (one per job); a free worker takes the next task of the next lane in
    turn, so a single CV is not held back behind a batch of hundreds sent before it. The feed
    keeps each task it handed out until `done(index)` is called for it, so the caller can still
    name the file whose worker timed out or crashed.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._lanes: dict[Hashable, deque[tuple[int, Any]]] = {}   # in turn: first lane first
        self._taken: dict[int, Any] = {}
        self._next = 0
        self._closed = False
        self._abandoned = False
        self._wake_r, self._wake_w = os.pipe()          # readable when there is news
        for fd in (self._wake_r, self._wake_w):
            os.set_blocking(fd, False)

    def put(self, item: Any, lane: Hashable = None) -> int:
        """Queue a task in `lane`; its index (results carry it)."""
        with self._lock:
            if self._closed:
                raise FeedClosed("the task feed is closed")
            index, self._next = self._next, self._next + 1
            self._lanes.setdefault(lane, deque()).append((index, item))
        self._wake()
        return index

    def take(self) -> tuple[int, Any] | None:
        """The next task in turn, or None when none waits."""
        with self._lock:
            for lane in self._lanes:
                queue = self._lanes.pop(lane)
                index, item = queue.popleft()
                if queue:
                    self._lanes[lane] = queue       # back of the line
                self._taken[index] = item
                return index, item
        return None

    def done(self, index: int) -> Any:
        """The task `index` was handed out for, forgotten from now on."""
        with self._lock:
            return self._taken.pop(index)

    def drop(self, lane: Hashable) -> list[int]:
        """Forget the tasks of `lane` still waiting (not those already given to a worker)."""
        with self._lock:
            return [index for index, _ in self._lanes.pop(lane, ())]

    @property
    def waiting(self) -> int:
        with self._lock:
            return sum(len(q) for q in self._lanes.values())

    def close(self, *, drop: bool = False) -> None:
        """No more tasks: the pool ends once the waiting ones are done; with `drop`, at once
        (waiting tasks forgotten, running ones killed with their workers: a server stopping)."""
        with self._lock:
            self._closed = True
            if drop:
                self._lanes.clear()
                self._abandoned = True
        self._wake()

    @property
    def finished(self) -> bool:
        with self._lock:
            return self._closed and not self._lanes

    @property
    def abandoned(self) -> bool:
        return self._abandoned

    def fileno(self) -> int:
        """For multiprocessing.connection.wait: readable when a task arrives or the feed closes."""
        return self._wake_r

    def _wake(self) -> None:
        try:
            os.write(self._wake_w, b"\0")
        except BlockingIOError:     # the pipe is full of wake-ups already
            pass

    def clear(self) -> None:
        """Empty the wake-up pipe (the pool then looks at the lanes)."""
        try:
            while os.read(self._wake_r, 4096):
                pass
        except BlockingIOError:
            pass

    def __del__(self) -> None:
        for fd in (getattr(self, "_wake_r", -1), getattr(self, "_wake_w", -1)):
            if fd >= 0:
                try:
                    os.close(fd)
                except OSError:
                    pass


class WorkerInitError(RuntimeError):
    """A worker could not set itself up (e.g. a data file is invalid); the batch cannot run."""


def _serve(conn: Connection, func: Callable[[Any], Any],
           init: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    """Worker main loop: set up once, then answer one task at a time until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C is the parent's to handle
    try:
        if init is not None:
            init(*initargs)
    except BaseException as e:  # report, do not die silently: every task would crash
        conn.send(("init_error", -1, f"{type(e).__name__}: {e}"))
        return
    conn.send(("ready", -1, None))
    while True:
        msg = conn.recv()
        if msg is _STOP:
            usage = resource.getrusage(resource.RUSAGE_SELF)
            conn.send(("bye", -1, (usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)))
            return
        index, item = msg
        try:
            conn.send(("ok", index, func(item)))
        except Exception as e:  # the task's own failure; the worker stays usable
            conn.send(("error", index, f"{type(e).__name__}: {e}"))


class _Worker:
    def __init__(self, ctx: Any, func: Callable[[Any], Any], init: Callable[..., None] | None,
                 initargs: tuple[Any, ...]) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, func, init, initargs), daemon=True)
        self.proc.start()
        child.close()
        self.ready = False             # set up and waiting: the time limit starts only then
        self.tasks: deque[tuple[int, Any]] = deque()   # given, not answered; the first runs
        self.deadline = float("inf")

    def give(self, index: int, item: Any, timeout: float | None) -> None:
        if not self.tasks:
            self.deadline = _deadline(timeout)
        self.tasks.append((index, item))
        try:
            self.conn.send((index, item))
        except OSError:   # it died on the task it runs: read as a crash next, and this one goes again
            pass

    def answered(self, timeout: float | None) -> None:
        """The running task is done; the next one queued (if any) is running from now."""
        self.tasks.popleft()
        self.deadline = _deadline(timeout) if self.tasks else float("inf")

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join(_GRACE_S)
        self.conn.close()

    def stop(self) -> tuple[float, float]:
        """Ask the worker to finish; its peak RSS in MB and CPU seconds (0 when it does not answer)."""
        peak = cpu = 0.0
        try:
            self.conn.send(_STOP)
            if self.conn.poll(_GRACE_S):
                kind, _, value = self.conn.recv()
                peak, cpu = value if kind == "bye" else (0.0, 0.0)
        except (OSError, EOFError):
            pass
        self.proc.join(_GRACE_S)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(_GRACE_S)
        self.conn.close()
        return peak, cpu


def _deadline(timeout: float | None) -> float:
    return time.monotonic() + timeout if timeout else float("inf")


def default_context(preload: Sequence[str] = ()) -> Any:
    """forkserver where available: workers fork from a server that imported `preload` once, so
    a replaced worker starts in milliseconds, and a threaded parent is never forked."""
    if "forkserver" not in mp.get_all_start_methods():
        return mp.get_context("spawn")
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(list(preload))
    return ctx


def run_tasks(func: Callable[[Any], Any], items: Sequence[Any] | TaskFeed, *, workers: int,
              timeout: float | None = None, init: Callable[..., None] | None = None,
              initargs: tuple[Any, ...] = (), ctx: Any = None,
              stats: PoolStats | None = None) -> Iterator[TaskResult]:
    """Run `func` over `items` in `workers` processes; yield results as they finish.

    A task running longer than `timeout` seconds gets a "timeout" result and its worker is
    killed and replaced; a worker that dies gets a "crash" result for its task. Tasks queued
    behind it, never started, go to another worker. Items are small (sent ahead through a pipe).
    With a TaskFeed, the workers wait for tasks as they arrive until the feed is closed and
    drained (closing this generator stops them at once).
    """
    ctx = ctx or default_context()
    stats = stats if stats is not None else PoolStats()
    feed = items if isinstance(items, TaskFeed) else None
    pending: deque[tuple[int, Any]] = deque() if feed else deque(enumerate(items))  # type: ignore[arg-type]
    size = workers if feed else min(workers, len(pending))
    pool: list[_Worker] = []

    def spawn() -> _Worker:
        stats.started += 1
        return _Worker(ctx, func, init, initargs)

    def next_task() -> tuple[int, Any] | None:
        if pending:
            return pending.popleft()        # never started on a worker that was replaced
        return feed.take() if feed else None

    try:
        pool = [spawn() for _ in range(max(1, size))]
        while pending or any(w.tasks for w in pool) or (feed and not feed.finished):
            for w in pool:
                while w.ready and len(w.tasks) < QUEUE_DEPTH and (task := next_task()):
                    w.give(*task, timeout)
            waiting = [w for w in pool if w.tasks or not w.ready]
            wait_s = (max(0.0, min(w.deadline for w in waiting) - time.monotonic())
                      if timeout and any(w.tasks for w in waiting) else None)
            wake = [feed.fileno()] if feed else []
            ready = set(wait([*(w.conn for w in waiting), *wake], wait_s))
            if feed and wake[0] in ready:
                feed.clear()
                if feed.abandoned:
                    return
            for i, w in enumerate(pool):
                if not w.ready:
                    if w.conn in ready:
                        _starting(w)
                    continue
                if not w.tasks:
                    continue
                if w.conn in ready:
                    result = _receive(w)
                elif time.monotonic() >= w.deadline:
                    result = TaskResult(w.tasks[0][0], False, failure="timeout",
                                        message=f"took longer than {timeout:g} s")
                else:
                    continue
                if result.failure in ("timeout", "crash"):
                    w.kill()
                    pending.extendleft(reversed(list(w.tasks)[1:]))   # never started: go again
                    pool[i] = spawn()
                    stats.replaced += 1
                else:
                    w.answered(timeout)
                yield result
    finally:
        for w in pool:
            if w.ready and not w.tasks:
                peak, cpu = w.stop()
                stats.peak_rss_mb = max(stats.peak_rss_mb, peak)
                stats.cpu_seconds += cpu
            else:
                w.kill()


def _starting(w: _Worker) -> None:
    """A new worker's first word: ready, or why it could not set itself up."""
    try:
        kind, _, value = w.conn.recv()
    except (EOFError, OSError):
        w.proc.join(_GRACE_S)
        raise WorkerInitError(f"worker process died while starting (exit code {w.proc.exitcode})")
    if kind == "init_error":
        raise WorkerInitError(str(value))
    w.ready = True


def _receive(w: _Worker) -> TaskResult:
    index = w.tasks[0][0]              # the running task: answers come in order
    try:
        kind, _, value = w.conn.recv()
    except (EOFError, OSError):
        w.proc.join(_GRACE_S)
        return TaskResult(index, False, failure="crash",
                          message=f"worker process died (exit code {w.proc.exitcode})")
    if kind == "error":
        return TaskResult(index, False, failure="error", message=str(value))
    return TaskResult(index, True, value=value)
