"""The skills taxonomy: load `skills.yaml` (bundled or a user's file), validate it, index it.

The bundled taxonomy is the curated `skills.yaml` widened by `skills_extended.yaml` (derived from
O*NET, ESCO and GitHub topics by tools/build_taxonomy.py). The curated file keeps precedence: an
extended entry whose id or form the curated one already has loses it, and every extended form
counts only in a skill context (tier `named`, products, more strictly still; see context.py).

Every validation error names the file, the skill id (or key), what was expected and what was
found, so a broken data file is fixed in one edit instead of debugged.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable


from resume_match.errors import DataError
from resume_match.data import bundled_path, bundled_text, parse_file_text

BUNDLED = "skills/skills.yaml"
EXTENDED = "skills/skills_extended.yaml"
CATEGORIES = (
    "language", "ml-framework", "data-tool", "database", "cloud", "mlops", "math-statistics",
    "ml-method", "visualisation", "software-practice", "web", "mobile", "devops", "big-data",
    "bi-tool", "office", "nlp", "computer-vision", "hardware", "security", "business",
    "soft-skill", "design-media", "engineering", "science", "domain-software",
)
SKILL_KEYS = ("id", "name", "aliases", "implies", "related", "ambiguous", "soft")
# keys only the derived file has: its tier, and bookkeeping the matcher does not read
EXTENDED_KEYS = ("tier", "ordinary_word", "hot", "source")
TIERS = ("curated", "named", "concept")
TOP_KEYS = ("version", "context_categories", "soft_categories", "categories_added", "skills")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Skill:
    """One canonical skill and every way a CV may write it."""
    id: str
    name: str
    category: str
    aliases: tuple[str, ...] = ()
    implies: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()   # forms that are ordinary words: count only in a skill context
    soft: bool = False                # a soft or business skill: reported apart from technical ones
    tier: str = "curated"             # curated, or from the extended file: named (a product), concept

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def extended(self) -> bool:
        """Derived from the open sources, not curated: counts only in a skill context."""
        return self.tier != "curated"


@dataclass(frozen=True)
class Taxonomy:
    """All skills by id, with the implies/related graph."""
    skills: dict[str, Skill]
    source: str = BUNDLED
    context_categories: tuple[str, ...] = ()
    soft_categories: tuple[str, ...] = ()
    _related: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.skills)

    def __contains__(self, skill_id: object) -> bool:
        return skill_id in self.skills

    def get(self, skill_id: str) -> Skill | None:
        return self.skills.get(skill_id)

    def implied(self, ids: Iterable[str]) -> frozenset[str]:
        """Every skill the given ones imply, transitively (not including the given ones)."""
        given = set(ids)
        seen: set[str] = set()
        todo = [i for s in given if s in self.skills for i in self.skills[s].implies]
        while todo:
            sid = todo.pop()
            if sid not in seen:
                seen.add(sid)
                todo.extend(self.skills[sid].implies)
        return frozenset(seen - given)

    def related(self, skill_id: str) -> frozenset[str]:
        """Skills linked by `related` in either direction."""
        return self._related.get(skill_id, frozenset())

    def needs_context(self, skill: Skill, form: str) -> bool:
        """True when this written form counts only in a skill context (list, skills section)."""
        return skill.extended or skill.category in self.context_categories \
            or form in skill.ambiguous

    def is_soft(self, skill_id: str) -> bool:
        """A soft or business skill (its category or its own `soft` flag): reported in
        `soft_skills`, not among the technical skills."""
        skill = self.skills.get(skill_id)
        return skill is not None and (skill.soft or skill.category in self.soft_categories)


# ---------------------------------------------------------------- validation helpers

def _problem(source: str, where: str, expected: str, got: Any) -> DataError:
    shown = type(got).__name__ if isinstance(got, (dict, list)) else repr(got)
    return DataError(f"{source}: {where}: expected {expected}, got {shown}")


def _strings(value: Any, source: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _problem(source, where, "a list of non-empty strings", value)
    return tuple(" ".join(v.split()) for v in value)


def _ambiguous(value: Any, forms: tuple[str, ...], source: str, where: str) -> tuple[str, ...]:
    """`true` marks every one-word form, `all` every form; a list names the exact forms."""
    if value is None or value is False:
        return ()
    if value == "all":
        return forms
    if value is True:
        return tuple(f for f in forms if " " not in f)
    by_key = {f.casefold(): f for f in forms}
    listed = _strings(value, source, where)
    for form in listed:
        if form.casefold() not in by_key:
            raise _problem(source, where, f"true, all, or forms among {list(forms)}", form)
    return tuple(by_key[f.casefold()] for f in listed)


def _skill(entry: Any, category: str, source: str, index: int, extended: bool = False) -> Skill:
    if not isinstance(entry, dict):
        raise _problem(source, f"skills.{category}[{index}]", "a mapping with id and name", entry)
    sid = entry.get("id")
    if not isinstance(sid, str) or not ID_RE.match(sid):
        raise _problem(source, f"skills.{category}[{index}].id", "a kebab-case id", sid)
    where = f"skill {sid!r}"
    keys = SKILL_KEYS + EXTENDED_KEYS if extended else SKILL_KEYS
    unknown = sorted(set(entry) - set(keys))
    if unknown:
        raise _problem(source, f"{where}: key {unknown[0]!r}", f"one of {list(keys)}",
                       unknown[0])
    tier = entry.get("tier", "named" if extended else "curated")
    if tier not in (TIERS[1:] if extended else TIERS[:1]):
        raise _problem(source, f"{where}: tier", "named or concept", tier)
    soft = entry.get("soft", False)
    if not isinstance(soft, bool):
        raise _problem(source, f"{where}: soft", "true or false", soft)
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _problem(source, f"{where}: name", "a non-empty string", name)
    aliases = _strings(entry.get("aliases"), source, f"{where}: aliases")
    forms = (" ".join(name.split()), *aliases)
    return Skill(id=sid, name=forms[0], category=category, aliases=aliases,
                 implies=_strings(entry.get("implies"), source, f"{where}: implies"),
                 related=_strings(entry.get("related"), source, f"{where}: related"),
                 ambiguous=_ambiguous(entry.get("ambiguous"), forms, source, f"{where}: ambiguous"),
                 soft=soft, tier=tier)


def _check_links(skills: dict[str, Skill], source: str,
                 known: Iterable[str] = ()) -> None:
    """Duplicate forms and dangling or self links are errors (`known`: ids of another file
    the links may point to, the curated one for the extended file)."""
    owner: dict[str, str] = {}
    targets = set(skills) | set(known)
    for s in skills.values():
        for form in s.forms:
            key = form.casefold()
            if owner.get(key, s.id) != s.id:
                raise DataError(f"{source}: skill {s.id!r}: alias {form!r} is already used by "
                                f"skill {owner[key]!r}; expected each name/alias once")
            owner[key] = s.id
        for kind in ("implies", "related"):
            for target in getattr(s, kind):
                if target not in targets or target == s.id:
                    raise _problem(source, f"skill {s.id!r}: {kind}",
                                   "ids of other skills in the taxonomy", target)


def _skills_of(data: Any, source: str, extended: bool) -> dict[str, Skill]:
    """The skills of one parsed file, by id, checked entry by entry."""
    if not isinstance(data, dict) or not isinstance(data.get("skills"), dict):
        raise _problem(source, "skills", "a mapping of category -> list of skills", data)
    unknown = sorted(set(data) - set(TOP_KEYS))
    if unknown:
        raise _problem(source, f"key {unknown[0]!r}", f"one of {list(TOP_KEYS)}", unknown[0])
    allowed = CATEGORIES + _strings(data.get("categories_added"), source, "categories_added")
    skills: dict[str, Skill] = {}
    for category, entries in data["skills"].items():
        if category not in allowed:
            raise _problem(source, f"skills.{category}", f"a category among {list(allowed)}",
                           category)
        if not isinstance(entries, list):
            raise _problem(source, f"skills.{category}", "a list of skills", entries)
        for index, entry in enumerate(entries):
            skill = _skill(entry, category, source, index, extended)
            if skill.id in skills:
                raise DataError(f"{source}: skill {skill.id!r}: duplicate id (categories "
                                f"{skills[skill.id].category} and {category}); expected unique ids")
            skills[skill.id] = skill
    return skills


def _index(skills: dict[str, Skill], source: str, data: Any) -> Taxonomy:
    related: dict[str, set[str]] = {}
    for s in skills.values():
        for other in s.related:
            related.setdefault(s.id, set()).add(other)
            related.setdefault(other, set()).add(s.id)
    return Taxonomy(skills=skills, source=source,
                    context_categories=_strings(data.get("context_categories"), source,
                                                "context_categories"),
                    soft_categories=_strings(data.get("soft_categories"), source,
                                             "soft_categories"),
                    _related={k: frozenset(v) for k, v in related.items()})


def parse_taxonomy(data: Any, source: str) -> Taxonomy:
    """A validated Taxonomy from parsed YAML; DataError naming file, skill and key otherwise."""
    skills = _skills_of(data, source, extended=False)
    _check_links(skills, source)
    return _index(skills, source, data)


def extend_taxonomy(curated: Taxonomy, data: Any, source: str) -> Taxonomy:
    """The curated taxonomy widened by a derived file (parsed YAML). The curated one keeps
    precedence: a derived entry loses every form a curated skill has (the entry goes when its
    name does), and links to a dropped entry go with it; links may point to curated skills."""
    derived = _skills_of(data, source, extended=True)
    _check_links(derived, source, known=curated.skills)
    taken = {form.casefold() for s in curated.skills.values() for form in s.forms}
    kept = {sid: s for sid, s in derived.items()
            if sid not in curated.skills and s.name.casefold() not in taken}
    ids = set(curated.skills) | set(kept)
    skills = dict(curated.skills)
    for sid, s in kept.items():
        skills[sid] = replace(
            s, aliases=tuple(a for a in s.aliases if a.casefold() not in taken),
            ambiguous=tuple(f for f in s.ambiguous if f.casefold() not in taken),
            implies=tuple(x for x in s.implies if x in ids),
            related=tuple(x for x in s.related if x in ids))
    merged = _index(skills, curated.source, {})
    return replace(merged, context_categories=curated.context_categories,
                   soft_categories=curated.soft_categories)


def read_taxonomy(path: str | Path) -> Taxonomy:
    """A user's taxonomy file."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise DataError(f"{p}: cannot read skills taxonomy ({e.__class__.__name__})") from e
    return _parse_text(text, str(p))


def _parse_text(text: str, source: str) -> Taxonomy:
    return parse_taxonomy(parse_file_text(text, source), source)


@lru_cache(maxsize=1)
def load_taxonomy() -> Taxonomy:
    """The bundled taxonomy (curated, widened by the extended file), parsed and validated once
    per process, and read from the user's cache folder when its data files have not changed."""
    from resume_match.skills import cache
    files = [bundled_path("role_profiles", BUNDLED), bundled_path("role_profiles", EXTENDED)]
    try:
        key = cache.digest(files + cache.code_files("taxonomy"))
    except OSError as e:
        raise DataError(f"role_profiles/{BUNDLED}: cannot read the bundled skills taxonomy "
                        f"({e.__class__.__name__})") from e
    return cache.cached("taxonomy", key, _parse_bundled)


def _parse_bundled() -> Taxonomy:
    curated = _parse_text(bundled_text("role_profiles", BUNDLED), BUNDLED)
    extended = bundled_text("role_profiles", EXTENDED)
    return extend_taxonomy(curated, parse_file_text(extended, EXTENDED), EXTENDED)
