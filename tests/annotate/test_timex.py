"""Tests for the rule-based temporal tagger (rashomon.annotate.timex)."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from rashomon.annotate.timex import find_times, sentence_time
from rashomon.models import TimeExpr, When

SUNDAY = dt.date(2025, 6, 8)
FRIDAY = dt.date(2025, 6, 13)


def only(text: str, anchor: dt.date | None = SUNDAY) -> TimeExpr:
    """The single time expression in ``text``."""
    found = find_times(text, anchor)
    assert len(found) == 1, found
    return found[0]


def first(text: str, anchor: dt.date | None = SUNDAY) -> TimeExpr:
    """The first time expression in ``text``."""
    found = find_times(text, anchor)
    assert found, text
    return found[0]


@pytest.mark.parametrize(
    ("text", "span", "value", "precision"),
    [
        ("The talks resumed on June 2 in Geneva.", "June 2", "2025-06-02", "day"),
        ("He was arrested May 16, police said.", "May 16", "2025-05-16", "day"),
        ("The rebels took the town in March 2014.", "March 2014", "2014-03", "month"),
        ("Prices rose sharply in 2022.", "2022", "2022", "year"),
        ("The accord was signed June 13, 2025, in Doha.", "June 13, 2025", "2025-06-13", "day"),
        ("The accord was signed on 13 June 2025.", "13 June 2025", "2025-06-13", "day"),
        ("The file is dated 2025-06-08.", "2025-06-08", "2025-06-08", "day"),
        ("A report is due by mid-June.", "mid-June", "2025-06", "month"),
        ("It was a fashion of the 1990s.", "the 1990s", "199", "decade"),
        ("The strike began Oct. 11, union leaders said.", "Oct. 11", "2024-10-11", "day"),
        ("The ship sank in the summer of 1998.", "the summer of 1998", "1998-SU", "season"),
        ("Output fell in the third quarter of 1990.", "the third quarter of 1990", "1990-Q3",
         "quarter"),
        ("It was founded in fiscal 1997.", "fiscal 1997", "1997", "year"),
        ("Sales fell in January 1998.", "January 1998", "1998-01", "month"),
        ("Rules from the 20th century still apply.", "the 20th century", "19", "decade"),
        ("He came home on Christmas Day 2019.", "Christmas Day 2019", "2019-12-25", "day"),
        ("She was born in nineteen ninety-one.", "nineteen ninety-one", "1991", "year"),
    ],
)
def test_absolute_dates(text: str, span: str, value: str, precision: str) -> None:
    t = first(text)
    assert (t.text, t.value, t.precision) == (span, value, precision)
    assert text[t.start:t.end] == t.text
    assert t.kind == "date"


@pytest.mark.parametrize(
    ("text", "anchor", "value"),
    [
        ("Officials said on Sunday that the bridge was down.", SUNDAY, "2025-06-08"),
        ("The army said Friday it had pulled back.", FRIDAY, "2025-06-13"),
        ("Shelling resumed Saturday, residents said.", SUNDAY, "2025-06-07"),
        ("Talks collapsed late on Saturday.", SUNDAY, "2025-06-07"),
        ("The convoy left early Wednesday.", SUNDAY, "2025-06-04"),
        ("The minister will travel to Kyiv on Monday.", SUNDAY, "2025-06-09"),
        ("Ministers are expected to meet Monday.", SUNDAY, "2025-06-09"),
        ("The vote is due to take place Wednesday.", SUNDAY, "2025-06-11"),
        ("Negotiators return next Monday.", SUNDAY, "2025-06-09"),
        ("The ceasefire was broken last Friday.", FRIDAY, "2025-06-06"),
        ("He spoke to reporters yesterday.", SUNDAY, "2025-06-07"),
        ("The court rules today.", SUNDAY, "2025-06-08"),
        ("The court rules tomorrow.", SUNDAY, "2025-06-09"),
    ],
)
def test_relative_days(text: str, anchor: dt.date, value: str) -> None:
    t = first(text, anchor)
    assert t.value == value
    assert t.when == When(date=value)
    assert t.relative and t.precision == "day"


@pytest.mark.parametrize(
    ("text", "value", "start", "end", "precision"),
    [
        ("Fighting intensified last week.", "2025-W22", "2025-05-26", "2025-06-01", "week"),
        ("Talks continue this week.", "2025-W23", "2025-06-02", "2025-06-08", "week"),
        ("A summit is planned next week.", "2025-W24", "2025-06-09", "2025-06-15", "week"),
        ("Prices rose last month.", "2025-05", "2025-05-01", "2025-05-31", "month"),
        ("Prices rose this month.", "2025-06", "2025-06-01", "2025-06-30", "month"),
        ("Elections are due next month.", "2025-07", "2025-07-01", "2025-07-31", "month"),
        ("The offensive began in late April.", "2025-04", "2025-04-20", "2025-04-30", "month"),
        ("The deal was struck in early May.", "2025-05", "2025-05-01", "2025-05-10", "month"),
        ("Earlier this year the dam failed.", "2025", "2025-01-01", "2025-06-08", "year"),
        ("Output fell last year.", "2024", "2024-01-01", "2024-12-31", "year"),
        ("Output will rise this year.", "2025", "2025-01-01", "2025-12-31", "year"),
        ("Three weeks ago the town fell.", "2025-W20", "2025-05-12", "2025-05-18", "week"),
        ("The rains came last summer.", "2024-SU", "2024-06-01", "2024-08-31", "season"),
    ],
)
def test_relative_spans(text: str, value: str, start: str, end: str, precision: str) -> None:
    t = first(text)
    assert (t.value, t.precision) == (value, precision)
    assert t.when == When(start=start, end=end)
    assert t.relative


def test_past_weekend_from_a_friday() -> None:
    t = first("Over the past weekend, three villages were shelled.", FRIDAY)
    assert t.when == When(start="2025-06-07", end="2025-06-08")
    assert t.value == "2025-W23-WE"


def test_last_weekend_from_a_sunday_is_the_one_just_ending() -> None:
    assert first("Protests spread last weekend.").when == When(start="2025-06-07",
                                                           end="2025-06-08")


@pytest.mark.parametrize(
    ("text", "value", "start"),
    [
        ("Clashes flared in recent days.", "PAST_REF", "2025-06-01"),
        ("The shop closed a few days ago.", "PAST_REF", "2025-06-01"),
        ("The mayor resigned recently.", "PAST_REF", "2025-05-09"),
    ],
)
def test_vague_past_ranges_end_at_anchor(text: str, value: str, start: str) -> None:
    t = first(text)
    assert t.value == value
    assert t.when == When(start=start, end="2025-06-08")


@pytest.mark.parametrize("text", ["Aid is now arriving.", "Roads are currently closed."])
def test_present_ref(text: str) -> None:
    t = only(text)
    assert t.value == "PRESENT_REF" and t.when == When(date="2025-06-08")


def test_two_days_ago() -> None:
    assert first("The ferry sank two days ago.").value == "2025-06-06"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Residents fled Tuesday night.", "2025-06-03TNI"),
        ("The blast came Friday morning.", "2025-06-06TMO"),
        ("Rockets fell Monday afternoon.", "2025-06-02TAF"),
        ("The rally ended Thursday evening.", "2025-06-05TEV"),
        ("The statement came at 2 p.m.", "2025-06-08T14:00"),
        ("Voting ends at noon Thursday.", "2025-06-05T12:00"),
    ],
)
def test_times(text: str, value: str) -> None:
    t = first(text)
    assert (t.kind, t.value) == ("time", value)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("the nearly 40-month-long war", "nearly 40-month-long", "P40M"),
        ("The siege lasted for three days.", "three days", "P3D"),
        ("After three days of rain the river rose.", "three days", "P3D"),
        ("The talks took a week.", "a week", "P1W"),
        ("a years-long offensive", "years-long", "PXY"),
        ("The flight took 5 1/2 hours.", "5 1/2 hours", "PT5H30M"),
        ("The blockade lasted two years.", "two years", "P2Y"),
        ("He waited for years.", "years", "PXY"),
        ("A 30-year-old man was hurt during a 24-hour curfew.", "24-hour", "PT24H"),
    ],
)
def test_durations_are_not_dates(text: str, span: str, value: str) -> None:
    t = only(text)
    assert (t.text, t.kind, t.value, t.precision) == (span, "duration", value, "duration")
    assert t.when is None


def test_past_duration_has_range() -> None:
    t = first("Prices doubled over the past two months.")
    assert t.kind == "duration" and t.value == "P2M"
    assert t.when == When(start="2025-04-08", end="2025-06-08")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The paper comes out daily.", "P1D"),
        ("Inspectors visit every week.", "P1W"),
        ("The market opens each Thursday.", "XXXX-WXX-4"),
        ("The shuttle runs every hour.", "PT1H"),
    ],
)
def test_sets(text: str, value: str) -> None:
    t = only(text)
    assert (t.kind, t.value) == ("set", value)


@pytest.mark.parametrize(
    "text",
    [
        "The agency recorded 2,300 cases.",
        "About 1,500 people were evacuated.",
        "It was the 90th anniversary.",
        "Nearly 2000 soldiers crossed the border.",
        "He scored 1999 points in his career.",
        "The fall of the regime surprised many.",
        "They may march on the capital.",
        "A 6-year-old girl was rescued.",
        "Rents rose 5% a year.",
    ],
)
def test_not_time_expressions(text: str) -> None:
    assert find_times(text, SUNDAY) == []


@pytest.mark.parametrize(
    "text",
    ["The year 30000 will not come.", "It happened on February 31.", "On 2025-02-30 it rained.",
     "It was 99:99 p.m.", "In the 0th century."],
)
def test_absurd_dates_are_skipped(text: str) -> None:
    found = find_times(text, SUNDAY)
    assert all(t.value is None or not t.value.startswith(("3000", "2025-02-3")) for t in found)
    assert all(t.text not in ("February 31", "2025-02-30", "99:99 p.m.") for t in found)


@pytest.mark.parametrize(
    "text",
    ["Officials said on Sunday it was over.", "It rained yesterday.", "Prices fell last week.",
     "Aid is now arriving.", "The town fell two days ago.", "Talks resume next month.",
     "Clashes flared in recent days.", "Residents fled Tuesday night."],
)
def test_no_anchor_leaves_relative_unresolved(text: str) -> None:
    t = first(text, None)
    assert t.value is None and t.when is None
    assert t.precision == "unresolved" and t.relative


def test_no_anchor_keeps_absolute_dates() -> None:
    t = first("The accord was signed June 13, 2025.", None)
    assert t.value == "2025-06-13" and not t.relative


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Profit fell in the third quarter.", "2024-Q3"),
        ("Profit rose in the first quarter.", "2025-Q1"),
        ("Third-quarter profit rose from $5 million a year earlier.", "2024-Q3"),
        ("The company will report second-half results.", "2025-H2"),
        ("Output should recover in the second half of next year.", "2026-H2"),
        ("Sales fell in the first quarter of last year.", "2024-Q1"),
        ("Profit should rise in the fourth quarter this year.", "2025-Q4"),
    ],
)
def test_quarters(text: str, value: str) -> None:
    assert first(text).value == value


def test_year_earlier_follows_the_quarter_named() -> None:
    found = find_times("Third-quarter profit rose from $5 million a year earlier.", SUNDAY)
    assert [t.value for t in found] == ["2024-Q3", "2023-Q3"]


@pytest.mark.parametrize(
    ("text", "anchor", "value"),
    [
        ("The ship docked on Nov. 3.", dt.date(2025, 2, 1), "2024-11-03"),
        ("The vote will be held on Jan. 5.", dt.date(2024, 11, 20), "2025-01-05"),
        ("The ceasefire began on May 30.", SUNDAY, "2025-05-30"),
        ("Troops arrived in December.", dt.date(2025, 3, 1), "2024-12"),
    ],
)
def test_year_inference(text: str, anchor: dt.date, value: str) -> None:
    assert first(text, anchor).value == value


def test_spans_are_exact_sorted_and_disjoint() -> None:
    text = ("On Sunday, officials said the nearly 40-month-long war had killed 1,500 people "
            "since March 2014; two days ago and last week the army retreated, and on June 2 "
            "it will regroup.")
    found = find_times(text, SUNDAY)
    assert [t.text for t in found] == ["Sunday", "nearly 40-month-long", "March 2014",
                                       "two days ago", "last week", "June 2"]
    for t in found:
        assert text[t.start:t.end] == t.text
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The army said Sunday that it took the town in March 2014.", When(date="2025-06-08")),
        ("The town fell in March 2014.", When(start="2014-03-01", end="2014-03-31")),
        ("Aid is now arriving after three days of rain.", When(date="2025-06-08")),
        ("The siege lasted three days.", None),
        ("No date here.", None),
    ],
)
def test_sentence_time(text: str, expected: When | None) -> None:
    assert sentence_time(find_times(text, SUNDAY)) == expected


def test_sentence_time_prefers_explicit_day_over_now() -> None:
    found = find_times("Aid is now arriving, officials said on June 2.", SUNDAY)
    assert sentence_time(found) == When(date="2025-06-02")


def test_to_dict_round_trip() -> None:
    d = first("Fighting intensified last week.").to_dict()
    assert d["value"] == "2025-W22" and d["when"] == {"start": "2025-05-26", "end": "2025-06-01"}


def test_speed_on_a_long_article() -> None:
    para = ("On Sunday, officials said the nearly 40-month-long war had killed 1,500 people "
            "since March 2014. Two days ago the army said it would withdraw next week, and "
            "prices rose 5% in the third quarter compared with a year earlier. ")
    text = (para * 12)[:2500]
    find_times(text, SUNDAY)
    runs = 50
    t0 = time.perf_counter()
    for _ in range(runs):
        find_times(text, SUNDAY)
    per_call = (time.perf_counter() - t0) / runs
    assert per_call < 0.01  # generous bound for slow CI; typically well under 2 ms
