"""Skills: the taxonomy (data), the spaCy matcher, the fuzzy pass and the ambiguity rules.

The matcher module (the only spaCy importer) is imported when a matcher is first needed, not
with the package: spaCy's import is ~0.4 s, and commands that read no CV (`--help`, `roles`, a
batch's parent process, which leaves CVs to its workers) should not pay it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from resume_match.models import Section, SkillHit
from resume_match.skills.taxonomy import Skill, Taxonomy, load_taxonomy, read_taxonomy

if TYPE_CHECKING:
    from resume_match.skills.matcher import SkillMatcher

__all__ = ["SkillMatcher", "get_matcher", "find_skills", "read_skills", "load_taxonomy",
           "read_taxonomy", "Skill", "Taxonomy"]


def get_matcher() -> SkillMatcher:
    """The process-wide matcher, built on first use."""
    from resume_match.skills import matcher
    return matcher.get_matcher()


def find_skills(sections: tuple[Section, ...],
                matcher: SkillMatcher | None = None) -> tuple[SkillHit, ...]:
    """Skills a CV shows, with evidence; builds the process-wide matcher on first use."""
    return (matcher or get_matcher()).find(sections)


def read_skills(sections: tuple[Section, ...], matcher: SkillMatcher | None = None
                ) -> tuple[tuple[SkillHit, ...], tuple[SkillHit, ...]]:
    """A CV's (technical skills, soft and business skills), with evidence."""
    return (matcher or get_matcher()).read(sections)


def __getattr__(name: str) -> Any:
    """`SkillMatcher` on demand (importing it imports spaCy)."""
    if name == "SkillMatcher":
        from resume_match.skills.matcher import SkillMatcher
        return SkillMatcher
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
