"""The ingest stage as a whole: every format, year completion, and the shared corpora."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from rashomon.ingest import complete_years, ingest
from rashomon.ingest.draft import Draft

from ..conftest import FIXTURES


def test_fixture_corpus_is_read_with_dates_and_titles() -> None:
    result = ingest([str(FIXTURES / "corpus")])
    by_path = {a.path: a for a in result.articles}
    assert set(by_path) == {"lighthouse.txt", "lighthouse-2.md"}
    assert by_path["lighthouse.txt"].published == "2024-03-09"
    assert by_path["lighthouse-2.md"].title == "Lighthouse back on after weekend storm"
    assert "](#)" not in by_path["lighthouse-2.md"].text
    assert not result.problems


@pytest.mark.parametrize(
    ("month_day", "anchors", "expected"),
    [
        ((5, 18), ["2025-05-19"], "2025-05-18"),
        ((12, 30), ["2025-01-02"], "2024-12-30"),
        ((5, 18), ["2019-11-01"], None),  # too far from any dated article: no guess
        ((5, 18), [], None),
    ],
)
def test_year_of_a_dateline_comes_from_nearby_dated_articles(
    month_day: tuple[int, int], anchors: list[str], expected: str | None
) -> None:
    drafts = [Draft("x", path=f"{i}.txt", published=p) for i, p in enumerate(anchors)]
    drafts.append(Draft("body", path="undated.txt", month_day=month_day))
    completed = complete_years(drafts)[-1]
    assert completed.published == expected
    assert completed.published_from == ("inferred" if expected else None)


def test_every_bad_input_is_named_and_the_rest_survives(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.dat").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "broken.json").write_text('{"title": "x", "body": ')
    (tmp_path / "good.txt").write_text("Bridge reopens\n\nThe bridge reopened on Monday.\n")
    result = ingest([str(tmp_path)])
    assert [a.path for a in result.articles] == ["good.txt"]
    named = {Path(p.where).name.split("#")[0] for p in result.problems}
    assert {"empty.txt", "binary.dat", "broken.json"} <= named


def test_seeds_acceptance(shared: Path) -> None:
    result = ingest([str(shared / "seeds")])
    by_prefix = {a.path[:3]: a for a in result.articles if a.path}
    assert len(result.articles) == 3
    assert by_prefix["001"].published == "2025-06-13"
    assert by_prefix["001"].title
    assert by_prefix["003"].published == "2025-06-08"
    assert by_prefix["000"].published is None
    for article in result.articles:
        for banned in ("](#)", "**", "contributed reporting", "Original url", "AFP/Repr"):
            assert banned not in article.text, (article.path, banned)
        assert "Regional Military Administration head" not in article.text


def test_dev_corpus_dates_match_gold(shared: Path) -> None:
    dev = shared / "eval" / "dev"
    gold = json.loads((dev / "gold.json").read_text())["articles"]
    result = ingest([str(dev / "articles")])
    got = {a.path: a.published for a in result.articles}
    assert set(got) == set(gold)
    for path, expected in gold.items():
        if expected["published"]:
            assert (got[path] or "")[:10] == expected["published"], path
    assert not result.problems


def test_fnc1_ingests_fast(shared: Path) -> None:
    started = time.perf_counter()
    result = ingest([str(shared / "eval" / "public" / "fnc1" / "train_bodies.csv")])
    elapsed = time.perf_counter() - started
    assert len(result.articles) >= 1600
    assert elapsed < 10, f"ingest took {elapsed:.1f} s"


@pytest.mark.parametrize("name", ["long.txt", "long.csv"])
def test_article_over_the_cap_is_one_problem_and_the_rest_is_read(tmp_path: Path,
                                                                  name: str) -> None:
    from rashomon.options import Options

    body = "The ferry ran aground. " * 400  # 9,200 characters
    long = tmp_path / name
    long.write_text(body if name.endswith(".txt") else f"title,text\nLong,{body}\n")
    short = tmp_path / "short.txt"
    short.write_text("Harbour reopens\n\nThe harbour reopened on Monday, officials said.\n")
    result = ingest([str(long), str(short)], Options(max_article_chars=5000))
    assert [a.path for a in result.articles] == ["short.txt"]
    (problem,) = result.problems
    assert name in problem.where and "over the 5,000 limit" in problem.message
    assert "--max-article-chars" in problem.message


def test_stray_byte_is_replaced_and_reported_and_latin1_txt_is_text(tmp_path: Path) -> None:
    stray = tmp_path / "stray.txt"
    stray.write_bytes("Ferry aground near Ålesund\n\nThe ferry ran aground near Ålesund on "
                      "Monday, police said. ".encode() + b"\xff" + b"All were rescued.\n")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Ferry aground near Ålesund, police say\n\nThe ferry ran aground near "
                      "Ålesund, police said.\n\nAll were rescued, the coast guard said.\n"
                      "\nDivers will look at it, the harbour master said.\n".encode("latin-1"))
    result = ingest([str(stray), str(latin)])
    texts = {a.path: a.text for a in result.articles}
    assert "Ålesund" in texts["stray.txt"] and "\ufffd" in texts["stray.txt"]
    assert "Ålesund, police said" in texts["latin.txt"]
    (problem,) = result.problems
    assert problem.severity == "warning" and problem.where.endswith("stray.txt")
    assert "1 invalid UTF-8 byte(s) replaced" in problem.message
