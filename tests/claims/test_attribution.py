"""Attribution and stance on hand-written sentences (one pattern per case)."""

from __future__ import annotations

from functools import lru_cache

import pytest

from rashomon.annotate.stage import AnnotateContext, annotate
from rashomon.claims.stage import extract_claims
from rashomon.models import Article, ArticleClaims
from rashomon.options import Options


@lru_cache(maxsize=1)
def _ctx() -> AnnotateContext:
    return AnnotateContext.from_options(Options())


def claims_for(text: str) -> ArticleClaims:
    article = Article("a-test", "t.txt", text, published="2025-03-05")
    return extract_claims(annotate(article, _ctx()), outlets=["Harbour Gazette"])


def first(text: str) -> tuple[list[str], str]:
    mention = claims_for(text).mentions[0]
    return [s.text for s in mention.chain], mention.stance


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The port authority said that the ferry had been refloated on Monday.",
         "The port authority"),
        ("The ferry was refloated on Monday, the port authority said.", "the port authority"),
        ("The ferry was refloated on Monday, according to the coast guard.", "the coast guard"),
        ("A spokesperson for the harbour board said the quay would reopen on Friday.",
         "A spokesperson for the harbour board"),
        ("Officials said the water supply had been restored across the town.", "Officials"),
        ("The operator confirmed that two engines had failed during the crossing.",
         "The operator"),
        ("The union claimed that the crew had reported a radar fault.", "The union"),
        ("Police announced the arrest of the captain late on Sunday.", "Police"),
        ("A person familiar with the inquiry said the captain had been questioned twice.",
         "A person familiar with the inquiry"),
        ("An official close to the harbour board said the quay would reopen on Friday.",
         "An official close to the harbour board"),
    ],
)
def test_speaker_patterns(text: str, speaker: str) -> None:
    chain, stance = first(text)
    assert chain[-1] == speaker
    assert stance == "supports"


def test_anonymous_speaker_kind() -> None:
    mention = claims_for("A senior engineer, speaking on condition of anonymity, said the hull "
                         "had cracked in two places.").mentions[0]
    assert mention.speaker is not None and mention.speaker.kind == "anonymous"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Norway said the ferry had been refloated on Monday.", "government"),
        ("The Institute for the Study of Shipping said the route had been unsafe for years.",
         "expert"),
        ("The port authority said that the ferry had been refloated on Monday.", "official"),
    ],
)
def test_speaker_kind(text: str, kind: str) -> None:
    mention = claims_for(text).mentions[0]
    assert mention.speaker is not None and mention.speaker.kind == kind


def test_outlet_voice_has_no_speaker() -> None:
    chain, stance = first("The ferry carried 121 people on its last crossing of the day.")
    assert chain == [] and stance == "supports"


def test_relay_chain_through_a_newspaper() -> None:
    chain, _ = first("Three crew members told the Harbour Gazette that the radar had failed "
                     "before the crossing.")
    assert chain == ["the Harbour Gazette", "Three crew members"]


def test_citing_gives_the_origin() -> None:
    chain, _ = first("Eleven passengers were treated in hospital, the Coastal Wire reported, "
                     "citing the regional health service.")
    assert chain[-1] == "the regional health service"


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("The company denied that the crew had reported any fault.", "refutes"),
        ("The directorate rejected the union's account as false.", "refutes"),
        ("The coast guard has not confirmed that the captain was arrested.", "uncertain"),
        ("The agency could not verify the reports of a fire on board.", "uncertain"),
        ("The union said the ferry may have hit the rocks at full speed.", "uncertain"),
        ("The ferry reportedly hit the rocks at full speed.", "uncertain"),
        ("The union said the captain did not slow down before the rocks.", "supports"),
        # the speaker's own non-confirmation or denial, reported with "said"
        ("The directorate said it had not confirmed whether a fault was reported.",
         "uncertain"),
        ("The company said it denied that the crew had reported any fault.", "refutes"),
        ("The union said they did not confirm the schedule change to the crew.", "uncertain"),
        # someone else's denial, reported: the speaker supports that it happened
        ("The union said the company had denied the claim.", "supports"),
    ],
)
def test_stance(text: str, stance: str) -> None:
    assert first(text)[1] == stance


