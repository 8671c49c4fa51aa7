"""When and where an article is (named years, place cells) and how story clustering weighs
them: an undated report of the same kind of event in another year, or a report from
another place, stays out of a story."""

from __future__ import annotations

import json
import math
from datetime import date

from rashomon.models import PlaceRef, TimeExpr
from rashomon.stories.clustering import ClusterOptions, StoryDoc, StoryIndex
from rashomon.stories.timeplace import (
    around,
    named_years,
    place_cells,
    place_decay,
    year_decay,
    year_factor,
    year_gap,
)


def _time(value: str | None, precision: str, kind: str = "date") -> TimeExpr:
    return TimeExpr("x", 0, 1, kind, value, precision)  # type: ignore[arg-type]


def test_named_years_keeps_calendar_dates_only() -> None:
    times = [_time("2012-07-07", "day"), _time("2008", "year"), _time("2012-W27", "week"),
             _time(None, "unresolved"), _time("196", "decade"),
             _time("P4Y", "duration", "duration"),
             _time("XXXX-07-07", "unresolved"), _time("PRESENT_REF", "unresolved")]
    assert named_years(times) == (2008, 2012)
    assert named_years(times, exact=True) == (2012,)  # "2008" is a bare year
    assert named_years([]) == ()


def _place(lat: float | None, lon: float | None, precision: str = "city") -> PlaceRef:
    return PlaceRef("x", 0, 1, "x", lat, lon, precision=precision)  # type: ignore[arg-type]


def test_place_cells_are_whole_degrees_of_towns() -> None:
    places = [_place(36.9, 22.5), _place(36.8, 22.6), _place(-33.9, 151.2),
              _place(39.0, 22.0, "country"), _place(None, None, "unresolved")]
    assert place_cells(places) == ((-34, 151), (36, 22))


def test_near_counts_the_cell_and_its_neighbours() -> None:
    story = around([(36, 22)])
    assert len(story) == 9 and (37, 23) in story and (38, 22) not in story
    assert place_decay(((38, 22),), story, 0.7) == 0.7
    assert place_decay(((37, 21),), story, 0.7) == 1.0
    assert place_decay((), story, 0.7) == 1.0  # names no place: nothing to compare
    assert place_decay(((38, 22),), set(), 0.7) == 1.0
    assert place_decay(((38, 22),), story, 1.0) == 1.0  # turned off


def test_year_gap_against_the_story_years() -> None:
    start, end = date(2012, 7, 7), date(2013, 1, 2)
    assert year_gap((2001, 2005), start, end, {}) == 7
    assert year_gap((2012,), start, end, {}) == 0
    assert year_gap((2009, 2013), start, end, {}) == 0  # latest year inside the span
    assert year_gap((2016,), start, end, {}) == 3
    # A year the story's own articles name is background, not another event.
    assert year_gap((1961,), start, end, {1961: 1, 2012: 2}) == 0
    assert year_gap((), start, end, {}) == 0
    assert year_gap((2005,), None, None, {2005: 1}) == 0  # the story has no dated article


def test_year_decay() -> None:
    assert year_decay(0, 1.0) == 1.0
    assert year_decay(1, 1.0) < 0.7
    assert year_decay(4, 1.0) < 0.001
    assert year_decay(4, 1.0, 0.5) == 0.5
    assert year_decay(4, 0.0) == 1.0  # turned off


def test_a_precise_date_counts_in_full() -> None:
    start, end = date(2024, 8, 2), date(2024, 8, 9)
    # "the worst since 2018": a bare year, at most halves the score ...
    assert year_factor((2018,), (), start, end, {}, 1.0, 0.5) == 0.5
    # ... "on 3 August 2021": the event's own date, no floor.
    assert year_factor((2021,), (2021,), start, end, {}, 1.0, 0.5) < 0.02
    assert year_factor((2021, 2024), (2021,), start, end, {}, 1.0, 0.5) == 1.0
    assert year_factor((), (), start, end, {}, 1.0, 0.5) == 1.0


