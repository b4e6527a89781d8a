"""PDF reader and layout: reading order, margins, hyphens, glyph noise, readable verdict, errors."""
from __future__ import annotations

import io
import unicodedata
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from reportlab.pdfgen.canvas import Canvas

from resume_match.errors import InputError, LimitError
from resume_match.extract import pdf as pdf_reader
from resume_match.extract import read_document
from resume_match.extract.glyphs import (_SYMBOL_CATEGORIES, GlyphCounts, WordBox, _clean_glyphs,
                                         clean_word, clean_words)
from resume_match.extract.layout import PageWords, build_document, make_line
from resume_match.models import Document


def texts(doc: Document) -> list[str]:
    return [line.text for line in doc.lines]


def index_of(lines: list[str], needle: str) -> int:
    return next(i for i, t in enumerate(lines) if needle in t)


# ---------------------------------------------------------------- layouts and reading order

def test_one_column_keeps_order_fonts_and_sizes(fixtures_dir: Path) -> None:
    doc = read_document(fixtures_dir / "one_column.pdf")
    lines = texts(doc)
    assert lines[0] == "Priya Raman"
    headings = [ln.text for ln in doc.lines if ln.bold and ln.size == 12.0]
    assert headings == ["SUMMARY", "EXPERIENCE", "EDUCATION", "SKILLS", "CERTIFICATIONS"]
    assert doc.lines[0].size == 20.0 and doc.lines[0].font == "Helvetica-Bold"
    assert doc.readable and doc.layout.columns == 1 and not doc.layout.sidebar
    assert doc.layout.page_count == 1 and doc.layout.file_name == "one_column.pdf"
    assert "BitstreamVeraSans-Roman" in doc.layout.fonts


def test_ligatures_bullets_and_odd_spaces_are_normalised(fixtures_dir: Path) -> None:
    doc = read_document(fixtures_dir / "one_column.pdf")
    text = doc.text
    assert "Specific strengths: workflow design, finance and marketing analytics." in text
    assert "\ufb01" not in text and "\u00a0" not in text
    bullet = next(ln for ln in doc.lines if "churn prediction" in ln.text)
    assert bullet.text.startswith("Built a churn prediction model")   # the • is gone, text kept
    assert bullet.bullet and not doc.lines[0].bullet


def test_two_column_reads_left_column_then_right(fixtures_dir: Path) -> None:
    doc = read_document(fixtures_dir / "two_column.pdf")
    lines = texts(doc)
    assert lines[0] == "Priya Raman" and lines[1] == "Data Scientist"   # banner stays first
    assert index_of(lines, "EXPERIENCE") < index_of(lines, "EDUCATION") < index_of(lines, "SUMMARY")
    assert index_of(lines, "SUMMARY") < index_of(lines, "SKILLS") < index_of(lines, "LANGUAGES")
    assert "Built a churn prediction model with XGBoost and scikit-learn that" in lines
    assert not any("Lumen" in t and "Data scientist" in t for t in lines)
    assert doc.layout.columns == 2 and doc.pages[0].columns == 2
    assert {ln.column for ln in doc.lines} == {0, 1, 2}


def test_sidebar_is_read_first_and_flagged(fixtures_dir: Path) -> None:
    doc = read_document(fixtures_dir / "sidebar.pdf")
    lines = texts(doc)
    assert lines[:2] == ["CONTACT", "priya.raman@example.com"]
    assert index_of(lines, "Spanish (basic)") < index_of(lines, "Priya Raman")
    assert "Python, R, SQL, Pandas, NumPy," in lines            # not merged with the main column
    assert doc.layout.sidebar and doc.layout.columns == 2


def test_table_layout_is_counted_and_read_row_by_row(fixtures_dir: Path) -> None:
    doc = read_document(fixtures_dir / "table.pdf")
    assert doc.layout.tables == 2
    lines = texts(doc)
    assert "Jan 2021 – Present Senior Data Scientist, Lumen Analytics" in lines
    assert "Machine learning scikit-learn, XGBoost, PyTorch" in lines
    assert doc.layout.columns == 1                              # a label column is not a column


