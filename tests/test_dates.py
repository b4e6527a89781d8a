"""Printed dates and ranges -> (year, month) values, and years with overlaps merged."""
from __future__ import annotations

import pytest

from resume_match.parse.dates import (DateRange, find_ranges, find_ranges_in_lines, interval, iso,
                                normalize, parse_iso, total_years)


def only(text: str) -> DateRange:
    ranges = find_ranges(text)
    assert len(ranges) == 1, ranges
    return ranges[0]


@pytest.mark.parametrize("text, start, end, current", [
    ("Jan 2019 - Present", (2019, 1), None, True),
    ("January 2019 – Current", (2019, 1), None, True),
    ("03/2018 - 06/2021", (2018, 3), (2021, 6), False),
    ("2017-2020", (2017, None), (2020, None), False),
    ("2017 – 2020", (2017, None), (2020, None), False),
    ("2017-20", (2017, None), (2020, None), False),
    ("Summer 2019", (2019, 6), (2019, 8), False),
    ("Fall 2020", (2020, 9), (2020, 11), False),
    ("2019 to date", (2019, None), None, True),
    ("Sept. 2018 — now", (2018, 9), None, True),
    ("'18-'20", (2018, None), (2020, None), False),
    ("Since March 2016", (2016, 3), None, True),
    ("May–August 2014", (2014, 5), (2014, 8), False),
    ("Nov 2022 - Feb 2023", (2022, 11), (2023, 2), False),
    ("Sep.2023\u00adMar.2024", (2023, 9), (2024, 3), False),      # no spaces, soft hyphen
    ("Jan2015-Present|NewYork,NY", (2015, 1), None, True),
    ("2019 - heute", (2019, None), None, True),               # German, French, Spanish 'now'
    ("Jan 2018 \u2013 aujourd\u2019hui", (2018, 1), None, True),
    ("03/2020 - presente", (2020, 3), None, True),
    ("2022\u2013     Research Scientist, DeepMind", (2022, None), None, True),   # open: '2022–'
    ("Sep 2020- Data Scientist", (2020, 9), None, True),
    ("03-2019 to 08-2021", (2019, 3), (2021, 8), False),     # month-year with a hyphen
    ("Jan-2019 to Jun-2019", (2019, 1), (2019, 6), False),
    ("Okt. 2020 – Dez. 2021", (2020, 10), (2021, 12), False),  # German, French, Spanish months
    ("janv. 2020 - déc. 2021", (2020, 1), (2021, 12), False),
    ("ene. 2020 - dic. 2021", (2020, 1), (2021, 12), False),
    ("Março 2019 - atualmente", (2019, 3), None, True),
])
def test_each_printed_range_format(text: str, start, end, current: bool) -> None:
    r = only(text)
    assert (r.start, r.end, r.current) == (start, end, current)


def test_span_points_at_the_printed_range() -> None:
    text = "Data Scientist, Acme Corp   Jun 2021 – Present"
    r = only(text)
    assert text[r.span[0]:r.span[1]] == "Jun 2021 – Present"


def test_single_dates_keep_their_precision() -> None:
    assert only("Expected June 2023").start == (2023, 6)
    assert not only("Expected June 2023").is_range
    assert only("Carleton University, 2019").start == (2019, None)


def test_numbers_that_are_not_dates_are_ignored() -> None:
    assert find_ranges("Improved recall by 2019% on 12,000 documents") == ()
    assert find_ranges("Reduced costs by $2,018 per month") == ()
    assert find_ranges("Summary of results") == ()


def test_end_before_start_is_not_a_range() -> None:
    assert all(r.end is None for r in find_ranges("2020 - 2017"))


def test_range_wrapped_over_two_lines() -> None:
    """moderncv prints '2021 –' in a narrow date column and 'Present' on the next line."""
    hits = find_ranges_in_lines(["2021 – Machine Learning Engineer, OpenAI", "Present Leading a team"])
    assert [(i, r.start, r.current) for i, r in hits] == [(0, (2021, None), True)]


def test_range_over_three_lines_of_a_date_column() -> None:
    """Word-processor CVs print 'May 2011' / 'to' / 'January 2015' in a narrow column."""
    hits = find_ranges_in_lines(["May 2011", "to", "January 2015", "Company Name City, State Fellow"])
    assert [(i, r.start, r.end) for i, r in hits] == [(0, (2011, 5), (2015, 1))]


def test_lone_dates_on_consecutive_lines_stay_apart() -> None:
    hits = find_ranges_in_lines(["May 2011", "Company Name", "June 2012"])
    assert [r.is_range for _, r in hits] == [False, False]


@pytest.mark.parametrize("text, end, current", [
    ("05/2009 , Current Company Name", None, True),
    ("08/2008 , 05/2009 Company Name", (2009, 5), False),
    ("Jan 2019 \u00e2\u20ac\u201c Mar 2020", (2020, 3), False),      # mojibake en dash
])
def test_comma_and_mojibake_separators(text: str, end, current: bool) -> None:
    r = find_ranges(text)[0]
    assert (r.end, r.current) == (end, current)


def test_a_comma_between_years_is_not_a_range() -> None:
    assert [r.is_range for r in find_ranges("Dean's List 2019, 2020")] == [False, False]


def test_normalize_keeps_offsets() -> None:
    text = "Jan 2019 \u2013 Mar 2020 \ufb01x"
    assert len(normalize(text)) == len(text)


