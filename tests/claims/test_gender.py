"""Pronoun resolution by the gender the article gives its people."""

from __future__ import annotations

import pytest

from rashomon.claims.gender import article_genders, compatible, surname
from rashomon.models import Entity, Sentence

from .test_attribution import claims_for


def test_surname_and_compatibility() -> None:
    assert surname("Sen. Elizabeth Warren’s") == "warren"
    genders = {"warren": "f"}
    assert compatible(genders, "Elizabeth Warren", "f")
    assert not compatible(genders, "Elizabeth Warren", "m")
    assert compatible(genders, "Ola Nordmann", "m")  # unknown is compatible


def test_honorifics_and_pronouns_decide_a_gender() -> None:
    text = "Mr. Berg spoke. Anna Lind said she was tired. Lind said her team was tired."
    sentences = [Sentence(0, 15, text[0:15]), Sentence(16, 46, text[16:46]),
                 Sentence(47, len(text), text[47:])]
    entities = [Entity("Berg", 4, 8, "PERSON"), Entity("Anna Lind", 16, 25, "PERSON"),
                Entity("Lind", 47, 51, "PERSON")]
    assert article_genders(text, sentences, entities) == {"berg": "m", "lind": "f"}


def test_she_skips_a_man_named_later() -> None:
    text = ("Harbour master Ingrid Solheim said she had closed the channel. "
            "Mr. Lars Hovde said the ferry had been refloated. "
            "She said the channel would reopen on Friday.")
    speakers = [m.speaker.text if m.speaker else None for m in claims_for(text).mentions]
    assert speakers[-1] == "Harbour master Ingrid Solheim"


def test_relative_pronoun_speaks_for_its_noun_and_it_alone_names_nobody() -> None:
    text = ("The inspectors released a report that says the hull had cracked. "
            "It said the crew was not to blame.")
    mentions = claims_for(text).mentions
    speakers = [m.speaker.text if m.speaker else None for m in mentions]
    # the report speaks for who released it, and is a name of what they say
    first = mentions[0].speaker
    assert first is not None and "report" in " ".join((first.text, *first.aliases))
    assert "It" not in speakers and "that" not in speakers


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # The speaker of the sentence before, not the person named in what was said.
        ("Spokesman Tomas Berg said Governor Ulla Falk hopes to visit the port soon. "
         "He said the trip would last two days.", "Berg"),
        # A surname alone stands for the full name the article gave earlier.
        ("Harbour master Ingrid Solheim closed the channel on Monday. "
         "Ferry captain Lars Hovde complained about the closure in a letter. "
         "Solheim defended the decision at a meeting with the pilots. "
         "She said the channel would reopen on Friday.", "Solheim"),
        # Not a person the quotation before talks about.
        ("Analyst Sara Holm said the mayor's speech went well. "
         "\u201cI thought Peter Olsen was effective. It may help the mayor.\u201d "
         "\u201cVoters will notice,\u201d she said.", "Holm"),
        # The subject of the sentence before, not its object.
        ("Mayor Ola Rand met union leader Per Vik at the harbour office on Monday. "
         "He said the strike had cost the town a fortune.", "Rand"),
    ],
)
def test_he_and_she_take_the_likeliest_person(text: str, speaker: str) -> None:
    mention = claims_for(text).mentions[-1]
    assert mention.speaker is not None and mention.speaker.text.endswith(speaker)


def test_the_noun_of_a_relative_clause_whose_subject_is_the_pronoun_is_not_it() -> None:
    text = ("Council leader Maria Jensen spoke at the meeting on Monday. "
            "The plan was drafted by engineer Peter Olsen, who she said had ignored the tides.")
    speakers = [m.speaker.text if m.speaker else None for m in claims_for(text).mentions]
    assert "Maria Jensen" in speakers and "Peter Olsen" not in speakers