WORDS = "quake magnitude epicentre rubble aftershock rescue collapsed village"


def _doc(doc_id: str, day: date | None = None, years: tuple[int, ...] = (),
         cells: tuple[tuple[int, int], ...] = ()) -> StoryDoc:
    bag = tuple(sorted((w, 1) for w in WORDS.split()))
    return StoryDoc(doc_id, day, body=bag, entities=bag[:2], years=years, cells=cells)


def _story_2012(options: ClusterOptions | None = None) -> StoryIndex:
    index = StoryIndex(options)
    index.add(_doc("a", date(2012, 8, 11), (2005, 2012), ((38, 46),)))
    index.add(_doc("b", date(2012, 8, 12), (2012,), ((38, 46),)))
    return index


def test_undated_report_of_another_year_scores_lower() -> None:
    index = _story_2012()
    same = index.score(index.query(_doc("same", None, (2012,))), 0)
    assert index.score(index.query(_doc("no-years", None)), 0) == same
    assert index.score(index.query(_doc("background", None, (2005,))), 0) == same
    last_year = index.score(index.query(_doc("2011", None, (2011,))), 0)
    assert abs(last_year - math.exp(-0.5) * same) < 1e-9
    # Years apart: halved at most (the floor), so a report that matches well still joins.
    assert index.score(index.query(_doc("old", None, (2003,))), 0) == 0.5 * same


def test_undated_report_of_another_year_starts_its_own_story() -> None:
    index = _story_2012(ClusterOptions(year_floor=0.0))
    assert index.add(_doc("old", None, (2003,))) == 1
    assert index.add(_doc("same", None, (2012,))) == 0
    assert index.add(_doc("background", None, (2005,))) == 0  # the story names 2005 too
    assert index.add(_doc("no-years", None)) == 0
    off = StoryIndex(ClusterOptions(year_sigma=0.0))
    for doc in (_doc("a", date(2012, 8, 11), (2012,)), _doc("old", None, (2003,))):
        off.add(doc)
    assert off.stories() == [["a", "old"]]


def test_dated_report_is_judged_by_its_date_not_its_years() -> None:
    index = _story_2012()
    assert index.add(_doc("dated", date(2012, 8, 13), (1990,))) == 0


def test_report_from_another_place_scores_lower() -> None:
    index = _story_2012()
    here = index.query(_doc("here", None, (), ((39, 47),)))
    far = index.query(_doc("far", None, (), ((29, 57),)))
    nowhere = index.query(_doc("nowhere"))
    assert index.score(here, 0) == index.score(nowhere, 0)
    assert abs(index.score(far, 0) - 0.8 * index.score(here, 0)) < 1e-9


def test_years_and_cells_survive_the_state_round_trip() -> None:
    index = _story_2012()
    state = json.loads(json.dumps(index.to_state()))
    resumed = StoryIndex.from_state(state)
    assert resumed.clusters[0].years == {2005: 1, 2012: 2}
    assert resumed.clusters[0].cells == {(38, 46)}
    assert resumed.clusters[0].around == around([(38, 46)])
    assert resumed.add(_doc("old", None, (2003,))) == index.add(_doc("old", None, (2003,)))
    doc = StoryDoc("x", date(2012, 1, 1), years=(2011, 2012), cells=((1, 2),),
                   exact_years=(2012,))
    assert StoryDoc.from_dict(json.loads(json.dumps(doc.to_dict()))) == doc
    # Features stored before years and places were kept still load.
    assert StoryDoc.from_dict({"id": "y", "published": None}).years == ()


def test_a_state_saved_before_years_and_places_still_loads() -> None:
    state = json.loads(json.dumps(_story_2012().to_state()))
    for cluster in state["clusters"]:
        del cluster["years"], cluster["cells"]
    resumed = StoryIndex.from_state(state)
    assert resumed.clusters[0].years == {} and resumed.clusters[0].around == set()
    assert resumed.add(_doc("c", date(2012, 8, 13), (2012,), ((38, 46),))) == 0
    assert resumed.clusters[0].cells == {(38, 46)}
