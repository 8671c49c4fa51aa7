"""What an event happens to, as evidence that two differently worded clauses tell one
event: "the river crested on Saturday" against "the river peaked on Sunday"."""

from __future__ import annotations

import pytest

from rashomon.crosscheck.units import article_units

from .stories import articles_of, items_of, story_of


def _undergoers(text: str) -> set[str | None]:
    item = items_of(articles_of([("Valley Post", "2024-04-08", text)]))[0]
    return {u.undergoer for u in article_units(item)}


@pytest.mark.parametrize(("text", "expected"), [
    ("The bridge over the canal was closed on Monday.", "patient:bridge"),
    ("The warehouse was searched by police on Monday.", "patient:warehouse"),
    ("Road crews repaired the old bridge on Monday.", "patient:bridge"),
    ("The river crested in the lower town early on Saturday.", "subject:river"),
])
def test_what_the_event_happens_to(text: str, expected: str) -> None:
    assert expected in _undergoers(text)


@pytest.mark.parametrize("text", [
    "It crested in the lower town early on Saturday.",          # a pronoun
    "Soldiers continued to guard the depot on Monday.",         # the event is "guard"
    "The comet was expected to pass the planet on Sunday.",     # ... and "pass" here
    "The river was higher than usual on Saturday.",             # no event
])
def test_no_participant_to_share(text: str) -> None:
    assert _undergoers(text) == {None}


def _kinds(first: str, second: str) -> list[str]:
    story = story_of(articles_of([("Valley Post", "2024-04-08", first),
                                  ("River Herald", "2024-04-08", second)]))
    return sorted(c.kind for c in story.conflicts)


def test_one_event_told_with_two_verbs_on_two_days() -> None:
    assert "date" in _kinds(
        "The Ostra crested in Kelmor early on Saturday, the hydrologist said.",
        "The Ostra peaked in Kelmor on Sunday morning, the town's crisis staff said.")


@pytest.mark.parametrize("first", [
    # Another participant: two events.
    "The levee at Kelmor was breached on Sunday morning, the town's crisis staff said.",
    # The day is the statement's, not the clause's own.
    "The Ostra peaked in Kelmor, the town's crisis staff said on Sunday.",
])
def test_no_date_conflict_without_the_same_participant_and_own_dates(first: str) -> None:
    assert "date" not in _kinds(
        "The Ostra crested in Kelmor early on Saturday, the hydrologist said.", first)


@pytest.mark.parametrize(("second", "conflict"), [
    ("A car was carried away by floodwater outside Ashby on Saturday, the police said.", True),
    # Not told of one day: the two may be two events.
    ("A car was carried away by floodwater outside Ashby, the police said.", False),
])
def test_a_place_needs_one_day(second: str, conflict: bool) -> None:
    kinds = _kinds("A car was swept off a road outside Wexley on Saturday afternoon, a "
                   "rescuer said.", second)
    assert ("place" in kinds) is conflict


@pytest.mark.parametrize(("second", "conflict"), [
    # What both events happen to is a noun that is also a verb of saying ("report"),
    # which the clauses' content words leave out: it still ties the two.
    ("The audit office said the report had in fact been released on Friday.", True),
    # Another thing released on another day: two events.
    ("The audit office said the budget had in fact been released on Friday.", False),
])
def test_a_shared_participant_named_by_a_verb_of_saying(second: str, conflict: bool) -> None:
    kinds = _kinds("The report was released on Monday, the ministry said.", second)
    assert ("date" in kinds) is conflict
