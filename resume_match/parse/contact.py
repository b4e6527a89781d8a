"""Who the CV is about and how to reach them: name, e-mail, phone (via `phonenumbers`), links
and location, looked for in the header block first, then the body, then page margins."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import phonenumbers

from resume_match.data import load
from resume_match.parse.dates import alternation, normalize
from resume_match.models import Contact, Document, Line, Section
from resume_match.parse.sections import body_size as _font_body, match_heading

DEFAULT_REGION = "US"
MAX_LINKS = 8
_NOISE = re.compile(r"\(cid:\d+\)|[\ue000-\uf8ff\u20dd\u2022\u25cf\u25aa]")
_MASKED_AT = re.compile(r"\s*[\[({<]\s*at\s*[\])}>]\s*", re.IGNORECASE)
_MASKED_DOT = re.compile(r"\s*[\[({<]\s*dot\s*[\])}>]\s*", re.IGNORECASE)
_EMAIL = re.compile(r"(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_PHONE = re.compile(r"(?<![\w+])(?:\(\s*\+?\d{1,4}\s*\)\s*|\+\s?)?\d[\d \u00a0().\-/]{5,}\d(?![\w])")
_WORDS = load("words.yaml")
MATCHER_CHARS = 2000       # of a line, given to phonenumbers' own search (see _head)
MATCHER_BUDGET = 8000      # of all lines of one search: 22 header lines of 45,000 characters of
                           # years took 1.5 s; a contact block is a few hundred characters
_PHONE_WORDS = re.compile(rf"(?i)\b(?:{alternation(_WORDS['phone_cues'])})\b")
# an id or document label just before a number: 'Id No :', 'DNI:', 'Passport No.'
_ID_LABEL = re.compile(rf"(?i)\b(?:{alternation(_WORDS['id_cues'])})\b\.?\s*(?:card\s*)?(?:no\.?|number|num|#)?\s*[:.\-#]*\s*$")
_URL = re.compile(
    r"(?<![@\w.\-/])(?P<url>(?P<scheme>https?://)?(?P<www>www\.)?"
    r"(?P<host>(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?P<tld>[a-z]{2,12}))(?![a-z0-9-])"
    r"(?::\d{2,5})?(?P<path>/[^\s|,;()<>\"'\u2022\u00b7]*)?)", re.IGNORECASE)
_DOT_LETTER = re.compile(r"\.[a-z]", re.IGNORECASE)
_LINK_CUE = re.compile(rf"(?i)\b(?:{alternation(_WORDS['link_cues'])})\s*(?::|\s[\-–|])\s*")
_LINK_TAIL = re.compile(r"(?<!\S)\S+[/\-]$")
_TLDS = frozenset(_WORDS["tlds"])
_PROFILE_HOSTS = tuple(_WORDS["profile_hosts"])
_CONTACT_HEADING = re.compile(r"(?i)contact|links|personal\s+(?:info|details|data)|profiles|online|social")
_LABELLED_LOCATION = re.compile(r"(?i)\b(?:location|address|based in|city)\s*[:\-]\s*([^|•·;]+)")
_NAME_WORD = re.compile(r"^(?:[^\W\d_][^\W\d_'’\-.]*[.]?|[^\W\d_]\.)$")
_FUNCTION_WORDS = frozenset("of and the for in with to at on & a an".split())
_PARTICLES = frozenset("van von der den de da del della di du la le bin binti al el dos das y".split())


@dataclass(frozen=True)
class Places:
    states: dict[str, str]         # "CA" or "California" -> ISO region of the phone plan ("US")
    countries: dict[str, str]      # "Canada" -> "CA"


@lru_cache(maxsize=1)
def load_places() -> Places:
    raw = load("places.yaml")
    states = {s: "US" for s in raw["us_states"] + raw["us_state_names"]}
    states.update({s: "CA" for s in raw["ca_provinces"] + raw["ca_province_names"]})
    return Places(states=states, countries={str(k): str(v) for k, v in raw["countries"].items()})


@lru_cache(maxsize=4096)
def clean(text: str) -> str:
    """Line text without icon glyphs, (cid:NN) noise and odd spaces. (Cached: contact and
    facts clean each line three or four times.)"""
    if text.isascii() and "(cid:" not in text:
        return " ".join(text.split())    # NFKC keeps ASCII, the other noise is not ASCII
    return " ".join(_NOISE.sub(" ", unicodedata.normalize("NFKC", text)).split())


# ---------------------------------------------------------------- e-mail, phone, links, location

def find_email(texts: Iterable[str]) -> str | None:
    for text in texts:
        cleaned = clean(text)
        if "@" not in cleaned:
            cleaned = _unmask_email(cleaned)
        m = _EMAIL.search(cleaned) if "@" in cleaned else None    # most lines have no '@'
        if m:
            return m.group(0).rstrip(".")
    return None


def _unmask_email(text: str) -> str:
    """'jane [at] uni [dot] edu', 'jane(AT)uni.edu': an address written against spam bots,
    put back together. Only bracketed words count: a bare 'at' is English."""
    text = _MASKED_AT.sub("@", text)
    return _MASKED_DOT.sub(".", text) if "@" in text else text


def find_phone(texts: Iterable[str], region: str | None = None) -> str | None:
    """The first phone number: E.164 when `phonenumbers` finds it possible, else its digits.
    Every candidate span of a line is tried: the whole run of digits and separators, then its
    parts where two numbers share it ('+91 98765 43210 / 91234 56789'), then phonenumbers' own
    search of the line, in the CV's region (national formats) or in international form."""
    budget = MATCHER_BUDGET
    for text in texts:
        norm = normalize(clean(text))
        for m in _PHONE.finditer(norm):
            if _id_before(norm, m.start()):
                continue                      # an identity number, not a phone
            for span in _spans(m.group(0)):
                phone = normalize_phone(span, region or DEFAULT_REGION)
                if phone:
                    return phone
        if budget > 0 and sum(map(str.isdigit, norm)) >= 7:
            head = _head(norm)
            budget -= len(head)
            for match in phonenumbers.PhoneNumberMatcher(head, region or DEFAULT_REGION):
                if not _not_a_phone(match.raw_string) and not _id_before(norm, match.start):
                    return phonenumbers.format_number(match.number,
                                                      phonenumbers.PhoneNumberFormat.E164)
    return None


