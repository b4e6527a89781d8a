"""Skills: the taxonomy (data), the spaCy matcher, the fuzzy pass and the ambiguity rules."""
from __future__ import annotations

from resume_match.models import Section, SkillHit
from resume_match.skills.matcher import SkillMatcher, get_matcher
from resume_match.skills.taxonomy import Skill, Taxonomy, load_taxonomy, read_taxonomy

__all__ = ["SkillMatcher", "get_matcher", "find_skills", "load_taxonomy", "read_taxonomy",
           "Skill", "Taxonomy"]


def find_skills(sections: tuple[Section, ...],
                matcher: SkillMatcher | None = None) -> tuple[SkillHit, ...]:
    """Skills a CV shows, with evidence; builds the process-wide matcher on first use."""
    return (matcher or get_matcher()).find(sections)
