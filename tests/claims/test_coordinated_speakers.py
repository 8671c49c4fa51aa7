"""A reporting verb beside the first predicate shares its subject (hand-written sentences):
a finite verb after "and"/"but", a gerund after "by"/"upon"."""

from __future__ import annotations

from functools import lru_cache

import pytest

from rashomon.annotate.stage import AnnotateContext, annotate
from rashomon.claims.stage import extract_claims
from rashomon.models import Article, ClaimMention
from rashomon.options import Options


@lru_cache(maxsize=1)
def _ctx() -> AnnotateContext:
    return AnnotateContext.from_options(Options())


def _spoken(text: str) -> list[ClaimMention]:
    article = Article("a-test", "t.txt", text, published="2025-03-05")
    return list(extract_claims(annotate(article, _ctx()), outlets=["Harbour Gazette"]).mentions)


def _speaker_of(text: str, said: str) -> str | None:
    """Who the mention holding ``said`` is credited to (None: the outlet)."""
    found = [m for m in _spoken(text) if said in m.content]
    assert found, said
    return found[0].chain[-1].text if found[0].chain else None


@pytest.mark.parametrize(
    ("text", "said", "speaker"),
    [
        # a first verb that reports nothing, a reporting verb coordinated with it
        ("Mayor Ole Brekke toured the quay with engineers, calling it “the pride of the "
         "coast,” and said repairs would start in May.", "start in May", "Mayor Ole Brekke"),
        # coordinated with a passive: the passive's subject says it
        ("After a long meeting, the ferry operator was pushed into a public apology and said "
         "that the timetable had been misread.", "misread", "the ferry operator"),
        # governed by a passive: the passive's subject says it
        ("The harbour master was quoted as saying that the quay would reopen in May.",
         "reopen in May", "The harbour master"),
        ("Mr. Brekke was moved to say, “Nobody on board was ever in danger.”",
         "in danger", "Mr. Brekke"),
        # a gerund after a preposition, on the clause's own verb
        ("The mayor appeared to defend the budget by saying, “We cannot afford another delay "
         "at the quay.”", "another delay", "The mayor"),
        ("Ms. Pell won applause from the dock workers upon saying that the ferry would stay "
         "in Skerra.", "stay in Skerra", "Ms. Pell"),
    ],
)
def test_a_verb_beside_the_first_predicate_shares_its_speaker(
        text: str, said: str, speaker: str) -> None:
    assert _speaker_of(text, said) == speaker


def test_a_gerund_inside_what_someone_reports_stays_with_the_reporter() -> None:
    text = "Mr. Brekke told the board that they should respond by saying the quay was safe."
    assert _speaker_of(text, "quay was safe") == "Mr. Brekke"


def test_the_phrase_opening_the_reporting_clause_speaks_when_the_verb_has_no_subject() -> None:
    # the parser made the source the quotation's predicate noun and left "told" no subject
    text = ("“The crews are under a lot of pressure and are tired,” a harbour source, who was "
            "not authorized to speak on the record, told Harbour Radio.")
    assert _speaker_of(text, "under a lot of pressure") == "a harbour source"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # hearsay: who believes it is not said
        ("Mr. Brekke is believed to have ordered the closure of the quay last year.",
         "closure of the quay"),
        # an interpretation, not speech
        ("The old harbour law is often interpreted as calling for a second quay in Skerra.",
         "second quay"),
    ],
)
def test_a_passive_of_belief_or_reading_names_no_speaker(text: str, said: str) -> None:
    assert all(not m.chain for m in _spoken(text) if said in m.content)
