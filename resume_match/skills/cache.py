"""Built skills data kept on disk between processes: the parsed taxonomy and the matcher's tables.

With the extended taxonomy (~9,600 skills, ~30,000 spellings) parsing the YAML and tokenizing
every name costs over a second, paid by every cold CLI run and every batch worker. The result is
pure data, so it is pickled once into the user's cache folder ($XDG_CACHE_HOME/resume-match, or
~/.cache/resume-match) under a key: the sha256 of the data files and of the code that builds
from them (and the Python and spaCy versions). A missing, stale or unreadable file is rebuilt;
a file is written atomically (a temporary file renamed over it), so a crash or a second process
never leaves half a file; when the folder cannot be written the data is built and not kept.

Set RESUME_MATCH_CACHE=0 to neither read nor write the cache.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Callable, Iterable, TypeVar

T = TypeVar("T")
FORMAT = 1                  # bump when the pickled objects change shape
MAGIC = "resume-match-cache"
KEY_CHARS = 24              # of the hex digest, in the file name
_HERE = Path(__file__).resolve().parent


def cache_dir() -> Path:
    """$XDG_CACHE_HOME/resume-match, or ~/.cache/resume-match."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "resume-match"


def enabled() -> bool:
    return os.environ.get("RESUME_MATCH_CACHE", "1").strip().lower() not in ("0", "no", "off", "false")


def digest(files: Iterable[Path], extra: Iterable[str] = ()) -> str:
    """The key: sha256 over each file's name and bytes, the given strings, the cache format and
    the Python version (pickles are read by the version that wrote them)."""
    h = hashlib.sha256(f"{MAGIC}/{FORMAT}/{sys.version_info[:2]}".encode())
    for path in files:
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for item in extra:
        h.update(item.encode() + b"\0")
    return h.hexdigest()


def code_files(*names: str) -> list[Path]:
    """Modules of this package whose code decides what is built (a change rebuilds)."""
    return [_HERE / f"{name}.py" for name in names]


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """The object stored under `name` and `key`, or build() it and store it."""
    if not enabled():
        return build()
    path = cache_dir() / f"{name}-{key[:KEY_CHARS]}.pickle"
    found = _read(path, key)
    if found is not None:
        return found               # type: ignore[return-value]
    obj = build()
    _write(path, key, obj, name)
    return obj


def _read(path: Path, key: str) -> object | None:
    """The stored object, or None when the file is missing, for another key, or unreadable
    (truncated, corrupt, written by an older version of the code: rebuilt, never an error)."""
    try:
        with path.open("rb") as f:
            magic, stored_key, obj = pickle.load(f)
    except FileNotFoundError:
        return None
    except Exception:              # noqa: BLE001 - any damage to a cache file means "rebuild"
        return None
    return obj if magic == MAGIC and stored_key == key else None


def _write(path: Path, key: str, obj: object, name: str) -> None:
    """Store atomically, then remove this name's files for other keys; a folder that cannot be
    written is left alone (the next process builds again)."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump((MAGIC, key, obj), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        tmp = None
        for old in path.parent.glob(f"{name}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
