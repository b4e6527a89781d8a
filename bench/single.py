"""Cold start of one CV: wall time of `resume-match CV --role data-scientist` as a new process.

    python bench/single.py [CV] [--runs 7] [--engine pdfplumber] [--importtime]

Prints each run and the median. --importtime also runs `python -X importtime` once and prints
the slowest imports (cumulative), to show where a slow start goes.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

DEFAULT_CV = Path(__file__).resolve().parents[1] / "examples" / "data-scientist-cv.pdf"


def command(cv: Path, engine: str) -> list[str]:
    exe = shutil.which("resume-match", path=str(Path(sys.executable).parent)) or shutil.which("resume-match")
    base = [exe] if exe else [sys.executable, "-m", "resume_match"]
    return [*base, str(cv), "--role", "data-scientist", "--engine", engine]


def time_runs(cmd: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return times


def slowest_imports(cv: Path, engine: str, top: int) -> list[tuple[float, str]]:
    """(cumulative seconds, module) of the slowest imports of one run."""
    cmd = [sys.executable, "-X", "importtime", "-m", "resume_match", str(cv), "--role",
           "data-scientist", "--engine", engine]
    err = subprocess.run(cmd, capture_output=True, text=True, check=True).stderr
    rows = []
    for line in err.splitlines():
        m = re.match(r"import time:\s+\d+ \|\s+(\d+) \|(\s*)(\S+)", line)
        if m:
            rows.append((int(m.group(1)) / 1e6, m.group(3)))
    return sorted(rows, reverse=True)[:top]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cv", nargs="?", type=Path, default=DEFAULT_CV)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--engine", default="pdfplumber")
    ap.add_argument("--importtime", action="store_true")
    args = ap.parse_args(argv)
    cmd = command(args.cv, args.engine)
    times = time_runs(cmd, args.runs)
    print(f"{' '.join(cmd)}  (load average {os.getloadavg()[0]:.1f})")
    print("runs: " + ", ".join(f"{t:.2f}" for t in times) + " s")
    print(f"median cold single-CV time: {statistics.median(times):.2f} s")
    if args.importtime:
        print("slowest imports (cumulative s):")
        for secs, mod in slowest_imports(args.cv, args.engine, 25):
            print(f"  {secs:6.3f}  {mod}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
