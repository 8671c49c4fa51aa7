"""Converting between the data model and the store's rows and JSON documents.

Annotations are stored as JSON; the latest report is stored flattened into readable
tables (for SQL users) plus one JSON document per story, from which `read_report`
rebuilds the exact report that was written.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from ..models import (
    AnnotatedArticle,
    Article,
    Claim,
    Conflict,
    Mention,
    Place,
    Report,
    Story,
    When,
)
from ..models.codec import annotated_from_dict

ARTICLE_COLUMNS = ("id", "path", "url", "outlet", "title", "byline", "published",
                   "published_from", "language", "text")


def dumps(value: Any) -> str:
    """Compact, deterministic JSON for a column."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def article_from_row(row: sqlite3.Row) -> Article:
    """An `Article` from a row of the articles table."""
    return Article(**{k: row[k] for k in ARTICLE_COLUMNS})


def annotated_from_row(row: sqlite3.Row) -> AnnotatedArticle:
    """An article and its annotations from a row of articles joined with annotations
    (``SELECT a.*, n.data ...``)."""
    return annotated_from_dict(json.loads(row["data"]), article_from_row(row))


# --- the report, flattened ----------------------------------------------------------

REPORT_TABLES = ("report", "report_articles", "stories", "story_articles", "claims", "mentions",
                 "sources", "conflicts", "conflict_sides", "timeline", "places")


def _when(when: When | None) -> tuple[str | None, str | None, str | None]:
    return (when.date, when.start, when.end) if when else (None, None, None)


def _insert(conn: sqlite3.Connection, table: str, row: dict[str, Any]) -> None:
    names = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", tuple(row.values()))


class _Rows:
    """A story's rows, table by table, written with one statement per table: a big story
    has thousands of mention rows, and one `execute` each was most of an add's writing."""

    def __init__(self, story_id: str) -> None:
        self.story_id = story_id
        self.tables: dict[str, list[dict[str, Any]]] = {}

    def add(self, table: str, **row: Any) -> None:
        """Queue one row (every row of a table has the same columns in the same order)."""
        self.tables.setdefault(table, []).append(row)

    def mentions(self, kind: str, owner: str, mentions: tuple[Mention, ...]) -> None:
        """Queue the mention rows of one claim, conflict side, timeline entry or place."""
        for pos, m in enumerate(mentions):
            date, start, end = _when(m.when)
            self.add("mentions", story_id=self.story_id, owner_kind=kind, owner_id=owner,
                     position=pos, article_id=m.article_id, start_offset=m.start,
                     end_offset=m.end, quote=m.quote, stance=m.stance,
                     source_id=m.source_id, attributed_as=m.attributed_as, when_date=date,
                     when_start=start, when_end=end)

    def write(self, conn: sqlite3.Connection) -> None:
        """Insert every queued row."""
        for table, rows in self.tables.items():
            names = list(rows[0])
            conn.executemany(
                f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                [tuple(row.values()) for row in rows])


def _claim(rows: _Rows, pos: int, claim: Claim) -> None:
    date, start, end = _when(claim.when)
    rows.add("claims", story_id=rows.story_id, position=pos, id=claim.id, text=claim.text,
             status=claim.status, outlets=claim.outlets,
             independent_sources=claim.independent_sources, when_date=date,
             when_start=start, when_end=end, place_ids=dumps(list(claim.place_ids)))
    rows.mentions("claim", claim.id, claim.mentions)


def _conflict(rows: _Rows, pos: int, conflict: Conflict) -> None:
    rows.add("conflicts", story_id=rows.story_id, position=pos, id=conflict.id,
             kind=conflict.kind, summary=conflict.summary,
             claim_ids=dumps(list(conflict.claim_ids)))
    for side_pos, side in enumerate(conflict.sides):
        rows.add("conflict_sides", story_id=rows.story_id, conflict_id=conflict.id,
                 position=side_pos, label=side.label, source_ids=dumps(list(side.source_ids)))
        rows.mentions("conflict_side", f"{conflict.id}#{side_pos}", side.mentions)


def _place(rows: _Rows, pos: int, place: Place) -> None:
    rows.add("places", story_id=rows.story_id, position=pos, id=place.id, name=place.name,
             lat=place.lat, lon=place.lon, country=place.country, admin1=place.admin1,
             feature=place.feature, gazetteer_id=place.gazetteer_id,
             aliases=dumps(list(place.aliases)))
    rows.mentions("place", place.id, place.mentions)


