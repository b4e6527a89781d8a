"""Blind screening: remove who a candidate is from a Report (name, contact, links, address,
header/footer block, age cues) so reviewers rank on skills and experience. Scores are left as
computed: blinding changes what is shown, never how a CV is scored.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Iterable

from resume_match.data import load
from resume_match.parse.dates import alternation
from resume_match.models import (AtsReport, Candidate, Contact, Document, Education, Evidence,
                                 Experience, Line, Position, Report, RoleFit, Section,
                                 SkillHit)

REDACTED = "[redacted]"
YEAR = "[year]"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_WORDS = load("words.yaml")
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:" + alternation(_WORDS["tlds"])
                  + r")/\S*", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\w-])\+?\(?\d[\d ().-]{7,}\d(?![\w-])")
_STREET_TYPES = tuple(_WORDS["street_types"])
# Capitalised (or upper-case) words only: "12 Baker Street", not "5 engineers on the way".
_STREET = re.compile(r"\b\d{1,5}[A-Za-z]?\s+(?:[A-Z][\w'.-]*\s+){0,3}(?:"
                     + "|".join(f"{t}|{t.upper()}" for t in _STREET_TYPES) + r")\b\.?")


def has_street_address(text: str) -> bool:
    """A house number and street ('321 Gotham St', '1085 Holloway Ave') in the text."""
    return bool(_STREET.search(text))


_POSTCODE = re.compile(r"\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b|\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_AGE_CUE = re.compile(
    r"\b(?:born|birth|d\.?o\.?b\.?|date of birth|geboren|class of|graduat\w*|"
    r"alumn\w*)\b[^\n;|•]{0,25}?\b(?:19|20)\d{2}\b"
    r"|\b(?:age|aged)\s*:?\s*\d{2}\b|\b\d{2}\s+years\s+old\b",
    re.IGNORECASE)
_NAME_WORD = re.compile(r"^[A-Z][A-Za-z'’.-]+$|^[A-Z]{2,}$")


@dataclass(frozen=True)
class Secrets:
    """The identifying strings of one candidate, to be removed wherever they appear."""
    phrases: tuple[str, ...]
    # scrubbed texts: a CV's lines recur (sections, pages, skill evidence, fits), each is done once
    done: dict[tuple[str, bool], str] = field(default_factory=dict, compare=False, repr=False)

    def pattern(self) -> re.Pattern[str] | None:
        return _phrase_pattern(self.phrases)

    def scrub(self, text: str, education: bool) -> str:
        key = (text, education)
        if key not in self.done:
            self.done[key] = _scrub(text, self.pattern(), education)
        return self.done[key]


@lru_cache(maxsize=64)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex for all phrases (and their HTML-escaped forms), longest first, whole words."""
    forms = {f for p in phrases if len(p) >= 2 for f in (p, html.escape(p))}
    if not forms:
        return None
    return re.compile("|".join(rf"(?<!\w){re.escape(f)}(?!\w)"
                               for f in sorted(forms, key=len, reverse=True)), re.IGNORECASE)


def guess_name(doc: Document | None) -> str | None:
    """The first line when it looks like a personal name (2-4 capitalised words, no digits)."""
    if doc is None or not doc.lines:
        return None
    words = doc.lines[0].text.replace(",", " ").split()
    if 2 <= len(words) <= 4 and all(_NAME_WORD.match(w) for w in words):
        return " ".join(words)
    return None


def secrets_of(candidate: Candidate) -> Secrets:
    """Name (and each part of it), email, phone, links and location of the candidate."""
    phrases: list[str] = []
    for name in (candidate.name, guess_name(candidate.document)):
        if name:
            phrases.append(name)
            phrases.extend(w.strip(".,") for w in name.split() if len(w.strip(".,")) >= 3)
    c = candidate.contact
    for value in (c.email, c.phone, c.location, *c.links):
        if value:
            phrases.append(value)
            if value == c.email:
                phrases.append(value.split("@")[0])
    return Secrets(tuple(phrases))


def scrub_text(text: str, secrets: Secrets | None = None, *, education: bool = False) -> str:
    """Text with contact details, addresses, age cues and the candidate's own strings removed."""
    return secrets.scrub(text, education) if secrets else _scrub(text, None, education)


def _scrub(text: str, pattern: re.Pattern[str] | None, education: bool) -> str:
    if pattern is not None:
        text = pattern.sub(REDACTED, text)
    for rx in (_EMAIL, _URL, _STREET, _POSTCODE, _AGE_CUE):
        text = rx.sub(REDACTED, text)
    text = _PHONE.sub(_phone_or_keep, text)
    if education:
        text = _YEAR.sub(YEAR, text)
    return text


