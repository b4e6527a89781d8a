"""Hostile and broken inputs for tests/test_hostile.py, generated here (never committed binaries):
hand-built PDFs (bombs, loops, malformed boxes, long lines, many glyphs), DOCX files rewritten
from pdfgen.make_docx (zip bombs, lying sizes, non-numeric attributes), text in other encodings,
and the mutations the fuzz test feeds to each reader.
"""
from __future__ import annotations

import io
import random
import re
import struct
import zipfile
import zlib
from pathlib import Path

MiB = 1 << 20
CV_LINES = ("Alex Morgan", "alex.morgan@example.com | +1 415 555 0199", "SUMMARY",
            "Machine learning engineer with five years of experience in Python.",
            "EXPERIENCE", "Machine Learning Engineer, Acme Analytics, Jan 2021 - Present",
            "- Built recommendation models with PyTorch and scikit-learn",
            "EDUCATION", "MSc Computer Science, University of Edinburgh, 2018",
            "SKILLS", "Python, SQL, PyTorch, scikit-learn, Docker, AWS")
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def text_ops(lines: tuple[str, ...] = CV_LINES, start: float = 750) -> bytes:
    """A content stream drawing `lines` in Helvetica 11, one per 14 points."""
    out = [b"BT /F1 11 Tf"]
    for i, line in enumerate(lines):
        safe = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        out.append(b"1 0 0 1 50 %d Tm (%s) Tj" % (start - 14 * i, safe.encode("latin-1")))
    return b"\n".join(out + [b"ET"])


def stream(data: bytes, filters: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), filters) + data + b"\nendstream"


def build_pdf(objects: dict[int, bytes], *, xref_shift: int = 0) -> bytes:
    """Numbered objects as a PDF with a classic xref table (every offset `xref_shift` off)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    size, start = max(objects) + 1, len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for num in range(1, size):
        out += (b"%010d 00000 n \n" % (offsets[num] + xref_shift) if num in offsets
                else b"0000000000 65535 f \n")
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, start)
    return bytes(out)


def one_page(contents: bytes, *, mediabox: bytes = b"[0 0 612 792]",
             extra: dict[int, bytes] | None = None, contents_ref: bytes = b"5 0 R") -> bytes:
    """Catalog 1, Pages 2, Page 3, Font 4, Contents 5 (already a stream object, or anything)."""
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
               2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               3: b"<< /Type /Page /Parent 2 0 R /MediaBox " + mediabox +
                  b" /Resources << /Font << /F1 4 0 R >> >> /Contents " + contents_ref + b" >>",
               4: FONT, 5: contents, **(extra or {})}
    return build_pdf(objects)


def cv_pdf(**kw: bytes) -> bytes:
    """The CV on one hand-built page, its content Flate-compressed."""
    return one_page(stream(zlib.compress(text_ops()), b"/Filter /FlateDecode "), **kw)  # type: ignore[arg-type]


def deflated(size: int, *, raw: bool = False, head: bytes = b"", fill: bytes = b" ") -> bytes:
    """`head` then `size` bytes of `fill`, deflated in 1 MiB steps (never held inflated)."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -15 if raw else 15)
    parts, left, chunk = [comp.compress(head)], size, fill * MiB
    while left > 0:
        parts.append(comp.compress(chunk if left >= MiB else fill * left))
        left -= MiB
    return b"".join(parts + [comp.flush()])


def flate_bomb_pdf(inflated: int = 1024 * MiB, *, double: bool = False) -> bytes:
    """The CV, then `inflated` bytes of spaces in the same content stream: 1 GiB is ~1 MB on
    disk; `double` compresses it twice (a few KB on disk)."""
    data, filters = deflated(inflated, head=text_ops() + b"\n"), b"/Filter /FlateDecode "
    if double:
        data, filters = zlib.compress(data, 9), b"/Filter [/FlateDecode /FlateDecode] "
    return one_page(stream(data, filters))


