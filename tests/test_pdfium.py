"""The pypdfium2 engine reads the fixtures into the same Document as pdfplumber: same lines,
sections, skills and scores; broken files get the same kinds of one-line errors."""
from __future__ import annotations

from pathlib import Path

import pytest

from resume_match import api
from resume_match.errors import InputError, LimitError
from resume_match.extract import read_document
from resume_match.extract.pdfium import read_pdf_pdfium
from resume_match.extract.rules import count_ruled_tables, merge

TEXT_FIXTURES = ["one_column.pdf", "two_column.pdf", "sidebar.pdf", "table.pdf",
                 "header_footer.pdf", "hyphenation.pdf", "cid_icons.pdf", "icons.pdf"]


def fixture(fixtures_dir: Path, name: str) -> Path:
    path = fixtures_dir / name
    if not path.exists():      # icons.pdf needs a system font with Private Use Area glyphs
        pytest.skip(f"{name} was not generated on this machine")
    return path


@pytest.mark.parametrize("name", TEXT_FIXTURES)
def test_both_engines_give_the_same_lines_sections_and_skills(fixtures_dir: Path, name: str) -> None:
    path = fixture(fixtures_dir, name)
    plumber, pdfium = (api.read(path, engine=e) for e in ("pdfplumber", "pdfium"))
    assert pdfium.readable and plumber.readable
    assert [ln.text for ln in pdfium.document.lines] == [ln.text for ln in plumber.document.lines]
    assert [(s.kind, s.heading) for s in pdfium.sections] == [(s.kind, s.heading) for s in plumber.sections]
    assert [s.id for s in pdfium.skills] == [s.id for s in plumber.skills]
    assert pdfium.contact == plumber.contact and pdfium.name == plumber.name


def test_fonts_columns_and_margins_match(fixtures_dir: Path) -> None:
    for name in ("one_column.pdf", "sidebar.pdf", "header_footer.pdf"):
        a, b = (read_document(fixtures_dir / name, engine=e) for e in ("pdfplumber", "pdfium"))
        assert [(ln.bold, ln.italic, ln.column) for ln in b.lines] == [(ln.bold, ln.italic, ln.column) for ln in a.lines]
        assert all(abs(x.size - y.size) <= 0.5 for x, y in zip(a.lines, b.lines))
        assert [p.columns for p in b.pages] == [p.columns for p in a.pages]
        assert [len(p.margin_lines) for p in b.pages] == [len(p.margin_lines) for p in a.pages]
        assert b.layout.page_count == a.layout.page_count and b.layout.fonts


def test_ruled_tables_and_images_are_counted_like_pdfplumber(fixtures_dir: Path) -> None:
    for name, tables, images in (("table.pdf", 2, 0), ("one_column.pdf", 0, 0), ("image_only.pdf", 0, 1)):
        a, b = (read_document(fixtures_dir / name, engine=e) for e in ("pdfplumber", "pdfium"))
        assert (b.layout.tables, b.layout.images) == (a.layout.tables, a.layout.images) == (tables, images)


def test_rule_geometry_finds_grids_not_boxes_or_underlines() -> None:
    grid_h = [(y, 0.0, 100.0) for y in (0.0, 20.0, 40.0)]
    grid_v = [(x, 0.0, 40.0) for x in (0.0, 50.0, 100.0)]
    assert count_ruled_tables(grid_h, grid_v) == 1
    far_h = [(y + 500, x0, x1) for y, x0, x1 in grid_h]
    far_v = [(x, y0 + 500, y1 + 500) for x, y0, y1 in grid_v]
    assert count_ruled_tables(grid_h + far_h, grid_v + far_v) == 2
    assert count_ruled_tables([(0.0, 0, 100), (40.0, 0, 100)], [(0.0, 0, 40), (100.0, 0, 40)]) == 0
    assert count_ruled_tables([(y, 0.0, 500.0) for y in (0, 100, 200, 300)], []) == 0
    cells_h = [(y, x, x + 50) for y in (0.0, 20.0, 40.0) for x in (0.0, 50.0)]   # one cell at a time
    cells_v = [(x, y, y + 20) for x in (0.0, 50.0, 100.0) for y in (0.0, 20.0)]
    assert merge(cells_h) == grid_h and count_ruled_tables(cells_h, cells_v) == 1


