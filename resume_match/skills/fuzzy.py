"""Variants and misspellings: 'Py-Torch', 'scikit learn', 'Node.JS' by a squashed key, and
'Tensorfow', 'Kuberentes' by rapidfuzz, with limits that keep precision.

Only names that are not ordinary words take part, and only keys long enough that an edit or two
cannot turn an English word into a tool ('Panda' never becomes pandas).
"""
from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

MIN_SQUASH = 4          # 'sql' is matched exactly; squashing shorter keys would invent words
MIN_FUZZY = 6           # below this, one edit is a different word (panda/pandas, docker/docket)
MIN_GLUED = 16          # a token this long without spaces is words a PDF extractor glued together
FUZZY_CUTOFF = 88.0     # rapidfuzz ratio, 0-100
_SQUASH = re.compile(r"[^a-z0-9+#]")
_ADDRESS = re.compile(r"[@/._:]")   # URLs, e-mails, handles and file names are not glued prose
_VERSION = re.compile(r"(?<=[a-z+#])v?\d+(\.\d+)*$")
_VERSION_CHARS = frozenset("v0123456789")   # what a squashed version suffix is made of


def squash(text: str) -> str:
    """'Py-Torch' -> 'pytorch'; 'scikit learn' -> 'scikitlearn'; 'Node.JS' -> 'nodejs'."""
    return _SQUASH.sub("", text.lower().replace("&", "and"))


@lru_cache(maxsize=1 << 16)
def squash_token(token: str) -> str:
    """squash() for one token, memoised: CVs repeat the same words, and squash works character
    by character, so a run of tokens squashes to its tokens' squashes joined."""
    return squash(token)


def strip_version(key: str) -> str:
    """'python3' -> 'python', 'tensorflow2' -> 'tensorflow'; 'word2vec' is left alone."""
    return _VERSION.sub("", key)


class FuzzyIndex:
    """Squashed keys of unambiguous names -> skill id, and the rapidfuzz lookup over them."""

    def __init__(self, names: dict[str, str]) -> None:
        """`names`: written form -> skill id, for forms that may be matched loosely."""
        keys: dict[str, str] = {}
        clash: set[str] = set()
        for form, sid in names.items():
            key = squash(form)
            if len(key) < MIN_SQUASH:
                continue
            if keys.get(key, sid) != sid:
                clash.add(key)
            keys[key] = sid
        self.keys = {k: v for k, v in keys.items() if k not in clash}
        # every beginning of a key (the empty one too), for may_grow()
        self._starts = {k[:n] for k in self.keys for n in range(len(k) + 1)}
        # names findable inside glued text, by length, longest first (a set lookup per length
        # is ~100x cheaper to build than one big regex alternation, and matches the same)
        self._glued: dict[int, set[str]] = {}
        for k in self.keys:
            if len(k) >= MIN_FUZZY and k.isalpha():
                self._glued.setdefault(len(k), set()).add(k)
        self._glued_lengths = sorted(self._glued, reverse=True)
        # bucketed by first letter and length: a misspelling keeps its first letter, and the
        # lookup stays a few hundred comparisons instead of thousands
        self._fuzzy: dict[tuple[str, int], list[str]] = {}
        for k in self.keys:
            if len(k) >= MIN_FUZZY and k.isalpha():
                self._fuzzy.setdefault((k[0], len(k)), []).append(k)
        # the same words come back CV after CV and mostly match nothing: remember the answers
        self._closest = lru_cache(maxsize=1 << 14)(self._closest_uncached)

    def __getstate__(self) -> dict:
        """Pickled without the remembered answers (a cache file holds the index itself)."""
        state = dict(self.__dict__)
        del state["_closest"]
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._closest = lru_cache(maxsize=1 << 14)(self._closest_uncached)

    def inside(self, token: str) -> list[tuple[str, int, int]]:
        """Names inside a glued token ('toolslikeAnsible', 'IaC(InfrastructureasCode)'), each
        starting and ending on a word boundary: token edge, punctuation or a capital letter."""
        if len(token) < MIN_GLUED or not self._glued or _ADDRESS.search(token):
            return []
        out = []
        for key, a, b in self._scan(token.lower()):
            if _edge(token, a, start=True) and _edge(token, b, start=False):
                out.append((self.keys[key], a, b))
        return out

    def _scan(self, text: str) -> list[tuple[str, int, int]]:
        """Leftmost-longest, non-overlapping occurrences of the glued-name keys in `text`."""
        found = []
        i = 0
        while i < len(text):
            key = next((text[i:i + n] for n in self._glued_lengths
                        if text[i:i + n] in self._glued[n]), None)
            if key is None:
                i += 1
            else:
                found.append((key, i, i + len(key)))
                i += len(key)
        return found

    def exact(self, text: str) -> str | None:
        """The skill whose squashed name equals this text's (version suffix tolerated)."""
        return self.lookup(squash(text))

    def lookup(self, key: str) -> str | None:
        """exact() for an already squashed key."""
        if len(key) < MIN_SQUASH:
            return None
        sid = self.keys.get(key)
        if sid is None and key[-1].isdigit():   # only a key ending in a digit has a version
            sid = self.keys.get(strip_version(key))
        return sid

    def may_grow(self, key: str) -> bool:
        """Whether lookup() could find a key that starts with this squashed key: it begins a
        name, or ends in what may be a version ('python3' finds python, so 'python3' + '5'
        can too). A window pass stops adding tokens once this is false."""
        return key in self._starts or key[-1] in _VERSION_CHARS

    def close(self, text: str) -> str | None:
        """The skill this word is a misspelling of: same first letter, one edit (two if long)."""
        return self.close_key(squash(text))

    def close_key(self, key: str) -> str | None:
        """close() for an already squashed key."""
        if not fuzzable(key):
            return None
        return self._closest(key)

    def _closest_uncached(self, key: str) -> str | None:
        """close() for a squashed key of letters."""
        choices = [k for n in range(len(key) - 2, len(key) + 3)
                   for k in self._fuzzy.get((key[0], n), ())]
        found = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if found is None:
            return None
        best = found[0]
        edits = Levenshtein.distance(key, best)
        limit = 1 if len(best) < 10 else 2
        if best[0] != key[0] or edits > limit or best.startswith(key) or key.startswith(best):
            return None
        if _inflected_prefix(key, best):
            return None
        return self.keys[best]


def fuzzable(key: str) -> bool:
    """A squashed key close() may match: long enough, and letters only."""
    return len(key) >= MIN_FUZZY and key.isalpha()


def _edge(token: str, i: int, *, start: bool) -> bool:
    """A word boundary in glued text: the token's edge, a non-letter, or a capital letter."""
    if i in (0, len(token)):
        return True
    if start:
        return token[i].isupper() or not token[i - 1].isalpha()
    return token[i].isupper() or not token[i].isalpha()


_INFLECTIONS = ("s", "es", "ed", "ing", "er", "ers")


def _inflected_prefix(key: str, best: str) -> bool:
    """'charts' is the word 'chart' inflected, not a misspelling of 'chartjs'."""
    return any(key.endswith(end) and len(key) - len(end) >= 4 and best.startswith(key[:-len(end)])
               for end in _INFLECTIONS)
