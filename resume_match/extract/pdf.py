"""PDF -> Document with pdfplumber (the only pdfplumber importer).

pdfplumber supplies words with font name and size, ruled tables and images per page; the layout
module (engine-independent) turns them into lines in reading order and decides `readable`.
"""
from __future__ import annotations

import io
import logging
import re
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Iterator
from unicodedata import normalize as normalize_unicode

import pdfplumber
import pdfplumber.page
from pdfminer.layout import LTChar
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils import resolve_all, resolve_and_decode
from pdfplumber.page import PDFPageAggregatorWithMarkedContent
from pdfplumber.utils.exceptions import PdfminerException

from resume_match.errors import EngineLimitError, InputError, LimitError, shared_limit
from resume_match.extract.layout import PageWords, WordBox, build_document
from resume_match.extract.limits import DEFAULT, CharBudget, Limits
from resume_match.extract.normalize import file_date, join_touching_boxes
from resume_match.models import Document

# pdfminer logs what it repairs ("Not adding object 1 to xref ...") as warnings; with no handler
# of its own, Python prints them on stderr, which carries only the one-line error. They still
# reach the handlers of an application that configures logging.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())

X_TOLERANCE_RATIO = 0.15        # LaTeX PDFs have no space glyphs: a wider gap separates words
GLYPHS_PER_CHAR = 4             # glyphs pdfminer may draw per character of the page cap
                                # (spaces included): its cost, ~13 us and ~1 KB a glyph


def read_pdf(data: bytes, label: str, *, ocr: bool = False, limits: Limits = DEFAULT) -> Document:
    """Read a PDF's text layer (OCR pages without one when `ocr`); InputError on broken files,
    LimitError past a page or character limit."""
    budget = CharBudget(label, limits)
    with _opened(data, label, limits) as (pdf, count):
        if count > limits.max_pages:
            raise LimitError(f"{label}: {count} pages, over the {limits.max_pages}-page limit")
        if count == 0:
            raise InputError(f"{label}: damaged PDF (no pages found)")
        pages = [_page_words(page, number, label, budget)
                 for number, page in enumerate(pdf.pages, 1)]
        created, producer = _file_facts(pdf)
    if ocr:
        from resume_match.extract.ocr import build_with_ocr
        return build_with_ocr(data, label, pages, created=created, producer=producer,
                              limits=limits)
    return build_document(label, pages, file_size=len(data), created=created, producer=producer,
                          limits=limits)


def read_page(data: bytes, number: int, label: str, limits: Limits = DEFAULT) -> PageWords | None:
    """Page `number` alone, as read_pdf reads it: for the pdfium reader, on a page where pdfium's
    content parser cut a string. None when pdfminer cannot read that page or passes only its own
    glyph bound (the caller keeps what it has); LimitError past a limit both engines share."""
    try:
        with _opened(data, label, limits) as (pdf, count):
            if not 1 <= number <= count:
                return None
            return _page_words(pdf.pages[number - 1], number, label, CharBudget(label, limits))
    except InputError as e:
        if shared_limit(e):
            raise
        return None


@contextmanager
def _opened(data: bytes, label: str, limits: Limits) -> Iterator[tuple[Any, int]]:
    """The PDF open in pdfplumber, and its page count, with the page cap in force for the glyph
    counter; reference loops, which would make pdfminer spin, are refused before it opens."""
    _refuse_reference_loops(data, label)
    token = _GLYPH_CAP.set(limits.max_chars_per_page)
    try:
        with _open(data, label) as pdf:
            yield pdf, _page_count(pdf, label)
    finally:
        _GLYPH_CAP.reset(token)


# an object whose whole body is a reference to another: `5 0 obj 6 0 R endobj`
_GAP = rb"(?:\s|%[^\r\n]{0,200}[\r\n])*"          # white space and comments
_BARE_REF = re.compile(rb"(?<![0-9])(\d{1,10})\s+\d{1,5}\s+obj" + _GAP + rb"(\d{1,10})\s+\d{1,5}\s+R"
                       + _GAP + rb"endobj")


