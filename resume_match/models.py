"""Typed, immutable data passed between the stages of the pipeline.

Every stage takes and returns these dataclasses (never a pdfplumber page or a spaCy Doc), so
stages can be tested, cached and shipped to worker processes independently.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = "1.0"

SectionKind = Literal[
    "header", "summary", "experience", "education", "skills", "projects", "publications",
    "certifications", "awards", "volunteering", "languages", "interests", "references", "other",
]
SECTION_KINDS: tuple[str, ...] = SectionKind.__args__  # type: ignore[attr-defined]

DegreeLevel = Literal["none", "high_school", "associate", "bachelor", "master", "phd"]
DEGREE_LEVELS: tuple[str, ...] = DegreeLevel.__args__  # type: ignore[attr-defined]

Stage = Literal["entry", "mid", "senior"]
CheckStatus = Literal["pass", "warn", "fail"]
Region = Literal["body", "header", "footer"]


def to_dict(obj: Any) -> Any:
    """Plain JSON-ready data from nested dataclasses/tuples (fields named in `_private` dropped)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        skip = getattr(obj, "_private", ())
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)
                if f.name not in skip}
    if isinstance(obj, (list, tuple)):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): to_dict(v) for k, v in obj.items()}
    return obj


# ---------------------------------------------------------------- document (reader output)

@dataclass(frozen=True)
class Line:
    """One visual line of text in reading order, with where and how it was printed."""
    text: str
    page: int                      # 1-based
    x0: float = 0.0
    top: float = 0.0
    x1: float = 0.0
    bottom: float = 0.0
    size: float = 0.0              # dominant font size in points (0 when unknown, e.g. plain text)
    bold: bool = False
    italic: bool = False
    font: str = ""                 # dominant font name, subset prefix removed
    column: int = 0                # 0 full width, 1.. column index left to right
    region: Region = "body"        # header/footer lines are kept out of `Page.lines`
    bullet: bool = False           # began with a bullet glyph, which the reader stripped


@dataclass(frozen=True)
class Page:
    number: int                    # 1-based
    width: float
    height: float
    lines: tuple[Line, ...]        # body lines in reading order
    margin_lines: tuple[Line, ...] = ()   # repeated headers/footers/page numbers removed from body
    columns: int = 1               # text columns detected on the page (2 for sidebar layouts too)
    sidebar: bool = False          # a narrow column beside a wide one
    tables: int = 0                # ruled tables detected
    images: int = 0                # raster images / figures
    char_count: int = 0
    ocr: bool = False              # text came from OCR


@dataclass(frozen=True)
class Layout:
    """Facts about the file an ATS cares about, gathered while reading."""
    file_name: str = ""
    file_size: int = 0
    page_count: int = 0
    columns: int = 1
    sidebar: bool = False
    tables: int = 0
    text_boxes: int = 0
    images: int = 0
    icon_glyphs: int = 0
    cid_glyphs: int = 0
    fonts: tuple[str, ...] = ()
    ocr: bool = False
    created: str = ""              # file's own date (PDF CreationDate/ModDate, DOCX core
                                   # properties) as "YYYY-MM-DD"; "" when unknown. Experience
                                   # years count "Present" up to this date (else today).
    producer: str = ""             # the program that made the file (PDF Producer/Creator, DOCX
                                   # application): a TeX engine's file may be a later rebuild
    links: tuple[str, ...] = ()    # link annotations' targets (URIs behind icons and text),
                                   # as printed links are: without the scheme


@dataclass(frozen=True)
class Document:
    source: str                    # file path as given, or "<bytes>"
    kind: Literal["pdf", "docx", "text"]
    pages: tuple[Page, ...]
    layout: Layout = field(default_factory=Layout)
    readable: bool = True
    unreadable_reason: str | None = None
    warnings: tuple[str, ...] = ()

    @property
    def lines(self) -> tuple[Line, ...]:
        return tuple(line for page in self.pages for line in page.lines)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


# ---------------------------------------------------------------- candidate (what the CV says)

@dataclass(frozen=True)
class Section:
    kind: SectionKind
    heading: str                   # as printed; "" for the header block
    page: int
    lines: tuple[Line, ...] = ()
    _private = ("lines",)


@dataclass(frozen=True)
class Contact:
    email: str | None = None
    phone: str | None = None       # E.164 when it parses, digits otherwise
    links: tuple[str, ...] = ()
    location: str | None = None
    in_margin: bool = False        # found only in a page header/footer (ATS often drops these)
    _private = ("in_margin",)


@dataclass(frozen=True)
class Position:
    title: str | None
    organization: str | None
    start: str | None              # "YYYY-MM" or "YYYY"
    end: str | None
    current: bool = False
    page: int = 0
    text: str = ""                 # the line(s) the dates came from
    _private = ("page", "text")


@dataclass(frozen=True)
class Experience:
    years: float | None = None     # total, overlapping periods merged
    positions: tuple[Position, ...] = ()
    as_of: str | None = None       # "YYYY-MM" an open ("Present") range counts up to
    basis: str | None = None       # why: which date that is, or that the years are stated in prose


@dataclass(frozen=True)
class EducationEntry:
    degree: str | None
    level: str                     # one of DEGREE_LEVELS
    field: str | None
    institution: str | None
    year: int | None


@dataclass(frozen=True)
class Education:
    highest_degree: str = "none"
    entries: tuple[EducationEntry, ...] = ()


@dataclass(frozen=True)
class Evidence:
    section: str
    page: int
    text: str


