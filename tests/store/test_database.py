"""The store: migrations, add/re-add, versions, crash safety, search, corrupt files."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from rashomon.engine.pipeline import analyze, annotate_inputs
from rashomon.models import Report
from rashomon.models.codec import annotated_from_dict, annotated_to_dict
from rashomon.options import Options
from rashomon.report.assemble import report_json
from rashomon.store.database import (
    PAUSE_ENV,
    SCHEMA_VERSION,
    StoreError,
    add_inputs,
    connect,
    load_report,
    migrate,
    schema_version,
    search,
)

from ..conftest import FIXTURES

CORPUS = FIXTURES / "corpus"
OPTIONS = Options(workers=1, show_progress=False)


def dump(db: Path) -> list[str]:
    """Every row of every table, as SQL (FTS shadow tables included)."""
    with closing(sqlite3.connect(db)) as conn:
        return list(conn.iterdump())


def without_stamp(report: Report) -> dict[str, object]:
    data = json.loads(report_json(report))
    data.pop("generated_at", None)
    return data


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the small fixture corpus (built once for this module)."""
    db = tmp_path_factory.mktemp("store") / "corpus.db"
    add_inputs(db, [str(CORPUS)], OPTIONS)
    return db


def test_new_store_is_at_latest_schema(tmp_path: Path) -> None:
    with closing(connect(tmp_path / "new.db")) as conn:
        assert schema_version(conn) == SCHEMA_VERSION
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert {"articles", "annotations", "index_stories", "claims", "mentions", "conflict_sides",
            "claim_lifecycle", "runs", "articles_fts", "claims_fts"} <= names


def test_v1_store_is_migrated_and_indexed(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with closing(sqlite3.connect(db, isolation_level=None)) as conn:
        migrate(conn, target=1)
        conn.execute("INSERT INTO runs (started_at, command, inputs) VALUES ('t', 'add', '[]')")
        conn.execute("INSERT INTO articles (id, path, text, content_hash, first_seen_run) "
                     "VALUES ('a-1', 'x.txt', 'The ferry ran aground near Skerra.', 'h', 1)")
        conn.execute("INSERT INTO claims (story_id, position, id, text, status) "
                     "VALUES ('s-1', 0, 'c-1', 'The ferry ran aground', 'disputed')")
        assert schema_version(conn) == 1
    with closing(connect(db)) as conn:
        assert schema_version(conn) == SCHEMA_VERSION
    hits = search(db, "aground")
    assert {(h.kind, h.id) for h in hits} == {("article", "a-1"), ("claim", "c-1")}


def test_annotations_round_trip_with_tokens() -> None:
    result = annotate_inputs([str(CORPUS)], OPTIONS)
    for item in result.articles:
        data = json.loads(json.dumps(annotated_to_dict(item)))
        back = annotated_from_dict(data)
        assert back == item
        assert back.tokens == item.tokens and item.tokens


def test_stored_report_exports_as_written(corpus_db: Path) -> None:
    report = load_report(corpus_db)
    assert len(report.articles) == 2 and report.stories
    again = Report.from_dict(json.loads(report_json(report)))
    assert report_json(again) == report_json(report)


def test_readding_changes_nothing(corpus_db: Path) -> None:
    before = dump(corpus_db)
    result = add_inputs(corpus_db, [str(CORPUS / "lighthouse.txt")], OPTIONS)
    assert result.run_id is None and not result.added
    assert dump(corpus_db) == before


def test_changed_text_is_a_new_version(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(CORPUS, folder)
    db = tmp_path / "v.db"
    add_inputs(db, [str(folder)], OPTIONS)
    page = folder / "lighthouse.txt"
    page.write_text(page.read_text().replace("Sunday morning", "Monday evening"))
    result = add_inputs(db, [str(folder)], OPTIONS)
    assert len(result.new_versions) == 1 and not result.added
    with closing(connect(db)) as conn:
        rows = conn.execute("SELECT version, is_current FROM articles WHERE address = "
                            "'lighthouse.txt' ORDER BY version").fetchall()
        events = conn.execute("SELECT event, claim_text FROM claim_lifecycle WHERE run_id = ?",
                              (result.run_id,)).fetchall()
    assert [tuple(r) for r in rows] == [(1, 0), (2, 1)]
    assert any(e == "added" and "Monday evening" in t for e, t in events)
    assert any(e == "withdrawn" and "Sunday morning" in t for e, t in events)
    report = load_report(db)
    assert result.new_versions[0] in {a.id for a in report.articles}
    assert len(report.articles) == 2


def test_search_finds_a_claim_by_a_word(corpus_db: Path) -> None:
    hits = search(corpus_db, "power")
    claims = [h for h in hits if h.kind == "claim"]
    assert claims and all("[power]" in h.snippet for h in claims)
    assert search(corpus_db, 'power" OR -') == search(corpus_db, 'power" OR -')  # no syntax error
    assert search(corpus_db, "zeppelin") == []


def test_corrupt_file_is_refused_and_untouched(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database at all\n" * 200)
    before = bad.read_bytes()
    with pytest.raises(StoreError, match="bad.db"):
        connect(bad)
    assert bad.read_bytes() == before
    proc = subprocess.run([sys.executable, "-m", "rashomon", "export", "--db", str(bad)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert "bad.db" in proc.stderr and "Traceback" not in proc.stderr
    assert bad.read_bytes() == before


def test_other_sqlite_file_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with closing(sqlite3.connect(other)) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
        conn.commit()
    before = other.read_bytes()
    with pytest.raises(StoreError, match="not a Rashomon database"):
        connect(other)
    assert other.read_bytes() == before


def test_killed_add_leaves_previous_state(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    add_inputs(db, [str(CORPUS / "lighthouse.txt")], OPTIONS)
    before = load_report(db)
    env = {**os.environ, PAUSE_ENV: "60"}
    proc = subprocess.Popen([sys.executable, "-m", "rashomon", "add", "--db", str(db), "-q",
                             str(CORPUS / "lighthouse-2.md")], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    journal = db.with_name(db.name + "-journal")
    deadline = time.monotonic() + 120
    try:
        # The rollback journal appears with the transaction's first write.
        while not journal.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert journal.exists(), "the add never began writing"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM runs").fetchone()[0] == 1
    assert report_json(load_report(db)) == report_json(before)


def test_three_batches_give_the_one_batch_report(shared: Path, tmp_path: Path) -> None:
    folder = shared / "eval" / "dev" / "articles"
    files = sorted(str(p) for p in folder.iterdir() if p.is_file())
    db = tmp_path / "dev.db"
    third = -(-len(files) // 3)
    for start in range(0, len(files), third):
        add_inputs(db, files[start:start + third], OPTIONS)
    once = analyze([str(folder)], OPTIONS)
    assert without_stamp(load_report(db)) == without_stamp(once)
    with closing(connect(db)) as conn:
        assert conn.execute("SELECT count(*) FROM runs").fetchone()[0] == 3


def test_a_store_changed_by_someone_else_is_checked_again(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    add_inputs(db, [str(CORPUS)], OPTIONS)
    connect(db).close()  # found intact: not read through again while unchanged
    time.sleep(0.05)  # a later modification time than this process's own last write
    with closing(sqlite3.connect(db)) as conn:
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    with db.open("r+b") as handle:  # another program scribbles over a page in the middle
        handle.seek(page * (pages // 2))
        handle.write(b"\xff" * 200)
    with pytest.raises(StoreError, match="c.db: .*(corrupt|malformed)"):
        connect(db)
