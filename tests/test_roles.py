"""Role profiles: the ten bundled roles load, each validation error names file/key/expected/got."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from resume_match.cli import main
from resume_match.errors import DataError
from resume_match.models import RoleProfile, SkillRequirement
from resume_match.match.roles import (DEFAULT_WEIGHTS, GENERIC_ADVICE, advice_for, role_ids,
                                dump_role_yaml, list_roles, load_role, role_from_dict,
                                role_to_dict)
from resume_match.skills.taxonomy import load_taxonomy

# The roadmap's own list of roles, in its order (shared/seed: entry, mid, senior).
ROLE_IDS = ("data-analyst", "junior-ml-engineer", "research-assistant", "ml-engineer",
            "data-scientist", "applied-scientist", "senior-ml-engineer", "ml-architect",
            "research-scientist", "ai-product-manager")
ROADMAP_CERTS = ("TensorFlow Developer Certificate", "IBM Machine Learning Professional Certificate",
                 "Azure AI Engineer Associate", "fast.ai")

MINIMAL = {
    "id": "my-role", "title": "My Role", "stage": "mid", "summary": "Builds things.",
    "required": ["python", {"skill": "sql", "weight": 2},
                 {"any_of": ["aws", "gcp"], "label": "a cloud platform", "weight": 1.5}],
}


def write_role(tmp_path: Path, data: object, name: str = "role.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data) if not isinstance(data, str) else data)
    return path


def error_for(data: dict) -> str:
    with pytest.raises(DataError) as err:
        role_from_dict(data, "bad.yaml")
    return str(err.value)


# ---------------------------------------------------------------- the bundled ten

def test_ten_roadmap_roles_load_in_stage_order() -> None:
    roles = list_roles()
    assert tuple(r.id for r in roles) == ROLE_IDS == role_ids()
    stages = [r.stage for r in roles]
    assert stages == ["entry"] * 3 + ["mid"] * 3 + ["senior"] * 4


@pytest.mark.parametrize("role_id", ROLE_IDS)
def test_each_profile_is_complete(role_id: str) -> None:
    role = load_role(role_id)
    assert role.title and len(role.summary) > 30
    assert len(role.required) >= 5 and role.preferred
    assert all(r.weight > 0 for r in role.required + role.preferred)
    assert role.experience_years[1] is None or role.experience_years[1] > role.experience_years[0]
    assert role.education_fields
    for cert in ROADMAP_CERTS:
        assert any(cert.lower() in c.lower() for c in role.certifications), cert
    assert sum(role.weights.values()) == pytest.approx(100)
    for nxt in role.next_roles:
        assert nxt in ROLE_IDS and nxt != role_id


@pytest.mark.parametrize("role_id", ROLE_IDS)
def test_every_skill_area_has_its_own_roadmap_advice(role_id: str) -> None:
    role = load_role(role_id)
    for req in role.required + role.preferred:
        assert any(s in role.learning for s in req.any_of), (role_id, req.any_of)
        assert advice_for(role, req) != GENERIC_ADVICE


def test_career_path_climbs_stages() -> None:
    rank = {"entry": 0, "mid": 1, "senior": 2}
    for role in list_roles():
        for nxt in role.next_roles:
            assert rank[load_role(nxt).stage] >= rank[role.stage], (role.id, nxt)
    entry = [r for r in list_roles() if r.stage == "entry"]
    assert all(r.next_roles for r in entry)


def test_profile_skill_ids_exist_in_the_taxonomy() -> None:
    known = load_taxonomy().skills
    unknown = sorted({(r.id, s) for r in list_roles() for req in r.required + r.preferred
                      for s in req.any_of if s not in known})
    assert not unknown, unknown


# ---------------------------------------------------------------- a user's own file

def test_user_role_file_loads_with_defaults(tmp_path: Path) -> None:
    role = load_role(write_role(tmp_path, MINIMAL))
    assert role.id == "my-role" and role.stage == "mid"
    assert role.required[0] == SkillRequirement(any_of=("python",), weight=1.0)
    assert role.required[2].any_of == ("aws", "gcp") and role.required[2].label == "a cloud platform"
    assert role.weights == DEFAULT_WEIGHTS
    assert role.experience_years == (0.0, None) and role.education_level == "bachelor"
    assert advice_for(role, role.required[0]) == GENERIC_ADVICE


def test_user_role_by_string_path(tmp_path: Path) -> None:
    path = write_role(tmp_path, MINIMAL, "mine.yml")
    assert load_role(str(path)).source == str(path)


def test_partial_weights_are_scaled_to_100(tmp_path: Path) -> None:
    role = role_from_dict({**MINIMAL, "weights": {"required_skills": 90, "certifications": 0}})
    assert sum(role.weights.values()) == pytest.approx(100)
    assert role.weights["certifications"] == 0
    assert role.weights["required_skills"] > role.weights["preferred_skills"] * 3


@pytest.mark.parametrize("role_id", ROLE_IDS)
def test_dump_and_load_round_trip(tmp_path: Path, role_id: str) -> None:
    role = load_role(role_id)
    path = tmp_path / f"{role_id}.yaml"
    path.write_text(dump_role_yaml(role))
    again = load_role(path)
    assert again == RoleProfile(**{**role.__dict__, "source": str(path)})


def test_role_to_dict_is_json_ready() -> None:
    data = role_to_dict(load_role("ml-engineer"))
    assert json.loads(json.dumps(data)) == data
    assert data["experience_years"] == {"min": 2.0, "max": 7.0}


# ---------------------------------------------------------------- each validation error

def test_unknown_role_id_lists_known_and_suggests() -> None:
    with pytest.raises(DataError, match=r"^data-scientst: unknown role .*did you mean 'data-scientist'"):
        load_role("data-scientst")


def test_missing_role_file(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"nope\.yaml: no such role file"):
        load_role(tmp_path / "nope.yaml")


def test_invalid_yaml_names_file_and_line(tmp_path: Path) -> None:
    path = write_role(tmp_path, "id: x\nrequired: [python\n")
    with pytest.raises(DataError, match=rf"^{path}: not valid YAML \(line \d+\)"):
        load_role(path)


def test_top_level_must_be_a_mapping() -> None:
    assert "(top level): expected a mapping" in error_for(["python"])  # type: ignore[arg-type]


def test_unknown_key_with_hint() -> None:
    msg = error_for({**MINIMAL, "requried": []})
    assert msg == ("bad.yaml: requried: expected one of id, title, order, stage, summary, required, "
                   "preferred, experience_years, education, certifications, next_roles, learning, "
                   "weights, got 'requried'; did you mean 'required'?")


def test_missing_required_key() -> None:
    data = {k: v for k, v in MINIMAL.items() if k != "summary"}
    assert error_for(data).startswith("bad.yaml: summary: expected this key to be present")


def test_bad_stage() -> None:
    assert error_for({**MINIMAL, "stage": "senoir"}) == (
        "bad.yaml: stage: expected one of entry, mid, senior, got 'senoir'; did you mean 'senior'?")


def test_id_must_be_kebab_case() -> None:
    assert "id: expected a kebab-case id" in error_for({**MINIMAL, "id": "My Role"})


def test_empty_required_list() -> None:
    assert "required: expected a non-empty list of skills, got list" in error_for(
        {**MINIMAL, "required": []})


def test_requirement_needs_skill_or_any_of() -> None:
    msg = error_for({**MINIMAL, "required": [{"skill": "python", "any_of": ["r"]}]})
    assert msg.startswith("bad.yaml: required[0]: expected exactly one of `skill` or `any_of`")


def test_requirement_unknown_key() -> None:
    msg = error_for({**MINIMAL, "preferred": [{"skill": "python", "wieght": 2}]})
    assert msg == ("bad.yaml: preferred[0].wieght: expected one of skill, any_of, label, weight, "
                   "got 'wieght'; did you mean 'weight'?")


def test_requirement_weight_must_be_positive() -> None:
    assert "required[0].weight: expected a number > 0, got 0" in error_for(
        {**MINIMAL, "required": [{"skill": "python", "weight": 0}]})
    assert "required[0].weight: expected a number >= 0, got 'high'" in error_for(
        {**MINIMAL, "required": [{"skill": "python", "weight": "high"}]})


def test_group_needs_a_label() -> None:
    msg = error_for({**MINIMAL, "required": [{"any_of": ["aws", "gcp"]}]})
    assert "required[0].label: expected a label for an any_of group" in msg
    assert "e.g. label: a cloud platform" in msg


def test_experience_range_checked() -> None:
    assert "experience_years.max: expected a number >= min (5)" in error_for(
        {**MINIMAL, "experience_years": [5, 2]})
    assert "experience_years: expected [min, max]" in error_for(
        {**MINIMAL, "experience_years": "3+"})


def test_education_level_checked() -> None:
    assert error_for({**MINIMAL, "education": {"level": "masters"}}) == (
        "bad.yaml: education.level: expected one of none, high_school, associate, bachelor, "
        "master, phd, got 'masters'; did you mean 'master'?")


def test_weights_checked() -> None:
    assert "weights.skills: expected one of required_skills" in error_for(
        {**MINIMAL, "weights": {"skills": 50}})
    assert "weights: expected at least one component" in error_for(
        {**MINIMAL, "weights": {k: 0 for k in DEFAULT_WEIGHTS}})


def test_learning_keys_must_name_a_profile_skill() -> None:
    msg = error_for({**MINIMAL, "learning": {"pyhton": "Learn it."}})
    assert msg.startswith("bad.yaml: learning.pyhton: expected a skill id used in required/preferred")
    assert "did you mean 'python'?" in msg
    assert "learning.python: expected a non-empty string" in error_for(
        {**MINIMAL, "learning": {"python": ""}})


def test_certifications_must_be_strings() -> None:
    assert "certifications: expected a list of strings" in error_for(
        {**MINIMAL, "certifications": "AWS"})


# ---------------------------------------------------------------- the `roles` command

def test_roles_command_lists_all_ten() -> None:
    result = CliRunner().invoke(main, ["roles"])
    assert result.exit_code == 0
    for role_id in ROLE_IDS:
        assert role_id in result.output
    assert "Research Scientist" in result.output


def test_roles_command_shows_one() -> None:
    result = CliRunner().invoke(main, ["roles", "data-scientist"])
    assert result.exit_code == 0
    assert result.output.startswith("Data Scientist (data-scientist), mid stage")
    assert "Required skills:" in result.output and "IBM Machine Learning" in result.output
    assert "Next roles: applied-scientist" in result.output


def test_roles_command_json() -> None:
    result = CliRunner().invoke(main, ["roles", "--json"])
    assert [r["id"] for r in json.loads(result.output)] == list(ROLE_IDS)
    one = json.loads(CliRunner().invoke(main, ["roles", "ml-architect", "--json"]).output)
    assert one["stage"] == "senior" and one["required"]


def test_roles_command_user_file_and_bad_file(tmp_path: Path) -> None:
    good = write_role(tmp_path, MINIMAL)
    assert CliRunner().invoke(main, ["roles", str(good)]).output.startswith("My Role (my-role)")
    bad = write_role(tmp_path, {**MINIMAL, "stage": "lead"}, "bad.yaml")
    result = CliRunner().invoke(main, ["roles", str(bad)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {bad}: stage: expected one of entry, mid, senior, got 'lead'"


def test_roles_command_unknown_id_exit_1() -> None:
    result = CliRunner().invoke(main, ["roles", "wizard"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: wizard: unknown role")


def test_roles_json_output_loads_back_as_a_role_file(tmp_path: Path) -> None:
    out = CliRunner().invoke(main, ["roles", "ml-engineer", "--json"]).output
    path = tmp_path / "mine.json"
    path.write_text(out)
    assert load_role(str(path)).required == load_role("ml-engineer").required


def test_user_role_skill_names_resolve_to_taxonomy_ids(tmp_path: Path) -> None:
    data = {**MINIMAL, "required": ["sklearn", "PyTorch", {"any_of": ["AWS", "gcp"],
                                                           "label": "cloud"}],
            "learning": {"sklearn": "Learn scikit-learn."}}
    role = load_role(write_role(tmp_path, data), resolve_skills=True)
    assert [r.any_of for r in role.required] == [("scikit-learn",), ("pytorch",), ("aws", "gcp")]
    assert role.learning == {"scikit-learn": "Learn scikit-learn."}


def test_user_role_unknown_skill_is_an_error_with_a_hint(tmp_path: Path) -> None:
    path = write_role(tmp_path, {**MINIMAL, "preferred": ["pytorchh"]})
    assert load_role(path).preferred[0].any_of == ("pytorchh",)     # library: as written
    result = CliRunner().invoke(main, ["roles", str(path)])
    assert result.exit_code == 1
    with pytest.raises(DataError) as err:
        load_role(path, resolve_skills=True)
    assert str(err.value) == (f"{path}: preferred[0]: expected a skill id or name from the "
                              "taxonomy, got 'pytorchh'; did you mean 'pytorch'?")


def test_a_role_file_added_to_the_folder_is_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Roles are found by listing role_profiles/, not from a list in code."""
    from resume_match import data
    from resume_match.match import roles as role_mod
    home = tmp_path / "role_profiles"
    (home / "skills").mkdir(parents=True)
    for f in data.home("role_profiles").glob("*.yaml"):
        (home / f.name).write_text(f.read_text())
    (home / "skills" / "skills.yaml").write_text(data.bundled_text("role_profiles", "skills/skills.yaml"))
    extra = dict(MINIMAL, id="my-role", stage="entry", order=0)
    (home / "my-role.yaml").write_text(yaml.safe_dump(extra))
    real_home = data.home
    monkeypatch.setattr(role_mod, "data_home", lambda name: home if name == "role_profiles" else real_home(name))
    monkeypatch.setattr(role_mod, "bundled_text", lambda where, name: (home / name).read_text() if where == "role_profiles" else data.bundled_text(where, name))
    for cached in (role_mod.role_ids, role_mod._bundled):
        cached.cache_clear()
    try:
        assert role_ids()[0] == "my-role" and role_ids()[1:] == ROLE_IDS
        assert load_role("my-role").title == "My Role"
    finally:
        for cached in (role_mod.role_ids, role_mod._bundled):
            cached.cache_clear()
