"""The skill matcher: spaCy tokenizer + PhraseMatcher built once from the taxonomy, a squash and
rapidfuzz pass for variants, and the ambiguity rules; the only spaCy importer in the project.

A section's lines go through `nlp.tokenizer` in one call per run of lines it tokenizes as line by
line (no heavy pipeline components), so one CV takes a few milliseconds once the matcher
exists.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Iterable, NamedTuple

import spacy
from spacy.attrs import LOWER
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from resume_match.models import Evidence, Line, Section, SectionKind, SkillHit
from resume_match.skills import cache
from resume_match.skills.context import (SEPARATORS, Mention, TextView, accept, labelled_ranges,
                                         person_nouns)
from resume_match.skills.fuzzy import MIN_GLUED, FuzzyIndex, fuzzable, squash_token
from resume_match.skills.openvocab import ListView, OpenResult, heading_lines, open_items
from resume_match.skills.taxonomy import Taxonomy, load_taxonomy
from resume_match.skills.verbal import verb_phrases

DEMONSTRATED_KINDS = frozenset({"experience", "projects", "publications", "volunteering"})
SKILLS_KINDS = frozenset({"skills"})
IGNORED_KINDS = frozenset({"references"})   # referees' titles and departments claim nothing
EDUCATION_KINDS = frozenset({"education"})
# A degree line names a field of study, not a skill: 'M.S. Statistics', 'B.Sc. in Data Science'.
# Anything after a coursework label on the same line still counts.
_DEGREE = re.compile(r"(?<![A-Za-z])(B\.?\s?S\.?c?|M\.?\s?S\.?c?|B\.?A|M\.?A|Ph\.?\s?D|MBA|M\.?Eng|"
                     r"B\.?Eng|B\.?Tech|M\.?Tech|Bachelor'?s?|Master'?s?|Doctor(ate)?|Diploma|"
                     r"Minor|Major|Degree)(?![A-Za-z])", re.IGNORECASE)
_COURSEWORK = frozenset({"coursework", "courses", "course", "modules", "subjects", "classes",
                         "thesis", "dissertation", "research", "focus", "specialization",
                         "specialisation", "concentration", "projects"})
MAX_EVIDENCE = 3
BROAD_ENDINGS = ("ing", "tion", "sion", "ment")   # one-word areas ('debugging'), not products
WORK_KINDS = frozenset({"experience", "projects", "volunteering", "summary"})
PROSE_LIST_KINDS = WORK_KINDS     # where a list in a sentence names skills (openvocab._prose_items)
MAX_MATCHED = 5        # distinct spellings of one skill kept in `matched`
UNKNOWN_CATEGORY = "other"   # the category of a list item the taxonomy does not know
MAX_WINDOW = 4          # tokens joined when looking for 'Py - Torch' or 'Tensor Flow'
TOKENIZER_CACHE = 200_000  # chunks spaCy's tokenizer remembers (its default is 10,000)
SHORT_FORM = 2          # forms this short (R, C, ML, AI) must keep their case outside lists

_BULLETS = re.compile(r"[•·▪●◦■□►▸▹➢➤✓✔❖⋅∙◆◇○★☆|⋄♦➔→⟶]+")
_GLUED_DASH = re.compile(r"(?<=[^\W\d_])-(?= )")     # 'Python- Experience' -> 'Python - Experience'
_COMMA = re.compile(r",(?=\S)")
_OPEN = re.compile(r"(?<=\w)\((?=\w)")
_CLOSE = re.compile(r"(?<=\w)\)(?=\w)")
_MODELLING = frozenset({"modeling", "modelling"})
_CONJUNCTIONS = frozenset({"and", "or", "&", "/"})   # 'supervised and unsupervised learning'
_SHARE_JOINS = _CONJUNCTIONS | {","}
_SPELLING = ((r"isation", "ization"), (r"ization", "isation"), (r"modelling", "modeling"),
             (r"modeling", "modelling"), (r"analyse", "analyze"), (r"analyze", "analyse"),
             (r"behaviour", "behavior"), (r" and ", " & "), (r" & ", " and "))


@dataclass(frozen=True)
class _Seen:
    """One place a skill was found: the section and line, the words, a level beside them."""
    section: Section
    line: Line
    text: str
    level: str | None = None
    soft: bool = False             # listed under a 'Soft skills:' label


class _Form(NamedTuple):
    skill_id: str
    form: str                      # as the taxonomy writes it
    needs_context: bool
    strict: bool = False           # an extended-taxonomy form: counts only in a skills list
    broad: bool = False            # a broad area (every form ambiguous): also a work verb's object


@dataclass
class _Tables:
    """What the matcher is built from, as plain data: built once from the taxonomy (tokenizing
    every name) and kept in the user's cache folder between processes (skills/cache.py)."""
    forms: dict[str, _Form]        # the lower-case tokens of a name, space-joined -> its form
    prefixes: frozenset[str]       # the same for every shorter start of a name of 2+ tokens
    longest: int                   # tokens in the longest name
    fuzzy: FuzzyIndex
    breaks: dict[str, list[tuple[str, str]]]


