"""What the batch's workers run for the web app, beside batch.tasks.analyse_file (a recruiter's
CVs): one candidate's CV into every page the candidate sees, and a job posting into a role.

Module-level functions with analyse_file's signature, sent to the workers by name; they import
nothing from the web extra.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from resume_match import api, render
from resume_match.batch.output import BatchRow
from resume_match.batch.tasks import BatchSettings, FileOutcome, FileTask, error_row, summarise
from resume_match.errors import ResumeMatchError
from resume_match.match.roadmap import build_roadmap
from resume_match.models import Report
from resume_match.postings.derive import Posting

if TYPE_CHECKING:
    from resume_match.skills.matcher import SkillMatcher

CV_HREF = "cv.html"     # the report links to the CV page beside it


@dataclass(frozen=True)
class CandidateOutcome(FileOutcome):
    """The report (JSON and page, as `--json` and `--html` give them), the CV in the suggested
    template (`--cv-out`) and the roadmap page (`roadmap --html`), or why there is none."""
    report_json: str = ""
    cv_html: str = ""
    roadmap_html: str = ""
    roadmap_error: str = ""


@dataclass(frozen=True)
class PostingOutcome(FileOutcome):
    posting: Posting | None = None


@dataclass(frozen=True)
class CandidateSettings(BatchSettings):
    """A candidate's settings: the roles named, and the job posting (its profile is not among
    `profiles`: the report adds it, with the posting's keywords and title compared)."""
    posting: Posting | None = None


def analyse_candidate(task: FileTask, settings: BatchSettings,
                      matcher: SkillMatcher | None = None) -> FileOutcome:
    """One CV against the settings' roles: every page of the candidate's result; any failure
    is an error row, as in a batch."""
    try:
        posting = settings.posting if isinstance(settings, CandidateSettings) else None
        report = api.analyse(task.path, settings.profiles, jd=posting, name=task.file,
                             engine=settings.engine, ocr=settings.ocr, matcher=matcher)
        roadmap_html, roadmap_error = _roadmap(report)
        return CandidateOutcome(summarise(report, task, settings),
                                render.render_html(report, cv_href=CV_HREF),
                                report_json=render.render_json(report),
                                cv_html=render.render_cv(report),
                                roadmap_html=roadmap_html, roadmap_error=roadmap_error)
    except ResumeMatchError as e:
        return FileOutcome(error_row(task, str(e)))
    except Exception as e:  # a fault in one stage costs this file, never the server
        return FileOutcome(error_row(task, f"{task.file}: internal error ({type(e).__name__}: {e})",
                                     transient=True))


def _roadmap(report: Report) -> tuple[str, str]:
    """The roadmap page over the ten roles (what `resume-match roadmap` shows), or the reason
    there is none (a CV without readable text)."""
    try:
        return render.render_roadmap_html(build_roadmap(report)), ""
    except ResumeMatchError as e:
        return "", str(e)


def derive_posting(task: FileTask, settings: BatchSettings,
                   matcher: SkillMatcher | None = None) -> FileOutcome:
    """A job posting's role profile (`resume-match jd`); `settings` is unused. The posting is
    saved as posting.<ext> in the job's folder, so the profile reads as the CLI's for a file of
    that name; errors name the file as the user called it."""
    try:
        posting = api.posting(task.path)
    except ResumeMatchError as e:
        return FileOutcome(error_row(task, str(e).replace(task.path, task.file)))
    except Exception as e:
        return FileOutcome(error_row(task, f"{task.file}: internal error ({type(e).__name__}: {e})",
                                     transient=True))
    named = replace(posting, source=task.file, profile=replace(posting.profile, source=task.file))
    return PostingOutcome(BatchRow(file=task.file, sha256=task.sha256, status="ok"), posting=named)
