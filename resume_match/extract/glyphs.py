"""Glyph clean-up for text from any engine: NFKC (ligatures, odd spaces), mojibake, icon fonts,
Private Use Area and (cid:NN) noise (dropped and counted), bullets, bold/italic from font names.

`WordBox` is the word record every engine produces; see extract/layout.py for the contract.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, NamedTuple

from resume_match.data import load


class WordBox(NamedTuple):
    """One word as an engine found it; coordinates in points from the page's top-left corner.
    A NamedTuple, not a frozen dataclass: engines make thousands per page, and a tuple is built
    in a quarter of the time."""
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float = 0.0
    fontname: str = ""


@dataclass(frozen=True)
class GlyphCounts:
    icons: int = 0                 # icon-font and Private Use Area glyphs dropped
    cids: int = 0                  # (cid:NN), control and replacement glyphs dropped
    letters: int = 0               # alphanumeric characters kept

    def __add__(self, other: GlyphCounts) -> GlyphCounts:
        return GlyphCounts(self.icons + other.icons, self.cids + other.cids,
                           self.letters + other.letters)


# A font whose name, without spaces and hyphens, holds one of these draws icons (data/words.yaml).
ICON_FONTS: tuple[str, ...] = tuple(load("words.yaml")["icon_fonts"])
_BULLET_FONT = re.compile(r"symbol|wingdings|webdings", re.I)
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|extrabold|ultra|[-,]bd\b|cmbx|cmb\d|"
                        r"cmssbx|-sb\b|medium", re.I)
_ITALIC_FONT = re.compile(r"italic|oblique|cmti|cmsl|cmmi|-it\b|slanted|kursiv", re.I)
_CID = re.compile(r"\(cid:\d+\)")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_ZERO_WIDTH.update({0xAD: "-", 0x2010: "-", 0x2011: "-"})   # a drawn soft hyphen is visible
_SYMBOL_CATEGORIES = {"So", "Sk", "Mn", "Me", "Co", "Cn"}
_BULLET_CHARS = "•●▪■◦○◆◇►▶▸➢➤✓✔✗·‣⁃∙⦁❖□➔→»◼◾▫▹⚫"
_INLINE_BULLET = re.compile(r"(?<=\S)([•●▪■◦·])|([•●▪■◦·])(?=\S)")
_LEADING_BULLETS = re.compile(rf"^(?:[{_BULLET_CHARS}]\s*|[-–—*>]\s+|o\s+(?=[A-Z]))+")


_SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")


def font_base(fontname: str) -> str:
    """Font name without the 6-letter subset prefix (ABCDEF+Calibri-Bold -> Calibri-Bold)."""
    return fontname.split("+", 1)[1] if _SUBSET_PREFIX.match(fontname) else fontname


@lru_cache(maxsize=4096)
def _font_kind(fontname: str) -> tuple[bool, bool]:
    """(icon font, bullet font): asked for every word, while a page has a handful of fonts."""
    font = font_base(fontname)
    key = font.lower().replace(" ", "").replace("-", "")
    return any(name in key for name in ICON_FONTS), bool(_BULLET_FONT.search(font))


@lru_cache(maxsize=4096)
def is_bold(fontname: str) -> bool:
    return bool(_BOLD_FONT.search(font_base(fontname)))


@lru_cache(maxsize=4096)
def is_italic(fontname: str) -> bool:
    return bool(_ITALIC_FONT.search(font_base(fontname)))


def _is_pua(ch: str) -> bool:
    return "\ue000" <= ch <= "\uf8ff" or ch >= "\U000f0000"


_CP1252_CONT = ("\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
                "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122")
_MOJIBAKE_RUN = re.compile(f"[\u00c2-\u00f4][{_CP1252_CONT}]{{1,3}}")
_MOJIBAKE_NBSP = re.compile(r"Â(?=\s|$)")
# sequences whose last byte was lost on the way (seen in HTML-to-PDF CV builders)
_TRUNCATED = {"ï¼": "，", "â€": "”"}


def fix_mojibake(text: str) -> str:
    """UTF-8 text that was decoded as Windows-1252 on its way into the PDF ('â€™', 'Â ')
    decoded back, sequence by sequence; anything that does not decode is left alone."""
    text = _MOJIBAKE_NBSP.sub(" ", text)       # 'Â' + a no-break space the engine split off
    return _MOJIBAKE_RUN.sub(_decode_run, text.replace("\u200b", "")) if any(
        c in text for c in "ÂÃâï") else text


def _decode_run(match: re.Match[str]) -> str:
    run = match.group(0)
    lead = ord(run[0])
    need = 1 if lead < 0xE0 else 2 if lead < 0xF0 else 3
    head, rest = run[:need + 1], run[need + 1:]
    raw = _as_bytes(head)
    if raw is not None and len(raw) == need and lead == 0xE2 and 0xA0 <= raw[1] <= 0xBF:
        raw = b"\xe2\x80" + raw[1:]        # 'â¢': the 0x80 of U+2000-U+203F (•, –, ’) was lost
    try:
        return raw.decode("utf-8") + rest if raw is not None else _TRUNCATED.get(head, run)
    except UnicodeDecodeError:
        return _TRUNCATED.get(head, run)


def _as_bytes(text: str) -> bytes | None:
    """The bytes a Windows-1252 decoding made `text` from; a C1 control (U+0080-U+009F, which
    Latin-1 decodings leave) is its own byte."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) > 0xFF:
                return None
            out.append(ord(ch))
    return bytes(out)


