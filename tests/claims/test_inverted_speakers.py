"""Who speaks when the name follows the reporting verb and the parser hung it elsewhere
(hand-written sentences)."""

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
    return [m for m in extract_claims(annotate(article, _ctx())).mentions if m.chain]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # after a quotation, the noun phrase after "said" speaks, though the parser made it
        # the subject of the relative clause's verb
        ("\"Somebody came in and said we should close the port if they keep doing this,\" "
         "said the woman, who like many in the town did not want to be named.", "the woman"),
        ("\"What we saw at the quay is a disaster for the whole town,\" said Nordvik harbour "
         "chairman Ana Pop (D-Skerra).", "Ana Pop"),
        # a reporting clause set off inside the sentence: not the fronted phrase
        ("Part of the problem in repairing the quay, say engineers like Ola Dahl, a Nordvik "
         "builder, is the cold water itself.", "engineers"),
        ("The trouble with the new ferry, said Brekke and others, would be clear to anyone "
         "who sailed on it in winter.", "Brekke"),
    ],
)
def test_the_name_after_the_verb_speaks(text: str, speaker: str) -> None:
    spoken = _spoken(text)
    assert spoken and all(speaker in m.chain[-1].text for m in spoken)


def test_an_apposition_before_the_verb_is_no_parenthetical() -> None:
    text = ("The mayor's former deputy, Ola Dahl, said the engineer who designed the quay and "
            "approved its repairs, Ana Pop, should be dismissed over the cracks.")
    assert all(m.chain[-1].text == "Ola Dahl" for m in _spoken(text))


@pytest.mark.parametrize(
    ("text", "speaker", "said"),
    [
        # the parser made the relative clause the verb's complement, with the name its subject
        ("Brekke, meanwhile, who sits on no harbour committees, said that fact speaks volumes "
         "about which of the two boards is \"ready to run the port.\"", "Brekke",
         "that fact speaks volumes"),
        ("The old captain, who has sailed the route for thirty years, said the new ferry was "
         "too slow.", "The old captain", "the new ferry was too slow"),
    ],
)
def test_the_name_before_a_relative_clause_speaks(text: str, speaker: str, said: str) -> None:
    mention = _spoken(text)[0]
    assert mention.chain[-1].text == speaker
    assert mention.content.startswith(said)


def test_a_relative_clause_after_a_preposition_names_no_speaker() -> None:
    assert not _spoken("After the vote, which the council held on Monday, said nothing "
                       "about the quay.")


def test_a_reporting_participle_beside_the_main_predicate_speaks() -> None:
    text = ("Lawyers for the ferry company appeared to oppose the inquiry, saying in court "
            "papers that the logs were private and \"have never belonged to the harbour "
            "board.\"")
    mentions = extract_claims(annotate(Article("a-test", "t.txt", text,
                                               published="2025-03-05"), _ctx())).mentions
    private = [m for m in mentions if "the logs were private" in m.content]
    assert private and all(m.chain and m.chain[-1].text.startswith("Lawyers") for m in private)


def test_a_participle_that_reports_nothing_speaks_nothing() -> None:
    assert not _spoken("The mayor seemed to accept the plan, visiting the quay on Monday.")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the parser made the clause's verb a parataxis under "called"
        ("Fjordline, Brekke said, called the closure “highly significant.”", "Brekke"),
        # the parser gave "say" the fronted phrase as its subject
        ("The source of the anger at Mr. Dahl, union members and leaders say, is manifold: "
         "the ferry's late arrivals on certain winter routes; a frustration with the board.",
         "union members and leaders"),
    ],
)
def test_a_clause_set_off_by_commas_speaks_the_sentence(text: str, speaker: str) -> None:
    assert _spoken(text)[0].chain[-1].text == speaker


def test_a_sentence_without_a_reporting_clause_has_no_speaker() -> None:
    assert not _spoken("In Nordvik, the mayor opened the new quay on Monday.")


@pytest.mark.parametrize(
    "text",
    [
        # the parser hung the name on the clause before; the verb took the noun before it
        ("Although there is no such overlap with Brekke's team, a Nordvik harbour official "
         "who spoke anonymously to discuss internal strategy said Wednesday, \"Certainly "
         "there are discussions between the board and the Brekke campaign.\""),
        ("A ferry company engineer who asked not to be named because he was not allowed to "
         "discuss the repairs said the quay had been cracked for years."),
    ],
)
def test_the_noun_a_relative_clause_describes_speaks(text: str) -> None:
    speaker = _spoken(text)[-1].chain[-1].text
    assert speaker.endswith(("official", "engineer"))


def _said_by(text: str, speaker: str) -> str:
    return next(m.content for m in _spoken(text) if m.chain[-1].text == speaker)


def test_a_trailing_inverted_clause_reports_what_precedes_it() -> None:
    text = ("The closure of the quay signals \"the beginning of the end\" for the island "
            "ferry, said Ola Dahl, founder of the Nordvik Ferry Party.")
    assert _said_by(text, "Ola Dahl").startswith("The closure of the quay signals")


def test_of_two_quotations_before_the_verb_it_reports_the_nearer() -> None:
    text = ("\"His temper is short,\" she said, but despite the increasingly bitter tone, "
            "\"I think he will sign it,\" said Brekke, who has been critical of the board.")
    assert "I think he will sign it" in _said_by(text, "Brekke")
    assert "His temper" not in _said_by(text, "Brekke")
