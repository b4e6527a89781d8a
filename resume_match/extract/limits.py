"""The limits on one input, checked before the work they bound: one definition for every reader
(pdfplumber, pdfium, DOCX, text), so the CLI, batch workers and the web app refuse the same
files with the same one-line message.

Why before: a 4 MB PDF can inflate to 4 GiB and a 0.5 MB DOCX to 300 MiB of XML; a cap checked
after the reader has done the work protects nothing. So the compressed parts of a file (PDF
streams, zip members) are inflated here first, incrementally and without keeping the output,
and the file is refused as soon as one of them passes its cap; characters are counted while
pages and lines are read, and reading stops at the first one over.

A "character" in every character limit is one that is not white space: engines differ in the
spaces and line breaks they generate (pdfium adds a CR LF at each line end, pdfminer adds none),
never in the glyphs they read.
"""
from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from resume_match.errors import LimitError

KiB, MiB = 1 << 10, 1 << 20
_CHUNK = 256 * KiB                 # inflated bytes per step: never more than this in memory


@dataclass(frozen=True)
class Limits:
    """Every cap on one input file. Sizes in bytes, characters exclude white space."""
    max_file_bytes: int = 20 * MiB          # any input, as it is on disk
    max_text_bytes: int = 2 * MiB           # a plain-text or Markdown CV
    max_pages: int = 40
    max_chars_per_page: int = 60_000        # a CV page has ~5,000
    max_chars_per_line: int = 50_000        # a CV line has < 200, a long DOCX paragraph ~3,000
    max_chars_per_document: int = 1_000_000
    max_stream_bytes: int = 32 * MiB        # one PDF stream or zip member, inflated
    max_inflated_bytes: int = 128 * MiB     # all of a file's streams or members, inflated

    @classmethod
    def unbounded(cls) -> "Limits":
        """No cap at all: for benchmarks that measure how the stages scale past the limits."""
        big = 1 << 62
        return cls(big, big, big, big, big, big, big, big)


DEFAULT = Limits()


def size_text(n: int, limit: int) -> str:
    """`n` bytes in the unit `limit` is stated in ('20.3 MiB'), exact when rounding would make
    it read as the limit itself ('20,971,521 bytes' against 20 MiB)."""
    unit, name = next((u, s) for u, s in ((MiB, "MiB"), (KiB, "KiB"), (1, "bytes")) if limit >= u)
    shown = f"{n / unit:.1f} {name}" if unit > 1 else f"{n:,} bytes"
    return f"{n:,} bytes" if shown == f"{limit / unit:.1f} {name}" else shown


def limit_text(limit: int) -> str:
    """'20 MiB', '512 KiB' or '100 bytes': a limit as it is defined."""
    for unit, name in ((MiB, "MiB"), (KiB, "KiB")):
        if limit >= unit and limit % unit == 0:
            return f"{limit // unit} {name}"
    return f"{limit:,} bytes"


def check_size(label: str, size: int, limit: int, what: str = "file") -> None:
    if size > limit:
        raise LimitError(f"{label}: {what} is {size_text(size, limit)}, over the "
                         f"{limit_text(limit)} limit")


def visible_chars(text: str) -> int:
    """Characters that are not white space: what every character limit counts."""
    return len(text) - sum(map(text.count, " \n\t\r")) if text.isascii() else \
        sum(not ch.isspace() for ch in text)


def check_line(label: str, where: str, text: str, limits: Limits = DEFAULT) -> int:
    """The line cap, for a text file's line as for a line a PDF reader built: its count."""
    count = visible_chars(text)
    if count > limits.max_chars_per_line:
        raise LimitError(f"{label}: {where} has {count:,} characters, over the "
                         f"{limits.max_chars_per_line:,} limit for one line")
    return count


class CharBudget:
    """Counts characters as a reader produces them and stops it at the first cap passed."""

    def __init__(self, label: str, limits: Limits = DEFAULT) -> None:
        self.label, self.limits, self.total = label, limits, 0

    def page(self, number: int, count: int) -> None:
        """A page of `count` characters: within the page cap and, with the pages before, the
        document cap."""
        cap = self.limits.max_chars_per_page
        if count > cap:
            raise LimitError(f"{self.label}: page {number} has {count:,} characters, over the "
                             f"{cap:,} limit for one page")
        self.add(count)

    def line(self, number: int, text: str) -> int:
        """A line of text: within the line cap; its characters go into the document's count."""
        count = check_line(self.label, f"line {number}", text, self.limits)
        self.add(count)
        return count

    def add(self, count: int) -> None:
        self.total += count
        cap = self.limits.max_chars_per_document
        if self.total > cap:
            raise LimitError(f"{self.label}: more than {cap:,} characters, over the limit for "
                             "one document")