def _phone_or_keep(m: re.Match[str]) -> str:
    """A phone number has 9+ digits (8+ after '+'); a run of years (2019-2021) is not one."""
    digits = re.sub(r"\D", "", m.group())
    groups = re.findall(r"\d+", m.group())
    if all(_YEAR.fullmatch(g) for g in groups):
        return m.group()
    return REDACTED if len(digits) >= (8 if m.group().startswith("+") else 9) else m.group()


def blind_report(report: Report) -> Report:
    """The report with identity and age cues removed; scores and skills unchanged."""
    c = report.candidate
    secrets = secrets_of(c)
    header = _header_lines(c.sections)
    return replace(
        report,
        candidate=replace(
            c, name=None, contact=Contact(),
            sections=tuple(_blind_section(s, secrets, header) for s in c.sections),
            skills=tuple(_blind_skill(s, secrets, header) for s in c.skills),
            soft_skills=tuple(_blind_skill(s, secrets, header) for s in c.soft_skills),
            experience=_blind_experience(c.experience, secrets),
            education=Education(highest_degree=c.education.highest_degree,
                                entries=tuple(replace(e, year=None) for e in c.education.entries)),
            certifications=tuple(scrub_text(x, secrets) for x in c.certifications),
            warnings=tuple(scrub_text(w, secrets) for w in c.warnings),
            document=_blind_document(c.document, secrets, header) if c.document else None),
        fits=tuple(_blind_fit(f, secrets, header) for f in report.fits),
        ats=_blind_ats(report.ats, secrets) if report.ats else None)


def _header_lines(sections: tuple[Section, ...]) -> frozenset[Line]:
    """Lines of the header block (name, contact, address), dropped when other sections exist."""
    if len(sections) < 2:
        return frozenset()
    return frozenset(line for s in sections if s.kind == "header" for line in s.lines)


def _blind_lines(lines: Iterable[Line], secrets: Secrets, drop: frozenset[Line],
                 education: bool = False) -> tuple[Line, ...]:
    return tuple(replace(line, text=scrub_text(line.text, secrets, education=education))
                 for line in lines if line not in drop)


def _blind_section(s: Section, secrets: Secrets, header: frozenset[Line]) -> Section:
    return replace(s, heading=scrub_text(s.heading, secrets),
                   lines=_blind_lines(s.lines, secrets, header, s.kind == "education"))


def _blind_evidence(items: Iterable[Evidence], secrets: Secrets, header: frozenset[Line]) -> tuple[Evidence, ...]:
    """Evidence scrubbed; quotes from the header block go when that block is dropped."""
    return tuple(replace(e, text=scrub_text(e.text, secrets, education=e.section == "education"))
                 for e in items if not (e.section == "header" and header))


def _blind_skill(s: SkillHit, secrets: Secrets, header: frozenset[Line]) -> SkillHit:
    """Evidence, the words matched and (for a skill the taxonomy lacks) the name are CV text."""
    return replace(s, evidence=_blind_evidence(s.evidence, secrets, header),
                   matched=tuple(scrub_text(m, secrets) for m in s.matched),
                   name=s.name if s.known else scrub_text(s.name, secrets))


def _blind_experience(exp: Experience, secrets: Secrets) -> Experience:
    return replace(exp, positions=tuple(_blind_position(p, secrets) for p in exp.positions))


def _blind_position(p: Position, secrets: Secrets) -> Position:
    return replace(p, title=scrub_text(p.title, secrets) if p.title else p.title,
                   organization=scrub_text(p.organization, secrets) if p.organization else p.organization,
                   text=scrub_text(p.text, secrets))


def _blind_document(doc: Document, secrets: Secrets, header: frozenset[Line]) -> Document:
    pages = tuple(replace(p, lines=_blind_lines(p.lines, secrets, header), margin_lines=())
                  for p in doc.pages)
    return replace(doc, pages=pages, warnings=tuple(scrub_text(w, secrets) for w in doc.warnings))


def _blind_fit(fit: RoleFit, secrets: Secrets, header: frozenset[Line]) -> RoleFit:
    return replace(
        fit,
        components=tuple(replace(c, detail=scrub_text(c.detail, secrets)) for c in fit.components),
        matched=tuple(replace(m, evidence=_blind_evidence(m.evidence, secrets, header))
                      for m in fit.matched))


def _blind_ats(ats: AtsReport, secrets: Secrets) -> AtsReport:
    checks = tuple(replace(c, evidence=scrub_text(c.evidence, secrets), advice=scrub_text(c.advice, secrets))
                   for c in ats.checks)
    return replace(ats, checks=checks)

