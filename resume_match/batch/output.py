"""What a batch writes into its output folder: the row type, the ranked results.csv and
results.jsonl, index.html, the manifest, and the journal that lets an interrupted batch resume.
"""
from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
from dataclasses import dataclass, field, fields
from pathlib import Path
from types import TracebackType
from typing import Any, Iterable, Iterator, Literal

from resume_match.data import bundled_text
from resume_match.extract.safetext import escape_controls
from resume_match import render
from resume_match.fileio import write_atomic
from resume_match.models import RoleProfile

RESULTS_JSONL = "results.jsonl"
RESULTS_CSV = "results.csv"
INDEX_HTML = "index.html"
MANIFEST = "batch.json"
JOURNAL = ".journal.jsonl"
REPORTS_DIR = "reports"
HISTOGRAM_BINS = 10


@dataclass(frozen=True)
class BatchRow:
    """One CV's line in the shortlist (JSONL object / CSV row)."""
    file: str                      # path relative to the folder (a pseudonym when blind)
    sha256: str
    status: Literal["ok", "unreadable", "error"]   # unreadable: read, but no usable text (a scan)
    error: str | None = None       # the one-line reason (also for an unreadable file)
    # the failure may not recur (time limit, worker crash, internal fault): --resume retries it
    transient: bool = False
    readable: bool | None = None
    best_role: str | None = None
    best_score: int | None = None
    scores: dict[str, int] = field(default_factory=dict)   # role id -> 0-100
    matched: tuple[str, ...] = ()  # the best role's top matched skills
    missing: tuple[str, ...] = ()  # the best role's top missing skills
    ats_score: int | None = None
    years: float | None = None
    highest_degree: str | None = None
    report: str | None = None      # the per-CV HTML report, relative to the output folder
    name: str | None = None        # the candidate's name (never with --blind)
    found: tuple[str, ...] = ()    # every skill of the best role the CV names (index search)

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "BatchRow":
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v
                                  for k, v in d.items() if k in known}
        return cls(**values)


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


STATUS_ORDER = {"ok": 0, "unreadable": 1, "error": 2}


def rank(rows: Iterable[BatchRow]) -> tuple[BatchRow, ...]:
    """Best score first, then file name; unreadable files, then errors, last."""
    return tuple(sorted(rows, key=lambda r: (STATUS_ORDER.get(r.status, 3), -(r.best_score or 0),
                                             r.file)))


# ---------------------------------------------------------------- final outputs

def write_outputs(out: Path, rows: Iterable[BatchRow], profiles: tuple[RoleProfile, ...], *,
                  blind: bool) -> tuple[BatchRow, ...]:
    """Write results.jsonl, results.csv and index.html (each atomically); the ranked rows."""
    ranked = rank(rows)
    role_ids = [p.id for p in profiles]
    write_atomic(out / RESULTS_JSONL, render_jsonl(ranked))
    write_atomic(out / RESULTS_CSV, render_csv(ranked, role_ids))
    write_atomic(out / INDEX_HTML, render.render_batch_index(index_view(ranked, profiles, blind=blind)))
    (out / JOURNAL).unlink(missing_ok=True)
    return ranked


def render_jsonl(rows: Iterable[BatchRow]) -> str:
    """results.jsonl: one JSON object per row."""
    return "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in rows)


CSV_COLUMNS = ("file", "name", "sha256", "status", "error", "transient", "readable", "best_role", "best_score",
               "ats_score", "years", "highest_degree", "matched", "missing", "report")


def render_csv(rows: Iterable[BatchRow], role_ids: list[str]) -> str:
    """Flat columns: the JSONL fields, skills joined by '; ', one `score:<role>` column per role."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([*CSV_COLUMNS, *(f"score:{r}" for r in role_ids)])
    for row in rows:
        d = row.to_dict()
        flat = [_cell("; ".join(d[c]) if isinstance(d[c], list) else d[c]) for c in CSV_COLUMNS]
        writer.writerow([*flat, *(_cell(row.scores.get(r)) for r in role_ids)])
    return buf.getvalue()


# A text cell starting so is a formula to a spreadsheet ('=HYPERLINK(...)' as a CV's name or
# file name): it gets a leading apostrophe, which spreadsheets show as text (OWASP's advice).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    """A CSV cell; control characters (a file name may hold ESC) as visible escapes, since the
    file is read in terminals as often as in spreadsheets, and text that a spreadsheet would run
    as a formula quoted."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + escape_controls(value)
    return escape_controls(str(value))


