"""Facts a CV states: contact (see contact.py), experience positions and total years with
overlaps merged, education entries and the highest level, and certifications."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from resume_match.data import load
from resume_match.parse.contact import clean, extract_contact, place_names
from resume_match.parse.dates import (alternation, DateRange, YearMonth, find_ranges, find_ranges_in_lines, interval,
                                iso, latest, month_index, parse_iso, today,
                                total_years)
from resume_match.errors import DataError
from resume_match.models import (DEGREE_LEVELS, Contact, Document, Education, EducationEntry,
                                 Experience, Line, Position, Section)
from resume_match.parse.sections import body_size

MAX_ENTRY_WORDS = 12               # a dated line with more words than this is a description
_SPLIT = re.compile(r"\s+[|•·–—-]+\s+|\s*[|•·]\s*|,\s+|\s{3,}|\t|\s+@\s+|\s+at\s+")
_FULL_DATE = re.compile(
    r"(?i)(?:updated|revised|as of|dated?)\b.{0,12}?\d|\b\d{1,2}(?:st|nd|rd|th)?\s*(?:of\s+)?"
    r"[A-Z][a-z]{2,8}\.?,?\s*(?:19|20)\d\d|\b[A-Z][a-z]{2,8}\.?\s*\d{1,2}(?:st|nd|rd|th)?,\s*(?:19|20)\d\d")
_NUMBER_WORDS: dict[str, int] = load("words.yaml")["number_words"]
_FUTURE = re.compile(r"(?i)\b(?:expected|anticipated|seeking|starting|upcoming|planned|will)\b")
_BIRTH = re.compile(r"(?i)\b(?:born|birth|d\.?o\.?b)\b")
_YEARS_CLAIM = re.compile(r"(?i)\b(\d{1,2}|" + alternation(_NUMBER_WORDS) + r")\+?\s*(?:years|yrs)['’]?\.?\s+"
                          r"(?:of\s+)?(?:[\w/&-]+\s+){0,3}experience")
_INSTITUTION = re.compile(
    r"(?i)\b(?:universit(?:y|ät|é|e|à|a)|universidad|college|institute|institut|school|academy"
    r"|polytechnic|politecnico|conservatory|ecole|école|iit|nit|mit|caltech|eth|epfl|tech)\b")
_FIELD_STOP = re.compile(r"(?i)\s*(?:[|;(]|\s[-–—]\s|\bgpa\b|\bcgpa\b|\bgrade\b|\bminor\b|\bhonou?rs\b"
                         r"|\bconcentration\b|\bspeciali[sz]ation\b|\bthesis\b|\bexpected\b|\bat\b|\bfrom\b)")
_CITY_PREFIXES = frozenset(load("words.yaml")["city_prefixes"])
_DEGREE_TYPES = ("applied science|science|fine arts|arts|engineering|technology|philosophy|laws"
                 "|commerce|music|architecture|business administration")


@dataclass(frozen=True)
class Facts:
    name: str | None
    contact: Contact
    experience: Experience
    education: Education
    certifications: tuple[str, ...]


def extract_facts(doc: Document, sections: tuple[Section, ...]) -> Facts:
    """Everything factual the CV says about the person, from its sections."""
    name, contact = extract_contact(doc, sections)
    if not doc.readable:
        return Facts(name, contact, Experience(), Education(), ())
    return Facts(name=name, contact=contact,
                 experience=extract_experience(doc, sections),
                 education=extract_education(doc, sections),
                 certifications=extract_certifications(doc, sections))


# ---------------------------------------------------------------- experience

REBUILD_MONTHS = 24        # a TeX file made this long after every date it prints is a rebuild
_TEX = re.compile(r"(?i)tex\b|tex-|latex|dvipdf|tectonic")


@dataclass(frozen=True)
class AsOf:
    """When the CV was written, which is what 'Present' means, and the evidence for it."""
    date: YearMonth
    known: bool                    # False: a guess that may undercount open ranges
    basis: str


def cv_date(doc: Document, sections: tuple[Section, ...]) -> AsOf:
    """When the CV was written: a printed 'updated' or full date in the header or margins;
    else the file's own date (PDF CreationDate/ModDate, DOCX core properties), unless the CV
    prints a later date, or the file is a TeX build made years after every date it prints
    (a CV rebuilt by CI); else the latest date it prints outside education; plain text, with
    no date of its own, is read today."""
    header = [ln for s in sections if s.kind == "header" for ln in s.lines]
    margin = [ln for p in doc.pages for ln in p.margin_lines]
    stamped = [r.start for ln in header + margin
               if _FULL_DATE.search(ln.text) and not _BIRTH.search(ln.text)
               for r in find_ranges(ln.text) if r.start[1] is not None]
    if stamped:
        d = max(stamped, key=month_index)
        return AsOf(d, True, f"the date printed on the CV ({iso(d)})")
    printed = _latest_printed(sections)
    made = parse_iso(doc.layout.created) if doc.layout.created else None
    if made:
        made = (made[0], made[1] or 12)
        if printed and month_index(printed) > month_index(made):
            return AsOf(printed, True, f"the latest date the CV prints ({iso(printed)}), later "
                                       f"than the file's own date ({iso(made)})")
        rebuilt = printed and month_index(made) - month_index(printed) > REBUILD_MONTHS \
            and _TEX.search(doc.layout.producer)
        if not rebuilt:
            return AsOf(made, True, f"the file's own date ({iso(made)})")
        return AsOf(printed, False, f"the latest date the CV prints ({iso(printed)}): the "  # type: ignore[arg-type]
                                    f"file's own date ({iso(made)}) is a later rebuild by "
                                    f"{doc.layout.producer.split()[0]}")
    if doc.kind == "text":
        return AsOf(today(), True, f"today ({iso(today())}): plain text has no date of its own")
    if printed is None:
        return AsOf(today(), False, f"today ({iso(today())}): the CV prints no date")
    return AsOf(printed, False, f"the latest date the CV prints ({iso(printed)}); the file "
                                "has no date of its own")


def _latest_printed(sections: tuple[Section, ...]) -> YearMonth | None:
    """The latest date printed outside education and forward-looking lines (graduation dates
    and 'seeking ... from May 2014' look ahead, not back); a bare year counts from its January,
    as year-only ends do in dates.interval; a date after today is a typo or a plan."""
    past = [ln for s in sections if s.kind != "education" for ln in s.lines
            if not _FUTURE.search(ln.text)]
    anywhere = latest([r for ln in past for r in find_ranges(ln.text)])
    if anywhere is None or month_index(anywhere) > month_index(today()):
        return None
    return anywhere[0], anywhere[1] or 1


def extract_experience(doc: Document, sections: tuple[Section, ...]) -> Experience:
    """Dated positions in experience sections and the years they cover, overlaps merged,
    with the date 'Present' counted to and why; the CV's own 'N years of experience' is the
    fallback when the dates give nothing or may undercount, and the basis says so."""
    found: list[tuple[Position, DateRange]] = []
    body = body_size(doc.lines)
    kinds = {s.kind for s in sections}
    # With no heading found at all, the dated entries of the header block are all there is.
    wanted = {"experience"} if kinds != {"header"} else {"header"}
    for s in sections:
        if s.kind in wanted:
            found.extend(positions_in(s.lines, body))
    claim = _claimed_years(sections)
    if not found:
        has_section = any(s.kind == "experience" for s in sections)
        if claim is not None:
            return Experience(years=claim[0], basis=f"stated in the CV ('{claim[1]}'); no dated "
                                                    "positions")
        return Experience(years=None if has_section else 0.0)
    when = cv_date(doc, sections)
    as_of, basis = when.date, when.basis
    printed = latest([r for _, r in found])
    if printed and month_index(printed) > month_index(as_of):
        as_of = (printed[0], printed[1] or 12)
        basis = f"the latest date the CV prints ({iso(printed)})"
    opened = [r.start for _, r in found if r.current]
    if not when.known and not doc.layout.created and opened \
            and month_index(max(opened, key=month_index)) >= month_index(as_of):
        # 'Mar 2020 - Present' is the CV's last date and the file has none: not 0.1 years
        as_of = today()
        basis = (f"today ({iso(as_of)}): the CV's latest date opens a 'Present' range and the "
                 "file has no date of its own")
    periods = [p for _, r in found if (p := interval(r, as_of))]
    years = total_years(periods)
    undercounted = not when.known and any(r.current for _, r in found)
    if claim is not None and (undercounted or years == 0) and claim[0] > years:
        basis = (f"stated in the CV ('{claim[1]}'); the dated positions give {years} years "
                 f"to {iso(as_of)}, {basis}")
        years = claim[0]
    return Experience(years=years, positions=tuple(p for p, _ in found), as_of=iso(as_of),
                      basis=basis)


def _claimed_years(sections: tuple[Section, ...]) -> tuple[float, str] | None:
    """'5+ years of experience' in the summary, for CVs whose positions carry no dates: the
    number and the words."""
    for s in sections:
        if s.kind in ("summary", "header"):
            for line in s.lines:
                m = _YEARS_CLAIM.search(line.text)
                if m:
                    n = m.group(1).lower()
                    return float(_NUMBER_WORDS[n] if n in _NUMBER_WORDS else int(n)), m.group(0)
    return None


def positions_in(lines: tuple[Line, ...], body: float = 0.0) -> list[tuple[Position, DateRange]]:
    """One position per dated entry line: title and organisation from that line and the short
    lines just above it (or just below, when the entry starts with its dated line)."""
    texts = [clean(ln.text) for ln in lines]
    hits = [(i, r) for i, r in find_ranges_in_lines(texts)
            if _entry_date(texts[i], r) and not (lines[i].bullet and _mid_line(texts[i], r))]
    dated = sorted({i for i, _ in hits})
    out: list[tuple[Position, DateRange]] = []
    # Entries that open with their dated line ('Title  dates' / 'Employer' below) would pass
    # each employer down to the next entry as a line above it: there, a line below that gave
    # an entry its title or employer is not the next one's. Judged by the first entry, since
    # in entries headed above their dates ('Title' / 'dates Employer') the line below an
    # entry often is the next one's heading.
    opens_dated = bool(dated) and not any(
        _entry_line(lines[j], texts[j], body) and _has_words(texts[j])
        for j in range(max(0, dated[0] - 2), dated[0]))
    taken: set[int] = set()
    for i, r in hits:
        prev = max((j for j in dated if j < i), default=-1)
        nxt = min((j for j in dated if j > i), default=len(lines))
        own = _without_dates(texts[i], " | ")
        above = [texts[j] for j in range(max(prev + 1, i - 2), i)
                 if j not in taken and _entry_line(lines[j], texts[j], body) and _has_words(texts[j])]
        after = [j for j in range(i + 1, min(i + 4, nxt)) if _has_words(texts[j])][:1]
        # Under a line holding only its dates, the entry line may be long ('Nurse Clinician II
        # on Medical/Cardiac Intensive Care Units ... Company Name, City, State').
        longest = 20 if not own.strip(" |") else MAX_ENTRY_WORDS
        below_at = [j for j in after if _entry_line(lines[j], texts[j], body, longest)]
        below = [texts[j] for j in below_at]
        title, org = title_and_org(own, above, below)
        if opens_dated:
            taken.update(j for j in below_at if {title, org} & _all_fragments(texts[j]))
        end = r.end if r.end is not None else (None if r.current else r.start)
        out.append((Position(title=title, organization=org, start=iso(r.start), end=iso(end),
                             current=r.current, page=lines[i].page,
                             text=" / ".join(above + [texts[i]] + below)), r))
    return out


def _entry_date(text: str, r: DateRange) -> bool:
    """A date that heads an entry, not one mentioned in a sentence. A lone date (no range)
    must carry its month and sit on a short line that is not a sentence."""
    before, after = text[:r.span[0]], text[r.span[1]:]
    words = len(re.findall(r"[A-Za-z]{2,}", before + " " + after))
    if re.search(r"(?i)\b(?:from|since|in|during|by|until|between|fiscal|of|year)\s*$", before):
        return False     # '... grew sales from fiscal 2009 to 2012.' is a sentence
    if not r.is_range:
        return r.start[1] is not None and words <= 8 and not text.rstrip().endswith(".")
    if words <= MAX_ENTRY_WORDS or len(re.findall(r"[A-Za-z]{2,}", before)) <= 6:
        return True      # 'Stylist 05/2014 to 02/2017 Company ... <description run on>'
    return not re.search(r"[A-Za-z]", after)


def _mid_line(text: str, r: DateRange) -> bool:
    """Words on both sides of the date: how a date inside a bullet sentence sits."""
    return bool(re.search(r"[A-Za-z]{2}", text[:r.span[0]]) and re.search(r"[A-Za-z]{2}", text[r.span[1]:]))


def _entry_line(line: Line, text: str, body: float, longest: int = MAX_ENTRY_WORDS) -> bool:
    """A short line that can carry a title or employer (not a bullet sentence)."""
    words = text.split()
    if not words or len(words) > longest or text.rstrip().endswith((".", ";")):
        return False
    if longest > MAX_ENTRY_WORDS:
        return not find_ranges(text)
    if find_ranges(text):
        return False
    return line.bold or (body > 0 and line.size > body) or len(re.findall(r"[A-Za-z]{2,}", text)) <= 8


def _has_words(text: str) -> bool:
    """Text besides dates and range words ('to', 'present')."""
    rest = re.sub(r"(?i)\b(?:to|till|until|since|from)\b", " ", _without_dates(text))
    return bool(re.search(r"[A-Za-z]{2,}", rest))


def _without_dates(text: str, sep: str = " ") -> str:
    """The text with its printed dates cut out (replaced by `sep`)."""
    for r in reversed(find_ranges(text)):
        text = text[:r.span[0]] + sep + text[r.span[1]:]
    text = re.sub(r"(?i)\b(?:expected|present|current|now|ongoing)\b", " ", text)
    return " ".join(text.split())


@lru_cache(maxsize=1)
def _title_words() -> tuple[frozenset[str], frozenset[str]]:
    raw = load("titles.yaml")
    return frozenset(raw["title_words"]), frozenset(raw["org_words"])


@lru_cache(maxsize=1)
def _place_after_comma() -> re.Pattern[str]:
    """', CA' / ', Germany': a comma and a known state or country, longest names first."""
    return re.compile(r",\s*(?:" + place_names()[1] + r")(?![\w])")


def location_spans(text: str, max_words: int = 3) -> list[tuple[int, int]]:
    """Where 'City, ST' / 'City, Country' sit in an entry line: up to `max_words` capitalised
    words before the comma (a third only after 'San', 'New'...), stopping at an employer or
    title word ('Viasat Inc. Carlsbad, CA')."""
    titles, orgs = _title_words()
    out = []
    for m in _place_after_comma().finditer(text):
        words = list(re.finditer(r"\S+", text[:m.start()]))
        start = None
        for n, w in enumerate(reversed(words[-max_words:])):
            token = w.group(0)
            bare = token.lower().strip(".,&")
            if not token[0].isupper() or token.endswith(",") or bare in orgs or bare in titles \
                    or any(c in token for c in "()[]/0123456789"):
                break
            if n == 2 and bare not in _CITY_PREFIXES:
                break
            start = w.start()
        if start is not None:
            out.append((start, m.end()))
    return out


def fragments(text: str, max_city_words: int = 3) -> list[str]:
    """The parts of an entry line between separators, without its locations and dates."""
    for s, e in reversed(location_spans(text, max_city_words)):
        text = text[:s] + " | " + text[e:]
    out: list[str] = []
    for part in _SPLIT.split(_without_dates(text, " | ")):
        part = re.sub(r"(?i)\s+(?:and|&|or|to)$|^(?:and|&|or)\s+", "", part.strip(" ,:;-–—|*&"))
        part = part.strip("()") if part.count("(") != part.count(")") else part
        if not re.search(r"(?i)\b(?:inc|corp|ltd|co|bros|jr|sr|st)\.$", part):
            part = part.strip(". ")
        if not part or not re.search(r"[A-Za-z]{2}", part):
            continue
        if part.lower() in ("remote", "hybrid", "on-site", "onsite", "full-time", "part-time"):
            continue
        if out and re.fullmatch(r"(?i)(?:inc|llc|ltd|corp|co|gmbh|plc|s\.?a)\.?", part):
            out[-1] = f"{out[-1]}, {part}"
            continue
        out.append(part)
    return out


def _all_fragments(text: str) -> set[str]:
    """Every fragment title_and_org may take from a line (also with one-word cities)."""
    return set(fragments(text)) | set(fragments(text, max_city_words=1))


def title_and_org(own: str, above: list[str], below: list[str] | None = None
                  ) -> tuple[str | None, str | None]:
    """Tell the job title from the employer among an entry's fragments (its dated line, the
    short lines above it, the line below): by title words ('Engineer', 'Intern') and employer
    words ('Inc.', 'University'), else by position."""
    titles, orgs = _title_words()
    mine = fragments(own)
    up = [f for text in above for f in fragments(text)]
    down = [f for text in below or [] for f in fragments(text)]

    def words(s: str) -> set[str]:
        return {w.strip(".,()").lower() for w in s.split()}

    def first(groups: list[list[str]], ok: Callable[[str], bool]) -> str | None:
        return next((f for g in groups for f in g if ok(f)), None)

    title = first([mine, up, down], lambda f: bool(words(f) & titles))
    org = first([mine, up, down], lambda f: f != title and bool(words(f) & orgs))
    if title is None:
        title = first([mine, up, down], lambda f: True)
    if org is None:
        order = [mine, up, down] if len(mine) > 1 or title not in mine else [up, down, mine]
        org = first(order, lambda f: f != title)
    if org is None:     # 'Kasa Seoul, S.Korea': the employer was taken for half of a city
        up = [f for text in above for f in fragments(text, max_city_words=1)]
        org = first([up, [f for text in below or [] for f in fragments(text, 1)]], lambda f: f != title)
    return title, org


# ---------------------------------------------------------------- education

@lru_cache(maxsize=1)
def degree_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(level, pattern) pairs from data/degrees.yaml, highest level first."""
    raw = load("degrees.yaml")
    out = []
    for level, pats in raw.items():
        if level not in DEGREE_LEVELS:
            raise DataError(f"data/degrees.yaml: key {level!r}: expected one of {', '.join(DEGREE_LEVELS)}")
        for p in pats:
            try:
                out.append((level, re.compile(p)))
            except re.error as e:
                raise DataError(f"data/degrees.yaml: {level}: bad pattern {p!r} ({e})") from e
    return tuple(out)