def test_embedded_claim_gives_two_mentions() -> None:
    mentions = claims_for("The operator rejected as baseless the union's claim that the radar "
                          "had failed.").mentions
    pairs = {(m.speaker.text if m.speaker else None, m.stance) for m in mentions}
    assert ("The operator", "refutes") in pairs
    assert ("the union", "supports") in pairs


def test_pronoun_resolves_to_previous_speaker() -> None:
    result = claims_for("Harbour master Ingrid Solheim said the channel was closed. "
                        "She said it would reopen on Friday.")
    assert result.mentions[1].speaker is not None
    assert result.mentions[1].speaker.text == "Harbour master Ingrid Solheim"


def test_definite_description_resolves_to_named_speaker() -> None:
    result = claims_for("The Norwegian Maritime Ministry said the ferry was safe. "
                        "The ministry added that an inquiry had begun.")
    assert result.mentions[1].speaker is not None
    assert result.mentions[1].speaker.text == "The Norwegian Maritime Ministry"


def test_multi_sentence_quote_is_attributed_where_it_closes() -> None:
    result = claims_for("“The lights went out at once. Then the whole ship tilted to one side,” "
                        "said Lars Hovde, a passenger.")
    speakers = {m.speaker.text if m.speaker else None for m in result.mentions}
    assert speakers == {"Lars Hovde"}


def test_wire_credit_is_recorded() -> None:
    result = claims_for("The ferry was refloated on Monday (AFP). Divers inspected the hull.")
    assert result.credits == ("AFP",)


def test_a_possessive_alone_is_no_speaker() -> None:
    # The parser takes the "’s" of "friends of Vinbramon’s" (an unfamiliar name) for the
    # subject of "said"; that span names nobody, and it once crashed the resolution of
    # every later one-word speaker.
    text = ("Close friends of Vinbramon’s also said his time in Nordvik had made him bitter. "
            "Vinbramon said he would appeal the ruling.")
    item = claims_for(text)
    assert item.mentions
    assert all(s.text for m in item.mentions for s in m.chain)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The mayor called for an inquiry into the grounding of the ferry.", "The mayor"),
        ("The union praised the crew for the rescue of all passengers.", "The union"),
        ("The minister pointed out that the channel had been dredged in May.", "The minister"),
        ("The harbour board asked whether the pilot had been on the bridge.",
         "The harbour board"),
        ("If you were on board, call the helpline on 808 555 for help.", None),
        ("Police questioned the captain of the ferry for three hours on Sunday.", None),
    ],
)
def test_speech_acts(text: str, speaker: str | None) -> None:
    mention = claims_for(text).mentions[0]
    assert (mention.speaker.text if mention.speaker else None) == speaker


@pytest.mark.parametrize("text", [
    "What nobody disputes is the damage to the town.",
    "No one denied that the dam had failed.",
])
def test_a_negative_pronoun_is_no_speaker(text: str) -> None:
    speakers = {m.speaker.text.lower() for m in claims_for(text).mentions if m.speaker}
    assert not speakers & {"nobody", "no one"}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a reporting verb in a coordinated or participial clause shares the subject
        ("The mayor said the quay was safe and added that the channel would reopen soon.",
         "The mayor"),
        ("The mayor said the quay was safe, adding that the channel would reopen soon.",
         "The mayor"),
    ],
)
def test_a_second_reporting_clause_has_the_same_speaker(text: str, speaker: str) -> None:
    said = [m.speaker.text if m.speaker else None for m in claims_for(text).mentions
            if "reopen" in m.content]
    assert said and set(said) == {speaker}


def test_calling_something_a_name_is_an_attribution() -> None:
    text = "The mayor called the closure of the channel a costly mistake."
    mention = claims_for(text).mentions[0]
    assert mention.speaker is not None and mention.speaker.text == "The mayor"


def test_a_participle_takes_the_subject_of_its_clause_not_the_name_after_it() -> None:
    text = "The union criticised the harbour board, calling Ingrid Solheim a poor manager."
    said = {m.speaker.text for m in claims_for(text).mentions
            if m.speaker and "manager" in m.content}
    assert said == {"The union"}


def test_called_for_someone_to_act() -> None:
    text = "In May the union called for the harbour master to resign over the closure."
    mention = claims_for(text).mentions[0]
    assert mention.speaker is not None and mention.speaker.text == "the union"