def test_repeated_header_footer_and_page_numbers_move_to_margin(fixtures_dir: Path) -> None:
    doc = read_document(fixtures_dir / "header_footer.pdf")
    body = doc.text
    assert "Curriculum Vitae" not in body and "Page 1 of 2" not in body
    assert texts(doc)[0] == "Priya Raman"
    for page in doc.pages:
        margin = {ln.region: ln.text for ln in page.margin_lines}
        assert margin["footer"] == f"Page {page.number} of 2"
        assert margin["header"].startswith("Priya Raman — Curriculum Vitae")
    assert doc.pages[1].lines[0].text == "EDUCATION"


def test_single_page_number_is_a_margin_line() -> None:
    words = [WordBox("Python", 72, 110, 100, 110, 10), WordBox("developer", 114, 160, 100, 110, 10),
             WordBox("3", 300, 305, 760, 770, 9)]
    doc = build_document("x.pdf", [PageWords(1, 612, 792, tuple(words))])
    assert texts(doc) == ["Python developer"]
    assert [(ln.text, ln.region) for ln in doc.pages[0].margin_lines] == [("3", "footer")]


def test_hyphenated_line_breaks_are_joined(fixtures_dir: Path) -> None:
    lines = texts(read_document(fixtures_dir / "hyphenation.pdf"))
    assert "Data scientist focused on the development" in lines
    assert "of recommendation systems; led recommendation" in lines
    assert "Motivated, comfortable with end-to-end" in lines     # compound keeps its hyphen
    assert "pipeline for Northwind Retail. Self-" in lines       # next line is capitalised
    assert not any(t.endswith("develop-") for t in lines)


# ---------------------------------------------------------------- glyph noise

def test_icon_glyphs_are_dropped_and_counted(fixtures_dir: Path) -> None:
    if not (fixtures_dir / "icons.pdf").exists():
        pytest.skip("no font with Private Use Area glyphs on this machine")
    doc = read_document(fixtures_dir / "icons.pdf")
    assert "priya.raman@example.com +1 (415) 555-0142 linkedin.com/in/priya-raman" in texts(doc)
    assert doc.layout.icon_glyphs == 3
    assert "FontAwesome" in doc.layout.fonts


def test_cid_noise_is_dropped_and_counted(fixtures_dir: Path) -> None:
    doc = read_document(fixtures_dir / "cid_icons.pdf")
    assert "(cid:" not in doc.text
    assert doc.layout.cid_glyphs >= 8 and doc.readable
    assert "Jan 2021 Present" in texts(doc)


def test_word_cleaning_rules() -> None:
    assert clean_word(WordBox("e\ufb03cient", 0, 30, 0, 10))[0][0].text == "efficient"
    words, counts = clean_word(WordBox("\uf0e0mail(cid:12)", 0, 30, 0, 10))
    assert words[0].text == "mail" and counts.icons == 1 and counts.cids == 1
    words, counts = clean_word(WordBox("J", 0, 8, 0, 10, 9, "ABCDEF+FontAwesome"))
    assert words == [] and counts.icons == 1
    words, _ = clean_word(WordBox("python\u00a0sql", 0, 100, 0, 10))
    assert [w.text for w in words] == ["python", "sql"] and words[1].x0 > words[0].x1
    assert [w.text for w in clean_word(WordBox("python•sql", 0, 60, 0, 10))[0]] == \
        ["python", "•", "sql"]
    for bullet in ("•", "●", "▪", "–", "*", "➢"):
        line = make_line([WordBox(bullet, 60, 64, 0, 10, 10), WordBox("Built", 70, 90, 0, 10, 10)], 1)
        assert line.text == "Built" and line.bullet
        kept, counts = clean_word(WordBox(bullet, 60, 64, 0, 10, 10))
        assert [w.text for w in kept] == [bullet] and counts.icons == 0   # a bullet, not an icon
    assert not make_line([WordBox("Built", 70, 90, 0, 10, 10)], 1).bullet
    # Word's list bullet: a Private Use Area glyph in the Symbol font
    words, counts = clean_words([WordBox("\uf0b7", 60, 64, 0, 10, 10, "ABCDEF+Symbol"),
                                 WordBox("Built", 70, 90, 0, 10, 10, "ABCDEF+Calibri")])
    line = make_line(words, 1)
    assert line.text == "Built" and line.bullet and counts.icons == 0


