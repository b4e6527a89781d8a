"""resume-match: an offline, explainable resume analyser for machine-learning careers."""
from resume_match.api import analyse, evaluate, read, resolve_roles
from resume_match.batch.folder import analyse_folder
from resume_match.errors import DataError, InputError, ResumeMatchError, UsageError
from resume_match.models import Candidate, Document, Report, RoleFit, RoleProfile
from resume_match.match.roles import list_roles, load_role

__version__ = "0.1.0"

__all__ = [
    "analyse", "evaluate", "read", "resolve_roles", "list_roles", "load_role", "analyse_folder",
    "Candidate", "Document", "Report", "RoleFit", "RoleProfile",
    "ResumeMatchError", "InputError", "DataError", "UsageError", "__version__",
]
