"""Quotations over several sentences and paragraphs, and who speaks them."""

from __future__ import annotations

import pytest

from rashomon.claims.quotes import quotations

from .test_attribution import claims_for


def _texts(text: str) -> list[list[str]]:
    return [[text[s:e] for s, e in q.pieces] for q in quotations(text)]


def test_curly_and_straight_quotations() -> None:
    text = "He said \u201cwe will win\u201d and then \"we will win big\" again."
    assert _texts(text) == [["we will win"], ["we will win big"]]


def test_a_quotation_continues_into_a_paragraph_that_reopens_it() -> None:
    text = "\u201cThe first part.\n\n\u201cThe second part,\u201d she said.\n\nNo quote here."
    assert _texts(text) == [["The first part.", "The second part,"]]


def test_an_unclosed_quotation_ends_with_its_paragraph() -> None:
    text = "\u201cThe first part.\n\nThe mayor spoke next. \u201cA new one,\u201d he said."
    assert _texts(text) == [["The first part."], ["A new one,"]]


def _speakers(text: str) -> list[str | None]:
    return [m.speaker.text if m.speaker else None for m in claims_for(text).mentions]


def test_said_colon_gives_the_quotation_its_speaker() -> None:
    text = ("Harbour master Ingrid Solheim said: "
            "\u201cThe channel is closed. It will reopen soon.\u201d")
    assert set(_speakers(text)) == {"Harbour master Ingrid Solheim"}


def test_a_quotation_after_an_attributed_one_in_its_paragraph_continues_it() -> None:
    text = ("\u201cThe channel is closed,\u201d said Ingrid Solheim. "
            "\u201cThe ferries will wait in the fjord until Friday.\u201d")
    assert set(_speakers(text)) == {"Ingrid Solheim"}


def test_a_sentence_with_its_own_speaker_keeps_it_inside_a_long_quotation() -> None:
    text = ("\u201cThe channel is closed for now.\n\n"
            "\u201cThe ferries will wait in the fjord until Friday,\u201d said Ingrid Solheim.\n\n"
            "The ferry company said the crossing would resume on Saturday.")
    speakers = _speakers(text)
    assert speakers[0] == "Ingrid Solheim"
    assert speakers[-1] == "The ferry company"


def test_no_speaker_crosses_into_a_sentence_outside_the_quotation() -> None:
    text = ("\u201cThe channel is closed,\u201d said Ingrid Solheim.\n\n"
            "The ferries waited in the fjord for two days before the weather cleared.")
    assert _speakers(text)[-1] is None


def test_transcript_turns_speak_for_their_label() -> None:
    text = ("Host Kari Dahl spoke to the harbour master Ingrid Solheim on Sunday.\n\n"
            "DAHL: Will the channel reopen this week?\n\n"
            "SOLHEIM: The channel will reopen on Friday. The ferries are waiting in the fjord.\n\n"
            "DAHL: And what about the damaged quay?\n\n"
            "UPDATE: The quay has been repaired by the harbour board.")
    speakers = [m.speaker.text if m.speaker else None for m in claims_for(text).mentions]
    assert speakers[1:] == ["DAHL", "SOLHEIM", "SOLHEIM", "DAHL", None]


def test_typewriter_quotation_marks() -> None:
    text = "``We will win,'' he said, ''and soon.''\n\nNo quote."
    assert _texts(text) == [["We will win,"], ["and soon."]]


def test_a_verb_inside_the_marks_is_not_the_sentences_attribution() -> None:
    text = ("\u201cThe people who stood up and said that were wrong, and we know it,\u201d "
            "the mayor told reporters on Monday.")
    assert _speakers(text)[0] == "the mayor"


def test_a_quotation_cut_from_its_short_reporting_sentence_takes_its_speaker() -> None:
    # The splitter ends the sentence at "?”": "Ingrid Solheim said." is a sentence of its own.
    text = ("The harbour was closed on Monday.\n\n"
            "\u201cHow long must the ferries wait in the fjord?\u201d Ingrid Solheim said. "
            "\u201cThe crews are tired of waiting.\u201d")
    speakers = _speakers(text)
    assert speakers[0] is None
    assert "Ingrid Solheim" in speakers[1:]


def test_a_headline_speaks_for_its_label() -> None:
    text = ("Ingrid Solheim: Channel Will Reopen By Friday.\n\n"
            "Harbour master Ingrid Solheim spoke to reporters in Nordvik on Sunday morning.")
    assert _speakers(text)[0] == "Ingrid Solheim"


def test_a_headline_label_that_names_nobody_is_no_speaker() -> None:
    text = ("The Latest: Channel Will Reopen By Friday.\n\n"
            "The harbour in Nordvik was closed to ferries for three days this week.")
    assert _speakers(text)[0] is None


@pytest.mark.parametrize(
    "headline",
    [
        "Nordvik ferry fire: Crew rescued from burning deck.",  # a topic around a place
        "Norway: Ferry Crew Rescued From Burning Deck.",  # a place is a dateline
        "Video: Ferry Crew Rescued From Burning Deck.",  # a bare media tag
    ],
)
def test_a_headline_label_that_is_a_topic_place_or_tag_is_no_speaker(headline: str) -> None:
    text = headline + "\n\nThe ferry caught fire near Nordvik on Sunday morning."
    assert _speakers(text)[0] is None


def test_a_headline_label_that_ends_in_a_name_or_a_document_speaks() -> None:
    text = ("Poll: Most Voters Back The New Ferry Route.\n\n"
            "The survey of 800 residents was taken in Nordvik last week.")
    assert _speakers(text)[0] == "Poll"


def test_a_label_without_a_verb_is_not_the_outlets_claim() -> None:
    text = "Ferrygate: Passengers Say The New Ferry Is Always Late."
    mentions = claims_for(text).mentions
    assert [m.speaker.text if m.speaker else None for m in mentions] == ["Passengers"]


def test_a_quotation_after_a_colon_is_the_content() -> None:
    text = ("The mayor, who had spoken for an hour, stood up again to say: "
            "\u201cThe channel is safe for ferries.\u201d")
    mentions = claims_for(text).mentions
    said = {m.speaker.text for m in mentions if m.speaker and "safe for ferries" in m.content}
    assert said == {"The mayor"}
    # the outlet's own clause around the reporting verb stays, with no speaker
    assert any(m.speaker is None and "stood up" in m.content for m in mentions)