def clean_word(word: WordBox) -> tuple[list[WordBox], GlyphCounts]:
    """The word's text normalised and stripped of glyph noise, split where odd spaces were."""
    kept, icons, cids, letters = _clean_word(word)
    return kept, GlyphCounts(icons, cids, letters)


def _clean_word(word: WordBox) -> tuple[list[WordBox], int, int, int]:
    """clean_word with the counts as plain ints (icons, cids, letters): clean_words sums them
    over every word of a page, and building a frozen GlyphCounts per word cost more."""
    text = word.text
    icon_font, bullet_font = _font_kind(word.fontname)
    if icon_font:
        return [], len(text), 0, 0
    if text.isascii() and text.isalnum():
        # the commonest word, ASCII letters and digits only: the word as it is
        return [word], 0, 0, len(text)
    if text.isascii() and text.isprintable() and "(cid:" not in text:
        # most other words: printable ASCII needs none of the glyph clean-up below (NFKC,
        # mojibake, zero-width and PUA characters are all outside ASCII), only the symbol check
        icons = cids = 0
    else:
        text, icons, cids = _clean_glyphs(text, bullet_font)
    if text.strip() and not all(c in _BULLET_CHARS or c.isspace() for c in text) and all(
            unicodedata.category(c) in _SYMBOL_CATEGORIES or c.isspace() for c in text):
        return [], icons + len(text.replace(" ", "")), cids, 0
    parts = (text if text.isascii()            # the inline bullets are all outside ASCII
             else _INLINE_BULLET.sub(lambda m: f" {m.group(0)} ", text)).split()
    letters = sum(map(str.isalnum, text))
    if len(parts) <= 1:
        if not parts:
            return [], icons, cids, letters
        return [word if parts[0] == word.text else word._replace(text=parts[0])], icons, cids, letters
    return _split_box(word, parts), icons, cids, letters


def _clean_glyphs(raw: str, bullet_font: bool) -> tuple[str, int, int]:
    """NFKC text without (cid:NN), control, replacement and Private Use Area glyphs (those of
    a Symbol/Wingdings font become list bullets), with the icon and dropped-glyph counts."""
    text, cids = _CID.subn("", raw)
    icons = 0
    kept = []
    for ch in text:
        if _is_pua(ch) and bullet_font:
            kept.append("•")          # Word's Symbol/Wingdings list bullets
        elif _is_pua(ch):
            icons += 1
        elif ch == "\ufffd" or (unicodedata.category(ch) == "Cc" and not ch.isspace()):
            cids += 1
        else:
            kept.append(ch)
    text = unicodedata.normalize("NFKC", fix_mojibake("".join(kept)).translate(_ZERO_WIDTH))
    return text, icons, cids


def _split_box(word: WordBox, parts: list[str]) -> list[WordBox]:
    """Share the word's width between its parts in proportion to their lengths."""
    total = sum(len(p) for p in parts) + len(parts) - 1
    per = (word.x1 - word.x0) / max(total, 1)
    out, x = [], word.x0
    for p in parts:
        out.append(word._replace(text=p, x0=x, x1=x + per * len(p)))
        x += per * (len(p) + 1)
    return out


def strip_bullets(text: str) -> str:
    """The text without leading bullet glyphs (•, ●, ▪, ➢, a lone -, –, * or >)."""
    return _LEADING_BULLETS.sub("", text).strip()


def clean_text(text: str, *, keep_bullets: bool = False) -> str:
    """A line of text from a non-PDF source (DOCX) with the same clean-up as PDF words: NFKC,
    odd spaces, icon glyphs and (cid:NN) removed, leading bullets stripped unless kept."""
    words, _ = clean_words(WordBox(t, 0.0, 1.0, 0.0, 1.0) for t in text.split())
    joined = " ".join(w.text for w in words)
    return joined if keep_bullets else strip_bullets(joined)


def clean_words(words: Iterable[WordBox]) -> tuple[list[WordBox], GlyphCounts]:
    out: list[WordBox] = []
    icons = cids = letters = 0
    for w in words:
        kept, i, c, n = _clean_word(w)
        out += kept
        icons, cids, letters = icons + i, cids + c, letters + n
    return out, GlyphCounts(icons, cids, letters)