@dataclass(frozen=True)
class _Tokens:
    """A section's tokens as plain lists, read out of spaCy once: iterating a Doc builds a Token
    object per token, and the window passes below look at every token many times."""
    text: list[str]
    lower: list[str]
    ws: list[str]                  # trailing white space: ' ' or ''
    key: list[str]                 # squashed; a window's key is its tokens' keys joined
    head: list[bool]               # starts with a letter: may start a name
    tail: list[bool]               # ends with a letter or digit: may end a name
    clear: list[int]               # index of the first separator at or after each token

    @classmethod
    def of(cls, words: list[str], spaces: list[bool]) -> _Tokens:
        lower = [w.lower() for w in words]     # what spaCy's LOWER attribute holds
        clear = [len(words)] * (len(words) + 1)
        for i in range(len(words) - 1, -1, -1):
            clear[i] = i if lower[i] in SEPARATORS else clear[i + 1]
        return cls(text=words, lower=lower, ws=[" " if sp else "" for sp in spaces],
                   key=[squash_token(w) for w in words], head=[w[0].isalpha() for w in words],
                   tail=[w[-1].isalnum() for w in words], clear=clear)

    def span(self, start: int, end: int) -> str:
        """The text of tokens [start, end) as written, as spaCy's Span.text gives it."""
        return "".join(t + w for t, w in zip(self.text[start:end - 1], self.ws[start:end - 1])) \
            + self.text[end - 1]


def clean_text(text: str) -> str:
    """NFKC, bullets and pipes as list separators, a space after bare commas, and a dash glued
    to the end of a word set apart ('Python- Experience - 24 months').

    Most lines have no brackets or commas; a test for the character is much cheaper than a
    regex pass that tries its lookbehind at every position."""
    text = unicodedata.normalize("NFKC", text).replace("\t", " ")
    text = _BULLETS.sub(" | ", text)
    if "- " in text:
        text = _GLUED_DASH.sub(" -", text)
    if "(" in text:
        text = _OPEN.sub(" (", text)
    if ")" in text:
        text = _CLOSE.sub(") ", text)
    return _COMMA.sub(", ", text) if "," in text else text


def variants(form: str, people: bool = False) -> set[str]:
    """Spelling variants matched without listing them: UK/US, '&'/'and', and the inflections of
    a phrase's last word (plural and singular, 'web scraping' -> 'web scraper(s)', 'load
    balancing' -> 'load balanced', 'multi-threading' -> 'multi-threaded'). `people`: the
    skill is soft, so a person's noun names it too ('strong public speaker')."""
    out = {form}
    for a, b in _SPELLING:
        if a in form:
            out.add(form.replace(a, b))
    for spelled in list(out):
        out |= _inflections(spelled, people)
    return out


def _inflections(form: str, people: bool = False) -> set[str]:
    """Other forms of a lower-case last word; names keep their shape ('Pages', 'Transformers'),
    and one-word forms change only when compound ('multi-threading'), since a plain word's
    inflection is often another word ('pandas' -> 'panda', 'consulting' -> 'consulted')."""
    head, _, last = form.rpartition(" ")
    if not last.isalpha() and "-" not in last or not last.islower():
        return set()
    word = last.rsplit("-", 1)[-1]
    if not word.isalpha():
        return set()
    out: set[str] = set()
    gerund = word.endswith("ing") and len(word) >= 6
    if head and len(word) >= 4 and not gerund:
        out |= {form[:len(form) - len(word)] + w for w in _number_forms(word)}
    if gerund and (head or "-" in last or last.startswith("multi")):
        stem = form[:len(form) - 3]
        out.add(stem + "ed")
        agent = stem if stem.endswith("er") else stem + "er"      # engineering -> engineer
        if head and (people or agent.rsplit(" ", 1)[-1] not in person_nouns()):
            out |= {agent, agent + "s"}
    if head and word in _MODELLING:     # 'data modeling' -> 'data model(s)', what was built
        out |= {f"{head} model", f"{head} models"}
    return out


