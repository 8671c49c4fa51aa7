"""Story building: each claim names the places inside its own mentions, and no others;
the sides of a conflict are disputed claims."""

from __future__ import annotations

from .test_independence import claim_with, story_of


def test_a_claim_names_the_places_inside_its_mentions_only() -> None:
    story = story_of([
        ("Daily Ledger", "2025-06-02",
         "Floods closed the ring road around Lyon on Monday, officials said. "
         "Rescue teams from Marseille arrived on Tuesday."),
        ("Evening Post", "2025-06-03",
         "Officials said floods closed the ring road around Lyon on Monday. "
         "Volunteers in Bordeaux collected blankets."),
    ])
    ids = {p.name: p.id for p in story.places}
    assert {"Lyon", "Marseille", "Bordeaux"} <= set(ids)
    floods = claim_with(story, "ring road")
    assert floods.place_ids == (ids["Lyon"],)
    rescue = claim_with(story, "Rescue teams")
    assert rescue.place_ids == (ids["Marseille"],)


def test_both_sides_of_a_figure_conflict_are_disputed() -> None:
    story = story_of([
        ("Valley Post", "2024-04-02", "About 40 passengers were taken off the listing vessel "
                                      "by rescue boats, according to the agency."),
        ("Coast Wire", "2024-04-02", "More than 60 passengers were taken off the listing "
                                     "vessel by rescue boats, according to the harbour board."),
        ("River Herald", "2024-04-02", "More than 60 passengers were taken off the listing "
                                       "vessel by rescue boats, the harbour board said."),
    ])
    assert [c.kind for c in story.conflicts] == ["quantity"]
    figures = [c for c in story.claims if "passengers" in c.text]
    assert figures and {c.status for c in figures} == {"disputed"}


def test_a_place_located_in_one_article_only_keeps_its_point() -> None:
    from rashomon.crosscheck.story import story_places
    from rashomon.models import AnnotatedArticle, Article, ArticleClaims, PlaceRef

    bare = PlaceRef("Brekkadal", 10, 19, "Brekkadal")
    near = PlaceRef("Brekkadal", 17, 26, "Brekkadal", 61.0, 8.0, "NO", None, "other", None,
                    "country")
    items = [ArticleClaims(AnnotatedArticle(Article(aid, None, text), places=(ref,)), ())
             for aid, text, ref in (("a-1", "Snow hit Brekkadal today.", bare),
                                    ("a-2", "Snow hit Norway's Brekkadal region.", near))]
    places, _ = story_places(items)
    assert [(p.name, p.lat, p.lon, p.gazetteer_id) for p in places] == [
        ("Brekkadal", 61.0, 8.0, None)]
    assert len(places[0].mentions) == 2