# ---------------------------------------------------------------- readable or not

def test_image_only_pdf_is_unreadable_and_suggests_ocr(fixtures_dir: Path) -> None:
    doc = read_document(fixtures_dir / "image_only.pdf")
    assert not doc.readable and doc.lines == ()
    assert doc.unreadable_reason is not None
    assert doc.unreadable_reason.startswith("no text layer") and "--ocr" in doc.unreadable_reason
    assert doc.layout.images == 1


def test_blank_pdf_is_unreadable(fixtures_dir: Path) -> None:
    doc = read_document(fixtures_dir / "blank.pdf")
    assert not doc.readable and "no text on the pages" in (doc.unreadable_reason or "")


def test_cid_gibberish_is_unreadable(fixtures_dir: Path) -> None:
    doc = read_document(fixtures_dir / "gibberish_cid.pdf")
    assert not doc.readable
    assert "(cid:NN)" in (doc.unreadable_reason or "") and doc.layout.cid_glyphs > 100


def test_shifted_letters_are_unreadable(fixtures_dir: Path) -> None:
    doc = read_document(fixtures_dir / "gibberish_shifted.pdf")
    assert not doc.readable and "gibberish" in (doc.unreadable_reason or "")


# ---------------------------------------------------------------- broken files and caps

@pytest.mark.parametrize("name, reason", [
    ("encrypted.pdf", "PDF is password-protected (encrypted)"),
    ("truncated.pdf", "damaged or truncated PDF"),
    ("empty.pdf", "file is empty"),
    ("not_a_pdf.pdf", "not a valid PDF (no PDF header)"),
])
def test_broken_files_raise_one_line_errors(fixtures_dir: Path, name: str, reason: str) -> None:
    path = fixtures_dir / name
    with pytest.raises(InputError) as err:
        read_document(path)
    message = str(err.value)
    assert message.startswith(f"{path}: {reason}") and "\n" not in message


def test_page_cap(fixtures_dir: Path) -> None:
    path = fixtures_dir / "many_pages.pdf"
    with pytest.raises(LimitError, match=r"many_pages.pdf: 45 pages, over the 40-page limit$"):
        read_document(path)
    assert read_document(path, max_pages=50).layout.page_count == 45


def test_bytes_input_names_the_source(fixtures_dir: Path) -> None:
    data = (fixtures_dir / "two_column.pdf").read_bytes()
    doc = read_document(data, name="upload.pdf")
    assert doc.source == "upload.pdf" and doc.layout.file_size == len(data)
    with pytest.raises(InputError, match="^upload.pdf: damaged or truncated PDF"):
        read_document(data[:900], name="upload.pdf")


# ---------------------------------------------------------------- char fast path

def _page_chars(data: bytes, fast: bool) -> list[tuple[list[tuple[str, Any]], bool | None]]:
    """Each page's char dicts (as ordered items) and whether the fast path converted them."""
    out = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            if fast:
                pdf_reader._use_char_fast_path(page)
            chars = [list(c.items()) for c in page.chars]
            out.append((chars, getattr(page.process_object, "fast", None)))
    return out


def _shifted_mediabox_pdf() -> bytes:
    """A page whose MediaBox does not start at 0,0 (pdfplumber shifts x0/x1 and top/bottom)."""
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(612, 792))
    c.setFillColorRGB(0.2, 0.4, 0.6)
    c.drawString(72, 700, "Shifted page, coloured text")
    c.save()
    data = buf.getvalue()
    assert b"/MediaBox [ 0 0 612 792 ]" in data
    return data.replace(b"/MediaBox [ 0 0 612 792 ]", b"/MediaBox [ 9 7 621 799 ]")  # same length


@pytest.mark.parametrize("name", ["one_column.pdf", "two_column.pdf", "sidebar.pdf", "table.pdf",
                                  "header_footer.pdf", "icons.pdf", "cid_icons.pdf",
                                  "hyphenation.pdf", "shifted"])