def _number_forms(word: str) -> set[str]:
    """The plural of a singular noun, or the singular of a plural one."""
    if word.endswith(("ss", "us", "is", "ics", "ous", "sis")):
        return {word + "es"} if word.endswith("ss") else set()
    if word.endswith("ies") and len(word) > 4:
        return {word[:-3] + "y"}
    if word.endswith(("ches", "shes", "xes", "sses")):
        return {word[:-2]}
    if word.endswith("s"):
        return {word[:-1]}
    if word.endswith("y") and word[-2] not in "aeiou":
        return {word[:-1] + "ies"}
    if word.endswith(("ch", "sh", "x")):
        return {word + "es"}
    return {word + "s"}


class SkillMatcher:
    """Built once per process from the taxonomy; finds skills with evidence in sections."""

    def __init__(self, taxonomy: Taxonomy | None = None) -> None:
        self.taxonomy = taxonomy or load_taxonomy()
        self._nlp = spacy.blank("en")
        self._tokenizer: Tokenizer = self._nlp.tokenizer  # type: ignore[assignment]
        if taxonomy is None:       # the bundled taxonomy: its tables come from the cache
            tables = cache.cached("matcher", _tables_key(),
                                  lambda: _build_tables(self.taxonomy, self._tokenizer))
        else:
            tables = _build_tables(self.taxonomy, self._tokenizer)
        self._forms = tables.forms
        self._prefixes = tables.prefixes
        self._longest = tables.longest
        self._fuzzy = tables.fuzzy
        self._breaks = tables.breaks
        # Only the lower-case text of a token is read. spaCy computes some twenty lexical
        # attributes (shape, stop word, like_url...) for each word it has not seen, ~1 ms per CV
        # that nothing here uses; this private vocabulary keeps just LOWER.
        vocab: Any = self._nlp.vocab     # spaCy's stubs omit lex_attr_getters
        vocab.lex_attr_getters = {LOWER: vocab.lex_attr_getters[LOWER]}
        # spaCy remembers how it split each space-separated chunk, but only its first 10,000
        # chunks: a batch passes that within its first hundred CVs, then splits repeats again.
        # The cache holds a pointer per token (the vocabulary keeps each word anyway); 200,000
        # chunks cover some 2,000 CVs in a few tens of MB. Splits are the same either way.
        tokenizer: Any = self._tokenizer    # spaCy's stubs type nlp.tokenizer as a callable
        tokenizer.max_cache_size = TOKENIZER_CACHE

    def _phrases(self, toks: _Tokens) -> list[tuple[int, int, _Form]]:
        """Every run of tokens that spells a name (or a spelling variant) exactly, ignoring case,
        as (start, end, form); overlapping runs too. Most tokens begin no name: one look-up."""
        lower, forms, prefixes = toks.lower, self._forms, self._prefixes
        out = []
        n = len(lower)
        for i in range(n):
            key = lower[i]
            form = forms.get(key)
            if form is not None:
                out.append((i, i + 1, form))
            if key not in prefixes:
                continue
            for j in range(i + 1, min(n, i + self._longest)):
                key = key + " " + lower[j]
                form = forms.get(key)
                if form is not None:
                    out.append((i, j + 1, form))
                if key not in prefixes:
                    break
        return out

    # ------------------------------------------------------------ one line -> mentions

    def _mentions(self, toks: _Tokens, starts: tuple[int, ...] = (0,)) -> list[Mention]:
        """Exact phrase matches and squashed multi-token variants ('Node . JS'), longest first;
        then single words in the gaps by squash ('python3') or fuzzy ('Tensorfow')."""
        candidates: list[Mention] = []
        for start, end, form in self._phrases(toks):
            text = toks.span(start, end)
            candidates.append(Mention(form.skill_id, start, end, text, form.form,
                                      form.needs_context
                                      or _short_case_changed(form.form, text),
                                      strict=form.strict, broad=form.broad))
        exact = sorted((m.start, m.end) for m in candidates)
        for start, end, sid in self._squashed(toks):
            if not _tiled(start, end, exact) and _split_name(toks, start, end):
                text = toks.span(start, end)
                candidates.append(Mention(sid, start, end, text, text, False))
        found: list[Mention] = []
        taken: set[int] = set()
        for m in sorted(candidates, key=lambda m: (m.start - m.end, m.form == m.text, m.start)):
            if not taken.intersection(range(m.start, m.end)):
                found.append(m)
                taken.update(range(m.start, m.end))
        found.extend(self._shared_words(toks, found, taken))
        found.extend(self._words(toks, taken, frozenset(starts)))
        return sorted(found, key=lambda m: m.start)

    def _shared_words(self, toks: _Tokens, found: list[Mention], taken: set[int]) -> list[Mention]:
        """Names that share a word with a name beside them: 'supervised and unsupervised
        learning' names supervised learning too, 'data collection and analysis' data analysis.
        Each word before (or after) the name, joined by 'and', 'or', '&', '/' or a comma, takes
        the name's other words in turn; a name comes of it only when the taxonomy has it."""
        out: list[Mention] = []
        lower = toks.lower
        for m in found:
            if m.end - m.start < 2:
                continue
            rest_after = lower[m.start + 1:m.end]      # 'learning' of 'unsupervised learning'
            i = m.start
            # the join next to the name is a conjunction, further ones may be commas:
            # 'supervised, unsupervised and reinforcement learning'; a comma alone joins list
            # items ('power distribution, Project Management')
            while i >= 2 and lower[i - 1] in (_SHARE_JOINS if i < m.start else _CONJUNCTIONS) \
                    and i - 2 not in taken and toks.head[i - 2]:
                made = self._shared(toks, i - 2, i - 1, [lower[i - 2], *rest_after],
                                    toks.span(i - 2, m.end))
                if made is None:
                    break
                out.append(made)
                taken.add(i - 2)
                i -= 2
            rest_before = lower[m.start:m.end - 1]      # 'data' of 'data collection'
            j = m.end
            while j + 1 < len(lower) and lower[j] in _CONJUNCTIONS and j + 1 not in taken \
                    and toks.head[j + 1]:
                made = self._shared(toks, j + 1, j + 2, [*rest_before, lower[j + 1]],
                                    toks.span(m.start, j + 2))
                if made is None:
                    break
                out.append(made)
                taken.add(j + 1)
                j += 2
        return out

    def _shared(self, toks: _Tokens, start: int, end: int, words: list[str],
                text: str) -> Mention | None:
        form = self._forms.get(" ".join(words))
        if form is None:
            return None
        return Mention(form.skill_id, start, end, text, form.form,
                       form.needs_context or _short_case_changed(form.form, toks.span(start, end)),
                       strict=form.strict, broad=form.broad)

    def _squashed(self, toks: _Tokens) -> list[tuple[int, int, str]]:
        """Runs of 2 to MAX_WINDOW tokens whose squashed key names a skill, as (start, end, id).

        The order does not matter (candidates are sorted by span). Each start's key grows one
        token at a time and stops once no name can begin with it: most words begin none."""
        key, head, tail, clear = toks.key, toks.head, toks.tail, toks.clear
        lookup, may_grow = self._fuzzy.lookup, self._fuzzy.may_grow
        out = []
        for start in range(len(key)):
            if not head[start]:
                continue
            joined = key[start]
            # squash is per character, so the window's key is its tokens' keys joined
            for end in range(start + 2, min(clear[start], start + MAX_WINDOW) + 1):
                if not may_grow(joined):
                    break
                joined += key[end - 1]
                if tail[end - 1]:
                    sid = lookup(joined)
                    if sid is not None:
                        out.append((start, end, sid))
        return out

    def _words(self, toks: _Tokens, taken: set[int], starts: frozenset[int]) -> list[Mention]:
        """Single words left over: 'python3' by squash, 'Tensorfow' by fuzzy (list items only)."""
        out: list[Mention] = []
        lookup, close = self._fuzzy.lookup, self._fuzzy.close_key
        for size in (2, 1):
            windows = _windows(toks, size)
            if size == 2:   # a two-token run only ever matches as a fuzzy list item: most are not
                windows = [a for a in windows if _item(toks, a, a + 2, starts)]
            for start in windows:
                end = start + size
                if start in taken or end - 1 in taken:     # the run is one or two tokens
                    continue
                # the run's squashed text, as in _squashed(); a word's key is looked up
                key = toks.key[start] if size == 1 else toks.key[start] + toks.key[start + 1]
                sid = lookup(key) if size == 1 else None
                fuzzy = sid is None
                # fuzzable() first: it is cheaper than _item() and rules out most words
                if fuzzy and fuzzable(key) and _item(toks, start, end, starts):
                    sid = close(key)
                if sid is not None:
                    text = toks.span(start, end)
                    out.append(Mention(sid, start, end, text, text, False, fuzzy=fuzzy))
                    taken.update(range(start, end))
        for i, text in enumerate(toks.text):
            if i not in taken and len(text) >= MIN_GLUED:   # inside() finds nothing in shorter
                seen = {sid for sid, _, _ in self._fuzzy.inside(text)}
                out.extend(Mention(sid, i, i + 1, text, text, False) for sid in sorted(seen))
        return out

    # ------------------------------------------------------------ sections -> hits

    def find(self, sections: tuple[Section, ...]) -> tuple[SkillHit, ...]:
        """Skills the taxonomy knows, in reading order, each with its first few lines of
        evidence (what a job posting is read with)."""
        return tuple(self._collect(sections, open_vocabulary=False)[0].values())

    def read(self, sections: tuple[Section, ...]) -> tuple[tuple[SkillHit, ...],
                                                          tuple[SkillHit, ...]]:
        """A CV's (technical skills, soft and business skills): known skills, and every item of
        its skills lists the taxonomy does not know (`known` false)."""
        found, soft_ids = self._collect(sections, open_vocabulary=True)
        return (tuple(h for sid, h in found.items() if sid not in soft_ids),
                tuple(h for sid, h in found.items() if sid in soft_ids))

    def split_soft(self, hits: Iterable[SkillHit]) -> tuple[tuple[SkillHit, ...],
                                                            tuple[SkillHit, ...]]:
        """(technical skills, soft and business skills), each in reading order."""
        tech: list[SkillHit] = []
        soft: list[SkillHit] = []
        for hit in hits:
            (soft if self.taxonomy.is_soft(hit.id) else tech).append(hit)
        return tuple(tech), tuple(soft)

    def _collect(self, sections: tuple[Section, ...], open_vocabulary: bool
                 ) -> tuple[dict[str, SkillHit], set[str]]:
        """Skill id -> hit in reading order, and the ids of soft and business skills."""
        kept = [s for s in sections if s.kind not in IGNORED_KINDS]
        seen: dict[str, list[_Seen]] = {}
        for section in kept:
            own = [line for line in section.lines if line.text.strip()]
            if not own:
                continue
            toks, starts = self._tokenize([clean_text(line.text) for line in own])
            view = TextView(tokens=tuple(toks.text),
                            mentions=tuple(self._mentions(toks, starts)),
                            line_starts=starts, in_skills_section=section.kind in SKILLS_KINDS,
                            in_work_section=section.kind in WORK_KINDS,
                            spaces=tuple(bool(w) for w in toks.ws),
                            excluded=_degree_tokens(toks, starts, own)
                            if section.kind in EDUCATION_KINDS else frozenset())
            view = self._without_stray_extended(view, own)
            case_ok = {i: self._case_ok(m) for i, m in enumerate(view.mentions)}
            accepted = accept(view, case_ok)
            found: list[tuple[int, str, str, str | None, bool]] = []  # start, id, text, level, soft
            if open_vocabulary:
                result = open_items(ListView(
                    tokens=view.tokens, spaces=view.spaces, line_starts=starts,
                    mentions=view.mentions, accepted=frozenset(accepted),
                    in_skills_section=view.in_skills_section, excluded=view.excluded,
                    in_work_section=section.kind in PROSE_LIST_KINDS,
                    line_styles=tuple((ln.font, round(ln.size, 1), ln.bold) for ln in own)))
                for it in result.items:
                    text = it.text or toks.span(it.start, it.end)
                    words = () if it.text else tuple(toks.lower[it.start:it.end])
                    found.append((it.start, self._item_id(text, words), text, it.level, it.soft))
            else:
                result = OpenResult((), {}, frozenset())
            for i in accepted:
                m = view.mentions[i]
                found.append((m.start, m.skill_id, m.text, result.levels.get(i) or None,
                              i in result.soft))
            if section.kind in WORK_KINDS:
                found.extend((a, sid, toks.span(a, b), None, False)
                             for a, b, sid in self._said_with_verbs(toks))
            for start, sid, text, level, soft in sorted(found, key=lambda f: f[0]):
                line = own[bisect_right(starts, start) - 1]
                seen.setdefault(sid, []).append(_Seen(section, line, text, level, soft))
        soft_ids = {sid for sid, where in seen.items()
                    if self.taxonomy.is_soft(sid) or all(w.soft for w in where)}
        said: dict[int, str] = {}     # id(line) -> its text as evidence, made once per line
        return {sid: self._hit(sid, where, said) for sid, where in seen.items()}, soft_ids

    def _said_with_verbs(self, toks: _Tokens) -> list[tuple[int, int, str]]:
        """(start, end, skill id) of the curated skills a work bullet says with a verb
        ('analysed large data sets'); skills/verbal.py."""
        def known(name: str) -> bool:
            form = self._forms.get(name)
            return form is not None and not form.strict
        return [(a, b, self._forms[name].skill_id) for a, b, name in verb_phrases(toks.lower, known)]

    def _without_stray_extended(self, view: TextView, lines: list[Line]) -> TextView:
        """The view without extended-taxonomy names that cannot count where they are: outside a
        skills section and a labelled list, written in another case ('video' for Video), or on
        a sub-heading line of a skills section. Left in, they would make the prose around them
        look like a list of names to the other rules."""
        if not any(m.strict for m in view.mentions):
            return view
        labels = labelled_ranges(view)
        heads = heading_lines(ListView(
            tokens=view.tokens, spaces=view.spaces, line_starts=view.line_starts,
            mentions=view.mentions, accepted=frozenset(), in_skills_section=view.in_skills_section,
            line_styles=tuple((ln.font, round(ln.size, 1), ln.bold) for ln in lines)))
        heads_at = {view.line_starts[i] for i in heads}

        def stray(m: Mention) -> bool:
            line = view.line_starts[bisect_right(view.line_starts, m.start) - 1]
            listed = view.in_skills_section or any(a <= m.start < b for a, b in labels)
            return not listed or not self._case_ok(m) or line in heads_at
        return replace(view, mentions=tuple(m for m in view.mentions if not (m.strict and stray(m))))

    def _item_id(self, text: str, words: tuple[str, ...] = ()) -> str:
        """An id for a list item the taxonomy does not know: the item in kebab case, kept apart
        from the taxonomy's ids ('salt' written in lower case is not the tool Salt). An item
        written exactly as a name the taxonomy has (an extended name in a list in a sentence,
        which the matcher counts only in skills lists) is that skill."""
        form = self._forms.get(" ".join(words)) if words else None
        if form is not None and form.form == text:
            return form.skill_id
        sid = _slug(_singular_key(text))
        if sid in self.taxonomy.skills:
            sid = _slug(text)           # 'Adobe Creative Suites' is not the curated suite
        return f"{sid}-item" if sid in self.taxonomy.skills else sid

    def _tokenize(self, texts: list[str]) -> tuple[_Tokens, tuple[int, ...]]:
        """A section's lines' tokens as plain lists and where each line starts.

        spaCy splits on spaces before anything else, so one call for lines joined by spaces
        gives the tokens of a call per line (and saves a Doc per line), except where a line
        ends in white space (its last space would join the separator) or a special case could
        match across a line break. So each run of lines between such breaks is one call."""
        return self._join([(self._tokenizer("".join(t + " " if _open_end(t) else t for t in run)),
                            _offsets(run)) for run in self._runs(texts)])

    def _runs(self, texts: list[str]) -> list[list[str]]:
        """The lines in runs that one tokenizer call splits as it would split them line by line:
        a run ends at a line that is empty or ends in white space, or before a line a special
        case could reach into. Most sections are one run."""
        runs = [[texts[0]]]
        for before, after in zip(texts, texts[1:]):
            if _open_end(before) and not self._straddles(before, after):
                runs[-1].append(after)
            else:
                runs.append([after])
        return runs

    def _straddles(self, before: str, after: str) -> bool:
        """A special case could match across the break between these two lines: in one Doc,
        spaCy's special-case pass would see pieces of both (and may then skip one inside)."""
        return any(before.endswith(a) and after.startswith(b)
                   for a, b in self._breaks.get(before[-1] + after[:1], ()))

    def _join(self, docs: list[tuple[Doc, list[int]]]) -> tuple[_Tokens, tuple[int, ...]]:
        """A section's runs of lines as one list of tokens, so names wrapped over a line break
        still match (each run's tokens are read once), and where each line starts.
        `docs`: each run's Doc with the character offset of each of its lines."""
        words: list[str] = []
        spaces: list[bool] = []
        starts: list[int] = []
        for doc, offsets in docs:
            idx: list[int] = []
            for t in doc:
                words.append(t.text)
                spaces.append(bool(t.whitespace_))
                idx.append(t.idx)
            base = len(words) - len(idx)
            starts.extend(base + bisect_left(idx, o) for o in offsets)
            if spaces:
                spaces[-1] = True      # a line's last token is followed by the line break
        return _Tokens.of(words, spaces), tuple(starts)

    def _case_ok(self, m: Mention) -> bool:
        """Case matters only for ordinary-word and short forms ('Go' yes, 'go' no)."""
        skill = self.taxonomy.skills[m.skill_id]
        if m.form not in skill.ambiguous and len(_alnum(m.form)) > SHORT_FORM:
            return True
        return _case_ok(m.form, m.text)

    def _hit(self, sid: str, where: list[_Seen], said: dict[int, str]) -> SkillHit:
        """The hit of one skill from where it was seen. `said` holds each line's evidence text
        (a skill named thousands of times on one long line must not re-split it each time)."""
        evidence: list[Evidence] = []
        matched: list[str] = []
        for w in where:
            if len(evidence) < MAX_EVIDENCE:
                line = said.get(id(w.line))
                if line is None:
                    line = said[id(w.line)] = " ".join(w.line.text.split())
                ev = Evidence(section=w.section.kind, page=w.line.page, text=line)
                if ev not in evidence:
                    evidence.append(ev)
            text = " ".join(w.text.split())
            if text not in matched and len(matched) < MAX_MATCHED:
                matched.append(text)
        demonstrated = any(w.section.kind in DEMONSTRATED_KINDS for w in where)
        level = next((w.level for w in where if w.level), None)
        skill = self.taxonomy.skills.get(sid)
        if skill is None:           # a list item the taxonomy does not know
            return SkillHit(id=sid, name=matched[0], category=UNKNOWN_CATEGORY,
                            evidence=tuple(evidence), demonstrated=demonstrated,
                            matched=tuple(matched), known=False, level=level)
        return SkillHit(id=sid, name=skill.name, category=skill.category,
                        evidence=tuple(evidence), demonstrated=demonstrated,
                        matched=tuple(matched), aliases=skill.aliases, level=level)

    def find_in_text(self, lines: Iterable[str], kind: SectionKind = "header") -> tuple[SkillHit, ...]:
        """Convenience for plain text (tests, job postings): every line in one section."""
        section = Section(kind=kind, heading="", page=1,
                          lines=tuple(Line(text=t, page=1) for t in lines))
        return self.find((section,))


