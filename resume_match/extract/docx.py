"""DOCX -> Document with python-docx: body paragraphs and tables in order, text boxes, headers.

A DOCX has no page geometry, so lines get their order as `top` and size/bold from runs and styles.
Text in text boxes (w:txbxContent) is read once (Word stores a VML fallback copy of each box) and
counted, as are tables, because an ATS often skips both.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from typing import Any, Iterator

from resume_match.errors import InputError
from resume_match.extract.glyphs import clean_text, font_base, strip_bullets
from resume_match.extract.layout import ADVICE
from resume_match.extract.normalize import file_date, normalize_document
from resume_match.models import Document, Layout, Line, Page

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
TXBX = f"{W}txbxContent"
DEFAULT_SIZE = 11.0
_HEADING_STYLE = re.compile(r"^(heading|title|subtitle)", re.I)


def read_docx(data: bytes, label: str) -> Document:
    """Read a DOCX into a one-page Document; InputError when it is not a readable DOCX."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        doc = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise InputError(f"{label}: damaged DOCX ({type(e).__name__})") from e
    except Exception as e:  # lxml and zip errors on malformed parts
        raise InputError(f"{label}: damaged DOCX ({type(e).__name__}: {e})") from e
    reader = _Reader(doc)
    reader.block(doc.element.body)
    margin = reader.margins(doc)
    lines = tuple(reader.lines)
    page = Page(number=1, width=0.0, height=0.0, lines=lines, margin_lines=margin,
                columns=reader.columns(doc), tables=reader.tables, images=reader.images,
                char_count=sum(len(ln.text) for ln in lines))
    layout = Layout(file_name=label.replace("\\", "/").rsplit("/", 1)[-1], file_size=len(data),
                    page_count=1, columns=page.columns, tables=reader.tables,
                    text_boxes=reader.text_boxes, images=reader.images,
                    fonts=tuple(sorted(reader.fonts)), created=_created(doc),
                    producer=_application(data))
    letters = sum(c.isalnum() for ln in lines for c in ln.text)
    reason = None if letters >= 20 else f"no text in the document (images only?); {ADVICE}"
    return normalize_document(Document(source=label, kind="docx", pages=(page,), layout=layout,
                                       readable=reason is None, unreadable_reason=reason),
                              join_wrapped=True)


def _created(doc: Any) -> str:
    """The document's own date: the later of its core properties' created and modified."""
    try:
        props = doc.core_properties
        return file_date(props.created, props.modified)
    except Exception:          # a malformed docProps/core.xml: no date, not a broken file
        return ""


