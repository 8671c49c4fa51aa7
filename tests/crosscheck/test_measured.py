"""Figures are compared only when they measure the same thing, whatever words carry it."""

from __future__ import annotations

import pytest

from rashomon.models import Story

from . import stories
from .stories import Doc, articles_of


def story_of(docs: list[Doc]) -> Story:
    return stories.story_of(articles_of(docs))


def kinds(story: Story) -> list[tuple[str, str]]:
    return sorted((c.kind, c.summary) for c in story.conflicts)


@pytest.mark.parametrize(("first", "second"), [
    # "patients died" and "deaths" both count deaths
    ("Health officials said two people had died after eating the cheese.",
     "The hospital said three patients had died after eating the cheese."),
    # a verb and a noun for one outcome
    ("Officials said 14 people had been infected in the outbreak.",
     "Officials said there were 12 confirmed cases in the outbreak."),
])
def test_rival_counts_of_one_outcome_conflict(first: str, second: str) -> None:
    story = story_of([("Daily", "2026-03-10", first), ("Gazette", "2026-03-10", second)])
    assert [k for k, _ in kinds(story)] == ["quantity"], kinds(story)


@pytest.mark.parametrize(("first", "second"), [
    # a part of the whole: one hospital's evacuated patients, all evacuees
    ("The town's hospital evacuated 120 patients from its wards on Sunday.",
     "The ministry said 2,300 people were evacuated from the town on Sunday."),
    # a bare number beside another figure may count anything
    ("The hospital has treated six of the 14 people infected in the outbreak.",
     "Officials said 14 people had been infected in the outbreak."),
    # different outcomes
    ("Police said 11 people were detained during the protest.",
     "Police said 4 people were arrested during the protest."),
])
def test_figures_of_different_things_do_not_conflict(first: str, second: str) -> None:
    story = story_of([("Daily", "2026-03-10", first), ("Gazette", "2026-03-10", second)])
    assert [k for k, _ in kinds(story) if k in ("quantity", "update")] == [], kinds(story)


def test_a_running_count_on_a_later_day_is_an_update() -> None:
    story = story_of([
        ("Daily", "2026-03-10", "Officials said 14 people had been infected in the outbreak "
                                "linked to the dairy."),
        ("Gazette", "2026-03-13", "The latest figures put the outbreak at 19 confirmed cases."),
    ])
    assert [k for k, _ in kinds(story)] == ["update"], kinds(story)


def test_figures_of_another_occasion_are_not_compared() -> None:
    story = story_of([
        ("Daily", "2026-08-04", "Last summer a fire near the town burned about 900 hectares "
                                "of pine forest."),
        ("Gazette", "2026-08-04", "By Sunday afternoon the fire near the town had burned "
                                  "about 1,500 hectares of pine forest."),
    ])
    assert kinds(story) == [], kinds(story)


def test_figures_for_two_places_are_not_compared() -> None:
    story = story_of([
        ("Daily", "2026-03-10", "Floods killed 12 people in Madrid on Monday, officials said."),
        ("Gazette", "2026-03-10", "Floods killed 5 people in Barcelona on Monday, officials "
                                  "said."),
    ])
    assert [k for k, _ in kinds(story) if k in ("quantity", "update")] == [], kinds(story)


def test_a_figure_conflict_names_what_was_measured() -> None:
    story = story_of([("Daily", "2026-03-10", "Health officials said two people had died "
                                              "after eating the cheese."),
                      ("Gazette", "2026-03-10", "The hospital said three patients had died "
                                                "after eating the cheese.")])
    assert [s for k, s in kinds(story)] == ["Figures disagree on deaths: 'two people' "
                                            "(Health officials) vs 'three patients' "
                                            "(The hospital)"]


def test_missing_people_counted_on_a_later_day_is_an_update() -> None:
    # spaCy's lemma of "are missing" is "miss": it still names the missing.
    story = story_of([
        ("Daily", "2026-05-18", "Three people are still missing after the flood, the "
                                "police said."),
        ("Gazette", "2026-05-20", "One person is still missing after the flood, the police "
                                  "said."),
    ])
    assert [k for k, _ in kinds(story)] == ["update"], kinds(story)


def test_rival_figures_of_one_measured_thing_are_two_claims() -> None:
    story = story_of([("Daily", "2026-03-10", "Health officials said two people had died "
                                              "after eating the cheese."),
                      ("Gazette", "2026-03-10", "The hospital said three patients had died "
                                                "after eating the cheese.")])
    for claim in story.claims:
        quotes = " ".join(m.quote for m in claim.mentions)
        assert not ("two people" in quotes and "three patients" in quotes), claim.text
