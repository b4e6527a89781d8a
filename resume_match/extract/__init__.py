"""Input file -> Document. Dispatches on the file's content to one reader per input kind."""
from __future__ import annotations

from pathlib import Path, PurePath

from resume_match.errors import InputError, LimitError
from resume_match.models import Document

MAX_BYTES = 20 * 1024 * 1024
MAX_PAGES = 40
# The documented text formats; a text file named otherwise (notes.xyz) is refused, not read as a
# CV. A name without a suffix (bytes, stdin) is read when its content is text.
TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")


def read_document(source: str | Path | bytes, *, name: str | None = None,
                  engine: str = "pdfplumber", ocr: bool = False,
                  max_pages: int = MAX_PAGES, max_bytes: int = MAX_BYTES) -> Document:
    """Read a CV from a path or bytes into a Document; raise InputError with a one-line reason."""
    data, label = _load(source, name, max_bytes)
    kind = sniff(data, label)
    if kind == "pdf":
        if engine == "pdfium":
            from resume_match.extract.pdfium import read_pdf_pdfium
            return read_pdf_pdfium(data, label, max_pages=max_pages, ocr=ocr)
        from resume_match.extract.pdf import read_pdf
        return read_pdf(data, label, max_pages=max_pages, ocr=ocr)
    if kind == "docx":
        from resume_match.extract.docx import read_docx
        return read_docx(data, label)
    from resume_match.extract.text import read_text
    return read_text(data, label)


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
        size = path.stat().st_size
        if size > max_bytes:
            raise LimitError(f"{label}: file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit")
        try:
            data = path.read_bytes()
        except OSError as e:
            raise InputError(f"{label}: cannot read file ({e.strerror or e})") from e
    if len(data) > max_bytes:
        raise LimitError(f"{label}: input is {len(data) / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit")
    if not data.strip():
        raise InputError(f"{label}: file is empty")
    return data, label


def sniff(data: bytes, label: str) -> str:
    """The input kind from magic bytes first, then the name; unsupported kinds are refused."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if label.lower().endswith((".docx", ".docm")) or b"word/" in data[:65536]:
            return "docx"
        raise InputError(f"{label}: unsupported file type (a zip archive, not a DOCX)")
    lower = label.lower()
    if lower.endswith(".pdf"):
        raise InputError(f"{label}: not a valid PDF (no PDF header)")
    if lower.endswith(".doc"):
        raise InputError(f"{label}: legacy .doc is not supported; save it as .docx or PDF")
    suffix = PurePath(lower).suffix
    if suffix and suffix not in TEXT_SUFFIXES:
        raise InputError(f"{label}: unsupported file type '{suffix}' (PDF, DOCX, .txt or .md)")
    if _looks_like_text(head):
        return "text"
    raise InputError(f"{label}: unsupported file type (not PDF, DOCX or text)")


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
        return True
    except UnicodeDecodeError as e:
        return e.start >= len(head) - 4  # a multi-byte character cut by the 1 KiB window