@dataclass(frozen=True)
class SkillHit:
    id: str
    name: str
    category: str
    evidence: tuple[Evidence, ...]
    demonstrated: bool             # used in experience/projects bullets, not only listed
    matched: tuple[str, ...] = ()  # the CV's own words for it, as written, first seen first
    aliases: tuple[str, ...] = ()  # the taxonomy's other names for the skill
    known: bool = True             # False: an item of a skills list the taxonomy does not know
    level: str | None = None       # proficiency written beside it: "Advanced", "24 months"


@dataclass(frozen=True)
class Candidate:
    source: str
    readable: bool
    unreadable_reason: str | None
    name: str | None
    contact: Contact
    sections: tuple[Section, ...]
    skills: tuple[SkillHit, ...]
    experience: Experience
    education: Education
    certifications: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    soft_skills: tuple[SkillHit, ...] = ()   # soft and business skills, apart from `skills`
    document: Document | None = None
    _private = ("document",)


# ---------------------------------------------------------------- roles and fit

@dataclass(frozen=True)
class SkillRequirement:
    """One required or preferred item: a single skill, or any one of a group."""
    any_of: tuple[str, ...]        # skill ids
    weight: float = 1.0
    label: str = ""                # display name for a group ("a cloud platform")


@dataclass(frozen=True)
class RoleProfile:
    id: str
    title: str
    stage: str                     # entry/mid/senior
    summary: str
    required: tuple[SkillRequirement, ...]
    preferred: tuple[SkillRequirement, ...] = ()
    experience_years: tuple[float, float | None] = (0.0, None)
    education_level: str = "bachelor"          # expected minimum DEGREE_LEVEL
    education_fields: tuple[str, ...] = ()
    certifications: tuple[str, ...] = ()
    next_roles: tuple[str, ...] = ()
    learning: dict[str, str] = field(default_factory=dict)   # skill id or category -> advice
    weights: dict[str, float] = field(default_factory=dict)  # component -> max points
    source: str = ""
    order: int = field(default=0, compare=False)   # place in the roadmap's list of roles
    _private = ("order",)


@dataclass(frozen=True)
class Component:
    name: str                      # required_skills, preferred_skills, demonstrated, experience, ...
    points: float
    max_points: float
    detail: str                    # one sentence: why these points


@dataclass(frozen=True)
class MatchedSkill:
    id: str
    name: str
    required: bool
    weight: float
    credit: float                  # 0..1 share of the weight earned (related skills earn less)
    via: str | None                # skill id that gave credit when not the skill itself
    demonstrated: bool
    evidence: tuple[Evidence, ...]
    close: str = ""                # why a linked skill stands in ("XGBoost implies it"): close,
                                   # not found; "" when the CV names the skill itself


@dataclass(frozen=True)
class MissingSkill:
    id: str
    name: str
    required: bool
    weight: float
    advice: str


@dataclass(frozen=True)
class RoleFit:
    role: str
    title: str
    score: int                     # 0-100, sum of component points rounded
    components: tuple[Component, ...]
    matched: tuple[MatchedSkill, ...]
    missing: tuple[MissingSkill, ...]


# ---------------------------------------------------------------- ATS and template

@dataclass(frozen=True)
class AtsCheck:
    id: str
    title: str
    status: CheckStatus
    evidence: str
    advice: str


@dataclass(frozen=True)
class AtsReport:
    score: int
    checks: tuple[AtsCheck, ...]


@dataclass(frozen=True)
class TemplateSuggestion:
    name: str                      # "Classic CV", "TemplateA CV", "TemplateB CV", "Executive CV"
    id: str                        # classic, template-a, template-b, executive
    reasons: tuple[str, ...]


# ---------------------------------------------------------------- the report

@dataclass(frozen=True)
class KeywordCount:
    """A skill the job posting names, counted as a keyword in the posting and in the CV."""
    id: str
    name: str
    kind: Literal["required", "preferred", "soft"]
    in_posting: int
    in_cv: int


@dataclass(frozen=True)
class TitleMatch:
    """Does the CV carry the posting's job title (headline first, then the positions)?"""
    posting_title: str
    cv_title: str | None           # the CV's closest title, as printed
    where: str | None              # "headline", "current position" or "position"
    match: Literal["exact", "close", "partial", "none"]


@dataclass(frozen=True)
class PostingMatch:
    """`--jd`: the posting's own keywords with counts, and the job-title match."""
    source: str
    title: str
    role: str                      # id of the posting's profile among the fits
    closest_role: str
    keywords: tuple[KeywordCount, ...]
    title_match: TitleMatch


@dataclass(frozen=True)
class Report:
    candidate: Candidate
    fits: tuple[RoleFit, ...] = ()
    best_role: str | None = None
    next_roles: tuple[str, ...] = ()
    next_role_titles: tuple[str, ...] = ()   # display titles of next_roles, for rendering
    ats: AtsReport | None = None
    template: TemplateSuggestion | None = None
    posting: PostingMatch | None = None      # only when scored against a job posting

    def to_dict(self) -> dict[str, Any]:
        """The JSON report contract: candidate fields at the top level, then fit/ATS/template."""
        out: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
        out.update(to_dict(self.candidate))
        out["fits"] = [_fit_dict(f) for f in self.fits]
        out["best_role"] = self.best_role
        out["next_roles"] = list(self.next_roles)
        if self.ats is not None:
            out["ats"] = to_dict(self.ats)
        if self.template is not None:
            out["template"] = to_dict(self.template)
        if self.posting is not None:
            out["posting"] = to_dict(self.posting)
        return out


def _fit_dict(fit: RoleFit) -> dict[str, Any]:
    """A fit for JSON: components keyed by name (`fit["components"]["experience"]["points"]`),
    in the order they are scored."""
    out: dict[str, Any] = to_dict(fit)
    out["components"] = {c.name: {"points": c.points, "max_points": c.max_points, "detail": c.detail}
                         for c in fit.components}
    return out
