"""A source revising its own figure on a later day is an update; a doubt covers what it
reports, not the doubter's own adverbial clauses; a negated condition denies nothing."""

from __future__ import annotations

import pytest

from rashomon.models import Conflict

from .stories import articles_of, denials, items_of, story_of


def _kinds(docs: list[tuple[str, str, str]]) -> list[str]:
    found: tuple[Conflict, ...] = story_of(articles_of(docs)).conflicts
    return sorted(c.kind for c in found)


def test_a_body_and_its_spokesman_revising_an_area_is_an_update() -> None:
    # Different verbs, different units, a body and its spokesman: still one series.
    assert _kinds([
        ("Valley Post", "2024-04-01", "By Monday evening the blaze had burned about 800 "
                                      "hectares of pasture and pine forest near the lake, "
                                      "forest service spokesman Tomas Brill said."),
        ("Coast Wire", "2024-04-03", "The blaze near the lake has scorched 21 square "
                                     "kilometres of pasture and pine forest, the forest "
                                     "service said on Wednesday."),
    ]) == ["update"]


def test_two_unrelated_sources_with_areas_on_two_days_are_no_update() -> None:
    assert "update" not in _kinds([
        ("Valley Post", "2024-04-01", "By Monday evening the blaze had burned about 800 "
                                      "hectares of pasture and pine forest near the lake, "
                                      "forest service spokesman Tomas Brill said."),
        ("Coast Wire", "2024-04-03", "Farmers at the lake said they had sown 2,100 hectares "
                                     "of wheat this spring, a union leader said."),
    ])


def _doubt_cues(text: str) -> dict[str, str | None]:
    (item,) = items_of(articles_of([("Valley Post", "2024-04-02", text)]))
    return {m.content: m.cue for m in item.mentions}


@pytest.mark.parametrize(
    ("text", "denied", "own"),
    [
        ("Police on Tuesday denied reports that a farmer had been arrested over the barn "
         "fire, saying a local man had only been questioned and then released.",
         "a farmer had been arrested", "a local man had only been questioned"),
        ("The ministry denied that troops had crossed the river near the old mill, after "
         "villagers posted photographs of tanks on the bridge.",
         "troops had crossed the river", "villagers posted photographs"),
        ("The club denied that its coach had resigned after the defeat, saying he would "
         "stay until the end of the season.",
         "its coach had resigned", "he would stay until the end"),
    ],
)
def test_a_denial_covers_what_it_reports_not_its_own_adverbial_clause(
        text: str, denied: str, own: str) -> None:
    cues = _doubt_cues(text)
    assert [cue for content, cue in cues.items() if denied in content] == ["denial"]
    assert [cue for content, cue in cues.items() if own in content] == [None]


@pytest.mark.parametrize(
    ("assertion", "negative"),
    [
        ("The inspectors said the ferry is carrying cars again this week.",
         "Yes, the ferry can sail this week, as long as it is not carrying cars, the mayor "
         "said."),
        ("The farmers said the river water is safe for the cattle.",
         "The cattle will be fine, unless the river water is not safe for them, the vet "
         "said."),
    ],
)
def test_a_negated_condition_cut_from_its_sentence_denies_nothing(
        assertion: str, negative: str) -> None:
    assert denials(assertion, negative) == 0


def test_a_negated_main_clause_still_denies() -> None:
    assert denials("The inspectors said the ferry is carrying cars again this week.",
                   "The ferry is not carrying cars this week, the mayor said.") == 1
