"""Approximate points for names the gazetteer lacks (invented place names throughout)."""

from __future__ import annotations

import math

import pytest

from rashomon.annotate.gazetteer import Gazetteer
from rashomon.annotate.geocode import find_places
from rashomon.annotate.geocode_near import approximate
from rashomon.models import PlaceRef

from .places import ents


def km(a: PlaceRef, b: PlaceRef) -> float:
    """Great-circle distance between two located references."""
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b.lon - a.lon) / 2) ** 2)
    return 2 * 6371 * math.asin(math.sqrt(h))


def ref(refs: list[PlaceRef], text: str) -> PlaceRef:
    """The reference whose span text is ``text``."""
    found = [r for r in refs if r.text == text]
    assert found, [r.text for r in refs]
    return found[0]


@pytest.mark.parametrize(("text", "labels", "name", "anchor"), [
    ("Rescuers reached Zorvany, a village near Krakow, at dawn.",
     (("Zorvany", "GPE"), ("Krakow", "GPE")), "Zorvany", "Krakow"),
    ("Water poured from the Quellmere dam upstream of Lyon on Friday.",
     (("Lyon", "GPE"),), "Quellmere", "Lyon"),
    ("Storms hit Norway's Brekkadal region overnight.",
     (("Norway", "GPE"),), "Brekkadal", "Norway"),
    ("Troops shelled Varnovo, just outside Tbilisi, on Monday.",
     (("Varnovo", "GPE"), ("Tbilisi", "GPE")), "Varnovo", "Tbilisi"),
    ("The family lived in Zorvany, Poland, for years.",
     (("Zorvany", "GPE"), ("Poland", "GPE")), "Zorvany", "Poland"),
    ("Anglers crowd the Brekka River in Norway each June.",
     (("Brekka River", "LOC"), ("Norway", "GPE")), "Brekka River", "Norway"),
])
def test_tied_name_takes_the_point_it_is_tied_to(gaz: Gazetteer, text: str,
                                                labels: tuple[tuple[str, str], ...],
                                                name: str, anchor: str) -> None:
    refs = find_places(text, ents(text, *labels), gaz)
    near, tie = ref(refs, name), ref(refs, anchor)
    assert km(near, tie) < 1
    # Approximate: no gazetteer id (so never a located town in a place conflict) and
    # never a town's precision.
    assert near.gazetteer_id is None
    assert near.precision in ("region", "country")


@pytest.mark.parametrize(("text", "labels", "name"), [
    # No tie: a verb phrase stands between the name and the place.
    ("Zorvany police said in Krakow on Monday.", (("Zorvany", "GPE"), ("Krakow", "GPE")),
     "Zorvany"),
    # After a possessive, a bare name is as often a paper or a firm.
    ("Poland's Zorvany reported the figures.", (("Zorvany", "GPE"), ("Poland", "GPE")),
     "Zorvany"),
    # "the X town of Y" names the town inside X, not where X is.
    ("Crowds gathered in the Varnok town of Krakow.", (("Varnok", "LOC"), ("Krakow", "GPE")),
     "Varnok"),
    # An apposition that names no kind of place.
    ("Zorvany, the militant group in Poland, denied it.",
     (("Zorvany", "GPE"), ("Poland", "GPE")), "Zorvany"),
    # "X, Y" with Y a town is a list, not a container; so is "X, Y, and Z" with areas.
    ("Buses ran to Zorvany, Krakow and Lodz.", (("Zorvany", "GPE"), ("Krakow", "GPE")),
     "Zorvany"),
    ("It grows in Zorvany, Norway, and Sweden.", (("Zorvany", "LOC"), ("Norway", "GPE")),
     "Zorvany"),
    # "Y's" opens an apposition about X, not X's area.
    ("Zorvany, Norway's spy agency, declined to comment.",
     (("Zorvany", "GPE"), ("Norway", "GPE")), "Zorvany"),
    # A bare "in" or "of" without a place noun: a disease, a title.
    ("Cases of Zorvax in Lyon have doubled.", (("Zorvax", "GPE"), ("Lyon", "GPE")), "Zorvax"),
    ("Prince Zorvany of Norway arrived.", (("Zorvany", "GPE"), ("Norway", "GPE")), "Zorvany"),
])
def test_untied_name_stays_unresolved(gaz: Gazetteer, text: str,
                                      labels: tuple[tuple[str, str], ...], name: str) -> None:
    refs = find_places(text, ents(text, *labels), gaz)
    assert ref(refs, name).lat is None


def test_area_noun_without_tie_adds_nothing(gaz: Gazetteer) -> None:
    text = "The Brekkadal region was cut off by snow."
    assert find_places(text, [], gaz) == []


def test_compound_adjective_is_no_area(gaz: Gazetteer) -> None:
    text = "Police raided homes in the Norwegian-speaking province of Quebec."
    refs = find_places(text, ents(text, ("Quebec", "GPE")), gaz)
    assert [r.text for r in refs] == ["Quebec"]


def test_located_reference_is_left_alone() -> None:
    here = PlaceRef("Lyon", 0, 4, "Lyon", 45.75, 4.85, "FR", None, "city", "geonames:1", "city")
    other = PlaceRef("Paris", 20, 25, "Paris", 48.85, 2.35, "FR", None, "city", "geonames:2",
                     "city")
    assert approximate("Lyon, a city near Paris", here, [other]) is here
