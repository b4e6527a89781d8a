"""The pages and the JSON API. Each handler reads an upload into a job's folder, makes the job,
runs it through the JobService, and shows what the CLI would have written for it.

Pages: / (a candidate's CV), /recruiter (many CVs), /results/{id} and /batch/{id} with their
files. API: POST /api/analyse, POST /api/batch, GET /api/batch/{id}, GET /api/roles.
"""
from __future__ import annotations

import base64
import hashlib
import json
import shutil
from functools import lru_cache
from pathlib import Path
from typing import Any

import anyio
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from resume_match.batch.folder import pseudonym
from resume_match.batch.output import BatchRow, index_view
from resume_match.batch.tasks import BatchSettings, FileTask
from resume_match.data import bundled_text
from resume_match.match.roles import list_roles, resolve_roles, role_ids, role_to_dict
from resume_match.models import RoleProfile
from resume_match.render.html import render_template
from resume_match.web.config import MB, Limits
from resume_match.web.jobs import Busy, Job, JobService
from resume_match.web.security import BASE_HEADERS, Sessions, page_csp, report_csp
from resume_match.web.uploads import BadUpload, Stored, TooLarge, Upload, open_zips, receive
from resume_match.postings.derive import Posting
from resume_match.web.work import CandidateOutcome, CandidateSettings, PostingOutcome

POSTING_SUFFIXES = (".txt", ".md", ".pdf", ".docx")
TRUE = ("1", "true", "on", "yes")


class WebError(Exception):
    """An answer other than 200, with the message the user sees."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


class Unreadable(WebError):
    def __init__(self, message: str) -> None:
        super().__init__(422, message)


# ---------------------------------------------------------------- shared pieces

def service(request: Request) -> JobService:
    return request.app.state.service          # type: ignore[no-any-return]


def sessions(request: Request) -> Sessions:
    return request.app.state.sessions         # type: ignore[no-any-return]


def limits(request: Request) -> Limits:
    return service(request).limits


@lru_cache(maxsize=1)
def script() -> tuple[str, str]:
    """The pages' one script and its CSP hash (the reports' scheme: no inline script unhashed)."""
    text = bundled_text("templates", "web/web.js")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return text, f"sha256-{digest}"


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """An app page, with the session cookie set if the browser has none yet."""
    text, digest = script()
    store = sessions(request)
    session = store.current(request)
    fresh = session is None
    session = session or store.new()
    lim = limits(request)
    html = render_template(template, csp=page_csp(digest, meta=True), script=text,
                           token=store.token(session), roles=list_roles(),
                           keep_minutes=round(lim.keep_results_s / 60), max_file=_mb(lim.max_file_bytes),
                           max_request=_mb(lim.max_request_bytes), max_files=max_files(lim),
                           **context)
    response = HTMLResponse(html, status_code=status, headers=_headers(page_csp(digest)))
    if fresh:
        response.set_cookie(**store.cookie_args(session))
    return response


def _headers(csp: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The base headers and the CSP; X-Frame-Options says the same as its frame-ancestors for
    browsers that know only the older header."""
    frames = "DENY" if "frame-ancestors 'none'" in csp else "SAMEORIGIN"
    return {**BASE_HEADERS, "Content-Security-Policy": csp, "X-Frame-Options": frames, **(extra or {})}


def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(data, status_code=status, headers={**BASE_HEADERS, **(headers or {})})


def _mb(n: int) -> str:
    return f"{n / MB:g} MB"


def max_files(lim: Limits) -> int:
    return min(lim.max_files, lim.queue_files)


def require_token(request: Request) -> str:
    """The page session of a state-changing page request; 403 without the right token."""
    session = sessions(request).valid(request)
    if session is None:
        raise WebError(403, "this form's session token is missing or wrong (the page may be "
                            "from before the server restarted): reload the page and try again")
    return session


def visible(request: Request, job_id: str, kind: str) -> Job:
    """A job the request may see: an API job by its id, a page job by its session too."""
    job = service(request).get(job_id)
    if job is None or job.kind != kind or (
            job.owner is not None and job.owner != sessions(request).current(request)):
        raise WebError(404, "no such results: they may have expired (results are kept for "
                            f"{round(limits(request).keep_results_s / 60)} minutes) or the "
                            "server was restarted")
    return job