def test_a_subordinate_reporting_clause_speaks_its_own_object() -> None:
    # The content is what the verb is about, not the rest of the sentence.
    text = ("The ferry company cut its timetable a week after its chief boasted about a plan "
            "to double the crossings.")
    said = [m for m in claims_for(text).mentions if m.speaker and m.speaker.text != ""]
    assert any("double the crossings" in m.content and "chief" in m.speaker.text
               for m in said)


def test_said_in_a_statement_speaks_the_quotation_not_the_statement() -> None:
    text = ("\u201cThe channel will reopen on Friday,\u201d Ingrid Solheim said in a statement "
            "on Sunday.")
    mention = claims_for(text).mentions[0]
    assert mention.speaker is not None and mention.speaker.text == "Ingrid Solheim"
    assert "reopen" in mention.content


def test_telling_reporters_is_no_speaker_after_a_participle() -> None:
    text = ("The mayor backed the plan in June, telling reporters that the channel would "
            "reopen soon.")
    said = {m.speaker.text for m in claims_for(text).mentions
            if m.speaker and "reopen" in m.content}
    assert said == {"The mayor"}


def test_the_object_of_the_verb_above_speaks_an_infinitive() -> None:
    text = "The long delay led the ferry crews to say that the harbour board had failed them."
    said = {m.speaker.text for m in claims_for(text).mentions
            if m.speaker and "failed" in m.content}
    assert said == {"the ferry crews"}


def test_a_person_charged_with_a_crime_is_no_hedge() -> None:
    text = "A fire burned 900 hectares last summer, and a man was later charged with arson."
    assert claims_for(text).mentions[0].stance == "supports"


def test_a_reporting_verb_beside_a_documents_verb_has_the_outer_speaker() -> None:
    text = ("The electoral institute said that the preliminary results showed no "
            "irregularities and called the fraud claims baseless.")
    said = {m.speaker.text for m in claims_for(text).mentions
            if m.speaker and "fraud" in m.content}
    assert said == {"The electoral institute"}


def _pronoun_speaker(text: str) -> str | None:
    said = [m.speaker.text for m in claims_for(text).mentions
            if m.speaker and "ready" in m.content]
    return said[0] if said else None


def test_he_is_the_last_speaker_rather_than_a_person_named_paragraphs_before() -> None:
    text = ("Per Solheim said the channel would reopen on Friday.\n\n"
            "The ferries on the route belong to a company run by Lars Berg.\n\n"
            "\u201cThe crews are ready to sail,\u201d he said.")
    assert "Solheim" in (_pronoun_speaker(text) or "")


def test_he_is_a_person_named_in_his_own_paragraph() -> None:
    text = ("Per Solheim said the channel would reopen on Friday.\n\n"
            "For Lars Berg, whose ferry sank in the storm, the delay is costly. "
            "\u201cThe crews are ready to sail,\u201d he said.")
    assert _pronoun_speaker(text) == "Lars Berg"


def test_a_date_is_never_a_speaker() -> None:
    text = ("Large majorities of voters in six states going to the polls on Super Tuesday "
            "said they support the plan to reopen the channel.")
    speakers = {m.speaker.text for m in claims_for(text).mentions if m.speaker}
    assert "Tuesday" not in speakers


def test_a_survey_speaks_for_its_publisher_and_keeps_its_own_name() -> None:
    text = ("Most residents back the new ferry timetable, according to a survey by the "
            "Nordvik Harbour Board released on Thursday.")
    mention = claims_for(text).mentions[0]
    assert mention.speaker is not None
    assert "Nordvik Harbour Board" in mention.speaker.text
    assert any("survey" in alias for alias in mention.speaker.aliases)


def test_an_estimate_by_a_described_body_speaks_for_it() -> None:
    text = ("The flood covered about 1,500 hectares of farmland, according to a first "
            "estimate by the harbour board.")
    mention = claims_for(text).mentions[0]
    assert mention.speaker is not None and mention.speaker.text == "the harbour board"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The union questioned whether the channel could reopen by Friday.", "The union"),
        ("The union questioned the harbour board's decision to close the channel.",
         "The union"),
        ("The mayor pointed to the new timetable as proof that the ferries would return.",
         "The mayor"),
    ],
)
def test_questioning_something_and_pointing_to_it(text: str, speaker: str) -> None:
    mention = claims_for(text).mentions[0]
    assert mention.speaker is not None and mention.speaker.text == speaker


