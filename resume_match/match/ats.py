"""ATS readiness checks and the CV template suggestion.

Checks read the layout facts the readers gathered (Document.layout, pages) and what the CV says
(Candidate); thresholds and word lists are data in templates/ats.yaml and cv-templates.yaml.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import islice
from pathlib import PurePath
from typing import Any, Callable

from rapidfuzz import fuzz

from resume_match.data import load
from resume_match.extract.glyphs import ICON_FONTS
from resume_match.parse.dates import month_pattern, season_pattern
from resume_match.parse.lines import is_item, join_wrapped
from resume_match.models import AtsCheck, AtsReport, Candidate, CheckStatus, Document, Layout, Page

STATUS_CREDIT = {"pass": 1.0, "warn": 0.5, "fail": 0.0}
BULLET_SECTIONS = ("experience", "projects", "volunteering")
DATE_STYLES: tuple[tuple[str, str], ...] = (
    ("month name and year",
     rf"\b{month_pattern()}[a-z]*\.?,?\s+(?:19|20)\d\d\b"),
    ("season and year", rf"\b{season_pattern()}\s+(?:19|20)\d\d\b"),
    ("MM/YYYY", r"\b\d{1,2}\s*/\s*(?:19|20)\d\d\b"),
    ("YYYY-MM", r"\b(?:19|20)\d\d-\d{1,2}\b"),
    ("MM.YYYY", r"\b\d{1,2}\.(?:19|20)\d\d\b"),
    ("year only", r"\b(?:19|20)\d\d\b"),
)
_DATE_STYLE_RES = tuple((name, re.compile(pattern)) for name, pattern in DATE_STYLES)
NUMBER_RE = re.compile(r"\d")
WORD_RE = re.compile(r"[A-Za-z][A-Za-z'-]*")


def ats_rules() -> dict[str, Any]:
    """The checks' thresholds and word lists (data/ats.yaml, validated once)."""
    data: dict[str, Any] = load("ats.yaml")
    return data


# ---------------------------------------------------------------- facts gathered once per CV

@dataclass(frozen=True)
class _Facts:
    layout: Layout
    doc: Document | None
    text: str
    words: int
    pages: int
    bullets: tuple[str, ...]


DATE_WORD = r"(?:present|current|now|today|ongoing)"
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
LEADING_DATE = re.compile(rf"^(?:{DATE_WORD}\b|(?:19|20)\d\d\b)[\s:,–-]*", re.I)
RANGE_RE = re.compile(rf"(?:19|20)\d\d\s*(?:-|–|—|to)\s*(?:(?:19|20)\d\d|{DATE_WORD})|"
                      rf"\b{DATE_WORD}\s*$", re.I)


class _PositionTexts:
    """The texts positions were read from, asked of each line whether it is inside one or holds
    one, in time that does not grow with the number of positions for most lines: 10,000 dated
    entries and as many bullets made 10^8 substring tests in a loop over every position per
    line, and still 10^4 searches of all the texts at once. A line is most often one of the
    lines a text was joined from; a line with a 4-character piece none of the texts has is in
    none of them (most bullets); only the rest are searched for."""
    _SEP = "\0"
    _GRAM = 4

    def __init__(self, texts: set[str]) -> None:
        self._texts = sorted((d for d in texts if d), key=len)
        self._lengths = [len(d) for d in self._texts]
        self._joined = self._SEP.join(self._texts)
        # the lines a text was joined from (facts.positions_in): a line is most often one
        self._parts = {part for d in self._texts for part in d.split(" / ")}

    @cached_property
    def _grams(self) -> set[str]:
        """Every 4-character piece of the texts (made once, when a line is not a part)."""
        n = self._GRAM
        return {self._joined[i:i + n] for i in range(len(self._joined) - n + 1)}

    def near(self, text: str) -> bool:
        """any(text in d or d in text for d in texts)."""
        if not self._texts:
            return False
        if self._SEP in text:                  # could span two texts in the joined string
            return any(text in d or d in text for d in self._texts)
        if self._inside(text):
            return True
        shorter = bisect_right(self._lengths, len(text))
        return any(d in text for d in islice(self._texts, shorter))

    def _inside(self, text: str) -> bool:
        """Whether one of the texts holds `text`."""
        if text in self._parts:
            return True
        n, grams = self._GRAM, self._grams
        if any(text[i:i + n] not in grams for i in range(len(text) - n + 1)):
            return False
        return text in self._joined


