"""Tests for rashomon.annotate.units (sentences written for these tests)."""

from __future__ import annotations

import timeit

import pytest

from rashomon.annotate.units import echelon_rank, find_units, same_unit
from rashomon.models import MilitaryUnit


def only(text: str) -> MilitaryUnit:
    """The single unit found in ``text`` (fails when there are none or several)."""
    found = find_units(text)
    assert len(found) == 1, found
    unit = found[0]
    assert unit.text == text[unit.start : unit.end]
    return unit


@pytest.mark.parametrize(
    ("text", "span", "number", "branch", "echelon", "key"),
    [
        ("Units of the 90th Tank Division advanced.", "90th Tank Division", 90, "tank",
         "division", "90-tank"),
        ("Units of its 90th tank regiment advanced.", "90th tank regiment", 90, "tank",
         "regiment", "90-tank"),
        ("The 72nd Brigade held the line.", "72nd Brigade", 72, None, "brigade", "72-brigade"),
        ("The 41st Air Defence Brigade fired.", "41st Air Defence Brigade", 41, "air defense",
         "brigade", "41-air defense"),
        ("The 41st Air Defense Brigade fired.", "41st Air Defense Brigade", 41, "air defense",
         "brigade", "41-air defense"),
        ("The 3rd Separate Assault Brigade attacked.", "3rd Separate Assault Brigade", 3,
         "assault", "brigade", "3-assault"),
        ("Then the 1st Guards Tank Army moved.", "1st Guards Tank Army", 1, "tank", "army",
         "1-tank"),
        ("The 155th Marine Brigade landed.", "155th Marine Brigade", 155, "marine", "brigade",
         "155-marine"),
        ("The 155th Naval Infantry Brigade landed.", "155th Naval Infantry Brigade", 155,
         "marine", "brigade", "155-marine"),
        ("Then the 10th Mountain Division arrived.", "10th Mountain Division", 10, "mountain",
         "division", "10-mountain"),
        ("The 47th Mechanised Brigade moved.", "47th Mechanised Brigade", 47, "mechanized",
         "brigade", "47-mechanized"),
        ("The 47th Mechanized Brigade moved.", "47th Mechanized Brigade", 47, "mechanized",
         "brigade", "47-mechanized"),
        ("The 20th Motor Rifle Division moved.", "20th Motor Rifle Division", 20,
         "motorized rifle", "division", "20-motorized rifle"),
        ("The 76th Airborne Division moved.", "76th Airborne Division", 76, "airborne",
         "division", "76-airborne"),
        ("The 58th Combined Arms Army moved.", "58th Combined Arms Army", 58, "combined arms",
         "army", "58-combined arms"),
        ("The 2nd Army Corps moved.", "2nd Army Corps", 2, None, "corps", "2-corps"),
        ("The 6th Fleet sailed.", "6th Fleet", 6, None, "fleet", "6-fleet"),
        ("The 90th tank unit crossed.", "90th tank unit", 90, "tank", "unit", "90-tank"),
        ("The 44th Artillery Brigade fired.", "44th Artillery Brigade", 44, "artillery",
         "brigade", "44-artillery"),
        ("The 93rd Kholodnyi Yar Brigade held.", "93rd Kholodnyi Yar Brigade", 93, None,
         "brigade", "93-brigade"),
        ("The First Guards Tank Army moved.", "First Guards Tank Army", 1, "tank", "army",
         "1-tank"),
        ("The 4th Company withdrew.", "4th Company", 4, None, "company", "4-company"),
        ("The 3rd Platoon withdrew.", "3rd Platoon", 3, None, "platoon", "3-platoon"),
        ("The 1st Squadron flew.", "1st Squadron", 1, None, "squadron", "1-squadron"),
    ],
)
def test_numbered(
    text: str, span: str, number: int, branch: str | None, echelon: str, key: str
) -> None:
    u = only(text)
    assert (u.text, u.number, u.branch, u.echelon, u.key) == (span, number, branch, echelon, key)


