"""Scaling of text parsing with input size: `resume-match FILE --json` on generated plain-text
CVs of one shape at sizes from 10 KB to 1 MB, each run a new process with a time limit.

    python bench/long_lines.py [--sizes 10,20,40,100,250,1000] [--shapes ...] [--timeout 120]

Shapes: `dates` ('2019 - ' repeated on one line), `words` (ordinary words on one line),
`lines` (many short lines of words and dates), `digits` (one line of digits and spaces),
`cv` (one realistic CV text repeated, its years shifted each time), `headings` (section
headings, each over two short lines), `dense100` (lines of 100 characters full of date ranges
and skill names), `mixed` (blocks of 2 KB of each other shape in turn, no line over 2 KB),
`unique` (short lines of words, numbered words and dates, no two alike: the stages' caches of
repeated lines do not help), `datelines` ('2019 - ' repeated in lines of 45,000 characters,
just under the line cap), `skills` (a SKILLS section of lines of 12 skill names, a third of them
numbered), `bullets` (an EXPERIENCE section of dated bullet lines naming 6 skills each). All are deterministic: the same shape and size give the same text.
Prints a Markdown table per shape and size (KB of input): wall seconds, CPU seconds in
brackets (user + system, which other load on the machine does not inflate) and peak resident
MB; 'timeout' when a run passed the limit (the bigger sizes are then not run). Linear time shows as seconds growing
no faster than the size.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = ("data engineer python project team led analysis model pipeline built the and of "
         "for with sales customer report growth managed").split()
SHAPES = ("dates", "words", "lines", "digits", "cv", "headings", "dense100", "mixed", "unique",
          "datelines", "skills", "bullets")
CV = """Jane Doe
jane.doe@example.com | +1 415 555 0100 | linkedin.com/in/janedoe | github.com/janedoe
San Francisco, CA

SUMMARY
Data scientist with {n} years of experience in machine learning, SQL and Python.

EXPERIENCE
Senior Data Scientist, Acme Corp, San Francisco, CA    Jan {y4} - Present
- Built a churn model in Python (scikit-learn, XGBoost) that cut churn by 12%
- Led a team of 4 analysts; managed Airflow pipelines on AWS and Docker
Data Analyst | Globex Inc. | Austin, TX | Mar {y1} - Dec {y3}
- Wrote SQL reports in Tableau and Power BI for 30 sales managers
- Automated Excel forecasts with pandas, saving 10 hours a week

EDUCATION
M.S. in Computer Science, Stanford University, {y0}
B.S. in Statistics, University of Texas at Austin, 2010 - 2014

SKILLS
Python, R, SQL, Spark, TensorFlow, PyTorch, Kubernetes, Git, Linux, statistics

CERTIFICATIONS
AWS Certified Machine Learning - Specialty ({y3})

