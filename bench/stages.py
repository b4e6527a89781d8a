"""Where a CV's time goes: per-stage CPU time in one process over a sample of the corpus.

    python bench/stages.py [--corpus ../shared/corpus/livecareer] [--limit 40] [--engine pdfium]

Runs the stages of resume_match.api.read/evaluate one by one (words from the PDF engine, layout,
sections, facts, skills, scoring + ATS + template, HTML report) and prints the mean milliseconds
of each per CV (process CPU time, so other users of the machine do not inflate it), after one
untimed CV that loads the data files (as each batch worker does once), with the garbage
collector tuned as in a batch worker (otherwise its full collections, ~40 ms each with spaCy
loaded, land in whichever stage happens to be allocating).
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

from resume_match import api
from resume_match import render as report
from resume_match.batch.local import collect_garbage_rarely
from resume_match.extract.layout import build_document
from resume_match.parse.facts import extract_facts
from resume_match.models import Candidate
from resume_match.parse.sections import split_sections
from resume_match.skills import find_skills, get_matcher

sys.path.insert(0, str(Path(__file__).parent))
from batch import DEFAULT_CORPUS, sample  # noqa: E402


def page_words(data: bytes, engine: str) -> list[Any]:
    """The engine's half of reading: positioned words per page."""
    if engine == "pdfium":
        import pypdfium2 as pdfium

        from resume_match.extract.pdfium import page_words as words
        pdf = pdfium.PdfDocument(data)
        try:
            return [words(pdf, i) for i in range(len(pdf))]
        finally:
            pdf.close()
    import io

    import pdfplumber

    from resume_match.extract import pdf as plumber
    from resume_match.extract.limits import CharBudget
    with pdfplumber.open(io.BytesIO(data)) as doc:
        return [plumber._page_words(p, n, "x", CharBudget("x")) for n, p in enumerate(doc.pages, 1)]


def timed(store: dict[str, float], name: str, fn: Callable[[], Any]) -> Any:
    start = time.process_time()
    value = fn()
    store[name] += time.process_time() - start
    return value


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=40)
    ap.add_argument("--engine", default="pdfium")
    ap.add_argument("--role", action="append", default=None)
    args = ap.parse_args(argv)
    profiles = api.resolve_roles(args.role or ["data-scientist"])
    matcher = get_matcher()
    files = sample(args.corpus, args.limit)
    # one CV first, untimed: data files (sections lexicon, places, degrees, roles, templates)
    # load on first use, once per process, and would otherwise count as per-CV work
    report.render_html(api.analyse(files[0], profiles, engine=args.engine, matcher=matcher))
    collect_garbage_rarely()
    ms: dict[str, float] = defaultdict(float)
    for f in files:
        data = f.read_bytes()
        pages = timed(ms, f"words ({args.engine})", lambda: page_words(data, args.engine))
        doc = timed(ms, "layout", lambda: build_document(str(f), pages, file_size=len(data)))
        sections = timed(ms, "sections", lambda: split_sections(doc))
        facts = timed(ms, "facts", lambda: extract_facts(doc, sections))
        skills = timed(ms, "skills", lambda: find_skills(sections, matcher))
        cand = Candidate(source=doc.source, readable=doc.readable, unreadable_reason=doc.unreadable_reason,
                         name=facts.name, contact=facts.contact, sections=sections, skills=skills,
                         experience=facts.experience, education=facts.education,
                         certifications=facts.certifications, warnings=doc.warnings, document=doc)
        rep = timed(ms, "scoring + ATS + template", lambda: api.evaluate(cand, profiles))
        timed(ms, "HTML report", lambda: report.render_html(rep))
    total = sum(ms.values())
    print(f"{len(files)} PDFs, engine {args.engine}, roles {', '.join(p.id for p in profiles)}")
    print("| stage | CPU ms per CV | share |")
    print("| --- | ---: | ---: |")
    for name, secs in ms.items():
        print(f"| {name} | {1000 * secs / len(files):.1f} | {secs / total:.0%} |")
    print(f"| total | {1000 * total / len(files):.1f} | 100% |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
