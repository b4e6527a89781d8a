"""Input file -> Document. Dispatches on the file's content to one reader per input kind.

Every limit on an input (extract/limits.py) is checked here or by the reader it dispatches to,
before the work it bounds, so every caller (CLI, batch workers, the web app) gets the same.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path, PurePath

from resume_match.errors import InputError, LimitError, shared_limit
from resume_match.extract.limits import DEFAULT, Limits, check_pdf_streams, check_size, check_zip_members
from resume_match.models import Document, Line
from resume_match.extract.safetext import has_controls, strip_controls

MAX_BYTES = DEFAULT.max_file_bytes
MAX_PAGES = DEFAULT.max_pages

# The documented text formats; a text file named otherwise (notes.xyz) is refused, not read as a
# CV. A name without a suffix (bytes, stdin) is read when its content is text.
TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")

__all__ = ["read_document", "sniff", "pdfium_hint", "Limits", "MAX_BYTES", "MAX_PAGES",
           "TEXT_SUFFIXES"]


def read_document(source: str | Path | bytes, *, name: str | None = None,
                  engine: str = "pdfplumber", ocr: bool = False,
                  max_pages: int | None = None, max_bytes: int | None = None,
                  limits: Limits = DEFAULT) -> Document:
    """Read a CV from a path or bytes into a Document; raise InputError with a one-line reason
    (LimitError when a limit is passed). `max_pages` and `max_bytes` override those of `limits`."""
    if max_pages is not None or max_bytes is not None:
        limits = replace(limits, max_pages=max_pages or limits.max_pages,
                         max_file_bytes=max_bytes or limits.max_file_bytes)
    data, label = _load(source, name, limits.max_file_bytes)
    kind, encoding = sniff_encoding(data, label)
    try:
        doc = _read(data, label, kind, encoding, engine, ocr, limits)
    except InputError as e:
        if kind == "pdf" and engine != "pdfium" and not shared_limit(e):
            raise InputError(f"{e}{pdfium_hint(data)}") from e
        raise
    except Exception as e:      # any other failure of a reader on its input is that input's
        reason = f"{type(e).__name__}: {str(e).strip()[:80]}".rstrip(": ")
        hint = pdfium_hint(data) if kind == "pdf" and engine != "pdfium" else ""
        raise InputError(f"{label}: damaged {_KINDS[kind]} ({reason.splitlines()[0]}){hint}") from e
    return _without_controls(doc)


_KINDS = {"pdf": "PDF", "docx": "DOCX", "text": "text file"}


def _read(data: bytes, label: str, kind: str, encoding: str | None, engine: str, ocr: bool,
          limits: Limits) -> Document:
    """The reader for `kind`, after the limits that bind before it (inflated sizes, text size)."""
    if kind == "pdf":
        check_pdf_streams(data, label, limits)
        if engine == "pdfium":
            from resume_match.extract.pdfium import read_pdf_pdfium
            return read_pdf_pdfium(data, label, ocr=ocr, limits=limits)
        from resume_match.extract.pdf import read_pdf
        return read_pdf(data, label, ocr=ocr, limits=limits)
    if kind == "docx":
        check_zip_members(data, label, limits)
        from resume_match.extract.docx import read_docx
        return read_docx(data, label, limits=limits)
    from resume_match.extract.text import read_text
    check_size(label, len(data), limits.max_text_bytes, "text file")
    return read_text(data, label, encoding=encoding, limits=limits)


def pdfium_hint(data: bytes) -> str:
    """'; pdfium can read it: try --engine pdfium' when pdfium opens the file pdfplumber could
    not read (a broken xref, a malformed box, a reference loop), '' when it cannot either."""
    try:
        import pypdfium2 as pdfium
        pdf = pdfium.PdfDocument(data)
        try:
            if len(pdf) == 0:
                return ""
            pdf[0].close()
        finally:
            pdf.close()
    except Exception:
        return ""
    return "; pdfium can open it: try --engine pdfium"


def _load(source: str | Path | bytes, name: str | None, max_bytes: int) -> tuple[bytes, str]:
    if isinstance(source, bytes):
        data, label = source, name or "<bytes>"
    else:
        path = Path(source)
        label = name or str(source)
        if not path.exists():
            raise InputError(f"{label}: no such file")
        if path.is_dir():
            raise InputError(f"{label}: is a folder, not a file")
        check_size(label, path.stat().st_size, max_bytes)
        try:
            with open(path, "rb") as fh:
                data = fh.read(max_bytes + 1)      # a file that grew since stat() stops here
        except OSError as e:
            raise InputError(f"{label}: cannot read file ({e.strerror or e})") from e
    check_size(label, len(data), max_bytes, "input")
    if not data.strip():
        raise InputError(f"{label}: file is empty")
    return data, label


def sniff(data: bytes, label: str) -> str:
    """The input kind from magic bytes first, then the name; unsupported kinds are refused."""
    return sniff_encoding(data, label)[0]


def sniff_encoding(data: bytes, label: str) -> tuple[str, str | None]:
    """The input kind and, for text, its encoding (extract/encoding.py) or None for UTF-8."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf", None
    if head.startswith(b"PK\x03\x04"):
        if label.lower().endswith((".docx", ".docm")) or b"word/" in data[:65536]:
            return "docx", None
        raise InputError(f"{label}: unsupported file type (a zip archive, not a DOCX)")
    lower = label.lower()
    if lower.endswith(".pdf"):
        raise InputError(f"{label}: not a valid PDF (no PDF header)")
    if lower.endswith(".doc"):
        raise InputError(f"{label}: legacy .doc is not supported; save it as .docx or PDF")
    suffix = PurePath(lower).suffix
    if suffix and suffix not in TEXT_SUFFIXES:
        raise InputError(f"{label}: unsupported file type '{suffix}' (PDF, DOCX, .txt or .md)")
    from resume_match.extract.encoding import text_encoding
    encoding = text_encoding(data)
    if encoding is False:
        raise InputError(f"{label}: unsupported file type (not PDF, DOCX or text)")
    return "text", encoding


def _without_controls(doc: Document) -> Document:
    """The Document with control characters (terminal escapes, BEL, C1) out of every line: what
    a file says must never drive the terminal or page it is shown on."""
    def clean(lines: tuple[Line, ...]) -> tuple[Line, ...]:
        kept = (replace(ln, text=strip_controls(ln.text)) if has_controls(ln.text) else ln
                for ln in lines)
        return tuple(ln for ln in kept if ln.text)

    if not any(has_controls(ln.text) for p in doc.pages for ln in p.lines + p.margin_lines):
        return doc
    return replace(doc, pages=tuple(replace(p, lines=clean(p.lines), margin_lines=clean(p.margin_lines))
                                    for p in doc.pages))
