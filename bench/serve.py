"""Load test of `resume-match serve` on 127.0.0.1 only: a bounded number of POST /api/analyse
requests from a few concurrent clients, then the server is stopped and its folders checked.

    python bench/serve.py [--requests 200] [--clients 8] [--workers 2] [--queue 400]
                          [--corpus DIR --limit 40] [--role data-scientist] [--max-seconds 900]
                          [--retry-after]

Starts `python -m resume_match serve --port 0` (a free loopback port) with its own TMPDIR and
current folder, sends --requests uploads (the bundled example CV, or --limit PDFs of --corpus
in turn) from --clients threads, one request at a time each, and prints one Markdown row:
answers by status (only 200 and the documented 503 are allowed), requests per second,
latency p50/p95/max, the peak resident memory of the server process and of the server with
its worker processes (sampled every 50 ms from /proc), and the files left behind after it
stopped (must be 0). Exits 1 if any answer was another status or a file was left. With
--retry-after a client that gets a 503 waits the seconds its Retry-After says (at most 5)
before its next request, as a polite script would; every attempt counts as a request.
"""
from __future__ import annotations

import argparse
import itertools
import os
import re
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "data-scientist-cv.pdf"
PAGE = os.sysconf("SC_PAGE_SIZE")


def start(tmp: Path, workers: int, queue: int) -> tuple[subprocess.Popen[str], str]:
    (tmp / "tmp").mkdir()
    (tmp / "cwd").mkdir()
    env = {**os.environ, "TMPDIR": str(tmp / "tmp")}
    proc = subprocess.Popen([sys.executable, "-m", "resume_match", "serve", "--port", "0",
                             "--workers", str(workers), "--queue", str(queue)],
                            cwd=tmp / "cwd", env=env, stdout=subprocess.PIPE, text=True,
                            start_new_session=True)
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], 120)
    line = proc.stdout.readline() if ready else ""
    match = re.search(r"listening on (http://127\.0\.0\.1:\d+)/", line)
    if not match:
        proc.kill()
        sys.exit(f"the server did not start: {line!r}")
    return proc, match.group(1)


TICK = os.sysconf("SC_CLK_TCK")


def tree(root: int) -> dict[int, tuple[int, float]]:
    """The process and all its descendants: pid -> (RSS bytes, CPU seconds), from /proc."""
    children: dict[int, list[int]] = {}
    stats: dict[int, tuple[int, float]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry), int(fields[1])
        children.setdefault(ppid, []).append(pid)
        stats[pid] = (int(fields[21]) * PAGE, (int(fields[11]) + int(fields[12])) / TICK)
    out, todo = {}, [root]
    while todo:
        pid = todo.pop()
        if pid in stats:
            out[pid] = stats[pid]
        todo.extend(children.get(pid, ()))
    return out


def tree_rss_mb(root: int) -> tuple[float, float]:
    """(the process's RSS, its and all its descendants' RSS) in MB."""
    found = tree(root)
    return found.get(root, (0, 0.0))[0] / 1e6, sum(r for r, _ in found.values()) / 1e6


def tree_cpu_s(root: int) -> tuple[float, float]:
    """CPU seconds used so far by (the process, its descendants: forkserver and workers)."""
    found = tree(root)
    own = found.get(root, (0, 0.0))[1]
    return own, sum(c for _, c in found.values()) - own