def find_degree(text: str) -> tuple[str, re.Match[str]] | None:
    """The highest degree level named in a line and where it is printed."""
    best: tuple[str, re.Match[str]] | None = None
    for level, pat in degree_patterns():
        m = pat.search(text)
        if m and (best is None or DEGREE_LEVELS.index(level) > DEGREE_LEVELS.index(best[0])):
            best = (level, m)
    return best


def extract_education(doc: Document, sections: tuple[Section, ...]) -> Education:
    """Degrees in education sections (or, without one, long-form degrees anywhere)."""
    lines = [ln for s in sections if s.kind == "education" for ln in s.lines]
    if not lines:
        lines = [ln for s in sections if s.kind not in ("experience", "publications", "references")
                 for ln in s.lines if re.search(r"(?i)bachelor|master|ph\.?d|doctor|associate of|high school", ln.text)]
    texts = [clean(ln.text) for ln in lines]
    hits = [find_degree(text) for text in texts]     # once each: neighbours are asked again
    entries = []
    for i, text in enumerate(texts):
        hit = hits[i]
        if hit is None:
            continue
        level, m = hit
        degree, field = _degree_and_field(text, m)
        near = [j for j in (i - 1, i + 1, i - 2, i + 2) if 0 <= j < len(texts) and not hits[j]]
        entries.append(EducationEntry(degree=degree, level=level, field=field,
                                      institution=_institution(text, [texts[j] for j in near]),
                                      year=_grad_year([text] + [texts[j] for j in near[:2]])))
    best = max((e.level for e in entries), key=DEGREE_LEVELS.index, default="none")
    return Education(highest_degree=best, entries=tuple(entries))


