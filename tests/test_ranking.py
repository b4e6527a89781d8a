"""End to end ranking on CVs written for the tests: the right role comes out on top.

Dates are closed ranges (no "Present") so the years, and so the scores, do not drift with time.

These run the real reader, sections, facts, matcher and scoring on plain-text CVs, so they check
that the profiles are sensible for the people they describe, not only that the arithmetic adds up.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from resume_match import api
from resume_match.models import Report

DATA_ANALYST = """Maria Lopez
maria.lopez@example.com | +1 312 555 0142 | Chicago, IL | linkedin.com/in/marialopez

SUMMARY
Data analyst with three years of experience turning sales and operations data into dashboards
and clear recommendations for business teams.

EXPERIENCE
Data Analyst, Northwind Retail, Chicago, IL    Jun 2021 - Dec 2024
- Wrote SQL queries against the Postgres sales warehouse to track weekly revenue and churn.
- Built Tableau dashboards for 40 store managers, cutting reporting time by 60%.
- Cleaned and merged messy supplier data in Excel and Python (pandas), removing 12% duplicates.
- Ran exploratory data analysis and basic statistics (t-tests, confidence intervals) on promotions.

Junior Analyst, Lakeside Insurance, Chicago, IL    Jan 2020 - May 2021
- Maintained Excel reports with pivot tables and VLOOKUP for the claims team.
- Created Power BI reports on claim volumes; presented findings to management monthly.

EDUCATION
B.S. Economics, University of Illinois, 2019

SKILLS
SQL, Excel, Tableau, Power BI, Python, pandas, Statistics, Data Cleaning, Data Visualization
"""

PHD_RESEARCHER = """Dr. Wei Zhang
wei.zhang@example.edu | github.com/weizhang | scholar.google.com/citations?user=abc123

SUMMARY
Machine learning researcher working on deep learning for natural language processing, with
publications at NeurIPS and ACL.

EXPERIENCE
Postdoctoral Researcher, Stanford AI Lab    Sep 2021 - Jun 2025
- Designed novel transformer architectures for low-resource NLP in PyTorch; improved BLEU by 3 points.
- Derived convergence bounds for the optimization method using linear algebra and probability theory.
- Ran large-scale deep learning experiments on GPU clusters and released the code on GitHub.

Graduate Research Assistant, Carnegie Mellon University    Sep 2016 - Aug 2021
- Developed Bayesian models for machine translation; evaluated with precision, recall and F1.
- Implemented reinforcement learning agents for dialogue in Python and PyTorch.

EDUCATION
Ph.D. Computer Science (Machine Learning), Carnegie Mellon University, 2021
B.S. Mathematics, Peking University, 2016

PUBLICATIONS
- Zhang W. et al. Efficient Transformers for Low-Resource Translation. NeurIPS 2023.
- Zhang W. et al. Bayesian Alignment for Neural Machine Translation. ACL 2020.

SKILLS
Python, PyTorch, TensorFlow, NumPy, Deep Learning, Machine Learning, NLP, Reinforcement Learning,
Probability, Statistics, Linear Algebra, LaTeX, Git
"""

MARKETING_MANAGER = """Jordan Blake
jordan.blake@example.com | +1 646 555 0199 | New York, NY

SUMMARY
Marketing manager with eight years of experience leading brand campaigns and growing audiences
for consumer products.

EXPERIENCE
Marketing Manager, Brightside Cosmetics, New York, NY    Mar 2019 - Present
- Led a team of five to plan seasonal brand campaigns across print, TV and social media.
- Grew Instagram following from 20k to 180k through influencer partnerships.
- Managed a $2M annual budget and negotiated contracts with media agencies.

Marketing Coordinator, Urban Threads, New York, NY    Jun 2016 - Feb 2019
- Organised product launch events and trade shows for 300+ guests.
- Wrote press releases and newsletters; coordinated with PR agencies.

EDUCATION
B.A. Communications, New York University, 2016

