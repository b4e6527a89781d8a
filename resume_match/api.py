"""The library's front door: every flow a user runs (one CV, a posting, a roadmap, a folder).

Each function here is what one CLI command calls; the stages they put together live in their
own subpackages (pipeline.py runs one CV through them).
"""
from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Literal

from resume_match.batch.folder import DEFAULT_TIMEOUT_S, BatchResult, Progress
from resume_match.batch.folder import analyse_folder as _analyse_folder
from resume_match.match.roadmap import Roadmap, build_roadmap
from resume_match.match.roles import RoleRef, list_roles, load_role, resolve_roles
from resume_match.models import Report
from resume_match.pipeline import Source, evaluate, read
from resume_match.postings.derive import Posting, derive_posting
from resume_match.postings.keywords import match_posting

if TYPE_CHECKING:
    from resume_match.skills.matcher import SkillMatcher

__all__ = ["Source", "RoleRef", "read", "evaluate", "analyse", "resolve_roles", "list_roles",
           "load_role", "posting", "roadmap", "analyse_folder"]


def _with_posting(roles: Iterable[RoleRef] | None, jd: str | Path | None) -> list[RoleRef] | None:
    """The roles named, plus the profile derived from a job posting when one is given."""
    refs: list[RoleRef] = list(roles or ())
    if jd is not None:
        refs.append(derive_posting(jd).profile)
    return refs or None


def analyse(source: Source, roles: Iterable[RoleRef] | None = None, *,
            jd: str | Path | Posting | None = None,
            name: str | None = None, engine: str = "pdfplumber", ocr: bool = False,
            matcher: SkillMatcher | None = None) -> Report:
    """Read a CV and score it against the given roles (all ten roadmap roles by default) and,
    with `jd`, against the role derived from that job posting, whose keywords and title the
    report then compares with the CV's (a `Posting` already derived is taken as it is)."""
    job = jd if isinstance(jd, Posting) or jd is None else derive_posting(jd)
    refs = list(roles or ()) + ([job.profile] if job is not None else [])
    profiles = resolve_roles(refs or None)
    candidate = read(source, name=name, engine=engine, ocr=ocr, matcher=matcher)
    report = evaluate(candidate, profiles)
    if job is not None and candidate.readable:
        report = dataclasses.replace(report, posting=match_posting(job, candidate))
    return report


def posting(source: str | Path) -> Posting:
    """A job posting (path, or '-' for stdin) as a role profile, with its closest roadmap role."""
    return derive_posting(source)


def roadmap(source: Source, *, engine: str = "pdfplumber", ocr: bool = False) -> Roadmap:
    """The career roadmap for a CV: best-fit role now, next roles, gaps and a learning plan."""
    return build_roadmap(analyse(source, engine=engine, ocr=ocr))


def analyse_folder(folder: str | Path, roles: Iterable[RoleRef] | None = None, *,
                   out_dir: str | Path, jd: str | Path | None = None, workers: int | None = None,
                   timeout: float | None = DEFAULT_TIMEOUT_S, resume: bool = False,
                   blind: bool = False, engine: str = "pdfplumber", ocr: bool = False,
                   html: bool = True, executor: Literal["local", "dask"] = "local",
                   scheduler: Any = None, progress: Progress | None = None) -> BatchResult:
    """Score every CV under `folder`; write results.csv, results.jsonl, per-CV HTML reports and
    index.html into `out_dir` (see batch/folder.py). Inputs are only read, never modified."""
    return _analyse_folder(folder, resolve_roles(_with_posting(roles, jd)), out_dir=out_dir,
                           workers=workers, timeout=timeout, resume=resume, blind=blind,
                           engine=engine, ocr=ocr, html=html, executor=executor,
                           scheduler=scheduler, progress=progress)
