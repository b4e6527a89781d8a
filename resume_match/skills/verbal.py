"""Skills said with a verb: "Analyzed and visualized large data sets" is data analysis and data
visualization, "tuned the hyperparameters" hyperparameter tuning.

A CV's bullets name most of what a candidate did as verb + object, while a taxonomy names it as
object + noun ("data analysis"). For each verb of data/skill_context.yaml `verb_nominals` the
words after it (up to a separator, a preposition or OBJECT_WORDS words) are tried as the object
of the noun the verb makes, so only names the taxonomy already writes can be found. Coordinated
verbs share their object ("cleaned and analysed data"). Pure functions over lower-case tokens.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable, Iterator

from resume_match.data import load

OBJECT_WORDS = 4        # words between a verb and the end of its object, at most
TOOL_REACH = 6          # words between 'used' and the 'to' of its purpose, at most


@lru_cache(maxsize=1)
def _verbs() -> dict[str, tuple[str, ...]]:
    """Each inflected verb ('analysed') -> the nouns it makes ('analysis')."""
    return _forms(_inflect)


@lru_cache(maxsize=1)
def _infinitives() -> dict[str, tuple[str, ...]]:
    """Each bare verb ('analyse') -> its nouns: a verb only after 'to' ('used Python to
    automate reporting'), as the bare form alone is a noun as often ('model training')."""
    return _forms(lambda stem: {stem})


@lru_cache(maxsize=1)
def _purpose_cues() -> frozenset[str]:
    return frozenset(str(w).lower() for w in load("skill_context.yaml")["purpose_cues"])


def _purpose(lower: list[str], i: int) -> bool:
    """Whether lower[i] is the verb of 'used <a tool> to <verb>': work the candidate did with
    the tool ('Used Python to automate reporting'). Other infinitives often say what a thing
    or someone else does ('a framework to process orders', 'worked with clients to analyze')."""
    if i < 2 or lower[i - 1] != "to":
        return False
    cues = _purpose_cues()
    return any(w in cues for w in lower[max(0, i - 2 - TOOL_REACH):i - 1])


def _forms(inflect: Callable[[str], set[str]]) -> dict[str, tuple[str, ...]]:
    out: dict[str, set[str]] = {}
    for noun, stems in load("skill_context.yaml")["verb_nominals"].items():
        for stem in stems:
            for form in inflect(str(stem).lower()):
                out.setdefault(form, set()).add(str(noun).lower())
    return {verb: tuple(sorted(nouns)) for verb, nouns in out.items()}


def _inflect(stem: str) -> set[str]:
    """'analyse' -> analysed, analysing; 'model' -> modeled, modelled, modeling, modelling.
    The past and -ing forms only: the bare verb and its -s form are nouns as often ('model
    training', 'tests') and a CV's bullets are written in the past or the present participle."""
    if stem.endswith("e"):
        return {stem + "d", stem[:-1] + "ing"}
    if stem.endswith("y") and stem[-2:-1] not in "aeiou":
        return {stem[:-1] + "ied", stem + "ing"}
    forms = {stem + "ed", stem + "ing"}
    if stem[-1] in "lmnprt" and stem[-2:-1] in "aeiou" and stem[-3:-2] not in "aeiou":
        forms |= {stem + stem[-1] + "ed", stem + stem[-1] + "ing"}   # modelled, labelled
    return forms


@lru_cache(maxsize=1)
def _nouns() -> frozenset[str]:
    """The nouns the verbs make ('segmentation'), for 'Segmentation of Raman images'."""
    return frozenset(str(n).lower() for n in load("skill_context.yaml")["verb_nominals"])


_DETERMINERS = frozenset({"the", "a", "an", "large", "all", "multiple", "various"})


@lru_cache(maxsize=1)
def _adjective_cues() -> frozenset[str]:
    """Words after which a verb form describes a thing ('the automated process'), not work."""
    return frozenset(str(w).lower() for w in load("skill_context.yaml")["adjective_cues"])


@lru_cache(maxsize=1)
def _stops() -> frozenset[str]:
    """Words that end a verb's object: prepositions, conjunctions into a new clause."""
    return frozenset(str(w).lower() for w in load("skill_context.yaml")["object_breaks"])


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "is", "us")) and len(word) > 3:
        return word[:-1]
    return word


def verb_phrases(lower: list[str], known: Callable[[str], bool]) -> Iterator[tuple[int, int, str]]:
    """(first verb token, end of the object, name) for each name `known` accepts that a verb
    phrase says: the object's words, singular or as written, then the verb's noun."""
    verbs, infinitives = _verbs(), _infinitives()
    stops = _stops()
    nouns_of = _nouns()
    adjectives = _adjective_cues()
    i, n = 0, len(lower)
    while i < n:
        if lower[i] in nouns_of and i + 1 < n and lower[i + 1] == "of":
            yield from _noun_of(lower, i, stops, known)   # 'Segmentation of Raman images'
            i += 2
            continue
        if lower[i] in verbs:
            said_as = verbs
        elif lower[i] in infinitives and _purpose(lower, i):
            said_as = infinitives
        else:
            i += 1
            continue
        if i > 0 and lower[i - 1] in adjectives:
            i += 1
            continue
        first, said = i, [said_as[lower[i]]]
        j = i + 1
        while j + 1 < n and lower[j] in ("and", ",", "&", "/") and lower[j + 1] in said_as:
            said.append(said_as[lower[j + 1]])     # 'cleaned and analysed data', 'to clean and analyse'
            j += 2
        end = j
        while end < min(n, j + OBJECT_WORDS) and lower[end].isalnum() and lower[end] not in stops:
            end += 1
        for nouns in said:                          # one skill per verb: its first noun that
            for noun in nouns:                      # names one ('analysis' before 'analytics')
                hit = next(_objects(lower, first, j, end, noun, known), None)
                if hit:
                    yield hit
                    break
        i = j
    return


def _objects(lower: list[str], first: int, a: int, b: int, noun: str,
             known: Callable[[str], bool]) -> Iterator[tuple[int, int, str]]:
    """The longest run of object words ending at a word of [a, b) that names a skill with
    `noun` after it ('large data sets analysis' -> 'data analysis')."""
    for k in range(a, b):
        for start in range(a, k + 1):
            words = lower[start:k + 1]
            for obj in (" ".join(words[:-1] + [_singular(words[-1])]), " ".join(words)):
                name = f"{obj} {noun}"
                if known(name):
                    yield first, k + 1, name
                    return


def _noun_of(lower: list[str], i: int, stops: frozenset[str],
             known: Callable[[str], bool]) -> Iterator[tuple[int, int, str]]:
    """'analysis of sales data' -> data analysis: the noun, 'of', then its object."""
    a = i + 2
    while a < len(lower) and lower[a] in _DETERMINERS:
        a += 1
    end = a
    while end < min(len(lower), a + OBJECT_WORDS) and lower[end].isalnum() and lower[end] not in stops:
        end += 1
    hit = next(_objects(lower, i, a, end, lower[i], known), None)
    if hit:
        yield hit
