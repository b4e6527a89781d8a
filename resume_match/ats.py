"""ATS readiness checks and the CV template suggestion. STUB: to be replaced."""
from __future__ import annotations

from resume_match.models import AtsReport, Candidate, RoleProfile, TemplateSuggestion


def check_ats(candidate: Candidate) -> AtsReport:
    return AtsReport(score=0, checks=())


def suggest_template(candidate: Candidate, role: RoleProfile | None) -> TemplateSuggestion:
    return TemplateSuggestion(name="Classic CV", id="classic", reasons=())