def test_char_fast_path_gives_pdfplumbers_own_dicts(fixtures_dir: Path, name: str) -> None:
    if name != "shifted" and not (fixtures_dir / name).exists():
        pytest.skip(f"{name} not generated here")
    data = _shifted_mediabox_pdf() if name == "shifted" else (fixtures_dir / name).read_bytes()
    stock = _page_chars(data, fast=False)
    fast = _page_chars(data, fast=True)
    assert [chars for chars, _ in fast] == [chars for chars, _ in stock]
    assert all(used for chars, used in fast if chars)     # the fast path really ran


def test_char_fast_path_falls_back_when_dicts_differ(fixtures_dir: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    data = (fixtures_dir / "one_column.pdf").read_bytes()
    stock = _page_chars(data, fast=False)
    real = pdf_reader._CharObjects.char
    monkeypatch.setattr(pdf_reader._CharObjects, "char",
                        lambda self, obj: {**real(self, obj), "new_key": 1})
    fast = _page_chars(data, fast=True)
    assert [chars for chars, _ in fast] == [chars for chars, _ in stock]
    assert [used for _, used in fast] == [False]


# ---------------------------------------------------------------- layout rules on word records

def _words(text: str, x: float, top: float, size: float = 10.0) -> list[WordBox]:
    out, pos = [], x
    for part in text.split():
        width = 5.0 * len(part)
        out.append(WordBox(part, pos, pos + width, top, top + size, size, "Helvetica"))
        pos += width + 3.0
    return out


def test_two_column_list_ends_before_the_next_heading() -> None:
    """A skills list set in two columns between full-width text: the next section's heading
    (one-sided, short) must not be read before the list's right-hand items."""
    words = _words("Summary", 72, 40) + _words(
        "Data analyst with eight years of reporting experience across retail and finance teams",
        72, 54)
    words += _words("Highlights", 72, 72)
    left = ["Python scripting", "SQL reporting", "Tableau dashboards", "Excel modelling",
            "Forecasting", "Budget planning"]
    right = ["Team leadership", "Vendor management", "Public speaking", "Process design",
             "Stakeholder updates"]
    words += [w for i, t in enumerate(left) for w in _words(t, 72, 88 + 14 * i)]
    words += [w for i, t in enumerate(right) for w in _words(t, 200, 89 + 17.5 * i)]
    words += _words("Experience", 72, 180)
    words += _words("Senior analyst at Northwind Retail building weekly sales forecasts for stores",
                    72, 196)
    doc = build_document("list.pdf", [PageWords(1, 612, 792, tuple(words))])
    lines = texts(doc)
    assert lines.index("Budget planning") < lines.index("Team leadership")
    assert lines.index("Stakeholder updates") < lines.index("Experience")
    assert lines[:3] == ["Summary", lines[1], "Highlights"] and lines[1].startswith("Data analyst")


def test_printable_ascii_needs_no_glyph_clean_up() -> None:
    """clean_word skips the glyph clean-up for printable ASCII words: it must be a no-op there."""
    printable = "".join(chr(c) for c in range(0x20, 0x7F))
    for text in (printable, printable[::-1], "(cid:", "cid:12)", "a b"):
        for bullet_font in (False, True):
            assert _clean_glyphs(text, bullet_font) == (text, 0, 0)
    words, counts = clean_word(WordBox("x^`", 0, 30, 0, 10))
    assert [w.text for w in words] == ["x^`"] and counts.letters == 1
    assert clean_word(WordBox("^`", 0, 30, 0, 10))[0] == []      # symbol-only words still dropped


def test_ascii_letters_and_digits_are_kept_as_they_are() -> None:
    """clean_word returns an ASCII alphanumeric word untouched: the general path must agree
    (no glyph clean-up, no symbol-only drop, no split, every character a letter)."""
    alnum = "".join(chr(c) for c in range(0x7F) if chr(c).isalnum())
    for text in (alnum, "x", "2019", "Python3"):
        assert _clean_glyphs(text, False) == (text, 0, 0)
        assert not any(unicodedata.category(c) in _SYMBOL_CATEGORIES for c in text)
        assert text.split() == [text] and sum(map(str.isalnum, text)) == len(text)
        word = WordBox(text, 0, 30, 0, 10, 9, "Calibri")
        kept, counts = clean_word(word)
        assert kept[0] is word and len(kept) == 1 and counts == GlyphCounts(letters=len(text))
    assert clean_words([WordBox("Python3", 0, 30, 0, 10), WordBox("\uf0e0x(cid:3)", 0, 30, 0, 10)])[1] \
        == GlyphCounts(icons=1, cids=1, letters=8)


def test_make_line_font_and_size_by_characters() -> None:
    """The dominant font and size weigh characters; ties go to the first seen, and sizes that
    round alike (9.96, 10.04) count as one."""
    words = [WordBox("ab", 0, 10, 0, 10, 9.96, "ABCDEF+Arial-Bold"), WordBox("cd", 12, 20, 1, 11, 12.0, "Arial"),
             WordBox("e", 22, 25, 0, 12, 10.04, "Arial-Italic")]
    line = make_line(words, 1)
    assert (line.size, line.font, line.bold, line.italic) == (10.0, "Arial-Bold", False, False)
    assert (line.x0, line.top, line.x1, line.bottom) == (0, 0, 25, 12)
    line = make_line(words[:2], 1)
    assert (line.size, line.font) == (10.0, "Arial-Bold")


def test_mojibake_from_cp1252_is_repaired() -> None:
    assert [w.text for w in clean_word(WordBox("donâ€™t", 0, 30, 0, 10))[0]] == ["don’t"]
    assert [w.text for w in clean_word(WordBox("patienceÂ", 0, 30, 0, 10))[0]] == ["patience"]
    assert clean_word(WordBox("Â", 0, 5, 0, 10))[0] == []
    assert [w.text for w in clean_word(WordBox("SÃO", 0, 30, 0, 10))[0]] == ["SÃO"]
    assert [w.text for w in clean_word(WordBox("naïve", 0, 30, 0, 10))[0]] == ["naïve"]
    # a lost last byte: 'Company Name ï¼ City' is a full-width comma, 'â€' a closing quote
    assert [w.text for w in clean_word(WordBox("ï¼\u200b", 0, 5, 0, 10))[0]] == [","]
    assert [w.text for w in clean_word(WordBox("Campaignâ€", 0, 50, 0, 10))[0]] == ["Campaign”"]


def test_scan_with_a_stamp_of_text_is_unreadable() -> None:
    """A scanner app's one-line stamp over a page image is not a usable text layer."""
    words = tuple(_words("Scanned with CamScanner app", 200, 770, 8))
    doc = build_document("scan.pdf", [PageWords(1, 612, 792, words, images=1)])
    assert not doc.readable and (doc.unreadable_reason or "").startswith("almost no text layer")
    text_cv = build_document("cv.pdf", [PageWords(1, 612, 792, words, images=0)])
    assert text_cv.readable


def test_group_rows_matches_the_min_max_reading() -> None:
    """group_rows writes min() and max() as plain tests; rows must be those of the plain
    reading (sorted by top, joined while overlapping by half the smaller height)."""
    import random

    from resume_match.extract.layout import group_rows

    def reference(words: list[WordBox]) -> list[list[WordBox]]:
        rows: list[list[WordBox]] = []
        top = bottom = 0.0
        for w in sorted(words, key=lambda w: (w.top, w.x0)):
            h = max(w.bottom - w.top, 0.1)
            if rows and min(bottom, w.bottom) - max(top, w.top) >= 0.5 * min(h, bottom - top):
                rows[-1].append(w)
                top, bottom = min(top, w.top), max(bottom, w.bottom)
            else:
                rows.append([w])
                top, bottom = w.top, w.bottom
        return [sorted(r, key=lambda w: w.x0) for r in rows]

    rng = random.Random(5)
    for _ in range(200):
        words = []
        for i in range(rng.randint(1, 40)):
            top = rng.choice([10.0, 10.5, 12.0, 20.0]) + rng.random() * rng.choice([0, 1, 6])
            x0 = rng.random() * 500
            words.append(WordBox(f"w{i}", x0, x0 + 20, top, top + rng.choice([0.05, 0.1, 4.0, 9.0])))
        assert group_rows(words) == reference(words)
