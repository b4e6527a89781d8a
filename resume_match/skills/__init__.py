"""Skills: the taxonomy (data), the spaCy matcher and the fuzzy pass. STUB: to be replaced."""
from __future__ import annotations

from functools import lru_cache

from resume_match.models import Section, SkillHit


class SkillMatcher:
    """Built once per process from the taxonomy; finds skills with evidence in sections."""

    def find(self, sections: tuple[Section, ...]) -> tuple[SkillHit, ...]:
        return ()


@lru_cache(maxsize=1)
def get_matcher() -> SkillMatcher:
    return SkillMatcher()


def find_skills(sections: tuple[Section, ...], matcher: SkillMatcher | None = None) -> tuple[SkillHit, ...]:
    return (matcher or get_matcher()).find(sections)