def _id_before(text: str, start: int) -> bool:
    """Whether an id or document label ('Id No :', 'DNI:', 'PAN Card No.') ends just before
    `start` (data/words.yaml id_cues)."""
    return bool(_ID_LABEL.search(text[max(0, start - 30):start]))


def _head(text: str) -> str:
    """The start of a line, for phonenumbers' search, which takes ~35 us a character on text
    full of digits (a 1 MB line of years: 35 s). A contact line is far shorter; past
    MATCHER_CHARS a line is a paragraph, cut at a space so no number is cut in two."""
    if len(text) <= MATCHER_CHARS:
        return text
    cut = text.rfind(" ", 0, MATCHER_CHARS)
    return text[:cut if cut > 0 else MATCHER_CHARS]


def _spans(raw: str) -> list[str]:
    """A candidate and, when it holds two numbers, each of them."""
    parts = [p for p in re.split(r"\s*/\s+|\s+/\s*|\s{3,}", raw) if sum(map(str.isdigit, p)) >= 7]
    return [raw] + parts if len(parts) > 1 else [raw]


def normalize_phone(raw: str, region: str = DEFAULT_REGION) -> str | None:
    """'(+82)10-9030-1843' -> '+821090301843'; None for dates, ids and too few digits."""
    digits = re.sub(r"\D", "", raw)
    if not 7 <= len(digits) <= 15 or _not_a_phone(raw.strip()):
        return None
    intl = raw.lstrip(" (").startswith("+")
    if not intl and _dialled_abroad(raw, digits):
        intl, digits = True, digits[2:]          # '0049 30 1234567': 00 is the exit code
    text = "+" + digits if intl else raw
    num = _parsed(text, None if intl else region)
    if num is not None and not intl and region != DEFAULT_REGION \
            and not phonenumbers.is_valid_number(num):
        other = _parsed(text, DEFAULT_REGION)    # '415.555.0100' on a CV that says London
        num = other if other is not None and phonenumbers.is_valid_number(other) else num
    if num is not None:
        return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
    for match in phonenumbers.PhoneNumberMatcher(raw, region):   # 'WA 98101 (206) 555-0199'
        return phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
    if len(digits) < 10:
        return None
    return ("+" if intl else "") + digits


def _parsed(text: str, region: str | None) -> phonenumbers.PhoneNumber | None:
    """The number `text` is in `region` when phonenumbers finds it possible, else None."""
    try:
        num = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    return num if phonenumbers.is_possible_number(num) else None


