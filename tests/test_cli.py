"""CLI contract: exit codes, one-line errors naming the file, payload-only stdout."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from resume_match.cli import main

CV_TEXT = """Jane Doe
jane.doe@example.com | +1 415 555 0100 | github.com/janedoe

SUMMARY
Data scientist with five years of experience in Python and SQL.

EXPERIENCE
Data Scientist, Acme Corp  Jan 2020 - Present
- Built churn models in Python with scikit-learn, lifting retention by 12%.

EDUCATION
M.S. Statistics, Stanford University, 2019

SKILLS
Python, SQL, pandas, scikit-learn, Tableau
"""


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_missing_file_is_one_line_error_exit_1(tmp_path: Path) -> None:
    missing = tmp_path / "nope.pdf"
    result = run(str(missing))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {missing}: no such file"
    assert result.stdout == ""


def test_empty_file_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    result = run(str(empty), "--json")
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {empty}: file is empty"


def test_binary_junk_is_refused_with_reason(tmp_path: Path) -> None:
    junk = tmp_path / "photo.png"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    result = run(str(junk))
    assert result.exit_code == 1
    assert "photo.png: unsupported file type" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_text_file_of_an_undocumented_type_is_refused(tmp_path: Path) -> None:
    notes = tmp_path / "notes.xyz"
    notes.write_text(CV_TEXT)
    result = run(str(notes))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.strip() == f"Error: {notes}: unsupported file type '.xyz' (PDF, DOCX, .txt or .md)"


def test_documented_text_types_are_read(tmp_path: Path) -> None:
    for name in ("cv.txt", "cv.md", "CV.MD"):
        (tmp_path / name).write_text(CV_TEXT)
        result = run(str(tmp_path / name), "--json")
        assert result.exit_code == 0, (name, result.stderr)
        assert json.loads(result.stdout)["name"] == "Jane Doe"


def test_every_written_file_is_named_on_stderr(tmp_path: Path) -> None:
    cv = tmp_path / "cv.txt"
    cv.write_text(CV_TEXT)
    html, page = tmp_path / "out" / "report.html", tmp_path / "out" / "cv.html"
    result = run(str(cv), "--json", "--html", str(html), "--cv-out", str(page))
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [f"wrote {html}", f"wrote {page}"]
    assert html.exists() and page.exists()
    json.loads(result.stdout)                         # stdout is still only the payload
    roadmap = tmp_path / "roadmap.html"
    result = run("roadmap", str(cv), "--html", str(roadmap))
    assert result.exit_code == 0 and result.stderr.splitlines() == [f"wrote {roadmap}"]


def test_unreadable_cv_prints_the_cause_once(fixtures_dir) -> None:
    result = run(str(fixtures_dir / "image_only.pdf"), "--role", "data-scientist")
    assert result.exit_code == 0
    out = result.stdout
    assert out.count("NOT READABLE: no text layer") == 1
    flagged = [ln.strip() for ln in out.splitlines() if ln.strip().startswith("[")]
    assert len(flagged) == 1 and flagged[0].startswith("[FAIL] Text layer")   # no echoes
    assert "Name: -" not in out and "Skills (0)" not in out


def test_pdf_name_without_pdf_content(tmp_path: Path) -> None:
    fake = tmp_path / "cv.pdf"
    fake.write_text("this is not a pdf at all")
    result = run(str(fake))
    assert result.exit_code == 1
    assert "cv.pdf: not a valid PDF" in result.stderr


def test_unknown_option_is_usage_error_exit_2(tmp_path: Path) -> None:
    cv = tmp_path / "cv.txt"
    cv.write_text(CV_TEXT)
    result = run(str(cv), "--no-such-option")
    assert result.exit_code == 2


def test_input_is_never_modified(tmp_path: Path) -> None:
    cv = tmp_path / "cv.txt"
    cv.write_text(CV_TEXT)
    before = (cv.read_bytes(), cv.stat().st_mtime_ns)
    assert run(str(cv), "--json").exit_code == 0
    assert (cv.read_bytes(), cv.stat().st_mtime_ns) == before


def test_json_output_is_only_the_payload(tmp_path: Path) -> None:
    cv = tmp_path / "cv.txt"
    cv.write_text(CV_TEXT)
    result = run(str(cv), "--json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["schema_version"]
    assert report["readable"] is True
    assert report["source"] == str(cv)


def test_every_command_has_help_and_is_in_readme() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    for name, command in main.commands.items():
        result = run(name, "--help")
        assert result.exit_code == 0, name
        assert (command.help or "").strip(), f"{name} has no help text"
        assert f"resume-match {name}" in readme or name == "analyse", f"README lacks `resume-match {name}`"


def test_commands_that_read_no_cv_do_not_import_spacy() -> None:
    """spaCy's import is ~0.4 s: --help, roles and a batch's parent process must not pay it."""
    code = ("import sys, resume_match, resume_match.cli, resume_match.batch.folder; "
            "from resume_match.skills import find_skills, get_matcher; "
            "print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_matcher_class_is_still_importable_from_the_package() -> None:
    from resume_match.skills import SkillMatcher, get_matcher
    assert isinstance(get_matcher(), SkillMatcher)
