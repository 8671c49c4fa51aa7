"""A bounded fault test of the store: three writer processes add ten batches each, one
of them killed at a random point and started again. Afterwards every article is in
exactly one story, the report is the one `analyze` makes of the same articles, the
file is intact and no process is left."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

from rashomon.engine.pipeline import analyze
from rashomon.models import Report
from rashomon.options import Options
from rashomon.report.assemble import report_json
from rashomon.store.database import load_report

WRITERS, BATCHES = 3, 10
OPTIONS = Options(workers=1, show_progress=False, cache=False)
# A writer: one process adding its batches one after the other (models loaded once).
WRITER = textwrap.dedent("""
    import sys
    from rashomon.options import Options
    from rashomon.store.database import add_inputs

    options = Options(workers=1, show_progress=False, cache=False)
    for folder in sys.argv[2:]:
        add_inputs(sys.argv[1], [folder], options)
""")
_LETTERS = "bcdfghklmnprstvz"
_VOWELS = "aeiou"


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_LETTERS) + rng.choice(_VOWELS) for _ in range(rng.randint(2, 4)))


def _report(rng: random.Random, day: date, words: list[str], names: list[str]) -> str:
    """Two reports of one event share its made-up names, words and day, and nothing
    else with any other event: each batch is one story, whatever the order of adds."""
    sentences = [f"{names[0].title()} {names[1].title()} said the {words[0]} of "
                 f"{names[2].title()} was {words[1]} on {day:%d %B %Y}."]
    sentences += [f"The {rng.choice(words)} {rng.choice(words)} {rng.choice(words)} in "
                  f"{rng.choice(names).title()}." for _ in range(4)]
    return f"{names[2].title()} {words[0]}\n\n" + " ".join(sentences) + "\n"


def _batches(root: Path) -> list[list[Path]]:
    """Per writer, ten folders of two reports of one event."""
    rng = random.Random(2025)
    out = []
    for w in range(WRITERS):
        folders = []
        for b in range(BATCHES):
            folder = root / f"w{w}b{b}"
            folder.mkdir(parents=True)
            day = date(2020, 1, 1) + timedelta(days=40 * (w * BATCHES + b))
            words = [_word(rng) for _ in range(8)]
            names = [_word(rng) for _ in range(3)]
            for i in range(2):
                (folder / f"w{w}b{b}-{i}.txt").write_text(_report(rng, day, words, names))
            folders.append(folder)
        out.append(folders)
    return out


def _start(db: Path, folders: list[Path]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", WRITER, str(db), *map(str, folders)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=os.environ.copy())


def _without_stamp(report: Report) -> dict[str, object]:
    data = json.loads(report_json(report))
    data.pop("generated_at", None)
    data.pop("problems", None)
    return data


def test_parallel_writers_killed_at_random_leave_one_consistent_store(tmp_path: Path) -> None:
    db = tmp_path / "faults.db"
    batches = _batches(tmp_path / "in")
    procs = [_start(db, folders) for folders in batches]
    victim = random.Random(25).randrange(WRITERS)
    time.sleep(random.Random(25).uniform(8, 20))  # somewhere in its loading or adding
    procs[victim].send_signal(signal.SIGKILL)
    procs[victim].wait()
    procs[victim] = _start(db, batches[victim])  # again: stored batches change nothing
    for proc in procs:
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err.decode()
    assert all(proc.poll() is not None for proc in procs)
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        placed = conn.execute("SELECT a.path, count(s.story_id) FROM articles a LEFT JOIN "
                              "story_articles s ON s.article_id = a.id GROUP BY a.id "
                              "ORDER BY a.rowid").fetchall()
    assert len(placed) == WRITERS * BATCHES * 2
    assert all(count == 1 for _, count in placed), placed
    by_name = {p.name: p for folders in batches for f in folders for p in f.iterdir()}
    once = analyze([str(by_name[path]) for path, _ in placed], OPTIONS)
    assert _without_stamp(load_report(db)) == _without_stamp(once)