# ---------------------------------------------------------------- compressed parts

class _Inflated:
    """Running totals of inflated bytes for one file, refusing past either cap."""

    def __init__(self, label: str, limits: Limits, what: str) -> None:
        self.label, self.limits, self.what, self.total = label, limits, what, 0

    def count(self, chunks: Iterable[bytes], name: str) -> None:
        """One part's output: within the per-part cap, and with the others within the file's."""
        for _ in _counted(chunks, self, name, total=True):
            pass

    def add(self, n: int) -> None:
        self.total += n
        if self.total > self.limits.max_inflated_bytes:
            raise LimitError(f"{self.label}: its {self.what}s inflate to more than "
                             f"{limit_text(self.limits.max_inflated_bytes)}, over the limit "
                             "for one file")


def _inflate(chunks: Iterable[bytes], wbits: int = zlib.MAX_WBITS) -> Iterator[bytes]:
    """A zlib (or raw deflate, wbits=-15) stream's output in steps of at most _CHUNK bytes; it
    stops at the stream's end or at the first corrupt byte (the reader will complain, not us)."""
    d = zlib.decompressobj(wbits)
    try:
        for chunk in chunks:
            data = chunk
            while data:
                out = d.decompress(data, _CHUNK)
                if out:
                    yield out
                if d.eof:
                    return
                data = d.unconsumed_tail
        tail = d.flush()
        if tail:
            yield tail
    except zlib.error:
        return


def _slices(data: bytes, start: int, end: int | None = None) -> Iterator[bytes]:
    """data[start:end] in steps of _CHUNK bytes, copied one step at a time."""
    view = memoryview(data)[start:end]
    for i in range(0, len(view), _CHUNK):
        yield bytes(view[i:i + _CHUNK])


def _lzw(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """LZWDecode, incrementally (pdfminer's decoder is a generator over its input file)."""
    import io
    from pdfminer.lzw import LZWDecoder
    data = b"".join(chunks)                  # compressed: at most the file's size
    try:
        for out in LZWDecoder(io.BytesIO(data)).run():
            yield out
    except Exception:                        # a corrupt stream: the reader's to report
        return


def _run_length(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """RunLengthDecode: up to 128 copies of a byte per two input bytes."""
    data = b"".join(chunks)
    i, out = 0, bytearray()
    while i < len(data):
        n = data[i]
        if n == 128:
            break
        if n < 128:
            out += data[i + 1:i + 2 + n]
            i += n + 2
        else:
            out += data[i + 1:i + 2] * (257 - n)
            i += 2
        if len(out) >= _CHUNK:
            yield bytes(out)
            out.clear()
    if out:
        yield bytes(out)


def _bounded(chunks: Iterable[bytes], decode: Callable[[bytes], bytes]) -> Iterator[bytes]:
    """A filter whose output is at most a few times its input (ASCIIHex, ASCII85)."""
    try:
        yield decode(b"".join(chunks))
    except Exception:
        return


def _a85(data: bytes) -> bytes:
    import base64
    body = data.strip()
    body = body[2:] if body.startswith(b"<~") else body
    end = body.find(b"~>")
    return base64.a85decode(body[:end] if end >= 0 else body, ignorechars=b" \t\n\r\x0b\x0c")


def _ahx(data: bytes) -> bytes:
    import binascii
    hexes = re.sub(rb"[^0-9A-Fa-f]", b"", data.split(b">", 1)[0])
    return binascii.unhexlify(hexes + b"0" * (len(hexes) % 2))


_FILTERS: dict[bytes, Callable[[Iterable[bytes]], Iterator[bytes]]] = {
    b"FlateDecode": _inflate, b"Fl": _inflate, b"LZWDecode": _lzw, b"LZW": _lzw,
    b"RunLengthDecode": _run_length, b"RL": _run_length,
    b"ASCIIHexDecode": lambda c: _bounded(c, _ahx), b"AHx": lambda c: _bounded(c, _ahx),
    b"ASCII85Decode": lambda c: _bounded(c, _a85), b"A85": lambda c: _bounded(c, _a85),
}
# 'stream' after a dictionary's '>>', then the end of line the keyword must have
_STREAM = re.compile(rb">>\s*stream(?:\r\n|\n|\r)")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]{0,400}\]|/[A-Za-z0-9]+)")
_OBJ = re.compile(rb"\d+\s+\d+\s+obj\b")
_DICT_WINDOW = 4096                # how far back from 'stream' the stream's dictionary is read