def _is_position_line(text: str, dated: _PositionTexts) -> bool:
    """A title/organisation/date line rather than an achievement: it holds a date range, or is
    short and dated, or is where a position's dates were read."""
    return (bool(RANGE_RE.search(text)) or (len(WORD_RE.findall(text)) <= 8 and bool(_date_styles(text)))
            or dated.near(text))


def _bullet_lines(candidate: Candidate, rules: dict[str, Any]) -> tuple[str, ...]:
    """Achievement statements of experience/projects sections: glyph bullets, or the sentences of
    paragraph-style entries; position lines and leading date words dropped."""
    dated = _PositionTexts({p.text.strip() for p in candidate.experience.positions if p.text})
    blocks = [(s.heading.strip(), list(s.lines)) for s in candidate.sections
              if s.kind in BULLET_SECTIONS]
    if not blocks and candidate.document is not None:     # no such sections: glyph bullets only
        blocks = [("", [ln for ln in candidate.document.lines if is_item(ln)])]
    out: list[str] = []
    for head, lines in blocks:
        body = [ln for ln in lines if ln.text.strip() != head
                and not _is_position_line(ln.text.strip(), dated)]
        bulleted = any(is_item(ln) for ln in body)
        for item in join_wrapped(body):
            for sentence in ([item] if bulleted else SENTENCE_END.split(item)):
                sentence = LEADING_DATE.sub("", sentence).strip()
                if len(WORD_RE.findall(sentence)) >= rules["bullet_min_words"]:
                    out.append(sentence)
    return tuple(out)


def _facts(candidate: Candidate, rules: dict[str, Any]) -> _Facts:
    doc = candidate.document
    layout = doc.layout if doc is not None else Layout()
    text = doc.text if doc is not None else "\n".join(
        ln.text for s in candidate.sections for ln in s.lines)
    pages = layout.page_count or (len(doc.pages) if doc is not None else 0)
    return _Facts(layout=layout, doc=doc, text=text, words=len(WORD_RE.findall(text)),
                  pages=pages, bullets=_bullet_lines(candidate, rules))


def _check(check_id: str, status: CheckStatus, evidence: str, advice: str) -> AtsCheck:
    return AtsCheck(id=check_id, title=TITLES[check_id], status=status, evidence=evidence,
                    advice=advice)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _pages_with(doc: Document | None, seen: Callable[[Page], bool]) -> str:
    """' (pages 1, 2)' for the pages where a layout fact was seen, '' when unknown."""
    if doc is None:
        return ""
    hits = [str(p.number) for p in doc.pages if seen(p)]
    return f" (page{'s' if len(hits) > 1 else ''} {', '.join(hits)})" if hits else ""


# ---------------------------------------------------------------- the checks

def check_text_layer(c: Candidate, f: _Facts, rules: dict[str, Any]) -> AtsCheck:
    """An ATS reads the text layer only: no text, OCR-only text or undecodable glyphs lose content."""
    if not c.readable:
        reason = c.unreadable_reason or "unreadable file"
        said = "text layer" in reason.lower()          # the reason already names the cause
        return _check("text_layer", "fail",
                      (reason[:1].upper() + reason[1:] if said else f"No usable text layer: {reason}")
                      + ".",
                      "Export the CV from your editor as a text PDF or DOCX, not a scan or image.")
    if f.layout.ocr or (f.doc is not None and any(p.ocr for p in f.doc.pages)):
        return _check("text_layer", "fail", "The text was recovered by OCR; the file itself has no text layer.",
                      "Export the CV from your editor as a text PDF or DOCX, not a scan or image.")
    bad = f.layout.cid_glyphs + f.text.count("\ufffd")
    chars = max(len(f.text), 1)
    if bad:
        status: CheckStatus = "fail" if bad / chars > 0.05 else "warn"
        return _check("text_layer", status,
                      f"{_plural(bad, 'character')} could not be decoded (font without a Unicode map).",
                      "Re-export with standard fonts embedded so every character maps to real text.")
    return _check("text_layer", "pass",
                  f"{len(f.text)} characters of selectable text on {_plural(f.pages, 'page')}.",
                  "Keep exporting from a word processor so the text stays selectable.")