def long_line_pdf(chars: int) -> bytes:
    """`chars` letters on one line, in Tj strings of 10,000 (pdfium keeps at most 32,767
    characters of one string): pdfminer makes an object per glyph."""
    run = b"(" + b"abcdefghij" * 1000 + b") Tj "
    body = b"BT /F1 1 Tf 1 0 0 1 10 400 Tm " + run * (chars // 10_000) + b"ET"
    return one_page(stream(zlib.compress(body), b"/Filter /FlateDecode "))


def glyph_lines_pdf(lines: int, per_line: int) -> bytes:
    """`lines` lines of `per_line` letters each (with the spaces pdfium adds at line ends, a
    raw count over the cap while the letters are under it)."""
    rows = [b"1 0 0 1 10 %d Tm (%s) Tj" % (780 - i, b"x" * per_line) for i in range(lines)]
    body = b"BT /F1 1 Tf\n" + b"\n".join(rows) + b"\nET"
    return one_page(stream(zlib.compress(body), b"/Filter /FlateDecode "))



def letters_pdf(letters: int, *, per_row: int = 1000, spaces: int = 0) -> bytes:
    """`letters` letters in Helvetica 1 on rows of `per_row` (the last one shorter) 5 points
    apart, so both engines see the same lines; each row then draws `spaces` spaces."""
    counts = [per_row] * (letters // per_row) + ([letters % per_row] if letters % per_row else [])
    rows = [b"1 0 0 1 10 %d Tm (%s) Tj" % (780 - 5 * i, b"x" * n + b" " * spaces)
            for i, n in enumerate(counts)]
    body = b"BT /F1 1 Tf\n" + b"\n".join(rows) + b"\nET"
    return one_page(stream(zlib.compress(body), b"/Filter /FlateDecode "))


def wide_line_pdf(letters: int) -> bytes:
    """`letters` letters 'i' on one line of a page 14,400 points wide (the most PDF allows), in
    Helvetica 1 (0.222 points an 'i': 64,800 fit), in strings of at most 5,000."""
    runs = [b"(%s) Tj " % (b"i" * min(5_000, letters - k)) for k in range(0, letters, 5_000)]
    body = b"BT /F1 1 Tf 1 0 0 1 5 400 Tm " + b"".join(runs) + b"ET"
    return one_page(stream(zlib.compress(body), b"/Filter /FlateDecode "),
                    mediabox=b"[0 0 14400 792]")


def one_string_pdf(letters: int) -> bytes:
    """`letters` letters 'i' in one Tj string on a page 14,400 points wide: pdfium's content
    parser keeps the first 32,767 bytes of a string, pdfminer all of it."""
    body = b"BT /F1 1 Tf 1 0 0 1 5 400 Tm (" + b"i" * letters + b") Tj ET"
    return one_page(stream(zlib.compress(body), b"/Filter /FlateDecode "),
                    mediabox=b"[0 0 14400 792]")

def ref_loop_pdf(*, comment: bool = False) -> bytes:
    """/Contents 5 0 R, where object 5 is `6 0 R` and 6 is `5 0 R`: pdfminer never ends
    (`comment`: a comment between the reference and endobj)."""
    return one_page(b"6 0 R" + (b" % to 6\n" if comment else b""), extra={6: b"5 0 R"})


def xref_shifted_pdf() -> bytes:
    """Every xref offset 37 bytes off: pdfplumber finds no pages, pdfium rebuilds the table."""
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
               2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                  b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
               4: FONT, 5: stream(text_ops())}
    return build_pdf(objects, xref_shift=37)



XREF_DAMAGES = ("wrong startxref", "startxref past the end", "garbled table", "no xref table",
                "garbled table and wrong startxref", "no xref and no trailer", "shifted offsets")


def xref_damaged_pdf(damage: str) -> bytes:
    """The CV with its cross-reference data damaged one way of XREF_DAMAGES: a startxref that
    points 123 bytes past the table or past the end, table entries that are not numbers, no
    table (a trailer only), both of the first kinds, nothing after the objects, every offset 37
    bytes off."""
    if damage == "shifted offsets":
        return xref_shifted_pdf()
    base = cv_pdf()
    table, tail = base.rindex(b"\nxref\n") + 1, base.rindex(b"startxref\n")
    garbled = base[:table] + re.sub(rb"\d{10} 00000 n", b"zzzzzzzzzz 00000 n", base[table:tail])
    return {"wrong startxref": base[:tail] + b"startxref\n%d\n%%%%EOF\n" % (table + 123),
            "startxref past the end": base[:tail] + b"startxref\n9999999\n%%EOF\n",
            "garbled table": garbled + base[tail:],
            "no xref table": base[:table] + b"trailer\n<< /Size 6 /Root 1 0 R >>\n%%EOF\n",
            "garbled table and wrong startxref":
                garbled + b"startxref\n%d\n%%%%EOF\n" % (table + 7),
            "no xref and no trailer": base[:table] + b"%%EOF\n"}[damage]

# ---------------------------------------------------------------- DOCX

def rewrite_zip(data: bytes, members: dict[str, bytes]) -> bytes:
    """A copy of the zip `data` with the named members' contents replaced (deflated)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, members.get(info.filename, src.read(info.filename)))
    return out.getvalue()


def zip_bomb_docx(base: bytes, inflated: int, *, member: str = "word/document.xml") -> bytes:
    """`base` with `member` replaced by `inflated` bytes: a comment of spaces after the XML
    declaration, built as raw deflate so the bomb is never in memory inflated."""
    head = b'<?xml version="1.0" encoding="UTF-8"?><!--'
    raw = deflated(inflated, raw=True, head=head)        # never closed: the cap stops first
    with zipfile.ZipFile(io.BytesIO(base)) as src:
        others = {i.filename: src.read(i.filename) for i in src.infolist() if i.filename != member}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, content in others.items():
            dst.writestr(name, content)
    data = bytearray(out.getvalue())
    return bytes(_append_member(data, member, raw, len(head) + inflated))


def _append_member(data: bytearray, name: str, raw: bytes, size: int) -> bytes:
    """`data` (a zip) with one more deflated member of compressed bytes `raw`, declaring `size`
    (CRC 0: a reader that inflates it all fails the check only at the end)."""
    eocd = data.rfind(b"PK\x05\x06")
    count, cd_size, cd_start = struct.unpack_from("<HII", data, eocd + 10)
    central, body = bytes(data[cd_start:eocd]), bytes(data[:cd_start])
    encoded = name.encode()
    big = min(size, 0xFFFFFFFF)
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, 0, len(raw), big,
                        len(encoded), 0) + encoded
    entry = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, 0, len(raw), big,
                        len(encoded), 0, 0, 0, 0, 0, len(body)) + encoded
    new_body = body + local + raw
    new_central = central + entry
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count + 1, count + 1, len(new_central),
                      len(new_body), 0)
    return new_body + new_central + end


def lying_size_docx(base: bytes, inflated: int, declared: int = 64 * 1024) -> bytes:
    """As zip_bomb_docx, with the member's declared size `declared` in both headers."""
    data = bytearray(zip_bomb_docx(base, inflated))
    name = b"word/document.xml"
    for sig, size_at, name_len_at, name_at in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
        at = data.find(sig)
        while at != -1:
            n = struct.unpack_from("<H", data, at + name_len_at)[0]
            if data[at + name_at:at + name_at + n] == name:
                struct.pack_into("<I", data, at + size_at, declared)
            at = data.find(sig, at + 4)
    return bytes(data)


def docx_with(base: bytes, old: bytes, new: bytes, member: str = "word/document.xml") -> bytes:
    """`base` with every `old` replaced by `new` in one member (a non-numeric attribute)."""
    with zipfile.ZipFile(io.BytesIO(base)) as z:
        xml = z.read(member)
    assert old in xml, old
    return rewrite_zip(base, {member: xml.replace(old, new)})


# ---------------------------------------------------------------- text

CV_TEXT = "\n".join(("José Müller",) + CV_LINES[1:]) + "\n"
ESCAPES = ("\x1b]0;PWNED-TITLE\x07", "\x1b[2J\x1b[H", "\x1bc", "\x1b[31m", "\x07", "\u009b31m",
           "\x1b]8;;http://evil.example/\x1b\\")


def escapes_cv() -> str:
    """The CV with terminal escapes in its name, a heading, a skill line and a bullet."""
    lines = CV_TEXT.splitlines()
    lines[0] = ESCAPES[0] + lines[0] + ESCAPES[4]
    lines[2] = lines[2] + ESCAPES[1]
    lines[-1] = ESCAPES[3] + lines[-1] + ESCAPES[5] + ESCAPES[2]
    lines[6] = ESCAPES[6] + lines[6]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- fuzzing

def mutate(data: bytes, rng: random.Random) -> bytes:
    """One random damage to `data`: bytes flipped, a span deleted, duplicated or truncated, or
    digits in object syntax replaced (sizes, offsets, counts)."""
    buf = bytearray(data)
    kind = rng.randrange(5)
    at = rng.randrange(len(buf))
    if kind == 0:
        for _ in range(rng.randint(1, 8)):
            buf[rng.randrange(len(buf))] = rng.randrange(256)
    elif kind == 1:
        del buf[at:at + rng.randint(1, 64)]
    elif kind == 2:
        span = buf[at:at + rng.randint(1, 256)]
        buf[at:at] = span * rng.randint(1, 4)
    elif kind == 3:
        del buf[max(16, at):]
    else:
        digits = [i for i, b in enumerate(buf) if 48 <= b <= 57]
        for i in rng.sample(digits, min(len(digits), rng.randint(1, 6))):
            buf[i] = rng.choice(b"0123456789-.")
    return bytes(buf)


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
