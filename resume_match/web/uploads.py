"""A multipart/form-data body streamed into a job's folder, under the server's limits.

Files are written as they arrive, under names made here (0001.pdf, 0002.docx, ...): the name
the browser or a zip archive gives is only a label, never a path. Too large a file or body
is a TooLarge (413), with the limit in the message; the body is still read to its end, so
the browser sees the answer rather than a broken connection. Zip archives are opened here
(zip-slip, zip bombs and encrypted entries included) into more files of the same folder.
"""
from __future__ import annotations

import hashlib
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, AsyncIterator

from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header

from resume_match.batch.folder import CV_SUFFIXES
from resume_match.batch.output import BatchRow
from resume_match.web.config import MB, Limits

STORED_SUFFIXES = (*CV_SUFFIXES, ".zip")   # what a stored file may end with; anything else: .bin
MAX_NAME = 200                             # characters of a file's label
DRAIN_FACTOR = 4                           # an oversized body is read (and dropped) up to 4x the limit
CHUNK = 1 << 16


class TooLarge(Exception):
    """A file, field or body over its limit: answered with 413."""


class BadUpload(Exception):
    """Not a form this server can read (no multipart body, no CV file, an unknown role): 400."""


@dataclass(frozen=True)
class Stored:
    """An uploaded file as stored: the form field it came in, its label (the name the user
    gave it, cleaned), where it is, its size and content hash."""
    field: str
    name: str
    path: Path
    size: int
    sha256: str


@dataclass
class Upload:
    fields: dict[str, list[str]] = field(default_factory=dict)
    files: list[Stored] = field(default_factory=list)

    def values(self, name: str) -> list[str]:
        return self.fields.get(name, [])

    def value(self, name: str) -> str:
        values = self.values(name)
        return values[0] if values else ""

    def named(self, *fields: str) -> list[Stored]:
        return [f for f in self.files if f.field in fields]


def label(raw: str, fallback: str, *, keep_folders: bool = False) -> str:
    """A file name as a label only: no control or format characters, no '..' or empty parts,
    backslashes as slashes; the last part only unless `keep_folders` (a zip's inner path)."""
    text = "".join(ch for ch in raw if unicodedata.category(ch)[0] != "C")
    parts = [p.strip() for p in text.replace("\\", "/").split("/")]
    parts = [p for p in parts if p and p not in (".", "..")]
    if not keep_folders:
        parts = parts[-1:]
    name = "/".join(parts)
    if len(name) > MAX_NAME:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: MAX_NAME - len(ext) - 2] + "…." + ext) if dot and len(ext) <= 8 else name[:MAX_NAME]
    return name or fallback


def stored_suffix(name: str) -> str:
    suffix = Path(name).suffix.lower()
    return suffix if suffix in STORED_SUFFIXES else ".bin"


