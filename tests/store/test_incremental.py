"""Adding to a store rewrites only the stories new articles touch, with the same result."""

from __future__ import annotations

import json
import logging
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from rashomon.engine.pipeline import analyze, annotate_inputs
from rashomon.options import Options
from rashomon.report.assemble import report_json
from rashomon.store.database import add_inputs, connect, load_report, migrate, read_totals, search
from rashomon.store.incremental import can_add_incrementally
from rashomon.store.index import load_index
from rashomon.stories.clustering import StoryIndex, story_doc

from ..conftest import FIXTURES

FOLDER = FIXTURES / "incremental"
OPTIONS = Options(workers=1, show_progress=False)


def inputs(*names: str) -> list[str]:
    return [str(FOLDER / name) for name in names]


def without_stamp(report: object) -> dict[str, object]:
    data = json.loads(report_json(report))  # type: ignore[arg-type]
    data.pop("generated_at", None)
    return data


def story_rows(db: Path) -> dict[str, tuple[int, ...]]:
    """Story id -> rowids of its claims (a rewritten story gets new rowids)."""
    with closing(sqlite3.connect(db)) as conn:
        rows = conn.execute("SELECT story_id, rowid FROM claims ORDER BY story_id, position")
        out: dict[str, tuple[int, ...]] = {}
        for sid, rowid in rows:
            out[sid] = (*out.get(sid, ()), rowid)
    return out


def kinds_of(db: Path, name: str) -> set[str]:
    return {s.kind for story in load_report(db).stories for s in story.sources if s.name == name}


@pytest.mark.parametrize("batches", [
    [["ferry-1.json"], ["school.json"], ["ferry-2.json"], ["library.json"]],
    [["ferry-1.json", "library.json"], ["ferry-2.json", "school.json"]],
    [["school.json"], ["library.json", "ferry-2.json"], ["ferry-1.json"]],
])
def test_batches_give_the_one_batch_report(tmp_path: Path, batches: list[list[str]]) -> None:
    db = tmp_path / "s.db"
    for batch in batches:
        add_inputs(db, inputs(*batch), OPTIONS)
    everything = [name for batch in batches for name in batch]
    assert without_stamp(load_report(db)) == without_stamp(analyze(inputs(*everything), OPTIONS))


def test_untouched_stories_keep_their_rows(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                           ) -> None:
    db = tmp_path / "s.db"
    add_inputs(db, inputs("ferry-1.json", "school.json"), OPTIONS)
    before = story_rows(db)
    with caplog.at_level(logging.INFO, logger="rashomon.store"):
        result = add_inputs(db, inputs("ferry-2.json"), OPTIONS)
    after = story_rows(db)
    kept = set(before) & set(after)
    assert kept and all(before[s] == after[s] for s in kept)
    assert len(set(after) - set(before)) == 1  # the ferry story, now with two articles
    assert "checked 1 of 2 stories again" in caplog.text
    assert result.totals is not None and result.totals.articles == 3