def check_layout(c: Candidate, f: _Facts, rules: dict[str, Any]) -> AtsCheck:
    """Columns and sidebars are read across, interleaving unrelated lines."""
    columns, sidebar = f.layout.columns, f.layout.sidebar
    if f.doc is not None:
        columns = max([columns, *(p.columns for p in f.doc.pages)])
        sidebar = sidebar or any(p.sidebar for p in f.doc.pages)
    if sidebar:
        return _check("layout", "warn",
                      f"A sidebar beside the main column{_pages_with(f.doc, lambda p: p.sidebar)}.",
                      "Move sidebar content (skills, contact) into the single main column.")
    if columns > 1:
        status: CheckStatus = "fail" if columns > 2 else "warn"
        return _check("layout", status, f"{columns} text columns{_pages_with(f.doc, lambda p: p.columns > 1)}.",
                      "Use a single-column layout so an ATS reads each section in order.")
    return _check("layout", "pass", "One text column throughout.",
                  "Keep the single-column layout.")


def _found(check_id: str, counts: tuple[tuple[int, str], ...], where: str, advice: str,
           clean: tuple[str, str]) -> AtsCheck:
    """Warn with the counts of whatever was found (e.g. '2 tables and 1 text box'), else pass."""
    parts = [_plural(n, word) for n, word in counts if n]
    if parts:
        return _check(check_id, "warn", f"{' and '.join(parts)} found{where}.", advice)
    return _check(check_id, "pass", *clean)


def check_tables(c: Candidate, f: _Facts, rules: dict[str, Any]) -> AtsCheck:
    """Tables and text boxes are often skipped or flattened out of order."""
    tables = f.layout.tables or (sum(p.tables for p in f.doc.pages) if f.doc else 0)
    return _found("tables", ((tables, "table"), (f.layout.text_boxes, "text box")),
                  _pages_with(f.doc, lambda p: p.tables > 0),
                  "Replace tables and text boxes with plain headings and bullet lists.",
                  ("No tables or text boxes.", "Keep content in plain paragraphs and bullets."))


def check_graphics(c: Candidate, f: _Facts, rules: dict[str, Any]) -> AtsCheck:
    """Images, charts and icon fonts carry no text an ATS can read."""
    images = f.layout.images or (sum(p.images for p in f.doc.pages) if f.doc else 0)
    icons = f.layout.icon_glyphs or sum(1 for ch in _non_ascii(f.text) if 0xE000 <= ord(ch) <= 0xF8FF)
    return _found("graphics", ((images, "image"), (icons, "icon glyph")),
                  _pages_with(f.doc, lambda p: p.images > 0),
                  "Replace icons, skill bars and photos with words (e.g. 'Email:', 'Python (5 years)').",
                  ("No images or icon glyphs.", "Keep information in words rather than graphics."))


