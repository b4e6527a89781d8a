"""The bundled data files: where they are, and one YAML loader for them and for users' files.

Three homes, each with one job:
- `resume_match/data/`: vocabularies and rules the stages read (headings, places, degrees, ATS
  thresholds, posting words, the roadmap's plans);
- `role_profiles/`: the role YAMLs (one file per role, found by listing) and, in `skills/`, the
  skills taxonomy;
- `templates/`: jinja2 templates, CSS and JavaScript only.

The last two sit at the repository root. A wheel maps them into the package
(`resume_match/role_profiles/`, `resume_match/templates/`, see pyproject.toml); in a source
checkout or an editable install they stay beside the package. `home()` looks in both places,
by path and never by import, so a source folder found through the current directory (which
hides an installed copy, e.g. `python -m resume_match` run from the checkout, or a batch
worker started there) finds its data the same way as the installed package does.

libyaml's safe loader (CSafeLoader) builds the same data as PyYAML's pure-Python SafeLoader (the
constructor is the same; only the scanner and parser are C; a test compares them on every
bundled file) in about a tenth of the time: the bundled files cost ~100 ms per process with the
pure-Python one, paid by every cold run and every batch worker.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml

from resume_match.errors import DataError

LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
PACKAGE = Path(__file__).resolve().parent
Home = Literal["data", "role_profiles", "templates"]
# A file each home must hold, so a stray folder of the same name is never taken for it.
MARKERS: dict[str, str] = {"data": "headings.yaml", "role_profiles": "skills/skills.yaml",
                           "templates": "report.html.jinja2"}


def parse_yaml(text: str) -> Any:
    """`yaml.safe_load(text)`, faster; raises yaml.YAMLError on invalid YAML as it does."""
    return yaml.load(text, Loader=LOADER)


@lru_cache(maxsize=None)
def home(name: Home) -> Path:
    """The folder of a data home: inside the package (a wheel) or beside it (a checkout)."""
    for root in (PACKAGE / name, PACKAGE.parent / name):
        if (root / MARKERS[name]).is_file():
            return root
    raise DataError(f"{PACKAGE}: the bundled {name}/ folder is missing; reinstall resume-match "
                    f"(pip install .) or run from a complete checkout (pip install -e .)")


def bundled_path(where: Home, name: str) -> Path:
    """A bundled file's path, e.g. `bundled_path("role_profiles", "data-scientist.yaml")`."""
    return home(where) / name


def bundled_text(where: Home, name: str) -> str:
    """A bundled text file; a missing or unreadable one is a DataError naming it."""
    try:
        return bundled_path(where, name).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise DataError(f"{where}/{name}: cannot read the bundled data file ({e})") from e


def yaml_error(source: str, e: yaml.YAMLError) -> DataError:
    """A one-line DataError for invalid YAML: the file, the line and the problem."""
    mark = getattr(e, "problem_mark", None)
    where = f" (line {mark.line + 1})" if mark is not None else ""
    problem = getattr(e, "problem", None) or str(e).splitlines()[0]
    return DataError(f"{source}: not valid YAML{where}: {problem}")


def parse_file_text(text: str, source: str) -> Any:
    """Parse YAML that came from `source`; invalid YAML is a one-line DataError."""
    try:
        return parse_yaml(text)
    except yaml.YAMLError as e:
        raise yaml_error(source, e) from e


@lru_cache(maxsize=None)
def load_yaml(where: Home, name: str) -> Any:
    """A bundled YAML file, parsed once per process."""
    return parse_file_text(bundled_text(where, name), f"{where}/{name}")


def expect_mapping(data: Any, source: str, keys: tuple[str, ...] = ()) -> dict[str, Any]:
    """`data` as a mapping holding every one of `keys`, else a DataError naming file and key."""
    if not isinstance(data, dict):
        raise DataError(f"{source}: expected a mapping at the top level, got {type(data).__name__}")
    for key in keys:
        if key not in data:
            raise DataError(f"{source}: {key}: expected this key to be present, got nothing")
    return data


def load_mapping(where: Home, name: str, keys: tuple[str, ...] = ()) -> dict[str, Any]:
    """A bundled YAML mapping with the given top-level keys checked."""
    return expect_mapping(load_yaml(where, name), f"{where}/{name}", keys)