def _degree_and_field(text: str, m: re.Match[str]) -> tuple[str, str | None]:
    """'Bachelor of Science in Computer Science, 2019' -> (that degree, 'Computer Science').
    The degree type after 'of' (Science, Arts, Engineering) is part of the degree, not the field."""
    rest = text[m.end():]
    dates = find_ranges(rest)
    if dates:
        rest = rest[:dates[0].span[0]]
    lead = re.match(r"(?i)[\s,:.\-]*(?:\((?:hons?|honou?rs)\.?\)\s*)?(?:(?:of|in)\s+)?", rest)
    pos = lead.end() if lead else 0
    kind = re.match(rf"(?i)(?:{_DEGREE_TYPES})\b\s*(?:\(hons?\)|\(honou?rs\)|honou?rs)?\s*(?=$|in\b|[,|:;(\-–—])",
                    rest[pos:])
    if kind:
        pos += kind.end()
        sep = re.match(r"(?i)\s*(?:[,|:;\-–—]\s*)?(?:in\s+)?", rest[pos:])
        pos += sep.end() if sep else 0
    field_text = rest[pos:]
    stop = _FIELD_STOP.search(field_text)
    field_text = field_text[:stop.start()] if stop else field_text
    field: str | None = field_text.split(",")[0].strip(" ,:.-–—")
    if field and (not re.search(r"[A-Za-z]{2}", field) or len(field) > 70 or _INSTITUTION.search(field)):
        field = None
    end = m.end() + pos + (len(field) + field_text.find(field) if field else 0)
    degree = text[m.start():end].strip(" ,:;.-–—|")
    return degree or m.group(0).strip(), field or None