def _special_breaks(tokenizer: Tokenizer) -> dict[str, list[tuple[str, str]]]:
    """Neighbouring pieces of each special case ('Ph.D.' is matched as 'Ph' '.' 'D.'), keyed by
    the two characters around the break. spaCy finds special cases by matching these pieces,
    split by prefixes, suffixes and infixes alone, over the whole Doc."""
    plain = Tokenizer(tokenizer.vocab, prefix_search=tokenizer.prefix_search,
                      suffix_search=tokenizer.suffix_search,
                      infix_finditer=tokenizer.infix_finditer,
                      token_match=tokenizer.token_match, url_match=tokenizer.url_match)
    out: dict[str, list[tuple[str, str]]] = {}
    for rule in tokenizer.rules:
        pieces = [t.text for t in plain(rule)]
        for a, b in zip(pieces, pieces[1:]):
            out.setdefault(a[-1] + b[0], []).append((a, b))
    return out


def _open_end(text: str) -> bool:
    """The line ends in a visible character, so the space that joins it to the next line is
    the plain separator spaCy drops (one more space after white space would be a token)."""
    return bool(text) and not text[-1].isspace()


def _offsets(run: list[str]) -> list[int]:
    """Where each line of a run starts in the text _tokenize() hands spaCy for it."""
    out = [0]
    for t in run[:-1]:
        out.append(out[-1] + len(t) + 1)
    return out


