"""Who may talk to the server, and the headers every answer carries.

- Host: only the names the server was started on (127.0.0.1:PORT, localhost:PORT, ...). A page
  on another site that points its own name at 127.0.0.1 (DNS rebinding) sends its own name
  as Host and is refused, on the pages and the API alike.
- Origin: a request a browser sends from any other origin is refused (a cross-site form post,
  a fetch from another local server); requests without one (curl, scripts) pass this check.
- Page session token: every page a browser loads gets a session cookie (SameSite=Strict,
  HttpOnly); its forms and scripts send a token derived from it, and the state-changing page
  endpoints refuse a request without the right one. The JSON API needs no token.
- Headers: a Content-Security-Policy that loads nothing from anywhere else (the reports' own),
  no caching, no sniffing, no referrer, no framing by other sites.
"""
from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import secrets
import socket
from typing import Any

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
WILDCARDS = ("0.0.0.0", "::", "")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
TOKEN_FIELD = "token"          # query parameter of the page forms; or the X-Token header
TOKEN_HEADER = "x-token"


def url_host(host: str) -> str:
    """A host as it appears in a URL or a Host header (IPv6 in brackets)."""
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """The Host header values this server answers to: the address it was started on, the
    loopback names when that is a loopback address, and the machine's own names when it
    listens on every interface."""
    names = {url_host(host).lower()}
    if is_loopback(host) or host in WILDCARDS:
        names |= set(LOOPBACK_NAMES)
    if host in WILDCARDS:
        names |= {socket.gethostname().lower(), socket.getfqdn().lower()}
    names.discard("")
    hosts = {f"{n}:{port}" for n in names}
    if port == 80:
        hosts |= names
    return frozenset(hosts)


class HostOriginGuard:
    """ASGI middleware: refuse (403) a request whose Host is not the server's, or which a
    browser sent from another origin (or, for a POST, from another site)."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str]) -> None:
        self.app = app
        self.hosts = hosts
        self.origins = frozenset(f"http://{h}" for h in hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        problem = self.problem(scope)
        if problem:
            await _refuse(scope, send, problem)
            return
        await self.app(scope, receive, send)

    def problem(self, scope: Scope) -> str:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "").strip().lower()
        if host not in self.hosts:
            return (f"this server answers only to {', '.join(sorted(self.hosts))}, not to the "
                    f"Host {host or '(none)'!r}")
        origin = headers.get("origin")
        if origin is not None and origin.lower().rstrip("/") not in self.origins:
            return f"requests from another origin ({origin}) are refused"
        if scope["method"] not in SAFE_METHODS and headers.get("sec-fetch-site") in ("cross-site", "same-site"):
            return "requests from another site are refused"
        return ""


async def _refuse(scope: Scope, send: Send, problem: str) -> None:
    wants_json = scope["path"].startswith("/api/")
    body = (json.dumps({"error": problem}).encode() if wants_json
            else f"Forbidden: {problem}\n".encode())
    kind = b"application/json" if wants_json else b"text/plain; charset=utf-8"
    await send({"type": "http.response.start", "status": 403,
                "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode()),
                            *((k.encode(), v.encode()) for k, v in BASE_HEADERS.items())]})
    await send({"type": "http.response.body", "body": body})


class Sessions:
    """Page sessions: a random id in a cookie, and the token the page's forms must send."""

    def __init__(self, port: int) -> None:
        self.cookie = f"resume_match_session_{port}"   # cookies ignore ports: one per server
        self._secret = secrets.token_bytes(32)         # tokens last as long as the server

    def current(self, request: Request) -> str | None:
        value = request.cookies.get(self.cookie, "")
        return value if 20 <= len(value) <= 64 and value.replace("-", "").replace("_", "").isalnum() else None

    def new(self) -> str:
        return secrets.token_urlsafe(24)

    def token(self, session: str) -> str:
        return hmac.new(self._secret, session.encode(), hashlib.sha256).hexdigest()[:32]

    def valid(self, request: Request) -> str | None:
        """The session when the request carries its token, else None."""
        session = self.current(request)
        sent = request.headers.get(TOKEN_HEADER) or request.query_params.get(TOKEN_FIELD, "")
        if session and sent and hmac.compare_digest(sent, self.token(session)):
            return session
        return None

    def cookie_args(self, session: str) -> dict[str, Any]:
        return {"key": self.cookie, "value": session, "httponly": True, "samesite": "strict",
                "path": "/"}


BASE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",     # no-referrer would make a browser's form posts Origin: null
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}

# The reports' own policy (templates/report.html.jinja2), for the pages they are shown in too.
REPORT_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
              "form-action 'none'; frame-ancestors 'self'")


def report_csp(script_hash: str | None = None) -> str:
    """A report, CV, roadmap or batch index page (shown in the app's frame): nothing remote;
    the batch index's one script by its hash."""
    return REPORT_CSP + (f"; script-src '{script_hash}'" if script_hash else "")


def page_csp(script_hash: str, *, meta: bool = False) -> str:
    """The app's own pages: as the reports, plus its one script (by hash), its forms, its
    status requests and its frames, all to this server only; framed by no one (said in the
    header only: a <meta> policy cannot say it)."""
    return ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
            f"script-src '{script_hash}'; connect-src 'self'; form-action 'self'; "
            "frame-src 'self'" + ("" if meta else "; frame-ancestors 'none'"))