def write_story(conn: sqlite3.Connection, pos: int, story: Story) -> None:
    """Insert one story's rows at position ``pos`` (inside the caller's transaction)."""
    period = story.period or When()
    disputed = sum(1 for c in story.claims if c.status == "disputed")
    rows = _Rows(story.id)
    rows.add("stories", id=story.id, position=pos, title=story.title,
             period_date=period.date, period_start=period.start, period_end=period.end,
             article_count=len(story.article_ids), claim_count=len(story.claims),
             disputed_claims=disputed, conflict_count=len(story.conflicts),
             document=dumps(story.to_dict()))
    for i, aid in enumerate(story.article_ids):
        rows.add("story_articles", story_id=story.id, article_id=aid, position=i)
    for i, claim in enumerate(story.claims):
        _claim(rows, i, claim)
    for i, conflict in enumerate(story.conflicts):
        _conflict(rows, i, conflict)
    for i, entry in enumerate(story.timeline):
        date, start, end = _when(entry.when)
        rows.add("timeline", story_id=story.id, position=i, text=entry.text,
                 claim_id=entry.claim_id, when_date=date, when_start=start, when_end=end)
        rows.mentions("timeline", f"{story.id}#{i}", entry.mentions)
    for i, place in enumerate(story.places):
        _place(rows, i, place)
    for i, src in enumerate(story.sources):
        rows.add("sources", story_id=story.id, position=i, id=src.id, name=src.name,
                 kind=src.kind, aliases=dumps(list(src.aliases)), via=dumps(list(src.via)),
                 claim_ids=dumps(list(src.claim_ids)))
    rows.write(conn)
    # A claim's search row shares the claim row's rowid, so a story's can be deleted
    # directly.
    conn.execute("INSERT INTO claims_fts (rowid, claim_id, story_id, text) "
                 "SELECT rowid, id, story_id, text FROM claims WHERE story_id = ?",
                 (story.id,))


def write_report(conn: sqlite3.Connection, report: Report, run_id: int | None) -> None:
    """Replace the stored report with ``report`` (inside the caller's transaction)."""
    for table in REPORT_TABLES:
        conn.execute(f"DELETE FROM {table}")
    conn.execute("DELETE FROM claims_fts")
    _insert(conn, "report", dict(id=1, run_id=run_id, generated_at=report.generated_at,
                                 generator_version=report.generator_version))
    for pos, article in enumerate(report.articles):
        # The report may carry a publication window inferred from the story.
        _insert(conn, "report_articles", dict(
            position=pos, article_id=article.id, published=article.published,
            published_from=article.published_from))
    for pos, story in enumerate(report.stories):
        write_story(conn, pos, story)


STORY_TABLES = ("story_articles", "claims", "mentions", "sources", "conflicts",
                "conflict_sides", "timeline", "places")


def delete_stories(conn: sqlite3.Connection, story_ids: Sequence[str]) -> None:
    """Remove these stories' rows from the stored report (inside the caller's transaction)."""
    for sid in story_ids:
        conn.execute("DELETE FROM claims_fts WHERE rowid IN "
                     "(SELECT rowid FROM claims WHERE story_id = ?)", (sid,))
        for table in STORY_TABLES:
            conn.execute(f"DELETE FROM {table} WHERE story_id = ?", (sid,))
        conn.execute("DELETE FROM stories WHERE id = ?", (sid,))


def read_report(conn: sqlite3.Connection) -> Report | None:
    """The stored report, exactly as written; None when no report was stored yet."""
    head = conn.execute("SELECT generated_at, generator_version FROM report").fetchone()
    if head is None:
        return None
    rows = conn.execute(
        "SELECT a.*, r.published AS report_published, r.published_from AS report_from "
        "FROM report_articles r JOIN articles a ON a.id = r.article_id ORDER BY r.position")
    articles = []
    for row in rows:
        data = {k: row[k] for k in ARTICLE_COLUMNS}
        data.update(published=row["report_published"], published_from=row["report_from"])
        articles.append(Article(**data))
    docs = conn.execute("SELECT document FROM stories ORDER BY position")
    stories = [Story.from_dict(json.loads(doc)) for (doc,) in docs]
    return Report(tuple(articles), tuple(stories), head["generator_version"],
                  head["generated_at"])


def stored_claims(conn: sqlite3.Connection, story_ids: Sequence[str] | None = None,
                  ) -> dict[str, tuple[str, str]]:
    """Claim id -> (story id, text) of the stored report (or of the given stories)."""
    if story_ids is None:
        rows = conn.execute("SELECT id, story_id, text FROM claims ORDER BY story_id, position")
        return {cid: (sid, text) for cid, sid, text in rows}
    out: dict[str, tuple[str, str]] = {}
    for sid in sorted(story_ids):
        rows = conn.execute("SELECT id, text FROM claims WHERE story_id = ? ORDER BY position",
                            (sid,))
        out.update({cid: (sid, text) for cid, text in rows})
    return out
