"""The wheel ships the data folders kept at the repository root (role_profiles/, templates/)."""
from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_contains_role_profiles_and_templates(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("resume_match-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    roles = {Path(n).name for n in names if n.startswith("resume_match/role_profiles/")}
    templates = {n for n in names if n.startswith("resume_match/templates/")}
    for role in ("data-analyst", "data-scientist", "ml-engineer", "research-scientist",
                 "ai-product-manager"):
        assert f"{role}.yaml" in roles, sorted(roles)
    assert "skills.yaml" in roles or any(r.startswith("skills") for r in roles)
    assert any(n.endswith(".jinja2") for n in templates), sorted(templates)
    assert "resume_match/report.schema.json" in names
    assert "resume_match/py.typed" in names
    # Source folders at the root must not leak into the wheel as top-level packages.
    assert not any(n.startswith(("role_profiles/", "templates/", "tests/")) for n in names)


def test_python_dash_m_runs_the_cli() -> None:
    out = subprocess.run([sys.executable, "-m", "resume_match", "--help"], capture_output=True,
                         text=True, check=True)
    assert "analyse" in out.stdout and "batch" in out.stdout