def _degree_tokens(toks: _Tokens, starts: tuple[int, ...], lines: list[Line]) -> frozenset[int]:
    """Tokens of degree lines up to a coursework-like label."""
    ends = (*starts[1:], len(toks.text))
    out: set[int] = set()
    for a, b, line in zip(starts, ends, lines):
        if not _DEGREE.search(line.text):
            continue
        for i in range(a, b):
            if toks.lower[i] in _COURSEWORK:
                break
            out.add(i)
    return frozenset(out)


def _windows(toks: _Tokens, size: int) -> list[int]:
    """Starts of runs of `size` tokens that could be one name: no separator, word at both ends."""
    head, tail, clear = toks.head, toks.tail, toks.clear
    return [i for i in range(len(head) - size + 1)
            if head[i] and tail[i + size - 1] and clear[i] >= i + size]


def _item(toks: _Tokens, start: int, end: int, starts: frozenset[int]) -> bool:
    """toks[start:end] is a whole list item: separators or line edges on both sides."""
    left = start in starts or toks.lower[start - 1] in SEPARATORS
    right = end == len(toks.text) or end in starts or toks.lower[end] in SEPARATORS
    return left and right


def _split_name(toks: _Tokens, start: int, end: int) -> bool:
    """'Py-Torch', 'Node.JS' (joined by punctuation) or 'Tensor Flow', 'Power BI' (capitalised
    words): one name written in pieces, unlike 'small talk' or 'in Design'."""
    spaced = any(toks.ws[start:end - 1])
    return not spaced or all(text[:1].isupper() or text[:1].isdigit()
                             for text in toks.text[start:end])