def _institution(text: str, near: list[str]) -> str | None:
    """The first fragment naming a university, college, school... on the degree's line or near it."""
    for t in [text] + near:
        for part in fragments(t):
            if _INSTITUTION.search(part) and not find_degree(part):
                return part
    return None


def _grad_year(texts: list[str]) -> int | None:
    for t in texts:
        ranges = find_ranges(t)
        if ranges:
            r = ranges[-1]
            if r.current:
                return None
            return (r.end or r.start)[0]
    return None


# ---------------------------------------------------------------- certifications

@lru_cache(maxsize=1)
def roadmap_certifications() -> tuple[tuple[str, tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...]], ...]:
    """(name, patterns anywhere, patterns only in a certifications/education section)."""
    raw = load("certifications.yaml")
    try:
        return tuple((str(c["name"]), tuple(re.compile(p, re.IGNORECASE) for p in c["patterns"]),
                      tuple(re.compile(p, re.IGNORECASE) for p in c.get("listed") or ()))
                     for c in raw)
    except (KeyError, TypeError, re.error) as e:
        raise DataError(f"data/certifications.yaml: expected entries with 'name' and 'patterns' ({e})") from e


def extract_certifications(doc: Document, sections: tuple[Section, ...]) -> tuple[str, ...]:
    """The roadmap's certifications named anywhere, then each line of certification sections."""
    text = " ".join(clean(ln.text) for ln in doc.lines)
    listed = " ".join(clean(ln.text) for s in sections if s.kind in ("certifications", "education")
                      for ln in s.lines)
    known = roadmap_certifications()
    found = [name for name, anywhere, inside in known
             if any(p.search(text) for p in anywhere) or any(p.search(listed) for p in inside)]
    for s in sections:
        if s.kind != "certifications":
            continue
        for line in s.lines:
            name = _certification_name(clean(line.text))
            if name and not any(p.search(name) for _, anywhere, inside in known for p in anywhere + inside):
                found.append(name)
    return tuple(dict.fromkeys(found))


def _certification_name(text: str) -> str | None:
    """'2023 AWS Certified Security - Specialty, Amazon Web Services' -> the certificate's name."""
    if not text or text[0].islower() or len(text.split()) > 14:
        return None
    name = re.sub(r"(?i)\((?:[^)]*\d{4}[^)]*|issued[^)]*|credential[^)]*|expires?[^)]*)\)", " ", text)
    name = re.sub(r"\(\s*\)", " ", _without_dates(name))
    name = re.split(r"\s*[|,;]\s+|\s+,\s*|\s{3,}|(?i:\s+credential\s+id\b)|(?i:\s+issued\b)", name)[0]
    name = name.strip(" .,:;-–—•")
    return name if len(re.findall(r"[A-Za-z]", name)) >= 4 else None