def check_contact(c: Candidate, f: _Facts, rules: dict[str, Any]) -> AtsCheck:
    """Recruiters need a name, an email and a phone number the ATS can read from the body."""
    ct = c.contact
    found = [x for x in (ct.email and "email", ct.phone and "phone") if x]
    if not found:
        return _check("contact", "fail", "No email address or phone number found.",
                      "Put your email and phone number in plain text under your name.")
    if ct.in_margin:
        return _check("contact", "fail", f"The {' and '.join(found)} appear only in a page header or footer.",
                      "Move contact details out of the page header/footer into the body under your name.")
    if len(found) < 2:
        missing = "phone number" if "email" in found else "email address"
        return _check("contact", "warn", f"Found the {found[0]} but no {missing}.",
                      f"Add a {missing} under your name so recruiters can reach you.")
    if not c.name:
        return _check("contact", "warn", "Email and phone found, but no name at the top of the CV.",
                      "Put your full name alone on the first line, in plain text.")
    return _check("contact", "pass", f"{c.name}: email {ct.email} and phone {ct.phone} in the body.",
                  "Keep contact details in the body text under your name.")


def _norm_heading(text: str) -> str:
    return " ".join(re.sub(r"[^a-z ]+", " ", text.lower().replace("&", " and ")).split())


def _creative(heading: str, kind: str, rules: dict[str, Any]) -> bool:
    """A heading an ATS may not map: classified `other`, or far from every standard heading."""
    norm = _norm_heading(heading)
    standard = rules["standard_headings"]
    if norm in standard:
        return False
    if kind == "other":
        return True
    # "Skills and Interests" is standard when each part is; every part must be close to one.
    bare = re.sub(r"\([^)]*\)", " ", heading.lower())
    parts = [_norm_heading(p) for p in re.split(r"&|/|,|\||\+|\band\b", bare) if _norm_heading(p)]
    return not parts or any(
        max(fuzz.ratio(p, s) for s in standard) < rules["heading_similarity"] for p in parts)


def check_headings(c: Candidate, f: _Facts, rules: dict[str, Any]) -> AtsCheck:
    """An ATS files content by heading; creative headings leave sections unfiled."""
    found = [s for s in c.sections if s.kind != "header" and s.heading.strip()]
    if not found:
        return _check("headings", "fail", "No section headings were recognised.",
                      "Use standard headings such as Experience, Education and Skills.")
    creative = [s.heading.strip() for s in found if _creative(s.heading, s.kind, rules)]
    kinds = {s.kind for s in found}
    missing = [k for k in ("experience", "education") if k not in kinds]
    if creative:
        shown = ", ".join(f'"{h}"' for h in creative[:4])
        return _check("headings", "warn", f"Non-standard heading{'s' if len(creative) > 1 else ''}: {shown}.",
                      "Rename creative headings to standard ones (Experience, Education, Skills, Projects).")
    if missing:
        return _check("headings", "warn",
                      f"No {' or '.join(missing)} section found among {_plural(len(found), 'heading')}.",
                      f"Add a clearly headed {missing[0].capitalize()} section.")
    return _check("headings", "pass", f"{_plural(len(found), 'standard heading')}: "
                  + ", ".join(s.heading.strip() for s in found[:6]) + ".",
                  "Keep the standard headings.")


def _date_styles(text: str) -> list[str]:
    """The date styles used in a line, most specific first (a year inside 'Jan 2020' is not counted twice)."""
    styles, rest = [], text.lower()
    for name, pattern in _DATE_STYLE_RES:
        if pattern.search(rest):
            styles.append(name)
            rest = pattern.sub(" ", rest)
    return styles