def _dialled_abroad(raw: str, digits: str) -> bool:
    """'0091 98765 43210', '0044-20-7946-0958': the international prefix most countries dial
    (00) and then a country's valid number, printed in place of '+'."""
    if not raw.lstrip(" (").startswith("00") or len(digits) < 10:
        return False
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse("+" + digits[2:], None))
    except phonenumbers.NumberParseException:
        return False


def _not_a_phone(raw: str) -> bool:
    """Year ranges, dates and SSN-shaped ids that happen to be digit runs."""
    if re.fullmatch(r"(?:19|20)\d\d\s*-+\s*(?:19|20)\d\d", raw):
        return True
    if re.fullmatch(r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}[/.-]\d{1,2}[/.-]\d{1,2}", raw):
        return True
    return bool(re.fullmatch(r"\d{3}-\d{2}-\d{4}", raw))


def find_links(texts: Iterable[str], anywhere: bool) -> list[str]:
    """URLs as printed without the scheme. In the header any known-TLD domain counts; elsewhere
    (`anywhere`) only ones with a scheme or www., or on a profile site (LinkedIn, GitHub...)."""
    out: list[str] = []
    for text in texts:
        cleaned = clean(text)
        if not _DOT_LETTER.search(cleaned):    # cheap: every URL has a '.' before its TLD
            continue
        for m in _URL.finditer(cleaned):
            host = m.group("host").lower()
            if m.group("tld").lower() not in _TLDS:
                continue
            profile = any(p in host for p in _PROFILE_HOSTS)
            if anywhere and not (m.group("scheme") or m.group("www") or profile):
                continue
            if not (m.group("scheme") or m.group("www") or profile) and not _plausible_site(host):
                continue
            link = m.group("url")[len(m.group("scheme") or ""):].rstrip(".:/)")
            if link.lower() not in (x.lower() for x in out):
                out.append(link)
    return out[:MAX_LINKS]


def _plausible_site(host: str) -> bool:
    """A bare domain such as 'jane.dev' or 'fb.co': letters before the TLD, not 'node.js'-like."""
    labels = host.split(".")
    return len(labels) >= 2 and any(len(x) >= 2 and x.isalpha() or "-" in x for x in labels[:-1])


@lru_cache(maxsize=1)
def place_names() -> tuple[dict[str, str], str]:
    """Every known state and country -> the phone region it implies, and all the names as one
    regex alternation, longest first ('South Korea' before 'Korea'); built once per process."""
    places = load_places()
    names = {**places.states, **places.countries}
    return names, "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


@lru_cache(maxsize=1)
def _location_pattern() -> re.Pattern[str]:
    return re.compile(rf"((?:[A-Z][\w'’.\-]*\s){{0,2}}[A-Z][\w'’.\-]*),\s*({place_names()[1]})(?![\w])")


def find_location(texts: Iterable[str]) -> tuple[str | None, str | None]:
    """'City, ST' / 'City, State' / 'City, Country' and the phone region it implies; with no
    such place, the region of a country named on its own ('Noida 201301, India') still tells
    how local phone numbers are written."""
    texts = list(texts)
    loc, region = _place(texts)
    return loc, region or _country_region(texts)


@lru_cache(maxsize=1)
def _country_pattern() -> re.Pattern[str]:
    """A country's name as a word of its own, written as printed (case matters: 'US', not 'us')."""
    names = sorted(load_places().countries, key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])")


def _country_region(texts: list[str]) -> str | None:
    for text in texts:
        m = _country_pattern().search(clean(text))
        if m:
            return load_places().countries[m.group(0)]
    return None


def _place(texts: list[str]) -> tuple[str | None, str | None]:
    names, pat = place_names()[0], _location_pattern()
    for text in texts:
        t = clean(text)
        m = _LABELLED_LOCATION.search(t)
        if m and m.group(1).strip():
            loc = m.group(1).strip().rstrip(".,")
            hit = pat.search(loc)
            return loc, names.get(hit.group(2)) if hit else None
        for part in re.split(r"[|•·;]", t):
            hit = pat.search(part)
            if hit and not any(c.isdigit() for c in hit.group(1)) and "@" not in part:
                return f"{hit.group(1)}, {hit.group(2)}", names[hit.group(2)]
    return None, None


# ---------------------------------------------------------------- name

# Contact details and the name are printed near the top: a header block longer than this is a
# text with no headings (1 MB of short lines all read as header), whose further lines are body
# (a phone there needs a cue word); searching them all for a name or a phone took seconds.
MAX_HEADER_LINES = 60


