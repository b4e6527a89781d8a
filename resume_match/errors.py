"""Errors the library raises; the CLI turns each into a one-line message and an exit code."""
from __future__ import annotations


class ResumeMatchError(Exception):
    """Base class: a problem with an input or a data file, explained in one line."""

    exit_code = 1


class InputError(ResumeMatchError):
    """An input file cannot be analysed (missing, empty, corrupt, encrypted, unsupported)."""


class LimitError(InputError):
    """An input is larger than the configured page or size cap."""


class EngineLimitError(LimitError):
    """A bound on one PDF engine's own work, not one of the limits every reader shares
    (pdfplumber's glyphs per page, white space included): another engine may read the file."""


def shared_limit(e: BaseException) -> bool:
    """Whether `e` is a limit every reader applies alike, so no other engine would read the file."""
    return isinstance(e, LimitError) and not isinstance(e, EngineLimitError)


class DataError(ResumeMatchError):
    """A skills taxonomy, role profile or template file is invalid."""


class BusyError(ResumeMatchError):
    """The output folder is being written by another batch (exit code 3)."""

    exit_code = 3


class UsageError(ResumeMatchError):
    """The options given do not make sense together (exit code 2)."""

    exit_code = 2
