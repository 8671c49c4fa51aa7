"""Place recognition and disambiguation (fixtures written for these tests)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pytest

from rashomon.annotate.gazetteer import Gazetteer
from rashomon.annotate.geocode import find_places, geocode_name
from rashomon.models import PlaceRef

from .places import ents


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371 * math.asin(math.sqrt(a))


def place(refs: Sequence[PlaceRef], text: str) -> PlaceRef:
    """The first reference whose span text is ``text``."""
    found = [r for r in refs if r.text == text]
    assert found, f"{text!r} not found in {[r.text for r in refs]}"
    return found[0]


def near(ref: PlaceRef, lat: float, lon: float, limit: float = 25.0) -> bool:
    """Within ``limit`` km."""
    assert ref.lat is not None and ref.lon is not None
    return km(ref.lat, ref.lon, lat, lon) <= limit


UKRAINE = ("Russian drones struck Dnipro overnight, and shelling hit Novopavlivka in the "
           "Dnipropetrovsk region, the regional governor said. Ukrainian officials also "
           "reported attacks on Sumy, Kharkiv and Odesa, and fighting near Luhansk. "
           "Delegations are due in Istanbul in March, the Mayor said.")


@pytest.fixture(scope="module")
def ukraine(gaz: Gazetteer) -> list[PlaceRef]:
    """The Ukraine fixture with the kind of labels the small spaCy model gives."""
    entities = ents(UKRAINE, ("Russian", "NORP"), ("Dnipro", "FAC"),
                    ("Novopavlivka", "ORG"), ("Dnipropetrovsk", "GPE"),
                    ("Ukrainian", "GPE"), ("Sumy", "PERSON"), ("Istanbul", "GPE"),
                    ("March", "DATE"))
    return find_places(UKRAINE, entities, gaz)


def test_spans_are_exact(ukraine: list[PlaceRef]) -> None:
    for ref in ukraine:
        assert UKRAINE[ref.start:ref.end] == ref.text


@pytest.mark.parametrize(("name", "lat", "lon"), [
    ("Dnipro", 48.45, 34.98), ("Novopavlivka", 48.14, 36.79), ("Sumy", 50.91, 34.80),
    ("Kharkiv", 49.99, 36.23), ("Odesa", 46.48, 30.73), ("Istanbul", 41.01, 28.95),
    ("Luhansk", 48.57, 39.31),
])
def test_ukraine_places(ukraine: list[PlaceRef], name: str, lat: float, lon: float) -> None:
    ref = place(ukraine, name)
    assert near(ref, lat, lon)
    assert ref.gazetteer_id and ref.gazetteer_id.startswith("geonames:")


def test_region_phrase_is_the_region(ukraine: list[PlaceRef]) -> None:
    ref = place(ukraine, "Dnipropetrovsk region")
    assert ref.feature == "region" and ref.precision == "region"
    assert ref.name == ref.admin1 == "Dnipropetrovsk Oblast"
    assert ref.country == "UA"


def test_city_fields(ukraine: list[PlaceRef]) -> None:
    ref = place(ukraine, "Kharkiv")
    assert (ref.country, ref.admin1, ref.feature, ref.precision) == (
        "UA", "Kharkiv Oblast", "city", "city")
    assert place(ukraine, "Novopavlivka").admin1 == "Dnipropetrovsk Oblast"


def test_not_places(ukraine: list[PlaceRef]) -> None:
    texts = {r.text for r in ukraine}
    assert not texts & {"Ukrainian", "Russian", "March", "Mayor"}


SLOVAKIA = ("Floods hit northern Slovakia on Monday. In Ružomberok the Váh rose by two "
            "metres and the village of Likavka was evacuated. Rescue teams came from "
            "Martin. Martin Smith, a volunteer, said it was the worst flood in years.")


@pytest.fixture(scope="module")
def slovakia(gaz: Gazetteer) -> list[PlaceRef]:
    """Slovak floods; "Martin" alone as spaCy might tag it, and a person Martin Smith."""
    entities = ents(SLOVAKIA, ("Slovakia", "GPE"), ("Monday", "DATE"),
                    ("Likavka", "GPE"), ("Martin Smith", "PERSON"))
    return find_places(SLOVAKIA, entities, gaz)


def test_slovakia(slovakia: list[PlaceRef]) -> None:
    assert near(place(slovakia, "Ružomberok"), 49.08, 19.30)
    assert near(place(slovakia, "Likavka"), 49.10, 19.32)
    martin = place(slovakia, "Martin")
    assert martin.country == "SK" and near(martin, 49.07, 18.92)
    assert all(r.start != SLOVAKIA.index("Martin Smith") for r in slovakia)


def test_person_martin_is_no_place(gaz: Gazetteer) -> None:
    text = "Martin Smith, 42, was charged on Friday."
    refs = find_places(text, ents(text, ("Martin Smith", "PERSON"), ("Friday", "DATE")), gaz)
    assert refs == []


def test_mexico(gaz: Gazetteer) -> None:
    text = ("Gunmen attacked a bar in Fresnillo, in the Mexican state of Zacatecas, "
            "on Sunday. Zacatecas has seen rising violence.")
    refs = find_places(text, ents(text, ("Fresnillo", "GPE"), ("Mexican", "NORP"),
                                  ("Zacatecas", "GPE")), gaz)
    assert near(place(refs, "Fresnillo"), 23.17, -102.87)
    assert all(r.country == "MX" for r in refs)
    assert near(place(refs, "Zacatecas"), 22.77, -102.58, 150)


def test_hyderabad_follows_india(gaz: Gazetteer) -> None:
    text = ("Heavy rain flooded Hyderabad on Tuesday. Officials in Delhi and Bengaluru "
            "said India's monsoon had come early.")
    refs = find_places(text, ents(text, ("Hyderabad", "ORG"), ("Delhi", "GPE"),
                                  ("Bengaluru", "GPE"), ("India", "GPE")), gaz)
    hyd = place(refs, "Hyderabad")
    assert hyd.country == "IN" and near(hyd, 17.38, 78.46)


def test_unknown_place_kept_unresolved(gaz: Gazetteer) -> None:
    text = "Shelling was reported in Zorbulatsk overnight."
    refs = find_places(text, ents(text, ("Zorbulatsk", "GPE")), gaz)
    (ref,) = refs
    assert (ref.text, ref.lat, ref.lon, ref.precision) == ("Zorbulatsk", None, None,
                                                           "unresolved")


def test_capitalised_words_are_not_villages(gaz: Gazetteer) -> None:
    text = ("March was cold. Will the Police act? The Mayor said Reading is fun. "
            "Turkey will host the talks.")
    refs = find_places(text, ents(text, ("Turkey", "GPE")), gaz)
    assert [(r.text, r.country) for r in refs] == [("Turkey", "TR")]


@pytest.mark.parametrize(("text", "org", "found"), [
    ("The Marine Accident Investigation Bureau has not said when it will report.",
     "The Marine Accident Investigation Bureau", set()),
    ("Staff at the University of Oxford were told on Monday.", "the University of Oxford",
     {"Oxford"}),
    ("Fishing quotas were set by the European Union on Friday.", "the European Union",
     {"European Union"}),
    ("Trains ran late in Lviv, Kharkiv and Odesa.", "Lviv, Kharkiv and Odesa",
     {"Lviv", "Kharkiv", "Odesa"}),
])
def test_head_of_an_organisation_name_is_no_place(gaz: Gazetteer, text: str, org: str,
                                                  found: set[str]) -> None:
    refs = find_places(text, ents(text, (org, "ORG")), gaz)
    assert {r.text for r in refs} == found


def test_matcher_finds_unlabelled_places(gaz: Gazetteer) -> None:
    text = "Explosions were heard in Luhansk and across Crimea on Sunday."
    refs = find_places(text, ents(text, ("Sunday", "DATE")), gaz)
    assert {r.text for r in refs} == {"Luhansk", "Crimea"}
    assert place(refs, "Crimea").feature == "region"


def test_context_picks_small_town(gaz: Gazetteer) -> None:
    text = "The fire near Mansfield spread toward Shreveport, Louisiana officials said."
    refs = find_places(text, ents(text, ("Mansfield", "GPE"), ("Shreveport", "GPE"),
                                  ("Louisiana", "GPE")), gaz)
    assert place(refs, "Mansfield").admin1 == "Louisiana"


def test_geocode_name_with_context(gaz: Gazetteer) -> None:
    region = geocode_name("Dnipropetrovsk region", [], gaz)
    assert region is not None and region.feature == "region"
    village = geocode_name("Novopavlivka", [region], gaz)
    assert village is not None and near(village, 48.14, 36.79)
    assert geocode_name("Zorbulatsk", [], gaz) is None
    russian = geocode_name("Russian", [], gaz)
    assert russian is not None and russian.country == "RU"


def test_with_spacy(gaz: Gazetteer) -> None:
    from rashomon.annotate.nlp import entities_of, load_nlp

    doc = load_nlp()(UKRAINE)
    refs = find_places(UKRAINE, entities_of(doc), gaz)
    assert {"Sumy", "Kharkiv", "Odesa", "Novopavlivka"} <= {r.text for r in refs}
    assert "Ukrainian" not in {r.text for r in refs}


def test_lgl_sample_when_shared_present(gaz: Gazetteer, shared: object) -> None:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "eval"))
    import bench_lgl

    articles = bench_lgl.load_lgl(bench_lgl.LGL)[:60]
    errors, _ = bench_lgl.gold_span_run(articles, gaz)
    assert bench_lgl.summarise(errors)["acc161"] >= 0.7
