"""Text parsing in linear time (issue 16 item 1): long lines and many lines, each shape of
bench/long_lines.py, analysed within a generous bound; and the indexes that replaced the
per-date scans of a line give what the scans gave."""
from __future__ import annotations

import random
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from resume_match.parse.dates import find_ranges, find_ranges_in_lines
from resume_match.parse.facts import _cut, _in_sentence, _Spans, _words_before, positions_in
from resume_match.models import Line

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from long_lines import make  # noqa: E402

# Before the fix: 20 KB of '2019 - ' took 14 s of CPU and 40 KB over 150 s (quadratic); 1 MB of
# words on one line 80 s in the skills matcher alone. After: about 3 s each, start-up included.
# One line stays under the 50,000-character line cap (extract/limits.py), which refuses longer
# ones before any parsing; 45 KB of '2019 - ' took about 50 s before.
BOUND_S = 20.0


@pytest.mark.parametrize("shape, kb", [("dates", 45), ("words", 45), ("lines", 1000),
                                       ("unique", 1000), ("datelines", 1000)])
def test_a_long_text_is_analysed_in_bounded_time(tmp_path: Path, shape: str, kb: int) -> None:
    cv = tmp_path / f"{shape}.txt"
    cv.write_text(make(shape, kb * 1000))
    try:
        done = subprocess.run([sys.executable, "-m", "resume_match", str(cv), "--json"],
                              capture_output=True, timeout=BOUND_S)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{kb} KB of {shape!r} took over {BOUND_S:g} s")
    assert done.returncode == 0, done.stderr[-500:]
    assert b'"experience"' in done.stdout


def test_a_line_of_many_dates_gives_at_most_a_few_entries() -> None:
    line = "2019 - 2020 " * 2000
    found = positions_in((Line(text=line, page=1),))
    assert len(found) == 20                                # MAX_ENTRIES_PER_LINE
    assert len(find_ranges_in_lines([line])) == 2000       # the dates themselves are all read


def test_dates_of_a_long_line_are_found_as_on_a_short_one() -> None:
    short = "Data Scientist, Acme Inc. Jan 2019 - Present"
    long = " ".join([short] * 500)
    ranges = find_ranges(long)
    assert len(ranges) == 500 and all(r.current and r.start == (2019, 1) for r in ranges)


def test_the_word_indexes_count_as_the_regexes_did() -> None:
    rnd = random.Random(7)
    for _ in range(2000):
        text = "".join(rnd.choice("aB c.d-  ,xY1 9from in") for _ in range(rnd.randint(0, 24)))
        spans = _Spans(text)
        for pos in range(len(text) + 1):
            assert spans.words_before(pos) == len(re.findall(r"[A-Za-z]{2,}", text[:pos]))
            assert spans.words_after(pos) == len(re.findall(r"[A-Za-z]{2,}", text[pos:]))
            assert spans.letter_after(pos) == bool(re.search(r"[A-Za-z]", text[pos:]))
            assert _in_sentence(text, pos) == bool(re.search(
                r"(?i)\b(?:from|since|in|during|by|until|between|fiscal|of|year)\s*$", text[:pos]))
        for end in range(len(text) + 1):
            words = list(re.finditer(r"\S+", text[:end]))[-3:]
            assert _words_before(text, end, 3) == [(w.start(), w.group(0)) for w in reversed(words)]


def test_the_quick_tests_before_the_date_patterns_lose_no_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """The month-pair search runs only on text holding a four-digit year, and texts over
    CACHED_CHARS skip the cache: random texts of date-like pieces give what the full search
    gives."""
    from resume_match.parse import dates
    rnd = random.Random(11)
    pieces = ["May", "Aug", "sept.", "2012", "'19", "19", "03/", "2021", "-", " to ", "–", ", ",
              "Present", " ", "Summer", "v2", "x12", "1999", "Jan-Mar", "15"]
    texts = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 40))) for _ in range(3000)]
    texts += [" ".join(texts[i:i + 30]) for i in range(0, 3000, 30)]      # some over 300 chars
    quick = [find_ranges(t) for t in texts]
    assert any(len(t) > dates.CACHED_CHARS for t in texts)
    monkeypatch.setattr(dates, "_FULL_YEAR", re.compile(""))             # always searched
    monkeypatch.setattr(dates, "CACHED_CHARS", 1 << 30)
    dates._ranges.cache_clear()
    assert quick == [find_ranges(t) for t in texts]
    assert sum(map(bool, quick)) > 2000


def test_the_lookahead_before_the_date_patterns_changes_no_match() -> None:
    from resume_match.parse import dates
    rnd = random.Random(5)
    pieces = ["May", "août", "Sept.", "2012", "'19", "‘19", "`19", "03/", "2021", "-", " to ", ", ",
              "Present", " ", "(", ")", "|", "since ", "from ", "Summer", "x12", "15th", ".",
              "Jan - ", "Mar–", "Feb.-"]
    texts = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 30))) for _ in range(4000)]
    for fast, body in ((dates._RANGE, dates._RANGE_BODY), (dates._MONTH_PAIR, dates._MONTH_PAIR_BODY)):
        full = re.compile(body, re.IGNORECASE)
        found = [[m.span() for m in fast.finditer(t)] for t in texts]
        assert found == [[m.span() for m in full.finditer(t)] for t in texts]
        assert sum(map(bool, found)) > 30


