"""PDF -> Document with pypdfium2 (the fast engine, `--engine pdfium`; the only pypdfium2 importer
besides OCR rendering). Turns each page into positioned word records and hands them to
extract/layout.py, so both engines share every layout rule and give the same Document.
"""
from __future__ import annotations

import ctypes
import math
import struct
from bisect import bisect_right
from functools import partial
from typing import Any, Callable

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from resume_match.errors import InputError, LimitError
from resume_match.extract.limits import DEFAULT, CharBudget, Limits, visible_chars
from resume_match.extract.layout import PageWords, WordBox, build_document, is_bold, is_italic
from resume_match.extract.normalize import file_date
from resume_match.extract.rules import Rule, count_ruled_tables
from resume_match.models import Document

X_TOLERANCE_RATIO = 0.15  # a gap wider than this x font size between glyphs starts a new word,
Y_TOLERANCE = 3.0         # as does a jump in glyph tops (points); as extract/pdf.py's words
BOLD_WEIGHT = 600
ITALIC_FLAG = 1 << 6     # PDF font descriptor flag: Italic
_FONT_BUF = 256
_COUNT_STEP = 16_384      # glyphs read per step while a page is counted against its cap
_STRING_MAX = 32_767      # bytes of one string pdfium's content parser keeps (kMaxStringLength)
_CUT_MIN = _STRING_MAX // 4   # the fewest characters a cut string shows (codes of up to 4 bytes)
GLYPH_OBJECTS_MIN = 10      # a page with at least this many objects, and about one object per
GLYPH_OBJECTS_SHARE = 0.5   # character (normal PDFs have one per line or run: ratio < 0.3)
_LINE_END_HYPHEN = {0xFFFE: "-"}   # pdfium's mark for a hyphen that ends a line
_RECTF = struct.Struct("4f")        # FS_RECTF's fields in order: left, top, right, bottom
_MATRIX = struct.Struct("6f")       # FS_MATRIX's: a, b, c, d, e, f


class _Handle(ctypes.c_void_p):
    """A PDFium handle as _lib returns it. A c_void_p subclass stays a ctypes object (a plain
    c_void_p result would become an int), so it goes back into _lib's functions as a pointer;
    `.value` is its address (None for NULL)."""


class _Unchecked:
    """pypdfium2.raw's functions with no argtypes, returning pointers as _Handle.

    Why: this module makes one to three calls per glyph and per page object (thousands on pages
    that draw each glyph as an object), and with argtypes ctypes calls a converter per argument
    and pypdfium2's typed pointers need a ctypes.cast for a dict key; without them a call costs
    about half. Without argtypes ctypes passes a ctypes object (a _Handle, byref(), pypdfium2's
    `.raw`) as its pointer and a Python int as a C int, so only functions whose arguments are all
    pointers or C ints are served (checked here), and callers must never pass a pointer as an int.
    Each prototype calls the same C function as pypdfium2's (its address); those are not touched.
    They keep the GIL (PYFUNCTYPE): each is an in-memory getter taking well under a microsecond,
    so releasing and retaking the GIL around it cost more than it could give another thread.
    """

    def __getattr__(self, name: str) -> Any:   # runs once per name: the result is stored
        fn = getattr(raw, name)
        if not all(_is_pointer(t) or t is ctypes.c_int for t in fn.argtypes):
            raise TypeError(f"{name} takes an argument that is not a pointer or a C int")
        proto = ctypes.PYFUNCTYPE(_Handle if _is_pointer(fn.restype) else fn.restype)(_address(fn))
        proto.argtypes = None   # type: ignore[assignment]  # ctypes' default, not in typeshed
        setattr(self, name, proto)
        return proto


def _is_pointer(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, ctypes._Pointer)


def _address(obj: Any) -> int:
    """The address a ctypes pointer or function object holds."""
    return ctypes.cast(obj, ctypes.c_void_p).value or 0


_lib = _Unchecked()