"""
HEADINGS = ("SUMMARY", "EXPERIENCE", "Work History", "EDUCATION", "Skills", "PROJECTS",
            "Certifications", "Publications", "Languages", "Volunteer Experience", "Awards")
DENSE = ("Python 2015-2019", "SQL (Jan 2018 - Mar 2020)", "AWS 2020 - Present", "Docker",
         "Spark 06/2017-08/2019", "Tableau", "Kubernetes since 2021", "Excel 2012 - 2014",
         "TensorFlow, PyTorch", "Git Sept 2016 to May 2018", "Java 2010", "Linux")


def make(shape: str, size: int) -> str:
    """About `size` bytes of text of one shape (deterministic)."""
    if shape == "dates":
        unit = "2019 - "
    elif shape == "words":
        unit = " ".join(WORDS) + " "
    elif shape == "lines":
        unit = "".join(f"{w} {2000 + i % 24}\n" for i, w in enumerate(WORDS))
    elif shape == "digits":
        unit = "".join(f"{(i * 7919) % 100000} " for i in range(50))
    elif shape == "cv":
        unit = "".join(CV.format(n=4 + i % 9, y0=2008 + i % 6, y1=2012 + i % 6, y3=2015 + i % 6,
                                 y4=2016 + i % 6) for i in range(12))
    elif shape == "headings":
        unit = "".join(f"{h}\n{WORDS[i % len(WORDS)]} {2000 + i % 24}\n\n" for i, h in enumerate(HEADINGS))
    elif shape == "dense100":
        unit = "".join(_dense_line(i) for i in range(len(DENSE)))
    elif shape == "mixed":
        unit = "".join(_block(other, 2000) for other in SHAPES if other not in ("mixed", "unique", "datelines", "skills", "bullets"))
    elif shape == "unique":
        return _unique(size)
    elif shape in ("skills", "bullets"):
        return _listed(shape, size)
    elif shape == "datelines":
        unit = "2019 - " * 6428 + "\n"
    else:
        raise SystemExit(f"unknown shape {shape!r}")
    return (unit * (size // len(unit) + 1))[:size]


def _listed(shape: str, size: int) -> str:
    """A short header, then `skills`: a SKILLS section of lines of 12 names; `bullets`: an
    EXPERIENCE section of bullets naming 6 skills and ending with a date range."""
    rnd = random.Random(3)
    names = [d.split(" ")[0].strip(",") for d in DENSE] + ["Airflow", "Kafka", "Snowflake", "dbt"]
    out = ["Jane Doe\njane@example.com\n\n" + ("SKILLS\n" if shape == "skills" else "EXPERIENCE\n")]
    total = len(out[0])
    while total < size:
        items = [rnd.choice(names) + (str(rnd.randint(0, 99)) if rnd.random() < 0.3 else "")
                 for _ in range(12 if shape == "skills" else 6)]
        line = (", ".join(items) if shape == "skills" else
                f"- Built {items[0]} and {items[1]} pipelines using {', '.join(items[2:])} for "
                f"the sales team, Jan {rnd.randint(2000, 2019)} - Mar {rnd.randint(2020, 2025)}") + "\n"
        out.append(line)
        total += len(line)
    return "".join(out)[:size]


def _unique(size: int) -> str:
    """About `size` bytes of lines of 2 to 12 words (a third of them numbered, 'pipeline417'),
    a third of the lines with a date range, numbered so that no two lines are alike."""
    rnd = random.Random(7)
    vocab = WORDS + [d.split(" ")[0].strip(",") for d in DENSE]
    months = ("Jan", "Mar", "June", "Sep", "Dec", "")
    out: list[str] = []
    total = n = 0
    while total < size:
        words = [rnd.choice(vocab) + (str(rnd.randint(0, 999)) if rnd.random() < 0.3 else "")
                 for _ in range(rnd.randint(2, 12))]
        if rnd.random() < 0.3:
            words.insert(rnd.randint(0, len(words)), f"{rnd.choice(months)} "
                         f"{rnd.randint(1990, 2025)} - {rnd.randint(1990, 2025)}".strip())
        n += 1
        out.append(f"{' '.join(words)} {n}\n")
        total += len(out[-1])
    return "".join(out)[:size]


def _dense_line(i: int) -> str:
    """One line of 100 characters: skill names and date ranges from DENSE, from the i-th on."""
    items = (DENSE[(i + k) % len(DENSE)] for k in range(len(DENSE)))
    return (", ".join(items) + " " * 100)[:100] + "\n"


def _block(shape: str, size: int) -> str:
    """`size` bytes of a shape ending at a line break (one-line shapes get one)."""
    return make(shape, size - 1).rstrip("\n") + "\n"


def command(path: Path) -> list[str]:
    exe = shutil.which("resume-match", path=str(Path(sys.executable).parent)) or shutil.which("resume-match")
    base = [exe] if exe else [sys.executable, "-m", "resume_match"]
    return [*base, str(path), "--json"]


def run(path: Path, limit: float) -> str:
    """'wall s (CPU s), peak MB' of one run in a new process, or 'timeout'."""
    started = time.perf_counter()
    proc = subprocess.Popen(command(path), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _, status, usage = os.wait4(proc.pid, 0) if _wait(proc, limit) else (0, 0, None)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if usage is None:
        return "timeout"
    cpu = usage.ru_utime + usage.ru_stime
    return f"{time.perf_counter() - started:.1f} s ({cpu:.1f}), {usage.ru_maxrss / 1024:.0f} MB"


def _wait(proc: subprocess.Popen[bytes], limit: float) -> bool:
    """Whether the process ended within `limit` seconds (without reaping it)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None:
            return True
        time.sleep(0.02)
    return False


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10,20,40,100,250,1000", help="KB of input, comma-separated")
    ap.add_argument("--shapes", default=",".join(SHAPES))
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per run")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    shapes = args.shapes.split(",")
    print(f"{' '.join(command(Path('FILE')))}  (load average {os.getloadavg()[0]:.1f}, "
          f"limit {args.timeout:.0f} s per run)\n")
    print("| shape | " + " | ".join(f"{s} KB" for s in sizes) + " |")
    print("| --- |" + " ---: |" * len(sizes))
    with tempfile.TemporaryDirectory() as tmp:
        for shape in shapes:
            cells: list[str] = []
            for kb in sizes:
                if cells and cells[-1].startswith(("timeout", ">")):
                    cells.append(f"> {args.timeout:.0f} s")    # bigger inputs take longer still
                    continue
                path = Path(tmp) / f"{shape}-{kb}.txt"
                path.write_text(make(shape, kb * 1000))
                cells.append(run(path, args.timeout))
            print(f"| {shape} | " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
