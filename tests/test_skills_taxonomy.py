"""The skills taxonomy: the bundled file's coverage and links, and every validation error."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from resume_match.errors import DataError
from resume_match.skills import load_taxonomy, read_taxonomy
from resume_match.skills.taxonomy import CATEGORIES, parse_taxonomy

# Every skill area the roadmap names, plus kinds real data/ML/software CVs list.
ROADMAP = ("statistics", "probability", "bayesian-statistics", "linear-algebra", "calculus",
           "data-preprocessing", "exploratory-data-analysis", "supervised-learning",
           "unsupervised-learning", "classification", "regression", "clustering",
           "dimensionality-reduction", "evaluation-metrics", "python", "r", "numpy", "pandas",
           "scikit-learn", "tensorflow", "keras", "pytorch", "sql", "apache-spark",
           "data-pipelines", "git", "software-testing", "docker", "aws", "gcp", "azure",
           "model-monitoring", "mlops", "nlp", "computer-vision", "reinforcement-learning",
           "deep-learning", "fairness-ethics", "feature-engineering", "model-deployment")
CV_KINDS = ("a-b-testing", "time-series", "recommender-systems", "information-retrieval",
            "computer-graphics", "operating-systems", "compilers", "react", "django",
            "postgresql", "mongodb", "kubernetes", "terraform", "tableau", "power-bi",
            "apache-kafka", "apache-airflow", "mlflow", "huggingface-transformers", "opencv",
            "embedded-systems", "pcb-design", "latex", "excel", "jira", "agile")
AMBIGUOUS = {"r": "R", "c": "C", "go": "Go", "swift": "Swift", "excel": "Excel",
             "apache-spark": "Spark", "java": "Java", "rust": "Rust", "julia": "Julia",
             "scala": "Scala", "ruby": "Ruby", "ms-access": "Access", "chef": "Chef",
             "puppet": "Puppet", "d-language": "D", "phoenix-framework": "Phoenix",
             "dropbox": "Dropbox", "asana": "Asana", "play-framework": "Play",
             "requirejs": "Require", "stylus": "Stylus", "pug": "Jade", "shell": "Shell",
             "assembly": "Assembly"}


@pytest.fixture(scope="module")
def tax():
    return load_taxonomy()


def test_bundled_taxonomy_is_large_and_categorised(tax):
    assert len(tax) >= 800
    assert {s.category for s in tax.skills.values()} <= set(CATEGORIES)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", sid) for sid in tax.skills)
    curated = [s for s in tax.skills.values() if not s.extended]
    assert sum(len(s.forms) for s in curated) > 3 * len(curated)   # aliases, misspellings


def test_covers_roadmap_areas_and_common_cv_tools(tax):
    missing = [sid for sid in ROADMAP + CV_KINDS if sid not in tax]
    assert missing == []


def test_soft_skills_are_a_category_that_needs_context(tax):
    for sid in ("communication", "leadership", "teamwork", "problem-solving", "mentoring"):
        assert tax.skills[sid].category == "soft-skill"
    assert "soft-skill" in tax.context_categories
    comm = tax.skills["communication"]
    assert tax.needs_context(comm, "communication skills")


def test_ordinary_words_are_marked_ambiguous(tax):
    for sid, word in AMBIGUOUS.items():
        skill = tax.skills[sid]
        assert word in skill.ambiguous, sid
        assert tax.needs_context(skill, word)
    # the unambiguous spellings of the same skills need no context
    assert not tax.needs_context(tax.skills["go"], "Golang")
    assert not tax.needs_context(tax.skills["apache-spark"], "Apache Spark")


def test_aliases_and_misspellings(tax):
    assert "sklearn" in tax.skills["scikit-learn"].aliases
    assert "Py-Torch" in tax.skills["pytorch"].aliases
    assert "K8s" in tax.skills["kubernetes"].aliases


def test_implies_is_transitive_and_related_is_symmetric(tax):
    assert "deep-learning" in tax.skills["pytorch"].implies
    assert {"deep-learning", "machine-learning"} <= tax.implied(["pytorch"])
    assert "pytorch" not in tax.implied(["pytorch"])
    assert "tensorflow" in tax.related("keras") and "keras" in tax.related("tensorflow")


def test_every_link_points_to_a_skill(tax):
    for s in tax.skills.values():
        assert set(s.implies) | set(s.related) <= set(tax.skills), s.id


# ---------------------------------------------------------------- validation errors

def good() -> dict:
    return {"version": 1, "skills": {
        "language": [{"id": "python", "name": "Python", "aliases": ["py3"]},
                     {"id": "r", "name": "R", "ambiguous": ["R"], "related": ["python"]}],
        "ml-method": [{"id": "deep-learning", "name": "Deep learning"}],
        "ml-framework": [{"id": "pytorch", "name": "PyTorch", "implies": ["deep-learning"]}]}}


def test_a_valid_minimal_file_parses():
    t = parse_taxonomy(good(), "mine.yaml")
    assert len(t) == 4 and t.skills["r"].ambiguous == ("R",)
    assert t.implied(["pytorch"]) == {"deep-learning"}


def _break(change) -> str:
    data = good()
    change(data)
    with pytest.raises(DataError) as e:
        parse_taxonomy(data, "mine.yaml")
    msg = str(e.value)
    assert msg.startswith("mine.yaml: ") and "\n" not in msg
    return msg


def test_top_level_must_map_categories_to_lists():
    with pytest.raises(DataError, match=r"mine.yaml: skills: expected a mapping"):
        parse_taxonomy(["python"], "mine.yaml")
    assert "key 'extra'" in _break(lambda d: d.update(extra=1))
    msg = _break(lambda d: d["skills"].update(languages=[]))
    assert "skills.languages" in msg and "a category among" in msg
    assert "a list of skills" in _break(lambda d: d["skills"].update({"web": {"id": "x"}}))


def test_skill_entries_are_checked_key_by_key():
    assert "skills.language[0]" in _break(lambda d: d["skills"]["language"].__setitem__(0, "Python"))
    msg = _break(lambda d: d["skills"]["language"][0].update(id="Python Lang"))
    assert "skills.language[0].id: expected a kebab-case id, got 'Python Lang'" in msg
    msg = _break(lambda d: d["skills"]["language"][0].update(alias=["py"]))
    assert "skill 'python': key 'alias'" in msg and "one of" in msg
    msg = _break(lambda d: d["skills"]["language"][0].pop("name"))
    assert "skill 'python': name: expected a non-empty string, got None" in msg
    msg = _break(lambda d: d["skills"]["language"][0].update(aliases="py3"))
    assert "skill 'python': aliases: expected a list of non-empty strings, got 'py3'" in msg
    msg = _break(lambda d: d["skills"]["language"][1].update(ambiguous=["Rlang"]))
    assert "skill 'r': ambiguous: expected true, all, or forms among ['R']" in msg


def test_duplicates_and_dangling_links_are_errors():
    msg = _break(lambda d: d["skills"]["ml-method"].append({"id": "python", "name": "Py"}))
    assert "skill 'python': duplicate id" in msg
    msg = _break(lambda d: d["skills"]["ml-method"].append({"id": "py", "name": "PY3"}))
    assert "skill 'py': alias 'PY3' is already used by skill 'python'" in msg
    msg = _break(lambda d: d["skills"]["language"][0].update(implies=["machine-learning"]))
    assert "skill 'python': implies: expected ids of other skills" in msg
    assert "'machine-learning'" in msg
    msg = _break(lambda d: d["skills"]["language"][0].update(related=["python"]))
    assert "skill 'python': related" in msg


def test_user_file_errors_name_the_file(tmp_path: Path):
    bad = tmp_path / "skills.yaml"
    bad.write_text("skills: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"skills.yaml: not valid YAML \(line \d+\)"):
        read_taxonomy(bad)
    with pytest.raises(DataError, match=r"missing.yaml: cannot read skills taxonomy"):
        read_taxonomy(tmp_path / "missing.yaml")
    ok = tmp_path / "ok.yaml"
    ok.write_text(yaml.safe_dump(good()), encoding="utf-8")
    assert read_taxonomy(ok).source == str(ok)


# ---------------------------------------------------------------- the context cue words (data)

def test_cue_vocabularies_load_and_are_validated():
    from resume_match.skills.context import CUE_KEYS, load_cues
    cues = load_cues()
    assert set(cues) == set(CUE_KEYS)
    assert {",", "|", "/", "and"} <= cues["separators"] and "in" in cues["prev_cues"]
    assert "interested in" in cues["wish_cues"]
    with pytest.raises(DataError, match=r"^mine.yaml: next_cues: expected a list of non-empty "
                                        r"strings, got 'programming'$"):
        load_cues("\n".join(f"{k}: [x]" for k in CUE_KEYS if k != "next_cues")
                  + "\nverb_nominals: {analysis: [analyse]}\nnext_cues: programming", "mine.yaml")
    with pytest.raises(DataError, match=r"^mine.yaml: not valid YAML \(line \d+\)"):
        load_cues("separators: [", "mine.yaml")


def test_ambiguous_true_and_all():
    data = good()
    data["skills"]["language"].append({"id": "go", "name": "Go", "aliases": ["Golang", "Go lang"],
                                       "ambiguous": True})
    data["skills"]["ml-method"].append({"id": "software-engineering", "name": "Software engineering",
                                        "aliases": ["SWE"], "ambiguous": "all"})
    t = parse_taxonomy(data, "mine.yaml")
    assert t.skills["go"].ambiguous == ("Go", "Golang")          # one-word forms only
    assert t.skills["software-engineering"].ambiguous == ("Software engineering", "SWE")


def test_soft_flag_and_soft_categories():
    data = good()
    data["soft_categories"] = ["soft-skill"]
    data["skills"]["soft-skill"] = [{"id": "teamwork", "name": "Teamwork"}]
    data["skills"]["business"] = [{"id": "sales", "name": "Sales", "soft": True},
                                  {"id": "budgeting", "name": "Budgeting"}]
    t = parse_taxonomy(data, "mine.yaml")
    assert [sid for sid in t.skills if t.is_soft(sid)] == ["teamwork", "sales"]
    assert not t.is_soft("python") and not t.is_soft("no-such-skill")
    msg = _break(lambda d: d["skills"]["language"][0].update(soft="yes"))
    assert "skill 'python': soft: expected true or false, got 'yes'" in msg
    # the extended file's keys belong to it alone
    msg = _break(lambda d: d["skills"]["language"][0].update(tier="named"))
    assert "skill 'python': key 'tier'" in msg


def test_bundled_business_skills_that_are_not_technical_are_soft(tax):
    assert tax.is_soft("communication") and tax.is_soft("sales") and tax.is_soft("teaching")
    assert not tax.is_soft("project-management") and not tax.is_soft("financial-analysis")