def read_pdf_pdfium(data: bytes, label: str, *, ocr: bool = False,
                    limits: Limits = DEFAULT) -> Document:
    """Read a PDF with pypdfium2; raise InputError (corrupt, encrypted) or LimitError (pages,
    characters)."""
    pdf = _open(data, label)
    budget = CharBudget(label, limits)
    try:
        count = len(pdf)
        if count > limits.max_pages:
            raise LimitError(f"{label}: {count} pages, over the {limits.max_pages}-page limit")
        if count == 0:
            raise InputError(f"{label}: damaged PDF (no pages found)")
        pages, reread = [], partial(_reread, data, label, limits)
        for i in range(count):
            words = page_words(pdf, i, label, limits, reread)
            budget.add(sum(len(w.text) for w in words.words))
            pages.append(words)
        created, producer = _file_facts(pdf)
    finally:
        pdf.close()
    if ocr:
        from resume_match.extract.ocr import build_with_ocr
        return build_with_ocr(data, label, pages, created=created, producer=producer,
                              limits=limits)
    return build_document(label, pages, file_size=len(data), created=created, producer=producer,
                          limits=limits)


def _reread(data: bytes, label: str, limits: Limits, number: int) -> PageWords | None:
    """Page `number` as the pdfplumber reader reads it (imported only for such a page)."""
    from resume_match.extract.pdf import read_page
    return read_page(data, number, label, limits)


def _file_facts(pdf: pdfium.PdfDocument) -> tuple[str, str]:
    """As extract/pdf.py's: the later of CreationDate and ModDate, and Producer / Creator."""
    try:
        info = pdf.get_metadata_dict()
    except Exception:
        return "", ""
    names = [str(v) for v in (info.get("Producer"), info.get("Creator")) if v]
    return file_date(info.get("CreationDate"), info.get("ModDate")), " / ".join(names)[:120]


