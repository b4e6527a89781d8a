"""The per-file unit every executor runs (local worker processes, Dask, Spark mapPartitions): a
task names one CV, the settings say how to score it, and analyse_file turns it into a row (and
its HTML report), a failure into an error row.
"""
from __future__ import annotations

import hashlib
import json
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from resume_match import pipeline
from resume_match import render
from resume_match.batch.output import BatchRow, REPORTS_DIR
from resume_match.errors import ResumeMatchError
from resume_match.models import Report, RoleProfile, to_dict
from resume_match.render.blind import blind_report
from resume_match.version import __version__

if TYPE_CHECKING:
    from resume_match.skills.matcher import SkillMatcher

TOP_SKILLS = 8


@dataclass(frozen=True)
class BatchSettings:
    """Everything that decides a row's content; a resumed batch must use the same."""
    profiles: tuple[RoleProfile, ...]
    engine: str = "pdfplumber"
    ocr: bool = False
    blind: bool = False
    html: bool = True
    top: int = TOP_SKILLS

    def key(self) -> str:
        """A fingerprint of the settings and the role profiles, stored in the manifest."""
        data = {"version": __version__, "engine": self.engine, "ocr": self.ocr,
                "blind": self.blind, "html": self.html, "top": self.top,
                "roles": to_dict(self.profiles)}
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


@dataclass(frozen=True)
class FileTask:
    """One CV to analyse: where it is, its content hash, and the name reports show for it."""
    path: str
    file: str                      # path relative to the folder, or a pseudonym when blind
    sha256: str
    data: bytes | None = None      # the content itself, for executors without a shared disk


@dataclass(frozen=True)
class FileOutcome:
    row: BatchRow
    html: str | None = None


Analyse = Callable[["FileTask", "BatchSettings", "SkillMatcher | None"], "FileOutcome"]   # analyse_file's type


def analyse_file(task: FileTask, settings: BatchSettings,
                 matcher: SkillMatcher | None = None) -> FileOutcome:
    """Analyse one CV into a row (and its HTML report); any failure becomes an error row.

    This is the unit every executor runs (local processes, Dask, Spark mapPartitions).
    """
    try:
        source = task.data if task.data is not None else task.path
        candidate = pipeline.read(source, name=task.file, engine=settings.engine, ocr=settings.ocr,
                             matcher=matcher)
        report = pipeline.evaluate(candidate, settings.profiles)
        if settings.blind:
            report = blind_report(report)
        html = render.render_html(report) if settings.html else None
    except ResumeMatchError as e:
        return FileOutcome(error_row(task, str(e)))
    except Exception as e:  # a fault in one stage must cost one row, not the batch
        return FileOutcome(fault_row(task, e))
    return FileOutcome(summarise(report, task, settings), html)


READERS = Path(__file__).resolve().parents[1] / "extract"   # the stage that reads the file


def fault_row(task: FileTask, e: Exception) -> BatchRow:
    """The row of an unexpected exception. Raised while reading the file (in extract/ or a
    library it calls: a malformed PDF that breaks pdfminer), it is the input's fault and will
    recur on the same bytes: an input error, not retried. Raised later, it is an internal
    error; the same content and settings give it again, but a cause outside the input (memory,
    a file changed under us) may not, so it is transient, once (folder.py: a failure that
    repeats on the same content is not retried again)."""
    what = f"{type(e).__name__}: {e}"
    if not isinstance(e, (MemoryError, OSError)) and _raised_reading(e):
        return error_row(task, f"{task.file}: cannot read this file ({what})")
    return error_row(task, f"{task.file}: internal error ({what})", transient=True)


def _raised_reading(e: BaseException) -> bool:
    """Whether the traceback passes through the readers (resume_match/extract/)."""
    for frame, _ in traceback.walk_tb(e.__traceback__):
        if Path(frame.f_code.co_filename).resolve().parent == READERS:
            return True
    return False


def error_row(task: FileTask, message: str, *, transient: bool = False) -> BatchRow:
    """A failed file's row; `transient` when trying again may succeed (--resume will)."""
    return BatchRow(file=task.file, sha256=task.sha256, status="error", error=message,
                    transient=transient)


def summarise(report: Report, task: FileTask, settings: BatchSettings) -> BatchRow:
    """The row for one analysed CV: scores per role and the best role's top skills."""
    fits = {f.role: f for f in report.fits}
    best = fits.get(report.best_role or "")
    matched = sorted((m for m in best.matched if not m.close), key=lambda m: (not m.required, -m.weight * m.credit, m.name)) if best else []
    missing = sorted(best.missing, key=lambda m: (not m.required, -m.weight, m.name)) if best else []
    c = report.candidate
    readable = c.readable        # an unreadable file has no scores: '–' everywhere, never 0
    return BatchRow(
        file=task.file, sha256=task.sha256, status="ok" if readable else "unreadable",
        error=None if readable else f"{task.file}: {c.unreadable_reason or 'no usable text'}",
        readable=readable, best_role=report.best_role, best_score=best.score if best else None,
        scores={role: f.score for role, f in fits.items()} if readable else {},
        matched=tuple(m.name for m in matched[:settings.top]),
        missing=tuple(m.name for m in missing[:settings.top]),
        ats_score=report.ats.score if report.ats else None,
        years=c.experience.years, highest_degree=c.education.highest_degree,
        report=f"{REPORTS_DIR}/{task.sha256[:16]}.html" if settings.html else None,
        name=None if settings.blind else c.name, found=tuple(m.name for m in matched))


__all__ = ["BatchSettings", "FileTask", "FileOutcome", "Analyse", "analyse_file", "error_row", "fault_row",
           "summarise", "TOP_SKILLS"]
