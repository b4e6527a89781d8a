"""Imported once by the batch's forkserver before it forks workers: the pipeline's modules and the
skills matcher are loaded here, so each worker (and each replacement after a timeout) starts with
them in memory, shared copy-on-write, instead of spending a second building its own.

In the forkserver it also asks the kernel to kill the forkserver with the batch process (see
pool.die_with_parent): the workers die with the forkserver in turn, so a batch killed with
SIGKILL leaves nothing behind, not even a worker stuck in C code.
"""
from __future__ import annotations

import sys

import resume_match.batch.local  # noqa: F401  (the worker's code)
from resume_match.batch.pool import die_with_parent
from resume_match.errors import ResumeMatchError
from resume_match.skills import get_matcher

try:
    get_matcher()
except ResumeMatchError:   # a broken taxonomy: each worker's initializer raises it with its message
    pass


def _in_forkserver() -> bool:
    """Whether this import runs inside multiprocessing's forkserver (its preload), not in a
    program that imported the module: only the forkserver may be tied to its parent's life."""
    frame = sys._getframe()
    while frame is not None:
        code = frame.f_code
        if code.co_name == "main" and code.co_filename.endswith("forkserver.py"):
            return True
        frame = frame.f_back   # type: ignore[assignment]
    return False


if _in_forkserver():
    die_with_parent()
