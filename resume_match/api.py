"""The library's front door: read a CV, score it against roles, gather the report."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from resume_match.match.ats import check_ats, suggest_template
from resume_match.extract import read_document
from resume_match.parse.facts import extract_facts
from resume_match.models import Candidate, Report, RoleFit, RoleProfile
from resume_match.match.roles import list_roles, load_role
from resume_match.match.scoring import best_fit, score_role
from resume_match.parse.sections import split_sections
from resume_match.skills import find_skills

if TYPE_CHECKING:
    from resume_match.skills.matcher import SkillMatcher

Source = str | Path | bytes
RoleRef = str | Path | RoleProfile


def read(source: Source, *, name: str | None = None, engine: str = "pdfplumber",
         ocr: bool = False, matcher: SkillMatcher | None = None) -> Candidate:
    """What the CV says: sections, contact, experience, education, certifications, skills."""
    doc = read_document(source, name=name, engine=engine, ocr=ocr)
    sections = split_sections(doc)
    facts = extract_facts(doc, sections)
    skills = find_skills(sections, matcher) if doc.readable else ()
    return Candidate(source=doc.source, readable=doc.readable,
                     unreadable_reason=doc.unreadable_reason, name=facts.name,
                     contact=facts.contact, sections=sections, skills=skills,
                     experience=facts.experience, education=facts.education,
                     certifications=facts.certifications, warnings=doc.warnings, document=doc)


def resolve_roles(roles: Iterable[RoleRef] | None) -> tuple[RoleProfile, ...]:
    """Role profiles from ids, file paths or profiles; all bundled roles when none are named."""
    if not roles:
        return list_roles()
    return tuple(r if isinstance(r, RoleProfile) else load_role(r, resolve_skills=True)
                 for r in roles)


def evaluate(candidate: Candidate, profiles: tuple[RoleProfile, ...]) -> Report:
    """Score a read candidate against roles and add the ATS checks and template suggestion."""
    fits: tuple[RoleFit, ...] = tuple(score_role(candidate, p) for p in profiles)
    best = best_fit(fits, profiles) if candidate.readable else None   # no text, no best fit
    best_profile = next((p for p in profiles if best and p.id == best.role), None)
    return Report(candidate=candidate, fits=fits, best_role=best.role if best else None,
                  next_roles=best_profile.next_roles if best_profile else (),
                  ats=check_ats(candidate), template=suggest_template(candidate, best_profile))


def analyse(source: Source, roles: Iterable[RoleRef] | None = None, *, name: str | None = None,
            engine: str = "pdfplumber", ocr: bool = False,
            matcher: SkillMatcher | None = None) -> Report:
    """Read a CV and score it against the given roles (all ten roadmap roles by default)."""
    candidate = read(source, name=name, engine=engine, ocr=ocr, matcher=matcher)
    return evaluate(candidate, resolve_roles(roles))
