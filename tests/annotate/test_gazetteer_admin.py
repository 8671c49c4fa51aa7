"""Administrative names and points from the data packages (small invented fixtures)."""

from __future__ import annotations

from typing import Any

import pytest

from rashomon.annotate.gazetteer import (
    KIND_COUNTRY,
    KIND_COUNTY,
    KIND_REGION,
    Gazetteer,
    _country_point,
)
from rashomon.annotate.gazetteer_admin import Town, rejoin, state_codes, unit_core, units
from rashomon.annotate.gazetteer_names import fold
from rashomon.annotate.geocode import find_places, geocode_name
from rashomon.models import Entity


@pytest.mark.parametrize(("name", "core"), [
    ("Okres Brezno", "Brezno"),
    ("Nomós Argolídos", "Argolídos"),
    ("Provincia di Lecco", "Lecco"),
    ("District Municipality of Lakeland", "Lakeland"),
    ("Pike County", "Pike"),
    ("Tarn Parish", "Tarn"),
    ("Hampshire", "Hampshire"),
    ("County", "County"),  # a type word alone stays a name
])
def test_unit_core_strips_the_type_word(name: str, core: str) -> None:
    assert unit_core(name) == core


def _cols(rows: list[tuple[str, str, float, float, str]]) -> dict[str, list[Any]]:
    return {"cc": [r[0] for r in rows], "names": [r[1] for r in rows],
            "lat": [r[2] for r in rows], "lon": [r[3] for r in rows],
            "a1": [r[4] for r in rows]}


def test_state_codes_join_towns_by_name_and_point() -> None:
    cols = _cols([("XX", "Alpha", 10.001, 20.0, "07"), ("XX", "Beta", 11.0, 21.0, "07"),
                  ("XX", "Gamma", 12.0, 22.0, "08")])
    towns = [Town("XX", "Alpha", 10.0, 20.0, "Upland", ""),
             Town("XX", "Beta", 11.0, 21.0, "Upland", ""),
             Town("XX", "Gamma", 12.0, 22.0, "Lowland", ""),
             Town("XX", "Gamma", 15.0, 22.0, "Lowland", "")]  # same name, elsewhere
    assert state_codes(cols, towns) == {("XX", "Upland"): "07", ("XX", "Lowland"): "08"}


def test_units_gather_towns_and_older_spellings() -> None:
    towns = [Town("XX", "Alpha", 10.0, 20.0, "Upland", "Nomos Kerias"),
             Town("XX", "Beta", 11.0, 21.0, "Upland", "Nomos Kerias"),
             Town("XX", "Gamma", 12.0, 22.0, "Elsewhere", "Nomos Other")]  # region unknown
    found = units(towns, {("XX", "Upland"): "07"}, {"XX": ["Keria", "Ker", "Kerisonia"]})
    assert len(found) == 1
    unit = found[0]
    assert (unit.cc, unit.a1, unit.name) == ("XX", "07", "Nomos Kerias")
    # The province name less a two-letter ending joins; a short or longer one does not.
    assert unit.keys == {"Nomos Kerias", "Kerias", "Keria"}
    assert len(unit.points) == 2


def test_rejoin_moves_a_region_to_the_code_its_english_name_has() -> None:
    found = [("XX", "15", "Saltmoor", "iso:XX-SM", {"Saltmoor"}),  # joined by a town
             ("XX", "15", "Redvale", "iso:XX-RV", {"Redvale"}),
             ("XX", "20", "Greyfen", "iso:XX-GF", {"Greyfen", "Greyfen region"})]
    codes = {("XX", "Saltmoor"): "17", ("XX", "Redvale Region"): "15"}
    out = {row[2]: row[1] for row in rejoin(found, codes)}
    assert out == {"Saltmoor": "17", "Redvale": "15", "Greyfen": "20"}


def test_rejoin_drops_a_region_whose_code_another_names() -> None:
    found = [("XX", "15", "Wrongton", "iso:XX-W", {"Wrongton"}),
             ("XX", "03", "Rightshire", "iso:XX-R", {"Rightshire"})]
    out = rejoin(found, {("XX", "Rightshire"): "15"})
    assert [(row[2], row[1]) for row in out] == [("Rightshire", "15")]


def test_country_point_needs_to_lie_among_the_towns() -> None:
    towns = [(29.0 + 0.1 * i, 47.0 + 0.1 * j) for i in range(10) for j in range(10)]
    assert _country_point("XX", towns, {"XX": (29.5, 47.5)}) == (29.5, 47.5)
    lat, lon = _country_point("XX", towns, {"XX": (29.5, 44.0)})  # off in a neighbour
    assert 29.0 <= lat <= 30.0 and 47.0 <= lon <= 48.0


def test_second_level_units_carry_points(gaz: Gazetteer) -> None:
    kinds = {gaz.kind[i] for i in gaz.lookup("cambridgeshire")}
    assert KIND_COUNTY in kinds
    ref = geocode_name("Cambridgeshire", [], gaz)
    assert ref is not None and ref.country == "GB"
    assert ref.lat is not None and abs(ref.lat - 52.3) < 0.5


def test_us_county_at_its_towns_not_its_state(gaz: Gazetteer) -> None:
    # Otoe County lies in the south-east corner of Nebraska, 250 km from its middle.
    hits = [i for i in gaz.lookup("otoe county") if gaz.kind[i] == KIND_COUNTY]
    assert hits and abs(gaz.lat[hits[0]] - 40.6) < 0.3 and abs(gaz.lon[hits[0]] + 96.1) < 0.3


def test_english_region_names(gaz: Gazetteer) -> None:
    assert any(gaz.kind[i] == KIND_REGION and gaz.cc[i] == "GR"
               for i in gaz.lookup("peloponnese"))


def test_a_parish_of_a_small_country_does_not_outrank_a_city(gaz: Gazetteer) -> None:
    ref = geocode_name("St. Paul", [], gaz)
    assert ref is not None and ref.country == "US"


def test_a_region_named_like_its_country_yields_to_it(gaz: Gazetteer) -> None:
    ref = geocode_name("Mexico", [], gaz)
    assert ref is not None and ref.feature == "country"
    assert any(gaz.kind[i] == KIND_COUNTRY for i in gaz.lookup("mexico"))


@pytest.mark.parametrize("name", ["Northwest", "North West", "Federal State", "Central"])
def test_generic_phrases_are_no_region_names(gaz: Gazetteer, name: str) -> None:
    assert not any(gaz.kind[i] == KIND_REGION for i in gaz.lookup(fold(name)))


def test_a_region_taken_for_a_person_needs_support(gaz: Gazetteer) -> None:
    text = "Police said Brittany was taken to a hospital in Dayton on Friday."
    people = Entity("Brittany", text.index("Brittany"), text.index("Brittany") + 8, "PERSON")
    town = Entity("Dayton", text.index("Dayton"), text.index("Dayton") + 6, "GPE")
    names = [r.text for r in find_places(text, [people, town], gaz)]
    assert names == ["Dayton"]


def test_an_obscure_region_needs_support(gaz: Gazetteer) -> None:
    # An Isle of Man parish shares its name with a given name; a story about a man
    # called so mentions no place on the island.
    text = "Police said Michael had left the house in Dayton before noon."
    town = Entity("Dayton", text.index("Dayton"), text.index("Dayton") + 6, "GPE")
    assert [r.text for r in find_places(text, [town], gaz)] == ["Dayton"]