def test_interval_counts_months_inclusively_and_years_january_to_january() -> None:
    assert interval(only("Jun 2022 - Aug 2022"), (2025, 1)) == (2022 * 12 + 5, 2022 * 12 + 8)
    s, e = interval(only("2017 - 2020"), (2025, 1))
    assert (e - s) / 12 == 3
    s, e = interval(only("2019 - 2019"), (2025, 1))
    assert e - s == 12


def test_present_counts_up_to_the_cv_date() -> None:
    s, e = interval(only("Jan 2020 - Present"), (2022, 12))
    assert (e - s) == 36


def test_overlapping_periods_are_merged() -> None:
    as_of = (2024, 12)
    periods = [interval(only(t), as_of) for t in
               ("Jan 2018 - Dec 2020", "Jun 2019 - Jun 2021", "Jan 2023 - Dec 2023")]
    assert total_years([p for p in periods if p]) == 4.5       # 2018-01..2021-06 + 2023


def test_contained_period_adds_nothing() -> None:
    periods = [interval(only(t), (2024, 1)) for t in ("2015 - 2020", "Mar 2016 - May 2017")]
    assert total_years([p for p in periods if p]) == 5.0


def test_iso_and_metadata_dates() -> None:
    assert iso((2019, 3)) == "2019-03" and iso((2019, None)) == "2019" and iso(None) is None
    assert parse_iso("D:20230716172853Z") == (2023, 7)
    assert parse_iso("2025-08-27") == (2025, 8)
    assert parse_iso("nonsense") is None


def test_digit_free_text_has_no_dates_and_unicode_digits_still_count() -> None:
    """find_ranges skips text with no digit; NFKC digits (full-width) must still be seen."""
    assert find_ranges("Present role, from June to August, currently") == ()
    (r,) = find_ranges("Jan \uff12\uff10\uff11\uff19 \u2013 Present")
    assert r.start == (2019, 1) and r.current


def test_text_without_a_year_has_no_dates() -> None:
    """find_ranges skips text with no year-like digits; the full patterns must agree there."""
    import random

    from resume_match.parse.dates import _scan
    rng = random.Random(5)
    pieces = ["1", "2", "19", "20", "0", "5", "9", "12", "/", ".", "-", " ", "'", "\u2019", "`", "jan",
              "May ", "summer ", "to", "present", "#", "$", "%", "\uff12", "\u2013", "since "]
    texts = ["", "5 years", "ranked 3 of 120", "05/14", "v2.0.1", "'9", "1949", "2050", "2 0 1 9"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(20000)]
    for text in texts:
        assert find_ranges(text) == _scan(normalize(text)), text


def test_ranges_are_the_same_when_asked_again() -> None:
    """find_ranges is cached per text: a second call answers the same, for texts with and
    without dates."""
    for text in ("Jan 2019 - Present", "Summer '19", "no dates here", "2017-20"):
        assert find_ranges(text) == find_ranges(str(text))


def test_a_course_number_before_a_month_is_not_its_day() -> None:
    """'STAT 311 Sep 2022': the date starts at the month; '11' is not a day of it (a day
    is digits that are not glued to other digits), so the employer keeps its number."""
    text = "Teaching Assistant, STAT 311 Sep 2022 - Dec 2022"
    r = only(text)
    assert text[r.span[0]:r.span[1]] == "Sep 2022 - Dec 2022"
    assert only("12 Sep 2022 - 3 Jan 2023").span == (0, 24)


def test_a_dash_ending_the_line_waits_for_the_next_line() -> None:
    """'2021-' at the end of a line is no open range: its end may be printed below."""
    assert not only("Engineer 2021-").is_range
    (_, r), = find_ranges_in_lines(["Engineer 2021-", "2023 Acme"])
    assert (r.start, r.end) == ((2021, None), (2023, None))


@pytest.mark.parametrize("text, start, end, current", [
    ("2019.03–2021.08", (2019, 3), (2021, 8), False),        # year.month, dash glued
    ("03/19 – Now", (2019, 3), None, True),                  # two-digit years in a range
    ("01/18-12/19", (2018, 1), (2019, 12), False),
    ("Jan 19 - Dec 21", (2019, 1), (2021, 12), False),
    ("Sept 18 – Present", (2018, 9), None, True),
    ("Feb\u2019 19 to Present", (2019, 2), None, True),       # Word's smart quote ends the month
    ("Jan' 12 to Aug' 18", (2012, 1), (2018, 8), False),
    ("June 2018 onwards", (2018, 6), None, True),              # no separator before 'onwards'
])
def test_compact_and_two_digit_year_ranges(text: str, start, end, current: bool) -> None:
    (r,) = find_ranges(text)
    assert (r.start, r.end, r.current) == (start, end, current)


@pytest.mark.parametrize("text", ["GPA 3.5/4", "scored 12/20", "3/19", "2019-03-15 00:00",
                                  "Asian Spectroscopy Conference, Dec 15-18, 2019, Singapore",
                                  "Python 3.10 and v2/19 API", "Rock\u2019 19 songs", "May\u2019 19"])
def test_two_digit_years_alone_are_not_dates(text: str) -> None:
    assert [r for r in find_ranges(text) if r.start[0] != 2019 or r.start[1]] == []


@pytest.mark.parametrize("text", ["Worked out 2019 budgets", "Set 2019 targets", "Tel 555-12-2019",
                                  "ID 2012-2019-77", "Mag 2019 issue"])
def test_english_words_and_ids_are_not_month_dates(text: str) -> None:
    assert all(r.start[1] is None for r in find_ranges(text))