class _Receiver:
    """python-multipart callbacks: fields into memory, files into the folder as they come."""

    def __init__(self, folder: Path, limits: Limits, max_files: int) -> None:
        self.folder, self.limits, self.max_files = folder, limits, max_files
        self.upload = Upload()
        self._headers: list[tuple[bytes, bytes]] = []
        self._name = self._value = b""
        self._field = ""
        self._filename: str | None = None
        self._data = bytearray()
        self._fh: IO[bytes] | None = None
        self._hash: Any = None
        self._size = 0
        self._limit = limits.max_file_bytes
        self._path: Path | None = None
        self._fields = 0

    def callbacks(self) -> dict[str, Any]:
        return {"on_part_begin": self._begin, "on_part_data": self._part_data,
                "on_part_end": self._part_end, "on_header_field": self._header_field,
                "on_header_value": self._header_value, "on_header_end": self._header_end,
                "on_headers_finished": self._headers_finished}

    def _begin(self) -> None:
        self._headers, self._data, self._filename, self._fh = [], bytearray(), None, None
        self._size = 0

    def _header_field(self, data: bytes, start: int, end: int) -> None:
        self._name += data[start:end]

    def _header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def _header_end(self) -> None:
        self._headers.append((self._name.lower(), self._value))
        self._name = self._value = b""

    def _headers_finished(self) -> None:
        disposition = next((v for k, v in self._headers if k == b"content-disposition"), b"")
        _, options = parse_options_header(disposition)
        if b"name" not in options:
            raise BadUpload("a form part has no name (Content-Disposition: form-data; name=...)")
        self._field = options[b"name"].decode("utf-8", "replace")
        if b"filename" not in options:
            self._fields += 1
            if self._fields > self.limits.max_fields:
                raise TooLarge(f"too many form fields (at most {self.limits.max_fields})")
            return
        self._filename = options[b"filename"].decode("utf-8", "replace")
        if not self._filename:           # a file input left empty: browsers send the part anyway
            return
        if len(self.upload.files) >= self.max_files + 1:   # the CVs and one posting
            raise TooLarge(f"too many files in one upload (at most {self.max_files} CVs)")
        number = len(self.upload.files) + 1
        self._filename = label(self._filename, f"file-{number}")
        self._path = self.folder / f"{number:04d}{stored_suffix(self._filename)}"
        # a zip of many CVs may be as large as the request; its entries meet the file limit
        self._limit = (self.limits.max_request_bytes if self._path.suffix == ".zip"
                       else self.limits.max_file_bytes)
        self._fh = open(self._path, "xb")
        self._hash = hashlib.sha256()

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        chunk = data[start:end]
        if self._filename is None:
            if len(self._data) + len(chunk) > self.limits.max_field_bytes:
                raise TooLarge(f"the form field {self._field!r} is over the "
                               f"{_size(self.limits.max_field_bytes)} limit")
            self._data.extend(chunk)
        elif self._fh is not None:
            self._size += len(chunk)
            if self._size > self._limit:
                raise TooLarge(f"{self._filename}: the file is over the "
                               f"{_size(self.limits.max_file_bytes)} limit per file")
            self._fh.write(chunk)
            self._hash.update(chunk)

    def _part_end(self) -> None:
        if self._filename is None:
            self.upload.fields.setdefault(self._field, []).append(self._data.decode("utf-8", "replace"))
        elif self._fh is not None and self._path is not None:
            self._fh.close()
            self._fh = None
            self.upload.files.append(Stored(self._field, self._filename, self._path, self._size,
                                            self._hash.hexdigest()))

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()


async def receive(stream: AsyncIterator[bytes], content_type: str, content_length: str | None,
                  folder: Path, limits: Limits, *, max_files: int) -> Upload:
    """Read a multipart body into `folder`; TooLarge or BadUpload when it cannot be taken."""
    kind, params = parse_options_header(content_type)
    if kind != b"multipart/form-data" or b"boundary" not in params:
        raise BadUpload("expected a multipart/form-data body (an HTML form with "
                        "enctype=multipart/form-data, or curl -F)")
    limit = limits.max_request_bytes
    if content_length and content_length.isdigit() and int(content_length) > limit * DRAIN_FACTOR:
        raise TooLarge(_request_too_large(limits))          # not worth reading to the end
    receiver = _Receiver(folder, limits, max_files)
    parser = MultipartParser(params[b"boundary"], receiver.callbacks())  # type: ignore[arg-type]
    received = 0
    try:
        async for chunk in stream:
            received += len(chunk)
            if received > limit:
                raise TooLarge(_request_too_large(limits))
            parser.write(chunk)
        parser.finalize()
    except TooLarge:
        receiver.close()
        await _drain(stream, received, limit * DRAIN_FACTOR)
        raise
    except (FormParserError, ValueError) as e:
        receiver.close()
        raise BadUpload(f"the multipart body cannot be read ({e})") from e
    finally:
        receiver.close()
    return receiver.upload


async def _drain(stream: AsyncIterator[bytes], received: int, cap: int) -> None:
    """Read what is left of the body (up to `cap` bytes in all) without keeping it."""
    try:
        async for chunk in stream:
            received += len(chunk)
            if received > cap:
                return
    except Exception:   # the client gave up: nothing to answer
        return


def _request_too_large(limits: Limits) -> str:
    return (f"the upload is over the {_size(limits.max_request_bytes)} limit per request; "
            f"send fewer files at a time")


def _size(n: int) -> str:
    return f"{n / MB:g} MB" if n >= MB else f"{n // 1024} KB"


# ---------------------------------------------------------------- zip archives

