"""The Starlette app (routes, guards, error pages, the JobService's life) and running it with
uvicorn on one socket bound here, so `--port 0` can say which free port it got."""
from __future__ import annotations

import signal
import socket
import sys
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator, Callable

import uvicorn
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware

from resume_match.batch.folder import default_workers
from resume_match.batch.tasks import Analyse, analyse_file
from resume_match.errors import ResumeMatchError, UsageError
from resume_match.web.config import ServerOptions
from resume_match.web.jobs import Busy, JobService
from resume_match.web.routes import ROUTES, WebError, on_error
from resume_match.web.security import HostOriginGuard, Sessions, allowed_hosts, is_loopback, url_host
from resume_match.web.uploads import BadUpload, TooLarge
from resume_match.web.work import analyse_candidate, derive_posting


def create_app(options: ServerOptions, port: int, *, on_ready: Callable[[], None] | None = None,
               _analyse_batch: Analyse = analyse_file, _analyse_one: Analyse = analyse_candidate,
               _posting: Analyse = derive_posting) -> Starlette:
    """The app for a server on `options.host`:`port`. The private per-file functions are the
    tests' way to make a file hang (tests/faulty_workers.py), as in batch.folder."""
    service = JobService(options.limits, options.workers or default_workers(),
                         analyse_batch=_analyse_batch, analyse_one=_analyse_one, posting=_posting)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        service.start()
        try:
            if on_ready is not None:
                on_ready()
            yield
        finally:
            service.close()

    handlers: dict[Any, Any] = {kind: on_error for kind in (WebError, TooLarge, BadUpload, Busy,
                                                             HTTPException, Exception)}
    app = Starlette(routes=ROUTES, lifespan=lifespan, exception_handlers=handlers,
                    middleware=[Middleware(HostOriginGuard, hosts=allowed_hosts(options.host, port))])
    app.state.service = service
    app.state.sessions = Sessions(port)
    return app


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port (0: any free port)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as e:
        raise ResumeMatchError(f"cannot listen on {url_host(host)}:{port}: {e.strerror or e}") from e
    return sock


def run(options: ServerOptions) -> None:
    """Serve until Ctrl-C or SIGTERM, saying in one line where; both stop it the same way
    (uploads deleted, workers stopped)."""
    if options.workers is not None and options.workers < 1:
        raise UsageError(f"--workers must be at least 1 (got {options.workers})")
    sock = bind(options.host, options.port)
    port = sock.getsockname()[1]
    url = f"http://{url_host(options.host)}:{port}/"

    def ready() -> None:
        if not is_loopback(options.host):
            print(f"resume-match serve: warning: {options.host} is reachable from other "
                  "machines; anyone who can reach it can upload CVs", file=sys.stderr)
        print(f"resume-match serve: listening on {url} (Ctrl-C to stop)", flush=True)

    app = create_app(options, port, on_ready=ready)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on",
                            server_header=False, timeout_graceful_shutdown=5)
    previous = signal.signal(signal.SIGTERM, _exit_quietly)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        sock.close()


def _exit_quietly(signum: int, frame: Any) -> None:
    """uvicorn raises SIGTERM again once it has shut down: end like Ctrl-C, so atexit (and
    multiprocessing's own clean-up) runs."""
    raise KeyboardInterrupt
