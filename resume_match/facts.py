"""Contact, experience positions and years, education and certifications. STUB: to be replaced."""
from __future__ import annotations

from dataclasses import dataclass

from resume_match.models import Contact, Document, Education, Experience, Section


@dataclass(frozen=True)
class Facts:
    name: str | None
    contact: Contact
    experience: Experience
    education: Education
    certifications: tuple[str, ...]


def extract_facts(doc: Document, sections: tuple[Section, ...]) -> Facts:
    return Facts(name=None, contact=Contact(), experience=Experience(), education=Education(),
                 certifications=())
