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