def check_pdf_streams(data: bytes, label: str, limits: Limits = DEFAULT) -> None:
    """Inflate every filtered stream of a PDF (found by scanning the bytes, so a broken xref
    cannot hide one), through its whole filter chain, counting each stage's output against the
    per-stream cap and the final outputs against the per-file cap. Nothing is kept."""
    budget = _Inflated(label, limits, "stream")
    for m in _STREAM.finditer(data):
        head = data[max(0, m.start() - _DICT_WINDOW):m.start()]
        obj = None
        for obj in _OBJ.finditer(head):
            pass
        names = _filters(head[obj.end():] if obj else head)
        chain = [_FILTERS[n] for n in names[:next((i for i, n in enumerate(names)
                                                   if n not in _FILTERS), len(names))]]
        if not chain:                        # unfiltered, or an image codec (DCT, JPX, CCITT)
            continue
        end = data.find(b"endstream", m.end())
        chunks: Iterable[bytes] = _slices(data, m.end(), end if end >= 0 else None)
        where = f"the stream at byte {m.end():,}"
        for i, decode in enumerate(chain):
            chunks = _counted(decode(chunks), budget, where, total=i == len(chain) - 1)
        for _ in chunks:
            pass


def _counted(chunks: Iterable[bytes], budget: _Inflated, name: str,
             total: bool) -> Iterator[bytes]:
    """`chunks` passed on and counted: every stage of a filter chain against the per-stream
    cap, the last one (`total`) also against the file's."""
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > budget.limits.max_stream_bytes:
            raise LimitError(f"{budget.label}: {name} inflates to more than "
                             f"{limit_text(budget.limits.max_stream_bytes)}, over the limit for "
                             f"one {budget.what}")
        if total:
            budget.add(len(chunk))
        yield chunk


def _filters(dictionary: bytes) -> list[bytes]:
    """The filter names of a stream dictionary, in order ([] when there is none)."""
    m = _FILTER.search(dictionary)
    if not m:
        return []
    return re.findall(rb"/([A-Za-z0-9]+)", m.group(1))


def check_zip_members(data: bytes, label: str, limits: Limits = DEFAULT) -> None:
    """Refuse a zip (DOCX) whose members, by their declared sizes or by inflating them, pass
    the per-member or per-file cap. The declared size can lie (zipfile trusts it and then
    inflates everything in one call), so each member's compressed bytes are inflated here in
    steps, as far as the cap."""
    import io
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return                               # the reader reports a damaged zip
    declared = 0
    for info in infos:
        declared += info.file_size
        if info.file_size > limits.max_stream_bytes:
            raise LimitError(f"{label}: {info.filename} inflates to "
                             f"{size_text(info.file_size, limits.max_stream_bytes)}, over the "
                             f"{limit_text(limits.max_stream_bytes)} limit for one part")
    if declared > limits.max_inflated_bytes:
        raise LimitError(f"{label}: its parts inflate to {size_text(declared, limits.max_inflated_bytes)}, "
                         f"over the {limit_text(limits.max_inflated_bytes)} limit for one file")
    budget = _Inflated(label, limits, "part")
    for info in infos:
        if info.compress_type != zipfile.ZIP_DEFLATED:
            continue                         # stored members are as large as they are on disk
        start = _member_data(data, info)
        if start is not None:
            budget.count(_inflate(_slices(data, start, start + info.compress_size), -15),
                         info.filename)


def _member_data(data: bytes, info: zipfile.ZipInfo) -> int | None:
    """Where a member's compressed bytes start: after its local header, name and extra field."""
    at = info.header_offset
    if data[at:at + 4] != b"PK\x03\x04" or len(data) < at + 30:
        return None
    name_len = int.from_bytes(data[at + 26:at + 28], "little")
    extra_len = int.from_bytes(data[at + 28:at + 30], "little")
    return at + 30 + name_len + extra_len
