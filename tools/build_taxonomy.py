#!/usr/bin/env python3
"""Derive resume-match's extended skills taxonomy (skills_extended.yaml) from open data.

Sources (all CC BY 4.0; each file is checked against the sha256 recorded below and refused if
it differs, so the output can only come from the files this script was written for):

  onet     O*NET 29.2 Technology Skills (USDOL/ETA), "Technology Skills.xlsx": one row per
           (occupation, product); the product names ("Example") and their UNSPSC commodity
           class ("Commodity Title") are used.
  esco     ESCO 1.2.0 digital skills collection (European Commission),
           "digitalSkillsCollection_en.csv": preferred and alternative labels, skill type and
           the broader skill groups.
  explore  GitHub Explore topics (github/explore), topics/*/index.md front matter: display
           name, aliases, URLs, short description (checked as a manifest digest over files).

The O*NET and ESCO files are taken from the snapshot of victoriano/future-of-work-data
(data/raw/...), which keeps them as published. Do not use MoffApps/Skills: its ESCO
skills_en.csv has the alternative labels shifted by one row.

The curated taxonomy (role_profiles/skills/skills.yaml) keeps precedence: an entry whose name (or
vendor-less product name) is already a curated name/alias is dropped, and a derived alias
already owned by a curated skill is removed; both are reported as collisions.

Whether a form is an "ordinary word" is decided by a general rule, not by hand: its lowercase
form is a lowercase word in SCOWL (english/american/british/british_z words, sizes <= 50, the
standard size of a spell-checker dictionary; Debian package `scowl`), or a word of the
project's common_words.txt (function words and CV vocabulary; spaCy's English stop words are
a subset of these lists except contractions), or it is at most two characters long. Named
products whose every word is such a word ("Data Studio") are flagged as well.

Usage (the word lists come from Debian: `apt-get install scowl`). The two files can be taken
out of a bare snapshot of the repositories with git (the snapshot may lack its largest files,
so name the paths rather than all of data/raw):

  git --git-dir=FUTURE_OF_WORK.git archive e6aa2f1f7344 \\
      "data/raw/onet/29.2/Technology Skills.xlsx" \\
      data/raw/esco/1.2.0/digitalSkillsCollection_en.csv | tar -x -C SNAP
  git --git-dir=EXPLORE.git archive cc66c619fd3c topics | tar -x -C EXPLORE
  python3 tools/build_taxonomy.py --snapshot SNAP --explore EXPLORE \\
      --curated role_profiles/skills/skills.yaml \\
      --common-words resume_match/data/common_words.txt \\
      --generic-words resume_match/data/skill_context.yaml \\
      --out role_profiles/skills/skills_extended.yaml [--report build_report.json]

--generic-words drops names and aliases made only of words a CV uses around any skill (the
list labels, generic heads, level and stop words of the matcher's skill_context.yaml: 'Code',
'Development', 'Tool', 'Web', 'Programming language') or of two characters or fewer ('X',
'V', 'IO'): as a skill they would only ever match a heading or a list's filler.

Only the standard library and PyYAML are needed. The output is deterministic: the same
inputs (sources, curated file, word lists) give the same bytes, entries sorted by category,
then id. The word lists and the curated file change the output, so their digests are written
in the header; --common-words is optional only to let the script run without the project.
"""
from __future__ import annotations

import argparse
import collections
import csv
import hashlib
import html
import io
import json
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

# ----------------------------------------------------------------------------- the sources

SOURCES: dict[str, dict[str, Any]] = {
    "onet": {
        "title": "O*NET 29.2 Database, Technology Skills",
        "credit": "USDOL/ETA, O*NET 29.2 Database",
        "licence": "CC BY 4.0",
        "url": "https://www.onetcenter.org/database.html",
        "repo": "victoriano/future-of-work-data",
        "commit": "e6aa2f1f73448dcde7927d77ce260a693a543bf8",
        "path": "data/raw/onet/29.2/Technology Skills.xlsx",
        "sha256": "076c6dfb5cdd4ca5c45a24b163c625d27b249fe8a9bea6525bee0d7a84aafe7c",
    },
    "esco": {
        "title": "ESCO 1.2.0 digital skills collection (English)",
        "credit": "European Commission, ESCO classification v1.2.0",
        "licence": "CC BY 4.0",
        "url": "https://esco.ec.europa.eu/en/use-esco/download",
        "repo": "victoriano/future-of-work-data",
        "commit": "e6aa2f1f73448dcde7927d77ce260a693a543bf8",
        "path": "data/raw/esco/1.2.0/digitalSkillsCollection_en.csv",
        "sha256": "869f8f9772194e1850048867ff717941b653753194cd8aa7f8f4ad2af2166f32",
    },
    "explore": {
        "title": "GitHub Explore topics",
        "credit": "Content based on github.com/github/explore, used under the CC-BY-4.0 license",
        "licence": "CC BY 4.0",
        "url": "https://github.com/github/explore",
        "repo": "github/explore",
        "commit": "cc66c619fd3c4dd79bc7bca22f685af1e0a67f3d",
        "path": "topics/*/index.md",
        # sha256 of the manifest: one line "topics/<slug>/index.md<TAB><sha256 of file>" per
        # file, sorted by path, joined by "\n" (see manifest_digest()).
        "sha256": "57fd4e2998b1f5e837366e5e8ccd014983d330607e8ff451041f165bdbcb678c",
        "files": 1255,
    },
}

ONET_HEADER = ["O*NET-SOC Code", "Title", "Example", "Commodity Code", "Commodity Title",
               "Hot Technology", "In Demand"]
ESCO_HEADER = ["conceptType", "conceptUri", "preferredLabel", "status", "skillType",
               "reuseLevel", "altLabels", "description", "broaderConceptUri",
               "broaderConceptPT"]
ESCO_SEP = " | "          # this export joins alternative labels and groups with " | "

MAX_WORDS = 5             # longer names are descriptions, not what a CV lists
MAX_RELATED = 3

# ------------------------------------------------------------------------------ categories
# The curated categories where one fits, and four more for software the curated list does not
# cover (design and media tools, engineering/CAD/industrial, science, sector software).
CURATED_CATEGORIES = (
    "language", "ml-framework", "data-tool", "database", "cloud", "mlops", "math-statistics",
    "ml-method", "visualisation", "software-practice", "web", "mobile", "devops", "big-data",
    "bi-tool", "office", "nlp", "computer-vision", "hardware", "security", "business",
    "soft-skill")
NEW_CATEGORIES = ("design-media", "engineering", "science", "domain-software")
CATEGORIES = CURATED_CATEGORIES + NEW_CATEGORIES

# O*NET commodity class (UNSPSC title) -> category. Every one of the 135 classes is listed;
# an unknown class is an error (the file would not be the one this was written for).
ONET_CLASSES = {
    "language": [
        "Object or component oriented development software"],
    "software-practice": [
        "Development environment software", "Program testing software",
        "Configuration management software", "File versioning software",
        "Compiler and decompiler software", "Requirements analysis and system architecture software",
        "Graphical user interface development software"],
    "database": [
        "Data base management system software", "Data base user interface and query software",
        "Object oriented data base management software"],
    "bi-tool": [
        "Business intelligence and data analysis software", "Data base reporting software"],
    "visualisation": ["Charting software"],
    "data-tool": [
        "Data mining software", "Data conversion software", "Metadata management software",
        "Categorization or classification software", "Information retrieval or search software",
        "Expert system software", "Data compression software"],
    "cloud": ["Cloud-based management software"],
    "devops": [
        "Operating system software", "Network monitoring software", "Administration software",
        "Application server software", "Transaction server software", "Clustering software",
        "Enterprise system management software", "Backup or archival software",
        "Filesystem software", "Storage networking software", "Storage media loading software",
        "Device drivers or system software", "Graphics card driver software",
        "Printer driver software", "Network operating system enhancement software",
        "Network operation system software", "Switch or router software", "LAN software",
        "WAN switching software and firmware", "Gateway software", "Bridge software",
        "Optical network management software", "Platform interconnectivity software",
        "Network connectivity terminal emulation software", "Internet directory services software",
        "Communications server software", "Portal server software",
        "Internet protocol IP multimedia subsystem software",
        "Software defined networking/ virtualization software", "Wireless software",
        "License management software", "Enterprise application integration software",
        "Access software"],
    "security": [
        "Transaction security and virus protection software",
        "Network security or virtual private network VPN management software",
        "Network security and virtual private network VPN equipment software",
        "Authentication server software", "Cloud-based protection or security software"],
    "web": [
        "Web platform development software", "Web page creation and editing software",
        "Internet browser software"],
    "mobile": [
        "Mobile location based services software", "Mobile operator specific application software",
        "Mobile messaging service software"],
    "office": [
        "Word processing software", "Spreadsheet software", "Presentation software",
        "Office suite software", "Electronic mail software", "Calendar and scheduling software",
        "Desktop communications software", "Instant messaging software",
        "Video conferencing software", "Network conferencing software",
        "Document management software", "Spell checkers", "Dictionary software",
        "Label making software", "Fax software", "Optical character reader OCR or scanning software",
        "Content workflow software", "Cloud-based data access and sharing software"],
    "nlp": [
        "Voice recognition software", "Text to speech conversion software",
        "Voice synthesizer and recognition software", "Foreign language software"],
    "business": [
        "Enterprise resource planning ERP software", "Customer relationship management CRM software",
        "Human resources software", "Accounting software", "Financial analysis software",
        "Tax preparation software", "Time accounting software", "Procurement software",
        "Inventory management software",
        "Materials requirements planning logistics and supply chain software",
        "Point of sale POS software", "Sales and marketing software", "Project management software",
        "Helpdesk or call center software", "Contact center software",
        "Interactive voice response software", "Facilities management software",
        "Risk management data and analysis software", "Compliance software", "Audit software",
        "Legal management software", "Procedure management software",
        "Mailing and shipping software", "Bar coding software", "Process mapping and design software"],
    "design-media": [
        "Graphics or photo imaging software", "Video creation and editing software",
        "Music or sound editing software", "Desktop publishing software",
        "Computer imaging software", "Multi-media educational software", "Action games"],
    "engineering": [
        "Computer aided design CAD software", "Computer aided manufacturing CAM software",
        "Computer aided design CAD and computer aided manufacturing CAM system",
        "Industrial control software", "Manufacturing execution system MES software",
        "Flight control software", "Aviation ground support software", "Pattern design software",
        "Map creation software", "Geographic information system", "Route navigation software"],
    "science": ["Analytical or scientific software"],
    "domain-software": [
        "Medical software", "Library software", "Computer based training software"],
}
ONET_CLASS_CATEGORY = {c: cat for cat, classes in ONET_CLASSES.items() for c in classes}