async def read_upload(request: Request, *, files: int) -> tuple[Upload, Path]:
    """The request's multipart body in a new job folder (deleted again if anything fails)."""
    svc = service(request)
    svc.check_room()
    svc.begin_upload()
    folder = svc.new_folder()
    try:
        upload = await receive(request.stream(), request.headers.get("content-type", ""),
                               request.headers.get("content-length"), folder, svc.limits,
                               max_files=files)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    finally:
        svc.end_upload()
    return upload, folder


async def profiles_for(request: Request, upload: Upload,
                       folder: Path) -> tuple[tuple[RoleProfile, ...], Posting | None]:
    """The roles named (ids of the ten only: never a path) and the job posting, as `--role`
    and `--jd` together; all ten when neither is given. The posting's profile is not among the
    roles returned."""
    known = role_ids()
    named = [r.strip() for r in upload.values("role") if r.strip() and r.strip() != "all"]
    for r in named:
        if r not in known:
            raise BadUpload(f"unknown role {r[:60]!r} (known: {', '.join(known)})")
    posting = await read_posting(request, upload, folder)
    if not named and posting is not None:
        return (), posting
    return resolve_roles(list(dict.fromkeys(named)) or None), posting


def with_posting(profiles: tuple[RoleProfile, ...], posting: Posting | None) -> tuple[RoleProfile, ...]:
    """The roles a batch scores: those named, then the posting's."""
    return profiles + ((posting.profile,) if posting is not None else ())


async def read_posting(request: Request, upload: Upload, folder: Path) -> Posting | None:
    """The job posting (a file in `jd`, or text in `jd_text`), derived by a worker."""
    files = upload.named("jd")
    text = upload.value("jd_text").strip()
    if files:
        given = files[0]
        suffix = Path(given.name).suffix.lower()
        path = given.path.rename(folder / f"posting{suffix if suffix in POSTING_SUFFIXES else '.txt'}")
        name, sha = given.name, given.sha256
    elif text:
        path = folder / "posting.txt"
        path.write_text(text, encoding="utf-8")
        name, sha = "the pasted job posting", hashlib.sha256(text.encode()).hexdigest()
    else:
        return None
    task = FileTask(path=str(path), file=name, sha256=sha)
    job = await service(request).run(Job("posting", BatchSettings(profiles=()), [task]))
    service(request).forget(job)
    outcome = job.outcome
    if not isinstance(outcome, PostingOutcome) or outcome.posting is None:
        raise Unreadable(outcome.row.error if outcome and outcome.row.error else f"{name}: cannot read the posting")
    return outcome.posting