SKILLS
Brand strategy, event planning, social media, copywriting, public relations, budgeting
"""


def analyse_text(tmp_path: Path, name: str, text: str) -> Report:
    path = tmp_path / f"{name}.txt"
    path.write_text(text)
    return api.analyse(path)


def scores(report: Report) -> dict[str, int]:
    return {f.role: f.score for f in report.fits}


def test_data_analyst_ranks_data_analyst_first(tmp_path: Path) -> None:
    report = analyse_text(tmp_path, "analyst", DATA_ANALYST)
    got = scores(report)
    assert report.best_role == "data-analyst", got
    assert got["data-analyst"] >= 55, got
    assert got["data-analyst"] > got["data-scientist"] > got["research-scientist"], got
    assert "data-scientist" in report.next_roles


def test_phd_researcher_ranks_a_research_role_first(tmp_path: Path) -> None:
    report = analyse_text(tmp_path, "researcher", PHD_RESEARCHER)
    got = scores(report)
    assert report.best_role in ("research-scientist", "applied-scientist"), got
    assert got[report.best_role] >= 55, got
    assert got["research-scientist"] > got["data-analyst"], got
    assert got["research-scientist"] > got["research-assistant"], got


def test_marketing_manager_scores_low_everywhere(tmp_path: Path) -> None:
    report = analyse_text(tmp_path, "marketer", MARKETING_MANAGER)
    got = scores(report)
    assert max(got.values()) < 25, got
    assert report.best_role in ("data-analyst", "junior-ml-engineer", "research-assistant")


@pytest.mark.parametrize("role", ["data-scientist", "ml-engineer"])
def test_single_role_report_explains_itself(tmp_path: Path, role: str) -> None:
    path = tmp_path / "analyst.txt"
    path.write_text(DATA_ANALYST)
    report = api.analyse(path, [role])
    assert [f.role for f in report.fits] == [role] and report.best_role == role
    fit = report.fits[0]
    assert fit.matched and all(m.evidence for m in fit.matched)
    assert any("SQL" in e.text for m in fit.matched if m.id == "sql" for e in m.evidence)
    assert fit.missing and all(m.advice for m in fit.missing)


def test_cli_role_summary_in_terminal(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from resume_match.cli import main
    path = tmp_path / "analyst.txt"
    path.write_text(DATA_ANALYST)
    result = CliRunner().invoke(main, [str(path), "--role", "data-scientist"])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Fit: Data Scientist (data-scientist): " in out
    for title in ("Required skills", "Preferred skills", "Shown in work", "Experience",
                  "Education", "Certifications"):
        assert title in out
    assert "+ SQL (required, used in work)" in out and "Wrote SQL queries" in out
    assert "Missing skills, most important first" in out and "Kaggle" in out


def test_cli_user_role_file_and_json_fits(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from resume_match.cli import main
    from resume_match.match.roles import dump_role_yaml, load_role, role_from_dict, role_to_dict
    mine = role_from_dict({**role_to_dict(load_role("data-analyst")), "id": "bi-analyst",
                           "title": "BI Analyst"})
    role_file = tmp_path / "bi.yaml"
    role_file.write_text(dump_role_yaml(mine))
    cv = tmp_path / "analyst.txt"
    cv.write_text(DATA_ANALYST)
    result = CliRunner().invoke(main, [str(cv), "--role", str(role_file), "--json"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["best_role"] == "bi-analyst"
    fit = report["fits"][0]
    assert {"role", "title", "score", "components", "matched", "missing"} <= set(fit)
    assert fit["score"] == round(sum(c["points"] for c in fit["components"].values()))
    assert list(fit["components"])[:2] == ["required_skills", "preferred_skills"]
    assert all(m["evidence"] for m in fit["matched"])
    assert report["next_roles"] == ["data-scientist", "junior-ml-engineer"]


HEAD = """Sam Rivera
sam.rivera@example.com | +1 206 555 0123 | Seattle, WA