# Keyword rules for ESCO (label + broader groups) and GitHub topics (name, description,
# related topics): the first rule that matches gives the category.
KEYWORD_RULES: list[tuple[str, str]] = [
    ("soft-skill", (r"\bthink (critically|creatively|analytically|innovatively)|\blead (others|a team)"
                   r"|\bwillingness to learn|\bmanage time|\badapt to change")),
    ("nlp", (r"natural language|speech recogni|text mining|language processing|translation memory"
            r"|machine translation|\bnlp\b|chatbot")),
    ("computer-vision", (r"computer vision|image recogni|image processing|object detection"
                        r"|optical character|\bocr\b|3d imaging")),
    ("ml-framework", r"(machine|deep) learning (library|framework|platform)|neural network (library|framework)"),
    ("ml-method", (r"machine learning|deep learning|artificial intelligence|neural network"
                  r"|reinforcement learning|\bai\b|\bllm|large language model")),
    ("math-statistics", r"statistic|mathemat|quantitative data|calculations|probabilit"),
    ("big-data", r"big data|hadoop|distributed (data|computing)|data lake|stream processing"),
    ("database", r"database|query language|\bsql\b|data warehouse|nosql"),
    ("bi-tool", r"business intelligence|dashboard|reporting tool"),
    ("data-tool", (r"data (mining|extraction|analysis|processing|science|quality|model)|\betl\b"
                  r"|digital data|analysing digital|data analytics|web analytics|inspect data"
                  r"|manage data|gather data|collect ict data")),
    ("visualisation", r"visuali[sz]ation|charting|plotting"),
    ("security", (r"security|penetration|protecting|privacy|cyber|encrypt|malware|firewall"
                 r"|authenticat|digital identity|vulnerab")),
    ("cloud", r"\bcloud\b|serverless|\baws\b|azure|google cloud"),
    ("mobile", r"\bmobile\b|android|\bios\b|smartphone"),
    ("web", r"\bweb\b|website|html|\bcss\b|style sheet|javascript|browser|webcms|e-commerce"),
    ("language", (r"programming language|\blanguage\b.*\bprogramming|scripting language"
                 r"|computer programming|programming computer|markup language")),
    ("devops", (r"network|operating system|\blinux\b|\bunix\b|server|container|kubernetes|devops"
               r"|continuous integration|configuration management|infrastructure|setting up computer"
               r"|\bict system|system administration|virtuali[sz]|cloud technolog|shell")),
    ("software-practice", (r"software|programming|development|testing|\bide\b|framework|version control"
                          r"|\bict\b|computer")),
    ("engineering", (r"building information|\bbim\b|\bcad\b|computer aided|drawing|electronic|electrical|automation|machinery"
                    r"|engineering|industrial|manufactur|robot|\bcnc\b|\bgis\b|mapping|gps"
                    r"|equipment|instrument|building information|\bbim\b")),
    ("design-media", (r"audio|video|sound|image|graphic|media|photo|print|animation|3d|design"
                     r"|artistic|music|game")),
    ("science", r"scien|chemi|biolog|physics|laborator|medical|clinical"),
    ("business", (r"business|marketing|financ|management|accounting|sales|procurement|project"
                 r"|administration|advertis|customer")),
    ("office", (r"office|document|word processing|spreadsheet|presentation|e-mail|email"
               r"|collaborat|communicat|information|computer use|digital tools|internet")),
]
_KEYWORD_RES = [(cat, re.compile(rx, re.IGNORECASE)) for cat, rx in KEYWORD_RULES]


def classify_text(text: str, default: str = "software-practice") -> str:
    """The first keyword rule that matches; `default` when none does."""
    for cat, rx in _KEYWORD_RES:
        if rx.search(text):
            return cat
    return default


# ------------------------------------------------------------------------ text utilities

_WS = re.compile(r"\s+")
MOJIBAKE = re.compile("Ã.|â€|Â[\xa0-\xbf ]|\ufffd|Ã$")
HTML = re.compile(r"<[a-zA-Z/!][^>]*>|&(?:[a-zA-Z]+|#\d+);")
VERSION_ONLY = re.compile(r"^(?:v(?:ersion)?\.?\s*)?\d+(?:[.\-]\d+)*[a-z]?$", re.IGNORECASE)


def clean(text: str) -> str:
    """HTML entities decoded ('Tradesman&apos;s'), NFKC (no-break spaces become spaces), white
    space collapsed, curly quotes straightened."""
    text = unicodedata.normalize("NFKC", html.unescape(text))
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-")
    return _WS.sub(" ", text).strip()


_SPELLING = ((r"isation", "ization"), (r"ise\b", "ize"), (r"yse\b", "yze"), (r"ysing", "yzing"),
             (r"modelling", "modeling"), (r"labelling", "labeling"), (r"behaviour", "behavior"),
             (r"colour", "color"), (r"centre\b", "center"), (r"catalogue", "catalog"))
_KEY_TOKEN = re.compile(r"[a-z0-9+#]+")


def norm_key(text: str) -> str:
    """The key two forms share when a CV matcher would treat them as one: casefolded, '&' as
    'and', UK spellings as US, punctuation/hyphens/spaces dropped, a plural last word of five
    letters or more singular ('Data pipelines', 'Databases'; not 'Canvas', 'Kubernetes' -> both
    sides lose the same 's', so keys still agree)."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold().replace("&", " and ")
    for a, b in _SPELLING:
        s = re.sub(a, b, s)
    words = _KEY_TOKEN.findall(s)
    if not words:
        return ""
    last = words[-1]
    if len(last) > 4 and last.isalpha():
        if last.endswith("ies"):
            last = last[:-3] + "y"
        elif last.endswith("s") and not last.endswith(("ss", "us", "is", "as", "os", "ics")):
            last = last[:-1]
        words[-1] = last
    return "".join(words)


def slug(text: str) -> str:
    s = unicodedata.normalize("NFKD", text)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    s = s.replace("c++", "cpp").replace("c#", "csharp").replace("f#", "fsharp")
    s = s.replace("++", "pp").replace("+", "-plus").replace("#", "-sharp").replace("&", "-and-")
    s = s.replace(".net", "-dotnet").replace("'", "")
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s or "skill"


def word_count(text: str) -> int:
    return len(text.split())


def is_acronym_token(tok: str) -> bool:
    """'CAD', 'BPM', 'CAD/CAM', 'HL7', 'SaaS'-like short capitals (at least two capitals)."""
    core = tok.strip("()")
    return (2 <= len(core) <= 10 and sum(ch.isupper() for ch in core) >= 2
            and not any(ch.islower() for ch in core[1:] if ch.isalpha() and core.isupper())
            and re.fullmatch(r"[A-Z][A-Za-z0-9/&+\-]*", core) is not None
            and sum(ch.isupper() for ch in core) >= len([c for c in core if c.isalpha()]) * 0.6)


_SMALL = {"of", "and", "for", "the", "a", "an", "in", "on", "to", "with", "&", "or", "by"}


def acronym_run(words: list[str], acr: str) -> int:
    """How many words just before an acronym it abbreviates (0 if none): 'Computer aided design
    CAD' -> 3; prefixes count ('Nutrition Balance NUTBAL'); small words may be skipped."""
    letters = re.sub(r"[^A-Za-z0-9]", "", acr).lower()
    if len(letters) < 2:
        return 0
    best = 0
    for start in range(len(words) - 1, -1, -1):
        parts = [re.sub(r"[^A-Za-z0-9]", "", p).lower() for w in words[start:]
                 for p in re.split(r"[-/]", w)]
        if _abbreviates(letters, parts):
            best = len(words) - start
    return best if best >= 2 else 0


def _abbreviates(letters: str, run: list[str]) -> bool:
    """letters == concatenation of a non-empty prefix of each word (small words may give none)."""
    if not run:
        return not letters
    head, rest = run[0], run[1:]
    if not head:
        return _abbreviates(letters, rest)
    if head in _SMALL and _abbreviates(letters, rest):
        return True
    for n in range(min(len(head), len(letters)), 0, -1):
        if letters[:n] == head[:n] and _abbreviates(letters[n:], rest):
            return True
    return False


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_sha(path: Path, source: str) -> None:
    want = SOURCES[source]["sha256"]
    got = sha256_file(path)
    if got != want:
        sys.exit(f"{path}: sha256 {got} is not the {source} file this script was written for "
                 f"({want}); refusing to build from a different file")


# ------------------------------------------------------------------------ ordinary words

