"""Story clustering: events kept apart, reports of one event together, time decay,
incremental == batch, state round trip, inverted-index retrieval."""

from __future__ import annotations

import json
from datetime import date

import pytest

from rashomon.annotate.stage import AnnotateContext, annotate_all
from rashomon.models import AnnotatedArticle, Article
from rashomon.options import Options
from rashomon.stories.clustering import (
    ClusterOptions,
    StoryDoc,
    StoryIndex,
    canonical_order,
    cluster_articles,
    story_doc,
    story_title,
)

FERRY_1 = (
    "MWANZA, Tanzania — A passenger ferry carrying about 120 people capsized on Lake Victoria "
    "on Tuesday near Ukerewe island, the Tanzania Ports Authority said. Rescue teams pulled 41 "
    "survivors from the water and recovered 18 bodies by nightfall. Regional commissioner "
    "Amina Kassim said the MV Kisiwa was overloaded with maize sacks and passengers when it "
    "tipped over a few hundred metres from the Bugorora landing. Divers from the navy joined "
    "the search on Wednesday morning."
)
FERRY_2 = (
    "Eighteen people drowned and dozens are missing after the MV Kisiwa overturned on Lake "
    "Victoria close to Ukerewe, Tanzanian officials reported. Amina Kassim, the regional "
    "commissioner in Mwanza, blamed overloading: the vessel had sacks of maize stacked on its "
    "deck. The Tanzania Ports Authority said 41 passengers were rescued alive. Navy divers "
    "and fishermen in canoes searched the lake through the night near the Bugorora landing."
)
FERRY_3 = (
    "Relatives gathered at the Bugorora landing on Ukerewe island as navy divers kept "
    "searching Lake Victoria for passengers of the capsized MV Kisiwa. The Tanzania Ports "
    "Authority put the number rescued at 41 and the dead at 18. Amina Kassim, Mwanza's "
    "regional commissioner, promised an inquiry into why the ferry sailed overloaded with "
    "maize. Survivors said the ferry listed sharply before it sank."
)
CHIPS = (
    "DRESDEN, Germany — The semiconductor maker Norvatek will build a wafer factory on the "
    "northern edge of Dresden, the company's chief executive Lena Hoffmann announced. The "
    "plant is expected to cost 4.2 billion euros and employ 1,800 engineers and technicians "
    "when production starts. Saxony's economy ministry confirmed a subsidy package and said "
    "construction permits would be issued within weeks. Analysts said the investment "
    "strengthens Europe's supply of automotive chips."
)
FIRE_SUMMER = (
    "PATRAS, Greece — A wildfire fanned by strong winds burned through pine forest and olive "
    "groves in the hills east of Patras, forcing the evacuation of four villages. The fire "
    "service deployed 200 firefighters and six water-dropping aircraft. Residents of Saravali "
    "and Kallithea fled as flames approached their homes. Civil protection chief Nikos "
    "Vlachos said the blaze was the worst in the Achaea region in a decade."
)
FIRE_SPRING = (
    "PATRAS, Greece — A wildfire driven by strong winds swept through pine forest and olive "
    "groves in the hills east of Patras, and four villages were evacuated. Firefighters, 180 "
    "of them, and five water-dropping aircraft fought the flames. People in Saravali and "
    "Kallithea left their homes as the blaze approached. Nikos Vlachos of civil protection "
    "said the fire was the worst in the Achaea region so early in the year."
)

FIRE_OLD = (
    "A wildfire fanned by strong winds burned through pine forest and olive groves in the "
    "hills east of Patras on 3 August 2021, and villages were evacuated. The fire service sent "
    "150 firefighters and four water-dropping aircraft. Residents of Saravali fled as flames "
    "approached their homes, civil protection officials said. It was the worst blaze in the "
    "Achaea region since 2007."
)


@pytest.fixture(scope="session")
def ctx() -> AnnotateContext:
    """spaCy and the gazetteer, loaded once for the whole test session."""
    return AnnotateContext.from_options(Options(workers=1))


def _article(key: str, text: str, title: str | None, published: str | None) -> Article:
    return Article(id=f"a-{key}", path=f"{key}.txt", text=text, title=title, published=published)


@pytest.fixture(scope="session")
def annotated(ctx: AnnotateContext) -> dict[str, AnnotatedArticle]:
    """Every fixture article, annotated once."""
    articles = [
        _article("ferry1", FERRY_1, "Ferry capsizes on Lake Victoria, 18 dead", "2024-05-14"),
        _article("ferry2", FERRY_2, "Overloaded boat overturns near Ukerewe", "2024-05-15"),
        _article("ferry3", FERRY_3, "Families wait at the landing as divers search", None),
        _article("chips", CHIPS, "Norvatek to build Dresden wafer plant", "2024-05-14"),
        _article("fire1", FIRE_SUMMER, "Wildfire forces evacuations near Patras", "2024-08-02"),
        _article("fire2", FIRE_SPRING, "Villages evacuated as wildfire nears Patras",
                 "2025-03-20"),
        _article("fire0", FIRE_OLD, "Wildfire forces evacuations near Patras", None),
    ]
    out = annotate_all(articles, Options(workers=1), ctx=ctx)
    return {a.article.id.removeprefix("a-"): a for a in out}


def _stories(items: list[AnnotatedArticle]) -> list[set[str]]:
    return [set(s) for s in cluster_articles(items)]


