"""Tests for TimeML values of the temporal tagger: half units, "this past", "since",
months and days in past-tense clauses (rashomon.annotate.timex)."""

from __future__ import annotations

import datetime as dt

import pytest

from rashomon.annotate.timex import find_times
from rashomon.models import TimeExpr

OCTOBER = dt.date(2014, 10, 15)


def only(text: str, anchor: dt.date = OCTOBER) -> TimeExpr:
    """The single time expression in ``text``."""
    found = find_times(text, anchor)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The siege lasted three and a half years.", "three and a half years", "P3Y6M"),
        ("The trial took a year and a half.", "a year and a half", "P1Y6M"),
        ("He served 2 1/2 years in jail.", "2 1/2 years", "P2Y6M"),
        ("The call lasted a minute and a half.", "a minute and a half", "PT1M30S"),
        ("The talks went on for two and a half hours.", "two and a half hours", "PT2H30M"),
        ("The hearing ran one and a half minutes.", "one and a half minutes", "PT1M30S"),
        ("The march took 1.5 days.", "1.5 days", "P1DT12H"),
        ("The repair took half a year.", "half a year", "P6M"),
        ("The strike lasted two and a half weeks.", "two and a half weeks", "P18D"),
    ],
)
def test_fractional_durations(text: str, span: str, value: str) -> None:
    t = only(text)
    assert (t.text, t.value, t.kind) == (span, value, "duration")


def test_minutes_later_is_the_same_day() -> None:
    t = only("Five minutes later the roof collapsed.")
    assert (t.text, t.value) == ("Five minutes later", "2014-10-15")


def test_a_year_and_a_half_ago_is_eighteen_months_back() -> None:
    t = only("The plant closed a year and a half ago.")
    assert (t.text, t.value) == ("a year and a half ago", "2013-04")


def test_past_minutes_span_less_than_a_day() -> None:
    t = only("No trains ran in the past 30 minutes.")
    assert t.when is not None
    assert (t.when.start, t.when.end) == ("2014-10-14", "2014-10-15")


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("They married this past spring.", "this past spring", "2014-SP"),
        ("Sales fell this past fall.", "this past fall", "2014-FA"),
        ("Snow closed roads this past winter.", "this past winter", "2013-WI"),
        ("The vote was held this past March.", "this past March", "2014-03"),
        ("The vote was held this past December.", "this past December", "2013-12"),
        ("The club met this past Sunday.", "this past Sunday", "2014-10-12"),
    ],
)
def test_this_past_is_the_latest_one(text: str, span: str, value: str) -> None:
    t = only(text)
    assert (t.text, t.value) == (span, value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # A future cue in the clause does not turn "since" forward.
        ("The ship, which will stay, has been there since March.", "2014-03"),
        ("The mayor will stay in office, as he has since December.", "2013-12"),
        ("The guard will stay at the gate he has watched since Friday.", "2014-10-10"),
    ],
)
def test_since_points_back(text: str, value: str) -> None:
    assert find_times(text, OCTOBER)[-1].value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # A past verb right before a day: not the coming January...
        ("The fiscal year ended Jan. 5.", "2014-01-05"),
        # ...but a past clause may report a schedule: a day soon after stays ahead.
        ("The vote was set for Dec. 1.", "2014-12-01"),
        # Without a past verb, a January day named in October is the coming one.
        ("The fiscal year ends Jan. 5.", "2015-01-05"),
        ("The company will be founded in January.", "2015-01"),
    ],
)
def test_past_clauses_do_not_point_ahead(text: str, value: str) -> None:
    assert find_times(text, OCTOBER)[-1].value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("He was kidnapped on Thanksgiving Day in 2012.", "2012-11-22"),
        ("The truce held at Christmas of 1914.", "1914-12-25"),
    ],
)
def test_holiday_in_a_year(text: str, value: str) -> None:
    assert only(text).value == value


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Aid will arrive in the weeks ahead.", "the weeks ahead", "PXW"),
        ("No rain fell over the last twenty four hours.", "the last twenty four hours", "PT24H"),
        ("The index closed at 2082.1 points.", None, None),
        ("The airline runs four flights a week to Lima.", None, None),
    ],
)
def test_spans_and_non_times(text: str, span: str | None, value: str | None) -> None:
    found = find_times(text, OCTOBER)
    assert [(t.text, t.value) for t in found] == ([(span, value)] if span else [])


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("He was arrested on Oct. 2 and charged the next day.", "the next day", "2014-10-03"),
        ("He was arrested on Oct. 2 and freed the following day.", "the following day",
         "2014-10-03"),
        ("He was arrested on Oct. 2; the day before, he had fled.", "the day before",
         "2014-10-01"),
        ("He was arrested on Oct. 2 and freed later that day.", "that day", "2014-10-02"),
        ("The plant opened in 2009. That year, sales doubled.", "That year", "2009"),
        ("Sales fell in March 2009 and rose in the same month.", "the same month", "2009-03"),
        ("He was arrested on Oct. 2. Later that evening, crowds gathered.", "that evening",
         "2014-10-02TEV"),
    ],
)
def test_anaphors_count_from_the_date_named_last(text: str, span: str, value: str) -> None:
    t = find_times(text, OCTOBER)[-1]
    assert (t.text, t.value) == (span, value)


@pytest.mark.parametrize(
    "text",
    [
        "He was charged the next day.",  # no date named before
        "He said that day laborers struck on Oct. 2.",  # "that" opens a clause
        "The vote was on Oct. 2, the day after the debate.",  # counted from the debate
        "They met in 2009, in May of that year.",  # the year before the month
    ],
)
def test_anaphors_without_a_date_to_count_from(text: str) -> None:
    found = find_times(text, OCTOBER)
    assert not [t for t in found if "day" in t.text.lower() or "that" in t.text.lower()]
