"""Role profiles: the YAML schema, loading (bundled ids or a user's file), validation, dumping.

Bundled profiles live in the `resume_match.role_profiles` package, one `<role-id>.yaml` each.
Every validation error names the file, the key, what was expected, what was found and a hint.
"""
from __future__ import annotations

import difflib
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import yaml

from resume_match.data import bundled_text, home as data_home, parse_file_text
from resume_match.errors import DataError
from resume_match.models import DEGREE_LEVELS, RoleProfile, SkillRequirement

STAGES = ("entry", "mid", "senior")
COMPONENTS = ("required_skills", "preferred_skills", "demonstrated", "experience", "education",
              "certifications", "research")
# `research` (publications, research posts) is off unless a research role weights it.
DEFAULT_WEIGHTS: dict[str, float] = {"required_skills": 45, "preferred_skills": 15,
                                     "demonstrated": 15, "experience": 12, "education": 8,
                                     "certifications": 5, "research": 0}
TOP_KEYS = ("id", "title", "order", "stage", "summary", "required", "preferred", "experience_years",
            "education", "certifications", "next_roles", "learning", "weights")
REQUIRED_KEYS = ("id", "title", "stage", "summary", "required")
ADVICE_DEFAULT = "default"
ROLE_FILE_SUFFIXES = (".yaml", ".yml", ".json")   # JSON is YAML: `roles ID --json` output loads
GENERIC_ADVICE = ("Take a focused course (Coursera, edX or Udacity), then use it in a Kaggle or "
                  "UCI dataset project and publish the code and notebook on GitHub.")


# ---------------------------------------------------------------- errors

def _problem(source: str, key: str, expected: str, got: Any, hint: str = "") -> DataError:
    """One-line DataError: file, key, expected, got, hint."""
    shown = repr(got) if not isinstance(got, (dict, list)) else type(got).__name__
    msg = f"{source}: {key}: expected {expected}, got {shown}"
    return DataError(f"{msg}; {hint}" if hint else msg)


def _closest(word: str, choices: Iterable[str]) -> str:
    """A 'did you mean' hint, or '' when nothing is close."""
    near = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f"did you mean {near[0]!r}?" if near else ""


# ---------------------------------------------------------------- parsing pieces