def test_a_denials_reason_stays_with_the_denial() -> None:
    text = ("The ferry company denied that any defect had been reported and said the ship "
            "was fully certified.")
    mentions = claims_for(text).mentions
    assert mentions[0].stance == "refutes"
    assert all(m.stance == "refutes" for m in mentions if m.speaker)


@pytest.mark.parametrize(("text", "speaker"), [
    ("The engine failed twice last month, Skerra Today reported.", "Skerra Today"),
    ("The company was sold in March, USA Today reported.", "USA Today"),
])
def test_an_outlet_named_with_a_date_word_is_a_speaker(text: str, speaker: str) -> None:
    assert [m.speaker.text for m in claims_for(text).mentions if m.speaker] == [speaker]


@pytest.mark.parametrize(
    "text",
    [
        "Ferry captain named as Olav Brekke, from Nordvik.",
        "Harbour master Ingrid Solheim portrayed as a hero after the rescue.",
    ],
)
def test_a_headline_passive_before_as_has_no_speaker(text: str) -> None:
    assert all(m.speaker is None for m in claims_for(text).mentions)


def test_naming_someone_as_something_is_an_attribution() -> None:
    chain, _ = first("The harbour board named Ingrid Solheim as its new director on Monday.")
    assert chain[-1] == "The harbour board"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The ferry was refloated on Monday, said Capt. Ana Pop of the harbour police.",
         "Ana Pop"),
        ("The quay will reopen on Friday, said Lt. Col. Olav Brekke of the coast guard.",
         "Olav Brekke"),
    ],
)
def test_a_military_title_does_not_cut_the_name(text: str, speaker: str) -> None:
    chain, _ = first(text)
    assert speaker in chain[-1]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The harbour board released a statement saying the quay would reopen on Friday.",
         "The harbour board"),
        ("Mayor Ana Pop fired back a response saying the ferry had been safe.",
         "Mayor Ana Pop"),
    ],
)
def test_who_issues_a_statement_speaks_through_it(text: str, speaker: str) -> None:
    mention = next(m for m in claims_for(text).mentions if m.chain)
    assert mention.chain[-1].text == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The mayor closed the meeting by saying that the quay would reopen on Friday.",
         "The mayor"),
        ("The harbour board ended the dispute after confirming that the ferry was safe.",
         "The harbour board"),
    ],
)
def test_a_gerund_after_by_or_after_speaks_for_the_subject_above(text: str,
                                                                 speaker: str) -> None:
    mention = next(m for m in claims_for(text).mentions if m.chain)
    assert mention.chain[-1].text == speaker


@pytest.mark.parametrize(("text", "said"), [
    ("Accounts of the rescue still differ: the agency has said 40 passengers were taken "
     "off by boats.", "40 passengers were taken off by boats"),
    ("The ferry was refloated on Monday, the port authority said.",
     "The ferry was refloated on Monday"),
])
def test_the_framing_before_a_colon_is_not_what_is_said(text: str, said: str) -> None:
    mention = claims_for(text).mentions[0]
    assert mention.content.strip(" .") == said


@pytest.mark.parametrize(
    ("text", "sourced", "own"),
    [
        ("By Tuesday night the flood had covered 900 hectares, according to the harbour "
         "board, and on Wednesday the water was still rising in the lower town.",
         "By Tuesday night the flood had covered 900 hectares",
         "on Wednesday the water was still rising in the lower town"),
        ("Two ferries were cancelled, according to the operator, but the bridge stayed open "
         "all week.",
         "Two ferries were cancelled", "the bridge stayed open all week"),
    ],
)
def test_according_to_closes_the_clause_before_it(text: str, sourced: str, own: str) -> None:
    mentions = claims_for(text).mentions
    spans = {text[m.content_start:m.content_end]: m for m in mentions}
    assert sourced in spans and spans[sourced].speaker is not None
    assert own in spans and spans[own].speaker is None


def test_according_to_two_sources_keeps_the_whole_clause() -> None:
    text = "Ninety people were evacuated according to the police and the fire service."
    mention = claims_for(text).mentions[0]
    assert mention.speaker is not None
    assert text[mention.content_start:mention.content_end].startswith("Ninety people")