def _refuse_reference_loops(data: bytes, label: str) -> None:
    """pdfminer resolves a reference to a reference until it finds an object, so objects that
    are only references to each other (5 -> 6 -> 5, or 6 -> 6) make it spin for ever: refused
    here, from the file's bytes, before it opens the file. pdfium breaks such loops itself."""
    to = {int(m.group(1)): int(m.group(2)) for m in _BARE_REF.finditer(data)}
    for start in to:
        seen, at = [start], to[start]
        while at in to and at not in seen:
            seen.append(at)
            at = to[at]
        if at in seen:
            loop = seen[seen.index(at):]
            names = " -> ".join(str(n) for n in loop + [at])
            raise InputError(f"{label}: damaged PDF (objects refer to each other in a loop: "
                             f"{names})")


def _page_count(pdf: Any, label: str) -> int:
    """len(pdf.pages): pdfplumber builds every Page here, and a malformed box (MediaBox of
    names or strings, three numbers) raises from it."""
    try:
        return len(pdf.pages)
    except Exception as e:
        raise InputError(f"{label}: damaged PDF, its pages cannot be read ({_reason(e)})") from e


def _file_facts(pdf: Any) -> tuple[str, str]:
    """The file's own date (the later of CreationDate and ModDate) and the program that made
    it (Producer / Creator); a broken Info dictionary gives neither."""
    try:
        info = pdf.metadata or {}
    except Exception:
        return "", ""
    made = file_date(info.get("CreationDate"), info.get("ModDate"))
    names = [v.decode("latin-1", "replace") if isinstance(v, bytes) else str(v)
             for v in (info.get("Producer"), info.get("Creator")) if v]
    return made, " / ".join(names)[:120]


def _open(data: bytes, label: str) -> Any:
    try:
        return pdfplumber.open(io.BytesIO(data))
    except PdfminerException as e:
        cause = e.args[0] if e.args else e
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise InputError(f"{label}: PDF is password-protected (encrypted); save an "
                             "unprotected copy and try again") from e
        raise InputError(f"{label}: damaged or truncated PDF ({_reason(cause)})") from e
    except Exception as e:  # pdfminer raises many types for broken files
        raise InputError(f"{label}: damaged or truncated PDF ({_reason(e)})") from e


def _reason(e: BaseException) -> str:
    text = str(e).strip().splitlines()[0][:80] if str(e).strip() else ""
    return f"{type(e).__name__}: {text}" if text else type(e).__name__


def _page_words(page: Any, number: int, label: str, budget: CharBudget) -> PageWords:
    """One page's words and counts; a page pdfminer cannot parse is a damaged file, one that
    draws more characters than the page cap is refused while it is being read."""
    _use_char_fast_path(page)
    try:
        chars = page.chars
        budget.page(number, sum(not c["text"].isspace() for c in chars))
        words = page.extract_words(extra_attrs=["fontname", "size"], expand_ligatures=False,
                                   x_tolerance_ratio=X_TOLERANCE_RATIO)
        tables = _count_tables(page)
        images = len(page.images)
        links = _link_uris(page)
        width, height = float(page.width), float(page.height)
    except InputError:
        raise
    except Exception as e:
        cause = e.args[0] if isinstance(e, PdfminerException) and e.args else e
        if isinstance(cause, _TooManyGlyphs):
            raise cause.error(label, number) from None
        raise InputError(f"{label}: damaged PDF, page {number} cannot be read "
                         f"({_reason(cause)})") from e
    finally:
        page.close()                  # drop pdfplumber's per-page object cache
    boxes = tuple(join_touching_boxes(
        [WordBox(text=w["text"], x0=float(w["x0"]), x1=float(w["x1"]), top=float(w["top"]),
                 bottom=float(w["bottom"]), size=float(w.get("size") or 0.0),
                 fontname=str(w.get("fontname") or ""))
         for w in words if w.get("upright", True)], X_TOLERANCE_RATIO))
    return PageWords(number=number, width=width, height=height, words=boxes, tables=tables,
                     images=images, char_count=len(chars), links=links)