def check_dates(c: Candidate, f: _Facts, rules: dict[str, Any]) -> AtsCheck:
    """An ATS computes experience from position dates; unparsed or mixed formats lose years."""
    positions = c.experience.positions
    if not positions:
        seen = sorted({st for s in c.sections if s.kind == "experience" for ln in s.lines
                       for st in _date_styles(ln.text)})
        evidence = (f"Dates in the experience section ({', '.join(seen)}) could not be read as "
                    "position start and end dates." if seen else "No dated positions were found.")
        return _check("dates", "warn", evidence,
                      "Give each position a start and end date on its title line, e.g. 'Jan 2021 - Mar 2023'.")
    undated = [p for p in positions if not p.start]
    # each line once: positions dated on one line share its text (a long line, many dates)
    styles = sorted({s for text in {p.text or "" for p in positions} for s in _date_styles(text)})
    if len(undated) * 2 > len(positions):
        return _check("dates", "fail",
                      f"{len(undated)} of {_plural(len(positions), 'position')} have no parseable start date.",
                      "Write dates as 'Mon YYYY - Mon YYYY' (or 'Present') on each position's line.")
    if undated:
        return _check("dates", "warn",
                      f"{len(undated)} of {_plural(len(positions), 'position')} have no parseable start date.",
                      "Write dates as 'Mon YYYY - Mon YYYY' (or 'Present') on each position's line.")
    if len(styles) > 1:
        return _check("dates", "warn", f"Mixed date formats: {', '.join(styles)}.",
                      "Use one date format throughout, e.g. 'Jan 2021 - Mar 2023'.")
    shown = f" ({styles[0]})" if styles else ""
    return _check("dates", "pass",
                  f"{_plural(len(positions), 'position')} with parseable dates in one format{shown}.",
                  "Keep one date format throughout.")


def check_length(c: Candidate, f: _Facts, rules: dict[str, Any]) -> AtsCheck:
    """Length should match seniority: one page early on, two or three later."""
    years = c.experience.years or 0.0
    dated = c.experience.years is not None and any(p.start for p in c.experience.positions)
    band = (next(b for b in rules["length_bands"] if years < b["max_years"]) if dated
            else rules["length_bands"][rules["undated_band"]])
    span = (f"{years:g} years of experience ({band['label']})" if dated
            else f"a career without parseable dates (judged as {band['label']})")
    where = f"{_plural(f.pages, 'page')} and {f.words} words for {span}"
    if f.pages > band["warn_pages"]:
        return _check("length", "fail", f"{where[0].upper()}{where[1:]}; aim for {band['pass_pages']}.",
                      f"Cut to {_plural(band['pass_pages'], 'page')}: drop old or unrelated detail.")
    if f.words < rules["thin_words"]:
        return _check("length", "fail", f"Only {where}.",
                      "Add your experience, projects and skills with a bullet or two each.")
    if f.words < rules["min_words"]:
        return _check("length", "warn", f"Only {where}.",
                      "Add detail: what you built, with which tools, and the result.")
    if f.pages > band["pass_pages"] or f.words > rules["max_words_per_page"] * max(f.pages, 1):
        return _check("length", "warn", f"{where[0].upper()}{where[1:]}; aim for {band['pass_pages']}.",
                      f"Tighten to {_plural(band['pass_pages'], 'page')} of the most relevant work.")
    return _check("length", "pass", f"{where[0].upper()}{where[1:]}.",
                  "Keep the length in step with your experience.")


def _bullet_share(check_id: str, f: _Facts, hit: Callable[[str], bool], does: str,
                  cutoffs: tuple[float, float], advice: str, keep: str) -> AtsCheck:
    """Pass/warn/fail by the share of bullets that `hit` accepts (cutoffs: pass, warn)."""
    if not f.bullets:
        return _check(check_id, "warn", "No bullet points found in experience or projects.", advice)
    hits = sum(1 for b in f.bullets if hit(b))
    share = hits / len(f.bullets)
    status: CheckStatus = "pass" if share >= cutoffs[0] else "warn" if share >= cutoffs[1] else "fail"
    return _check(check_id, status, f"{hits} of {_plural(len(f.bullets), 'bullet')} ({share:.0%}) {does}.",
                  keep if status == "pass" else advice)


def check_measurable(c: Candidate, f: _Facts, rules: dict[str, Any]) -> AtsCheck:
    """Numbers make results concrete for recruiters and keyword scans alike."""
    return _bullet_share("measurable", f, lambda b: bool(NUMBER_RE.search(b)), "state a number",
                         (rules["measurable_pass"], rules["measurable_warn"]),
                         "Quantify results: by how much, for how many, how fast (e.g. 'cut latency 40%').",
                         "Keep quantifying results.")


