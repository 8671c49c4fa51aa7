"""Sentence rules and token export of rashomon.annotate.nlp (text written for these tests)."""

from __future__ import annotations

from typing import Any

import pytest

from rashomon.annotate.nlp import entities_of, load_nlp, sentences_of, tokens_of


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp()


def split(nlp: Any, text: str) -> list[str]:
    return [s.text for s in sentences_of(nlp(text), text)]


@pytest.mark.parametrize("text", [
    "A U.S.-based charity sent three trucks of flour to the port on Monday.",
    "Gen. Marta Ilves told reporters the bridge would reopen by the weekend.",
    "Lt. Col. Ada Brand said the convoy had left at dawn.",
    "The mayor of St. Ormund said the water was safe to drink again.",
])
def test_abbreviations_do_not_end_sentences(nlp: Any, text: str) -> None:
    assert split(nlp, text) == [text]


def test_paragraph_break_always_splits(nlp: Any) -> None:
    text = "Rescue teams worked through the night\n\nThe river fell by morning."
    assert split(nlp, text) == ["Rescue teams worked through the night",
                                "The river fell by morning."]


def test_quotes_and_dashes_keep_their_sentence(nlp: Any) -> None:
    text = ('"We will rebuild the pier — all of it," the harbour master said. '
            "Work starts in May.")
    assert split(nlp, text) == ['"We will rebuild the pier — all of it," the harbour master said.',
                                "Work starts in May."]


def test_sentences_are_trimmed_and_never_empty(nlp: Any) -> None:
    text = "  \n\nThe ferry docked.  \n\n  \n"
    assert split(nlp, text) == ["The ferry docked."]


def test_tokens_carry_parse_and_spans(nlp: Any) -> None:
    text = "Officials in Lisbon denied the report."
    tokens = tokens_of(nlp(text))
    assert [text[t.start:t.end] for t in tokens][:3] == ["Officials", "in", "Lisbon"]
    denied = next(t for t in tokens if text[t.start:t.end] == "denied")
    assert (denied.lemma, denied.pos, denied.dep) == ("deny", "VERB", "ROOT")
    assert tokens[0].head == tokens.index(denied)
    assert next(t for t in tokens if text[t.start:t.end] == "Lisbon").ent == "GPE"


def test_entities_have_character_spans(nlp: Any) -> None:
    text = "The ministry in Warsaw said 40 people were moved."
    for ent in entities_of(nlp(text)):
        assert text[ent.start:ent.end] == ent.text


def test_empty_text_has_no_sentences_or_tokens(nlp: Any) -> None:
    doc = nlp("")
    assert sentences_of(doc, "") == [] and tokens_of(doc) == []
