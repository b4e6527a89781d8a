"""The extended taxonomy (O*NET, ESCO, GitHub topics; role_profiles/skills/skills_extended.yaml):
merged under the curated one, counted only in skills lists; and the on-disk cache of the
parsed taxonomy and the matcher's tables (stale, corrupt, unwritable)."""
from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from resume_match.models import Line, Section
from resume_match.skills import SkillMatcher, cache, load_taxonomy, read_skills
from resume_match.skills.taxonomy import extend_taxonomy, parse_taxonomy


def section(kind: str, *texts: str) -> Section:
    return Section(kind=kind, heading=kind.title(), page=1,
                   lines=tuple(Line(text=t, page=1) for t in texts))


def known(matcher: SkillMatcher, *sections: Section) -> list[str]:
    tech, soft = read_skills(tuple(sections), matcher)
    return [h.id for h in tech + soft if h.known]


# ---------------------------------------------------------------- the bundled file

def test_the_extended_file_widens_the_curated_one():
    tax = load_taxonomy()
    curated = [s for s in tax.skills.values() if not s.extended]
    extended = [s for s in tax.skills.values() if s.extended]
    assert len(curated) > 1300 and len(extended) > 8000
    assert {s.tier for s in extended} == {"named", "concept"}
    taken = {f.casefold() for s in curated for f in s.forms}
    assert not [f for s in extended for f in s.forms if f.casefold() in taken]
    assert tax.skills["audacity"].category == "design-media"


def test_the_file_credits_its_sources():
    from resume_match.data import bundled_text
    head = bundled_text("role_profiles", "skills/skills_extended.yaml")[:4000]
    for credit in ("O*NET 29.2 Database", "USDOL/ETA", "ESCO", "github.com/github/explore",
                   "CC BY 4.0", "creativecommons.org/licenses/by/4.0", "tools/build_taxonomy.py"):
        assert credit in head, credit


def test_named_products_count_in_a_skills_list_only(matcher):
    assert known(matcher, section("skills", "Audacity, PuTTY, Snort")) == \
        ["audacity", "putty", "snort"]
    # a labelled list counts when a curated skill vouches for it
    assert known(matcher, section("experience", "Tools: Python, Audacity")) == \
        ["python", "audacity"]
    assert known(matcher, section("experience", "Tools: Audacity, PuTTY")) == []
    # never in prose
    assert known(matcher, section("experience", "Edited every podcast in Audacity and PuTTY")) == []


def test_extended_names_that_are_ordinary_words_need_their_case_and_a_list(matcher):
    assert "salt" in load_taxonomy().skills["salt"].id
    assert known(matcher, section("experience", "Seasoned with Salt, pepper and thyme")) == []
    assert known(matcher, section("skills", "salt, pepper")) == []
    assert "salt" in known(matcher, section("skills", "Ansible, Salt, Chef"))


def test_the_curated_skill_keeps_its_name_and_rules(matcher):
    """A form both files have is the curated skill's: 'Spark' stays ambiguous."""
    assert known(matcher, section("experience", "This sparked my interest")) == []
    assert known(matcher, section("skills", "Python, Spark")) == ["python", "apache-spark"]


# ---------------------------------------------------------------- merging

def _curated() -> dict:
    return {"skills": {"language": [{"id": "python", "name": "Python", "aliases": ["py3"]}],
                       "ml-method": [{"id": "deep-learning", "name": "Deep learning"}]}}


def _derived() -> dict:
    return {"categories_added": ["science"], "skills": {
        "science": [
            {"id": "gelmaster", "name": "GelMaster", "aliases": ["Gel Master", "py3"],
             "tier": "named", "related": ["python"], "source": "onet"},
            {"id": "python-2", "name": "Python", "tier": "named", "source": "onet"},
            {"id": "python", "name": "Cobra Lang", "tier": "named", "source": "explore"},
            {"id": "neuro-nets", "name": "neural nets", "tier": "concept",
             "related": ["deep-learning"], "ordinary_word": True, "ambiguous": ["neural nets"],
             "source": "esco"}]}}