def _starts_with_verb(bullet: str, rules: dict[str, Any]) -> bool:
    word = WORD_RE.search(bullet)      # the first word (findall would list them all)
    if word is None:
        return False
    first, verbs = word.group().lower(), _verb_set()
    if first in verbs or (len(first) > 4 and first.endswith(tuple(rules["action_suffixes"]))):
        return True
    # third person ("Manages", "Establishes"): a listed verb once the -s/-es is taken off
    stems = [first[:-1], first[:-2]] if first.endswith("s") else []
    return any(st in verbs or st + "d" in verbs or st + "ed" in verbs for st in stems if len(st) > 2)


@lru_cache(maxsize=1)
def _verb_set() -> frozenset[str]:
    return frozenset(str(v).lower() for v in ats_rules()["action_verbs"])


def check_action_verbs(c: Candidate, f: _Facts, rules: dict[str, Any]) -> AtsCheck:
    """Bullets that open with an action verb read as achievements, not duties."""
    return _bullet_share("action_verbs", f, lambda b: _starts_with_verb(b, rules),
                         "open with an action verb", (rules["action_pass"], rules["action_warn"]),
                         "Start each bullet with an action verb such as Built, Led or Reduced.",
                         "Keep opening bullets with action verbs.")


_ASCII_RUN = re.compile(r"[\x00-\x7f]+")


def _non_ascii(text: str) -> str:
    """The text's non-ASCII characters: icons, emoji and symbols are all among them, and a CV
    has few, so the per-character checks run over a handful instead of thousands."""
    return _ASCII_RUN.sub("", text)


def _odd_char(ch: str) -> bool:
    """Private-use icons, replacement characters, emoji and dingbats other than bullets/ticks."""
    code = ord(ch)
    return (0xE000 <= code <= 0xF8FF or code == 0xFFFD or 0x1F000 <= code <= 0x1FAFF
            or (0x2700 <= code <= 0x27BF and ch not in "✓✔➢➤") or unicodedata.category(ch) == "Co")


def _unusual_fonts(fonts: tuple[str, ...], rules: dict[str, Any]) -> list[str]:
    safe = tuple(s.replace(" ", "") for s in (*rules["safe_fonts"], *ICON_FONTS))
    out = []
    for font in fonts:
        shown = re.sub(r"^[A-Z]{6}\+", "", font)
        key = shown.lower().replace(" ", "").replace("_", "")
        if key and not key.startswith(safe) and shown not in out:
            out.append(shown)
    return out


def check_characters(c: Candidate, f: _Facts, rules: dict[str, Any]) -> AtsCheck:
    """Uncommon fonts may not embed or map; icons and emoji come out as junk characters."""
    odd = sum(map(_odd_char, _non_ascii(f.text)))
    share = odd / max(len(f.text), 1)
    fonts = _unusual_fonts(f.layout.fonts, rules)
    if share > rules["odd_char_fail"]:
        return _check("characters", "fail",
                      f"{_plural(odd, 'unusual character')} ({share:.1%} of the text): icons, emoji or symbols.",
                      "Replace symbols and emoji with words and use a standard font.")
    if fonts or share > rules["odd_char_warn"]:
        parts = []
        if fonts:
            parts.append(f"uncommon font{'s' if len(fonts) > 1 else ''}: {', '.join(fonts[:3])}")
        if share > rules["odd_char_warn"]:
            parts.append(_plural(odd, "unusual character"))
        text = "; ".join(parts)
        return _check("characters", "warn", f"{text[0].upper()}{text[1:]}.",
                      "Use a standard font (Calibri, Arial, Georgia, Times) and plain characters.")
    fonts_seen = f" in {', '.join(f.layout.fonts[:3])}" if f.layout.fonts else ""
    return _check("characters", "pass", f"Standard characters{fonts_seen}.",
                  "Keep standard fonts and plain characters.")


def _name_words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z]+", text)}