@pytest.mark.parametrize(
    ("text", "span", "echelon", "key"),
    [
        ("Fighters of the Azov regiment left.", "Azov regiment", "regiment", "azov"),
        ("The Azov Regiment left.", "Azov Regiment", "regiment", "azov"),
        ("Fighters of the Wagner group left.", "Wagner group", "group", "wagner"),
        ("Russia's Wagner mercenary group left.", "Wagner mercenary group", "group", "wagner"),
        ("The Black Sea Fleet withdrew.", "Black Sea Fleet", "fleet", "black sea"),
        ("The Kraken unit raided a base.", "Kraken unit", "unit", "kraken"),
        ("The Aidar battalion moved.", "Aidar battalion", "battalion", "aidar"),
    ],
)
def test_named(text: str, span: str, echelon: str, key: str) -> None:
    u = only(text)
    assert (u.text, u.number, u.branch, u.echelon, u.key) == (span, None, None, echelon, key)


@pytest.mark.parametrize(
    ("text", "span", "number", "echelon", "key"),
    [
        ("The 2nd Battalion, 5th Marines deployed.", "2nd Battalion, 5th Marines", 2,
         "battalion", "5-marine/2"),
        ("The 1st Battalion of the 72nd Mechanized Brigade held.",
         "1st Battalion of the 72nd Mechanized Brigade", 1, "battalion", "72-mechanized/1"),
    ],
)
def test_nested(text: str, span: str, number: int, echelon: str, key: str) -> None:
    u = only(text)
    assert (u.text, u.number, u.echelon, u.key) == (span, number, echelon, key)


def test_sibling_units_are_not_nested() -> None:
    found = find_units("The 72nd Brigade, 93rd Brigade and 47th Brigade fought.")
    assert [u.key for u in found] == ["72-brigade", "93-brigade", "47-brigade"]


@pytest.mark.parametrize(
    "text",
    [
        "For the first time units crossed.", "The 20th century ended.",
        "The 2nd group of evacuees left.", "Its 3rd company quarterly report.",
        "A Russian tank unit crossed.", "The Russian army advanced.", "The unit crossed.",
        "The Ukrainian Brigade commander spoke.", "This unit was hit.", "Many groups met.",
        "The 5th anniversary passed.", "In 2022 the brigade moved.",
    ],
)
def test_not_units(text: str) -> None:
    assert find_units(text) == []


def test_many_units_sorted_and_exact() -> None:
    text = (
        "The 90th Tank Division and the Azov regiment fought near the 72nd Brigade, "
        "while the Wagner group and the 155th Marine Brigade waited."
    )
    found = find_units(text)
    assert [u.text for u in found] == [
        "90th Tank Division", "Azov regiment", "72nd Brigade", "Wagner group",
        "155th Marine Brigade",
    ]
    for u in found:
        assert u.text == text[u.start : u.end]


def _unit(text: str) -> MilitaryUnit:
    return only(f"Reports named the {text} today.")


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("90th Tank Division", "90th tank regiment", True),
        ("72nd Brigade", "72nd Mechanized Brigade", True),
        ("72nd Brigade", "72nd Regiment", False),
        ("72nd Brigade", "73rd Brigade", False),
        ("155th Marine Brigade", "155th Naval Infantry Brigade", True),
        ("90th Tank Division", "90th Motor Rifle Division", False),
        ("Azov regiment", "Azov Brigade", True),
        ("Wagner group", "Azov regiment", False),
    ],
)
def test_same_unit(a: str, b: str, same: bool) -> None:
    assert same_unit(_unit(a), _unit(b)) is same
    assert same_unit(_unit(b), _unit(a)) is same


def test_same_key_different_echelon_is_a_detail_conflict() -> None:
    a, b = _unit("90th Tank Division"), _unit("90th tank regiment")
    assert a.key == b.key and a.echelon != b.echelon
    assert echelon_rank(a.echelon) > echelon_rank(b.echelon)


def test_echelon_rank_order() -> None:
    order = ["platoon", "company", "battalion", "regiment", "brigade", "division", "corps", "army"]
    ranks = [echelon_rank(e) for e in order]
    assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks)
    assert echelon_rank("squadron") == echelon_rank("company")
    assert echelon_rank("group") == echelon_rank("unit") == 0


def test_to_dict() -> None:
    assert _unit("90th Tank Division").to_dict()["key"] == "90-tank"


def test_speed_under_a_millisecond() -> None:
    text = (
        "Russian forces said units of the 90th Tank Division crossed the border, while the "
        "72nd Brigade and the Azov regiment held positions near a village. "
    ) * 16
    text = text[:2500]
    best = min(timeit.repeat(lambda: find_units(text), number=20, repeat=5)) / 20
    assert best < 0.002  # budget is 1 ms; slack for loaded machines
