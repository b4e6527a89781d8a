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


# What each bundled file holds at its top level (a key "" is the whole file). A spec is a type
# name (str, int, number, bool, list, dict) or list[SPEC] / dict[SPEC] for their items.
SCHEMAS: dict[str, dict[str, str]] = {
    "words.yaml": {"months": "dict[list[str]]", "seasons": "dict[list[int]]",
                   "present_words": "list[str]", "number_words": "dict[int]", "tlds": "list[str]",
                   "profile_hosts": "list[str]", "phone_cues": "list[str]", "id_cues": "list[str]",
                   "street_types": "list[str]", "city_prefixes": "list[str]",
                   "icon_fonts": "list[str]", "heading_suffixes": "list[str]", "link_cues": "list[str]",
                   "generators": "list[str]", "soft_evidence": "dict[dict]",
                   "not_school_initials": "list[str]"},
    "headings.yaml": {"": "dict[dict]"},
    "places.yaml": {"us_states": "list[str]", "us_state_names": "list[str]",
                    "ca_provinces": "list[str]", "ca_province_names": "list[str]",
                    "countries": "dict[str]"},
    "titles.yaml": {"title_words": "list[str]", "org_words": "list[str]",
                    "not_name_words": "list[str]"},
    "degrees.yaml": {level: "list[str]" for level in ("phd", "master", "bachelor", "associate",
                                                       "high_school")},
    "certifications.yaml": {"": "list[dict]"},
    "skill_context.yaml": {key: "list[word]" for key in (
        "separators", "fillers", "list_labels", "prev_cues", "next_cues", "self_cues", "org_words",
        "org_before", "org_by", "person_agents", "work_verbs", "object_breaks", "wish_cues", "negative_cues", "sentence_end", "glue", "item_separators", "connectors",
        "level_words", "time_units", "level_ties", "generic_heads", "item_stop_words",
        "item_articles", "prose_list_cues", "open_labels", "soft_labels", "spoken_languages", "placeholders", "page_furniture",
        "title_words_also_skills", "adjective_cues", "purpose_cues")} | {"verb_nominals": "dict[list[str]]"},
    "postings.yaml": {"headings": "dict[list[str]]", "heading_max_words": "int",
                      "boilerplate_cues": "list[str]", "sticky_cues": "list[str]",
                      "metadata_keys": "list[str]", "weak_preferred_cues": "list[str]",
                      "title_keys": "list[str]", "role_nouns": "list[str]",
                      "preferred_cues": "list[str]", "required_cues": "list[str]",
                      "candidate_cues": "list[str]", "alternative_cues": "list[str]",
                      "seniority": "dict[list[str]]", "degrees": "dict[list[str]]",
                      "degree_fields": "list[str]", "preamble": "dict[list[str]]",
                      "soft_requirements": "dict[list[str]]", "title_tails": "list[str]",
                      "title_translations": "dict[list[str]]"},
    "roadmap.yaml": {"pitfalls": "dict[dict]", "signals": "dict", "plans": "list[dict]",
                     "vendors": "dict[dict]", "none": "dict"},
    "ats.yaml": {"weights": "dict[number]", "critical": "list[str]", "critical_cap": "number",
                 "without_text": "list[str]", "standard_headings": "list[str]",
                 "heading_similarity": "number",
                 "bullet_min_words": "int", "measurable_pass": "number",
                 "measurable_warn": "number", "action_pass": "number", "action_warn": "number",
                 "action_suffixes": "list[str]", "action_verbs": "list[str]",
                 "undated_band": "int", "length_bands": "list[dict]", "min_words": "int",
                 "thin_words": "int", "max_words_per_page": "int", "safe_fonts": "list[str]",
                 "odd_char_warn": "number", "odd_char_fail": "number",
                 "generic_file_names": "list[str]", "file_size_warn": "int",
                 "file_size_fail": "int"},
    "cv-templates.yaml": {"career_stages": "dict[number]", "templates": "list[dict]",
                          "research_words": "list[str]", "long_career_years": "number"},
}
_TYPES: dict[str, tuple[type, ...]] = {"str": (str,), "word": (str,), "int": (int,),
                                       "number": (int, float),
                                       "bool": (bool,), "list": (list,), "dict": (dict,)}
_WORDS = {"str": "a string", "word": "a non-empty string", "int": "a whole number", "number": "a number", "bool": "true or false",
          "list": "a list", "dict": "a mapping"}
_PLURALS = {"str": "strings", "word": "non-empty strings", "int": "whole numbers", "number": "numbers", "bool": "true/false values",
            "list": "lists", "dict": "mappings"}


def describe(spec: str, plural: bool = False) -> str:
    """'list[str]' -> 'a list of strings', 'dict[list[str]]' -> 'a mapping of lists of strings'."""
    if spec.startswith(("list[", "dict[")):
        head = ("lists" if plural else "a list") if spec[:4] == "list" else \
            ("mappings" if plural else "a mapping")
        return f"{head} of {describe(spec[5:-1], plural=True)}"
    return _PLURALS[spec] if plural else _WORDS[spec]


def conforms(value: Any, spec: str) -> bool:
    """Does `value` have the shape `spec` names? (bool is not a number here.)"""
    outer = spec[:4] if spec.startswith(("list[", "dict[")) else spec
    if isinstance(value, bool) and outer != "bool":
        return False
    if isinstance(value, dict) and outer != spec:
        return outer == "dict" and all(conforms(v, spec[5:-1]) for v in value.values())
    if isinstance(value, list) and outer != spec:
        return outer == "list" and all(conforms(v, spec[5:-1]) for v in value)
    return isinstance(value, _TYPES[outer]) and outer == spec and (spec != "word" or bool(value))


def validate(data: Any, name: str, source: str | None = None) -> Any:
    """`data` checked against SCHEMAS[name]: a one-line DataError names the file, the key, what
    was expected and what was found."""
    source = source or name
    schema = SCHEMAS.get(name, {})
    if "" in schema:
        if not conforms(data, schema[""]):
            raise DataError(f"{source}: expected {describe(schema[''])} at the top level, "
                            f"got {type(data).__name__}")
        return data
    expect_mapping(data, source, tuple(schema))
    for key, spec in schema.items():
        if not conforms(data[key], spec):
            raise DataError(f"{source}: {key}: expected {describe(spec)}, got "
                            f"{_shown(data[key])}")
    return data


def _shown(value: Any) -> str:
    return repr(value) if not isinstance(value, (dict, list)) else \
        f"a {type(value).__name__} with an item of another kind"


@lru_cache(maxsize=None)
def load(name: str) -> Any:
    """A bundled file of resume_match/data/, parsed and checked against its schema, once."""
    return validate(load_yaml("data", name), name, f"data/{name}")


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