class Words:
    """The ordinary-word rule (see the module docstring)."""

    SCOWL_KINDS = ("english", "american", "british", "british_z")
    SCOWL_MAX = 50

    def __init__(self, scowl_dir: Path, common_words: Path | None) -> None:
        self.words: set[str] = set()
        files = []
        for p in sorted(scowl_dir.iterdir()):
            m = re.fullmatch(r"([a-z_]+)-words\.(\d+)", p.name)
            if m and m.group(1) in self.SCOWL_KINDS and int(m.group(2)) <= self.SCOWL_MAX:
                files.append(p)
        if not files:
            sys.exit(f"{scowl_dir}: no SCOWL word lists (english-words.NN ...); "
                     "install Debian's `scowl` package or pass --words")
        digest = hashlib.sha256()
        for p in files:
            data = p.read_bytes()
            digest.update(p.name.encode() + b"\0" + data)
            self.words.update(w for w in data.decode("latin-1").split("\n") if w and w.islower())
        self.cv_words: set[str] = set()
        if common_words is not None:
            for line in common_words.read_text(encoding="utf-8").splitlines():
                if not line.startswith("#"):
                    self.cv_words.update(w.lower() for w in line.split())
            digest.update(b"common\0" + common_words.read_bytes())
        self.words |= self.cv_words
        # capitalised everyday words (nationalities, months: 'American', 'January'), sizes <= 35
        self.upper_common: set[str] = set()
        for p in sorted(scowl_dir.iterdir()):
            if re.fullmatch(r"(english|american|british)-upper\.(10|20|35)", p.name):
                data = p.read_bytes()
                digest.update(p.name.encode() + b"\0" + data)
                files.append(p)
                self.upper_common.update(w.casefold() for w in data.decode("latin-1").split("\n") if w)
        self.common20: set[str] = set()
        for p in files:
            if "-words." in p.name and int(p.name.rsplit(".", 1)[1]) <= 20:
                self.common20.update(w for w in p.read_text(encoding="latin-1").split("\n")
                                     if w and w.islower())
        self.digest = digest.hexdigest()
        self.files = [p.name for p in files]

    def very_common(self, token: str) -> bool:
        """Among the ~8,000 most common English words (SCOWL sizes 10 and 20)."""
        return token.lower() in self.common20

    def is_word(self, token: str) -> bool:
        t = token.strip(".,;:!?()[]'\"").lower()
        return bool(t) and (t in self.words or (t.endswith("'s") and t[:-2] in self.words))

    def ordinary(self, form: str, named: bool) -> bool:
        """A form that is an ordinary word: one dictionary/CV word, a form of two characters or
        less, or (for named products) a phrase of such words only ('Data Studio')."""
        core = form.strip(".,;:!?()[]'\"")
        if len(re.sub(r"[^A-Za-z0-9]", "", core)) <= 2:
            return True
        tokens = core.split()
        if len(tokens) == 1:
            return self.is_word(tokens[0])
        # a phrase: only plainly written words ('Master Estimator'; not 'Freedom Scientific MAGic'
        # nor 'ACT Contractors Forms', whose capitals mark a name)
        return named and all(self.is_word(t) and (t[1:].islower() or not t[1:].isalpha())
                             and not re.search(r"\d", t) for t in tokens)


# ------------------------------------------------------------------------------ candidates

@dataclass
class Cand:
    name: str
    tier: str                     # named | concept
    category: str
    source: str                   # onet | esco | explore
    aliases: list[str] = field(default_factory=list)
    strong: list[str] = field(default_factory=list)   # aliases that may merge two candidates
    acronyms: list[str] = field(default_factory=list)  # aliases that abbreviate the name
    hot: bool = False
    ref: str = ""


class Stats(collections.OrderedDict):
    def add(self, key: str, n: int = 1) -> None:
        self[key] = self.get(key, 0) + n


# ------------------------------------------------------------------------------- O*NET

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def read_xlsx(path: Path) -> list[list[str]]:
    """The first sheet as rows of strings (stdlib only: an .xlsx is a zip of XML parts)."""
    with zipfile.ZipFile(path) as z:
        shared = []
        if "xl/sharedStrings.xml" in z.namelist():
            for si in ET.fromstring(z.read("xl/sharedStrings.xml")).iter(NS + "si"):
                shared.append("".join(t.text or "" for t in si.iter(NS + "t")))
        sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
    out = []
    for row in sheet.iter(NS + "row"):
        cells: dict[int, str] = {}
        for c in row.iter(NS + "c"):
            m = re.match(r"[A-Z]+", c.get("r", ""))
            if m is None:
                sys.exit(f"{path}: a cell without a reference")
            col = 0
            for ch in m.group():
                col = col * 26 + ord(ch) - 64
            v = c.find(NS + "v")
            kind = c.get("t")
            if kind == "s" and v is not None and v.text is not None:
                val = shared[int(v.text)]
            elif kind == "inlineStr":
                val = "".join(t.text or "" for t in c.iter(NS + "t"))
            else:
                val = v.text if v is not None and v.text is not None else ""
            cells[col - 1] = val
        if cells:
            out.append([cells.get(i, "") for i in range(max(cells) + 1)])
    return out


CORP_SUFFIX = {"software", "systems", "system", "technologies", "technology", "corporation", "corp",
               "inc", "inc.", "incorporated", "group", "associates", "solutions", "labs",
               "laboratories", "international", "company", "co", "co.", "ltd", "ltd.", "llc",
               "gmbh", "ag", "oy", "ab", "limited", "sa", "plc", "consulting", "computing",
               "microsystems", "graphics", "instruments", "scientific", "informatics", "networks"}
# Vendors whose name is also a dictionary word (the automatic rule below skips dictionary
# words, which are mostly generic first words such as 'Scientific' or 'Computer').
KNOWN_VENDORS = {"Oracle", "Adobe", "Apple", "Google", "Amazon", "Sage", "Cadence", "Intuit", "Avid",
                 "Red Hat", "Mentor Graphics", "National Instruments", "Hewlett Packard",
                 "Hewlett-Packard", "Computer Associates", "The MathWorks", "MathWorks",
                 "Side Effects", "Unity Technologies", "Thomson Reuters", "Salesforce"}
VENDOR_SHORT = {"Microsoft": "MS"}
GENERIC_TAIL = {"software", "systems", "system", "applications", "application", "programs",
                "program", "tools", "tool", "suite", "package", "packages", "platform",
                "database", "databases", "libraries", "library", "collections", "sites",
                "services", "calculators", "calculator", "simulators", "modules", "codes"}


class OnetNames:
    """Splits O*NET product names: vendor prefix, trailing acronym, 'software' boilerplate."""

    def __init__(self, names: Iterable[str], words: Words) -> None:
        self.words = words
        firsts: dict[str, list[list[str]]] = collections.defaultdict(list)
        for n in names:
            toks = self._strip_the(n.split())
            if len(toks) > 1:
                firsts[toks[0].casefold()].append(toks[1:])
        self.vendors: set[str] = set()
        self.vendor_len: dict[str, int] = {}     # 'avaaz' -> 2: 'Avaaz Innovations ...'
        for first, rests in firsts.items():
            proper = sum(1 for r in rests if re.search(r"[A-Z0-9]", " ".join(r)))
            if (len(rests) >= 3 and proper >= 0.8 * len(rests) and not words.is_word(first)
                    and first not in words.upper_common and re.search(r"[a-z]", first)):
                self.vendors.add(first)
                # a vendor of several words: every product shares the next word(s)
                width = 1
                while all(len(r) > width for r in rests) and \
                        len({r[width - 1].casefold() for r in rests}) == 1:
                    width += 1
                self.vendor_len[first] = width
        self.known = {v.casefold() for v in KNOWN_VENDORS}

    @staticmethod
    def _strip_the(toks: list[str]) -> list[str]:
        return toks[1:] if len(toks) > 2 and toks[0] == "The" else toks

    def vendor_split(self, toks: list[str]) -> tuple[list[str], list[str], bool]:
        """(vendor tokens, product tokens, vendor is a company name with a corporate suffix)."""
        toks = self._strip_the(toks)
        vendor: list[str] = []
        for n in (3, 2, 1):
            if len(toks) > n and " ".join(toks[:n]).casefold() in self.known:
                vendor, product = toks[:n], toks[n:]
                break
        if not vendor and len(toks) > 1 and toks[0].casefold() in self.vendors:
            n = self.vendor_len[toks[0].casefold()]
            vendor, product = toks[:n], toks[n:]
        if vendor:
            # 'G&P Engineering Software EngVert': the rest of a company name before the product
            for i in range(min(len(product) - 2, 3), -1, -1):
                if product[i].casefold() in CORP_SUFFIX and all(t[:1].isupper() for t in product[:i + 1]) \
                        and self.product_ok(product[i + 1:]):
                    return vendor + product[:i + 1], product[i + 1:], True
            return vendor, product, False
        # 'Vogel Scientific Software Group CALACO': the last corporate word before the product
        for i in range(min(len(toks) - 2, 4), 0, -1):
            if toks[i].casefold() in CORP_SUFFIX and toks[0][0].isupper() and \
                    all(t[0].isupper() or t in {"of", "&", "and"} for t in toks[:i + 1]) and \
                    toks[0].casefold() not in self.vendors and self.product_ok(toks[i + 1:]):
                return toks[:i + 1], toks[i + 1:], True
        return [], toks, False

    def product_ok(self, product: list[str]) -> bool:
        """What is left after a company name must itself read as a product: 'LWC-Plus', not
        'and Spa', 'Environment' or 'Spa Management' (then the whole name is kept)."""
        if not product or not re.match(r"[A-Z0-9$]", product[0]):
            return False
        return not self.words.ordinary(" ".join(product), True)

    def generic(self, toks: list[str]) -> bool:
        """'Cost accounting software', 'Aircraft regulation databases': a class of software
        described in ordinary words (sentence case, every later word lowercase)."""
        if not toks:
            return True
        if len(toks) == 1:
            return toks[0].casefold() in GENERIC_TAIL
        first_ok = self.words.is_word(toks[0]) or toks[0].casefold() in GENERIC_TAIL \
            or re.fullmatch(r"\d+D?|[A-Z]", toks[0]) is not None \
            or (toks[-1].casefold() in GENERIC_TAIL       # 'Anthropometric databases',
                and (len(toks) >= 3                        # not 'Alteryx software'
                     or re.search(r"(al|ic|ics|ive|ary|ing|ed)$", toks[0].lower()) is not None))
        return first_ok and all(not re.search(r"[A-Z0-9]", t) for t in toks[1:])