def histogram(rows: Iterable[BatchRow], bins: int = HISTOGRAM_BINS) -> list[int]:
    """Counts of best scores in `bins` equal bins over 0-100 (100 falls in the last)."""
    counts = [0] * bins
    for r in rows:
        if r.status == "ok" and r.best_score is not None:
            counts[min(bins - 1, max(0, r.best_score) * bins // 100)] += 1
    return counts


# ---------------------------------------------------------------- index.html

HIST_W, HIST_H, HIST_PAD = 420, 160, 24


def index_view(rows: tuple[BatchRow, ...], profiles: tuple[RoleProfile, ...], *,
               blind: bool) -> dict[str, Any]:
    """Plain values for templates/batch_index.html.jinja2 (no logic in the template)."""
    titles = {p.id: p.title for p in profiles}
    counts = {s: sum(r.status == s for r in rows) for s in STATUS_ORDER}
    script = bundled_text("templates", "batch_index.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return {
        "title": "Batch results" + (" (blind)" if blind else ""), "blind": blind,
        "total": len(rows), "ok": counts["ok"], "unreadable": counts["unreadable"],
        "failed": counts["error"], "statuses": [s for s in STATUS_ORDER],
        "roles": [{"id": p.id, "title": p.title} for p in profiles],
        "rows": [_row_view(i, r, titles, [p.id for p in profiles], blind)
                 for i, r in enumerate(rows, 1)],
        "hist": histogram_view(histogram(rows)),
        "script": script, "script_hash": f"sha256-{digest}",
    }


def _row_view(rank_no: int, r: BatchRow, titles: dict[str, str], role_ids: list[str],
              blind: bool) -> dict[str, Any]:
    name = "" if blind else (r.name or "")
    role_title = titles.get(r.best_role or "", r.best_role or "")
    # what the free-text search looks in: who, which file, the role and every skill found;
    # never the missing skills ("python" must not find every CV that lacks it)
    search = " ".join(filter(None, (name, r.file, role_title, *(r.found or r.matched))))
    return {"rank": rank_no, "file": r.file, "name": name, "report": r.report, "status": r.status,
            "error": r.error, "best_role": r.best_role, "best_role_title": role_title,
            "best_score": r.best_score, "role_scores": [r.scores.get(i) for i in role_ids],
            "ats_score": r.ats_score, "years": r.years, "degree": r.highest_degree or "",
            "matched": ", ".join(r.matched), "missing": ", ".join(r.missing),
            "search": search.lower()}


def histogram_view(counts: list[int]) -> dict[str, Any]:
    """Bar geometry for an inline SVG histogram of best scores."""
    n = len(counts) or 1
    left, right, base = HIST_PAD, HIST_W - 4, HIST_H - 20
    slot = (right - left) / n
    top = max([*counts, 1])
    bars = []
    for i, c in enumerate(counts):
        h = round((base - 16) * c / top, 1)
        lo, hi = i * 100 // n, (i + 1) * 100 // n - (0 if i == n - 1 else 1)
        bars.append({"x": round(left + i * slot + 2, 1), "w": round(slot - 4, 1), "y": round(base - h, 1),
                     "h": h, "cx": round(left + (i + .5) * slot, 1), "count": c, "label": f"{lo}-{hi}"})
    desc = "; ".join(f"{b['label']}: {b['count']}" for b in bars)
    return {"width": HIST_W, "height": HIST_H, "left": left, "right": right, "base": base,
            "bars": bars, "description": f"Number of CVs per best-fit score band. {desc}."}


# ---------------------------------------------------------------- manifest and journal

def write_manifest(out: Path, key: str, settings: Any, *, resume: bool) -> None:
    """Record the settings a batch runs with, so --resume can refuse a mismatch; a fresh run
    first drops the old results.jsonl so a later --resume cannot mix in rows of other settings.
    """
    if not resume:
        (out / RESULTS_JSONL).unlink(missing_ok=True)
    data = {"settings_key": key, "roles": [p.id for p in settings.profiles],
            "engine": settings.engine, "ocr": settings.ocr, "blind": settings.blind}
    write_atomic(out / MANIFEST, json.dumps(data, indent=2) + "\n")


def read_manifest(out: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


class Journal:
    """Rows appended (and flushed) as files finish, so an interrupted batch loses nothing."""

    def __init__(self, out: Path, *, append: bool) -> None:
        out.mkdir(parents=True, exist_ok=True)
        self._fh = open(out / JOURNAL, "a" if append else "w", encoding="utf-8")

    def add(self, row: BatchRow) -> None:
        self._fh.write(json.dumps(row.to_dict(), ensure_ascii=False) + "\n")
        self._fh.flush()

    def __enter__(self) -> "Journal":
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._fh.close()


def load_finished(out: Path, *, with_reports: bool) -> dict[str, BatchRow]:
    """Rows already finished in `out` (results.jsonl, then the journal), by content hash.

    A half-written last journal line is ignored; an ok row whose report is missing is redone, and
    so is a transient failure (a time limit or a crash may not recur), once: a second failure
    on the same content is recorded as not transient (folder.py), and kept from then on.
    """
    found: dict[str, BatchRow] = {}
    for row in _saved_rows(out):
        if with_reports and row.status != "error" and not (row.report and (out / row.report).exists()):
            continue
        if row.transient:
            found.pop(row.sha256, None)     # a later journal line may not override it
            continue
        found[row.sha256] = row
    return found


def transient_failures(out: Path) -> set[str]:
    """Content hashes whose last row in `out` is a transient failure: --resume tries them once
    more, and a second failure of one of them is no longer transient."""
    last: dict[str, BatchRow] = {}
    for row in _saved_rows(out):
        last[row.sha256] = row
    return {sha for sha, row in last.items() if row.status == "error" and row.transient}


def _saved_rows(out: Path) -> Iterator[BatchRow]:
    """The rows of results.jsonl, then of the journal, in order; a broken line is skipped (the
    half-written last line of an interrupted run)."""
    for name in (RESULTS_JSONL, JOURNAL):
        try:
            text = (out / name).read_text(encoding="utf-8")
        except OSError:
            continue
        for line in text.splitlines():
            try:
                yield BatchRow.from_dict(json.loads(line))
            except (ValueError, TypeError):
                continue
