"""Behaviour snapshot: the JSON report of each CV given, one file per CV in OUTDIR, so two
builds can be compared with `diff -r` (a speed-up must change no output).

    python tools/snapshot.py OUTDIR CV_OR_FOLDER... [--engine pdfium] [--every N]

Folders are walked (every N-th file, in name order); a file that fails gets its error line.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from resume_match import api, render
from resume_match.skills import get_matcher

SUFFIXES = {".pdf", ".docx", ".txt", ".md"}


def files(paths: list[str], every: int) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        out += sorted(f for f in p.rglob("*") if f.suffix.lower() in SUFFIXES)[::every] if p.is_dir() else [p]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--engine", default="pdfplumber", choices=["pdfplumber", "pdfium"])
    ap.add_argument("--every", type=int, default=1, help="take every N-th file of a folder")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    matcher = get_matcher()
    todo = files(args.paths, args.every)
    for f in todo:
        try:
            text = render.render_json(api.analyse(str(f), engine=args.engine, matcher=matcher))
        except Exception as e:        # any failure is part of the behaviour compared
            text = f"ERROR {type(e).__name__}: {e}"
        (out / f"{f.name}.json").write_text(text)
    print(f"{len(todo)} reports in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
