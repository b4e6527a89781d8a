"""resume-match: an offline, explainable resume analyser for machine-learning careers."""
from resume_match.api import (analyse, analyse_folder, evaluate, list_roles, load_role, posting,
                              read, resolve_roles, roadmap)
from resume_match.errors import DataError, InputError, ResumeMatchError, UsageError
from resume_match.models import Candidate, Document, Report, RoleFit, RoleProfile
from resume_match.version import __version__

__all__ = [
    "analyse", "evaluate", "read", "resolve_roles", "list_roles", "load_role", "analyse_folder",
    "posting", "roadmap",
    "Candidate", "Document", "Report", "RoleFit", "RoleProfile",
    "ResumeMatchError", "InputError", "DataError", "UsageError", "__version__",
]
