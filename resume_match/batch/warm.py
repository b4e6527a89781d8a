"""Imported once by the batch's forkserver before it forks workers: the pipeline's modules and the
skills matcher are loaded here, so each worker (and each replacement after a timeout) starts with
them in memory, shared copy-on-write, instead of spending a second building its own.
"""
from __future__ import annotations

import resume_match.batch.local  # noqa: F401  (the worker's code)
from resume_match.errors import ResumeMatchError
from resume_match.skills import get_matcher

try:
    get_matcher()
except ResumeMatchError:   # a broken taxonomy: each worker's initializer raises it with its message
    pass
