"""Conflict summaries: what differs, and who holds each side."""

from __future__ import annotations

import pytest

from rashomon.crosscheck.summaries import Namer, shortened, side_names, summary
from rashomon.models import ConflictSide, Mention


def _mention(article: str, source: str | None = None, as_written: str | None = None,
             stance: str = "supports") -> Mention:
    return Mention(article, 0, 5, "words", stance, source, as_written)  # type: ignore[arg-type]


NAMER = Namer(sources={"s-1": "the health ministry", "s-2": "the city hospital"},
              places={"geonames:1": "Springfield", "name:old mill": "Old Mill"},
              outlets={"a": "Daily Wire", "b": "The Gazette"},
              published={"a": "2026-03-12", "b": "2026-03-10"})


@pytest.mark.parametrize(("mentions", "expected"), [
    ([_mention("a", "s-1")], "the health ministry"),
    ([_mention("a", None, "a nurse")], "a nurse"),
    ([_mention("b")], "The Gazette"),
    ([_mention("z")], "the outlet"),
    ([_mention("a", "s-1"), _mention("b", "s-1"), _mention("b", "s-2")],
     "the health ministry and the city hospital"),
    ([_mention("a", "s-1"), _mention("a", "s-2"), _mention("a", None, "X"),
      _mention("b")], "the health ministry, the city hospital and 2 more"),
])
def test_a_side_is_named_by_its_sources(mentions: list[Mention], expected: str) -> None:
    assert side_names(ConflictSide("x", tuple(mentions)), NAMER) == expected


def test_figures_name_the_thing_the_values_and_their_sources() -> None:
    sides = [ConflictSide("2 deaths", (_mention("a", "s-1"),)),
             ConflictSide("3 deaths", (_mention("b", "s-2"),))]
    assert summary("quantity", "Figures disagree on deaths", sides, NAMER) == (
        "Figures disagree on deaths: '2 deaths' (the health ministry) vs "
        "'3 deaths' (the city hospital)")


def test_an_update_reads_in_order_of_publication() -> None:
    later = ConflictSide("five", (_mention("a", "s-1"),))
    earlier = ConflictSide("three", (_mention("b", "s-1"),))
    assert summary("update", "Deaths changed over time", [later, earlier], NAMER) == (
        "Deaths changed over time: 'three' (the health ministry) then 'five' "
        "(the health ministry)")


@pytest.mark.parametrize(("kind", "verb"), [("denial", "denied"),
                                            ("unconfirmed", "not confirmed")])
def test_a_denial_says_who_asserts_and_who_denies(kind: str, verb: str) -> None:
    sides = [ConflictSide("asserted by the city hospital", (_mention("a", "s-2"),)),
             ConflictSide("the health ministry denies", (_mention("b", "s-1"),))]
    assert summary(kind, "", sides, NAMER) == (
        f"Asserted by the city hospital; {verb} by the health ministry")
    assert summary(kind, "that The ward was closed", sides, NAMER) == (
        f"'The ward was closed': asserted by the city hospital; {verb} by the health "
        "ministry")


@pytest.mark.parametrize(("text", "expected"), [
    ("The ward was closed", "The ward was closed"),
    ("The  ward\nwas closed", "The ward was closed"),
    ("one two three four, five six", "one two three four…"),
])
def test_a_long_statement_is_cut_at_a_word(text: str, expected: str) -> None:
    assert shortened(text, limit=20) == expected


def test_place_labels_read_as_place_names() -> None:
    assert NAMER.place_label("geonames:1, name:old mill") == "Springfield, Old Mill"
    assert NAMER.place_label("geonames:9") == "geonames:9"