def find_name(lines: list[Line] | tuple[Line, ...], body: float = 0.0, width: float = 0.0) -> str | None:
    """The most prominent header line that reads like a person's name (largest font, then
    first). With fonts known (`body` size), a name must stand out: larger, bold or centred;
    a line in body text is a job title or a heading, as in CVs with the name removed."""
    stop = set(load("titles.yaml")["not_name_words"])
    titles = set(load("titles.yaml")["title_words"])
    best: tuple[float, str] | None = None
    for line in lines[:MAX_HEADER_LINES]:
        if body > 0 and line.size > 0 and not _prominent(line, body, width):
            continue
        name = _as_name(line.text, stop, titles)
        if name and (best is None or line.size > best[0]):
            best = (line.size, name)
    return best[1] if best else None


def _prominent(line: Line, body: float, width: float) -> bool:
    centred = width > 0 and line.x0 > 0.15 * width and abs((line.x0 + line.x1) / 2 - width / 2) < 0.08 * width
    return line.size >= body + 0.5 or line.bold or centred


def _as_name(text: str, stop: set[str], titles: set[str]) -> str | None:
    first = re.split(r"\s[|•·–—]\s|[|,•·]|\s{3,}", clean(text))[0]
    words: list[str] = []
    for raw in first.split():
        word = raw.strip(",;:")
        word = word if re.fullmatch(r"[^\W\d_]\.", word) else word.strip(".")   # keep initials
        letters = re.sub(r"[^\w]", "", unicodedata.normalize("NFKD", raw)).lower()
        if letters in stop or not word or not _NAME_WORD.match(word):
            break
        words.append(word)
    # a middle initial without its full stop ('STEVEN A REA') is no article
    lowered = [w.lower() if not (0 < i < len(words) - 1 and w == "A") else "a." for i, w in enumerate(words)]
    if not 2 <= len(words) <= 5 or any(w in titles or w in _FUNCTION_WORDS for w in lowered):
        return None
    if match_heading(joined := " ".join(words)) is not None:
        return None
    if joined.islower() or joined.isupper():
        return " ".join(w if w.lower() in _PARTICLES else w[:1].upper() + w[1:].lower() for w in words)
    if not all(w[0].isupper() or w.lower() in _PARTICLES for w in words):
        return None
    return joined


# ---------------------------------------------------------------- all of it

def _contact_heading(section: Section) -> bool:
    """A 'Contact' / 'Links' / 'Personal details' block (often a sidebar) reads like the header."""
    return section.kind == "other" and bool(_CONTACT_HEADING.search(section.heading))


def _name_lines(doc: Document, header: list[Line], sections: tuple[Section, ...]) -> list[Line]:
    """Where a name can be: the header block, and the top of page 1 above its first heading in
    any column (a sidebar read first puts the main column's name banner after it)."""
    first = doc.pages[0] if doc.pages else None
    if first is None or not first.height:
        return header
    headings = {s.heading for s in sections if s.heading}
    heading_tops = [ln.top for ln in first.lines if ln.text.strip() in headings]
    limit = min([0.25 * first.height] + [t + 2 for t in heading_tops])
    top = [ln for ln in first.lines if ln.top < limit and ln.text.strip() not in headings]
    return list(dict.fromkeys(header + top))


def _body_size(doc: Document) -> float:
    return _font_body(doc.lines) if doc.kind != "text" else 0.0


def email_block(sections: tuple[Section, ...], reach: int = 3) -> list[Line]:
    """The lines around an e-mail address printed outside the header (a contact column read
    after the main text, a contact line under the summary): up to `reach` lines each side in the
    same section, column and page. Phones and bare domains there count as in the header."""
    out: list[Line] = []
    for s in sections:
        if s.kind == "header" or _contact_heading(s):
            continue
        lines = list(s.lines)
        for i, line in enumerate(lines):
            if "@" in line.text and _EMAIL.search(clean(line.text)):
                out += [ln for ln in lines[max(0, i - reach):i + reach + 1]
                        if ln.page == line.page and ln.column == line.column]
        if out:
            break
    return out


def find_cued_links(texts: Iterable[str]) -> list[str]:
    """Bare domains outside the contact block, accepted right after a cue word and its colon
    or dash ('Portfolio: jane.dev', 'Website - janedoe.com'), as a phone is after 'Phone:';
    'a website in VB.NET' and 'portfolio of projects at level.In' are prose."""
    out: list[str] = []
    for text in texts:
        for m in _LINK_CUE.finditer(text):
            first = text[m.end():].split(" ", 1)[0]
            out += [x for x in find_links([first], anywhere=False) if x not in out]
    return out