def test_a_new_outlet_rechecks_stories_that_name_it(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    add_inputs(db, inputs("ferry-1.json"), OPTIONS)
    assert "media" not in kinds_of(db, "Skerra Today")
    add_inputs(db, inputs("school.json"), OPTIONS)  # its outlet is Skerra Today
    assert kinds_of(db, "Skerra Today") == {"media"}
    once = analyze(inputs("ferry-1.json", "school.json"), OPTIONS)
    assert without_stamp(load_report(db)) == without_stamp(once)


def test_search_and_lifecycle_follow_the_rewritten_story(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    add_inputs(db, inputs("ferry-1.json", "school.json"), OPTIONS)
    result = add_inputs(db, inputs("ferry-2.json"), OPTIONS)
    assert result.claims_added
    with closing(sqlite3.connect(db)) as conn:
        fts = conn.execute("SELECT rowid, claim_id FROM claims_fts ORDER BY rowid").fetchall()
        rows = conn.execute("SELECT rowid, id FROM claims ORDER BY rowid").fetchall()
        events = conn.execute("SELECT claim_id, event FROM claim_lifecycle WHERE run_id = 2")
        logged = {(c, e) for c, e in events}
    assert fts == rows
    assert logged == ({(c, "added") for c in result.claims_added}
                      | {(c, "withdrawn") for c in result.claims_withdrawn})
    ferry = next(s for s in load_report(db).stories if len(s.article_ids) == 2)
    hits = [h for h in search(db, "engine failed twice") if h.kind == "claim"]
    assert [h.story_id for h in hits] == [ferry.id]


def test_totals_are_counted_from_the_store(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    result = add_inputs(db, inputs("ferry-1.json", "ferry-2.json"), OPTIONS)
    report = load_report(db)
    with closing(connect(db)) as conn:
        totals = read_totals(conn)
    assert totals == result.totals
    assert totals is not None and totals.articles == len(report.articles)
    assert totals.claims == sum(len(s.claims) for s in report.stories)


def test_report_of_another_version_is_rebuilt_whole(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    add_inputs(db, inputs("ferry-1.json"), OPTIONS)
    with closing(connect(db)) as conn:
        conn.execute("UPDATE report SET generator_version = '0.0.0'")
        assert not can_add_incrementally(conn)
    add_inputs(db, inputs("school.json"), OPTIONS)
    once = analyze(inputs("ferry-1.json", "school.json"), OPTIONS)
    assert without_stamp(load_report(db)) == without_stamp(once)


def test_v2_store_gets_claim_search_rows_by_claim_rowid(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with closing(sqlite3.connect(db, isolation_level=None)) as conn:
        migrate(conn, target=2)
        for pos, (cid, text) in enumerate([("c-1", "The ferry ran aground"),
                                           ("c-2", "The school opened")]):
            conn.execute("INSERT INTO claims (story_id, position, id, text, status) "
                         "VALUES ('s-1', ?, ?, ?, 'disputed')", (pos, cid, text))
        conn.execute("DELETE FROM claims WHERE id = 'c-1'")  # rowids no longer start at 1
        conn.execute("INSERT INTO claims_fts (claim_id, story_id, text) "
                     "SELECT id, story_id, text FROM claims")
    with closing(connect(db)) as conn:
        fts = conn.execute("SELECT rowid, claim_id FROM claims_fts").fetchall()
        rows = conn.execute("SELECT rowid, id FROM claims").fetchall()
    assert [tuple(r) for r in fts] == [tuple(r) for r in rows] == [(2, "c-2")]
    assert [h.id for h in search(db, "school")] == ["c-2"]


def stored_index_state(db: Path) -> dict[str, object]:
    with closing(connect(db)) as conn:
        index = load_index(conn)
    assert index is not None
    return index.to_state()


def test_index_rows_written_piecemeal_equal_the_whole(tmp_path: Path) -> None:
    piecemeal, whole = tmp_path / "p.db", tmp_path / "w.db"
    for batch in (["ferry-1.json"], ["school.json"], ["ferry-2.json", "library.json"]):
        add_inputs(piecemeal, inputs(*batch), OPTIONS)
        if whole.exists():
            with closing(connect(whole)) as conn:  # forces the path that rewrites everything
                conn.execute("UPDATE report SET generator_version = '0.0.0'")
        add_inputs(whole, inputs(*batch), OPTIONS)
    assert stored_index_state(piecemeal) == stored_index_state(whole)


def test_v3_story_index_document_becomes_rows(tmp_path: Path) -> None:
    index = StoryIndex()
    for item in annotate_inputs(inputs("ferry-1.json", "ferry-2.json", "school.json"),
                                OPTIONS).articles:
        index.add(story_doc(item))
    db = tmp_path / "old.db"
    with closing(sqlite3.connect(db, isolation_level=None)) as conn:
        migrate(conn, target=3)
        conn.execute("INSERT INTO story_index (id, state) VALUES (1, ?)",
                     (json.dumps(index.to_state()),))
    assert stored_index_state(db) == index.to_state()
    with closing(connect(db)) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "story_index" not in tables


def test_a_store_replaced_behind_our_back_is_read_again(tmp_path: Path) -> None:
    # This process keeps the index it wrote to a.db; then another program puts a
    # different store (same number of articles and runs) in its place.
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    for first, second, store in (("ferry-1.json", "ferry-2.json", a),
                                 ("school.json", "library.json", b)):
        add_inputs(store, inputs(first), OPTIONS)
        add_inputs(store, inputs(second), OPTIONS)
    shutil.copyfile(b, a)
    add_inputs(a, inputs("ferry-1.json"), OPTIONS)
    add_inputs(b, inputs("ferry-1.json"), OPTIONS)
    assert stored_index_state(a) == stored_index_state(b)
    once = analyze(inputs("school.json", "library.json", "ferry-1.json"), OPTIONS)
    assert without_stamp(load_report(a)) == without_stamp(once)


def test_a_changed_stored_annotation_is_read_again_not_reused(tmp_path: Path) -> None:
    # This process keeps recently decoded annotations; a row changed since must not be
    # served from that memory (here another program dropped an article's places).
    db = tmp_path / "s.db"
    add_inputs(db, inputs("ferry-1.json"), OPTIONS)
    add_inputs(db, inputs("ferry-2.json"), OPTIONS)  # decodes ferry-1 again for its story
    with closing(sqlite3.connect(db)) as conn, conn:
        aid, raw = conn.execute("SELECT article_id, data FROM annotations a JOIN articles r "
                                "ON r.id = a.article_id WHERE r.path LIKE '%ferry-1%'").fetchone()
        data = json.loads(raw)
        assert data["places"]
        data["places"] = []
        conn.execute("UPDATE annotations SET data = ? WHERE article_id = ?",
                     (json.dumps(data), aid))
    third = tmp_path / "ferry-3.json"
    third.write_text(json.dumps({
        "title": "Skerra ferry back in service", "publisher": "Harbour Times",
        "published_at": "2031-05-08", "url": "https://harbour-times.example/ferry-3",
        "content": "The Skerra ferry returned to service on Thursday after repairs to its "
                   "engine, the operator said. Passengers between Vesthamn and Skerra island "
                   "had waited since Friday."}), encoding="utf-8")
    add_inputs(db, [str(third)], OPTIONS)
    story = next(s for s in load_report(db).stories if aid in s.article_ids)
    assert len(story.article_ids) == 3
    assert not [m for p in story.places for m in p.mentions if m.article_id == aid]
