"""Hand-built Reports for the report, golden and browser tests.

Built from dataclasses rather than by running the pipeline, so goldens change only when the
rendering changes, not when the readers, section splitter or skill matcher improve.
"""
from __future__ import annotations

import dataclasses
from typing import Any

from resume_match.match.ats import check_ats
from resume_match.pipeline import role_titles
from resume_match.match.templates import suggest_template
from resume_match.models import (Candidate, Component, Contact, Document, Education,
                                 EducationEntry, Evidence, Experience, Layout, Line,
                                 MatchedSkill, MissingSkill, Page, Position, Report, RoleFit,
                                 RoleProfile, Section, SkillHit, SkillRequirement)

HEADER = ["Jane Doe", "Machine Learning Engineer", "jane.doe@example.com | +44 20 7946 0958 | London, UK",
          "github.com/janedoe | linkedin.com/in/janedoe"]
SUMMARY = ["Machine learning engineer with 4.5 years building and deploying recommendation and",
           "forecasting models in Python, PyTorch and AWS, from notebook to monitored service."]
EXPERIENCE = [
    "Machine Learning Engineer, Acme Retail, London  Jan 2022 - Present",
    "• Built a PyTorch ranking model serving 3M daily users, lifting click-through 12%",
    "• Deployed models on AWS SageMaker with Docker and CI, cutting release time from 2 days to 2 hours",
    "• Designed a feature store in SQL and Spark used by 4 teams across the company",
    "• Mentored 2 junior engineers through code review and pairing on model evaluation",
    "Data Scientist, Bright Analytics, Manchester  Jun 2019 - Dec 2021",
    "• Developed demand forecasting models with scikit-learn that reduced stock-outs by 18%",
    "• Automated weekly reporting in Python and SQL, saving the team 6 hours a week",
    "• Presented A/B test results to product leads and helped set the experiment roadmap",
]
EDUCATION = ["MSc Machine Learning, University College London, 2019",
             "BSc Mathematics, University of Leeds, 2018"]
SKILLS = ["Python, PyTorch, scikit-learn, SQL, Spark, Docker, AWS, Git, statistics"]
PROJECTS = ["• Open-source contributor to a PyTorch time-series library: added 3 forecasting models",
            "• Kaggle: top 5% in a retail sales forecasting competition with gradient boosting"]
CERTS = ["AWS Certified Machine Learning - Specialty, 2023"]

SECTIONS = (("header", "", HEADER), ("summary", "Summary", SUMMARY),
            ("experience", "Experience", EXPERIENCE), ("education", "Education", EDUCATION),
            ("skills", "Skills", SKILLS), ("projects", "Projects", PROJECTS),
            ("certifications", "Certifications", CERTS))


def lines_for(texts: list[str], page: int = 1, start: float = 60.0, **kw: Any) -> tuple[Line, ...]:
    return tuple(Line(text=t, page=page, x0=50, top=start + 14 * i, x1=540,
                      bottom=start + 14 * i + 11, size=10, font="Calibri", **kw)
                 for i, t in enumerate(texts))


def build_sections(spec: tuple[tuple[str, str, list[str]], ...], page: int = 1) -> tuple[Section, ...]:
    out, top = [], 40.0
    for kind, heading, texts in spec:
        head = lines_for([heading], page, top) if heading else ()
        body = lines_for(texts, page, top + (14 if heading else 0))
        out.append(Section(kind=kind, heading=heading, page=page, lines=head + body))
        top += 14 * (len(texts) + 2)
    return tuple(out)


def build_document(sections: tuple[Section, ...], layout: Layout | None = None,
                   **page_kw: Any) -> Document:
    lines = tuple(ln for s in sections for ln in s.lines)
    page = Page(number=1, width=612, height=792, lines=lines,
                char_count=sum(len(ln.text) for ln in lines), **page_kw)
    layout = layout or Layout(file_name="Jane-Doe-CV.pdf", file_size=84_213, page_count=1,
                              fonts=("Calibri", "Calibri-Bold"))
    return Document(source="examples/jane-doe-cv.pdf", kind="pdf", pages=(page,), layout=layout)


def ev(section: str, text: str) -> tuple[Evidence, ...]:
    return (Evidence(section=section, page=1, text=text),)


SKILL_ROWS = [  # id, name, category, section, evidence line, demonstrated
    ("python", "Python", "language", "experience", EXPERIENCE[7], True),
    ("pytorch", "PyTorch", "framework", "experience", EXPERIENCE[1], True),
    ("aws", "AWS", "cloud", "experience", EXPERIENCE[2], True),
    ("docker", "Docker", "mlops", "experience", EXPERIENCE[2], True),
    ("sql", "SQL", "data", "experience", EXPERIENCE[3], True),
    ("spark", "Apache Spark", "data", "experience", EXPERIENCE[3], True),
    ("scikit-learn", "scikit-learn", "framework", "experience", EXPERIENCE[6], True),
    ("git", "Git", "engineering", "skills", SKILLS[0], False),
    ("statistics", "Statistics", "math", "skills", SKILLS[0], False),
    ("ab-testing", "A/B testing", "analysis", "experience", EXPERIENCE[8], True),
]