def onet_candidates(path: Path, words: Words, stats: Stats, integ: dict) -> list[Cand]:
    rows = read_xlsx(path)
    header, body = rows[0], rows[1:]
    if header != ONET_HEADER:
        sys.exit(f"{path}: unexpected header {header}")
    integ.update(onet_integrity(header, body))
    classes: dict[str, set[str]] = collections.defaultdict(set)
    hot: set[str] = set()
    for r in body:
        classes[r[2]].add(r[4])
        if r[5] == "Y":
            hot.add(r[2])
    unknown = sorted({c for cs in classes.values() for c in cs} - set(ONET_CLASS_CATEGORY))
    if unknown:
        sys.exit(f"{path}: commodity classes without a category: {unknown}")
    names = sorted(classes)
    stats.add("onet: distinct product names", len(names))
    splitter = OnetNames(names, words)
    out = []
    for raw in names:
        cats = sorted(ONET_CLASS_CATEGORY[c] for c in classes[raw])
        # the most frequent category among the product's classes, ties by name
        category = collections.Counter(cats).most_common(1)[0][0]
        c = onet_one(raw, splitter, category, stats)
        if c is not None:
            c.hot = raw in hot
            c.ref = raw
            out.append(c)
    return out


def onet_one(raw: str, sp: OnetNames, category: str, stats: Stats) -> Cand | None:
    name = clean(raw)
    aliases: list[str] = []
    acros: list[str] = []
    # parentheses: an acronym is an alias, '(analytical or scientific feature)' is dropped
    for inner in re.findall(r"\(([^()]*)\)", name):
        if is_acronym_token(inner.strip()):
            aliases.append(inner.strip())
            acros.append(inner.strip())
    name = clean(re.sub(r"\s*\([^()]*\)", " ", name))
    toks = name.split()
    if not toks or VERSION_ONLY.match(name):
        stats.add("onet: dropped, empty or version only")
        return None
    had_software = False
    if len(toks) > 1 and toks[-1].casefold() in {"software", "systems", "system"}:
        had_software = toks[-1].casefold() == "software"
        core = toks[:-1]
    else:
        core = toks
    # an acronym inside the name ('American Sign Language ASL browser'): an alias, out of the name
    for i in range(len(core) - 2, 1, -1):
        if is_acronym_token(core[i]) and acronym_run(core[:i], core[i]):
            acros.append(core[i])
            aliases.append(core[i])
            core = core[:i] + core[i + 1:]
            break
    acr = None
    run = 0
    if len(core) >= 3 and is_acronym_token(core[-1]):
        run = acronym_run(core[:-1], core[-1])
        if run:
            acr = core[-1]
            acros.append(acr)
    if acr:
        expansion = core[-1 - run:-1]
        before = core[:-1 - run]
        exp_lower = all(not re.search(r"[A-Z0-9]", t) for t in expansion[1:])
        if not before and exp_lower:
            if had_software or toks[-1].casefold() in {"systems", "system"}:
                # 'Computer aided design CAD software' -> the concept 'Computer aided design'
                exp = " ".join(expansion)
                if word_count(exp) > MAX_WORDS:
                    stats.add("onet: dropped, over 5 words")
                    return None
                stats.add("onet: generic class with acronym -> concept")
                return Cand(exp, "concept", category, "onet", aliases=[acr] + aliases,
                            acronyms=acros)
            # 'Common business oriented language COBOL' -> COBOL, the expansion an alias
            exp = " ".join(expansion)
            stats.add("onet: acronym named, expansion as alias")
            als = [exp] if word_count(exp) <= MAX_WORDS else []
            return Cand(acr, "named", category, "onet", aliases=als + aliases, strong=als)
        core_wo = before + expansion
    else:
        core_wo = core
    if sp.generic(core_wo) or (had_software and sp.generic(core_wo + ["software"])):
        stats.add("onet: dropped, generic class label ('... software')")
        return None
    vendor, product, corporate = sp.vendor_split(core_wo)
    if vendor and product and sp.generic(product):
        stats.add("onet: dropped, generic class label ('... software')")
        return None
    full = " ".join(core_wo)
    strong: list[str] = []
    if vendor and product:
        prod = " ".join(product)
        if corporate:
            # 'ASR Software LWC-Plus' -> 'LWC-Plus': nobody writes the company's legal name
            name = prod
            if acr:
                aliases.append(acr)
        else:
            name = full
            # 'Microsoft Excel' -> 'Excel' (flagged as an ordinary word later, like 'Paint')
            aliases.append(prod)
            strong.append(prod)
            short = VENDOR_SHORT.get(vendor[0])
            if short:
                aliases.append(f"{short} {prod}")
            if acr:
                aliases += [acr, f"{' '.join(vendor)} {acr}"]
    else:
        name = full
        if acr:
            aliases.append(acr)
    if had_software and len(core_wo) == 1:
        aliases.append(raw if "(" not in raw else f"{core_wo[0]} software")
    if word_count(name) > MAX_WORDS:
        if strong and word_count(strong[0]) <= MAX_WORDS:
            stats.add("onet: long name, vendor-less product kept")
            name = strong[0]
        else:
            stats.add("onet: dropped, over 5 words")
            return None
    stats.add("onet: kept (before merging and the curated check)")
    return Cand(name, "named", category, "onet", aliases=aliases, strong=strong, acronyms=acros)


def onet_integrity(header: list[str], body: list[list[str]]) -> dict:
    width = collections.Counter(len(r) for r in body)
    code_title = collections.defaultdict(set)
    soc_title = collections.defaultdict(set)
    for r in body:
        code_title[r[3]].add(r[4])
        soc_title[r[0]].add(r[1])
    dup_rows = len(body) - len({tuple(r) for r in body})
    pair_dups = len(body) - len({(r[0], r[2]) for r in body})
    texts = [v for r in body for v in r]
    names = [r[2] for r in body]
    return {
        "rows": len(body), "columns": len(header), "row_widths": dict(width),
        "distinct_products": len(set(names)),
        "distinct_classes": len({r[4] for r in body}),
        "class_codes": len(code_title),
        "codes_with_more_than_one_title": sum(1 for v in code_title.values() if len(v) > 1),
        "occupations": len(soc_title),
        "soc_codes_with_more_than_one_title": sum(1 for v in soc_title.values() if len(v) > 1),
        "soc_code_format_bad": sum(1 for r in body if not re.fullmatch(r"\d\d-\d{4}\.\d\d", r[0])),
        "commodity_code_format_bad": sum(1 for r in body if not re.fullmatch(r"\d{8}", r[3])),
        "flag_values": {"Hot Technology": dict(collections.Counter(r[5] for r in body)),
                        "In Demand": dict(collections.Counter(r[6] for r in body))},
        "duplicate_rows": dup_rows, "duplicate_occupation_product_pairs": pair_dups,
        "products_in_more_than_one_class": sum(
            1 for v in _group(body, 2, 4).values() if len(v) > 1),
        "empty_names": sum(1 for n in names if not n.strip()),
        "names_with_outer_or_double_spaces": len({n for n in names if n != n.strip() or "  " in n}),
        "names_distinct_only_by_case": len(set(names)) - len({n.casefold() for n in names}),
        "mojibake_cells": sum(1 for t in texts if MOJIBAKE.search(t)),
        "html_cells": sum(1 for t in texts if HTML.search(t)),
        "non_ascii_names": sorted({n for n in names if re.search(r"[^\x00-\x7f]", n)}),
        "version_only_names": sorted({n for n in names if VERSION_ONLY.match(n.strip())}),
    }


def _group(rows: list[list[str]], k: int, v: int) -> dict[str, set[str]]:
    out: dict[str, set[str]] = collections.defaultdict(set)
    for r in rows:
        out[r[k]].add(r[v])
    return out


# ------------------------------------------------------------------------------- ESCO

ESCO_STOP = {"and", "or", "of", "the", "a", "an", "to", "in", "for", "on", "with", "use", "using",
             "ict", "software", "systems", "system", "by", "from", "at"}
LIGHT_VERBS = ("use", "utilise", "utilize", "apply", "employ", "perform", "conduct", "carry out",
               "execute", "implement", "operate", "work with")
NOISE_ALT = re.compile(r"^(types|kinds|principles|theory|theories|basics|fundamentals|concepts"
                       r"|elements|forms|features|methods|characteristics|areas) of\b", re.IGNORECASE)


def stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z0-9+#]+", text.lower())
            if w not in ESCO_STOP and len(w) > 1}


