"""The fast YAML loader must read every bundled data file exactly as PyYAML's pure-Python safe
loader does, and fail on bad YAML the same way (roles' errors quote its line)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from resume_match.data import LOADER, home, parse_yaml

BUNDLED = sorted((f for name in ("data", "role_profiles", "templates")
                  for f in home(name).rglob("*.yaml")), key=lambda f: f.name)  # type: ignore[arg-type]


def test_every_bundled_data_file_is_covered() -> None:
    names = {f.name for f in BUNDLED}
    assert {"headings.yaml", "skills.yaml", "data-scientist.yaml", "ats.yaml"} <= names
    assert len(BUNDLED) >= 20


@pytest.mark.parametrize("path", BUNDLED, ids=lambda f: f.name)
def test_bundled_file_parses_as_the_pure_python_loader_reads_it(path: Path) -> None:
    text = path.read_text("utf-8")
    expected = yaml.load(text, Loader=yaml.SafeLoader)
    got = parse_yaml(text)
    assert got == expected and repr(got) == repr(expected)


def test_the_c_loader_is_used_when_pyyaml_has_it() -> None:
    assert LOADER is getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@pytest.mark.parametrize("text", ["a: [1, 2\nb: 3\n", "a: b: c\n", "- a\nb: c\n", "a: 'x\n"])
def test_bad_yaml_raises_yaml_error_with_a_line(text: str) -> None:
    with pytest.raises(yaml.YAMLError) as err:
        parse_yaml(text)
    assert getattr(err.value, "problem_mark", None) is not None
    with pytest.raises(yaml.YAMLError):
        yaml.safe_load(text)


def test_unsafe_tags_are_refused() -> None:
    with pytest.raises(yaml.YAMLError):
        parse_yaml("!!python/object/apply:os.system ['true']\n")


def test_every_data_file_has_a_schema_and_passes_it() -> None:
    """data.py names what each bundled file of data/ holds; a file without a schema is a miss."""
    from resume_match import data
    names = {f.name for f in home("data").glob("*.yaml")}
    assert names == set(data.SCHEMAS)
    for name in names:
        data.load(name)


@pytest.mark.parametrize("value, spec, ok", [
    (["a", "b"], "list[str]", True), (["a", 1], "list[str]", False), ([""], "list[word]", False),
    ({"x": [1, 2]}, "dict[list[int]]", True), ({"x": [1, "2"]}, "dict[list[int]]", False),
    (True, "number", False), (2.5, "number", True), ("3", "int", False), ({}, "list", False),
])
def test_schema_shapes(value: object, spec: str, ok: bool) -> None:
    from resume_match import data
    assert data.conforms(value, spec) is ok


def test_schema_error_names_file_key_expected_and_got() -> None:
    from resume_match import data
    from resume_match.errors import DataError
    good = data.load("words.yaml")
    with pytest.raises(DataError) as err:
        data.validate({**good, "tlds": "com"}, "words.yaml", "data/words.yaml")
    assert str(err.value).startswith("data/words.yaml: tlds: expected a list of strings, got 'com'")
    with pytest.raises(DataError, match=r"^data/words.yaml: months: expected this key"):
        data.validate({k: v for k, v in good.items() if k != "months"}, "words.yaml", "data/words.yaml")
    with pytest.raises(DataError, match=r"^h.yaml: expected a mapping of mappings at the top level"):
        data.validate([], "headings.yaml", "h.yaml")