def _application(data: bytes) -> str:
    """The program that wrote the file (docProps/app.xml <Application>), '' when unknown."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            app = z.read("docProps/app.xml").decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile, OSError):
        return ""
    m = re.search(r"<Application>([^<]{1,80})</Application>", app)
    return m.group(1) if m else ""


class _Reader:
    """Walks the body XML once, in document order, collecting lines and counts."""

    def __init__(self, doc: Any) -> None:
        self.styles = {s.style_id: s for s in doc.styles}
        self.theme = _theme_fonts(doc)
        self.default_font = _default_font(doc, self.theme)
        self.lines: list[Line] = []
        self.tables = self.text_boxes = self.images = 0
        self.fonts: set[str] = set()

    def block(self, element: Any) -> None:
        for child in element.iterchildren():
            if child.tag == f"{W}p":
                self.paragraph(child)
            elif child.tag == f"{W}tbl":
                self.tables += 1
                for row in child.iterchildren(f"{W}tr"):
                    for cell in row.iterchildren(f"{W}tc"):
                        self.block(cell)
            elif child.tag == f"{W}sdt":
                for content in child.iterchildren(f"{W}sdtContent"):
                    self.block(content)

    def paragraph(self, p: Any) -> None:
        runs = [r for r in p.iter(f"{W}r") if not _inside(r, TXBX, p)]
        text = "".join(_run_text(r) for r in runs)
        self.images += sum(1 for r in runs for _ in r.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"))
        style = self._style(p)
        full = clean_text(text, keep_bullets=True)
        cleaned = strip_bullets(full)
        if cleaned:
            listed = _is_list_item(p, style) or cleaned != full
            self.lines.append(replace(self._line(cleaned, runs, style), bullet=listed))
        for box in p.iter(TXBX):
            if _inside(box, MC_FALLBACK, p) or _inside(box, TXBX, p):
                continue
            self.text_boxes += 1
            self.block(box)

    def _line(self, text: str, runs: list[Any], style: Any) -> Line:
        heading = bool(style is not None and _HEADING_STYLE.match(style.name or ""))
        sizes: dict[float, int] = {}
        bold_chars = italic_chars = total = 0
        fonts: dict[str, int] = {}
        for r in runs:
            n = len(_run_text(r))
            if not n:
                continue
            total += n
            props = r.find(f"{W}rPr")
            size = _run_size(props) or _style_size(style) or DEFAULT_SIZE
            sizes[size] = sizes.get(size, 0) + n
            if _flag(props, "b") or (_flag(props, "b") is None and _style_flag(style, "bold")):
                bold_chars += n
            if _flag(props, "i") or (_flag(props, "i") is None and _style_flag(style, "italic")):
                italic_chars += n
            font = (_run_font(props, self.theme) or _style_font(style, self.theme)
                    or self.default_font)
            if font:
                fonts[font] = fonts.get(font, 0) + n
        self.fonts.update(fonts)
        font = max(fonts, key=fonts.__getitem__) if fonts else ""
        top = float(len(self.lines))
        return Line(text=text, page=1, top=top, bottom=top + 1,
                    size=max(sizes, key=sizes.__getitem__) if sizes else DEFAULT_SIZE,
                    bold=heading or (total > 0 and bold_chars / total > 0.5),
                    italic=total > 0 and italic_chars / total > 0.5, font=font_base(font))

    def _style(self, p: Any) -> Any:
        ppr = p.find(f"{W}pPr")
        ref = ppr.find(f"{W}pStyle") if ppr is not None else None
        return self.styles.get(ref.get(f"{W}val")) if ref is not None else self.styles.get("Normal")

    def margins(self, doc: Any) -> tuple[Line, ...]:
        """Header and footer paragraphs of every section, once each (an ATS may skip them)."""
        out: list[Line] = []
        seen: set[tuple[str, str]] = set()
        for section in doc.sections:
            for region, part in (("header", section.header), ("footer", section.footer)):
                if part.is_linked_to_previous and out:
                    continue
                for p in part.paragraphs:
                    text = clean_text(p.text)
                    if text and (region, text) not in seen:
                        seen.add((region, text))
                        out.append(Line(text=text, page=1, region=region))  # type: ignore[arg-type]
        return tuple(out)

    def columns(self, doc: Any) -> int:
        cols = doc.element.body.iter(f"{W}cols")
        return max((int(c.get(f"{W}num") or 1) for c in cols), default=1)


def _is_list_item(p: Any, style: Any) -> bool:
    """A numbered or bulleted paragraph: list numbering on it, or a List style."""
    ppr = p.find(f"{W}pPr")
    if ppr is not None and ppr.find(f"{W}numPr") is not None:
        return True
    return bool(style is not None and (style.name or "").lower().startswith("list"))


def _inside(element: Any, tag: str, stop: Any) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == tag:
            return True
        parent = parent.getparent()
    return False


def _run_text(r: Any) -> str:
    parts = []
    for child in r.iterchildren():
        if child.tag == f"{W}t":
            parts.append(child.text or "")
        elif child.tag == f"{W}tab":
            parts.append(" ")
        elif child.tag in (f"{W}br", f"{W}cr"):
            parts.append(" ")
    return "".join(parts)


def _flag(props: Any, name: str) -> bool | None:
    el = props.find(f"{W}{name}") if props is not None else None
    if el is None:
        return None
    return el.get(f"{W}val") not in ("0", "false", "off")


def _run_size(props: Any) -> float | None:
    el = props.find(f"{W}sz") if props is not None else None
    try:
        return int(el.get(f"{W}val")) / 2 if el is not None else None
    except (TypeError, ValueError):
        return None


def _run_font(props: Any, theme: dict[str, str]) -> str | None:
    return _fonts_name(props.find(f"{W}rFonts") if props is not None else None, theme)


def _fonts_name(el: Any, theme: dict[str, str]) -> str | None:
    """The font a w:rFonts element names, resolving theme references (minorHAnsi -> Calibri)."""
    if el is None:
        return None
    if el.get(f"{W}ascii"):
        return str(el.get(f"{W}ascii"))
    ref = el.get(f"{W}asciiTheme") or ""
    return theme.get("major" if ref.startswith("major") else "minor") if ref else None


def _theme_fonts(doc: Any) -> dict[str, str]:
    for part in doc.part.package.iter_parts():
        if "/theme/" in str(part.partname):
            found = re.findall(rb'<a:(minor|major)Font>\s*<a:latin typeface="([^"]*)"', part.blob)
            return {kind.decode(): name.decode("utf-8", "replace") for kind, name in found}
    return {}


def _chain(style: Any) -> Iterator[Any]:
    seen = 0
    while style is not None and seen < 10:
        yield style
        style = getattr(style, "base_style", None)
        seen += 1


def _style_size(style: Any) -> float | None:
    for s in _chain(style):
        if s.font.size is not None:
            return round(s.font.size.pt, 1)
    return None


def _style_flag(style: Any, attr: str) -> bool:
    for s in _chain(style):
        value = getattr(s.font, attr)
        if value is not None:
            return bool(value)
    return False


def _style_font(style: Any, theme: dict[str, str]) -> str | None:
    for s in _chain(style):
        rpr = s.element.find(f"{W}rPr")
        name = _fonts_name(rpr.find(f"{W}rFonts") if rpr is not None else None, theme)
        if name:
            return name
    return None


def _default_font(doc: Any, theme: dict[str, str]) -> str:
    fonts = doc.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    return _fonts_name(fonts, theme) or ""
