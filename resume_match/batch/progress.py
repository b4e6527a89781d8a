"""A one-line progress bar with rate and ETA on stderr, shown only to a person at a terminal."""
from __future__ import annotations

import sys
import time
from typing import TextIO


def format_duration(seconds: float) -> str:
    """Seconds as m:ss or h:mm:ss."""
    s = int(round(max(0.0, seconds)))
    h, rem = divmod(s, 3600)
    return f"{h}:{rem // 60:02d}:{rem % 60:02d}" if h else f"{rem // 60}:{rem % 60:02d}"


class ProgressBar:
    """Call with (done, total, failed) after each file; redraws at most ten times a second."""

    def __init__(self, stream: TextIO | None = None, *, enabled: bool | None = None,
                 width: int = 30) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.width = width
        self.start = time.monotonic()
        self._drawn = 0.0

    def __call__(self, done: int, total: int, failed: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if done < total and now - self._drawn < 0.1:
            return
        self._drawn = now
        self.stream.write("\r" + self.line(done, total, failed, now - self.start))
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()

    def line(self, done: int, total: int, failed: int, elapsed: float) -> str:
        """e.g. `[#######-------]  120/1236  14.8 CV/s  ETA 1:15  3 failed`."""
        filled = int(self.width * done / total) if total else self.width
        rate = done / elapsed if elapsed > 0 else 0.0
        eta = format_duration((total - done) / rate) if rate > 0 else "--:--"
        tail = f"  {failed} failed" if failed else ""
        return (f"[{'#' * filled}{'-' * (self.width - filled)}] {done:>{len(str(total))}}/{total}"
                f"  {rate:5.1f} CV/s  ETA {eta}{tail}")