def _open(data: bytes, label: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if getattr(e, "err_code", None) == raw.FPDF_ERR_PASSWORD or "password" in str(e).lower():
            raise InputError(f"{label}: PDF is password-protected (encrypted); save an "
                             "unprotected copy and try again") from e
        if getattr(e, "err_code", None) == raw.FPDF_ERR_SUCCESS:   # it failed, but says 'Success'
            raise InputError(f"{label}: damaged PDF (no pages found)") from e
        raise InputError(f"{label}: damaged or truncated PDF (pdfium: {_reason(e)})") from e


def _reason(e: Exception) -> str:
    """pdfium's own words, e.g. 'Data format error' from 'Failed to load document (PDFium: ...)'."""
    text = str(e)
    return text.rsplit("PDFium:", 1)[-1].strip(" .)") if "PDFium:" in text else text


def page_words(pdf: pdfium.PdfDocument, index: int, label: str = "<pdf>",
               limits: Limits = DEFAULT,
               reread: Callable[[int], PageWords | None] | None = None) -> PageWords:
    """One page's words (top-left origin, points) with font size and name, its images and
    ruled tables; LimitError for a page over the character cap (counted as extract/limits.py
    defines it: not white space, so pdfium's generated line breaks do not count).

    pdfium's content parser keeps the first 32,767 bytes of a string and drops the rest, so a
    page drawn by one long string would pass the page and line caps here and fail them in the
    other engine: such a page is `reread` (by pdfminer) when it may hold one, and pdfium's
    reading kept only when the other reader gives nothing."""
    try:
        page = pdf[index]
    except pdfium.PdfiumError as e:
        raise InputError(f"{label}: damaged PDF, page {index + 1} cannot be read "
                         f"(pdfium: {_reason(e)})") from e
    try:
        left, _, right, top = page.get_mediabox()
        textpage = page.get_textpage()
        try:
            tp = textpage.raw
            count = _lib.FPDFText_CountChars(tp)
            _check_page_chars(tp, count, index + 1, label, limits)
            if reread is not None and _may_hold_cut_string(page.raw, tp, count):
                whole = reread(index + 1)
                if whole is not None:
                    return whole
            images, tables, blanks = _objects(page.raw, count)
            words, chars = _words(tp, left, top, blanks)
        finally:
            textpage.close()
        return PageWords(number=index + 1, width=float(right - left), height=float(page.get_height()),
                         words=tuple(words), images=images, tables=tables, char_count=chars,
                         links=link_uris(pdf, page, top))
    finally:
        page.close()


def _check_page_chars(tp: Any, count: int, number: int, label: str, limits: Limits) -> None:
    """The page cap as extract/limits.py defines it, as pdf.py counts it: characters that are
    not white space, so the line breaks and spaces pdfium generates do not count. Read in steps
    and given up at the first step past the cap: a page of millions is never copied whole."""
    cap = limits.max_chars_per_page
    if count <= cap:
        return
    buf = ctypes.create_string_buffer(2 * (_COUNT_STEP + 1))
    seen = 0
    for start in range(0, count, _COUNT_STEP):
        got = _lib.FPDFText_GetText(tp, start, min(_COUNT_STEP, count - start), buf)
        seen += visible_chars(buf.raw[:2 * max(got - 1, 0)].decode("utf-16-le", errors="replace"))
        if seen > cap:
            raise LimitError(f"{label}: page {number} has more than {cap:,} characters, over "
                             "the limit for one page")


def _may_hold_cut_string(page: Any, tp: Any, count: int) -> bool:
    """Whether a text object of the page shows as many characters as a cut string can (no CV
    line has a thousandth of them): the parser's cut itself is not visible through the API."""
    if count < _CUT_MIN:
        return False
    get_text = raw.FPDFTextObj_GetText     # its length argument is an unsigned long: not _lib
    for k in range(_lib.FPDFPage_CountObjects(page)):
        obj = _lib.FPDFPage_GetObject(page, k)
        if _lib.FPDFPageObj_GetType(obj) == raw.FPDF_PAGEOBJ_TEXT and \
                get_text(ctypes.cast(obj, raw.FPDF_PAGEOBJECT), tp, None, 0) // 2 - 1 >= _CUT_MIN:
            return True
    return False


def link_uris(pdf: pdfium.PdfDocument, page: Any, top: float) -> tuple[tuple[str, float], ...]:
    """(URI, top of its box from the page's top) of each link annotation with a URI action,
    through PDFium's link API (FPDFLink_Enumerate, FPDFAction_GetURIPath)."""
    out = []
    pos = ctypes.c_int(0)
    link = raw.FPDF_LINK()
    rect = raw.FS_RECTF()
    while raw.FPDFLink_Enumerate(page.raw, ctypes.byref(pos), ctypes.byref(link)):
        action = raw.FPDFLink_GetAction(link)
        if not action or raw.FPDFAction_GetType(action) != raw.PDFACTION_URI:
            continue
        size = raw.FPDFAction_GetURIPath(pdf.raw, action, None, 0)
        if size <= 1 or size > 4096:
            continue
        buf = ctypes.create_string_buffer(size)
        raw.FPDFAction_GetURIPath(pdf.raw, action, buf, size)
        y = float(top - rect.top) if raw.FPDFLink_GetAnnotRect(link, ctypes.byref(rect)) else 0.0
        out.append((buf.value.decode("utf-8", "replace"), y))
    return tuple(out)


def _words(tp: Any, left: float, top: float,
           blanks: dict[int, list[float]]) -> tuple[list[WordBox], int]:
    """Glyphs grouped into words the way the pdfplumber reader groups them: split at spaces
    (also those pdfium dropped, from `blanks`), where a glyph starts left of the previous one or
    more than X_TOLERANCE_RATIO x font size right of its end, and at line jumps."""
    n = _lib.FPDFText_CountChars(tp)
    if n <= 0:
        return [], 0
    text = _text(tp, n)
    fonts = _Fonts(tp)
    rect = raw.FS_RECTF()
    rect_ref = ctypes.byref(rect)          # made once: ctypes would build one per call
    unpack_rect = _RECTF.unpack_from       # all four fields in one call, not four
    get_box = _lib.FPDFText_GetLooseCharBox
    words: list[WordBox] = []
    spaces = 0      # the glyph count is the rest: one addition per space, not per glyph
    start = -1
    x0 = x1 = w_top = w_bottom = prev_left = prev_right = prev_top = gap = 0.0
    size = 0.0
    y_tolerance = Y_TOLERANCE
    line_blanks: list[float] = []
    next_blank: float | None = None
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    origin_x_ref, origin_y_ref = ctypes.byref(origin_x), ctypes.byref(origin_y)

    def word(end: int) -> None:
        font = fonts.name(start)
        if end - start > 1 and fonts.name(end - 1) != font:   # e.g. an icon glued to text
            words.extend(_font_runs(tp, text, start, end, fonts, left, top))
        else:
            words.append(WordBox(text[start:end], x0 - left, x1 - left, w_top, w_bottom, size, font))

    for i, ch in enumerate(text):   # the hot loop: locals and plain comparisons on purpose
        if ch.isspace():
            spaces += 1
            if start >= 0:
                word(i)
                start = -1
            continue
        if not get_box(tp, i, rect_ref):
            continue
        c_left, c_top, c_right, c_bottom = unpack_rect(rect)
        c_top, c_bottom = top - c_top, top - c_bottom
        if start >= 0:   # the glyph either ends the word before it or grows its box
            if (c_left < prev_left or c_left > prev_right + gap
                    or c_top - prev_top > y_tolerance or prev_top - c_top > y_tolerance
                    or (next_blank is not None and next_blank <= c_left + 0.01)):
                word(i)
            else:
                if not prev_left <= c_left:   # only with a NaN (a step back splits)
                    next_blank = _next_blank(line_blanks, c_left)
                prev_left, prev_right, prev_top = c_left, c_right, c_top
                if c_right > x1:
                    x1 = c_right
                if c_top < w_top:
                    w_top = c_top
                if c_bottom > w_bottom:
                    w_bottom = c_bottom
                continue
        prev_left, prev_right, prev_top = c_left, c_right, c_top   # it starts a word
        start, x0, x1, w_top, w_bottom = i, c_left, c_right, c_top, c_bottom
        size = fonts.size(i)
        gap = X_TOLERANCE_RATIO * size
        if blanks:
            _lib.FPDFText_GetCharOrigin(tp, i, origin_x_ref, origin_y_ref)
            line_blanks = blanks.get(round(origin_y.value), [])
        next_blank = _next_blank(line_blanks, c_left)
    if start >= 0:
        word(len(text))
    return words, len(text) - spaces


def _font_runs(tp: Any, text: str, start: int, end: int, fonts: "_Fonts", left: float,
               top: float) -> list[WordBox]:
    """A word whose glyphs change font, cut where the font changes (as pdfplumber's words are),
    so an icon glyph and the text beside it become separate words."""
    rect = raw.FS_RECTF()
    runs: list[WordBox] = []
    i = start
    while i < end:
        font, j = fonts.name(i), i + 1
        while j < end and fonts.name(j) == font:
            j += 1
        boxes = [(rect.left, rect.right, top - rect.top, top - rect.bottom)
                 for k in range(i, j) if _lib.FPDFText_GetLooseCharBox(tp, k, ctypes.byref(rect))]
        if boxes:
            runs.append(WordBox(text=text[i:j], x0=min(b[0] for b in boxes) - left,
                                x1=max(b[1] for b in boxes) - left, top=min(b[2] for b in boxes),
                                bottom=max(b[3] for b in boxes), size=fonts.size(i), fontname=font))
        i = j
    return runs


def _next_blank(xs: list[float], after: float) -> float | None:
    """The first dropped space at x > after (xs sorted), or None.

    _words asks this once per word, not once per glyph: while a word goes on, its glyphs' left
    edges only grow (a step back splits it), so "a dropped space at x with
    previous left < x <= this left + 0.01" is "the word's next blank <= this left + 0.01", and
    the next blank stays the same until it splits the word. A NaN left edge breaks the order,
    so a glyph whose own or previous left edge is NaN asks again (as bisect has it, nothing
    lies after a NaN).
    """
    k = bisect_right(xs, after)
    return xs[k] if k < len(xs) else None


def _text(tp: Any, n: int) -> str:
    """The page's characters, one per glyph index (per-glyph look-up when surrogates break that)."""
    buf = ctypes.create_string_buffer(2 * (n + 1))
    got = _lib.FPDFText_GetText(tp, 0, n, buf)
    text = buf.raw[:2 * max(got - 1, 0)].decode("utf-16-le", errors="replace")
    if len(text) != n:
        text = "".join(chr(_lib.FPDFText_GetUnicode(tp, i) or 0xFFFD) for i in range(n))
    return text.translate(_LINE_END_HYPHEN)


class _Fonts:
    """Font size and name of a glyph; names cached per font, buffers reused for the page."""

    def __init__(self, tp: Any) -> None:
        self.tp = tp
        self.matrix = raw.FS_MATRIX()
        self.matrix_ref = ctypes.byref(self.matrix)   # made once, as _words' rect_ref
        self.buf = ctypes.create_string_buffer(_FONT_BUF)
        self.names: dict[int | None, str] = {}
        self.sizes: dict[float, float] = {}     # scaled size -> rounded: few per page

    def size(self, i: int) -> float:
        """Font size as printed: the nominal size times the text matrix's vertical scale."""
        size = _lib.FPDFText_GetFontSize(self.tp, i)
        if _lib.FPDFText_GetMatrix(self.tp, i, self.matrix_ref):
            a, b, c, d, _, _ = _MATRIX.unpack_from(self.matrix)
            scale = math.sqrt(abs(a * d - b * c))
            if scale > 0:
                size *= scale
        if not size:   # 0.0 and -0.0 are one dict key, but round() keeps the sign
            return round(size, 2)
        rounded = self.sizes.get(size)   # round() to 2 places costs ~8x a look-up
        if rounded is None:
            rounded = self.sizes[size] = round(size, 2)
        return rounded

    def name(self, i: int) -> str:
        """The base font name, marked ',Bold'/',Italic' when only the weight or flags say so."""
        font = _lib.FPDFTextObj_GetFont(_lib.FPDFText_GetTextObject(self.tp, i))
        cached = self.names.get(font.value)
        if cached is None:
            cached = self.names[font.value] = self._describe(font) if font.value else ""
        return cached

    def _describe(self, font: _Handle) -> str:
        # pypdfium2's own function: its size argument is an unsigned long, which _lib can't pass
        got = raw.FPDFFont_GetBaseFontName(ctypes.cast(font, raw.FPDF_FONT), self.buf, _FONT_BUF)
        name = self.buf.value.decode("utf-8", errors="replace") if 0 < got <= _FONT_BUF else ""
        if not is_bold(name) and _lib.FPDFFont_GetWeight(font) >= BOLD_WEIGHT:
            name += ",Bold"
        if not is_italic(name) and _lib.FPDFFont_GetFlags(font) & ITALIC_FLAG:
            name += ",Italic"
        return name


def _objects(page: Any, chars: int) -> tuple[int, int, dict[int, list[float]]]:
    """One pass over the page's objects: images, ruled tables (from paths) and, on pages that
    draw every glyph as its own object, the spaces pdfium left out of its text.

    Such generators draw a word space as a zero-width text object; pdfium's text page drops it,
    which would glue words together ("FinancialAccountant"). Its position (by baseline, then
    x) lets the word splitter put the space back. Other pages skip the per-object bounds.
    """
    images = 0
    horizontal: list[Rule] = []
    vertical: list[Rule] = []
    blanks: list[list[float]] = []     # [left, bottom] of each zero-width text object
    n = _lib.FPDFPage_CountObjects(page)
    per_glyph = n >= GLYPH_OBJECTS_MIN and n >= GLYPH_OBJECTS_SHARE * chars
    box = (ctypes.c_float * 4)()     # left, bottom, right, top; read back as plain floats
    at = [ctypes.byref(box, k * ctypes.sizeof(ctypes.c_float)) for k in range(4)]
    at_left, at_bottom, at_right, at_top = at    # passed one by one: a *list costs per call
    text_kind, path_kind, image_kind = raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE
    get_object, get_type = _lib.FPDFPage_GetObject, _lib.FPDFPageObj_GetType
    get_bounds = _lib.FPDFPageObj_GetBounds
    for k in range(n):   # up to thousands of objects: locals and one call each on purpose
        obj = get_object(page, k)
        kind = get_type(obj)
        if kind == text_kind:
            if per_glyph and get_bounds(obj, at_left, at_bottom, at_right, at_top) \
                    and box[2] - box[0] < 0.01:
                blanks.append(box[:2])
        elif kind == path_kind:
            _rules(obj, horizontal, vertical)
        elif kind == image_kind:
            images += 1
    return images, count_ruled_tables(horizontal, vertical), _by_line(blanks)


def _by_line(blanks: list[list[float]]) -> dict[int, list[float]]:
    """Dropped spaces' x, sorted, by rounded baseline; each under the lines just above and
    below as well, as a glyph's baseline may round one point off the space's."""
    lines: dict[int, list[float]] = {}
    for x, y in blanks:
        y = round(y)
        for key in (y - 1, y, y + 1):
            lines.setdefault(key, []).append(x)
    for xs in lines.values():
        xs.sort()
    return lines


def _rules(obj: Any, horizontal: list[Rule], vertical: list[Rule]) -> None:
    """The axis-aligned rules a path draws: a line or a rectangle from its bounds, anything
    longer from its straight segments."""
    n = _lib.FPDFPath_CountSegments(obj)
    if n <= 0:
        return
    if n <= 5:
        box = [ctypes.c_float() for _ in range(4)]
        if not _lib.FPDFPageObj_GetBounds(obj, *(ctypes.byref(v) for v in box)):
            return
        left, bottom, right, top = (v.value for v in box)
        _box_rules(left, bottom, right, top, horizontal, vertical)
        return
    m = raw.FS_MATRIX()
    if not _lib.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return
    a, b, c, d, e, f = m.a, m.b, m.c, m.d, m.e, m.f      # read once: icons have hundreds of points
    x, y = ctypes.c_float(), ctypes.c_float()
    x_ref, y_ref = ctypes.byref(x), ctypes.byref(y)
    prev: tuple[float, float] | None = None
    for k in range(n):
        seg = _lib.FPDFPath_GetPathSegment(obj, k)
        if not _lib.FPDFPathSegment_GetPoint(seg, x_ref, y_ref):
            continue
        px, py = x.value, y.value
        point = (a * px + c * py + e, b * px + d * py + f)
        if prev is not None and _lib.FPDFPathSegment_GetType(seg) == raw.FPDF_SEGMENT_LINETO:
            _segment_rule(prev, point, horizontal, vertical)
        prev = point


def _box_rules(left: float, bottom: float, right: float, top: float,
               horizontal: list[Rule], vertical: list[Rule]) -> None:
    thin = 2.0
    if top - bottom <= thin and right - left > thin:
        horizontal.append(((top + bottom) / 2, left, right))
    elif right - left <= thin and top - bottom > thin:
        vertical.append(((left + right) / 2, bottom, top))
    elif right - left > thin and top - bottom > thin:
        horizontal.extend([(bottom, left, right), (top, left, right)])
        vertical.extend([(left, bottom, top), (right, bottom, top)])


def _segment_rule(a: tuple[float, float], b: tuple[float, float],
                  horizontal: list[Rule], vertical: list[Rule]) -> None:
    if abs(a[1] - b[1]) <= 1.0 and abs(a[0] - b[0]) > 2.0:
        horizontal.append(((a[1] + b[1]) / 2, a[0], b[0]))
    elif abs(a[0] - b[0]) <= 1.0 and abs(a[1] - b[1]) > 2.0:
        vertical.append(((a[0] + b[0]) / 2, a[1], b[1]))
