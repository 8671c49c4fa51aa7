"""Tests for the Emergent-trained headline stance classifier (hand-written pairs only)."""

from __future__ import annotations

import pytest

from rashomon.claims.stance_model import (
    LABELS,
    STANCES,
    features,
    headline_stance,
    load_model,
    stance_scores,
    tokenize,
)

CLAIM = "The mayor of Springfield resigned"


def test_model_file_loads() -> None:
    params = load_model()
    assert params["labels"] == list(LABELS)
    assert len(params["vocab"]) == len(params["weights"]) > 100
    assert all(len(row) == len(LABELS) for row in params["weights"][:50])
    assert load_model() is params  # loaded once


@pytest.mark.parametrize(
    "headline",
    [
        "Springfield mayor denies he resigned, calls the report fake",
        "Story of Springfield mayor quitting is a hoax, city hall says",
    ],
)
def test_denial_refutes(headline: str) -> None:
    assert headline_stance(CLAIM, headline) == "refutes"


@pytest.mark.parametrize(
    "headline",
    ["Springfield mayor reportedly resigns", "Did the Springfield mayor resign?"],
)
def test_hedged_or_question_is_uncertain(headline: str) -> None:
    assert headline_stance(CLAIM, headline) == "uncertain"


def test_plain_assertion_supports() -> None:
    assert headline_stance(CLAIM, "Springfield mayor resigns after budget row") == "supports"


def test_scores_sum_to_one() -> None:
    scores = stance_scores(CLAIM, "Springfield mayor may step down, aides suggest")
    assert set(scores) == set(STANCES)
    assert sum(scores.values()) == pytest.approx(1.0)
    assert all(0.0 <= v <= 1.0 for v in scores.values())


def test_empty_inputs_do_not_crash() -> None:
    assert headline_stance("", "") in STANCES


def test_features_mask_claim_words_and_flag_cues() -> None:
    feats = features(CLAIM, "Mayor denies resigning?")
    assert "cue:refute" in feats and "cue:question" in feats
    assert "w:mayor" not in feats and "b:<s>__c_" in feats
    assert tokenize("Isn\u2019t it \u201creal\u201d?") == ["isn't", "it", '"', "real", '"', "?"]


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("Officials say the mayor of Springfield resigned", "p:report_comp"),
        ("Mayor of Springfield may resign next week", "p:modal=may"),
        ("Mayor of Springfield did not resign", "p:root_neg"),
    ],
)
def test_features_read_the_headlines_main_verb(headline: str, expected: str) -> None:
    assert expected in features(CLAIM, headline)


def test_a_plain_statement_has_no_reporting_or_modal_root() -> None:
    feats = features(CLAIM, "Mayor of Springfield resigns")
    assert not {"p:root_report", "p:root_neg"} & set(feats)
    assert not any(name.startswith("p:modal=") for name in feats)


@pytest.mark.parametrize(
    ("claim", "hedged"),
    [
        ("The mayor of Springfield says he saw a ghost", False),  # the claim is reported speech
        ("The mayor of Springfield saw a ghost", True),
    ],
)
def test_speech_verbs_hedge_only_claims_that_are_not_speech(claim: str, hedged: bool) -> None:
    feats = features(claim, "Springfield mayor claims he saw a ghost")
    assert ("cue:hedge" in feats) is hedged