def make_glyph_per_object(path: Path, lines: list[str]) -> Path:
    """Each glyph drawn as its own text object, advancing a little less than its width (as the
    livecareer corpus's generator does); pdfium's text page drops the space objects."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen.canvas import Canvas
    c = Canvas(str(path))
    for row, line in enumerate(lines):
        x, y = 72.0, 700.0 - 16 * row
        for ch in line:
            t = c.beginText(x, y)
            t.setFont("Times-Roman", 11)
            t.textOut(ch)
            c.drawText(t)
            x += stringWidth(ch, "Times-Roman", 11) - (1.5 if ch == " " else 0.3)
    c.save()
    return path


def test_spaces_pdfium_drops_on_glyph_per_object_pages_are_restored(tmp_path: Path) -> None:
    lines = ["Senior Data Scientist with Python", "Built models in scikit-learn and SQL"]
    path = make_glyph_per_object(tmp_path / "glyphs.pdf", lines)
    import pypdfium2
    pdf = pypdfium2.PdfDocument(str(path))
    page = pdf[0]
    textpage = page.get_textpage()
    assert "SeniorDataScientist" in textpage.get_text_range()      # what pdfium's text says
    textpage.close(), page.close(), pdf.close()
    for engine in ("pdfplumber", "pdfium"):
        assert [ln.text for ln in read_document(path, engine=engine).lines] == lines, engine


def test_same_scores_with_either_engine(fixtures_dir: Path) -> None:
    path = fixtures_dir / "two_column.pdf"
    a, b = (api.analyse(path, ["data-scientist", "ml-engineer"], engine=e) for e in ("pdfplumber", "pdfium"))
    assert [(f.role, f.score) for f in b.fits] == [(f.role, f.score) for f in a.fits]


@pytest.mark.parametrize("name", ["image_only.pdf", "gibberish_cid.pdf", "blank.pdf"])
def test_no_usable_text_layer_is_unreadable_not_an_error(fixtures_dir: Path, name: str) -> None:
    doc = read_document(fixtures_dir / name, engine="pdfium")
    assert not doc.readable and doc.unreadable_reason
    assert doc.readable == read_document(fixtures_dir / name, engine="pdfplumber").readable


def test_image_only_page_counts_its_image(fixtures_dir: Path) -> None:
    assert read_document(fixtures_dir / "image_only.pdf", engine="pdfium").layout.images >= 1


@pytest.mark.parametrize("name, error, words", [
    ("encrypted.pdf", InputError, "password-protected"),
    ("truncated.pdf", InputError, "damaged or truncated PDF"),
    ("many_pages.pdf", LimitError, "over the 40-page limit"),
])
def test_broken_pdfs_raise_one_line_errors_naming_the_file(fixtures_dir: Path, name: str,
                                                            error: type, words: str) -> None:
    with pytest.raises(error, match=words) as info:
        read_pdf_pdfium((fixtures_dir / name).read_bytes(), f"in/{name}")
    assert str(info.value).startswith(f"in/{name}: ") and "\n" not in str(info.value)


def test_unchecked_calls_agree_with_pypdfium2s_own(fixtures_dir: Path, tmp_path: Path) -> None:
    """extract/pdfium.py calls PDFium through its own argtypes-free prototypes (_lib); they must
    give what pypdfium2's typed functions give, and refuse a function they cannot call safely."""
    import ctypes

    import pypdfium2
    import pypdfium2.raw as raw

    from resume_match.extract.pdfium import _lib

    def address(p: object) -> int | None:
        return ctypes.cast(p, ctypes.c_void_p).value

    for path in (fixtures_dir / "table.pdf", make_glyph_per_object(tmp_path / "g.pdf", ["Data Scientist"])):
        pdf = pypdfium2.PdfDocument(str(path))
        page, fast, slow = pdf[0], (ctypes.c_float * 4)(), [ctypes.c_float() for _ in range(4)]
        textpage = page.get_textpage()
        for k in range(raw.FPDFPage_CountObjects(page.raw)):
            obj, handle = raw.FPDFPage_GetObject(page.raw, k), _lib.FPDFPage_GetObject(page.raw, k)
            assert address(obj) == handle.value
            assert raw.FPDFPageObj_GetType(obj) == _lib.FPDFPageObj_GetType(handle)
            raw.FPDFPageObj_GetBounds(obj, *(ctypes.byref(v) for v in slow))
            _lib.FPDFPageObj_GetBounds(handle, *(ctypes.byref(fast, 4 * i) for i in range(4)))
            assert list(fast) == [v.value for v in slow]
        a, b = raw.FS_RECTF(), raw.FS_RECTF()
        for i in range(raw.FPDFText_CountChars(textpage.raw)):
            assert raw.FPDFText_GetLooseCharBox(textpage.raw, i, a) == \
                _lib.FPDFText_GetLooseCharBox(textpage.raw, i, ctypes.byref(b))
            assert (a.left, a.top, a.right, a.bottom) == (b.left, b.top, b.right, b.bottom)
            assert raw.FPDFText_GetFontSize(textpage.raw, i) == _lib.FPDFText_GetFontSize(textpage.raw, i)
            font = raw.FPDFTextObj_GetFont(raw.FPDFText_GetTextObject(textpage.raw, i))
            font_handle = _lib.FPDFTextObj_GetFont(_lib.FPDFText_GetTextObject(textpage.raw, i))
            assert address(font) == font_handle.value
        textpage.close(), page.close(), pdf.close()
    with pytest.raises(TypeError, match="not a pointer or a C int"):
        _lib.FPDFFont_GetBaseFontName     # its buffer size is an unsigned long


