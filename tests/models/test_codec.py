"""The codec turns model values into plain JSON data and back, unchanged."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from rashomon.models import (
    ClaimMention,
    Entity,
    Frame,
    PlaceRef,
    Quantity,
    Sentence,
    Speaker,
    TimeExpr,
    When,
)
from rashomon.models.codec import decode, encode


def round_trip(hint: object, value: object) -> object:
    # Through real JSON text, as the store and the result cache keep it.
    return decode(hint, json.loads(json.dumps(encode(value))))


@pytest.mark.parametrize("value", [
    Sentence(0, 31, "The bridge reopened on Monday.", When(date="2024-05-06")),
    Sentence(32, 40, "No date."),
    Entity("Harlow Street", 4, 17, "FAC"),
    TimeExpr("on Monday", 19, 28, "date", "2024-05-06", "day", When(date="2024-05-06")),
    PlaceRef("Harlow", 0, 6, "Harlow", 51.77, 0.11, "GB", feature="city",
             gazetteer_id="2647138", precision="city"),
    Quantity("about 400 passengers", 10, 30, 400.0, approx="about", counted="passengers"),
])
def test_annotations_come_back_equal(value: object) -> None:
    assert round_trip(type(value), value) == value


def test_a_tuple_of_nested_values_comes_back_as_a_tuple_of_them() -> None:
    text = "Port officials said about 400 passengers crossed on Monday."
    officials = Speaker("Port officials", 0, 14, kind="official", aliases=("the port",))
    frame = Frame(actor="passengers", predicate="cross", places=("Harlow",),
                  when=When(date="2024-05-06"),
                  quantities=(Quantity("about 400 passengers", 20, 40, 400.0, approx="about"),))
    mentions = (
        ClaimMention("a-1", 0, 0, len(text), text, 20, len(text), "supports", (officials,),
                     frame, When(date="2024-05-06")),
        ClaimMention("a-2", 3, 5, 20, "It stayed shut.", 5, 20, "refutes", cue="denial"),
    )
    back = round_trip(tuple[ClaimMention, ...], mentions)
    assert back == mentions
    assert isinstance(back, tuple) and isinstance(back[0].chain, tuple)
    assert isinstance(back[0].frame.quantities[0], Quantity)


def test_a_whole_number_comes_back_as_a_float_where_the_field_is_one() -> None:
    data = encode(Quantity("400 passengers", 0, 14, 400.0))
    data["value"] = 400  # JSON from elsewhere may write 400.0 as 400
    back = decode(Quantity, data)
    assert back.value == 400.0 and isinstance(back.value, float)


def test_fields_a_later_version_dropped_are_ignored() -> None:
    data = encode(Entity("Harlow", 0, 6, "GPE"))
    data["confidence"] = 0.9  # written by a version that had this field
    assert decode(Entity, data) == Entity("Harlow", 0, 6, "GPE")


def test_a_missing_required_field_is_an_error() -> None:
    data = encode(Entity("Harlow", 0, 6, "GPE"))
    del data["label"]
    with pytest.raises(TypeError):
        decode(Entity, data)


@dataclass(frozen=True, slots=True)
class _Node:
    name: str
    children: tuple[_Node, ...] = ()


def test_a_type_that_contains_itself_decodes() -> None:
    tree = _Node("root", (_Node("a"), _Node("b", (_Node("c"),))))
    assert round_trip(_Node, tree) == tree