EXPERIENCE
Data Scientist, Cascade Analytics, Seattle, WA    Jan 2019 - Dec 2023
"""
TAIL = """
EDUCATION
M.S. Statistics, University of Washington, 2018
"""
STUFFED = HEAD + """- Worked on various projects with the team.
- Supported stakeholders and delivered results on time.
""" + TAIL + """
SKILLS
Python, SQL, pandas, NumPy, scikit-learn, Statistics, Machine Learning, Regression, Classification,
Tableau, Exploratory Data Analysis, A/B Testing, TensorFlow, PyTorch, Keras, Spark, Hadoop, Hive,
AWS, GCP, Azure, Docker, Kubernetes, Airflow, Kafka, MLflow, Git, Java, Scala, C++, JavaScript,
React, Node.js, MongoDB, PostgreSQL, Redis, Elasticsearch, Power BI, Looker, Excel, SAS, SPSS,
MATLAB, NLP, Computer Vision, Reinforcement Learning, Deep Learning, Time Series, Clustering
"""
SHOWN = HEAD + """- Built churn models in Python with scikit-learn and pandas, using SQL to pull 5M rows.
- Applied statistics and machine learning (regression, classification) to pricing; +8% margin.
- Ran exploratory data analysis and A/B testing for the checkout flow; shared Tableau dashboards.
""" + TAIL + """
SKILLS
Python, SQL, pandas, scikit-learn, Statistics, Machine Learning, Tableau
"""


def test_keyword_stuffing_loses_to_shown_work_end_to_end(tmp_path: Path) -> None:
    stuffed = analyse_text(tmp_path, "stuffed", STUFFED)
    shown = analyse_text(tmp_path, "shown", SHOWN)
    assert len(stuffed.candidate.skills) > 2 * len(
        [s for s in shown.candidate.skills if s.demonstrated])
    for role in ("data-scientist", "data-analyst"):     # the roles whose skills SHOWN uses
        assert scores(shown)[role] > scores(stuffed)[role], (role, scores(shown), scores(stuffed))


SENIOR_MLE = """Alex Kim
alex.kim@example.com | +1 415 555 0175 | San Francisco, CA

SUMMARY
Senior machine learning engineer with eleven years of experience building and leading ML platforms.

EXPERIENCE
Staff Machine Learning Engineer, Orbit Payments, San Francisco, CA    Jan 2019 - Dec 2024
- Led a team of 8 engineers building fraud detection models in PyTorch served on Kubernetes (AWS EKS).
- Designed the system architecture of the real-time ML platform: feature store, model serving, model monitoring.
- Mentored junior engineers; introduced CI/CD and MLflow for model deployment, cutting release time by 70%.
- Worked with product and finance stakeholders to align the roadmap with business goals.

Machine Learning Engineer, Nimbus Ads, Seattle, WA    Jan 2014 - Dec 2018
- Built click-through-rate models with TensorFlow and scikit-learn on Spark data pipelines (Airflow).
- Deployed models with Docker on GCP; wrote unit tests in Python and SQL checks for data quality.

EDUCATION
M.S. Computer Science, University of Washington, 2013

SKILLS
Python, PyTorch, TensorFlow, scikit-learn, Deep Learning, Machine Learning, MLOps, Docker, Kubernetes, AWS, GCP, Spark, Airflow, SQL, Git
"""
NEW_GRAD = """Priya Nair
priya.nair@example.com | github.com/priyanair

EDUCATION
B.S. Computer Science, University of Texas at Austin, 2024

EXPERIENCE
Machine Learning Intern, DataWorks, Austin, TX    Jun 2023 - Aug 2023
- Trained classification models in Python with scikit-learn and pandas; improved F1 by 6 points.
- Cleaned and preprocessed 2M rows of sensor data with NumPy and pandas.

PROJECTS
House price prediction (Kaggle): regression with scikit-learn and feature engineering; code on GitHub.
Spam detection: supervised learning with logistic regression; evaluated with precision, recall and ROC AUC.

SKILLS
Python, scikit-learn, pandas, NumPy, Machine Learning, SQL, Git, Jupyter, PyTorch
"""


def test_senior_engineer_ranks_a_senior_role_first(tmp_path: Path) -> None:
    report = analyse_text(tmp_path, "senior", SENIOR_MLE)
    got = scores(report)
    assert report.best_role in ("senior-ml-engineer", "ml-architect"), got
    assert got["senior-ml-engineer"] > got["junior-ml-engineer"], got


def test_new_graduate_ranks_junior_ml_engineer_first(tmp_path: Path) -> None:
    report = analyse_text(tmp_path, "grad", NEW_GRAD)
    got = scores(report)
    assert report.best_role == "junior-ml-engineer", got
    assert got["junior-ml-engineer"] > got["ml-engineer"] > got["senior-ml-engineer"], got
    assert "ml-engineer" in report.next_roles


def test_unreadable_cv_has_no_best_role() -> None:
    from resume_match.models import Candidate, Contact, Education, Experience
    blank = Candidate(source="scan.pdf", readable=False, unreadable_reason="no text layer",
                      name=None, contact=Contact(), sections=(), skills=(),
                      experience=Experience(), education=Education(), certifications=())
    report = api.evaluate(blank, api.resolve_roles(None))
    assert len(report.fits) == 10 and all(f.score == 0 for f in report.fits)
    assert report.best_role is None and report.next_roles == ()
