"""Issue 3 acceptance: dates, places and units on the seed articles; bad input survives."""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

import pytest

from rashomon.annotate.stage import AnnotateContext, annotate
from rashomon.engine.pipeline import Annotations, analyze, annotate_inputs
from rashomon.models import AnnotatedArticle, Article
from rashomon.options import Options
from rashomon.stories.undated import apply_window, infer_window

from ..conftest import SHARED

SEEDS = SHARED / "seeds"


@pytest.fixture(scope="module")
def seeds() -> Annotations:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not available")
    return annotate_inputs([str(SEEDS)])


def by_prefix(seeds: Annotations, prefix: str) -> AnnotatedArticle:
    found = [a for a in seeds.articles if Path(a.article.path or "").name.startswith(prefix)]
    assert len(found) == 1, f"no single seed article {prefix}_*"
    return found[0]


def values_of(item: AnnotatedArticle, words: str) -> list[str | None]:
    return [t.value for t in item.times if t.text.lower() == words.lower()]


def test_three_seed_articles_without_problems(seeds: Annotations) -> None:
    assert len(seeds.articles) == 3
    assert not [p for p in seeds.problems if p.severity == "error"]


@pytest.mark.parametrize(
    ("prefix", "words", "expected"),
    [
        ("001", "Sunday", "2025-06-08"),  # "On Sunday, the Russian Defense Ministry said ..."
        ("003", "Sunday", "2025-06-08"),  # "... defense ministry said Sunday ..."
        ("001", "Friday", "2025-06-13"),  # "The New York Times reported Friday"
    ],
)
def test_relative_weekdays_resolve_against_publication(seeds: Annotations, prefix: str,
                                                       words: str, expected: str) -> None:
    values = values_of(by_prefix(seeds, prefix), words)
    assert values, f"{words!r} not found as a time in {prefix}"
    assert set(values) == {expected}


def test_sentence_with_said_sunday_carries_the_day(seeds: Annotations) -> None:
    item = by_prefix(seeds, "003")
    sentence = next(s for s in item.sentences if "said Sunday" in s.text)
    assert sentence.when is not None and sentence.when.date == "2025-06-08"


def test_undated_article_leaves_month_day_without_a_year(seeds: Annotations) -> None:
    """000 has no publication date: "May 16" must not be given an invented year."""
    item = by_prefix(seeds, "000")
    assert item.article.published is None
    for value in values_of(item, "May 16"):
        assert value is None or not value[:4].isdigit()


def test_may_16_resolves_once_the_story_dates_the_undated_article(seeds: Annotations) -> None:
    item = by_prefix(seeds, "000")
    window = infer_window(item, seeds.articles)
    assert window is not None
    dated = apply_window(item, window)
    assert values_of(dated, "May 16") == ["2025-05-16"]
    assert set(values_of(dated, "Sunday")) == {"2025-06-08"}


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


@pytest.mark.parametrize(
    ("name", "lat", "lon"),
    [
        ("Dnipro", 48.45, 34.98),
        ("Novopavlivka", 48.14, 36.79),
        ("Sumy", 50.91, 34.80),
        ("Kharkiv", 49.99, 36.23),
        ("Odesa", 46.48, 30.73),
        ("Istanbul", 41.01, 28.95),
    ],
)
def test_places_geocode_near_their_true_coordinates(seeds: Annotations, name: str, lat: float,
                                                    lon: float) -> None:
    refs = [p for a in seeds.articles for p in a.places if p.text == name]
    assert refs, f"{name} is not recognised as a place"
    for ref in refs:
        assert ref.lat is not None and ref.lon is not None, f"{name} not geocoded"
        assert km(ref.lat, ref.lon, lat, lon) <= 25, f"{name} geocoded to {ref.lat},{ref.lon}"


def test_tank_division_and_regiment_share_number_and_branch(seeds: Annotations) -> None:
    units = {u.text.lower(): u for a in seeds.articles for u in a.units}
    division, regiment = units["90th tank division"], units["90th tank regiment"]
    assert division.number == regiment.number == 90
    assert division.branch == regiment.branch and division.branch
    assert division.key == regiment.key
    assert division.echelon != regiment.echelon


# ---- bad input -------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _ctx() -> AnnotateContext:
    return AnnotateContext.from_options(Options())


def annotated(text: str) -> AnnotatedArticle:
    return annotate(Article("a-bad", "bad.txt", text, published="2025-03-05"), _ctx())


@pytest.mark.parametrize("text", ["", "   \n\n  \t", "— — —", "!!!"])
def test_empty_or_sentenceless_text_does_not_crash(text: str) -> None:
    item = annotated(text)
    assert item.times == () and item.places == ()
    if not text.strip():
        assert item.sentences == () and item.warnings


@pytest.mark.parametrize(
    "text",
    [
        "The museum will stay closed until the year 30000, the council said on Monday.",
        "A time capsule will be opened in 30000, the mayor said.",
        "Engineers said the vault was designed to last until 30000 AD.",
    ],
)
def test_absurd_year_gets_no_date(text: str) -> None:
    item = annotated(text)
    for t in item.times:
        assert "30000" not in t.text, f"{t.text!r} annotated as {t.value}"
        assert t.value is None or not t.value.startswith("3000")


def test_absurd_year_beside_a_real_date_keeps_the_real_one() -> None:
    item = annotated("The museum will stay closed until the year 30000, the council said on "
                     "Monday.")
    assert [t.value for t in item.times if t.text == "Monday"] == ["2025-03-03"]


@pytest.mark.parametrize(
    "text",
    [
        "The festival moved to Zzyxvillequor, organisers said on Tuesday.",
        "Residents of Qqqplaceton were evacuated after the dam failed.",
    ],
)
def test_unknown_place_name_is_not_geocoded(text: str) -> None:
    item = annotated(text)
    assert all(p.lat is None for p in item.places if "Zzyx" in p.text or "Qqq" in p.text)


def test_bad_files_through_the_pipeline(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "blank.txt").write_text("  \n\n", encoding="utf-8")
    (tmp_path / "year.txt").write_text(
        "The museum in Zzyxvillequor will stay closed until the year 30000, the council said.",
        encoding="utf-8")
    result = annotate_inputs([str(tmp_path)])
    assert len(result.articles) == 1
    assert {Path(p.where).name for p in result.problems} >= {"empty.txt", "blank.txt"}
    assert not [t for t in result.articles[0].times if "30000" in t.text]
    report = analyze([str(tmp_path)]).to_dict()
    assert len(report["articles"]) == 1
    for story in report["stories"]:
        for claim in story["claims"]:
            assert claim.get("when") is None or "3000" not in str(claim["when"])