def _text(data: dict[str, Any], key: str, source: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _problem(source, key, "a non-empty string", value)
    return " ".join(value.split())


def _number(value: Any, key: str, source: str, *, allow_none: bool = False) -> float | None:
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise _problem(source, key, "a number >= 0" + (" or null" if allow_none else ""), value)
    return float(value)


def _id_list(value: Any, key: str, source: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _problem(source, key, "a list of strings", value)
    return tuple(v.strip() for v in value)


def _requirement(item: Any, key: str, source: str) -> SkillRequirement:
    """`python`, `{skill: python, weight: 3}` or `{any_of: [...], label: ..., weight: 2}`."""
    if isinstance(item, str) and item.strip():
        return SkillRequirement(any_of=(item.strip(),))
    if not isinstance(item, dict):
        raise _problem(source, key, "a skill id or a mapping with `skill` or `any_of`", item)
    unknown = set(item) - {"skill", "any_of", "label", "weight"}
    if unknown:
        bad = sorted(unknown)[0]
        raise _problem(source, f"{key}.{bad}", "one of skill, any_of, label, weight", bad,
                       _closest(bad, ("skill", "any_of", "label", "weight")))
    if ("skill" in item) == ("any_of" in item):
        raise _problem(source, key, "exactly one of `skill` or `any_of`", sorted(item),
                       "use `skill: ID` for one skill, `any_of: [ID, ...]` for a group")
    if "skill" in item:
        ids = _id_list([item["skill"]] if isinstance(item["skill"], str) else item["skill"],
                       f"{key}.skill", source)
    else:
        ids = _id_list(item["any_of"], f"{key}.any_of", source)
        if not ids:
            raise _problem(source, f"{key}.any_of", "a non-empty list of skill ids", item["any_of"])
    weight = _number(item.get("weight", 1.0), f"{key}.weight", source)
    if not weight:
        raise _problem(source, f"{key}.weight", "a number > 0", item.get("weight"))
    label = item.get("label", "")
    if not isinstance(label, str):
        raise _problem(source, f"{key}.label", "a string", label)
    if len(ids) > 1 and not label.strip():
        raise _problem(source, f"{key}.label", "a label for an any_of group", label,
                       "e.g. label: a cloud platform")
    return SkillRequirement(any_of=ids, weight=float(weight), label=label.strip())


def _requirements(data: dict[str, Any], key: str, source: str) -> tuple[SkillRequirement, ...]:
    value = data.get(key)
    if value is None and key != "required":
        return ()
    if not isinstance(value, list) or (key == "required" and not value):
        raise _problem(source, key, "a non-empty list of skills" if key == "required"
                       else "a list of skills", value)
    return tuple(_requirement(item, f"{key}[{i}]", source) for i, item in enumerate(value))


def _experience(value: Any, source: str) -> tuple[float, float | None]:
    """`[min, max]` or `{min: 2, max: 5}`; max may be null (no upper bound)."""
    if value is None:
        return (0.0, None)
    if isinstance(value, dict):
        value = [value.get("min", 0), value.get("max")]
    if not isinstance(value, list) or len(value) != 2:
        raise _problem(source, "experience_years", "[min, max] or {min: N, max: N}", value)
    low = _number(value[0], "experience_years.min", source) or 0.0
    high = _number(value[1], "experience_years.max", source, allow_none=True)
    if high is not None and high < low:
        raise _problem(source, "experience_years.max", f"a number >= min ({low:g})", value[1])
    return (low, high)


def _education(value: Any, source: str) -> tuple[str, tuple[str, ...]]:
    if value is None:
        return ("bachelor", ())
    if not isinstance(value, dict):
        raise _problem(source, "education", "a mapping with `level` and `fields`", value)
    level = value.get("level", "bachelor")
    if level not in DEGREE_LEVELS:
        raise _problem(source, "education.level", f"one of {', '.join(DEGREE_LEVELS)}", level,
                       _closest(str(level), DEGREE_LEVELS))
    fields = _id_list(value.get("fields"), "education.fields", source)
    return (level, tuple(f.lower() for f in fields))


def _weights(value: Any, source: str) -> dict[str, float]:
    """Component -> max points, defaults filled in, scaled so the total is 100."""
    if value is None:
        value = {}
    if not isinstance(value, dict):
        raise _problem(source, "weights", "a mapping of component -> points", value)
    merged = dict(DEFAULT_WEIGHTS)
    for name, points in value.items():
        if name not in COMPONENTS:
            raise _problem(source, f"weights.{name}", f"one of {', '.join(COMPONENTS)}", name,
                           _closest(str(name), COMPONENTS))
        merged[name] = _number(points, f"weights.{name}", source) or 0.0
    total = sum(merged.values())
    if total <= 0:
        raise _problem(source, "weights", "at least one component with points > 0", value)
    return {name: round(points * 100.0 / total, 4) for name, points in merged.items()}


def _requirement_ids(reqs: Iterable[SkillRequirement]) -> set[str]:
    return {skill for req in reqs for skill in req.any_of}


def _learning(value: Any, reqs: tuple[SkillRequirement, ...], source: str) -> dict[str, str]:
    """Skill id (or `default`) -> advice; optional, since `advice_for` falls back to the roadmap."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _problem(source, "learning", "a mapping of skill id -> advice", value)
    known = _requirement_ids(reqs)
    advice: dict[str, str] = {}
    for key, text in value.items():
        if key != ADVICE_DEFAULT and key not in known:
            raise _problem(source, f"learning.{key}", "a skill id used in required/preferred, "
                           "or `default`", key, _closest(str(key), known))
        if not isinstance(text, str) or not text.strip():
            raise _problem(source, f"learning.{key}", "a non-empty string", text)
        advice[str(key)] = " ".join(text.split())
    return advice


def advice_for(role: RoleProfile, req: SkillRequirement) -> str:
    """A requirement's learning suggestion: its own, else the role's default, else the roadmap's."""
    for skill in req.any_of:
        if skill in role.learning:
            return role.learning[skill]
    return role.learning.get(ADVICE_DEFAULT, GENERIC_ADVICE)


# ---------------------------------------------------------------- public

def role_from_dict(data: Any, source: str = "<role>") -> RoleProfile:
    """A validated RoleProfile from parsed YAML/JSON data; `source` names the file in errors."""
    if not isinstance(data, dict):
        raise _problem(source, "(top level)", "a mapping of role keys", data)
    for key in data:
        if key not in TOP_KEYS:
            raise _problem(source, str(key), f"one of {', '.join(TOP_KEYS)}", key,
                           _closest(str(key), TOP_KEYS))
    for key in REQUIRED_KEYS:
        if key not in data:
            raise _problem(source, key, "this key to be present", None, "every role needs "
                           + ", ".join(REQUIRED_KEYS))
    role_id = _text(data, "id", source)
    if role_id != role_id.lower() or " " in role_id:
        raise _problem(source, "id", "a kebab-case id like 'data-scientist'", role_id)
    stage = data.get("stage")
    if stage not in STAGES:
        raise _problem(source, "stage", "one of entry, mid, senior", stage,
                       _closest(str(stage), STAGES))
    required = _requirements(data, "required", source)
    preferred = _requirements(data, "preferred", source)
    level, fields = _education(data.get("education"), source)
    return RoleProfile(
        id=role_id, title=_text(data, "title", source), stage=stage,
        summary=_text(data, "summary", source), required=required, preferred=preferred,
        experience_years=_experience(data.get("experience_years"), source),
        education_level=level, education_fields=fields,
        certifications=_id_list(data.get("certifications"), "certifications", source),
        next_roles=_id_list(data.get("next_roles"), "next_roles", source),
        learning=_learning(data.get("learning"), required + preferred, source),
        weights=_weights(data.get("weights"), source), source=source,
        order=int(_number(data.get("order", 0), "order", source) or 0))


@lru_cache(maxsize=None)
def _bundled(role_id: str) -> RoleProfile:
    name = f"{role_id}.yaml"
    text = bundled_text("role_profiles", name)
    role = role_from_dict(parse_file_text(text, name), name)
    if role.id != role_id:
        raise _problem(name, "id", f"{role_id!r} (the file name)", role.id)
    return role


@lru_cache(maxsize=1)
def _skill_index() -> dict[str, str]:
    """Taxonomy id, name or alias (casefolded) -> id; loaded only for users' role files."""
    from resume_match.skills.taxonomy import load_taxonomy
    index: dict[str, str] = {}
    for skill in load_taxonomy().skills.values():
        index[skill.id] = skill.id
        for form in skill.forms:
            index.setdefault(form.casefold(), skill.id)
    return index


def resolve_skill_ids(role: RoleProfile) -> RoleProfile:
    """A user's role with skill names/aliases ("sklearn", "PyTorch") turned into taxonomy ids;
    an unknown skill is a DataError naming the file, the key and the closest id."""
    index = _skill_index()

    def known(skill: str, where: str) -> str:
        found = index.get(skill) or index.get(skill.casefold())
        if found is None:
            near = difflib.get_close_matches(skill.casefold(), list(index), n=1, cutoff=0.6)
            hint = (f"did you mean {index[near[0]]!r}?" if near
                    else "the ids are in role_profiles/skills.yaml")
            raise _problem(role.source, where, "a skill id or name from the taxonomy", skill, hint)
        return found

    def fix(reqs: tuple[SkillRequirement, ...], key: str) -> tuple[SkillRequirement, ...]:
        return tuple(replace(r, any_of=tuple(known(s, f"{key}[{i}]") for s in r.any_of))
                     for i, r in enumerate(reqs))

    learning = {(k if k == ADVICE_DEFAULT else index.get(k) or index.get(k.casefold(), k)): v
                for k, v in role.learning.items()}
    return replace(role, required=fix(role.required, "required"),
                   preferred=fix(role.preferred, "preferred"), learning=learning)


def _from_file(path: Path) -> RoleProfile:
    if not path.is_file():
        raise DataError(f"{path}: no such role file")
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise DataError(f"{path}: cannot read role file: {e}") from e
    return role_from_dict(parse_file_text(text, str(path)), str(path))


def load_role(ref: str | Path, *, resolve_skills: bool = False) -> RoleProfile:
    """A bundled role by id (`data-scientist`), or a user's role YAML file by path.

    With `resolve_skills` (the CLI's --role), skill names and aliases in a file become taxonomy
    ids and an unknown skill is an error; without it the file's ids are taken as written.
    """
    key = str(ref)
    if isinstance(ref, str) and key in role_ids():
        return _bundled(key)
    if isinstance(ref, Path) or key.endswith(ROLE_FILE_SUFFIXES) or "/" in key or "\\" in key:
        role = _from_file(Path(ref))
        return resolve_skill_ids(role) if resolve_skills else role
    hint = _closest(key, role_ids())
    raise DataError(f"{key}: unknown role (known: {', '.join(role_ids())})"
                    + (f"; {hint}" if hint else "; or give a path to a role .yaml file"))


@lru_cache(maxsize=1)
def role_ids() -> tuple[str, ...]:
    """The bundled roles: one per role_profiles/*.yaml, entry stage first, then roadmap order."""
    roles = [_bundled(f.stem) for f in data_home("role_profiles").glob("*.yaml")]
    return tuple(r.id for r in sorted(roles, key=lambda r: (stage_rank(r.stage), r.order, r.id)))


def list_roles() -> tuple[RoleProfile, ...]:
    """The roadmap roles, entry stage first."""
    return tuple(_bundled(r) for r in role_ids())


RoleRef = str | Path | RoleProfile


def resolve_roles(roles: Iterable[RoleRef] | None) -> tuple[RoleProfile, ...]:
    """Role profiles from ids, file paths or profiles; all bundled roles when none are named."""
    if not roles:
        return list_roles()
    return tuple(r if isinstance(r, RoleProfile) else load_role(r, resolve_skills=True)
                 for r in roles)


def _requirement_to_dict(req: SkillRequirement) -> dict[str, Any]:
    out: dict[str, Any] = ({"skill": req.any_of[0]} if len(req.any_of) == 1
                           else {"any_of": list(req.any_of), "label": req.label})
    if len(req.any_of) == 1 and req.label:
        out["label"] = req.label
    out["weight"] = req.weight
    return out


def role_to_dict(role: RoleProfile) -> dict[str, Any]:
    """Plain data in the YAML schema; `role_from_dict(role_to_dict(r))` gives `r` back."""
    low, high = role.experience_years
    return {
        "id": role.id, "title": role.title, "stage": role.stage, "summary": role.summary,
        "experience_years": {"min": low, "max": high},
        "education": {"level": role.education_level, "fields": list(role.education_fields)},
        "required": [_requirement_to_dict(r) for r in role.required],
        "preferred": [_requirement_to_dict(r) for r in role.preferred],
        "certifications": list(role.certifications), "next_roles": list(role.next_roles),
        "learning": dict(role.learning), "weights": dict(role.weights),
    }


def dump_role_yaml(role: RoleProfile) -> str:
    """The role as a YAML file that `load_role(path)` / `--role path` accepts."""
    return yaml.safe_dump(role_to_dict(role), sort_keys=False, allow_unicode=True, width=100)


def stage_rank(stage: str) -> int:
    """entry 0, mid 1, senior 2 (unknown stages sort last)."""
    return STAGES.index(stage) if stage in STAGES else len(STAGES)
