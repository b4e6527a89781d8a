"""Which encoding a text CV is in: UTF-8 (most), UTF-16/32 with a byte-order mark (Windows
Notepad's "Unicode"), UTF-16 without one, or a legacy single-byte code page (Latin-1,
Windows-1252, ...) guessed by charset-normalizer. Binary files are told apart by their control
bytes, so random bytes and files with NULs stay "unsupported"."""
from __future__ import annotations

import codecs
from typing import Literal

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
# C0 bytes no text file holds (all but tab, LF, VT, FF, CR and ESC), and DEL
_BINARY = bytes([*range(0, 9), 14, 15, *range(16, 27), *range(28, 32), 127])
MIN_DETECTOR_BYTES = 8            # non-ASCII bytes a detector needs to tell code pages apart
MAX_BINARY_SHARE = 0.01            # of the first KiB: more such bytes and it is not text
NAMES = {"utf-8-sig": "UTF-8 with a BOM", "utf-16": "UTF-16", "utf-16-le": "UTF-16LE",
         "utf-16-be": "UTF-16BE", "utf-32": "UTF-32", "cp1252": "Windows-1252",
         "cp1250": "Windows-1250", "cp1251": "Windows-1251",
         "latin_1": "Latin-1", "iso8859_1": "Latin-1"}


def text_encoding(data: bytes) -> str | None | Literal[False]:
    """None for UTF-8, the codec name of another text encoding, or False when `data` is not
    text at all."""
    head = data[:1024]
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec
    utf16 = _utf16_without_bom(head)
    if utf16:
        return utf16
    if sum(map(head.count, _BINARY)) > MAX_BINARY_SHARE * len(head) or b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
        return None
    except UnicodeDecodeError as e:
        if e.start >= len(head) - 4 or _mostly_utf8(data):   # cut by the 1 KiB window, or
            return None                                      # a stray byte in UTF-8 text
    return _legacy(data)


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few bad bytes, not a legacy code page: at least as many well-formed
    multi-byte characters as bytes that are not (a Latin-1 'José' has none of the first)."""
    text = data[:65536].decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ch > "\x7f") - bad
    return 0 < good and bad <= good


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 text of mostly ASCII has a NUL in every other byte."""
    if len(head) < 16:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.7 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.7 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _legacy(data: bytes) -> str:
    """A single-byte code page for text that is not UTF-8: charset-normalizer's best guess,
    Windows-1252 when it has none, when its guess reads the same, or when there are too few
    non-ASCII bytes to guess from (Windows-1252 reads Latin-1 text the same, bar C1 controls)."""
    sample = data[:65536]
    if sum(b > 0x7F for b in sample) < MIN_DETECTOR_BYTES:
        return "cp1252"
    try:
        from charset_normalizer import from_bytes
        best = from_bytes(sample).best()
    except Exception:                   # not installed, or it failed: the common case then
        best = None
    if best is None or "cp1252" in best.could_be_from_charset:
        return "cp1252"                 # the same text as its guess: the name people know
    return str(best.encoding)


def decode(data: bytes, encoding: str | None) -> tuple[str, str | None]:
    """The text and, when it was not UTF-8, a warning naming the encoding used. Bytes invalid in
    it become U+FFFD: a CV with one bad byte is still read."""
    if encoding is None:
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd") - data.count("\xef\xbf\xbd".encode("latin-1"))
        note = (f"the file is not valid UTF-8: {bad} byte(s) could not be read and were "
                "replaced") if bad > 0 else None
        return text.lstrip("\ufeff"), note
    text = data.decode(encoding, errors="replace").lstrip("\ufeff")
    if encoding == "utf-8-sig":
        return text, None
    return text, f"read as {NAMES.get(encoding, encoding)} (the file is not UTF-8)"
