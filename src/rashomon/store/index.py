"""The story index in the store: one row per story and per term, so that adding an
article rewrites only the rows it changed (the whole index of a 20k-article store is
~10 MB of JSON)."""

from __future__ import annotations

import json
import sqlite3
import uuid
from typing import Any

from ..stories.clustering import FAMILIES, StoryIndex
from .rows import dumps

TABLES = [
    "CREATE TABLE index_meta (id INTEGER PRIMARY KEY CHECK (id = 1), state TEXT NOT NULL)",
    """CREATE TABLE index_terms (family TEXT NOT NULL, term TEXT NOT NULL,
        df INTEGER NOT NULL, PRIMARY KEY (family, term)) WITHOUT ROWID""",
    "CREATE TABLE index_stories (cid INTEGER PRIMARY KEY, state TEXT NOT NULL)",
]


def _meta_text(meta: dict[str, Any]) -> str:
    # A fresh token on every write: a process that keeps the index it wrote in memory
    # can tell whether anything (another process, a copied file) wrote since.
    return dumps({**meta, "written": uuid.uuid4().hex})


def stored_meta(conn: sqlite3.Connection) -> str | None:
    """The index's meta row as stored (changes with every write)."""
    row = conn.execute("SELECT state FROM index_meta").fetchone()
    return None if row is None else str(row[0])


def write_state(conn: sqlite3.Connection, state: dict[str, Any]) -> None:
    """Replace the stored index with a `StoryIndex.to_state` dict (also used to migrate
    stores that kept it as one document)."""
    clusters = state.pop("clusters")
    df = state.pop("df")
    for table in ("index_meta", "index_terms", "index_stories"):
        conn.execute(f"DELETE FROM {table}")
    conn.execute("INSERT INTO index_meta (id, state) VALUES (1, ?)", (_meta_text(state),))
    conn.executemany("INSERT INTO index_terms (family, term, df) VALUES (?, ?, ?)",
                     [(f, t, n) for f, counts in df.items() for t, n in counts.items()])
    conn.executemany("INSERT INTO index_stories (cid, state) VALUES (?, ?)",
                     [(cid, dumps(c)) for cid, c in enumerate(clusters)])


def save_index(conn: sqlite3.Connection, index: StoryIndex, whole: bool) -> None:
    """Store ``index``: all of it, or only what changed since it was loaded or saved."""
    if whole:
        write_state(conn, index.to_state())
        index.mark_saved()
        return
    conn.execute("UPDATE index_meta SET state = ? WHERE id = 1",
                 (_meta_text(index.to_state_meta()),))
    conn.executemany(
        "INSERT OR REPLACE INTO index_terms (family, term, df) VALUES (?, ?, ?)",
        [(f, t, index.df[f][t]) for f in FAMILIES for t in sorted(index.counted[f])])
    conn.executemany(
        "INSERT OR REPLACE INTO index_stories (cid, state) VALUES (?, ?)",
        [(cid, dumps(c.to_state())) for cid, c in enumerate(index.clusters) if c.changed])
    index.mark_saved()


def has_index(conn: sqlite3.Connection) -> bool:
    """Whether the store holds a story index."""
    return conn.execute("SELECT 1 FROM index_meta").fetchone() is not None


def load_index(conn: sqlite3.Connection) -> StoryIndex | None:
    """The stored story index (None when nothing was stored yet)."""
    row = conn.execute("SELECT state FROM index_meta").fetchone()
    if row is None:
        return None
    state = json.loads(row[0])
    df: dict[str, dict[str, int]] = {f: {} for f in FAMILIES}
    state["df"] = df
    for family, term, count in conn.execute("SELECT family, term, df FROM index_terms"):
        df.setdefault(family, {})[term] = count
    rows = conn.execute("SELECT state FROM index_stories ORDER BY cid")
    state["clusters"] = [json.loads(text) for (text,) in rows]
    return StoryIndex.from_state(state)
