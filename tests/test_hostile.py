"""Hostile and broken files (issues 13 and 16): every one answered with a report or the one-line
error, within the time limit and well under 500 MB, never a traceback; limits bind before the
work; both engines count the same; text in other encodings is read; no control character in
any text output. Fixtures come from tests/hostilegen.py.
"""
from __future__ import annotations

import json
import multiprocessing as mp
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

import hostilegen as hg
import pdfgen
from resume_match.batch.pool import run_tasks
from resume_match.errors import InputError, LimitError
from resume_match.extract import Limits, read_document
from resume_match.extract.limits import MiB
from resume_match.models import Document

CLI = [sys.executable, "-m", "resume_match"]
PEAK_MB = 500
ENGINES = ("pdfplumber", "pdfium")


def run_cli(*args: str | Path, timeout: float = 120) -> tuple[subprocess.CompletedProcess[str], float, float]:
    """The CLI in a child process: its result, wall seconds, and the peak RSS in MB of the
    largest child this test process has had (ru_maxrss is a maximum over all of them)."""
    start = time.monotonic()
    proc = subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True, timeout=timeout)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return proc, time.monotonic() - start, peak


def one_line_error(proc: subprocess.CompletedProcess[str]) -> str:
    """The error of a failed run, asserting it is one line and no traceback."""
    assert proc.returncode == 1, (proc.returncode, proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


@pytest.fixture(scope="module")
def docx_base(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return pdfgen.make_docx(tmp_path_factory.mktemp("docx") / "cv.docx").read_bytes()


# ---------------------------------------------------------------- bombs: refused before the work

@pytest.mark.parametrize("engine", ENGINES)
def test_a_1_mb_flate_stream_inflating_to_1_gib_is_refused_before_it_is_inflated(
        tmp_path: Path, engine: str) -> None:
    bomb = hg.write(tmp_path / "bomb.pdf", hg.flate_bomb_pdf(1024 * MiB))
    assert len(bomb.read_bytes()) < 1.5 * MiB
    proc, wall, peak = run_cli(bomb, "--json", "--engine", engine)
    assert "inflates to more than 32 MiB, over the limit for one stream" in one_line_error(proc)
    assert peak < PEAK_MB and wall < 60


def test_a_doubly_compressed_bomb_is_refused_at_its_first_stage() -> None:
    bomb = hg.flate_bomb_pdf(64 * MiB, double=True)
    assert len(bomb) < 200_000
    with pytest.raises(LimitError, match="inflates to more than 32 MiB"):
        read_document(bomb, name="double.pdf")


def test_streams_under_the_per_stream_cap_still_count_against_the_per_file_cap() -> None:
    limits = Limits(max_stream_bytes=2 * MiB, max_inflated_bytes=3 * MiB)
    pages = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
             2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
             3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents [5 0 R 6 0 R] >>",
             5: hg.stream(hg.deflated(MiB + MiB // 2), b"/Filter /FlateDecode "),
             6: hg.stream(hg.deflated(MiB + MiB // 2), b"/Filter /FlateDecode "),
             7: hg.stream(hg.deflated(MiB + MiB // 2), b"/Filter /FlateDecode ")}
    with pytest.raises(LimitError, match="its streams inflate to more than 3 MiB, over the limit for one file"):
        read_document(hg.build_pdf(pages), name="many.pdf", limits=limits)


def test_a_docx_part_declaring_4_gib_is_refused_by_its_declared_size(docx_base: bytes) -> None:
    bomb = hg.zip_bomb_docx(docx_base, 4096 * MiB)
    with pytest.raises(LimitError, match=r"word/document.xml inflates to 4096.0 MiB, over the 32 MiB limit for one part"):
        read_document(bomb, name="bomb.docx")


def test_a_docx_part_lying_about_its_size_is_refused_as_it_inflates(tmp_path: Path,
                                                                  docx_base: bytes) -> None:
    bomb = hg.write(tmp_path / "lying.docx", hg.lying_size_docx(docx_base, 512 * MiB))
    proc, wall, peak = run_cli(bomb, "--json")
    assert "word/document.xml inflates to more than 32 MiB" in one_line_error(proc)
    assert peak < PEAK_MB and wall < 60


# ---------------------------------------------------------------- characters per page, line, document

@pytest.mark.parametrize("engine", ENGINES)
def test_a_page_of_a_million_glyphs_is_given_up_while_it_is_read(tmp_path: Path, engine: str) -> None:
    pdf = hg.write(tmp_path / "line.pdf", hg.long_line_pdf(1_000_000))
    proc, wall, peak = run_cli(pdf, "--json", "--engine", engine)
    line = one_line_error(proc)      # pdfium counts every glyph at once, pdfminer as it draws
    assert ("page 1 has more than 60,000 characters, over the limit for one page" in line
            or "page 1 has more than 240,000 glyphs (white space included)" in line), line
    assert peak < PEAK_MB and wall < 60


@pytest.mark.parametrize("engine", ENGINES)
def test_both_engines_count_a_page_the_same_way(engine: str) -> None:
    """pdfium adds a CR LF at each line end: 50 lines of 99 letters are 5,048 characters to it
    and 4,950 to pdfminer. The cap counts what is not white space, so both agree."""
    limits = Limits(max_chars_per_page=5_000)
    under = read_document(hg.glyph_lines_pdf(50, 99), name="under.pdf", engine=engine, limits=limits)
    assert sum(len(ln.text) for ln in under.lines) >= 4_900
    with pytest.raises(LimitError, match="page 1 has more than 5,000 characters"):
        read_document(hg.glyph_lines_pdf(51, 99), name="over.pdf", engine=engine, limits=limits)



def each_engine(data: bytes, name: str) -> list[tuple[str, Document | LimitError]]:
    """(engine, its Document or the LimitError it refused the file with) for both engines."""
    out: list[tuple[str, Document | LimitError]] = []
    for engine in ENGINES:
        try:
            out.append((engine, read_document(data, name=name, engine=engine)))
        except LimitError as e:
            out.append((engine, e))
    return out


@pytest.mark.parametrize("letters", [59_999, 60_000, 60_001, 61_000])
def test_both_engines_give_the_same_verdict_at_the_default_page_cap(letters: int) -> None:
    """60,000 characters per page, white space excluded: pdfium's own CR LF at each of the 60
    line ends (118 characters) and pdfminer's lack of them change nothing."""
    for engine, got in each_engine(hg.letters_pdf(letters), "page.pdf"):
        if letters <= 60_000:
            assert isinstance(got, Document), engine
            assert sum(len(ln.text) for ln in got.lines) == letters, engine
            continue
        assert isinstance(got, LimitError), engine
        assert str(got) == ("page.pdf: page 1 has more than 60,000 characters, over the "
                            "limit for one page"), engine


def test_spaces_do_not_count_against_the_page_cap_for_either_engine() -> None:
    """59,000 letters and 150,000 drawn spaces (2,540 after each row): both read the page."""
    data = hg.letters_pdf(59_000, spaces=2_540)
    for engine in ENGINES:
        doc = read_document(data, name="spaces.pdf", engine=engine)
        assert sum(len(ln.text) for ln in doc.lines) == 59_000, engine


def test_past_pdfminers_glyph_bound_pdfplumber_names_it_and_suggests_pdfium(tmp_path: Path) -> None:
    """59,000 letters and 181,130 spaces are 240,130 glyphs to draw, past the 240,000 that
    bound pdfminer's work; pdfium keeps one space of each row's 3,070 and reads the page. So
    pdfplumber's refusal is its own, and says so in one line with the hint."""
    pdf = hg.write(tmp_path / "spaces.pdf", hg.letters_pdf(59_000, spaces=3_070))
    assert sum(len(ln.text) for ln in read_document(pdf, engine="pdfium").lines) == 59_000
    proc, _, _ = run_cli(pdf, "--json")
    assert one_line_error(proc) == (
        f"Error: {pdf}: page 1 has more than 240,000 glyphs (white space included), over "
        "pdfplumber's limit for one page; pdfium can open it: try --engine pdfium")


@pytest.mark.parametrize("letters", [50_000, 50_001])
def test_both_engines_apply_the_line_cap_to_a_pdf_line(letters: int) -> None:
    """A line of a PDF can pass the 50,000-character line cap within the page cap (one line
    of a page 14,400 points wide); both engines refuse it as a text file's line is refused."""
    for engine, got in each_engine(hg.wide_line_pdf(letters), "wide.pdf"):
        if letters <= 50_000:
            assert isinstance(got, Document), engine
            assert [len(ln.text) for ln in got.lines] == [letters], engine
            continue
        assert isinstance(got, LimitError), engine
        assert str(got) == ("wide.pdf: page 1, line 1 has 50,001 characters, over the "
                            "50,000 limit for one line"), engine


def test_pdfiums_text_calls_do_not_cut_a_page_at_32767_characters() -> None:
    """kMaxStringLength (32,767) does not bound FPDFText_GetText: a page of 61,000 letters in
    strings of 1,000 is counted whole and refused (the check reads it in steps of 16,384)."""
    from resume_match.extract import pdfium as reader
    doc = reader.pdfium.PdfDocument(hg.letters_pdf(61_000))
    textpage = doc[0].get_textpage()
    n = reader._lib.FPDFText_CountChars(textpage.raw)
    assert n > 61_000 and len(reader._text(textpage.raw, n)) == n
    with pytest.raises(LimitError, match="page 1 has more than 60,000 characters"):
        read_document(hg.letters_pdf(61_000), name="p.pdf", engine="pdfium")


@pytest.mark.parametrize("letters", [32_767, 40_000, 55_000, 61_000])
def test_a_page_drawn_by_one_long_string_gets_one_verdict_from_both_engines(letters: int) -> None:
    """pdfium's parser keeps the first 32,767 bytes of one string: such a page is read by
    pdfminer instead, so both engines see all of its letters and apply the same caps."""
    for engine, got in each_engine(hg.one_string_pdf(letters), "one.pdf"):
        if letters <= 50_000:
            assert isinstance(got, Document), engine
            assert [len(ln.text) for ln in got.lines] == [letters], engine
        elif letters <= 60_000:
            assert str(got) == (f"one.pdf: page 1, line 1 has {letters:,} characters, over the "
                                "50,000 limit for one line"), engine
        else:
            assert str(got) == ("one.pdf: page 1 has more than 60,000 characters, over the "
                                "limit for one page"), engine


def test_pdfium_rereads_only_pages_that_may_hold_a_cut_string() -> None:
    """The check is on text objects: 61,000 letters in strings of 1,000 (61 objects, none near
    pdfium's cut) are read by pdfium alone."""
    from resume_match.extract import pdfium as reader
    doc = reader.pdfium.PdfDocument(hg.letters_pdf(40_000))
    asked: list[int] = []
    words = reader.page_words(doc, 0, "p.pdf", reread=lambda n: asked.append(n) or None)
    assert asked == [] and sum(len(w.text) for w in words.words) == 40_000
    doc = reader.pdfium.PdfDocument(hg.one_string_pdf(40_000))
    words = reader.page_words(doc, 0, "p.pdf", reread=lambda n: asked.append(n) or None)
    assert asked == [1] and sum(len(w.text) for w in words.words) == 32_767   # pdfium's own


def test_the_document_cap_adds_up_the_pages() -> None:
    with pytest.raises(LimitError, match="more than 4,000 characters, over the limit for one document"):
        read_document(hg.glyph_lines_pdf(45, 99), name="doc.pdf",
                      limits=Limits(max_chars_per_document=4_000))


def test_text_files_are_capped_in_size_and_per_line_before_they_are_parsed(tmp_path: Path) -> None:
    big = hg.write(tmp_path / "big.txt", b"2019 - 2020 " * (3 * MiB // 12))
    with pytest.raises(LimitError, match=r"big.txt: text file is 3.0 MiB, over the 2 MiB limit"):
        read_document(big)
    start = time.monotonic()
    with pytest.raises(LimitError, match=r"line 2 has 60,000 characters, over the 50,000 limit for one line"):
        read_document(b"Alex Morgan\n" + b"x" * 60_000, name="long.txt")
    assert time.monotonic() - start < 1


def test_a_file_just_over_20_mib_is_said_to_be_over_20_mib(tmp_path: Path) -> None:
    path = tmp_path / "big.pdf"
    with open(path, "wb") as fh:
        fh.truncate(20 * MiB + 1)
    with pytest.raises(LimitError) as e:
        read_document(path)
    assert str(e.value) == f"{path}: file is 20,971,521 bytes, over the 20 MiB limit"


# ---------------------------------------------------------------- time limit, tracebacks, engines

@pytest.mark.parametrize("comment", [False, True])
def test_objects_that_refer_to_each_other_are_refused_before_pdfminer_spins(comment: bool) -> None:
    data = hg.ref_loop_pdf(comment=comment)
    start = time.monotonic()
    with pytest.raises(InputError, match=r"^loop.pdf: damaged PDF \(objects refer to each other "
                                         r"in a loop: 5 -> 6 -> 5\); pdfium can open it: try --engine pdfium$"):
        read_document(data, name="loop.pdf")
    assert time.monotonic() - start < 5
    assert read_document(data, name="loop.pdf", engine="pdfium").kind == "pdf"


def _hang(*args: object, **kwargs: object) -> None:
    time.sleep(3600)          # in C, as a hang in pdfminer's or pdfium's native code would be


def test_a_cv_whose_reader_hangs_is_given_up_at_the_time_limit(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The child the CLI forks inherits the patched reader; it is killed at --timeout and
    the CLI answers in one line, leaving no process behind."""
    from click.testing import CliRunner

    from resume_match.cli import main
    from resume_match.extract import pdf as pdf_reader
    pdf = hg.write(tmp_path / "slow.pdf", hg.cv_pdf())
    monkeypatch.setattr(pdf_reader, "read_pdf", _hang)
    before = _children_of(os.getpid())
    start = time.monotonic()
    result = CliRunner().invoke(main, [str(pdf), "--json", "--timeout", "2"])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        f"Error: {pdf}: gave up after 2 s (the time limit for one CV, --timeout); pdfium can "
        "open it: try --engine pdfium"]
    assert time.monotonic() - start < 15
    time.sleep(0.5)
    assert _children_of(os.getpid()) == before


def test_pdfplumber_says_when_pdfium_can_read_a_file_it_cannot() -> None:
    data = hg.xref_shifted_pdf()
    with pytest.raises(InputError, match=r"; pdfium can open it: try --engine pdfium$"):
        read_document(data, name="shifted.pdf")
    assert read_document(data, name="shifted.pdf", engine="pdfium").readable



# measured: pdfminer.six scans the file for objects when it cannot read an xref at all, but
# trusts a table it can parse, so a garbled entry or wrong offsets lose every page; pdfium
# rebuilds the table in each of these cases, and neither reads a file with no trailer
PDFPLUMBER_FAILS = {"garbled table", "shifted offsets"}
NEITHER_READS = {"no xref and no trailer"}


@pytest.mark.parametrize("damage", hg.XREF_DAMAGES)
def test_a_broken_xref_is_read_or_refused_with_the_pdfium_hint(tmp_path: Path, damage: str) -> None:
    """Each engine reads the CV, or says in one line naming the file that it is damaged, with
    the exit code of an input error (1); pdfplumber adds the hint when pdfium reads it."""
    pdf = hg.write(tmp_path / "xref.pdf", hg.xref_damaged_pdf(damage))
    for engine in ENGINES:
        if damage in NEITHER_READS or (engine == "pdfplumber" and damage in PDFPLUMBER_FAILS):
            proc, _, _ = run_cli(pdf, "--json", "--engine", engine)
            line = one_line_error(proc)
            assert line.startswith(f"Error: {pdf}: damaged"), line
            hinted = line.endswith("; pdfium can open it: try --engine pdfium")
            assert hinted == (damage not in NEITHER_READS and engine == "pdfplumber"), line
            assert proc.stdout == ""
        else:
            assert read_document(pdf, engine=engine).lines[0].text == "Alex Morgan"

@pytest.mark.parametrize("box", [b"[0 0 /Wide (tall)]", b"[(0) (0) (612) (792)]", b"[0 0 612]"])
@pytest.mark.parametrize("engine", ENGINES)
def test_a_malformed_mediabox_is_read_or_one_line_error(box: bytes, engine: str) -> None:
    try:
        doc = read_document(hg.cv_pdf(mediabox=box), name="box.pdf", engine=engine)
    except InputError as e:
        assert "\n" not in str(e) and str(e).startswith("box.pdf: damaged PDF")
    else:
        assert doc.readable


@pytest.mark.parametrize("member, old, new", [
    ("word/document.xml", b'<w:cols w:space="720"/>', b'<w:cols w:num="many" w:space="720"/>'),
    ("word/styles.xml", b'<w:sz w:val="', b'<w:sz w:val="many" w:x="'),
])
def test_a_non_numeric_docx_attribute_is_ignored(docx_base: bytes, member: str, old: bytes,
                                                  new: bytes) -> None:
    doc = read_document(hg.docx_with(docx_base, old, new, member), name="bad.docx")
    assert doc.readable and doc.layout.columns == 1 and doc.lines[0].text == "Priya Raman"


# ---------------------------------------------------------------- fuzzing

FUZZ_SEED = 1316
FUZZ_PER_KIND = 80


def _read_mutant(item: tuple[str, bytes, str]) -> str:
    """In a pool worker: 'ok', 'input' (the one-line InputError) or the traceback's last line."""
    name, data, engine = item
    try:
        read_document(data, name=name, engine=engine)
        return "ok"
    except InputError as e:
        return "input" if "\n" not in str(e) else f"multi-line: {e!r}"
    except BaseException as e:
        return f"{type(e).__name__}: {e}"


def test_fuzzed_pdfs_and_docx_give_a_document_or_the_one_line_error(tmp_path: Path,
                                                                  docx_base: bytes) -> None:
    """A fixed seed, FUZZ_PER_KIND mutants of a hand-built PDF, of a reportlab PDF (both
    engines each) and of a DOCX, in pool workers with a time limit. A mutant that hangs is
    given up (the CLI says so in one line), so only a reader's exception fails the test."""
    rng = random.Random(FUZZ_SEED)
    reportlab = pdfgen.make_one_column(tmp_path / "cv.pdf").read_bytes()
    items: list[tuple[str, bytes, str]] = []
    for kind, base in (("raw", hg.cv_pdf()), ("rl", reportlab), ("docx", docx_base)):
        for i in range(FUZZ_PER_KIND):
            data, ext = hg.mutate(base, rng), "docx" if kind == "docx" else "pdf"
            for engine in (("pdfplumber",) if kind == "docx" else ENGINES):
                items.append((f"{kind}_{i:03d}.{ext}", data, engine))
    outcomes: dict[str, int] = {}
    bad = []
    for result in run_tasks(_read_mutant, items, workers=2, timeout=20,
                            ctx=mp.get_context("fork")):
        verdict = result.value if result.ok else result.failure
        outcomes[verdict if verdict in ("ok", "input", "timeout") else "other"] = \
            outcomes.get(verdict if verdict in ("ok", "input", "timeout") else "other", 0) + 1
        if verdict not in ("ok", "input", "timeout"):
            bad.append((items[result.index][0], items[result.index][2], verdict))
    print(f"fuzz: {len(items)} inputs, seed {FUZZ_SEED}: {outcomes}")
    assert len(items) == 5 * FUZZ_PER_KIND
    assert not bad, bad[:10]


# ---------------------------------------------------------------- encodings

@pytest.mark.parametrize("encoded, named", [
    (("\ufeff" + hg.CV_TEXT).encode("utf-16-le"), "UTF-16"),
    (("\ufeff" + hg.CV_TEXT).encode("utf-16-be"), "UTF-16"),
    (hg.CV_TEXT.encode("utf-16-le"), "UTF-16LE"),
    (hg.CV_TEXT.encode("latin-1"), "Windows-1252"),
    ((hg.CV_TEXT + "Salary \u20ac90k \u201cflexible\u201d\n").encode("cp1252"), "Windows-1252"),
])
def test_text_in_other_encodings_is_read_and_the_warning_names_it(encoded: bytes,
                                                                  named: str) -> None:
    doc = read_document(encoded, name="cv.txt")
    assert doc.lines[0].text == "José Müller"
    assert doc.warnings == (f"read as {named} (the file is not UTF-8)",)


def test_one_bad_byte_in_utf8_text_is_replaced_and_said() -> None:
    data = hg.CV_TEXT.encode()
    doc = read_document(data[:30] + b"\xff" + data[30:], name="cv.txt")
    assert doc.lines[0].text == "José Müller"
    assert doc.warnings == ("the file is not valid UTF-8: 1 byte(s) could not be read and were "
                            "replaced",)


def test_binary_files_stay_unsupported() -> None:
    with pytest.raises(InputError, match="unsupported file type"):
        read_document(random.Random(5).randbytes(4096), name="x.txt")
    with pytest.raises(InputError, match="unsupported file type"):
        read_document(hg.CV_TEXT.encode().replace(b"\n", b"\x00\n"), name="nul.txt")


# ---------------------------------------------------------------- control characters

CONTROLS = [chr(c) for c in (*range(0, 9), *range(11, 32), *range(0x7F, 0xA0))]


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_no_control_character_reaches_any_text_output(tmp_path: Path, fmt: str) -> None:
    cv = tmp_path / "cv.md"
    cv.write_text(hg.escapes_cv(), encoding="utf-8")
    proc, _, _ = run_cli(cv, "--format", fmt)
    assert proc.returncode == 0, proc.stderr[-2000:]
    found = sorted({f"U+{ord(c):04X}" for c in proc.stdout if c in CONTROLS})
    assert found == [], found
    assert "PWNED-TITLE" not in proc.stdout and "José Müller" in proc.stdout
    if fmt == "json":
        assert json.loads(proc.stdout)["name"] == "José Müller"


def _controls_in(text: str) -> list[str]:
    return sorted({f"U+{ord(c):04X}" for c in text if c in CONTROLS})


def test_a_file_name_with_escapes_reaches_stderr_as_visible_escapes(tmp_path: Path) -> None:
    name = "cv\x1b]0;PWNED-TITLE\x07\x1b[2J.pdf"
    (tmp_path / name).write_bytes(b"not a pdf")
    proc, _, _ = run_cli(tmp_path / name)
    assert proc.returncode == 1
    assert _controls_in(proc.stderr) == [] and "cv\\x1b]0;PWNED-TITLE\\x07\\x1b[2J.pdf" in proc.stderr
    (tmp_path / "d\x07.pdf").mkdir()                     # click's own message quotes the name
    proc, _, _ = run_cli(tmp_path / "d\x07.pdf")
    assert proc.returncode == 2 and _controls_in(proc.stderr) == [] and "d\\x07.pdf" in proc.stderr


def test_batch_failure_lines_and_csv_cells_escape_file_names(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bad\x1b]0;PWNED-TITLE\x07.pdf").write_bytes(b"not a pdf")
    (folder / "cv.md").write_text(hg.CV_TEXT, encoding="utf-8")
    proc, _, _ = run_cli("batch", folder, "--out", tmp_path / "out", "--quiet")
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert _controls_in(proc.stderr) == [] and "bad\\x1b]0;PWNED-TITLE\\x07.pdf" in proc.stderr
    csv_text = (tmp_path / "out" / "results.csv").read_text(encoding="utf-8")
    assert _controls_in(csv_text.replace("\n", "")) == [] and "bad\\x1b]0;" in csv_text
    rows = [json.loads(line) for line in (tmp_path / "out" / "results.jsonl").read_text().splitlines()]
    assert "bad\x1b]0;PWNED-TITLE\x07.pdf" in {r["file"] for r in rows}   # JSON keeps the real name


# ---------------------------------------------------------------- batch workers and the web app

def test_batch_workers_and_the_web_app_apply_the_same_limits(tmp_path: Path) -> None:
    from resume_match.batch.tasks import BatchSettings, FileTask, analyse_file
    from resume_match.match.roles import resolve_roles
    from resume_match.web.work import CandidateSettings, analyse_candidate
    bomb = hg.write(tmp_path / "bomb.pdf", hg.flate_bomb_pdf(64 * MiB))
    task = FileTask(path=str(bomb), file="bomb.pdf", sha256="0" * 64)
    profiles = resolve_roles(None)
    for outcome in (analyse_file(task, BatchSettings(profiles=profiles, html=False)),
                    analyse_candidate(task, CandidateSettings(profiles=profiles))):
        assert outcome.row.status == "error" and not outcome.row.transient
        assert outcome.row.error == ("bomb.pdf: the stream at byte 400 inflates to more than "
                                     "32 MiB, over the limit for one stream")


def _children_of(pid: int) -> set[int]:
    out = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.add(int(entry.name))
    return out