def check_file(c: Candidate, f: _Facts, rules: dict[str, Any]) -> AtsCheck:
    """Upload forms cap file size, and a recruiter's folder fills with 'resume.pdf'."""
    name = f.layout.file_name or (PurePath(c.source).name
                                  if c.source and not c.source.startswith("<") else "")
    size, warn_mb = f.layout.file_size, rules["file_size_warn"] / 1e6
    size_text = (f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{size / 1000:.0f} KB"
                 if size >= 1000 else _plural(size, "byte"))
    shrink = f"Compress images or export without them to get under {warn_mb:g} MB."
    if size > rules["file_size_fail"]:
        return _check("file", "fail", f"{name or 'The file'} is {size_text}; many upload forms "
                      f"refuse files over {rules['file_size_fail'] / 1e6:g} MB.", shrink)
    if size > rules["file_size_warn"]:
        return _check("file", "warn", f"{name or 'The file'} is {size_text}; some upload forms "
                      f"cap at {warn_mb:g} MB.", shrink)
    if not name:
        return _check("file", "pass", "No file name was given (read from memory).",
                      "Name the file after yourself, e.g. 'Jane-Doe-CV.pdf'.")
    stem = PurePath(name).stem
    generic = _name_words(" ".join(rules["generic_file_names"]))
    own = {w for w in _name_words(stem) if len(w) > 1} - generic
    size_part = f", {size_text}" if size else ""
    if not own:
        return _check("file", "warn", f'"{name}" does not say whose CV it is{size_part}.',
                      "Name the file after yourself, e.g. 'Jane-Doe-CV.pdf'.")
    ext = PurePath(name).suffix.lower()
    if ext not in (".pdf", ".docx"):
        return _check("file", "warn", f'"{name}" is a {ext or "plain"} file{size_part}.',
                      "Send a PDF or DOCX: every ATS accepts those.")
    return _check("file", "pass", f'"{name}"{size_part}.',
                  "Keep a descriptive file name and a small file.")


CheckFn = Callable[[Candidate, _Facts, dict[str, Any]], AtsCheck]
CHECKS: tuple[tuple[str, str, CheckFn], ...] = (
    ("text_layer", "Text layer present and decodable", check_text_layer),
    ("layout", "Single-column layout", check_layout),
    ("tables", "No tables or text boxes", check_tables),
    ("graphics", "No images or icon glyphs", check_graphics),
    ("contact", "Name and contact details in the body", check_contact),
    ("headings", "Standard section headings", check_headings),
    ("dates", "Consistent, parseable dates", check_dates),
    ("length", "Length fits experience", check_length),
    ("measurable", "Measurable results", check_measurable),
    ("action_verbs", "Bullets open with action verbs", check_action_verbs),
    ("characters", "Standard fonts and characters", check_characters),
    ("file", "File name and size", check_file),
)
TITLES = {check_id: title for check_id, title, _ in CHECKS}


def ats_score(checks: tuple[AtsCheck, ...], rules: dict[str, Any]) -> int:
    """Weighted share of credit (pass 1, warn 0.5, fail 0), capped when a critical check fails."""
    weights = rules["weights"]
    total = sum(weights.get(ch.id, 0) for ch in checks) or 1
    earned = sum(weights.get(ch.id, 0) * STATUS_CREDIT[ch.status] for ch in checks)
    score = round(100 * earned / total)
    if any(ch.id in rules["critical"] and ch.status == "fail" for ch in checks):
        score = min(score, rules["critical_cap"])
    return score


def check_ats(candidate: Candidate) -> AtsReport:
    """Every ATS readiness check for one CV, and the overall 0-100 readiness score. A file with
    no usable text gets only the checks that do not need text: the one cause, not its echoes."""
    rules = ats_rules()
    facts = _facts(candidate, rules)
    run = CHECKS if candidate.readable else tuple(c for c in CHECKS if c[0] in rules["without_text"])
    checks = tuple(fn(candidate, facts, rules) for _, _, fn in run)
    return AtsReport(score=ats_score(checks, rules), checks=checks)


# ---------------------------------------------------------------- template suggestion
