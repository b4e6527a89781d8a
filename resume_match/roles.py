"""Role profiles: schema, loading and validation of role_profiles/*.yaml. STUB: to be replaced."""
from __future__ import annotations

from pathlib import Path

from resume_match.errors import DataError
from resume_match.models import RoleProfile

ROLE_IDS = ("data-analyst", "junior-ml-engineer", "research-assistant", "ml-engineer",
            "data-scientist", "applied-scientist", "senior-ml-engineer", "ml-architect",
            "research-scientist", "ai-product-manager")


def list_roles() -> tuple[RoleProfile, ...]:
    return tuple(load_role(r) for r in ROLE_IDS)


def load_role(ref: str | Path) -> RoleProfile:
    """A bundled role by id, or a user's YAML file by path."""
    if str(ref) not in ROLE_IDS:
        raise DataError(f"{ref}: unknown role (known: {', '.join(ROLE_IDS)})")
    return RoleProfile(id=str(ref), title=str(ref), stage="mid", summary="", required=())