def build_candidate() -> Candidate:
    sections = build_sections(SECTIONS)
    doc = build_document(sections)
    positions = (
        Position(title="Machine Learning Engineer", organization="Acme Retail", start="2022-01",
                 end=None, current=True, page=1, text=EXPERIENCE[0]),
        Position(title="Data Scientist", organization="Bright Analytics", start="2019-06",
                 end="2021-12", page=1, text=EXPERIENCE[5]),
    )
    return Candidate(
        source="examples/jane-doe-cv.pdf", readable=True, unreadable_reason=None, name="Jane Doe",
        contact=Contact(email="jane.doe@example.com", phone="+442079460958",
                        links=("https://github.com/janedoe", "https://linkedin.com/in/janedoe"),
                        location="London, UK"),
        sections=sections,
        skills=tuple(SkillHit(id=i, name=n, category=c, evidence=ev(s, t), demonstrated=d,
                              matched=(n,))
                     for i, n, c, s, t, d in SKILL_ROWS),
        experience=Experience(years=4.5, positions=positions, as_of="2023-11",
                              basis="the file's own date (2023-11)"),
        education=Education(highest_degree="master", entries=(
            EducationEntry(degree="MSc", level="master", field="Machine Learning",
                           institution="University College London", year=2019),
            EducationEntry(degree="BSc", level="bachelor", field="Mathematics",
                           institution="University of Leeds", year=2018))),
        certifications=("AWS Certified Machine Learning - Specialty",),
        document=doc)


ROLE = RoleProfile(id="ml-engineer", title="Machine Learning Engineer", stage="mid",
                   summary="Designs, builds and deploys ML models into production systems.",
                   required=(SkillRequirement(("python",), 3), SkillRequirement(("pytorch",), 2)),
                   next_roles=("senior-ml-engineer", "ml-architect"))


def matched(cand: Candidate, sid: str, required: bool, weight: float, credit: float = 1.0) -> MatchedSkill:
    hit = next(s for s in cand.skills if s.id == sid)
    return MatchedSkill(id=hit.id, name=hit.name, required=required, weight=weight, credit=credit,
                        via=None, demonstrated=hit.demonstrated, evidence=hit.evidence)


def build_fits(cand: Candidate) -> tuple[RoleFit, ...]:
    mle = RoleFit(
        role="ml-engineer", title="Machine Learning Engineer", score=78,
        components=(
            Component("required_skills", 36.0, 45.0, "6 of 8 required skills found (weighted 80%)."),
            Component("preferred_skills", 9.0, 15.0, "3 of 5 preferred skills found."),
            Component("demonstrated", 13.0, 15.0, "7 matched skills are used in experience bullets."),
            Component("experience", 12.0, 12.0, "4.5 years meets the 2-5 year range."),
            Component("education", 8.0, 8.0, "An MSc in Machine Learning meets the bachelor minimum."),
            Component("certifications", 0.0, 5.0, "No roadmap certification found."),
        ),
        matched=(matched(cand, "python", True, 3), matched(cand, "pytorch", True, 2),
                 matched(cand, "aws", True, 2), matched(cand, "docker", True, 1.5),
                 matched(cand, "sql", True, 1), matched(cand, "scikit-learn", False, 1),
                 matched(cand, "git", True, 1), matched(cand, "spark", False, 1, 0.5)),
        missing=(MissingSkill("kubernetes", "Kubernetes", True, 1.5,
                              "Deploy a model behind a Kubernetes service with a readiness probe and autoscaling."),
                 MissingSkill("mlflow", "MLflow", False, 1.0,
                              "Track a project's experiments and models with MLflow.")),
    )
    ds = RoleFit(
        role="data-scientist", title="Data Scientist", score=71,
        components=(Component("required_skills", 34.0, 45.0, "5 of 7 required skills found."),
                    Component("experience", 12.0, 12.0, "4.5 years meets the range.")),
        matched=(matched(cand, "python", True, 3), matched(cand, "statistics", True, 2)),
        missing=(MissingSkill("r", "R", False, 1.0, "Work through an R for Data Science course."),),
    )
    senior = RoleFit(role="senior-ml-engineer", title="Senior ML Engineer", score=58,
                     components=(Component("experience", 4.0, 12.0, "4.5 of 6 years."),),
                     matched=(), missing=())
    architect = RoleFit(role="ml-architect", title="ML Architect", score=44,
                        components=(Component("experience", 2.0, 12.0, "4.5 of 8 years."),),
                        matched=(), missing=())
    return (mle, ds, senior, architect)


def build_report(candidate: Candidate | None = None) -> Report:
    """The sample report: the candidate scored, ATS-checked and given a template suggestion."""
    cand = candidate or build_candidate()
    fits = build_fits(cand)
    return Report(candidate=cand, fits=fits, best_role="ml-engineer",
                  next_roles=ROLE.next_roles, next_role_titles=role_titles(ROLE.next_roles, fits),
                  ats=check_ats(cand),
                  template=suggest_template(cand, ROLE))


def replace(obj: Any, **kw: Any) -> Any:
    return dataclasses.replace(obj, **kw)
