"""Tests for the stance judge: rules where certain, the Emergent regression elsewhere."""

from __future__ import annotations

from typing import Literal

from rashomon.claims.judge import judge_label, judge_stance, speaks_of
from rashomon.models import ClaimMention, Speaker

CLAIM = "The mayor of Springfield resigned"
Cue = Literal["denial", "unconfirmed", "hedge"] | None
Stance = Literal["supports", "refutes", "uncertain"]


def _mention(sentence: str, stance: Stance = "supports", cue: Cue = None,
             speaker: str | None = None) -> ClaimMention:
    chain = (Speaker(speaker, 0, len(speaker)),) if speaker else ()
    return ClaimMention("a-1", 0, 0, len(sentence), sentence, 0, len(sentence), stance,
                        chain, cue=cue)


def test_a_hoax_refutes_the_claim() -> None:
    sentence = "The story that the Springfield mayor quit is a hoax and fake"
    assert judge_label(CLAIM, sentence) == "against"
    assert judge_stance(CLAIM, _mention(sentence)) == "refutes"


def test_repeating_the_claim_supports_it() -> None:
    assert judge_stance(CLAIM, _mention("The mayor of Springfield resigned on Monday")) == (
        "supports")


def test_an_explicit_denial_stays_whatever_the_regression_reads() -> None:
    sentence = "The mayor's office denied that the mayor of Springfield resigned"
    mention = _mention(sentence, "refutes", "denial", "The mayor's office")
    assert judge_stance(CLAIM, mention) == "refutes"
    unconfirmed = _mention("Officials would not confirm the mayor resigned", "uncertain",
                           "unconfirmed", "Officials")
    assert judge_stance(CLAIM, unconfirmed) == "uncertain"


def test_reported_speech_keeps_the_speakers_stance() -> None:
    sentence = "The mayor of Springfield resigned, reports say"
    assert judge_label(CLAIM, sentence) == "observing"
    assert judge_stance(CLAIM, _mention(sentence, speaker="reports")) == "supports"
    assert judge_stance(CLAIM, _mention(sentence)) == "uncertain"


def test_a_hedge_the_rules_found_stays_when_the_clause_reads_as_support() -> None:
    clause = "The mayor of Springfield resigned on Monday"
    assert judge_label(CLAIM, clause) == "for"
    hedged = _mention(clause, "uncertain", "hedge")
    assert judge_stance(CLAIM, hedged) == "uncertain"


def test_the_judge_reads_the_clause_not_the_rest_of_the_sentence() -> None:
    sentence = "The mayor of Springfield resigned, but the rumour that he fled is a fake hoax"
    clause_end = sentence.index(",")
    mention = ClaimMention("a-1", 0, 0, len(sentence), sentence, 0, clause_end, "supports")
    assert judge_label(CLAIM, sentence) == "against"
    assert judge_stance(CLAIM, mention) == "supports"


def test_a_clause_that_does_not_speak_of_the_claim_keeps_the_rules_stance() -> None:
    clause = "Nobody has ever seen a hoax like this fake one before"
    assert not speaks_of(CLAIM, clause)
    assert speaks_of(CLAIM, "Springfield's mayor quit")
    assert judge_stance(CLAIM, _mention(clause)) == "supports"
