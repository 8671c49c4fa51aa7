"""Place conflicts: only towns rival towns; an area contains them (invented ids)."""

from __future__ import annotations

import pytest

from rashomon.crosscheck.conflicts import place
from rashomon.crosscheck.units import Unit
from rashomon.models import ClaimMention, Frame


def _unit(article: str, places: tuple[str, ...]) -> Unit:
    text = "A fire broke out near the village."
    mention = ClaimMention(article, 0, 0, len(text), text, 0, len(text), "supports",
                           frame=Frame(predicate="break", places=places))
    return Unit((mention,), article, text, frozenset({"fire", "break", "village"}))


@pytest.mark.parametrize("area", [
    "iso3166:XA",                          # a country
    "iso3166:XA-01",                       # an ISO region
    "geonames-admin1:XA.07",               # a region GeoNames alone names
    "geonames-admin2:XA.07.Nomos Arleia",  # a second-level unit
    "fips:99001",                          # a US county
])
def test_an_area_does_not_rival_a_town_in_it(area: str) -> None:
    assert place(_unit("a-1", (area,)), _unit("a-2", ("geonames:101",)), 0, 1) is None


def test_an_area_beside_a_town_does_not_make_a_rival() -> None:
    found = place(_unit("a-1", ("geonames-admin1:XA.07", "geonames-admin2:XA.07.Arleia")),
                  _unit("a-2", ("geonames:101", "geonames:102")), 0, 1)
    assert found is None


def test_two_different_towns_are_rivals() -> None:
    found = place(_unit("a-1", ("geonames:101", "geonames-admin1:XA.07")),
                  _unit("a-2", ("geonames:202",)), 0, 1)
    assert found is not None and found.kind == "place"


def test_the_same_town_named_by_both_is_no_rival() -> None:
    assert place(_unit("a-1", ("geonames:101",)), _unit("a-2", ("geonames:101",)), 0, 1) is None
