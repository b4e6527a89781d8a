"""The web extra is needed by `resume-match serve` only: without starlette, uvicorn and
python-multipart the package, the CLI and the web package's worker side import, and `serve`
says in one line what to install."""
from __future__ import annotations

import subprocess
import sys

WITHOUT_EXTRA = ("import sys\n"
                 "for name in ('starlette', 'uvicorn', 'python_multipart', 'multipart'):\n"
                 "    sys.modules[name] = None      # import fails, find_spec says missing\n")


def run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", WITHOUT_EXTRA + code], capture_output=True,
                          text=True, timeout=120)


def test_the_package_and_the_cli_import_without_the_web_extra() -> None:
    for name in ("starlette", "uvicorn", "python_multipart"):          # the block works
        assert run(f"import {name}").returncode == 1
    ok = run("import resume_match, resume_match.cli, resume_match.web, resume_match.web.work, "
             "resume_match.web.jobs\nprint('ok')\n")
    assert ok.returncode == 0 and ok.stdout == "ok\n", ok.stderr


def test_serve_without_the_extra_is_one_line_with_the_pip_command() -> None:
    r = run("from resume_match.cli import main\nmain(['serve'])\n")
    assert r.returncode == 2
    assert r.stderr == ("Error: resume-match serve needs the web extra (starlette, uvicorn, "
                        "python_multipart not installed): pip install 'resume-match[web]'\n")
    help_ = run("from resume_match.cli import main\nmain(['serve', '--help'])\n")
    assert help_.returncode == 0 and "--workers" in help_.stdout


def test_other_commands_work_without_the_extra(tmp_path) -> None:  # type: ignore[no-untyped-def]
    cv = tmp_path / "cv.txt"
    cv.write_text("Ana Lindqvist\nana@example.net\n\nSkills\nPython, SQL\n")
    r = run(f"from resume_match.cli import main\nmain([{str(cv)!r}, '--role', 'data-scientist', '--json'])\n")
    assert r.returncode == 0 and '"schema_version"' in r.stdout, r.stderr
