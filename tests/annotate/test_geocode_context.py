"""Disambiguation by the article's other places and by level (fixtures written for
these tests): states among states, countries among countries, capitals, nationality
words, common-noun phrases and far-fetched readings."""

from __future__ import annotations

import pytest

from rashomon.annotate.gazetteer import KIND_REGION, Gazetteer, fold
from rashomon.annotate.geocode import find_places, geocode_name
from rashomon.models import Entity, PlaceRef

from .test_geocode import ents


def refs_of(gaz: Gazetteer, *names: str) -> list[PlaceRef]:
    """Context: each name geocoded on its own."""
    out = []
    for name in names:
        ref = geocode_name(name, [], gaz)
        assert ref is not None, name
        out.append(ref)
    return out



def test_new_york_among_states_is_the_state(gaz: Gazetteer) -> None:
    ref = geocode_name("New York", refs_of(gaz, "New Jersey", "Connecticut"), gaz)
    assert ref is not None
    assert (ref.country, ref.feature, ref.admin1) == ("US", "region", "New York")


def test_new_york_in_an_upstate_story_is_the_state(gaz: Gazetteer) -> None:
    ref = geocode_name("New York", refs_of(gaz, "Buffalo", "Albany"), gaz)
    assert ref is not None and (ref.feature, ref.admin1) == ("region", "New York")


def test_new_york_alone_is_the_city(gaz: Gazetteer) -> None:
    ref = geocode_name("New York", [], gaz)
    assert ref is not None and ref.feature == "city" and ref.country == "US"


def test_ontario_in_a_canadian_story(gaz: Gazetteer) -> None:
    ref = geocode_name("Ontario", refs_of(gaz, "Canada", "Toronto"), gaz)
    assert ref is not None and (ref.country, ref.feature) == ("CA", "region")


def test_state_beside_named_states_beats_a_local_village(gaz: Gazetteer) -> None:
    # Oregon, Illinois is a village; among named states "Oregon" is the state.
    ref = geocode_name("Oregon", refs_of(gaz, "Texas", "Arizona", "Chicago"), gaz)
    assert ref is not None and (ref.feature, ref.admin1) == ("region", "Oregon")


def test_country_among_countries(gaz: Gazetteer) -> None:
    ref = geocode_name("Jordan", refs_of(gaz, "Israel", "Syria"), gaz)
    assert ref is not None and (ref.country, ref.feature) == ("JO", "country")


def test_capital_beats_namesake_towns(gaz: Gazetteer) -> None:
    ref = geocode_name("Damascus", refs_of(gaz, "United States"), gaz)
    assert ref is not None and ref.country == "SY"


def test_nationality_word_names_its_country(gaz: Gazetteer) -> None:
    ref = geocode_name("Canadian", [], gaz)  # also a village in Texas
    assert ref is not None and (ref.country, ref.feature) == ("CA", "country")


def test_a_name_never_supports_itself(gaz: Gazetteer) -> None:
    # Upper-case "NEWARK" read as New Jersey must not pull "Newark" there too.
    shout = geocode_name("NEWARK", [], gaz)
    county = geocode_name("Licking County", [], gaz)
    assert shout is not None and county is not None and county.admin1 == "Ohio"
    ref = geocode_name("Newark", [shout, county], gaz)
    assert ref is not None and ref.admin1 == "Ohio"


def test_common_noun_coast_is_no_place(gaz: Gazetteer) -> None:
    text = "The ferry grounded off Norway's west coast. Storms hit the west coast again."
    first = text.index("Norway's west coast")
    second = text.rindex("west coast")
    entities = [Entity("Norway's west coast", first, first + 19, "LOC"),
                Entity("west coast", second, second + 10, "LOC")]
    refs = find_places(text, entities, gaz)
    assert [(r.text, r.country) for r in refs] == [("Norway", "NO")]


def test_coast_phrase_is_not_a_villages_alternate_name(gaz: Gazetteer) -> None:
    text = "Ports on the West Coast were closed."
    refs = find_places(text, ents(text, ("West Coast", "LOC")), gaz)
    assert all(r.country != "SG" for r in refs)


def test_person_tagged_town_after_in(gaz: Gazetteer) -> None:
    text = ("Portugal's food agency recalled sausages made by a producer in Mirandela, "
            "the agency said in Lisbon.")
    entities = ents(text, ("Portugal", "GPE"), ("Mirandela", "PERSON"), ("Lisbon", "GPE"))
    ref = next(r for r in find_places(text, entities, gaz) if r.text == "Mirandela")
    assert ref.country == "PT"


def test_far_fetched_village_left_unresolved(gaz: Gazetteer) -> None:
    text = "Alheira is a speciality of Trás, in the north of Portugal, near Bragança."
    entities = ents(text, ("Trás", "LOC"), ("Portugal", "GPE"), ("Bragança", "GPE"))
    ref = next(r for r in find_places(text, entities, gaz) if r.text == "Trás")
    assert ref.lat is None and ref.precision == "unresolved"


def test_bare_region_name_is_the_region(gaz: Gazetteer) -> None:
    # The city was renamed Dnipro; "Dnipropetrovsk" alone now names the oblast.
    text = ("Russian forces crossed from Donetsk into Dnipropetrovsk, officials in Ukraine "
            "said; the regional capital, Dnipro, was shelled.")
    entities = ents(text, ("Donetsk", "GPE"), ("Dnipropetrovsk", "GPE"), ("Ukraine", "GPE"),
                    ("Dnipro", "GPE"))
    refs = {r.text: r for r in find_places(text, entities, gaz)}
    assert refs["Dnipropetrovsk"].feature == "region"
    assert refs["Dnipro"].feature == "city"


