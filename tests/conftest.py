"""Shared fixtures: every generated CV file (tests/pdfgen.py), made once per test session."""
from __future__ import annotations

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
