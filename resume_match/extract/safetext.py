"""Control characters out of text: what a CV (or its file name) says must never drive the
terminal, page or log it is shown in. Terminal escape sequences go whole (ESC [ 2 J, OSC
titles ended by BEL or ESC \\, the C1 CSI U+009B ...), then any other C0 control but tab and
line feed, DEL and the C1 controls. Every pattern here is linear: no nested quantifier.
"""
from __future__ import annotations

import re

_SEQUENCES = re.compile(
    "\x1b\\[[0-?]*[ -/]*[@-~]?"             # CSI: ESC [ params intermediates final
    "|\u009b[0-?]*[ -/]*[@-~]?"             # the same with the one-character C1 CSI
    "|(?:\x1b[\\]PX^_]|[\u009d\u0090\u0098\u009e\u009f])[^\x07\x1b\u009c]*(?:\x07|\x1b\\\\|\u009c)?"  # OSC, DCS, SOS, PM, APC strings
    "|\x1b[ -/]*[0-~]?"                     # two-character and nF escapes (ESC c, ESC # 8)
)
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_ANY_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def has_controls(text: str) -> bool:
    """Whether `text` holds a character strip_controls removes (tab and line feed are kept)."""
    return _CONTROLS.search(text) is not None


def strip_controls(text: str) -> str:
    """`text` without terminal escape sequences and control characters (tab, line feed kept)."""
    if not has_controls(text):
        return text
    return _CONTROLS.sub("", _SEQUENCES.sub("", text))


def escape_controls(text: str) -> str:
    """`text` with every control character (tab and line feed too) written as a visible escape
    (ESC as \\x1b), for one-line messages and table cells that name a file: the name stays
    recognisable but can no longer retitle or clear the terminal that shows it."""
    if not _ANY_CONTROL.search(text):
        return text
    return _ANY_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def escape_c1(json_text: str) -> str:
    """JSON text with DEL and the C1 controls written as \\u escapes, which json.dumps with
    ensure_ascii=False leaves raw (it escapes only C0)."""
    return re.sub("[\x7f-\x9f]", lambda m: f"\\u{ord(m.group()):04x}", json_text)