def _tiled(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """toks[start:end] is exact names side by side ('Agile SCRUM' is two skills, not the alias
    'Agile/Scrum'); 'Node.JS' is not, the dot joins it into one name."""
    k = bisect_left(spans, (start,))    # `spans` in order: only those starting in [start, end)
    inner = []
    while k < len(spans) and spans[k][0] < end:
        if spans[k][1] <= end:
            inner.append(spans[k])
        k += 1
    return len(inner) > 1 and all(any(a <= i < b for a, b in inner) for i in range(start, end))


def _split_lines(doc: Doc) -> list[list]:
    """The tokens of each newline-separated name in one tokenized text."""
    out: list[list] = [[]]
    for t in doc:
        if t.is_space and "\n" in t.text:
            out.extend([] for _ in range(t.text.count("\n") - 1))
            out.append([])
        elif not t.is_space:
            out[-1].append(t)
    return out


def _singular_key(text: str) -> str:
    """An unknown name of two or more words keyed by its singular ('Monaco Editors' and
    'Monaco Editor' are one skill; the name stays as written). One-word names keep their
    shape: a plain word's singular is often another word ('Sales', 'Pages')."""
    head, _, last = text.rpartition(" ")
    if not head or not last.isalpha() or not last.lower().endswith("s") or len(last) < 4:
        return text
    one = [w for w in _number_forms(last.lower()) if len(w) < len(last)]   # not 'processes'
    return f"{head} {one[0]}" if one else text


def _slug(text: str) -> str:
    """'MongoDB Atlas' -> 'mongodb-atlas', 'C++ Builder' -> 'c-plus-plus-builder'."""
    text = text.lower().replace("+", " plus ").replace("#", " sharp ")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "item"


def _alnum(text: str) -> str:
    return "".join(c for c in text if c.isalnum())


def _short_case_changed(form: str, written: str) -> bool:
    """'ml', 'Ai', 'sem', 'solid' written for ML, AI, SEM, SOLID: short forms and capitalised
    acronyms written in another case count only in context."""
    n = len(_alnum(form))
    acronym = form.isupper() and n >= 2
    return (n <= SHORT_FORM or acronym) and not _case_ok(form, written)


def _case_ok(form: str, written: str) -> bool:
    """Written as the taxonomy writes it, or in capitals ('EXCEL' in a heading-style list)."""
    return written == form or (written.isupper() and len(_alnum(written)) > 1)


def _build_tables(taxonomy: Taxonomy, tokenizer: Tokenizer) -> _Tables:
    """Every name, alias and spelling variant tokenized as a CV's text is, keyed by its tokens;
    the loose (unambiguous curated) names also by squashed key for variants and misspellings."""
    forms: dict[str, _Form] = {}
    loose: dict[str, str] = {}
    written: list[tuple[str, _Form]] = []
    made: list[tuple[str, _Form]] = []     # generated variants: they yield to written names
    for skill in taxonomy.skills.values():
        for form in skill.forms:
            ctx = taxonomy.needs_context(skill, form)
            broad = not skill.extended and len(skill.ambiguous) == len(skill.forms) \
                and (" " in form or form.lower().endswith(BROAD_ENDINGS))
            entry = _Form(skill.id, form, ctx, skill.extended, broad)
            for text in sorted(variants(form, taxonomy.is_soft(skill.id))):
                (written if text == form else made).append((text, entry))
    # a name another skill writes out beats a variant made from this one: 'Kalman filter' is
    # the skill Kalman filter, not the singular of another skill's alias 'Kalman filters'
    written += made
    for text, entry in written:
        if not entry.needs_context:
            loose.setdefault(text, entry.skill_id)
    # one tokenizer call for all names (one per line) instead of thousands of small Docs
    joined = tokenizer("\n".join(text for text, _ in written))
    prefixes: set[str] = set()
    longest = 1
    for tokens, (_, entry) in zip(_split_lines(joined), written):
        lower = [t.lower_ for t in tokens]
        key = " ".join(lower)
        if tokens and key not in forms:
            forms[key] = entry
            longest = max(longest, len(lower))
            prefixes.update(" ".join(lower[:n]) for n in range(1, len(lower)))
    return _Tables(forms=forms, prefixes=frozenset(prefixes), longest=longest,
                   fuzzy=FuzzyIndex(loose), breaks=_special_breaks(tokenizer))


def _tables_key() -> str:
    """The cache key of the bundled taxonomy's tables: its data files, the code that builds
    them, and spaCy's version (its tokenizer splits the names)."""
    from resume_match.data import bundled_path
    from resume_match.skills.taxonomy import BUNDLED, EXTENDED
    files = [bundled_path("role_profiles", BUNDLED), bundled_path("role_profiles", EXTENDED)]
    return cache.digest(files + cache.code_files("taxonomy", "matcher", "fuzzy"),
                        extra=(spacy.__version__,))


@lru_cache(maxsize=1)
def get_matcher() -> SkillMatcher:
    """One matcher per process: building it loads the taxonomy and compiles the patterns."""
    return SkillMatcher()