# ---------------------------------------------------------------- the page cap, while reading

# The page cap in force (read_pdf sets it): pdfminer makes one object per glyph, ~1 KB each, so
# a page of 10 million glyphs is 10 GB if the count waits for page.chars.
_GLYPH_CAP: ContextVar[int] = ContextVar("glyph_cap", default=DEFAULT.max_chars_per_page)


class _TooManyGlyphs(Exception):
    """Raised from inside pdfminer's interpreter (pdfplumber wraps it in PdfminerException);
    `shared` when the page cap itself is passed, not only pdfminer's bound on glyphs."""

    def __init__(self, what: str, shared: bool) -> None:
        super().__init__(what)
        self.shared = shared

    def error(self, label: str, number: int) -> LimitError:
        if self.shared:
            return LimitError(f"{label}: page {number} has {self}, over the limit for one page")
        return EngineLimitError(f"{label}: page {number} has {self}, over pdfplumber's limit "
                                "for one page")


_STOCK_RENDER_CHAR = PDFPageAggregatorWithMarkedContent.render_char


def _render_char_counted(self: Any, *args: Any, **kwargs: Any) -> float:
    """pdfplumber's render_char, counting the page's glyphs as they are drawn: past the page
    cap in characters that are not white space (the cap's definition, as pdfium's), or past
    GLYPHS_PER_CHAR times it in glyphs of any kind, the page is given up at once. The second
    bound is pdfminer's alone: pdfium keeps few of the spaces a page draws (a run of 3,070
    trailing spaces is one character to it) and reads such a page in a tenth of a second."""
    adv: float = _STOCK_RENDER_CHAR(self, *args, **kwargs)
    counts = self.__dict__.setdefault("_resume_match_glyphs", [0, 0])
    counts[0] += 1
    objs = self.cur_item._objs
    if objs and not objs[-1].get_text().isspace():
        counts[1] += 1
    cap = _GLYPH_CAP.get()
    if counts[1] > cap:
        raise _TooManyGlyphs(f"more than {cap:,} characters", shared=True)
    if counts[0] > GLYPHS_PER_CHAR * cap:
        raise _TooManyGlyphs(f"more than {GLYPHS_PER_CHAR * cap:,} glyphs (white space "
                             "included)", shared=False)
    return adv


PDFPageAggregatorWithMarkedContent.render_char = _render_char_counted  # type: ignore[method-assign]


def _link_uris(page: Any) -> tuple[tuple[str, float], ...]:
    """(URI, top) of the page's link annotations (URI actions behind icons and text)."""
    out = []
    for link in page.hyperlinks:
        uri = link.get("uri")
        if isinstance(uri, bytes):
            uri = uri.decode("utf-8", "replace")
        if isinstance(uri, str) and uri:
            out.append((uri, float(link.get("top") or 0.0)))
    return tuple(out)


def _count_tables(page: Any) -> int:
    """Ruled tables: grids of at least 2x2 cells drawn with lines or rectangles."""
    if len(page.lines) + len(page.rects) < 4:
        return 0
    count = 0
    for table in page.find_tables():
        rows = len(table.rows)
        cols = max((len(r.cells) for r in table.rows), default=0)
        if rows >= 2 and cols >= 2:
            count += 1
    return count


# pdfplumber internals the char fast path relies on; if they change, pages take the stock path.
_STOCK_PROCESS_OBJECT = getattr(pdfplumber.page.Page, "process_object", None)
_CHAR_ATTRS: frozenset[str] = frozenset(getattr(pdfplumber.page, "ALL_ATTRS", ()))
_PLAIN = frozenset({float, int, str, bool, type(None)})