class Sampler(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.stop, self.server_mb, self.total_mb = pid, threading.Event(), 0.0, 0.0

    def run(self) -> None:
        while not self.stop.wait(0.05):
            server, total = tree_rss_mb(self.pid)
            self.server_mb, self.total_mb = max(self.server_mb, server), max(self.total_mb, total)


def load(url: str, cvs: list[Path], requests: int, clients: int, role: str,
         max_seconds: float, retry_after: bool = False) -> tuple[list[tuple[int, float]], float]:
    """(status, seconds) per request, and the wall time of them all."""
    bodies = [(p.name, p.read_bytes()) for p in cvs]
    counter = itertools.count()
    results: list[tuple[int, float]] = []
    lock = threading.Lock()
    deadline = time.monotonic() + max_seconds

    def client() -> None:
        with httpx.Client(base_url=url, timeout=300) as c:
            while (n := next(counter)) < requests and time.monotonic() < deadline:
                started = time.perf_counter()
                wait = 0.0
                try:
                    r = c.post("/api/analyse", files={"file": bodies[n % len(bodies)]},
                               data={"role": role})
                    status = r.status_code
                    if status == 503 and retry_after:
                        wait = min(5.0, float(r.headers.get("retry-after", "1")))
                except httpx.HTTPError:
                    status = -1
                with lock:
                    results.append((status, time.perf_counter() - started))
                time.sleep(wait)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, time.perf_counter() - started


def leftovers(tmp: Path) -> list[Path]:
    return [p for p in (tmp / "tmp").rglob("*")] + [p for p in (tmp / "cwd").rglob("*")]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--queue", type=int, default=400)
    ap.add_argument("--corpus", type=Path, default=None)
    ap.add_argument("--limit", type=int, default=40)
    ap.add_argument("--role", default="data-scientist")
    ap.add_argument("--max-seconds", type=float, default=900)
    ap.add_argument("--retry-after", action="store_true")
    args = ap.parse_args(argv)
    cvs = sorted(args.corpus.rglob("*.pdf"))[: args.limit] if args.corpus else [EXAMPLE]
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as name:
        tmp = Path(name)
        proc, url = start(tmp, args.workers, args.queue)
        sampler = Sampler(proc.pid)
        sampler.start()
        try:
            warm_started = time.perf_counter()
            first, _ = load(url, cvs[:1], 1, 1, args.role, args.max_seconds)   # workers ready
            first_s = time.perf_counter() - warm_started
            cpu_before = tree_cpu_s(proc.pid)
            results, wall = load(url, cvs, args.requests, args.clients, args.role, args.max_seconds,
                                 args.retry_after)
            cpu_after = tree_cpu_s(proc.pid)
        finally:
            proc.send_signal(signal.SIGINT)
            code = proc.wait(timeout=120)
            sampler.stop.set()
            sampler.join()
        left = leftovers(tmp)
    statuses = sorted({s for s, _ in results})
    counts = {s: sum(1 for r, _ in results if r == s) for s in statuses}
    ok = [t for s, t in results if s == 200]
    lat = sorted(ok) or [0.0]
    p95 = lat[min(len(lat) - 1, int(round(0.95 * (len(lat) - 1))))]
    busy = sorted(t for s, t in results if s == 503)
    print(f"{len(cvs)} CV file(s); first request {first_s:.2f} s (status {first[0][0]}); "
          f"server exit code {code}; load average {os.getloadavg()[0]:.1f}"
          + (f"; 503 answered in {statistics.median(busy) * 1000:.0f} ms (median)" if busy else ""))
    served = max(1, len(ok))
    server_ms = (cpu_after[0] - cpu_before[0]) * 1000 / served
    worker_ms = (cpu_after[1] - cpu_before[1]) * 1000 / served
    print(f"CPU per answered request: server {server_ms:.0f} ms, workers {worker_ms:.0f} ms; "
          f"on free cores {args.workers} workers would answer {args.workers * 1000 / max(worker_ms, 1):.1f} req/s")
    print("| requests | clients | workers | queue | 200 | 503 | other | seconds | req/s | p50 s | p95 s | max s "
          "| peak MB server | peak MB server + workers | files left |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    other = sum(n for s, n in counts.items() if s not in (200, 503))
    print(f"| {len(results)} | {args.clients} | {args.workers} | {args.queue} | {counts.get(200, 0)} | "
          f"{counts.get(503, 0)} | {other} | {wall:.1f} | {len(results) / wall:.2f} | "
          f"{statistics.median(lat):.2f} | {p95:.2f} | {lat[-1]:.2f} | {sampler.server_mb:.0f} | "
          f"{sampler.total_mb:.0f} | {len(left)} |")
    if other or left or code != 0:
        print(f"FAILED: statuses {counts}, left behind {[str(p) for p in left]}, exit code {code}",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
