"""Several writers on one store, as real processes: no article lost or placed twice, and a
writer that waits too long for the lock ends with one clear line, not a traceback."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

from rashomon.store.database import PAUSE_ENV

PLACES = ["Kelp Point", "Harbourton", "Riverton"]


def _write_articles(folder: Path, writer: int, count: int) -> list[Path]:
    """Short reports of one ferry grounding, a few per writer (written for this test)."""
    folder.mkdir(parents=True)
    paths = []
    for i in range(count):
        path = folder / f"w{writer}-{i}.txt"
        path.write_text(
            f"Ferry aground near {PLACES[i % 3]}\n\n"
            f"The ferry Northern Star ran aground near Kelp Point on 4 March 2024 with "
            f"{200 + writer * 10 + i} passengers aboard, the coast guard said. "
            f"Report {writer}-{i}: divers will examine the hull, the harbour master said.\n")
        paths.append(path)
    return paths


def _add(db: Path, paths: list[Path], *extra: str,
         env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "rashomon", "add", "--db", str(db), "-q", "--no-cache",
         *extra, *map(str, paths)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, **(env or {})})


def _placement(db: Path) -> tuple[int, list[tuple[str, int]]]:
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        (articles,) = conn.execute("SELECT count(*) FROM articles").fetchone()
        placed = conn.execute(
            "SELECT a.id, count(s.story_id) FROM articles a "
            "LEFT JOIN story_articles s ON s.article_id = a.id GROUP BY a.id").fetchall()
    return articles, placed


def test_parallel_adds_place_every_article_in_exactly_one_story(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    batches = [_write_articles(tmp_path / f"w{w}", w, 4) for w in range(3)]
    procs = [_add(db, paths) for paths in batches]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert "Traceback" not in err
    articles, placed = _placement(db)
    assert articles == 12
    assert all(count == 1 for _, count in placed), placed
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT count(*) FROM runs").fetchone()[0] == 3
        assert conn.execute("SELECT count(*) FROM report_articles").fetchone()[0] == 12


def test_a_writer_held_up_too_long_gives_one_clear_line(tmp_path: Path) -> None:
    db = tmp_path / "busy.db"
    first = _write_articles(tmp_path / "a", 0, 1)
    second = _write_articles(tmp_path / "b", 1, 1)
    holder = _add(db, first, env={PAUSE_ENV: "60"})
    journal = db.with_name(db.name + "-journal")
    try:
        deadline = time.monotonic() + 120
        while not journal.exists() and holder.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert journal.exists(), "the first add never began writing"
        waiter = _add(db, second, "--lock-timeout", "1")
        _, err = waiter.communicate(timeout=120)
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.communicate()
    assert waiter.returncode == 1
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and "busy.db: another process" in lines[0]
    assert "gave up after waiting 1 s (--lock-timeout)" in lines[0]


def test_processes_creating_one_new_store_at_once_all_open_it(tmp_path: Path) -> None:
    opener = ("import sys\nfrom rashomon.store.schema import connect\n"
              "connect(sys.argv[1]).close()\n")
    for round_ in range(3):
        db = tmp_path / f"new-{round_}.db"
        procs = [subprocess.Popen([sys.executable, "-c", opener, str(db)],
                                  stderr=subprocess.PIPE, text=True) for _ in range(6)]
        for proc in procs:
            _, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err