def test_long_texts_are_cached_within_a_bound_on_their_characters() -> None:
    from resume_match.parse.dates import _SizedCache
    cache = _SizedCache(max_chars=1000)
    texts = [f"Engineer {y} - {y + 1} " * 20 for y in range(1990, 2000)]   # ~400 characters each
    first = [cache.get(t, 2026) for t in texts]
    assert first == [find_ranges(t) for t in texts] and all(len(r) == 20 for r in first)
    assert cache.chars <= 1000 and len(cache.kept) == 2                   # the last two
    assert cache.get(texts[-1], 2026) is first[-1]                         # kept, not worked out
    assert cache.get(texts[0], 2026) is not first[0] and cache.get(texts[0], 2026) == first[0]


def test_phone_search_gives_phonenumbers_a_bounded_share_of_long_lines(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A header of long lines full of years: phonenumbers' own search (35 us a character on
    such text) sees at most MATCHER_BUDGET characters of them in all, plus one line's cut."""
    from resume_match.parse import contact
    seen: list[int] = []
    real = contact.phonenumbers.PhoneNumberMatcher

    def counted(text: str, region: str) -> object:
        seen.append(len(text))
        return real(text, region)
    monkeypatch.setattr(contact.phonenumbers, "PhoneNumberMatcher", counted)
    lines = ["2019 - " * 6000] * 22
    assert contact.find_phone(lines) is None
    assert 0 < sum(seen) <= contact.MATCHER_BUDGET + contact.MATCHER_CHARS
    seen.clear()
    assert contact.find_phone(["Call me on 020 7946 0958 after six"], "GB") == "+442079460958"


def test_cutting_spans_in_one_pass_cuts_as_one_by_one() -> None:
    text = "Engineer | Jan 2019 - Mar 2020 | Acme, Austin, TX | 2021"
    spans = [(11, 30), (46, 50), (53, 57)]
    one_by_one = text
    for s, e in reversed(spans):
        one_by_one = one_by_one[:s] + " | " + one_by_one[e:]
    assert _cut(text, spans, " | ") == one_by_one


def test_a_bullet_wrapped_over_many_lines_is_joined_in_linear_time() -> None:
    from resume_match.parse.lines import join_wrapped
    wrapped = [Line(text="- Built it", page=1)] + [Line(text="and more words here", page=1)] * 80_000
    started = time.process_time()
    items = join_wrapped(wrapped)
    assert time.process_time() - started < 1.0         # 40,000 lines took 3.6 s (quadratic)
    assert items == ["Built it" + " and more words here" * 80_000]


def test_position_texts_answer_as_the_loop_over_every_position() -> None:
    from resume_match.match.ats import _PositionTexts
    rnd = random.Random(3)
    for _ in range(3000):
        texts = {"".join(rnd.choice("ab /\0") for _ in range(rnd.randint(0, 9)))
                 for _ in range(rnd.randint(0, 5))}
        index = _PositionTexts(texts)
        for _ in range(10):
            line = "".join(rnd.choice("ab /\0") for _ in range(rnd.randint(0, 10)))
            assert index.near(line) == any(line in d or d in line for d in texts if d)


def test_many_dated_entries_with_bullets_are_checked_in_linear_time() -> None:
    from resume_match.match.ats import _bullet_lines, ats_rules
    from resume_match.pipeline import read
    text = "EXPERIENCE\n" + "".join(f"Data Analyst {i}, Globex, Austin, TX  Mar 2012 - Dec 2015\n"
                                    f"- Wrote SQL reports number {i} for the sales team\n"
                                    for i in range(10_000))
    candidate = read(text.encode(), name="cv.txt")
    started = time.process_time()
    _bullet_lines(candidate, ats_rules())
    assert time.process_time() - started < 2.0         # 0.23 s; the loop over positions: 22 s


def test_skills_are_read_from_the_first_words_within_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past MAX_SKILL_WORDS a text is not a CV: skills are read up to there, and the report
    says so; a CV within the budget gets no warning."""
    from resume_match import api
    from resume_match.skills import budget
    filler = "".join(f"Wrote report {i} for the sales team\n" for i in range(60))
    cv = ("Jane Doe\njane@example.com\n\nSKILLS\nPython, SQL, Docker\n\nEXPERIENCE\n" + filler
          + "Built dashboards in Tableau\n")
    whole = api.analyse(cv.encode(), name="cv.txt")
    assert {"python", "tableau"} <= {s.id for s in whole.candidate.skills}
    assert not any("words only" in w for w in whole.candidate.warnings)
    monkeypatch.setattr(budget, "MAX_SKILL_WORDS", 200)
    cut = api.analyse(cv.encode(), name="cv.txt")
    ids = {s.id for s in cut.candidate.skills}
    assert "python" in ids and "tableau" not in ids
    assert any("first 200 words only" in w for w in cut.candidate.warnings)
    assert len(cut.candidate.sections) == len(whole.candidate.sections)      # all still shown


def test_a_section_gives_at_most_its_first_entries() -> None:
    from resume_match.parse.facts import MAX_ENTRIES_PER_SECTION
    lines = tuple(Line(text=f"Analyst {i}, Acme {i}  Jan 2019 - Mar 2020", page=1, top=float(i))
                  for i in range(MAX_ENTRIES_PER_SECTION + 100))
    found = positions_in(lines)
    assert len(found) == MAX_ENTRIES_PER_SECTION
    assert found[-1][0].title is not None
