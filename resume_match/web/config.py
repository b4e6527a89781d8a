"""The web server's options and limits, in one place (the CLI sets some, tests set others)."""
from __future__ import annotations

from dataclasses import dataclass, field

from resume_match.batch.folder import DEFAULT_TIMEOUT_S

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one upload, one job and the whole server may take. A CV's page cap is the
    library's (extract.MAX_PAGES): a longer PDF is refused with its error."""
    max_file_bytes: int = 10 * MB        # one CV or posting file; more is a 413
    max_request_bytes: int = 100 * MB    # one request's body, and what its zip files expand to
    max_files: int = 200                 # CVs in one recruiter upload, zip entries included
    max_field_bytes: int = 256 * 1024    # a form field (a pasted posting); more is a 413
    max_fields: int = 64                 # form fields in one request
    timeout_s: float = DEFAULT_TIMEOUT_S  # per file, as `batch --timeout`
    queue_files: int = 400               # files waiting or being analysed; more is a 503
    max_uploads: int = 16                # request bodies being received at once; more is a 503
    keep_results_s: float = 3600.0       # finished results are dropped this long after the job
    keep_jobs: int = 32                  # and the oldest go first past this many


@dataclass(frozen=True)
class ServerOptions:
    host: str = "127.0.0.1"
    port: int = 8000                     # 0: a free port, said in the listening line
    workers: int | None = None           # analysis processes (default: the cores)
    limits: Limits = field(default_factory=Limits)