def esco_integrity(rows: list[dict], header: list[str], raw_widths: collections.Counter) -> dict:
    def alts(r: dict) -> list[str]:
        return [a for a in r["altLabels"].split(ESCO_SEP) if a.strip()] if r["altLabels"] else []

    def share_rate(pairs: list[tuple[str, list[str]]]) -> float:
        n = hit = 0
        for pref, als in pairs:
            pw = stems(pref)
            for a in als:
                n += 1
                hit += bool(pw & stems(a))
        return round(hit / n, 4) if n else 0.0

    prefs = [r["preferredLabel"] for r in rows]
    aligned = share_rate([(r["preferredLabel"], alts(r)) for r in rows])
    shifted = {k: share_rate([(rows[i]["preferredLabel"], alts(rows[(i + k) % len(rows)]))
                              for i in range(len(rows))]) for k in (1, -1)}
    desc = round(sum(bool(stems(r["preferredLabel"]) & stems(r["description"])) for r in rows)
                 / len(rows), 4)
    desc_shift = round(sum(bool(stems(rows[i]["preferredLabel"])
                                & stems(rows[(i + 1) % len(rows)]["description"]))
                           for i in range(len(rows))) / len(rows), 4)
    all_alts = [a for r in rows for a in alts(r)]
    texts = [r[k] for r in rows for k in ("preferredLabel", "altLabels", "description")]
    alt_owner = collections.Counter(a.casefold() for r in rows for a in set(alts(r)))
    return {
        "rows": len(rows), "columns": len(header), "row_widths": dict(raw_widths),
        "alt_labels": len(all_alts), "concepts_with_alt_labels": sum(1 for r in rows if alts(r)),
        "distinct_uris": len({r["conceptUri"] for r in rows}),
        "distinct_preferred_labels_casefold": len({p.casefold() for p in prefs}),
        "empty_preferred_labels": sum(1 for p in prefs if not p.strip()),
        "concept_types": dict(collections.Counter(r["conceptType"] for r in rows)),
        "status": dict(collections.Counter(r["status"] for r in rows)),
        "skill_types": dict(collections.Counter(r["skillType"] for r in rows)),
        "reuse_levels": dict(collections.Counter(r["reuseLevel"] for r in rows)),
        "uri_format_bad": sum(1 for r in rows if not re.fullmatch(
            r"http://data\.europa\.eu/esco/skill/[0-9a-f\-]{36}", r["conceptUri"])),
        "rows_sorted_by_uri": [r["conceptUri"] for r in rows] == sorted(r["conceptUri"] for r in rows),
        "alt_label_word_share_aligned": aligned,
        "alt_label_word_share_shifted": shifted,
        "description_word_share_aligned": desc, "description_word_share_shifted_1": desc_shift,
        "alt_labels_shared_by_several_concepts": sum(1 for n in alt_owner.values() if n > 1),
        "alt_labels_equal_to_another_preferred_label": sum(
            1 for r in rows for a in alts(r)
            if a.casefold() in {p.casefold() for p in prefs} and a.casefold() != r["preferredLabel"].casefold()),
        "labels_with_outer_or_double_spaces": sum(
            1 for r in rows for s in [r["preferredLabel"]] + alts(r) if s != s.strip() or "  " in s),
        "labels_with_no_break_space": sum(1 for r in rows for s in [r["preferredLabel"]] + alts(r)
                                          if "\xa0" in s),
        "mojibake_fields": sum(1 for t in texts if MOJIBAKE.search(t)),
        "html_fields": sum(1 for t in texts if HTML.search(t)),
        "non_ascii_label_characters": sorted({ch for r in rows
                                              for s in [r["preferredLabel"], r["altLabels"]]
                                              for ch in s if ord(ch) > 127}),
    }


def esco_named(label: str, had_paren: bool, words: Words | None = None) -> bool:
    """A product/proper name ('KDevelop', 'SAP Data Services', 'C++') rather than a concept
    ('ICT network routing', 'web analytics', 'Spiral development')."""
    if had_paren:
        return True
    toks = label.split()
    if not toks:
        return False
    if re.search(r"[+#]|\d", label) and not re.search(r"\b\d+D\b", label, re.IGNORECASE):
        return True
    if len(toks) > 1 and words is not None and words.is_word(toks[0]) and toks[0][1:].islower() \
            and all(not re.search(r"[A-Z]", t) for t in toks[1:]):
        return False          # sentence case: 'Spiral development'
    for t in toks:
        letters = [c for c in t if c.isalpha()]
        if not letters:
            continue
        if t[0].isupper() and not (t.isupper() and len(letters) <= 4):
            return True
        if any(c.isupper() for c in t[1:]) and not t.isupper():
            return True   # camel case: 'KDevelop'
    return len(toks) == 1 and toks[0].isupper() and len(toks[0]) >= 2


_ALT_TAIL = re.compile(r"\s+(operating|using|use|usage|utilisation|utilization|providing|"
                       r"setting up|handling|utilising|utilizing|employing|installing|"
                       r"implementing|applying|conducting|performing|executing|execution|"
                       r"performance|undertaking)$", re.IGNORECASE)


def esco_alt(a: str) -> str:
    """'knowledge of object-oriented modelling' -> 'object-oriented modelling'; 'milk control
    software operating' -> 'milk control software'; a trailing '(...)' note is dropped."""
    a = re.sub(r"\s*\(([^()]*)\)\s*$", "", a).strip() or a
    a = re.sub(r"^(knowledge|understanding|awareness) of\s+|^(a|an|the)\s+", "", a, flags=re.IGNORECASE)
    return _ALT_TAIL.sub("", a).strip()


def esco_candidates(path: Path, words: Words, stats: Stats, integ: dict) -> list[Cand]:
    text = path.read_text(encoding="utf-8")
    raw_rows = list(csv.reader(io.StringIO(text, newline="")))
    header = raw_rows[0]
    if header != ESCO_HEADER:
        sys.exit(f"{path}: unexpected header {header}")
    widths = collections.Counter(len(r) for r in raw_rows[1:])
    rows = [dict(zip(header, r)) for r in raw_rows[1:]]
    integ.update(esco_integrity(rows, header, widths))
    if integ["alt_label_word_share_aligned"] < 0.5 or \
            integ["alt_label_word_share_aligned"] < 5 * max(integ["alt_label_word_share_shifted"].values()):
        sys.exit(f"{path}: alternative labels do not match their preferred labels: columns shifted?")
    stats.add("esco: concepts", len(rows))
    # ESCO words its competences as imperatives ('analyse cell cultures'): their first words
    # are the verbs, less those that also start a knowledge label ('control systems')
    verbs = {r["preferredLabel"].split()[0].lower() for r in rows
             if r["skillType"] == "skill/competence" and r["preferredLabel"].strip()}
    verbs -= {r["preferredLabel"].split()[0].lower() for r in rows if r["skillType"] == "knowledge"}
    verbs |= {"use", "using", "utilize", "utilise"}
    # ESCO's paraphrase verbs ('undertake ICT troubleshooting', 'complete image editing')
    verbs |= {"undertake", "complete", "furnish", "watch", "arrange", "act", "refine", "carry",
              "do", "run", "adopt", "handle", "employ", "execute", "perform", "conduct", "apply",
              "implement", "provide", "ensure", "illustrate", "moderate", "be", "make", "get"}
    # ... and the first words that start several competence alt labels ('undertake ...',
    # 'complete ...') but no word of any knowledge label ('hardware testing' stays a noun)
    knowledge_stems = {w[:5] for r in rows if r["skillType"] == "knowledge"
                       for lab in [r["preferredLabel"], *r["altLabels"].split(ESCO_SEP)]
                       for w in re.findall(r"[a-z]+", lab.lower())}
    alt_first = collections.Counter(a.split()[0].lower() for r in rows
                                    if r["skillType"] == "skill/competence"
                                    for a in r["altLabels"].split(ESCO_SEP) if a.split())
    # (a verb shows an -ing form somewhere in the labels or descriptions: 'check' - 'checking')
    corpus = set(re.findall(r"[a-z]+ing\b", " ".join(
        f"{r['preferredLabel']} {r['altLabels']} {r['description']}" for r in rows).lower()))
    verbs |= {w for w, n in alt_first.items() if n >= 2 and w[:5] not in knowledge_stems
              and w.isalpha() and not w.endswith(("ing", "ion", "ment"))
              and ({w + "ing", w[:-1] + "ing", w + w[-1:] + "ing"} & corpus)}
    verbs |= {v.replace("ise", "ize") for v in verbs} | {v.replace("yse", "yze") for v in verbs}

    def verbal(label: str) -> bool:
        first = label.split()[0].lower() if label.split() else ""
        if first in verbs:
            return True
        return first.endswith("ing") and (first[:-3] in verbs or first[:-3] + "e" in verbs
                                          or first[:-4] in verbs)

    def competence_noun(base: str, alts: list[str]) -> tuple[str | None, str]:
        low = base.lower()
        for v in LIGHT_VERBS:
            if low.startswith(v + " "):
                obj = re.sub(r"^(a|an|the)\s+", "", base[len(v) + 1:], flags=re.IGNORECASE)
                if obj and not verbal(obj) and word_count(obj) <= MAX_WORDS and \
                        not re.search(r"\b(to|in|for|with|on|by)\b", obj):
                    return obj, "light verb"
                return None, ""
        # 'test hardware' -> 'hardware testing', 'manage data' -> 'data resource management':
        # an alt label ending in a noun made from the imperative's verb
        verb = low.split()[0]
        stem = verb[:4] if len(verb) >= 5 else verb
        pool = [esco_alt(a) for a in alts]
        nominal = sorted({a for a in pool
                          if a and not verbal(a) and not esco_named(a, False, words)
                          and 2 <= word_count(a) <= MAX_WORDS
                          and a.split()[-1].lower().startswith(stem)
                          and stems(a) & stems(base[len(verb):])
                          and not NOISE_ALT.match(a)
                          and not re.search(r"\b(of|for|to|with|in|on|by)\b", a)},
                         key=lambda a: (word_count(a), len(a), a.casefold()))
        if nominal:
            return nominal[0], "nominal alt"
        return None, ""

    out: list[Cand] = []
    for r in rows:
        pref = clean(r["preferredLabel"])
        uris = r["broaderConceptUri"].split(ESCO_SEP)
        pts = r["broaderConceptPT"].split(ESCO_SEP)
        # the broader skill groups (ISCED fields of education are too broad to say much)
        groups = " ; ".join(pt for uri, pt in zip(uris, pts) if "/isced-f/" not in uri) \
            if len(uris) == len(pts) else " ; ".join(pts)
        alts = [clean(a) for a in r["altLabels"].split(ESCO_SEP)] if r["altLabels"] else []
        alts = [a for a in alts if a]
        uuid = r["conceptUri"].rsplit("/", 1)[-1]
        paren = re.search(r"\s*\(([^()]*)\)\s*$", pref)
        hint = paren.group(1) if paren else ""
        base = pref[:paren.start()].strip() if paren else pref
        knowledge = r["skillType"] == "knowledge"
        if knowledge:
            name: str | None = base
            stats.add("esco: knowledge concepts")
        else:
            stats.add("esco: skill/competence concepts")
            name, how = competence_noun(base, alts)
            if name is None:
                stats.add("esco: competence with no noun-phrase label (its product alt labels "
                          "may still be kept)")
            else:
                stats.add({"light verb": "esco: competence -> object of a light verb ('use X' -> X)",
                           "nominal alt": "esco: competence -> alt label nominalising its verb "
                                          "('test hardware' -> 'hardware testing')"}[how])
        named = name is not None and esco_named(name, paren is not None and knowledge, words)
        label_cat = classify_text(f"{name or base} ; {hint}", default="")
        category = label_cat or classify_text(groups)
        if category == "software-practice" and named and re.search(r"programming", groups):
            category = "language"
        if name is not None and (word_count(name) > MAX_WORDS or re.search(r"[,;]", name)):
            stats.add("esco: dropped, over 5 words or a list")
            name = None
        aliases: list[str] = []
        acros: list[str] = []
        hyponyms: list[str] = []
        seen = {norm_key(name or ""), norm_key(base)}
        for raw_alt in alts:
            a = esco_alt(raw_alt)
            if not a or norm_key(a) in seen:
                continue
            seen.add(norm_key(a))
            if word_count(a) > MAX_WORDS or NOISE_ALT.match(a) or verbal(a):
                stats.add("esco: alt label dropped (long, 'types of ...', or a verb phrase)")
                continue
            a_named = esco_named(a, False, words)
            if is_acronym_token(a):
                if any(acronym_run(x.split(), a) == word_count(x)
                       for x in [name or base] + alts if word_count(x) >= 2):
                    aliases.append(a)      # 'NLP' for 'natural language processing'
                    acros.append(a)
                elif named and len(a) > 4:
                    aliases.append(a)
                else:
                    stats.add("esco: alt label dropped (an acronym of something else)")
                continue
            if name is not None and named:
                aliases.append(a)          # a product's other names: 'Jenkins CI'
                continue
            if a_named and word_count(a) <= 4:
                # a product listed under a concept ('Tizen' under 'mobile operating systems')
                hyponyms.append(a)
                continue
            if name is None:
                continue
            if stems(a) & stems(name) or (2 <= word_count(a) <= 3 and a.islower()):
                aliases.append(a)          # 'information technology' for 'computer technology'
                continue
            stats.add("esco: alt label dropped (unrelated words)")
        if name is not None:
            out.append(Cand(name, "named" if named else "concept", category, "esco",
                            aliases=aliases,
                            strong=[a for a in aliases if word_count(a) >= 2 and not named],
                            acronyms=acros, ref=uuid))
        for h in hyponyms:
            stats.add("esco: product listed as an alt label of a concept -> own named entry")
            h_cat = classify_text(h, default="") or category
            out.append(Cand(h, "named", h_cat, "esco", ref=uuid))
    return out