def test_different_events_stay_apart(annotated: dict[str, AnnotatedArticle]) -> None:
    stories = _stories([annotated["ferry1"], annotated["chips"]])
    assert sorted(map(sorted, stories)) == [["a-chips"], ["a-ferry1"]]


def test_reports_of_one_event_cluster(annotated: dict[str, AnnotatedArticle]) -> None:
    items = [annotated[k] for k in ("chips", "ferry2", "ferry1", "ferry3")]
    stories = _stories(items)
    assert {"a-ferry1", "a-ferry2", "a-ferry3"} in stories
    assert {"a-chips"} in stories


def test_time_decay_splits_events_months_apart(annotated: dict[str, AnnotatedArticle]) -> None:
    items = [annotated["fire1"], annotated["fire2"]]
    assert _stories(items) == [{"a-fire1"}, {"a-fire2"}]
    # Without the decay the two fires read as one story: the dates are what tell them apart.
    no_decay = ClusterOptions(decay_days=1e9)
    assert len(cluster_articles(items, no_decay)) == 1


def test_undated_report_of_an_earlier_fire_stays_apart(
        annotated: dict[str, AnnotatedArticle]) -> None:
    # Same place, same words; only the year its text names (2021) tells it from the 2024 fire.
    items = [annotated["fire1"], annotated["fire0"]]
    assert story_doc(annotated["fire0"]).years == (2007, 2021)
    assert _stories(items) == [{"a-fire1"}, {"a-fire0"}]
    assert len(cluster_articles(items, ClusterOptions(year_sigma=0.0))) == 1


def test_undated_article_joins_its_story(annotated: dict[str, AnnotatedArticle]) -> None:
    assert annotated["ferry3"].article.published is None
    stories = _stories([annotated[k] for k in ("ferry3", "fire1", "ferry1", "chips")])
    assert {"a-ferry1", "a-ferry3"} in stories


def test_canonical_order_puts_undated_last() -> None:
    docs = [StoryDoc("c", None), StoryDoc("b", date(2024, 2, 1)), StoryDoc("a", date(2024, 3, 1))]
    assert [d.id for d in canonical_order(docs)] == ["b", "a", "c"]


def test_incremental_equals_batch(annotated: dict[str, AnnotatedArticle]) -> None:
    items = list(annotated.values())
    batch = cluster_articles(items)
    index = StoryIndex()
    for doc in canonical_order([story_doc(a) for a in items]):
        index.add(doc)
    assert index.stories() == batch


def test_state_round_trip_continues_identically(annotated: dict[str, AnnotatedArticle]) -> None:
    docs = canonical_order([story_doc(a) for a in annotated.values()])
    whole = StoryIndex()
    for doc in docs:
        whole.add(doc)
    first = StoryIndex()
    for doc in docs[:3]:
        first.add(doc)
    state = json.loads(json.dumps(first.to_state()))
    resumed = StoryIndex.from_state(state)
    assert resumed.to_state() == first.to_state()
    for doc in docs[3:]:
        resumed.add(doc)
    assert resumed.stories() == whole.stories()
    assert resumed.to_state() == whole.to_state()


def test_story_doc_features(annotated: dict[str, AnnotatedArticle]) -> None:
    doc = story_doc(annotated["ferry1"])
    body, ents, title = dict(doc.body), dict(doc.entities), dict(doc.title)
    assert doc.published == date(2024, 5, 14)
    assert "ferry" in body and "the" not in body and "say" not in body
    assert "lake victoria" in ents or "ukerewe" in ents
    assert "capsize" in title or "capsizes" in title
    assert StoryDoc.from_dict(json.loads(json.dumps(doc.to_dict()))) == doc


def test_story_title_picks_a_member_headline(annotated: dict[str, AnnotatedArticle]) -> None:
    members = [annotated[k] for k in ("ferry1", "ferry2", "ferry3")]
    assert story_title(members) in {a.article.title for a in members}
    untitled = AnnotatedArticle(Article("x", None, "Short lead. More text."))
    assert story_title([untitled]) == "Short lead. More text."


def _doc(doc_id: str, words: str, day: date | None = None) -> StoryDoc:
    bag = tuple(sorted((w, 1) for w in set(words.split())))
    return StoryDoc(doc_id, day, body=bag, entities=bag[:2])


def test_inverted_index_skips_unrelated_stories() -> None:
    index = StoryIndex()
    index.add(_doc("q1", "quake tremor magnitude epicentre rubble"))
    index.add(_doc("q2", "quake tremor magnitude epicentre aftershock"))
    before = index.comparisons
    assert before == 1
    assert index.add(_doc("m1", "merger shareholder acquisition bid board")) == 1
    assert index.comparisons == before  # shares no term: no story was even scored
    assert index.stories() == [["q1", "q2"], ["m1"]]


def test_decay_is_neutral_when_undated() -> None:
    index = StoryIndex()
    index.add(_doc("d1", "flood river dam levee", date(2024, 1, 1)))
    assert index.add(_doc("d2", "flood river dam levee", None)) == 0
    assert index.add(_doc("d3", "flood river dam levee", date(2024, 9, 1))) == 1


def test_bad_state_version_is_refused() -> None:
    with pytest.raises(ValueError):
        StoryIndex.from_state({"version": 99})
