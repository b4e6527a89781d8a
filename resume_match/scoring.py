"""Pure scoring: (candidate, role) -> RoleFit with every point explained. STUB: to be replaced."""
from __future__ import annotations

from resume_match.models import Candidate, RoleFit, RoleProfile


def score_role(candidate: Candidate, role: RoleProfile) -> RoleFit:
    return RoleFit(role=role.id, title=role.title, score=0, components=(), matched=(), missing=())