# ------------------------------------------------------------------------- GitHub topics

# Topics that are not skills: games and genres, fandoms, schools, events, identities, diseases.
NON_SKILL_TOPIC = re.compile(
    r"genre of video game|video game|\bgames?\b|\banime\b|\bmanga\b|hackathon|\bconference\b"
    r"|\buniversity\b|\bschool\b|\bcollege\b|religio|sexual orientation|gender identit"
    r"|\bdisease\b|coronavirus|holiday|festival|\bsports?\b|football|tournament|esports"
    r"|card game|shooter\b|\bfilms?\b|\bmovies?\b|\bstreaming service\b", re.IGNORECASE)
TECH_TOPIC = re.compile(
    r"engine|framework|librar|language|programming|software|\btools?\b|toolkit|\bsdk\b|\bapi|"
    r"platform|database|protocol|format|compiler|runtime|editor|\bide\b|operating system|server|"
    r"\bcloud|algorithm|technique|method|standard|specification|package|comput|network|\bweb|"
    r"browser|\bapps?\b|application|interface|\bmodels?\b|learning|\bcode|bundler|lint|test|"
    r"develop|deploy|container|infrastructure|\bdata|encrypt|crypt|authenticat|\bcss|html|"
    r"javascript|python|\bjava\b|devops|automat|script|command|terminal|shell|\bgit\b|build|"
    r"microcontroller|firmware|hardware|robot|open.source|plug-?in|extension|markup|query|messag|"
    r"stream|service|digital|online|internet|distribut|\bui\b|\bux\b|design|graphic|render|"
    r"simulat|secur|privacy|blockchain|ledger|\bai\b|artificial|neural|machine|analy|statistic|"
    r"math|scien|engineer|electronic|sensor|signal|\bgpu|\bcpu|processor|chip|linux|windows|"
    r"android|\bios\b|mobile|devices?\b|manage|project|productiv|workflow|version|program|"
    r"asynch|typeset|pattern|dependenc|persist|\buri\b|\burl\b|user experience|pars|\banns?\b|"
    r"state machine|input|object|function|font", re.IGNORECASE)
TECH_ANYWAY = re.compile(r"\b(engine|framework|library|sdk|toolkit|programming|compiler|"
                         r"development (environment|platform)|fantasy (console|computer))\b", re.IGNORECASE)
TOPIC_NOISE = re.compile(r"(^|-)(tutorials?|examples?|demos?|experiments?|projects?|awesome|plugins?|"
                         r"extensions?|templates?|boilerplates?|starters?|samples?|docs|"
                         r"documentation|snippets?|resources?|course|cheatsheets?|bots?|themes?|"
                         r"clients?|wrappers?|bindings?|apps?|api|sdk|cli|libs?|library|modules?|"
                         r"packages?|components?|examples|models|datasets?|tools?|utils?|"
                         r"questions?|interview|challenge|game|games|mods?|hacks?)(-|$)", re.IGNORECASE)


def front_matter(text: str) -> dict:
    if not text.startswith("---"):
        return {}
    end = text.find("\n---", 3)
    return yaml.safe_load(text[3:end]) or {} if end > 0 else {}


def manifest_digest(topics_dir: Path) -> tuple[str, list[Path]]:
    files = sorted(topics_dir.glob("*/index.md"))
    lines = [f"topics/{p.parent.name}/index.md\t{sha256_file(p)}" for p in files]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest(), files


def explore_candidates(topics_dir: Path, words: Words, stats: Stats, integ: dict) -> list[Cand]:
    digest, files = manifest_digest(topics_dir)
    want = SOURCES["explore"]["sha256"]
    if digest != want:
        sys.exit(f"{topics_dir}: manifest sha256 {digest} of {len(files)} topics/*/index.md is "
                 f"not the github/explore snapshot this script was written for ({want})")
    out: list[Cand] = []
    keys: collections.Counter[str] = collections.Counter()
    bad = 0
    mismatch = 0
    alias_total = 0
    owners: collections.Counter[str] = collections.Counter()
    texts: list[str] = []
    for p in files:
        text = p.read_text(encoding="utf-8")
        texts.append(text)
        try:
            fm = front_matter(text)
        except yaml.YAMLError:
            bad += 1
            continue
        keys.update(list(fm))
        topic = str(fm.get("topic", ""))
        if topic != p.parent.name:
            mismatch += 1
        display = clean(str(fm.get("display_name") or topic))
        desc = clean(str(fm.get("short_description") or ""))
        related = str(fm.get("related") or "")
        raw_aliases = [a.strip() for a in str(fm.get("aliases") or "").split(",") if a.strip()]
        alias_total += len(raw_aliases)
        owners.update({a.lower() for a in raw_aliases})
        if re.search(r"\(disambiguation\)", display, re.IGNORECASE):
            stats.add("explore: dropped, a disambiguation page")
            continue
        if NON_SKILL_TOPIC.search(desc) and not TECH_ANYWAY.search(desc):
            stats.add("explore: dropped, game/fandom/school/event topic")
            continue
        if not fm.get("github_url") and not TECH_TOPIC.search(desc):
            stats.add("explore: dropped, description names no technology")
            continue
        named = any(fm.get(k) for k in ("url", "github_url", "created_by", "released"))
        if not named and " " not in display and words.very_common(display):
            stats.add("explore: dropped, an everyday word as a concept ('Example', 'Support')")
            continue
        aliases: list[str] = []
        acros: list[str] = []
        m = re.search(r"\s*\(([^()]*)\)\s*$", display)
        if m:
            if is_acronym_token(m.group(1)):
                aliases.append(m.group(1))
                acros.append(m.group(1))
            display = display[:m.start()].strip()
        if display == topic and "-" in display:
            display = display.replace("-", " ")      # 'turn-based-tactics' -> words
        if word_count(display) > MAX_WORDS or VERSION_ONLY.match(display):
            stats.add("explore: dropped, over 5 words or version only")
            continue
        for a in raw_aliases:
            if TOPIC_NOISE.search(a) or re.search(r"\d", a) and not re.search(r"\d", display):
                stats.add("explore: alias dropped (tutorial/demo/version slug)")
                continue
            form = a.replace("-", " ") if "-" in a else a
            if norm_key(form) != norm_key(display):
                aliases.append(form)
        if norm_key(topic.replace("-", " ")) != norm_key(display) and not TOPIC_NOISE.search(topic):
            aliases.append(topic.replace("-", " ") if "-" in topic else topic)
        category = classify_text(f"{display} ; {desc} ; {related}")
        out.append(Cand(display, "named" if named else "concept", category, "explore",
                        aliases=aliases, strong=[], acronyms=acros, ref=topic))
        stats.add("explore: kept (before merging and the curated check)")
    integ.update({
        "files": len(files), "front_matter_parse_errors": bad, "topic_field_not_folder": mismatch,
        "keys": dict(sorted(keys.items())), "aliases": alias_total,
        "aliases_claimed_by_several_topics": sum(1 for n in owners.values() if n > 1),
        "mojibake_files": sum(1 for t in texts if MOJIBAKE.search(t)),
        "html_tags_in_front_matter": sum(1 for t in texts if HTML.search(t.split("\n---", 2)[0])),
        "manifest_sha256": digest,
    })
    return out


# ------------------------------------------------------------------------- curated taxonomy

