"""Typed conflicts on small fictional stories, and what must not be reported as one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rashomon.crosscheck.sides import SIMILAR_DOUBTED
from rashomon.ingest import ingest
from rashomon.models import Article, Conflict, Story

from ..conftest import FIXTURES
from .stories import Doc, articles_of, story_of

BRIDGE = FIXTURES / "stories" / "bridge"
def conflicts(docs: list[Doc]) -> list[Conflict]:
    return list(story_of(articles_of(docs)).conflicts)


def kinds(found: list[Conflict]) -> list[str]:
    return sorted(c.kind for c in found)


def labels(conflict: Conflict) -> list[str]:
    return sorted(s.label for s in conflict.sides)


@pytest.fixture(scope="module")
def bridge() -> tuple[list[Article], Story]:
    articles = list(ingest([str(BRIDGE)]).articles)
    return articles, story_of(articles)


# ---- denial ----------------------------------------------------------------------------


def test_assertion_and_denial_face_each_other() -> None:
    found = conflicts([
        ("Valley Post", "2024-04-02", "Inspectors said the bridge had been poorly maintained "
                                      "for years."),
        ("River Herald", "2024-04-02", "The construction company denied that the bridge had "
                                       "been poorly maintained.")])
    assert kinds(found) == ["denial"]
    sides = labels(found[0])
    assert "asserted by Inspectors" in sides
    assert any("construction company" in s and "denies" in s for s in sides)


def test_a_non_confirmation_is_no_dispute() -> None:
    # "Has not confirmed" leaves the claim open: the claim shows the hedge, no conflict.
    found = conflicts([
        ("Valley Post", "2024-04-02", "Inspectors said the bridge had been poorly maintained "
                                      "for years."),
        ("River Herald", "2024-04-02", "The construction company has not confirmed that the "
                                       "bridge had been poorly maintained.")])
    assert kinds(found) == []


def test_same_source_asserting_and_denying_is_no_denial_conflict() -> None:
    found = conflicts([
        ("Valley Post", "2024-04-02", "The construction company said the bridge had been "
                                      "inspected in March."),
        ("River Herald", "2024-04-02", "The construction company denied that the bridge had "
                                       "been inspected in March."),
    ])
    assert "denial" not in kinds(found)


@pytest.mark.parametrize(
    ("assertion", "negative"),
    [
        ("Witnesses said there was a fire on the ferry.",
         "The operator said there was no fire on the ferry."),
        ("Witnesses said a passenger was hurt on the ferry.",
         "The operator said no passenger was hurt on the ferry."),
        ("Witnesses said the ferry hit the harbour wall.",
         "The operator said the ferry did not hit the harbour wall."),
        # a negated verb of saying denies another report of that saying
        ("The minister said the mayor had promised a new harbour crane.",
         "The mayor said he never promised a new harbour crane."),
        # a contrast denies its second half
        ("The council said the harbour crane is a loan from the port.",
         "The company said the harbour crane is a purchase from the port, not a loan."),
        # negated through the verb's open complement
        ("Witnesses said inspectors found a fault in the ferry's radar.",
         "The operator said inspectors continue to find no fault in the ferry's radar."),
    ],
)
def test_a_plain_negative_statement_denies_the_assertion(assertion: str,
                                                         negative: str) -> None:
    found = conflicts([("Valley Post", "2024-04-02", assertion),
                       ("River Herald", "2024-04-02", negative)])
    assert kinds(found) == ["denial"]


@pytest.mark.parametrize(
    ("assertion", "negative"),
    [
        # hedged: a possibility, not a denial
        ("Police said the bridge was closed on Monday.",
         "The council said the bridge may not have been closed on Monday."),
        # a relative clause describing someone
        ("The council said most residents voted for the new bridge.",
         "The mayor thanked the residents who did not vote for the new bridge."),
        # not answering is not denying
        ("Inspectors said the company had ignored the safety warnings.",
         "The company did not respond to questions about the safety warnings."),
        # a partial negation grants part of it
        ("The army said it controls the town of Belmor.",
         "Officials said the army does not fully control the town of Belmor."),
        ("Analysts said the company paid 40 million dollars for the harbour site.",
         "The company said the price of the harbour site was not disclosed."),
        # "not only" adds, it does not deny
        ("Officials said the flood damaged the old harbour.",
         "The mayor said the flood damaged not only the old harbour but the new marina."),
        # a conditional: what would follow, not what happened
        ("Police said the guards caught five smugglers at the harbour gate.",
         "If the guards caught five, dozens of smugglers were not caught at the harbour "
         "gate, the mayor said."),
        # a question asserts nothing for a negative sentence to deny
        ("Is the harbour crane made of solid steel?",
         "The company said the harbour crane is not made of solid steel."),
        # agreeing with a denial in the denied claim's own words
        ("The operator denied that any fault had been reported before the crossing.",
         "No fault was reported to the operator before the crossing, a spokeswoman said."),
        # another object: no settlements seized is not "no territory seized"
        ("The ministry said rebels seized territory in the north.",
         "Officers said the rebels have not seized any settlements in the north."),
        # nobody knows yet: an open question, not a denial
        ("A farmer said a spark from a power line caused the harbour fire.",
         "The cause of the harbour fire was not yet known, the fire service said."),
        ("The union said tests showed the harbour water was contaminated.",
         "The authority said its tests of the harbour water were not yet conclusive."),
        # a refusal to answer asserts nothing
        ("The company would not comment on the cause of the harbour fire.",
         "The mayor denied that the harbour fire was caused by the company."),
        # an embedded question asserts nothing for a denial to dispute
        ("Asked which crew member had reported the harbour fault, the operator said it "
         "would not comment.",
         "The union denied that a crew member had reported the harbour fault."),
        # a negated verb of saying answers only another report of saying
        ("Officials said the strike at the harbour is the worst since 2015.",
         "In 2015 the dock workers said never again about a strike at the harbour, a union "
         "leader said."),
        # a contrast denies only its negated phrase, which the other does not say
        ("Witnesses said the ferry sank near the old lighthouse on Monday.",
         "Divers said the ferry sank near the old lighthouse on Monday and not in the bay."),
        # the negation is inside a clause of the statement, not on its verb
        ("The harbour master said the ferry left the harbour at noon.",
         "The ferry, which was not inspected, left the harbour at noon, the mayor said."),
        ("Inspectors said the ferry can sail from the harbour again.",
         "The mayor said the ferry can sail from the harbour again as long as it does not "
         "carry cars."),
        ("Volunteers said the council blamed the parents for the harbour accident.",
         "The mayor said the council blamed the parents for not watching the harbour."),
    ],
)
def test_negative_statements_that_deny_nothing(assertion: str, negative: str) -> None:
    found = conflicts([("Valley Post", "2024-04-02", assertion),
                       ("River Herald", "2024-04-02", negative)])
    assert "denial" not in kinds(found)


def test_a_doubt_matched_by_similarity_alone_keeps_a_few_closest_articles() -> None:
    witnesses = ["Witnesses said soldiers were seen near the Arlen bridge on Monday.",
                 "Soldiers appeared near the Arlen bridge on Monday, residents said.",
                 "Residents reported soldiers near the Arlen bridge on Monday.",
                 "A farmer said he saw soldiers near the Arlen bridge on Monday.",
                 "Soldiers were spotted near the Arlen bridge on Monday, a priest said."]
    docs: list[Doc] = [(f"Outlet {k}", "2024-04-02", text) for k, text in enumerate(witnesses)]
    docs.append(("Valley Post", "2024-04-03", "The army denied the presence of "
                                              "soldiers near the Arlen bridge."))
    denials = [c for c in conflicts(docs) if c.kind == "denial"]
    assert denials
    for denial in denials:
        asserted = next(s for s in denial.sides if s.label.startswith("asserted"))
        assert len({m.article_id for m in asserted.mentions}) <= SIMILAR_DOUBTED


def test_bridge_story_denial_has_the_inspectors_on_the_asserting_side(
        bridge: tuple[list[Article], Story]) -> None:
    _, story = bridge
    denials = [c for c in story.conflicts if c.kind == "denial"]
    assert len(denials) == 1
    asserted = next(s for s in denials[0].sides if s.label.startswith("asserted"))
    assert any(m.attributed_as == "Inspectors" for m in asserted.mentions)


def test_bridge_story_denial_only_holds_the_maintenance_claim(
        bridge: tuple[list[Article], Story]) -> None:
    _, story = bridge
    denial = next(c for c in story.conflicts if c.kind == "denial")
    asserted = next(s for s in denial.sides if s.label.startswith("asserted"))
    assert all("maintained" in m.quote for m in asserted.mentions)
    assert "police" not in asserted.label.lower()


def test_two_places_of_one_kind_named_by_both_are_no_detail_conflict() -> None:
    found = conflicts([
        ("Valley Post", "2024-04-02", "The convoy crossed from the Arlen district into the "
                                      "Brisk district on Monday, police said."),
        ("River Herald", "2024-04-02", "The convoy crossed into the Brisk district from the "
                                       "Arlen district on Monday, officials said."),
    ])
    assert "detail" not in kinds(found)


# ---- quantity and update -----------------------------------------------------------------


def test_rising_toll_from_the_same_source_is_an_update() -> None:
    found = conflicts([
        ("Valley Post", "2024-04-01", "Police said 12 people were killed in the collapse of the "
                                      "bridge."),
        ("Coast Wire", "2024-04-02", "The death toll from the collapse of the bridge rose to 15, "
                                     "police said."),
    ])
    assert kinds(found) == ["update"]
    early, late = found[0].sides[0], found[0].sides[1]
    assert {early.label, late.label} == {"12 people", "15"}


def test_a_rising_count_stays_an_update_beside_other_figures() -> None:
    # The later article also gives a figure of another kind from another source: a length
    # in metres is no rival of a count of people, so the count still rose.
    found = conflicts([
        ("Valley Post", "2024-04-01", "Police said three people were injured when the ferry "
                                      "ran aground."),
        ("Coast Wire", "2024-04-02", "Seven people were injured when the ferry ran aground, "
                                     "police said. Divers found a gash about three metres "
                                     "long in the hull, the harbour board said."),
    ])
    assert kinds(found) == ["update"]


def test_figures_of_different_acts_with_a_light_verb_are_no_conflict() -> None:
    # 40 against more than 60 taken off the ferry is a conflict; the three "taken to
    # hospital" are another count, though "take" is the verb of both.
    found = conflicts([
        ("Valley Post", "2024-04-02", "About 40 passengers were taken off the listing vessel "
                                      "by rescue boats in the first hour, according to the "
                                      "agency."),
        ("Coast Wire", "2024-04-02", "More than 60 passengers were evacuated by lifeboats and "
                                     "rescue vessels, according to the harbour board."),
        ("River Herald", "2024-04-02", "Three passengers were taken to hospital on the night "
                                       "of the accident, police said."),
    ])
    quantities = [c for c in found if c.kind == "quantity"]
    assert len(quantities) == 1
    assert not any("Three" in s.label for s in quantities[0].sides)


def test_a_lower_total_from_another_source_a_day_later_is_a_rival_figure() -> None:
    # Deaths only add up: a smaller toll from someone else the next day disputes the
    # first figure; the missing can fall as people are found, so that is an update.
    found = conflicts([
        ("Valley Post", "2024-04-01", "Police said 15 people were killed in the collapse of the "
                                      "bridge."),
        ("Coast Wire", "2024-04-02", "Hospital officials said 12 people were killed in the "
                                     "collapse of the bridge."),
    ])
    assert kinds(found) == ["quantity"]


@pytest.fixture(scope="module")
def example_conflicts() -> tuple[Conflict, ...]:
    example = Path(__file__).resolve().parents[2] / "examples" / "ferry-grounding"
    return story_of(list(ingest([str(example)]).articles)).conflicts


def test_example_corpus_figures_are_the_planted_ones(
        example_conflicts: tuple[Conflict, ...]) -> None:
    # examples/README.md: 40 vs "more than 60" taken off by boats is a conflict, the
    # injured rising from 3 to 7 is an update (not a conflict), and the three taken to
    # hospital are no side of the boats' figure.
    found = example_conflicts
    by_kind = {k: [c for c in found if c.kind == k] for k in ("quantity", "update")}
    assert [labels(c) for c in by_kind["quantity"]] == [["40 passengers", "60 passengers"]]
    assert [sorted(s.label.split()[0].lower() for s in c.sides) for c in by_kind["update"]] == [
        ["seven", "three"]]


def test_example_corpus_directorate_non_confirmation_is_no_conflict(
        example_conflicts: tuple[Conflict, ...]) -> None:
    # "The directorate said it had not confirmed whether a fault was reported" leaves the
    # union's account open: the operator's denial, in the sentence right after the
    # union's claim, is the dispute; the directorate is no side of it.
    denials = [c for c in example_conflicts if c.kind == "denial"]
    assert denials
    assert all(any("Brattvik" in s.label for s in c.sides) for c in denials)
    assert not [c for c in example_conflicts if any(
        "Directorate" in s.label for s in c.sides)]


def test_example_corpus_denials_are_all_about_the_fault(
        example_conflicts: tuple[Conflict, ...]) -> None:
    # A doubt that only points at a claim told elsewhere ("has still not confirmed either
    # account", "rejected the claim") has nothing to be similar by: it is not paired with
    # whatever sentence happens to come closest.
    # Nor does the company's own "No defect was reported" assert what it denies.
    for conflict in example_conflicts:
        if conflict.kind == "denial":
            for side in conflict.sides:
                assert all(re.search(r"fault|defect|radar|claim|account", m.quote)
                           for m in side.mentions), side
                assert not (side.label.startswith("asserted")
                            and any("No defect" in m.quote for m in side.mentions)), side


def test_same_day_figures_from_two_sources_are_a_quantity_conflict() -> None:
    found = conflicts([
        ("Valley Post", "2024-04-02", "Police said 12 people were killed in the collapse of the "
                                      "bridge."),
        ("River Herald", "2024-04-02", "Hospital officials said 15 people were killed in the "
                                       "collapse of the bridge."),
    ])
    assert kinds(found) == ["quantity"]
    assert labels(found[0]) == ["12 people", "15 people"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("About 2,300 residents were evacuated from homes near the river, officials said.",
         "Roughly 2,300 residents were evacuated from homes near the river, the mayor said."),
        ("About 2,300 residents were evacuated from homes near the river, officials said.",
         "Some 2,350 residents were evacuated from homes near the river, the mayor said."),
        ("At least 312 residents were evacuated from homes near the river, officials said.",
         "More than 300 residents were evacuated from homes near the river, the mayor said."),
    ],
)
def test_rounding_and_hedges_are_no_conflict(a: str, b: str) -> None:
    assert conflicts([("Valley Post", "2024-04-02", a), ("River Herald", "2024-04-02", b)]) == []


def test_two_sources_in_one_article_disagree_on_a_figure() -> None:
    found = conflicts([("Valley Post", "2024-04-02",
                        "Organisers said more than 5,000 people joined the march through the "
                        "city centre. Police said 2,300 people joined the march through the "
                        "city centre.")])
    assert kinds(found) == ["quantity"]
    assert labels(found[0]) == ["2,300 people", "more than 5,000 people"]


@pytest.mark.xfail(reason="'Organisers said more than 5,000 ..., while police put the number at "
                          "2,300': the police clause is attributed to the organisers and no "
                          "quantity conflict is found", strict=False)
def test_two_sources_in_one_sentence_disagree_on_a_figure() -> None:
    found = conflicts([("Valley Post", "2024-04-02",
                        "Organisers said more than 5,000 people joined the march through the "
                        "city centre, while police put the number of marchers at 2,300.")])
    assert kinds(found) == ["quantity"]


def test_bridge_story_toll_is_an_update(bridge: tuple[list[Article], Story]) -> None:
    _, story = bridge
    updates = [c for c in story.conflicts if c.kind == "update"]
    assert updates and any("12" in s.label for s in updates[0].sides)
    assert not [c for c in story.conflicts if c.kind == "quantity"
                and {"12 people", "15"} == set(labels(c))]


@pytest.mark.xfail(reason="the year in 'opened to traffic in June 2010' is read as a quantity "
                          "and reported against the toll: quantity '15' vs '2010'", strict=False)
def test_a_year_is_not_a_figure(bridge: tuple[list[Article], Story]) -> None:
    _, story = bridge
    assert not [c for c in story.conflicts if any("2010" in s.label for s in c.sides)]


@pytest.mark.xfail(reason="spurious place conflict 'brenn river' vs 'harlow street' between "
                          "'collapsed into the Brenn River' and 'the collapse of the Harlow "
                          "Street bridge rose to 15'", strict=False)
def test_bridge_story_has_no_place_conflict(bridge: tuple[list[Article], Story]) -> None:
    _, story = bridge
    assert "place" not in [c.kind for c in story.conflicts]


def test_bridge_story_conflict_mentions_quote_their_articles(
        bridge: tuple[list[Article], Story]) -> None:
    articles, story = bridge
    texts = {a.id: a.text for a in articles}
    claim_ids = {c.id for c in story.claims}
    for conflict in story.conflicts:
        assert len(conflict.sides) >= 2 and set(conflict.claim_ids) <= claim_ids
        for side in conflict.sides:
            for m in side.mentions:
                assert texts[m.article_id][m.start:m.end] == m.quote


# ---- dates, names, details ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The Harlow Street bridge was opened to traffic in 2010, the city council said.",
         "The Harlow Street bridge was opened to traffic in June 2010, according to the city "
         "council."),
        ("The Harlow Street bridge was opened to traffic in June 2010, the city council said.",
         "The Harlow Street bridge was opened to traffic on June 14, 2010, according to the "
         "city council."),
    ],
)
def test_coarser_date_is_no_conflict(a: str, b: str) -> None:
    assert conflicts([("Valley Post", "2024-04-02", a), ("River Herald", "2024-04-02", b)]) == []


def test_different_days_for_one_event_are_a_date_conflict() -> None:
    found = conflicts([
        ("Valley Post", "2024-04-03", "The Harlow Street bridge collapsed into the Brenn River "
                                      "on Monday, police said."),
        ("River Herald", "2024-04-03", "The Harlow Street bridge collapsed into the Brenn River "
                                       "on Tuesday, witnesses said."),
    ])
    assert kinds(found) == ["date"]
    assert labels(found[0]) == ["2024-04-01", "2024-04-02"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The Ministry of Finance approved emergency funds for the bridge repairs on Tuesday.",
         "The Finance Ministry approved emergency funds for the bridge repairs on Tuesday."),
        ("The Ministry of Finance said it would pay for the bridge repairs.",
         "The Finance Ministry said it would pay for the bridge repairs."),
    ],
)
def test_two_names_of_one_body_are_no_conflict(a: str, b: str) -> None:
    assert conflicts([("Valley Post", "2024-04-02", a), ("River Herald", "2024-04-02", b)]) == []


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The 45th Mechanised Brigade crossed the river near the town of Kostiantynivka on "
         "Sunday, the general staff said.",
         "The 45th mechanised battalion crossed the river near the town of Kostiantynivka on "
         "Sunday, officials said."),
        ("Units of the 12th Tank Division reached the outskirts of the town on Sunday, the "
         "defence ministry said.",
         "Units of the 12th tank regiment reached the outskirts of the town on Sunday, the "
         "defence ministry said."),
    ],
)
def test_same_unit_number_with_another_echelon_is_a_detail(a: str, b: str) -> None:
    found = conflicts([("Valley Post", "2024-04-02", a), ("River Herald", "2024-04-02", b)])
    assert kinds(found) == ["detail"]
    assert "Unit designation" in found[0].summary


def test_first_time_against_first_time_since_is_a_detail() -> None:
    found = conflicts([
        ("Valley Post", "2024-04-02", "The river burst its banks in Townsville for the first "
                                      "time on Monday, officials said."),
        ("River Herald", "2024-04-02", "The river burst its banks in Townsville on Monday for "
                                       "the first time since 1998, according to residents."),
    ])
    assert kinds(found) == ["detail"]
    assert "first time" in found[0].summary


FIRST_TIME_PAIR = [
    ("Valley Post", "2024-04-02", "Floodwater reached the old town square for the first "
                                  "time, the city council said."),
    ("River Herald", "2024-04-02", "This is not the first time floodwater has reached the "
                                   "old town square, residents said."),
]


def test_not_the_first_time_is_no_denial() -> None:
    # "not the first time" says the event happened (and before): it disputes "first".
    assert "denial" not in kinds(conflicts(FIRST_TIME_PAIR))


def test_first_time_against_not_the_first_time_is_a_detail() -> None:
    # The sentence is split into "This is not the first time" and the clause it introduces;
    # that clause is what is compared, and it carries the phrase.
    found = conflicts(FIRST_TIME_PAIR)
    assert kinds(found) == ["detail"]
    assert labels(found[0]) == ["for the first time", "not the first time"]


def test_a_first_in_years_is_not_a_first() -> None:
    found = conflicts([
        ("Valley Post", "2024-04-02", "The river burst its banks in Townsville for the first "
                                      "time on Monday, officials said."),
        ("River Herald", "2024-04-02", "The river burst its banks in Townsville on Monday for "
                                       "the first time in 26 years, according to residents."),
    ])
    assert kinds(found) == ["detail"]
    assert labels(found[0]) == ["for the first time", "not the first time"]


@pytest.mark.parametrize("negative", [
    "This isn't the first time floodwater has reached the old town square, residents said.",
    "This isn\u2019t the first time floodwater has reached the old town square, residents said.",
])
def test_contracted_not_the_first_time_is_not_a_first(negative: str) -> None:
    found = conflicts([
        ("Valley Post", "2024-04-02", "This is not the first time floodwater has reached the "
                                      "old town square, the city council said."),
        ("River Herald", "2024-04-02", negative),
    ])
    assert found == []


@pytest.mark.parametrize("negative", [
    "This is not the only time floodwater has reached the old town square, residents said.",
    "It was not even the first flood to reach the old town square, residents said.",
])
def test_ordinal_negations_do_not_deny_the_event(negative: str) -> None:
    found = conflicts([
        ("Valley Post", "2024-04-02", "Floodwater reached the old town square on Monday, "
                                      "the city council said."),
        ("River Herald", "2024-04-02", negative),
    ])
    assert "denial" not in kinds(found)


def test_one_value_in_three_units_is_one_side() -> None:
    # 3,200 hectares, 32 square kilometres and 7,900 acres are one figure; 1,500 hectares
    # (an earlier count, same day here) is the other side.
    found = conflicts([
        ("Hill Post", "2026-08-04", "The fire service said the wildfire had burned 3,200 "
                                    "hectares of forest near the village."),
        ("Valley Wire", "2026-08-04", "The wildfire near the village had burned about 32 "
                                      "square kilometres of forest, the fire service said."),
        ("Coast Times", "2026-08-04", "The wildfire near the village had burned nearly 7,900 "
                                      "acres of forest, the fire service said."),
        ("Plain Daily", "2026-08-04", "The wildfire near the village had burned 1,500 "
                                      "hectares of forest, the regional governor said."),
    ])
    figures = [c for c in found if c.kind in ("quantity", "update")]
    assert [len(c.sides) for c in figures] == [2]
    assert "1,500 hectares" in labels(figures[0])


def test_a_statement_with_two_counts_joins_one_conflict_per_count() -> None:
    found = conflicts([
        ("Health Wire", "2026-03-10", "The ministry said 14 people had been infected and two "
                                      "patients had died."),
        ("City Post", "2026-03-10", "The hospital said 12 people had been infected in the "
                                    "outbreak."),
        ("Region Daily", "2026-03-10", "The hospital said three patients had died in the "
                                       "outbreak."),
    ])
    for c in (c for c in found if c.kind == "quantity"):
        values = {s.label.split()[0].lower() for s in c.sides}
        assert not ({"14", "12"} & values and {"two", "three"} & values), labels(c)


def test_a_denial_right_after_a_claim_answers_it_however_vaguely() -> None:
    found = conflicts([
        ("Valley Post", "2024-04-02", "The union said crew members had reported a fault with "
                                      "the ferry's radar two days before the accident. The "
                                      "operator denied that any defect had been reported."),
        ("River Herald", "2024-04-02", "The ferry ran aground on Saturday night.")])
    assert kinds(found) == ["denial"]
    assert any("operator denies" in s for s in labels(found[0]))


def test_the_outlets_own_negative_line_disputes_no_one() -> None:
    found = conflicts([
        ("Valley Post", "2024-04-02", "Inspectors said the bridge had been poorly maintained "
                                      "for years."),
        ("River Herald", "2024-04-02", "Claims that the bridge had been poorly maintained "
                                       "were denied on Tuesday.")])
    assert "denial" not in kinds(found)


def test_a_start_told_with_another_aspectual_verb_is_a_date_conflict() -> None:
    found = conflicts([
        ("Valley Post", "2024-04-02", "The recall of the harbour cheese began on Monday, the "
                                      "ministry said."),
        ("River Herald", "2024-04-03", "The recall of the harbour cheese had in fact started on "
                                       "Friday, the company said."),
    ])
    assert kinds(found) == ["date"]
