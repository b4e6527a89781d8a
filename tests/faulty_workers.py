"""Per-file functions that fail on purpose, injected into a batch's workers through
analyse_folder(..., _analyse=partial(hang_on, "slow.txt")) or into pool.run_tasks directly.

They are pickled by name and imported again in each worker process. A worker forked by the
forkserver is given the parent's sys.path before it unpickles them (multiprocessing's spawn
preparation data), and tests/conftest.py has put tests/ there, so this module is found from
any current folder. Keep them at module level: a lambda or a nested function cannot be sent.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

from resume_match.batch.tasks import BatchSettings, FileOutcome, FileTask, analyse_file
from resume_match.skills.matcher import SkillMatcher


def hang_on(name: str, task: FileTask, settings: BatchSettings,
            matcher: SkillMatcher | None) -> FileOutcome:
    """Sleeps for an hour on the file called `name` (the time limit must end it); others as usual."""
    if Path(task.path).name == name:
        time.sleep(3600)
    return analyse_file(task, settings, matcher)


def crash_on(name: str, task: FileTask, settings: BatchSettings,
             matcher: SkillMatcher | None) -> FileOutcome:
    """The worker process dies at once on the file called `name`; others as usual."""
    if Path(task.path).name == name:
        os._exit(3)
    return analyse_file(task, settings, matcher)


def twice(item: int) -> int:
    return 2 * item


def twice_or_die_on(bad: int, item: int) -> int:
    """A pool task function whose worker dies on the item `bad`."""
    if item == bad:
        os._exit(3)
    return 2 * item


def sleep_on(bad: int, item: int) -> int:
    """A pool task function that sleeps for an hour on the item `bad`."""
    if item == bad:
        time.sleep(3600)
    return 2 * item
