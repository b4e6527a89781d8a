"""The library's front door: every flow a user runs (one CV, a posting, a roadmap, a folder).

Each function here is what one CLI command calls; the stages they put together live in their
own subpackages (pipeline.py runs one CV through them).
"""
from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Literal, TypeVar

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

_T = TypeVar("_T")

__all__ = ["Source", "RoleRef", "read", "evaluate", "analyse", "resolve_roles", "list_roles",
           "load_role", "posting", "roadmap", "analyse_folder", "bounded", "DEFAULT_TIMEOUT_S"]


def _with_posting(roles: Iterable[RoleRef] | None, jd: str | Path | None) -> list[RoleRef] | None:
    """The roles named, plus the profile derived from a job posting when one is given."""
    refs: list[RoleRef] = list(roles or ())
    if jd is not None:
        refs.append(derive_posting(jd).profile)
    return refs or None


def analyse(source: Source, roles: Iterable[RoleRef] | None = None, *,
            jd: str | Path | Posting | None = None,
            name: str | None = None, engine: str = "pdfplumber", ocr: bool = False,
            matcher: SkillMatcher | None = None, timeout: float | None = None) -> Report:
    """Read a CV and score it against the given roles (all ten roadmap roles by default) and,
    with `jd`, against the role derived from that job posting, whose keywords and title the
    report then compares with the CV's (a `Posting` already derived is taken as it is).

    With `timeout` (seconds) the work runs in a child process that is killed when the time is
    up: a hang inside a C library or a regex cannot outlive it (InputError then)."""
    if timeout is not None:
        return bounded(analyse, (source, tuple(roles or ())),
                       {"jd": jd, "name": name, "engine": engine, "ocr": ocr},
                       timeout=timeout, source=source, label=name, engine=engine)
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


def roadmap(source: Source, *, engine: str = "pdfplumber", ocr: bool = False,
            timeout: float | None = None) -> Roadmap:
    """The career roadmap for a CV: best-fit role now, next roles, gaps and a learning plan."""
    return build_roadmap(analyse(source, engine=engine, ocr=ocr, timeout=timeout))


def bounded(func: Callable[..., _T], args: tuple[Any, ...], kwargs: dict[str, Any], *,
            timeout: float, source: Source, label: str | None = None,
            engine: str = "pdfplumber") -> _T:
    """func(*args, **kwargs) in a child process (batch/pool.py's worker, with its time limit
    and hard kill), for one CV: its result, or its ResumeMatchError raised here; a child that
    runs out of time or dies is an InputError naming the CV."""
    import multiprocessing as mp
    from resume_match.batch.pool import default_context, run_tasks
    from resume_match.errors import InputError, ResumeMatchError
    label = label or (str(source) if not isinstance(source, bytes) else "<bytes>")
    # fork: the child starts with everything this process imported (no second start-up)
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else default_context()
    for result in run_tasks(_call, [(func, args, kwargs)], workers=1, timeout=timeout, ctx=ctx):
        if result.ok:
            kind, value = result.value
            if kind == "error":
                raise value
            return value  # type: ignore[no-any-return]
        if result.failure == "timeout":
            raise InputError(f"{label}: gave up after {timeout:g} s (the time limit for one CV, "
                             f"--timeout){_engine_hint(source, engine)}")
        if result.failure == "crash":
            raise InputError(f"{label}: the analysis stopped ({result.message})")
        raise ResumeMatchError(f"{label}: internal error ({result.message})")
    raise AssertionError("run_tasks gave no result")


def _call(item: tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any]]) -> tuple[str, Any]:
    """The child's side of bounded(): ('ok', value) or ('error', the ResumeMatchError)."""
    from resume_match.errors import ResumeMatchError
    func, args, kwargs = item
    try:
        return "ok", func(*args, **kwargs)
    except ResumeMatchError as e:
        return "error", e


def _engine_hint(source: Source, engine: str) -> str:
    """pdfplumber hangs on some files pdfium reads (reference loops): say so when it can."""
    if engine == "pdfium":
        return ""
    from resume_match.extract import MAX_BYTES, pdfium_hint
    try:
        if isinstance(source, bytes):
            data = source
        else:
            with open(source, "rb") as fh:
                data = fh.read(MAX_BYTES)
    except OSError:
        return ""
    return pdfium_hint(data) if data[:1024].find(b"%PDF-") >= 0 else ""


def analyse_folder(folder: str | Path, roles: Iterable[RoleRef] | None = None, *,
                   out_dir: str | Path, jd: str | Path | None = None, workers: int | None = None,
                   timeout: float | None = DEFAULT_TIMEOUT_S, resume: bool = False,
                   blind: bool = False, engine: str = "pdfplumber", ocr: bool = False,
                   html: bool = True, executor: Literal["local", "dask"] = "local",
                   scheduler: Any = None, progress: Progress | None = None,
                   follow_links: bool = False) -> BatchResult:
    """Score every CV under `folder`; write results.csv, results.jsonl, per-CV HTML reports and
    index.html into `out_dir` (see batch/folder.py). Inputs are only read, never modified."""
    return _analyse_folder(folder, resolve_roles(_with_posting(roles, jd)), out_dir=out_dir,
                           workers=workers, timeout=timeout, resume=resume, blind=blind,
                           engine=engine, ocr=ocr, html=html, executor=executor,
                           scheduler=scheduler, progress=progress, follow_links=follow_links)
