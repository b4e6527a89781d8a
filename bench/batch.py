"""Batch throughput: CVs per second and peak memory per worker, per engine and worker count.

    python bench/batch.py [--corpus ../shared/corpus/livecareer] [--limit 200] \
        [--engines pdfplumber,pdfium] [--workers 1,2] [--role data-scientist]

Runs resume_match.batch.folder.analyse_folder (the full batch: analysis, per-CV HTML reports, CSV,
JSONL, index) over the first --limit PDFs of the corpus, spread evenly across its categories,
and prints one Markdown table row per configuration. Outputs go to a temporary folder.
"CVs/s on free cores" is workers x CVs / worker CPU seconds: the rate when no other process
competes for the cores (on a shared machine the wall-clock rate is lower). Every configuration
starts cold, as a CLI run does (the workers' forkserver, which imports spaCy and builds the
matcher, is stopped between runs); "first CV s" is how long the first result took: start-up.
"""
from __future__ import annotations

import argparse
import multiprocessing.forkserver
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from resume_match.batch.folder import analyse_folder

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "livecareer"


def sample(corpus: Path, limit: int) -> list[Path]:
    """`limit` PDFs taken evenly over the sorted corpus (so every category is represented)."""
    files = sorted(corpus.rglob("*.pdf"))
    if not files:
        sys.exit(f"{corpus}: no PDFs found")
    if limit <= 0 or limit >= len(files):
        return files
    step = len(files) / limit
    return [files[int(i * step)] for i in range(limit)]


def link_folder(files: list[Path], root: Path) -> Path:
    """A folder of symlinks to the sample, so the batch walks exactly these files."""
    folder = root / "in"
    for i, f in enumerate(files):
        target = folder / f.parent.name / f.name
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            os.symlink(f.resolve(), target)
    return folder


def run(folder: Path, out: Path, engine: str, workers: int, roles: list[str]) -> dict:
    """One batch; wall time, rate, peak RSS per worker, and CPU seconds per CV (workers and
    parent), which the other users of a shared machine do not inflate."""
    _stop_forkserver()
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    first: list[float] = []
    started = time.monotonic()

    def progress(done: int, total: int, failed: int) -> None:
        if done and not first:
            first.append(time.monotonic() - started)

    res = analyse_folder(folder, roles, out_dir=out, workers=workers, engine=engine, timeout=120,
                         progress=progress, follow_links=True)
    wall = time.monotonic() - started
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    parent = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    n = len(res.rows)
    return {"engine": engine, "workers": workers, "files": n, "failed": len(res.failed),
            "seconds": wall, "first_s": first[0] if first else wall, "rate": n / wall, "peak_mb": res.peak_rss_mb,
            "cpu_ms": 1000 * res.worker_cpu_s / n, "parent_ms": 1000 * parent / n,
            "free_rate": workers * n / res.worker_cpu_s if res.worker_cpu_s else 0.0,
            "load": os.getloadavg()[0]}


def _stop_forkserver() -> None:
    """Stop this process's forkserver (a private multiprocessing API, bench-only): it outlives a
    batch, so the next configuration would otherwise skip its start-up."""
    server = getattr(multiprocessing.forkserver, "_forkserver", None)
    if server is not None and hasattr(server, "_stop"):
        server._stop()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=200, help="number of PDFs (0: all)")
    ap.add_argument("--engines", default="pdfplumber,pdfium")
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--role", action="append", default=None)
    args = ap.parse_args(argv)
    roles = args.role or ["data-scientist"]
    files = sample(args.corpus, args.limit)
    print(f"{len(files)} PDFs from {args.corpus}; roles {', '.join(roles)}; {os.cpu_count()} cores; "
          f"load average {os.getloadavg()[0]:.1f}", flush=True)
    print("| engine | workers | CVs | failed | seconds | first CV s | CVs/s | peak MB per worker "
          "| worker CPU ms per CV | parent CPU ms per CV | CVs/s on free cores | load after |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
          flush=True)
    with tempfile.TemporaryDirectory(prefix="rm-bench-") as tmp:
        folder = link_folder(files, Path(tmp))
        for engine in args.engines.split(","):
            for workers in (int(w) for w in args.workers.split(",")):
                r = run(folder, Path(tmp) / f"out-{engine}-{workers}", engine, workers, roles)
                print(f"| {r['engine']} | {r['workers']} | {r['files']} | {r['failed']} | "
                      f"{r['seconds']:.1f} | {r['first_s']:.2f} | {r['rate']:.1f} | {r['peak_mb']:.0f} | "
                      f"{r['cpu_ms']:.0f} | {r['parent_ms']:.1f} | {r['free_rate']:.1f} | "
                      f"{r['load']:.1f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
