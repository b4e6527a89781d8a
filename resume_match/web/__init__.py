"""`resume-match serve`: the same offline analysis as a local web app (the optional web extra).

Modules, imports one way (top first):
- config.py    the server's options and limits (no third-party import)
- work.py      the per-file functions the batch's workers run for a candidate and a posting
- jobs.py      jobs over the batch's worker pool: temporary folders, the bounded queue, results
- uploads.py   a multipart body streamed into a job's folder under its limits; zip archives
- security.py  Host and Origin checks, the per-session token, security headers
- routes.py    the candidate and recruiter pages and the JSON API
- app.py       the Starlette app, and running it with uvicorn

Only uploads, security, routes and app import the extra (starlette, python-multipart), so `import
resume_match.web` and the worker functions in work.py need nothing from the extra.
"""
from __future__ import annotations

from importlib.util import find_spec

from resume_match.errors import UsageError
from resume_match.web.config import MB, Limits, ServerOptions

WEB_EXTRA = "pip install 'resume-match[web]'"
_NEEDS = ("starlette", "uvicorn", "python_multipart")


def require_web_extra() -> None:
    """A one-line UsageError with the pip command when the web extra is not installed."""
    missing = [m for m in _NEEDS if find_spec(m) is None]
    if missing:
        raise UsageError(f"resume-match serve needs the web extra ({', '.join(missing)} not "
                         f"installed): {WEB_EXTRA}")


def serve(host: str = "127.0.0.1", port: int = 8000, workers: int | None = None, *,
          timeout: float | None = None, queue: int | None = None,
          max_file_mb: float | None = None, max_files: int | None = None) -> None:
    """Run the web app until Ctrl-C or SIGTERM (`resume-match serve`); uploads are deleted as
    each job ends, and whatever is left when the server stops. Options left None keep the
    defaults in config.Limits."""
    require_web_extra()
    given = {"timeout_s": timeout, "queue_files": queue, "max_files": max_files,
             "max_file_bytes": int(max_file_mb * MB) if max_file_mb is not None else None}
    limits = Limits(**{k: v for k, v in given.items() if v is not None})  # type: ignore[arg-type]
    from resume_match.web.app import run
    run(ServerOptions(host=host, port=port, workers=workers, limits=limits))


__all__ = ["serve", "require_web_extra", "Limits", "ServerOptions", "WEB_EXTRA"]
