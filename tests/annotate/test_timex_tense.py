"""Which way a weekday points: tense of its predicate and limit prepositions."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

import pytest

from rashomon.annotate.nlp import load_nlp, tokens_of
from rashomon.annotate.timex import find_times
from rashomon.options import Options

MONDAY = dt.date(2025, 10, 13)  # the anchor: the previous Wednesday is 10-08, the next 10-15


@lru_cache(maxsize=1)
def _nlp() -> Any:
    return load_nlp(Options().spacy_model)


def parsed_value(text: str, word: str) -> str | None:
    tokens = tuple(tokens_of(_nlp()(text)))
    return next(t.value for t in find_times(text, MONDAY, tokens) if word in t.text)


def text_value(text: str, word: str) -> str | None:
    return next(t.value for t in find_times(text, MONDAY) if word in t.text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # Limits point forward...
        ("Flights were suspended until Wednesday.", "2025-10-15"),
        ("The minister had asked for a written report on the incident by Wednesday.",
         "2025-10-15"),
        ("Residents can register their losses from Wednesday, the authority said.",
         "2025-10-15"),
        ("The health department says it should know the diagnosis by Wednesday.",
         "2025-10-15"),
        # ...unless what they limit is past.
        ("He was not identified as a victim until Wednesday.", "2025-10-08"),
        ("The video had received more than a million views by Wednesday.", "2025-10-08"),
        # Without a limit, the tense decides.
        ("The talks collapsed on Wednesday.", "2025-10-08"),
        ("The talks will resume on Wednesday.", "2025-10-15"),
        ("The court can hear the case on Wednesday.", "2025-10-15"),
        ("Police said on Wednesday that two men had been arrested.", "2025-10-08"),
        ("The strike was expected to last at least until Wednesday.", "2025-10-15"),
    ],
)
def test_weekday_direction_with_parse(text: str, value: str) -> None:
    assert parsed_value(text, "Wednesday") == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Flights are suspended until Wednesday.", "2025-10-15"),
        ("Until Wednesday, they had not named him a suspect.", "2025-10-08"),
        ("He was not identified as a victim until Wednesday.", "2025-10-08"),
        ("The talks collapsed on Wednesday.", "2025-10-08"),
        ("The talks will resume on Wednesday.", "2025-10-15"),
    ],
)
def test_weekday_direction_text_only(text: str, value: str) -> None:
    assert text_value(text, "Wednesday") == value


@pytest.mark.parametrize(
    ("text", "span", "kind", "value"),
    [
        # Durations stay durations...
        ("Emissions will fall over the next decade.", "the next decade", "duration", "P10Y"),
        ("Growth has slowed over the last decade.", "the last decade", "duration", "P10Y"),
        # ...while "a month earlier" than a day is a day, as precise as its anchor.
        ("The plant closed on June 3. A month earlier, workers had protested.",
         "A month earlier", "date", "2025-05-03"),
        ("The deal closed on March 31. A year earlier, it had failed.", "A year earlier",
         "date", "2024-03-31"),
        ("The talks ended on March 31. A month later they resumed.", "A month later", "date",
         "2025-04-30"),
    ],
)
def test_durations_and_anchored_shifts(text: str, span: str, kind: str, value: str) -> None:
    found = {t.text: t for t in find_times(text, MONDAY)}
    assert found[span].kind == kind and found[span].value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # A scheduling present points ahead; a past perfect back, whatever the cue words.
        ("He and Arafat meet separately Wednesday with the secretary of state.", "2025-10-15"),
        ("The offer had been due to expire Wednesday evening.", "2025-10-08"),
        # A verb whose past is spelled as its present decides nothing.
        ("Weak chip stocks hurt the index on Wednesday.", "2025-10-08"),
    ],
)
def test_present_and_past_perfect(text: str, value: str) -> None:
    assert (parsed_value(text, "Wednesday") or "")[:10] == value


@pytest.mark.parametrize(("text", "value"), [
    # A clock time with its day: the tense of the verb decides, the clock is no noun.
    ("The ferry ran aground shortly before 11 p.m. on Wednesday.", "2025-10-08T23:00"),
    ("The talks will resume at 10 a.m. on Wednesday.", "2025-10-15T10:00"),
])
def test_a_clock_time_on_a_weekday_follows_the_verb(text: str, value: str) -> None:
    assert parsed_value(text, "Wednesday") == value


@pytest.mark.parametrize(
    ("text", "month", "value"),
    [
        # A month named in a past-tense clause is never the coming year's...
        ("In January, the company brought in a new chief executive.", "January", "2025-01"),
        # ...but a past clause may report a schedule: a month soon after stays ahead...
        ("The board voted to meet again in December.", "December", "2025-12"),
        # ...and a future clause names the coming January.
        ("The company will bring in a new chief executive in January.", "January", "2026-01"),
        ("The operator will change to a calendar year in December.", "December", "2025-12"),
    ],
)
def test_past_tense_months_lie_behind(text: str, month: str, value: str) -> None:
    assert parsed_value(text, month) == value
