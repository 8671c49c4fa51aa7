"""The timeline lists the dated events a sentence names besides its claims' own times."""

from __future__ import annotations

import pytest

from tests.crosscheck.stories import articles_of, story_of


def _timeline(text: str, published: str = "2024-04-03") -> dict[str, list[str]]:
    story = story_of(articles_of([("Valley Post", published, text)]))
    out: dict[str, list[str]] = {}
    for entry in story.timeline:
        out.setdefault(entry.when.date or entry.when.start or "", []).append(entry.text)
    return out


@pytest.mark.parametrize(
    ("text", "day", "phrase"),
    [
        # Wednesday 2024-04-03: the flood is Sunday's, the count rose on Tuesday.
        ("The number of homes damaged in Sunday's flood has risen to 40, the council "
         "said on Tuesday.", "2024-03-31", "Sunday's flood"),
        # The statement is dated apart from what it reports.
        ("The harbour board said on Tuesday that two cranes had failed on Saturday.",
         "2024-04-02", "The harbour board said on Tuesday"),
    ],
)
def test_a_sentence_dates_each_event_it_names(text: str, day: str, phrase: str) -> None:
    timeline = _timeline(text)
    assert phrase in timeline.get(day, [])


def test_a_claims_own_day_is_not_repeated() -> None:
    timeline = _timeline("The bridge reopened on Tuesday after repairs to its deck.")
    assert len(timeline.get("2024-04-02", [])) == 1


def test_a_dateline_date_is_no_event() -> None:
    text = ("OSLO, April 1 (Valley Post) — The bridge reopened on Tuesday after repairs to "
            "its deck.")
    entries = [e for day in _timeline(text).values() for e in day]
    assert all("April" not in e for e in entries)
