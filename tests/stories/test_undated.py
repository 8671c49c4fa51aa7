"""Undated articles get a publication window from the dated reports of their story."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import pytest

from rashomon.annotate.stage import AnnotateContext, annotate
from rashomon.claims.stage import extract_claims, retime
from rashomon.engine.cache import FILE_NAME, ResultCache
from rashomon.engine.pipeline import date_undated
from rashomon.models import AnnotatedArticle, Article, When, stable_id
from rashomon.options import Options
from rashomon.stories.undated import StoryDays, apply_window, infer_window, windows_in

# 2024-04-07 is a Sunday.
SUNDAY = date(2024, 4, 7)


@lru_cache(maxsize=1)
def _ctx() -> AnnotateContext:
    return AnnotateContext.from_options(Options())


@lru_cache(maxsize=32)
def annotated(text: str, published: str | None = None) -> AnnotatedArticle:
    article = Article(stable_id("a", text, published or ""), "x.txt", text, published=published)
    return annotate(article, _ctx())


DATED = annotated("The Harlow Street bridge in Townsville collapsed into the Brenn River on "
                  "Sunday, police said on Monday.", "2024-04-08")
UNDATED_TEXTS = [
    "The Harlow Street bridge collapsed on Sunday, police said.",
    "Divers searched the Brenn River after the bridge fell into it on Sunday.",
    "Since the collapse on Sunday, traffic has been diverted through the old town.",
]


def day(value: str | None) -> date:
    assert value is not None
    return date.fromisoformat(value[:10])


@pytest.mark.parametrize("text", UNDATED_TEXTS)
def test_on_sunday_window_covers_the_days_after_that_sunday(text: str) -> None:
    undated = annotated(text)
    window = infer_window(undated, [DATED, undated])
    assert window is not None
    start, end = day(window.start), day(window.end)
    assert start <= end
    assert SUNDAY <= start <= SUNDAY + timedelta(days=1)
    assert end >= SUNDAY + timedelta(days=6)
    assert end < SUNDAY + timedelta(days=7)  # the next Sunday would be another Sunday


@pytest.mark.parametrize("text", UNDATED_TEXTS)
def test_applied_window_dates_sunday_and_marks_the_article_inferred(text: str) -> None:
    undated = annotated(text)
    window = infer_window(undated, [DATED, undated])
    assert window is not None
    dated = apply_window(undated, window)
    assert dated.article.published_from == "inferred"
    assert dated.article.published == "2024-04"
    sundays = [t for t in dated.times if t.text.lower().startswith("sunday")]
    assert sundays and all(t.value and t.value.startswith("2024-04-07") for t in sundays)
    sentence = next(s for s in dated.sentences if "Sunday" in s.text)
    assert sentence.when is not None and (sentence.when.date or "").startswith("2024-04-07")
    assert dated.article.text == undated.article.text


@pytest.mark.xfail(reason="'Sunday evening' resolves at time precision (2024-04-07TEV) and "
                          "neither makes 2024-04-07 a known story day nor scores a candidate "
                          "day, so no window is inferred", strict=False)
@pytest.mark.parametrize(
    ("dated_text", "undated_text"),
    [
        ("The Harlow Street bridge collapsed into the Brenn River on Sunday evening, police "
         "said on Monday.", "The Harlow Street bridge collapsed on Sunday, police said."),
        ("The Harlow Street bridge collapsed into the Brenn River on Sunday, police said on "
         "Monday.", "Divers searched the river after the bridge fell on Sunday evening."),
    ],
)
def test_part_of_day_still_places_the_day(dated_text: str, undated_text: str) -> None:
    dated, undated = annotated(dated_text, "2024-04-08"), annotated(undated_text)
    window = infer_window(undated, [dated, undated])
    assert window is not None and day(window.start) >= SUNDAY
    assert day(window.end) >= SUNDAY + timedelta(days=6)


@pytest.mark.parametrize(
    ("published", "sunday", "label"),
    [
        ("2024-03-25", "2024-03-24", "2024-03"),  # the window stays in March
        ("2024-04-01", "2024-03-31", "2024"),  # the window runs into April
    ],
)
def test_published_label_has_the_precision_the_window_supports(published: str, sunday: str,
                                                               label: str) -> None:
    dated = annotated("The Harlow Street bridge collapsed into the Brenn River on Sunday, "
                      "police said.", published)
    undated = annotated("The Harlow Street bridge collapsed on Sunday, police said.")
    window = infer_window(undated, [dated, undated])
    assert window is not None and window.start == sunday
    assert day(window.end) == day(sunday) + timedelta(days=6)
    assert apply_window(undated, window).article.published == label


def test_no_relative_dates_give_no_window() -> None:
    undated = annotated("The Harlow Street bridge collapsed into the Brenn River, police said.")
    assert infer_window(undated, [DATED, undated]) is None


def test_no_dated_members_give_no_window() -> None:
    undated = annotated("The Harlow Street bridge collapsed on Sunday, police said.")
    other = annotated("Divers searched the river on Sunday evening.")
    assert infer_window(undated, [undated, other]) is None


def test_deictic_words_alone_do_not_place_an_article() -> None:
    undated = annotated("The bridge is closed today and traffic is now diverted, police said.")
    assert infer_window(undated, [DATED, undated]) is None


def test_pipeline_dates_undated_members_and_says_so() -> None:
    undated = annotated(UNDATED_TEXTS[0])
    out, notes = date_undated([DATED, undated], [[DATED.article.id, undated.article.id]])
    assert out[0] is DATED
    assert out[1].article.published_from == "inferred"
    assert len(notes) == 1 and notes[0].severity == "warning"
    assert "2024-04-07" in notes[0].message


def test_pipeline_leaves_unplaceable_articles_undated() -> None:
    undated = annotated("The Harlow Street bridge collapsed into the Brenn River, police said.")
    out, notes = date_undated([DATED, undated], [[DATED.article.id, undated.article.id]])
    assert out[1].article.published is None and notes == []


def test_cached_windows_are_the_same_and_found_once(tmp_path: Path) -> None:
    members = [DATED, *(annotated(t) for t in UNDATED_TEXTS), annotated("No date here at all.")]
    ids = [[m.article.id for m in members]]
    calls: list[int] = []

    def counting(texts: Sequence[str], story: StoryDays) -> list[When | None]:
        calls.append(len(texts))
        return windows_in(texts, story)

    plain = date_undated(members, ids)
    first = date_undated(members, ids, ResultCache(tmp_path / FILE_NAME).window_finder(counting))
    again = date_undated(members, ids, ResultCache(tmp_path / FILE_NAME).window_finder(counting))
    assert first == plain and again == plain
    assert calls == [len(members) - 1]  # every undated text once, then none


def test_story_days_change_the_cached_window(tmp_path: Path) -> None:
    undated = annotated(UNDATED_TEXTS[0])
    later = annotated("The Harlow Street bridge in Townsville collapsed into the Brenn River "
                      "on Sunday, police said on Monday.", "2024-05-13")
    finder = ResultCache(tmp_path / FILE_NAME).window_finder(windows_in)
    april = date_undated([DATED, undated], [[DATED.article.id, undated.article.id]], finder)
    may = date_undated([later, undated], [[later.article.id, undated.article.id]], finder)
    assert april[0][1].article.published == "2024-04"
    assert may[0][1].article.published == "2024-05"


@pytest.mark.parametrize("text", [
    *UNDATED_TEXTS,
    "TOWNSVILLE (Coast Wire) — Divers said on Tuesday that the bridge fell on Sunday. "
    "Repairs will start next month, the council said.",
])
def test_claims_retimed_to_a_window_equal_claims_extracted_after_it(text: str) -> None:
    undated = annotated(text)
    window = infer_window(undated, [DATED, undated])
    assert window is not None
    dated = apply_window(undated, window)
    retimed = retime(extract_claims(undated), dated)
    assert retimed == extract_claims(dated)
    before = [m.when for m in extract_claims(undated).mentions]
    assert [m.when for m in retimed.mentions] != before  # the window placed something
