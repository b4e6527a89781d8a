"""One CV through the stages: file -> Document -> sections -> facts -> skills -> fits -> Report.

The per-CV unit shared by the library front door (api.py) and the batch workers; it knows
nothing of flows around it (postings, roadmaps, folders).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from resume_match.extract import read_document
from resume_match.match.ats import check_ats
from resume_match.match.templates import suggest_template
from resume_match.match.roles import load_role
from resume_match.match.scoring import best_fit, score_role
from resume_match.models import Candidate, Report, RoleFit, RoleProfile
from resume_match.errors import ResumeMatchError
from resume_match.parse.facts import extract_facts
from resume_match.parse.sections import split_sections
from resume_match.skills import read_skills
from resume_match.skills.budget import budget_warning, within_budget

if TYPE_CHECKING:
    from resume_match.skills.matcher import SkillMatcher

Source = str | Path | bytes


def read(source: Source, *, name: str | None = None, engine: str = "pdfplumber",
         ocr: bool = False, matcher: SkillMatcher | None = None) -> Candidate:
    """What the CV says: sections, contact, experience, education, certifications, skills."""
    doc = read_document(source, name=name, engine=engine, ocr=ocr)
    sections = split_sections(doc)
    facts = extract_facts(doc, sections)
    read_part, cut = within_budget(sections)
    skills, soft = read_skills(read_part, matcher) if doc.readable else ((), ())
    return Candidate(source=doc.source, readable=doc.readable,
                     unreadable_reason=doc.unreadable_reason, name=facts.name,
                     contact=facts.contact, sections=sections, skills=skills,
                     experience=facts.experience, education=facts.education,
                     certifications=facts.certifications,
                     warnings=doc.warnings + ((budget_warning(),) if cut else ()),
                     soft_skills=soft, document=doc)


def evaluate(candidate: Candidate, profiles: tuple[RoleProfile, ...]) -> Report:
    """Score a read candidate against roles and add the ATS checks and template suggestion."""
    fits: tuple[RoleFit, ...] = tuple(score_role(candidate, p) for p in profiles)
    best = best_fit(fits, profiles) if candidate.readable else None   # no text, no best fit
    best_profile = next((p for p in profiles if best and p.id == best.role), None)
    next_roles = best_profile.next_roles if best_profile else ()
    return Report(candidate=candidate, fits=fits, best_role=best.role if best else None,
                  next_roles=next_roles, next_role_titles=role_titles(next_roles, fits),
                  ats=check_ats(candidate), template=suggest_template(candidate, best_profile))


def role_titles(role_ids: tuple[str, ...], fits: tuple[RoleFit, ...]) -> tuple[str, ...]:
    """Display titles of roles: from the fits, the bundled profiles, or the id itself."""
    scored = {f.role: f.title for f in fits}

    def title(role_id: str) -> str:
        if role_id in scored:
            return scored[role_id]
        try:
            return load_role(role_id).title
        except ResumeMatchError:
            return role_id.replace("-", " ").title()
    return tuple(title(r) for r in role_ids)
