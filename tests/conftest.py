"""Shared fixtures: every generated CV file (tests/pdfgen.py), made once per test session."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import pdfgen  # noqa: E402


@pytest.fixture(scope="session")
def fixtures_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding every fixture from tests/pdfgen.py (see FIXTURES there for the names)."""
    out = tmp_path_factory.mktemp("fixtures")
    pdfgen.write_all(out)
    return out


@pytest.fixture(scope="session", autouse=True)
def _cache_home(tmp_path_factory: pytest.TempPathFactory):
    """The skills cache (skills/cache.py) goes to a folder of the session, never the user's."""
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old


@pytest.fixture(scope="module")
def matcher():
    """The bundled skills matcher (built once per process; its tables from the session cache)."""
    from resume_match.skills import get_matcher
    return get_matcher()
