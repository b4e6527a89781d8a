"""Small file helpers shared by the CLI, reports and batch: atomic writes."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _default_mode() -> int:
    """0666 less the process umask: the mode open() would have given a new file."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


_FILE_MODE = _default_mode()


def write_atomic(path: str | Path, data: str | bytes) -> Path:
    """Write to a temporary file beside `path`, then rename: readers never see half a file."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            os.fchmod(fh.fileno(), _FILE_MODE)   # mkstemp makes 0600; outputs are for sharing
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