async def candidate_job(request: Request, owner: str | None) -> Job:
    """One CV and its roles: the job, run to its end."""
    upload, folder = await read_upload(request, files=1)
    try:
        cvs = upload.named("file")
        if len(cvs) != 1:
            raise BadUpload("send exactly one CV file in the form field 'file'"
                            + (f" (got {len(cvs)})" if cvs else ""))
        profiles, posting = await profiles_for(request, upload, folder)
        cv = cvs[0]
        job = Job("analyse", CandidateSettings(profiles=profiles, posting=posting),
                  [FileTask(path=str(cv.path), file=cv.name, sha256=cv.sha256)],
                  owner=owner, folder=folder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return await service(request).run(job)


async def batch_job(request: Request, owner: str | None) -> Job:
    """Many CVs (zip archives opened) and their roles: the job, queued."""
    svc = service(request)
    upload, folder = await read_upload(request, files=max_files(svc.limits))
    try:
        cvs = upload.named("file", "files")
        opened = await anyio.to_thread.run_sync(
            lambda: open_zips(cvs, folder, svc.limits, max_files=max_files(svc.limits)))
        if not opened.files and not opened.refused:
            raise BadUpload("no CV files in the upload (send them in the form field 'file', "
                            "one part per file, or one .zip)")
        blind = upload.value("blind").lower() in TRUE
        profiles, posting = await profiles_for(request, upload, folder)
        job = Job("batch", BatchSettings(profiles=with_posting(profiles, posting), blind=blind),
                  [_task(f, blind) for f in opened.files], owner=owner, folder=folder,
                  blind=blind, extra_rows=[_blind_row(r) if blind else r for r in opened.refused],
                  notes=tuple(opened.notes))
        return svc.submit(job)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _task(stored: Stored, blind: bool) -> FileTask:
    """As batch.folder.make_tasks: a blind batch shows a pseudonym instead of the file name."""
    return FileTask(path=str(stored.path), sha256=stored.sha256,
                    file=pseudonym(stored.sha256, stored.name) if blind else stored.name)


def _blind_row(row: BatchRow) -> BatchRow:
    name = pseudonym(row.sha256, row.file)
    return BatchRow(file=name, sha256=row.sha256, status="error",
                    error=(row.error or "").replace(row.file, name))


def failed_row(job: Job) -> BatchRow | None:
    row = job.rows[0] if job.rows else None
    return row if row is not None and row.status == "error" else None


def download(request: Request, text: str, media: str, name: str, csp: str) -> Response:
    """A result file; `?download=1` makes it an attachment under a fixed name."""
    extra = {}
    if request.query_params.get("download") in TRUE:
        extra["Content-Disposition"] = f'attachment; filename="{name}"'
    return Response(text, media_type=media, headers=_headers(csp, extra))


# ---------------------------------------------------------------- candidate pages

async def candidate_page(request: Request) -> Response:
    return page(request, "web/candidate.html.jinja2", here="candidate")


async def analyse_form(request: Request) -> Response:
    owner = require_token(request)
    job = await candidate_job(request, owner)
    row = failed_row(job)
    if row is not None:
        service(request).forget(job)
        raise Unreadable(row.error or "the CV could not be analysed")
    return RedirectResponse(f"/results/{job.id}", status_code=303, headers=BASE_HEADERS)


VIEWS = (("report", "Report", "report.html"), ("cv", "CV in the suggested template", "cv.html"),
         ("roadmap", "Career roadmap", "roadmap.html"))


async def result_page(request: Request) -> Response:
    job = visible(request, request.path_params["id"], "analyse")
    view = request.query_params.get("view", "report")
    view = view if view in {v for v, _, _ in VIEWS} else "report"
    _, label, name = next(v for v in VIEWS if v[0] == view)
    row = job.rows[0]
    assert row is not None
    report = json.loads(job.page("report.json") or "{}")
    titles = {p.id: p.title for p in job.settings.profiles}
    base = f"/results/{job.id}/"
    missing = ""
    if name not in job.pages:
        outcome = job.outcome
        missing = (outcome.roadmap_error if isinstance(outcome, CandidateOutcome) else "") or "Not available."
    return page(request, "web/result.html.jinja2", here="candidate",
                title=f"Your report: {report.get('name') or row.file}", file=row.file,
                best_title=titles.get(row.best_role or "", ""), best_score=row.best_score,
                ats_score=row.ats_score, base=base, view=view,
                views=[{"id": v, "label": lab} for v, lab, _ in VIEWS],
                frame=base + name if name in job.pages else "", frame_title=label, missing=missing)


async def result_file(request: Request) -> Response:
    job = visible(request, request.path_params["id"], "analyse")
    name = request.path_params["name"]
    text = job.page(name)
    if text is None:
        raise WebError(404, f"no {name} for this CV")
    if name.endswith(".json"):
        return download(request, text, "application/json", "report.json", report_csp())
    return download(request, text, "text/html", name, report_csp())


# ---------------------------------------------------------------- recruiter pages

async def recruiter_page(request: Request) -> Response:
    return page(request, "web/recruiter.html.jinja2", here="recruiter")


async def batch_form(request: Request) -> Response:
    owner = require_token(request)
    job = await batch_job(request, owner)
    if "application/json" in request.headers.get("accept", ""):
        return _json({"id": job.id, "page": f"/batch/{job.id}",
                      "status": f"/api/batch/{job.id}"}, status=202)
    return RedirectResponse(f"/batch/{job.id}", status_code=303, headers=BASE_HEADERS)


async def batch_page(request: Request) -> Response:
    job = visible(request, request.path_params["id"], "batch")
    p = job.progress()
    return page(request, "web/batch.html.jinja2", here="recruiter", wide=job.finished is not None,
                title="Ranked CVs" + (" (blind)" if job.blind else ""),
                finished=job.finished is not None, total=p["total"], done=p["done"],
                failed=p["failed"], blind=job.blind, notes=job.notes, base=f"/batch/{job.id}/",
                status_url=f"/api/batch/{job.id}", timeout=f"{limits(request).timeout_s:g}")


BATCH_FILES = {"results.csv": "text/csv", "results.jsonl": "application/x-ndjson",
               "index.html": "text/html"}


async def batch_file(request: Request) -> Response:
    job = visible(request, request.path_params["id"], "batch")
    name = request.path_params["name"]
    text = job.page(name)
    if text is None or not (name in BATCH_FILES or name.startswith("reports/")):
        raise WebError(404, f"no {name} in these results" + ("" if job.finished else " yet"))
    if name == "index.html":
        return download(request, text, "text/html", name, report_csp(index_script_hash()))
    return download(request, text, BATCH_FILES.get(name, "text/html"), Path(name).name, report_csp())


@lru_cache(maxsize=1)
def index_script_hash() -> str:
    """The batch index's own script hash, as its page's CSP names it."""
    return str(index_view((), (), blind=False)["script_hash"])


# ---------------------------------------------------------------- the JSON API

async def api_roles(request: Request) -> Response:
    """`resume-match roles --json`."""
    return _json([role_to_dict(r) for r in list_roles()])


async def api_analyse(request: Request) -> Response:
    """`resume-match FILE [--role R ...] [--jd POSTING] --json`; 422 with the error line when
    the file cannot be analysed."""
    job = await candidate_job(request, None)
    service(request).forget(job)
    row = failed_row(job)
    if row is not None:
        raise Unreadable(row.error or "the CV could not be analysed")
    return Response((job.page("report.json") or "{}") + "\n", media_type="application/json",
                    headers=BASE_HEADERS)     # byte for byte what `--json` prints


async def api_batch(request: Request) -> Response:
    job = await batch_job(request, None)
    return _json({**job.progress(), "url": f"/api/batch/{job.id}", "page": f"/batch/{job.id}"},
                 status=202, headers={"Location": f"/api/batch/{job.id}"})


async def api_batch_status(request: Request) -> Response:
    """The batch's progress, and once it is done its rows: results.jsonl's objects, ranked."""
    job = visible(request, request.path_params["id"], "batch")
    return _json(job.progress())


async def no_icon(request: Request) -> Response:
    """Browsers ask for /favicon.ico: nothing, rather than a 404 in their console."""
    return Response(status_code=204, headers=BASE_HEADERS)


ROUTES = [
    Route("/", candidate_page, methods=["GET"]),
    Route("/favicon.ico", no_icon, methods=["GET"]),
    Route("/analyse", analyse_form, methods=["POST"]),
    Route("/results/{id}", result_page, methods=["GET"]),
    Route("/results/{id}/{name}", result_file, methods=["GET"]),
    Route("/recruiter", recruiter_page, methods=["GET"]),
    Route("/batch", batch_form, methods=["POST"]),
    Route("/batch/{id}", batch_page, methods=["GET"]),
    Route("/batch/{id}/{name:path}", batch_file, methods=["GET"]),
    Route("/api/roles", api_roles, methods=["GET"]),
    Route("/api/analyse", api_analyse, methods=["POST"]),
    Route("/api/batch", api_batch, methods=["POST"]),
    Route("/api/batch/{id}", api_batch_status, methods=["GET"]),
]


# ---------------------------------------------------------------- errors

def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get("accept", "")


FORMS = {"/analyse": ("web/candidate.html.jinja2", "candidate"),
         "/batch": ("web/recruiter.html.jinja2", "recruiter")}
HEADINGS = {400: "Cannot read this upload", 403: "Refused", 404: "Not found",
            405: "Not allowed", 413: "Too large", 422: "Cannot analyse this file",
            503: "Busy", 500: "Something went wrong"}


async def on_error(request: Request, exc: Exception) -> Response:
    """Every refusal as one line: JSON for the API and scripts, the form again (with the
    message) for a page form, else a small page."""
    err = _as_web_error(exc)
    if wants_json(request):
        return _json({"error": err.message}, status=err.status, headers=err.headers)
    if request.url.path in FORMS and err.status != 403:
        template, here = FORMS[request.url.path]
        response = page(request, template, status=err.status, here=here, error=err.message)
    else:
        response = page(request, "web/error.html.jinja2", status=err.status, here="",
                        heading=HEADINGS.get(err.status, "Error"), message=err.message)
    response.headers.update(err.headers)
    return response


def _as_web_error(exc: Exception) -> WebError:
    if isinstance(exc, WebError):
        return exc
    if isinstance(exc, TooLarge):
        return WebError(413, str(exc))
    if isinstance(exc, BadUpload):
        return WebError(400, str(exc))
    if isinstance(exc, Busy):
        return WebError(503, str(exc), {"Retry-After": str(exc.retry_after)})
    status = getattr(exc, "status_code", 500)     # starlette's HTTPException: 404, 405
    if status == 500:
        return WebError(500, f"internal error ({type(exc).__name__}); the server goes on")
    return WebError(status, str(getattr(exc, "detail", "")) or HEADINGS.get(status, "error"))