def test_dropped_spaces_are_looked_up_once_per_word_with_the_per_glyph_answer(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """_words finds a word's next dropped space once, not per glyph; a glyph box with a NaN left
    edge (which breaks the left-to-right order that relies on) must still give what the
    per-glyph rule gives: nothing lies between a NaN and the next glyph, so "Senior" and "Data"
    stay glued when the "r" is NaN, and the space after "Data" still splits."""
    import math

    import pypdfium2

    from resume_match.extract import pdfium as engine
    path = make_glyph_per_object(tmp_path / "glyphs.pdf", ["Senior Data Scientist with Python"])
    real = engine._lib.FPDFText_GetLooseCharBox
    nan_at: set[int] = set()

    def box(tp: object, i: int, ref: object) -> int:
        ok = real(tp, i, ref)
        if i in nan_at:
            ref._obj.left = math.nan      # type: ignore[attr-defined]  # byref's target
        return ok

    monkeypatch.setattr(engine._lib, "FPDFText_GetLooseCharBox", box)
    pdf = pypdfium2.PdfDocument(str(path))
    for nan_text, words in ((None, ["Senior", "Data", "Scientist", "with", "Python"]),
                            ("Senior", ["SeniorData", "Scientist", "with", "Python"]),
                            ("SeniorD", ["SeniorData", "Scientist", "with", "Python"]),
                            ("Seni", ["Senior", "Data", "Scientist", "with", "Python"])):
        nan_at.clear()
        if nan_text:
            nan_at.add(len(nan_text) - 1)    # its last letter (pdfium's text has no spaces)
        assert [w.text for w in engine.page_words(pdf, 0).words] == words, nan_text
    pdf.close()


def test_font_sizes_rounded_from_the_page_cache_match_round_and_keep_zeros_sign(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """_Fonts.size rounds each distinct size once per page; a cached answer must be what
    round() gives, and 0.0 and -0.0 (one dict key) must each keep their sign."""
    from resume_match.extract import pdfium as engine
    sizes = [10.004999, -0.0, 0.0, 10.004999, -0.0, 7.125, float("nan"), 7.125]
    monkeypatch.setattr(engine._lib, "FPDFText_GetFontSize", lambda tp, i: sizes[i])
    monkeypatch.setattr(engine._lib, "FPDFText_GetMatrix", lambda tp, i, ref: 0)   # no matrix
    fonts = engine._Fonts(None)
    assert [repr(fonts.size(i)) for i in range(len(sizes))] == [repr(round(s, 2)) for s in sizes]