def test_region_joined_through_its_subdivisions(gaz: Gazetteer) -> None:
    # Île-de-France has no namesake city; its departments (Paris, ...) carry the code.
    regions = [i for i in gaz.lookup(fold("Île-de-France")) if gaz.kind[i] == KIND_REGION]
    paris = max((i for i in gaz.lookup("paris") if gaz.cc[i] == "FR"), key=lambda i: gaz.pop[i])
    assert regions and gaz.a1[regions[0]] == gaz.a1[paris]


def test_surname_of_a_named_person_is_no_place(gaz: Gazetteer) -> None:
    # Moore, Oklahoma is a city of 60,000; here Moore is the mayor throughout.
    text = "Mayor Tom Moore opened the bridge in Tulsa, Oklahoma. Moore said it cost $2m."
    entities = ents(text, ("Tom Moore", "PERSON"), ("Tulsa", "GPE"), ("Oklahoma", "GPE"))
    refs = find_places(text, entities, gaz)
    assert "Moore" not in [r.text for r in refs]
    assert {"Tulsa", "Oklahoma"} <= {r.text for r in refs}


def test_organisation_tagged_name_needs_support(gaz: Gazetteer) -> None:
    # "Hamas" is an alternate name of Hamm, Germany; the article is about Gaza.
    text = "Israel said Hamas fired rockets from Gaza. Hamas denied it."
    entities = ents(text, ("Israel", "GPE"), ("Hamas", "ORG"), ("Gaza", "GPE"))
    refs = find_places(text, entities, gaz)
    assert "Hamas" not in [r.text for r in refs]


def test_dotted_abbreviation_in_an_organisation_name(gaz: Gazetteer) -> None:
    text = "He told us the U.S. Census counted 9,000 people."
    refs = find_places(text, ents(text, ("U.S. Census", "ORG")), gaz)
    assert [(r.text, r.country) for r in refs] == [("U.S.", "US")]


def test_upper_case_dateline(gaz: Gazetteer) -> None:
    text = "Budget cuts loom . COLUMBUS, Ohio (AP) — The governor signed the budget."
    refs = find_places(text, ents(text, ("Ohio", "GPE"), ("AP", "ORG")), gaz)
    columbus = next(r for r in refs if r.text == "COLUMBUS")
    assert columbus.admin1 == "Ohio"


def test_state_abbreviation_needs_its_period(gaz: Gazetteer) -> None:
    text = "Miss Hudson taught in Jackson, Miss. for years."
    refs = find_places(text, ents(text, ("Miss Hudson", "PERSON"), ("Jackson", "GPE")), gaz)
    assert [r.start for r in refs if r.text == "Miss"] == [text.rindex("Miss")]


def test_unlabelled_alternate_name_of_a_small_town(gaz: Gazetteer) -> None:
    text = "Area woman wins the county fair in Lake County, Illinois."
    refs = find_places(text, ents(text, ("Lake County", "GPE"), ("Illinois", "GPE")), gaz)
    assert "Area" not in [r.text for r in refs]


def test_home_capital_beats_a_local_namesake(gaz: Gazetteer) -> None:
    # Washington, Iowa is a town; in an Iowa story "Washington" is still the capital,
    # while a foreign capital does not displace a local Moscow.
    ref = geocode_name("Washington", refs_of(gaz, "Iowa", "Des Moines"), gaz)
    assert ref is not None and ref.admin1 == "District of Columbia"
    moscow = geocode_name("Moscow", refs_of(gaz, "Idaho", "Pullman"), gaz)
    assert moscow is not None and moscow.admin1 == "Idaho"


@pytest.mark.parametrize(("name", "city"), [("Stockholms län", "stockholm"),
                                            ("Łódzkie", "lodz"),
                                            ("Daegu-gwangyeoksi", "daegu")])
def test_regions_under_local_type_words(gaz: Gazetteer, name: str, city: str) -> None:
    # Swedish genitive + "län", Polish adjective, Korean hyphenated type word.
    regions = [i for i in gaz.lookup(fold(name)) if gaz.kind[i] == KIND_REGION]
    town = max(gaz.lookup(city), key=lambda i: gaz.pop[i])
    assert regions and gaz.a1[regions[0]] == gaz.a1[town]


def test_country_not_its_capital_in_a_domestic_story(gaz: Gazetteer) -> None:
    # "Mexico" is also an alternate name of Mexico City, the capital of the story's
    # country: the country reading stands.
    ref = geocode_name("Mexico", refs_of(gaz, "Zacatecas", "Fresnillo"), gaz)
    assert ref is not None and (ref.country, ref.feature) == ("MX", "country")


def test_short_name_of_a_town_tagged_as_a_person(gaz: Gazetteer) -> None:
    text = ("Polls closed in Zacatecas, Mexico, on Sunday. In Fresnillo and Jerez, "
            "turnout was low.")
    entities = ents(text, ("Zacatecas", "GPE"), ("Mexico", "GPE"), ("Fresnillo", "GPE"),
                    ("Jerez", "PERSON"))
    ref = next(r for r in find_places(text, entities, gaz) if r.text == "Jerez")
    assert ref.country == "MX" and ref.admin1 == "Zacatecas"


def test_bare_adjective_names_its_region(gaz: Gazetteer) -> None:
    ref = geocode_name("Abkhaz", [], gaz)  # the adjective is the name's head
    assert ref is not None and (ref.name, ref.feature) == ("Abkhazia", "region")