@dataclass
class Opened:
    """A recruiter upload with its zip archives opened: the CV files, the rows of entries that
    could not be taken, and notes (entries skipped)."""
    files: list[Stored] = field(default_factory=list)
    refused: list[BatchRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def is_zip(stored: Stored) -> bool:
    if stored.path.suffix != ".zip":
        return False
    with open(stored.path, "rb") as fh:
        return fh.read(4) in (b"PK\x03\x04", b"PK\x05\x06")


def open_zips(files: list[Stored], folder: Path, limits: Limits, *, max_files: int) -> Opened:
    """Each zip archive's CV entries (.pdf, .docx, .txt, .md; hidden ones and macOS's
    __MACOSX skipped) become files of their own; other files pass as they are. An entry is
    written under a new name in `folder` whatever its own name says (../../x, /etc/x, a
    symlink), read with its size checked as it is inflated: an oversized, encrypted or corrupt
    entry is an error row, the whole archive expanding past the request limit a TooLarge."""
    out = Opened()
    expanded = 0
    for stored in files:
        if not is_zip(stored):
            out.files.append(stored)
            continue
        try:
            archive = zipfile.ZipFile(stored.path)
        except (zipfile.BadZipFile, OSError) as e:
            out.refused.append(_refused(stored.name, stored.sha256, f"not a readable zip archive ({e})"))
            continue
        with archive:
            skipped = 0
            for info in archive.infolist():
                name = label(info.filename, "", keep_folders=True)
                if info.is_dir() or not name:
                    continue
                parts = name.split("/")
                if (any(p.startswith(".") or p == "__MACOSX" for p in parts)
                        or not name.lower().endswith(CV_SUFFIXES)):
                    skipped += 1
                    continue
                shown = f"{stored.name}/{name}"
                if len(out.files) >= max_files:
                    raise TooLarge(f"too many files in one upload (at most {max_files} CVs, "
                                   f"zip entries included)")
                entry = _extract(archive, info, shown, folder / f"{stored.path.stem}-{len(out.files):04d}"
                                 f"{stored_suffix(name)}", limits, limits.max_request_bytes - expanded)
                if isinstance(entry, BatchRow):
                    out.refused.append(entry)
                else:
                    expanded += entry.size
                    out.files.append(entry)
            if skipped:
                out.notes.append(f"{stored.name}: {skipped} entries skipped (not .pdf, .docx, "
                                 f".txt or .md, or hidden)")
        stored.path.unlink(missing_ok=True)       # its entries are all we keep
    if len(out.files) + len(out.refused) > max_files:
        raise TooLarge(f"too many files in one upload (at most {max_files} CVs, zip entries included)")
    return out


def _extract(archive: zipfile.ZipFile, info: zipfile.ZipInfo, shown: str, path: Path,
             limits: Limits, room: int) -> Stored | BatchRow:
    """One zip entry written to `path` (a name made here), or its error row."""
    if info.flag_bits & 0x1:
        return _refused(shown, None, "the zip entry is encrypted (password-protected)")
    if info.file_size > limits.max_file_bytes:
        return _refused(shown, None, f"the file is over the {_size(limits.max_file_bytes)} limit per file")
    digest, size = hashlib.sha256(), 0
    try:
        with archive.open(info) as src, open(path, "xb") as dst:
            while chunk := src.read(CHUNK):
                size += len(chunk)
                if size > limits.max_file_bytes:   # the header said less: do not trust it
                    raise _EntryTooLarge()
                if size > room:
                    raise TooLarge(f"the zip archives expand to more than "
                                   f"{_size(limits.max_request_bytes)}; send fewer files at a time")
                dst.write(chunk)
                digest.update(chunk)
    except _EntryTooLarge:
        path.unlink(missing_ok=True)
        return _refused(shown, None, f"the file is over the {_size(limits.max_file_bytes)} limit per file")
    except TooLarge:
        path.unlink(missing_ok=True)
        raise
    except Exception as e:   # a bad CRC, zlib.error, an unsupported compression method
        path.unlink(missing_ok=True)
        return _refused(shown, None, f"the zip entry cannot be read ({type(e).__name__}: {e})")
    return Stored("file", shown, path, size, digest.hexdigest())


class _EntryTooLarge(Exception):
    pass


def _refused(name: str, sha256: str | None, problem: str) -> BatchRow:
    """The error row of a file that never reached a worker (as a batch writes one)."""
    sha = sha256 or hashlib.sha256(name.encode("utf-8")).hexdigest()
    return BatchRow(file=name, sha256=sha, status="error", error=f"{name}: {problem}")
