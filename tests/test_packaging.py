"""The wheel ships every data file and subpackage, and the installed package runs from any folder.

The installed-wheel tests put the wheel's files in their own folder and run them with the
repository root as the current folder, where `python -m resume_match` (and a batch worker the
forkserver starts) finds the source folder `resume_match/` first: data must be found the same
way there as in the installed copy.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "data-scientist-cv.pdf"
DATA_HOMES = {"role_profiles": "resume_match/role_profiles", "templates": "resume_match/templates",
              "resume_match/data": "resume_match/data"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(out), str(ROOT)], check=True, capture_output=True)
    return next(out.glob("resume_match-*.whl"))


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Python environment holding the wheel and the test environment's dependencies, but not
    the editable install (its finder lives in a .pth file that a plain path entry never runs).
    Returns its interpreter; `resume-match` is a console script beside it."""
    base = tmp_path_factory.mktemp("installed")
    target = base / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True, capture_output=True)
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = Path(sysconfig.get_path("purelib", vars={"base": str(venv), "platbase": str(venv)}))
    (site / "deps.pth").write_text(f"{target}\n{sysconfig.get_path('purelib')}\n")
    python = venv / "bin" / "python"
    script = venv / "bin" / "resume-match"
    script.write_text(f"#!{python}\nimport sys\nfrom resume_match.cli import main\n"
                      f"if __name__ == '__main__':\n    sys.exit(main())\n")   # as pip writes it
    script.chmod(0o755)
    return python


def test_wheel_lists_every_data_file_and_subpackage(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = set()
    for src, dest in DATA_HOMES.items():
        for f in (ROOT / src).rglob("*"):
            if f.is_file() and "__pycache__" not in f.parts:
                expected.add(f"{dest}/{f.relative_to(ROOT / src).as_posix()}")
    packages = {p.parent.relative_to(ROOT).as_posix() for p in (ROOT / "resume_match").rglob("__init__.py")}
    expected |= {f"{p}/__init__.py" for p in packages}
    expected |= {"resume_match/report.schema.json", "resume_match/py.typed"}
    assert not expected - names, sorted(expected - names)
    assert len(packages) >= 8 and "resume_match/batch" in packages
    assert {"resume_match/role_profiles/data-scientist.yaml",
            "resume_match/role_profiles/skills/skills.yaml",
            "resume_match/templates/report.html.jinja2"} <= names
    # Source folders at the root must not leak into the wheel as top-level packages.
    assert not any(n.startswith(("role_profiles/", "templates/", "tests/")) for n in names)
    # templates/ holds templates, CSS and JavaScript only; data lives in its own homes.
    assert all(n.endswith((".jinja2", ".css", ".js")) for n in names
               if n.startswith("resume_match/templates/"))


def run_installed(python: Path, *args: str, script: bool = False) -> subprocess.CompletedProcess[str]:
    """Run the installed copy with the repository root as the current folder."""
    cmd = [str(python.parent / "resume-match")] if script else [str(python), "-m", "resume_match"]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run([*cmd, *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)


@pytest.mark.slow
@pytest.mark.parametrize("script", [False, True], ids=["python-m", "console-script"])
def test_installed_wheel_runs_every_command_from_the_repository_root(
        installed: Path, tmp_path: Path, script: bool) -> None:
    r = run_installed(installed, "roles", script=script)
    assert r.returncode == 0, r.stderr
    assert "data-scientist" in r.stdout and "ai-product-manager" in r.stdout
    r = run_installed(installed, str(EXAMPLE), "--role", "data-scientist", "--json", script=script)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["fits"][0]["role"] == "data-scientist"
    posting = tmp_path / "posting.txt"
    posting.write_text("Data Scientist\nRequirements: Python, SQL, statistics and machine learning.\n")
    r = run_installed(installed, "jd", str(posting), "--json", script=script)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["closest_role"]
    r = run_installed(installed, "roadmap", str(EXAMPLE), script=script)
    assert r.returncode == 0, r.stderr
    assert "Best fit now:" in r.stdout
    out = tmp_path / "out"
    r = run_installed(installed, "batch", "examples", "--role", "data-scientist", "--out", str(out),
                      "--workers", "1", "--quiet", script=script)
    assert r.returncode == 0, r.stderr
    assert (out / "index.html").is_file() and (out / "results.csv").read_text().count("\n") == 2


def test_installed_package_is_the_one_imported(installed: Path) -> None:
    """The console script imports the installed copy, not the checkout (so the tests above
    check the wheel, and the `python -m` ones the checkout seen through the current folder)."""
    code = "import resume_match, sys; print(resume_match.__file__)"
    r = subprocess.run([str(installed), "-c", code], cwd="/", capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert not r.stdout.startswith(str(ROOT / "resume_match")), r.stdout


def test_python_dash_m_runs_the_cli() -> None:
    out = subprocess.run([sys.executable, "-m", "resume_match", "--help"], capture_output=True,
                         text=True, check=True)
    assert "analyse" in out.stdout and "batch" in out.stdout
