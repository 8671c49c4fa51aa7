"""Read-only queries the pages and the API need, straight from the store's tables.

A story page reads one story document and its articles, not the whole report, so
it stays fast however large the database grows.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..models import Article, Report, Story
from ..store.database import SearchHit, connect, search
from ..store.rows import ARTICLE_COLUMNS, read_report
from .errors import BadQueryError, NotFoundError

MAX_QUERY = 200  # characters; longer queries are refused rather than truncated


@dataclass(frozen=True, slots=True)
class StorySummary:
    """One line of the story list."""

    id: str
    title: str
    period: str
    articles: int
    claims: int
    disputed: int
    conflicts: int
    outlets: int = 0

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data."""
        return {"id": self.id, "title": self.title, "period": self.period,
                "articles": self.articles, "outlets": self.outlets, "claims": self.claims,
                "disputed_claims": self.disputed, "conflicts": self.conflicts}


def content_version(db: str | Path) -> tuple[int, ...]:
    """What changes whenever the store's content does: the file's identity, size and
    modification time (every commit writes the file). Read before the data it versions,
    so a page rendered during a commit is kept under the version it started from."""
    try:
        st = os.stat(db)
    except OSError:
        return ()
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


@contextmanager
def opened(db: str | Path) -> Iterator[sqlite3.Connection]:
    """A connection to an existing store, closed afterwards."""
    with closing(connect(db, create=False)) as conn:
        yield conn


def list_stories(db: str | Path) -> list[StorySummary]:
    """Every story of the stored report, in report order."""
    with opened(db) as conn:
        # An article with no outlet is its own publisher, as the report names it.
        outlets = dict(conn.execute(
            "SELECT s.story_id, COUNT(DISTINCT coalesce(a.outlet, a.path, a.id)) "
            "FROM story_articles s JOIN articles a ON a.id = s.article_id "
            "GROUP BY s.story_id").fetchall())
        rows = conn.execute(
            "SELECT id, title, period_date, period_start, period_end, article_count, "
            "claim_count, disputed_claims, conflict_count FROM stories ORDER BY position")
        return [StorySummary(r["id"], r["title"],
                             r["period_date"] or " – ".join(
                                 x for x in (r["period_start"], r["period_end"]) if x),
                             r["article_count"] or 0, r["claim_count"] or 0,
                             r["disputed_claims"] or 0, r["conflict_count"] or 0,
                             outlets.get(r["id"], 0))
                for r in rows]


def _documents(conn: sqlite3.Connection, story_ids: list[str]) -> list[Story]:
    """The stories with these ids, in report order."""
    marks = ", ".join("?" for _ in story_ids)
    rows = conn.execute(f"SELECT document FROM stories WHERE id IN ({marks}) "
                        "ORDER BY position", story_ids)
    return [Story.from_dict(json.loads(r["document"])) for r in rows]


def stories_with_article(db: str | Path, article_id: str) -> list[Story]:
    """The stories an article is in, whole (claims, conflicts, sources)."""
    with opened(db) as conn:
        ids = [r[0] for r in conn.execute(
            "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,))]
        return _documents(conn, ids)


def stories_with_source(db: str | Path, source_id: str) -> tuple[list[Story], dict[str, Article]]:
    """The stories that quote a source, and their articles; `NotFoundError` when none does."""
    with opened(db) as conn:
        ids = [r[0] for r in conn.execute(
            "SELECT DISTINCT story_id FROM sources WHERE id = ?", (source_id,))]
        if not ids:
            raise NotFoundError(f"no source {source_id!r}")
        stories = _documents(conn, ids)
        wanted = {m.article_id for s in stories for c in s.claims for m in c.mentions
                  if m.source_id == source_id}
        marks = ", ".join("?" for _ in wanted)
        rows = conn.execute(
            "SELECT a.*, r.published AS report_published, r.published_from AS report_from "
            "FROM articles a LEFT JOIN report_articles r ON r.article_id = a.id "
            f"WHERE a.id IN ({marks})", sorted(wanted))
        return stories, {a.id: a for a in map(_article, rows)}


def _article(row: sqlite3.Row) -> Article:
    data = {k: row[k] for k in ARTICLE_COLUMNS}
    # Every query here joins report_articles: the report may carry an inferred date.
    if row["report_published"]:
        data.update(published=row["report_published"], published_from=row["report_from"])
    return Article(**data)


def load_story(db: str | Path, story_id: str) -> tuple[Story, dict[str, Article]]:
    """One story and its articles by id; `NotFoundError` when there is no such story."""
    with opened(db) as conn:
        row = conn.execute("SELECT document FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no story {story_id!r}")
        story = Story.from_dict(json.loads(row["document"]))
        rows = conn.execute(
            "SELECT a.*, r.published AS report_published, r.published_from AS report_from "
            "FROM story_articles s JOIN articles a ON a.id = s.article_id "
            "LEFT JOIN report_articles r ON r.article_id = a.id "
            "WHERE s.story_id = ? ORDER BY s.position", (story_id,))
        return story, {a.id: a for a in map(_article, rows)}


def load_article(db: str | Path, article_id: str) -> tuple[Article, list[StorySummary]]:
    """One stored article (any version) and the stories it is in."""
    with opened(db) as conn:
        row = conn.execute(
            "SELECT a.*, r.published AS report_published, r.published_from AS report_from "
            "FROM articles a LEFT JOIN report_articles r ON r.article_id = a.id "
            "WHERE a.id = ?", (article_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no article {article_id!r}")
        ids = [r[0] for r in conn.execute(
            "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,))]
    stories = [s for s in list_stories(db) if s.id in ids]
    return _article(row), stories


def story_of(db: str | Path, article_id: str) -> str | None:
    """The id of the story an article is in (None when it is in none)."""
    with opened(db) as conn:
        row = conn.execute("SELECT story_id FROM story_articles WHERE article_id = ?",
                           (article_id,)).fetchone()
    return row[0] if row else None


def load_report(db: str | Path) -> Report | None:
    """The whole stored report (None when nothing was added yet)."""
    with opened(db) as conn:
        return read_report(conn)


def find(db: str | Path, query: str, limit: int = 30) -> list[dict[str, Any]]:
    """Full-text search over claims and articles; `BadQueryError` for empty or long queries."""
    if not query.strip():
        raise BadQueryError("the search query is empty")
    if len(query) > MAX_QUERY:
        raise BadQueryError(f"the search query is longer than {MAX_QUERY} characters")
    with opened(db) as conn:
        hits = search(conn, query, limit)
        return [_hit(conn, h) for h in hits]


def _hit(conn: sqlite3.Connection, hit: SearchHit) -> dict[str, Any]:
    story_id = hit.story_id
    title = None
    if hit.kind == "article":
        row = conn.execute("SELECT s.story_id, a.title FROM articles a LEFT JOIN story_articles s "
                           "ON s.article_id = a.id WHERE a.id = ?", (hit.id,)).fetchone()
        story_id, title = (row[0], row[1]) if row else (None, None)
    return {"kind": hit.kind, "id": hit.id, "story_id": story_id, "title": title,
            "snippet": hit.snippet, "rank": hit.rank}