def _use_char_fast_path(page: Any) -> None:
    """Let the page convert its chars with _CharObjects, when it is a stock pdfplumber Page."""
    if (_STOCK_PROCESS_OBJECT is not None and _CHAR_ATTRS
            and getattr(type(page), "process_object", None) is _STOCK_PROCESS_OBJECT):
        try:
            converter = _CharObjects(page)
        except AttributeError:                      # page attributes renamed: stay stock
            return
        page.process_object = converter             # Page.parse_objects calls self.process_object


class _CharObjects:
    """pdfplumber's Page.process_object, with a fast path for LTChar giving the same dicts.

    The stock conversion runs resolve_all on every attribute, a regex on the class name and
    PDFDocEncoding decoding of the colour-space name for each char: ~8 us a char, ~85 of the
    ~310 ms per CV of reading a PDF. A char's attributes are plain values, so the fast path copies
    them as they are (resolve_all returns them unchanged) and decodes each colour-space name once.
    The first char of the page is converted both ways: if the dicts differ (another pdfplumber
    version), the whole page keeps the stock conversion.
    """

    def __init__(self, page: Any) -> None:
        self.stock = page.process_object
        self.fast: bool | None = None           # None until the first char has been compared
        self.page_number = page.page_number
        self.doctop = page.initial_doctop
        self.height = page.height
        self.mb_x0, self.mb_top = page.mediabox[:2]
        self.unicode_norm = page.pdf.unicode_norm
        self.names: dict[str, Any] = {}         # colour-space name -> decoded name

    def __call__(self, obj: Any) -> dict[str, Any]:
        if type(obj) is not LTChar or self.fast is False:
            return self.stock(obj)
        if self.fast is None:
            stock = self.stock(obj)
            try:
                self.fast = list(self.char(obj).items()) == list(stock.items())
            except Exception:                   # e.g. a pdfminer without an attribute read here
                self.fast = False
            return stock
        return self.char(obj)

    def char(self, obj: LTChar) -> dict[str, Any]:
        """The dict Page.process_object builds for a char, in the same key order."""
        attr = {k: (v if type(v) in _PLAIN else _resolved(v))
                for k, v in obj.__dict__.items() if k in _CHAR_ATTRS}
        if isinstance(attr["fontname"], bytes):     # rare byte-encoded names: pdfplumber fixes them
            return self.stock(obj)
        attr["object_type"] = "char"
        attr["page_number"] = self.page_number
        for cs in ("ncs", "scs"):
            if hasattr(obj, cs):
                attr[cs] = self.decoded(getattr(obj, cs).name)
        text = obj.get_text()
        norm = self.unicode_norm
        attr["text"] = text if norm is None else normalize_unicode(norm, text)
        gs = obj.graphicstate
        attr["stroking_color"] = gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,)
        attr["non_stroking_color"] = gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,)
        attr["top"] = (self.height - attr["y1"]) + self.mb_top
        attr["bottom"] = (self.height - attr["y0"]) + self.mb_top
        attr["doctop"] = self.doctop + attr["top"]
        if self.mb_x0 != 0:
            attr["x0"] = attr["x0"] + self.mb_x0
            attr["x1"] = attr["x1"] + self.mb_x0
        return attr

    def decoded(self, name: Any) -> Any:
        """resolve_and_decode(name), cached: a page has a handful of colour spaces."""
        if type(name) is not str:
            return resolve_and_decode(name)
        if name not in self.names:
            self.names[name] = resolve_and_decode(name)
        return self.names[name]


def _resolved(value: Any) -> Any:
    """resolve_all(value), skipping its copy of a tuple of plain values (a char's matrix)."""
    if type(value) is tuple and all(type(v) in _PLAIN for v in value):
        return value
    return resolve_all(value)