# a profile link, then a space inside it: after '/' or '-' ('linkedin.com/in/ jane-doe',
# 'github.com/jane- doe') or around '/' ('linkedin.com / in / jd'); the rest in lower case, and
# not an English word after the link ('github.com/jd/ and ...')
_SPACED_LINK = re.compile(r"(?P<head>\S*(?i:" + "|".join(re.escape(h) for h in _PROFILE_HOSTS)
                          + r")\S*)(?:(?<=[/\-])\s+|\s+/\s*)"
                          r"(?!(?:a|an|and|the|or|for|to|with|of|at|on|by|is)\b(?!/))"
                          r"(?=[a-z0-9][a-z0-9_\-]*(?:[\s/|,;]|$))")


def _join_spaced(text: str) -> str:
    """A link the PDF printed with a space inside it, put back together; the rest must be a
    handle (letters, digits, '-', '_': no dot, so 'github.com/jd / gitlab.com/jd' stays two)."""
    while "/" in text or "-" in text:
        m = _SPACED_LINK.search(text)
        if m is None:
            return text
        glue = "" if m.group("head").endswith(("/", "-")) else "/"
        text = text[:m.end("head")] + glue + text[m.end():]
    return text


def join_split_links(texts: list[str]) -> list[str]:
    """A link broken at the line end after '/' or '-' ('linkedin.com/in/' / 'jane-doe-42')
    joined with the next line's first word when that word can only be the rest of it; a space
    inside a profile link on one line closed up (_join_spaced)."""
    out = [_join_spaced(t) if _DOT_LETTER.search(t) else t for t in texts]
    for i in range(len(out) - 1):
        a, b = out[i].rstrip(), out[i + 1].lstrip()
        m = _LINK_TAIL.search(a)
        if m and _DOT_LETTER.search(m.group(0)) and re.match(r"[a-z0-9][\w\-./]*(?:\s|$)", b):
            head, _, rest = b.partition(" ")
            out[i], out[i + 1] = a + head, rest
    return out


def _link_key(link: str) -> str:
    """'www.LinkedIn.com/in/jane/' and 'linkedin.com/in/jane' are one link."""
    return re.sub(r"^www\.", "", link.lower()).rstrip("/")


def extract_contact(doc: Document, sections: tuple[Section, ...]) -> tuple[str | None, Contact]:
    """Name and contact details; `in_margin` when they were only in page headers/footers. The
    contact block is the header, contact-headed sections and the lines around the e-mail;
    elsewhere a phone or a bare domain needs a cue word before it."""
    header = [ln for s in sections if s.kind == "header" or _contact_heading(s)
              for ln in s.lines] or list(doc.lines[:10])
    header, overflow = header[:MAX_HEADER_LINES], header[MAX_HEADER_LINES:]
    block = header + [ln for ln in email_block(sections) if ln not in header]
    body = overflow + [ln for s in sections
                       if s.kind not in ("header", "references") and not _contact_heading(s)
                       for ln in s.lines]
    margin = [ln for p in doc.pages for ln in p.margin_lines]
    head_t, body_t, margin_t = (join_split_links([ln.text for ln in x]) for x in (block, body, margin))
    location, region = find_location(head_t)
    email = find_email(head_t) or find_email(body_t)
    phone_lines = (t for t in body_t if _PHONE_WORDS.search(t))   # looked through only if needed
    phone = find_phone(head_t, region) or find_phone(phone_lines, region)
    links = (find_links(head_t, anywhere=False) + find_links(body_t, anywhere=True)
             + find_cued_links(body_t))
    in_body = bool(email or phone)
    email = email or find_email(margin_t)
    phone = phone or find_phone(margin_t, region)
    in_margin = not in_body and bool(email or phone)
    links += find_links(margin_t, anywhere=False)
    printed = {_link_key(x) for x in links}
    links += [x for x in doc.layout.links if _link_key(x) not in printed]
    if location is None and margin_t:
        location, _ = find_location(margin_t)
    unique = tuple(dict.fromkeys(links))[:MAX_LINKS]
    width = max((p.width for p in doc.pages), default=0.0)
    name = find_name(_name_lines(doc, header, sections), _body_size(doc), width)
    return name, Contact(email=email, phone=phone, links=unique, location=location, in_margin=in_margin)
