"""`resume-match serve` for the tests, on a free loopback port (127.0.0.1 only).

Server: the real command in a subprocess (`--port 0`; the port is read from its listening
line), with its own TMPDIR and current folder so the tests can see every file it leaves.
ThreadServer: the app in a thread of the test process, for tests that inject a per-file
function that hangs (tests/faulty_workers.py), as the batch tests do.
"""
from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

LISTENING = re.compile(r"listening on (http://127\.0\.0\.1:(\d+)/)")
START_TIMEOUT_S = 120


class Server:
    """`python -m resume_match serve --port 0 ...` in a subprocess."""

    def __init__(self, tmp: Path, *args: str, workers: int = 2) -> None:
        self.tmpdir = tmp / "tmp"            # the server's TMPDIR: uploads go below it
        self.cwd = tmp / "cwd"               # its current folder: nothing may appear here
        self.tmpdir.mkdir(parents=True, exist_ok=True)
        self.cwd.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "TMPDIR": str(self.tmpdir), "PYTHONDONTWRITEBYTECODE": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "resume_match", "serve", "--port", "0", "--workers", str(workers), *args],
            cwd=self.cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            start_new_session=True)
        self.line = self._listening_line()
        match = LISTENING.search(self.line)
        assert match, self.line
        self.url, self.port = match.group(1), int(match.group(2))
        self.host = f"127.0.0.1:{self.port}"

    def _listening_line(self) -> str:
        assert self.proc.stdout is not None
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.proc.stdout], [], [], 1.0)
            if ready:
                line = self.proc.stdout.readline()
                if line:
                    return line
            if self.proc.poll() is not None:
                break
        self.stop()
        raise AssertionError(f"the server did not start: {self.stderr}")

    def client(self, **kw: Any) -> httpx.Client:
        return httpx.Client(base_url=self.url.rstrip("/"), timeout=120, **kw)

    def leftovers(self) -> list[str]:
        """Files the server left in its TMPDIR and current folder (multiprocessing's own
        pymp-* folders hold only its sockets, and go when it exits)."""
        found = []
        for root in (self.tmpdir, self.cwd):
            for path in root.rglob("*"):
                if path.is_file() and not path.relative_to(root).parts[0].startswith("pymp-"):
                    found.append(str(path))
        return found

    def job_folders(self) -> list[Path]:
        return [p for p in self.tmpdir.glob("resume-match-web-*/*")]

    def stop(self, sig: int = signal.SIGINT, timeout: float = 60) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)     # its own session's group only
                self.proc.wait(timeout=10)
        self.stderr = self.proc.stderr.read() if self.proc.stderr else ""
        return self.proc.returncode

    stderr = ""


class ThreadServer:
    """The app in a thread of this process (uvicorn installs no signal handlers there)."""

    def __init__(self, tmp: Path, options: Any, **app_kw: Any) -> None:
        import uvicorn
        from resume_match.web.app import bind, create_app
        self.tmpdir = tmp / "tmp"
        self.tmpdir.mkdir(parents=True, exist_ok=True)
        self._old_tempdir, tempfile.tempdir = tempfile.tempdir, str(self.tmpdir)
        self.sock = bind("127.0.0.1", 0)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.app = create_app(options, self.port, **app_kw)
        config = uvicorn.Config(self.app, log_level="warning", access_log=False, lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]},
                                       daemon=True)
        self.thread.start()
        deadline = time.monotonic() + START_TIMEOUT_S
        while not self.server.started:
            assert time.monotonic() < deadline and self.thread.is_alive(), "the app did not start"
            time.sleep(0.05)

    @property
    def service(self) -> Any:
        return self.app.state.service

    def client(self, **kw: Any) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=120, **kw)

    def stop(self, timeout: float = 60) -> None:
        self.server.should_exit = True
        self.thread.join(timeout)
        tempfile.tempdir = self._old_tempdir
        assert not self.thread.is_alive(), "the app did not stop"


def login(client: httpx.Client, path: str = "/") -> str:
    """Open a page as a browser would: the session cookie lands in the client; the page's
    form token is returned."""
    html = client.get(path).text
    match = re.search(r'action="/(?:analyse|batch)\?token=([0-9a-f]+)"', html)
    assert match, html[:400]
    return match.group(1)


__all__ = ["Server", "ThreadServer", "login", "signal"]