def test_merge_keeps_curated_precedence():
    tax = extend_taxonomy(parse_taxonomy(_curated(), "c.yaml"), _derived(), "x.yaml")
    assert set(tax.skills) == {"python", "deep-learning", "gelmaster", "neuro-nets"}
    assert tax.skills["python"].name == "Python" and not tax.skills["python"].extended
    gel = tax.skills["gelmaster"]
    assert gel.aliases == ("Gel Master",) and gel.tier == "named" and gel.category == "science"
    assert "gelmaster" in tax.related("python")
    assert tax.needs_context(gel, "GelMaster")            # every extended form needs a list


def test_merge_errors_name_the_derived_file():
    from resume_match.errors import DataError
    bad = _derived()
    bad["skills"]["science"][0]["tier"] = "product"
    with pytest.raises(DataError, match=r"^x.yaml: skill 'gelmaster': tier: expected named or"):
        extend_taxonomy(parse_taxonomy(_curated(), "c.yaml"), bad, "x.yaml")
    bad = _derived()
    bad["skills"]["science"][0]["related"] = ["no-such-skill"]
    with pytest.raises(DataError, match=r"^x.yaml: skill 'gelmaster': related"):
        extend_taxonomy(parse_taxonomy(_curated(), "c.yaml"), bad, "x.yaml")


# ---------------------------------------------------------------- the cache

@pytest.fixture()
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("RESUME_MATCH_CACHE", raising=False)
    return tmp_path / "resume-match"


def test_cache_folder_is_the_users(cache_home: Path, monkeypatch: pytest.MonkeyPatch):
    assert cache.cache_dir() == cache_home
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache.cache_dir() == Path.home() / ".cache" / "resume-match"


def test_built_once_then_read_back(cache_home: Path):
    calls = []

    def build() -> dict:
        calls.append(1)
        return {"skills": 3}
    assert cache.cached("thing", "k1", build) == {"skills": 3}
    assert cache.cached("thing", "k1", build) == {"skills": 3}
    assert calls == [1]
    assert [p.name for p in cache_home.iterdir()] == ["thing-k1.pickle"]


def test_a_stale_file_is_rebuilt_and_replaced(cache_home: Path):
    cache.cached("thing", "old-key", lambda: "old")
    assert cache.cached("thing", "new-key", lambda: "new") == "new"
    assert [p.name for p in cache_home.iterdir()] == ["thing-new-key.pickle"]
    # a file under the right name that holds another key is stale too
    (cache_home / "thing-k2.pickle").write_bytes(pickle.dumps((cache.MAGIC, "other", "x")))
    assert cache.cached("thing", "k2", lambda: "fresh") == "fresh"
    assert cache.cached("thing", "k2", lambda: "never") == "fresh"


@pytest.mark.parametrize("damage", [b"", b"not a pickle at all", b"\x80\x05\x95garbage",
                                    pickle.dumps("just a string")])
def test_a_corrupt_file_is_ignored_and_rebuilt(cache_home: Path, damage: bytes):
    cache_home.mkdir(parents=True)
    (cache_home / "thing-k3.pickle").write_bytes(damage)
    assert cache.cached("thing", "k3", lambda: [1, 2]) == [1, 2]
    assert cache.cached("thing", "k3", lambda: "never") == [1, 2]


def test_an_unwritable_folder_still_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert cache.cached("thing", "k4", lambda: "built") == "built"
    monkeypatch.setenv("RESUME_MATCH_CACHE", "0")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "c"))
    assert cache.cached("thing", "k4", lambda: "built") == "built"
    assert not (tmp_path / "c").exists()


def test_the_matcher_from_a_cold_cache_matches_the_warm_one(cache_home: Path):
    """The bundled matcher's tables are cached; a matcher built from the cache file finds
    what one built from the taxonomy finds, and a corrupt file is rebuilt."""
    cv = (section("skills", "Python, Audacity, Py-Torch, Tensorfow, Salt"),
          section("experience", "Built Go services and SQL jobs"))
    cold = SkillMatcher()
    files = sorted(p.name for p in cache_home.iterdir())
    assert [f.split("-")[0] for f in files] == ["matcher"]
    warm = SkillMatcher()
    assert read_skills(cv, cold) == read_skills(cv, warm)
    (cache_home / files[0]).write_bytes(b"\x00" * 100)
    assert read_skills(cv, SkillMatcher()) == read_skills(cv, cold)
    assert [h.id for h in read_skills(cv, cold)[0]][:4] == ["python", "audacity", "pytorch",
                                                           "tensorflow"]
