"""Skills said with a verb in a work bullet ('Analyzed and visualized large data sets')."""
from __future__ import annotations

from resume_match.models import Line, Section
from resume_match.skills.verbal import verb_phrases


def section(kind: str, *texts: str) -> Section:
    return Section(kind=kind, heading=kind.title(), page=1,
                   lines=tuple(Line(text=t, page=1) for t in texts))


def ids(matcher, kind: str, *texts: str) -> set[str]:
    tech, soft = matcher.read((section(kind, *texts),))
    return {h.id for h in tech} | {h.id for h in soft}


def test_verb_and_object_name_the_taxonomy_skill(matcher):
    found = ids(matcher, "experience", "Analyzed and visualized large data sets for sales teams.",
                "Tuned the hyperparameters of gradient-boosted models.",
                "Deployed models to production on Kubernetes.")
    assert {"data-analysis", "data-visualization", "hyperparameter-tuning",
            "model-deployment"} <= found


def test_nouns_that_look_like_verbs_and_other_sections_give_nothing(matcher):
    # 'model' and 'tests' are nouns here; a skills list or an award is not a work bullet
    assert "database-design" not in ids(matcher, "experience",
                                        "Improved the efficiency of model training and data loading.")
    assert "data-analysis" not in ids(matcher, "awards", "Analyzed data for the dean's award.")


def test_jobs_said_with_manage_or_design_are_not_skills(matcher):
    found = ids(matcher, "experience", "Designed marketing materials for the store.",
                "Managed kitchen operations and vendors.")
    assert not {"material-design", "operations-management", "purchasing"} & found


def test_verb_phrases_take_one_noun_per_verb_and_coordinated_verbs_share_the_object():
    names = {"data analysis", "data analytics", "data cleaning"}
    got = [p[2] for p in verb_phrases("cleaned and analysed the sales data".split(), names.__contains__)]
    assert got == ["data cleaning", "data analysis"]


def test_a_verbs_noun_with_of_names_the_skill_too(matcher):
    found = ids(matcher, "projects", "Segmentation of Raman images of cancer cells using k-means",
                "Analysis of large sales data for the board")
    assert {"image-segmentation", "data-analysis"} <= found
    assert ids(matcher, "experience", "Management of the team") == set()


def test_a_verb_form_after_an_article_is_an_adjective_not_work(matcher):
    # 'the cleaned data' is data someone cleaned; 'was analyzing' is still work
    assert "data-cleaning" not in ids(matcher, "experience", "Loaded the cleaned data into the warehouse")
    names = {"data analysis"}
    assert [p[2] for p in verb_phrases("was analysing the sales data".split(), names.__contains__)] \
        == ["data analysis"]


def test_a_bare_verb_is_work_after_used_a_tool_to(matcher):
    # 'used X to automate': the candidate's work; the bare verb alone is a noun as often
    found = ids(matcher, "experience", "Used Python to automate routine reporting tasks",
                "Using SQL and Excel to clean and analyze the sales data weekly")
    assert {"automation", "data-cleaning", "data-analysis"} <= found
    names = {"order processing", "data analysis", "model testing"}
    said = lambda text: [p[2] for p in verb_phrases(text.split(), names.__contains__)]
    assert said("designed a framework to process orders") == []       # what the framework does
    assert said("worked with clients to analyze their data") == []    # with someone else
    assert said("contributed to model testing") == []                 # 'to' + a noun
    assert said("leveraged pandas to analyze data") == ["data analysis"]