def curated_variants(form: str) -> set[str]:
    """The spelling variants the project's matcher derives from a form (skills/matcher.py)."""
    out = {form}
    for a, b in ((r"isation", "ization"), (r"ization", "isation"), (r"modelling", "modeling"),
                 (r"modeling", "modelling"), (r"analyse", "analyze"), (r"analyze", "analyse"),
                 (r"behaviour", "behavior"), (r"behavior", "behaviour"), (r" and ", " & "),
                 (r" & ", " and ")):
        if a in form:
            out.add(form.replace(a, b))
    # ... and the plural or singular of a phrase's last word (as matcher.variants() does)
    if " " in form and form[-1].isalpha():
        last = form.rsplit(" ", 1)[1]
        if form.endswith("s") and not form.endswith("ss") and len(last) > 4:
            out.add(form[:-1])
        elif not form.endswith("s") and len(last) >= 4 and last.isalpha() and last.islower():
            out.add(form + "s")
    return out


class Curated:
    def __init__(self, path: Path) -> None:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        self.ids: set[str] = set()
        self.owner: dict[str, str] = {}          # norm_key -> curated id
        self.form_of: dict[str, str] = {}        # norm_key -> the curated form
        self.ambiguous_keys: set[str] = set()
        self.name_keys: set[str] = set()         # keys of curated names (not aliases)
        self.category: dict[str, str] = {}
        self.count = 0
        for category, entries in data["skills"].items():
            for e in entries:
                self.count += 1
                sid = e["id"]
                self.ids.add(sid)
                self.category[sid] = category
                forms = [e["name"], *(e.get("aliases") or [])]
                self.name_keys.add(norm_key(e["name"]))
                amb = e.get("ambiguous")
                if amb == "all":
                    ambs = {f.casefold() for f in forms}
                elif amb is True:
                    ambs = {f.casefold() for f in forms if " " not in f}
                else:
                    ambs = {f.casefold() for f in (amb or [])}
                for f in forms:
                    for v in curated_variants(f):
                        k = norm_key(v)
                        if k:
                            self.owner.setdefault(k, sid)
                            self.form_of.setdefault(k, f)
                            if f.casefold() in ambs or category in ("soft-skill",):
                                self.ambiguous_keys.add(k)
        self.exact_names = {e["name"] for es in data["skills"].values() for e in es}
        self.sha256 = sha256_file(path)

    def lookup(self, form: str) -> str | None:
        """The curated skill that a form or one of its matcher variants would match."""
        for v in sorted(curated_variants(form)):
            sid = self.owner.get(norm_key(v))
            if sid is not None:
                return sid
        return None

    CONCEPT_CATEGORIES = ("business", "soft-skill", "math-statistics", "ml-method")

    def product_collides(self, via: str, words: Words, vendor_split: bool) -> bool:
        """A derived product name that is a curated skill under a vendor prefix ('Oracle Java',
        'Apple Final Cut Pro', 'AWS Elastic MapReduce'), but not a generic phrase that a curated
        concept also uses ('IBS Supply Chain Management', 'Lawson ERP', 'Sage Simply Accounting')."""
        k = norm_key(via)
        if k not in self.owner or len(k) < 3:
            return False
        if k in self.ambiguous_keys and word_count(via) == 1 and not vendor_split:
            return False
        generic = words.ordinary(via, True) or (via.isupper() and len(via) <= 4)
        if not generic:
            return True
        if self.category[self.owner[k]] in self.CONCEPT_CATEGORIES:
            return False
        if word_count(via) == 1:
            return via[:1].isupper() and k in self.name_keys and len(k) >= 4
        return all(t[:1].isupper() for t in via.split()) and \
            re.search(r"[A-Z]", self.form_of[k][1:]) is not None


# ------------------------------------------------------------------------------- merging

SOURCE_ORDER = {"named": ("onet", "explore", "esco"), "concept": ("esco", "explore", "onet")}


@dataclass
class Entry:
    id: str
    name: str
    category: str
    tier: str
    aliases: list[str]
    sources: list[str]
    hot: bool
    ordinary: bool = False
    ambiguous: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)


class UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def build(cands: list[Cand], curated: Curated, words: Words, stats: Stats,
          report: dict) -> list[Entry]:
    # --- candidates sorted so that every later choice is deterministic
    cands = [c for c in cands if norm_key(c.name)]
    cands.sort(key=lambda c: (norm_key(c.name), c.source, c.name, c.ref))
    # --- curated precedence: an entry that is a curated skill is dropped
    collisions_name: list[dict] = []
    collisions_alias: list[dict] = []
    suggestions: dict[str, set[str]] = collections.defaultdict(set)
    kept: list[Cand] = []
    for c in cands:
        key = norm_key(c.name)
        hit = curated.lookup(c.name)
        via = c.name
        if hit is None and c.source == "onet":
            # the vendor-less product: 'IBM SPSS Statistics' -> 'SPSS Statistics'
            for s in c.strong:
                if curated.product_collides(s, words, bool(c.strong)):
                    hit, via = curated.owner[norm_key(s)], s
                    break
        if hit is None and c.tier == "named":
            # 'Oracle Java', 'National Instruments LabVIEW': capitalised words before a curated
            # product name (not before a generic one: 'Sage Simply Accounting' stays)
            toks = c.name.split()
            for i in range(1, min(len(toks), 3)):
                tail = " ".join(toks[i:])
                if word_count(tail) == 1 and i > 1:
                    continue      # 'Kubotek CADKEY Wireframe' is the product 'CADKEY Wireframe'
                if all(t[:1].isupper() for t in toks[:i]) and \
                        curated.product_collides(tail, words, bool(c.strong)):
                    hit, via = curated.owner[norm_key(tail)], tail
                    break
        if hit is None:
            for a in c.aliases:
                k = norm_key(a)
                if k not in curated.owner:
                    continue
                # the name's acronym written exactly as a curated skill's name ('GIMP', 'DNS'; not
                # 'REACT' for React, nor 'EMR' for 'Amazon EMR'), or
                # a topic alias that spells out the topic ('Nest' ~ 'nestjs' -> curated nestjs)
                if (a in c.acronyms and a in curated.exact_names) or (
                        c.source == "explore" and len(key) >= 3 and (key in k or k in key)):
                    hit, via = curated.owner[k], a
                    break
        if hit is not None:
            collisions_name.append({"source": c.source, "name": c.name, "via": via,
                                    "curated": hit,
                                    "curated_form": curated.form_of.get(norm_key(via), "")})
            for f in [c.name, *c.aliases]:
                if curated.lookup(f) is None:
                    suggestions[hit].add(f)
            stats.add(f"{c.source}: dropped, already a curated skill")
            continue
        als = []
        for a in c.aliases:
            k = norm_key(a)
            if not k:
                continue
            owner = curated.lookup(a)
            if owner is not None:
                collisions_alias.append({"source": c.source, "name": c.name, "alias": a,
                                         "curated": owner})
                stats.add(f"{c.source}: alias removed, owned by a curated skill")
                continue
            als.append(a)
        c.aliases = als
        c.strong = [s for s in c.strong if s in als]
        kept.append(c)
    report["collisions_name"] = collisions_name
    report["collisions_alias"] = collisions_alias
    report["curated_alias_suggestions"] = {k: sorted(v, key=str.casefold)
                                           for k, v in sorted(suggestions.items())}
    # --- duplicates after normalisation: same name key, or a strong alias that is another's name
    uf = UnionFind(len(kept))
    by_name: dict[str, int] = {}
    for i, c in enumerate(kept):
        k = norm_key(c.name)
        if k in by_name:
            uf.union(by_name[k], i)
        else:
            by_name[k] = i
    by_strong: dict[str, int] = {}
    for i, c in enumerate(kept):
        for s in c.strong:
            if words.ordinary(s, True):
                continue
            k = norm_key(s)
            j = by_name.get(k)
            if j is not None:
                uf.union(i, j)
            if k in by_strong:          # 'Side Effects Houdini', 'Side Effects Software Houdini'
                uf.union(by_strong[k], i)
            else:
                by_strong[k] = i
    for i, c in enumerate(kept):
        # 'SideFX Houdini': a vendor word not detected, before another entry's vendor-less product
        toks = c.name.split()
        if c.source != "onet" or c.tier != "named" or len(toks) < 2:
            continue
        for n in (2, 1):
            tail = " ".join(toks[-n:])
            k = norm_key(tail)
            if len(toks) > n and len(k) >= 5 and k in by_strong and \
                    all(t[:1].isupper() for t in toks[:-n]) and not words.ordinary(tail, True):
                uf.union(by_strong[k], i)
                break
    groups: dict[int, list[Cand]] = collections.defaultdict(list)
    for i, c in enumerate(kept):
        groups[uf.find(i)].append(c)
    stats.add("merge: candidates after curated check", len(kept))
    stats.add("merge: entries after merging duplicates", len(groups))
    entries: list[Entry] = []
    for members in groups.values():
        tier = "named" if any(m.tier == "named" for m in members) else "concept"
        order = SOURCE_ORDER[tier]
        members.sort(key=lambda m: (order.index(m.source), m.tier != tier,
                                    word_count(m.name), norm_key(m.name), m.name))
        head = members[0]
        forms = []
        seen = {norm_key(head.name)}
        for m in members:
            for f in [m.name, *m.aliases]:
                k = norm_key(f)
                if k and k not in seen:
                    seen.add(k)
                    forms.append(f)
        cats = collections.Counter(m.category for m in members if m.source == head.source)
        category = min(cats.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        entries.append(Entry(id="", name=head.name, category=category, tier=tier,
                             aliases=forms, sources=sorted({m.source for m in members}),
                             hot=any(m.hot for m in members)))
    # --- an alias claimed by two entries (or equal to another entry's name) is dropped
    name_keys = {norm_key(e.name) for e in entries}
    alias_count = collections.Counter(norm_key(a) for e in entries for a in e.aliases)
    dropped_shared = []
    for e in entries:
        keep = []
        for a in e.aliases:
            k = norm_key(a)
            if k in name_keys or alias_count[k] > 1:
                dropped_shared.append((e.name, a))
                continue
            if word_count(a) > MAX_WORDS:
                continue
            keep.append(a)
        e.aliases = sorted(keep, key=lambda a: (a.casefold(), a))
    stats.add("merge: aliases dropped, shared by two entries", len(dropped_shared))
    report["aliases_shared_examples"] = dropped_shared[:40]
    # --- ordinary words, related curated skills, ids
    for e in entries:
        named = e.tier == "named"
        e.ordinary = words.ordinary(e.name, named)
        e.ambiguous = [f for f in [e.name, *e.aliases] if words.ordinary(f, named)]
        e.related = related_curated(e, curated)
    taken = set(curated.ids)
    entries.sort(key=lambda e: (slug(e.name), norm_key(e.name), e.name))
    for e in entries:
        base = slug(e.name)
        sid = base
        if sid in taken:
            sid = f"{base}-{e.category}"
        n = 2
        while sid in taken:
            sid = f"{base}-{n}"
            n += 1
        taken.add(sid)
        e.id = sid
    entries.sort(key=lambda e: (CATEGORIES.index(e.category), e.id))
    return entries


GENERIC_KEYS = ("list_labels", "generic_heads", "next_cues", "level_words", "time_units",
                "item_stop_words", "fillers", "connectors")
MIN_NAME = 3              # shorter one-word names ('X', 'V', 'IO') are letters, not tools


def generic_words(path: Path) -> set[str]:
    """The one-word vocabulary a CV uses around skills (skill_context.yaml's lists)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {str(w).casefold() for key in GENERIC_KEYS for w in data.get(key) or ()}


def drop_generic(entries: list[Entry], generic: set[str], stats: Stats) -> list[Entry]:
    """Entries named by generic words only ('Programming language', 'Tool') or by a letter or
    two go; so do such aliases."""
    def bad(form: str) -> bool:
        words = re.findall(r"[^\W_]+", form.casefold())
        return len(form) < MIN_NAME or bool(words) and all(w in generic for w in words)
    kept = []
    for e in entries:
        if bad(e.name):
            stats.add("generic: dropped, generic words only or a short name")
            continue
        aliases = [a for a in e.aliases if not bad(a)]
        stats.add("generic: alias dropped, generic words only or a short name",
                  len(e.aliases) - len(aliases))
        e.aliases = aliases
        e.ambiguous = [f for f in e.ambiguous if f == e.name or f in aliases]
        kept.append(e)
    return kept


def related_curated(e: Entry, curated: Curated) -> list[str]:
    """Curated skills whose unambiguous name/alias (3+ characters) is a run of this name's
    words: 'MathWorks Simulink Fixed-Point Blockset' ~ simulink."""
    toks = re.findall(r"[A-Za-z0-9+#.]+", e.name)
    out: list[str] = []
    for n in range(min(4, len(toks) - 1), 0, -1):
        for i in range(len(toks) - n + 1):
            k = norm_key(" ".join(toks[i:i + n]))
            sid = curated.owner.get(k)
            if sid and k not in curated.ambiguous_keys and len(k) >= 3 and sid not in out and \
                    curated.category.get(sid) not in ("soft-skill", "business"):
                out.append(sid)
    return sorted(out)[:MAX_RELATED]


# -------------------------------------------------------------------------------- output

def header_comment(curated: Curated, words: Words, entries: list[Entry],
                   generic: str = "") -> str:
    lines = [
        "# skills_extended.yaml: skills derived from open taxonomies, to widen resume-match's",
        "# curated skills.yaml (which keeps precedence: no name or alias here is a curated one).",
        "# Generated by tools/build_taxonomy.py; do not edit by hand, change the script instead.",
        "#",
        "# This file includes information from the O*NET 29.2 Database by the U.S. Department of",
        "# Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0",
        "# license. O*NET(R) is a trademark of USDOL/ETA. The resume-match authors have modified all",
        "# or some of this information. USDOL/ETA has not approved, endorsed, or tested these",
        "# modifications.",
        "# It includes information from ESCO, the European Skills, Competences, Qualifications and",
        "# Occupations classification v1.2.0 of the European Commission (c) European Union, used under",
        "# the CC BY 4.0 license; the European Commission has not endorsed these modifications.",
        "# It includes content based on github.com/github/explore (topics), used under the CC BY 4.0",
        "# license.",
        "# License: https://creativecommons.org/licenses/by/4.0/ . Changes: names and labels cleaned",
        "# (entities, white space), filtered (generic class labels, verb phrases, names over five",
        "# words, games and events), reduced to a noun phrase (ESCO competences), merged across",
        "# sources, re-categorised, flagged (tier, ordinary words) and stripped of anything the",
        "# curated taxonomy already has. The rules are in tools/build_taxonomy.py.",
        "#",
        "# Source files (checked by sha256 when building):",
    ]
    for key in ("onet", "esco", "explore"):
        s = SOURCES[key]
        lines.append(f"#   {s['title']}: {s['path']}")
        lines.append(f"#     github.com/{s['repo']} @ {s['commit']}")
        lines.append(f"#     sha256{' (manifest)' if key == 'explore' else ''} {s['sha256']}")
    lines += [
        (f"# Curated taxonomy used for collisions: sha256 {curated.sha256[:16]}... "
         f"({curated.count} skills)"),
        (f"# Ordinary-word rule: SCOWL words sizes <= {Words.SCOWL_MAX} + common_words.txt, "
         f"digest {words.digest[:16]}..."),
        *([f"# Generic-word rule: names/aliases made only of words in {generic} lists, or under "
           f"{MIN_NAME} characters, dropped."] if generic else []),
        "#",
        "# skills: category -> list of entries, each:",
        "#   id, name, aliases    as in skills.yaml",
        "#   tier                 named: a product/tool (count it only in a skills section or a",
        "#                        list with known neighbours); concept: a method/competence phrase",
        "#   ordinary_word: true  the name is also an ordinary English/CV word (general rule)",
        "#   ambiguous            the forms (name or aliases) that are ordinary words",
        "#   related              curated skill ids whose name is part of this one",
        "#   hot: true            an O*NET 'Hot Technology' (frequent in job postings)",
        "#   source               onet, esco, explore (GitHub topics), '+'-joined when merged",
        f"# {len(entries)} entries.",
    ]
    return "\n".join(lines) + "\n"


def dump(entries: list[Entry], curated: Curated, words: Words, generic: str = "") -> str:
    by_cat: dict[str, list[dict]] = collections.OrderedDict()
    for e in entries:
        d: dict = {"id": e.id, "name": e.name}
        if e.aliases:
            d["aliases"] = e.aliases
        d["tier"] = e.tier
        if e.ordinary:
            d["ordinary_word"] = True
        if e.ambiguous:
            d["ambiguous"] = e.ambiguous
        if e.related:
            d["related"] = e.related
        if e.hot:
            d["hot"] = True
        d["source"] = "+".join(e.sources)     # a scalar: a list per entry doubles load time
        by_cat.setdefault(e.category, []).append(d)
    out = [header_comment(curated, words, entries, generic), "version: 1\n",
           f"categories_added: [{', '.join(NEW_CATEGORIES)}]\n", "skills:\n"]
    for cat, items in by_cat.items():
        out.append(f"  {cat}:\n")
        for d in items:
            line = yaml.safe_dump(d, default_flow_style=True, sort_keys=False, width=1 << 30,
                                  allow_unicode=True).strip()
            out.append(f"    - {line}\n")
    return "".join(out)


# -------------------------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--snapshot", type=Path, help="folder holding data/raw/... of "
                    "victoriano/future-of-work-data (or give --onet and --esco)")
    ap.add_argument("--onet", type=Path, help="O*NET 29.2 'Technology Skills.xlsx'")
    ap.add_argument("--esco", type=Path, help="ESCO 1.2.0 digitalSkillsCollection_en.csv")
    ap.add_argument("--explore", type=Path, help="folder holding topics/ of github/explore "
                    "(optional)")
    ap.add_argument("--curated", type=Path, required=True, help="the curated skills.yaml")
    ap.add_argument("--words", type=Path, default=Path("/usr/share/dict/scowl"),
                    help="SCOWL word-list folder (Debian package scowl)")
    ap.add_argument("--common-words", type=Path, help="the project's common_words.txt")
    ap.add_argument("--generic-words", type=Path, help="the matcher's skill_context.yaml: "
                    "drop names that are one generic word")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--report", type=Path, help="write figures and collisions as JSON here")
    args = ap.parse_args(argv)

    onet = args.onet or (args.snapshot / SOURCES["onet"]["path"] if args.snapshot else None)
    esco = args.esco or (args.snapshot / SOURCES["esco"]["path"] if args.snapshot else None)
    if onet is None or esco is None:
        ap.error("give --snapshot, or both --onet and --esco")
    check_sha(onet, "onet")
    check_sha(esco, "esco")
    words = Words(args.words, args.common_words)
    curated = Curated(args.curated)
    stats = Stats()
    report: dict = {"integrity": {"onet": {}, "esco": {}, "explore": {}}}
    cands = onet_candidates(onet, words, stats, report["integrity"]["onet"])
    cands += esco_candidates(esco, words, stats, report["integrity"]["esco"])
    if args.explore:
        topics = args.explore / "topics" if (args.explore / "topics").is_dir() else args.explore
        cands += explore_candidates(topics, words, stats, report["integrity"]["explore"])
    entries = build(cands, curated, words, stats, report)
    if args.generic_words:
        entries = drop_generic(entries, generic_words(args.generic_words), stats)
    text = dump(entries, curated, words, args.generic_words.name if args.generic_words else "")
    args.out.write_text(text, encoding="utf-8")
    report["stats"] = stats
    report["sources"] = {k: {kk: vv for kk, vv in v.items()} for k, v in SOURCES.items()}
    report["curated_sha256"] = curated.sha256
    report["words"] = {"files": words.files, "digest": words.digest, "size": len(words.words)}
    report["entries"] = len(entries)
    if args.report:
        args.report.write_text(json.dumps(report, indent=1, ensure_ascii=False, default=list),
                               encoding="utf-8")
    print(f"{args.out}: {len(entries)} entries", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
