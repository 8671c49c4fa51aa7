"""Adding to a store without reloading it: only the stories that new articles touch are
cross-checked and rewritten.

A story's part of the report depends only on its members (their annotations and the
dates their story infers for the undated ones) and on the corpus's outlet names (an
outlet a speaker names makes that speaker a medium). New articles that join or start
stories therefore leave every other story as stored, except stories whose articles name
an outlet that arrives with them; those are checked again too. The result equals
checking everything again (`store.add_inputs` falls back to that when an article
replaces an earlier version, or when the stored report comes from another version).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from .. import __version__
from ..common.recent import Recent, digest
from ..engine.pipeline import Analyzer, date_order
from ..models import AnnotatedArticle, Article, Problem, Story
from ..stories.clustering import StoryIndex
from .index import has_index, load_index, stored_meta
from .rows import annotated_from_row, delete_stories, write_story
from .schema import database_file

# SQLite allows at least 999 bound parameters per statement.
_CHUNK = 500


@dataclass(frozen=True, slots=True)
class Delta:
    """What adding some articles changes in the stored report."""

    stories: list[Story]  # touched stories, as checked now
    replaced: list[str]  # ids of the stored stories they replace
    articles: dict[str, Article]  # touched stories' articles, as the report shows them
    notes: list[Problem]  # publication windows inferred for the touched stories


def can_add_incrementally(conn: sqlite3.Connection) -> bool:
    """Whether the store holds a story index and a report this version of Rashomon wrote."""
    head = conn.execute("SELECT generator_version FROM report").fetchone()
    return head is not None and has_index(conn) and head[0] == __version__


@dataclass(frozen=True, slots=True)
class _Held:
    """A story index this process stored, with the meta row it wrote (a fresh token in
    that row tells whether anything else has written since)."""

    meta: str
    index: StoryIndex
    outlets: frozenset[str]


# Per store file: a server adding to one store keeps its index in memory instead of
# reading ~100,000 rows again for every upload. Taken out while in use, put back only
# after a commit, so an add that fails leaves nothing half-changed here.
_HELD: dict[str, _Held] = {}
_HOLD_AT_MOST = 4


def stored_analyzer(conn: sqlite3.Connection, analyzer: Analyzer) -> Analyzer:
    """Give ``analyzer`` the stored story index and outlet names, but no annotations."""
    held = _HELD.pop(database_file(conn), None)
    if held is not None and held.meta == stored_meta(conn):
        analyzer.index, analyzer.other_outlets = held.index, set(held.outlets)
        return analyzer
    index = load_index(conn)
    assert index is not None, "checked by can_add_incrementally"
    analyzer.index = index
    rows = conn.execute("SELECT DISTINCT outlet FROM articles "
                        "WHERE is_current = 1 AND outlet IS NOT NULL")
    analyzer.other_outlets = {outlet for (outlet,) in rows if outlet}
    return analyzer


def hold_index(conn: sqlite3.Connection, analyzer: Analyzer, meta: str | None) -> None:
    """Keep the index just committed for this process's next add to the same store;
    ``meta`` is the index's meta row as this add wrote it (read before the commit, as
    another writer may commit right after)."""
    if meta is None:
        return
    while len(_HELD) >= _HOLD_AT_MOST:  # a program adding to many stores keeps the latest
        del _HELD[next(iter(_HELD))]
    _HELD[database_file(conn)] = _Held(meta, analyzer.index, frozenset(analyzer.outlets()))


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start:start + _CHUNK]


# Decoded stored annotations of the articles of recently checked stories (~0.3 MB each).
_RECENT_ANNOTATIONS: Recent[bytes, AnnotatedArticle] = Recent(1000)


def _load_annotations(conn: sqlite3.Connection, analyzer: Analyzer, ids: Iterable[str]) -> None:
    missing = [aid for aid in dict.fromkeys(ids) if aid not in analyzer.annotated]
    for chunk in _chunks(missing):
        marks = ", ".join("?" for _ in chunk)
        rows = conn.execute(
            "SELECT a.*, n.data FROM articles a JOIN annotations n ON n.article_id = a.id "
            f"WHERE a.id IN ({marks})", tuple(chunk))
        for row in rows:
            item = _annotated(row)
            analyzer.annotated[item.article.id] = item


def _annotated(row: sqlite3.Row) -> AnnotatedArticle:
    """`annotated_from_row`, decoded again only when this exact row was not just seen."""
    return _RECENT_ANNOTATIONS.get_or_make(digest(tuple(row)), lambda: annotated_from_row(row))


def _naming(conn: sqlite3.Connection, outlets: set[str], skip: set[str]) -> set[str]:
    """Stored current articles whose text names one of ``outlets`` (as `speaker_kind`
    compares them: lower-cased substrings)."""
    wanted = [o.lower() for o in outlets]
    found = set()
    for aid, text in conn.execute("SELECT id, text FROM articles WHERE is_current = 1"):
        lower = text.lower()
        if aid not in skip and any(o in lower for o in wanted):
            found.add(aid)
    return found


def touched_stories(conn: sqlite3.Connection, analyzer: Analyzer, fresh: Sequence[Article],
                    ) -> Delta:
    """Place ``fresh`` (not yet stored) with ``analyzer`` (from `stored_analyzer`) and
    check again the stories they join, start, or change by a new outlet name."""
    sizes = [len(c.ids) for c in analyzer.index.clusters]
    new_outlets = {a.outlet for a in fresh if a.outlet} - analyzer.other_outlets
    analyzer.add_articles(fresh)
    clusters = analyzer.index.clusters
    touched = {cid for cid, c in enumerate(clusters)
               if cid >= len(sizes) or len(c.ids) != sizes[cid]}
    if new_outlets:
        naming = _naming(conn, new_outlets, {a.id for a in fresh})
        touched |= {cid for cid, c in enumerate(clusters) if naming.intersection(c.ids)}
    old_members = [clusters[cid].ids[0] for cid in sorted(touched) if cid < len(sizes)]
    replaced = _stories_of(conn, old_members)
    groups = [clusters[cid].ids for cid in sorted(touched)]
    _load_annotations(conn, analyzer, (aid for ids in groups for aid in ids))
    stories, articles, notes = analyzer.check(analyzer.ordered(groups))
    return Delta(stories, replaced, articles, notes)


def _stories_of(conn: sqlite3.Connection, article_ids: Sequence[str]) -> list[str]:
    found: dict[str, None] = {}
    for aid in article_ids:
        row = conn.execute("SELECT story_id FROM story_articles WHERE article_id = ?",
                           (aid,)).fetchone()
        if row is not None:
            found[row[0]] = None
    return list(found)


def write_delta(conn: sqlite3.Connection, delta: Delta, fresh: Sequence[Article],
                run: tuple[int | None, str]) -> None:
    """Replace the touched stories' rows, add the new articles to the report's article
    list, and renumber the stories (inside the caller's transaction)."""
    run_id, generated_at = run
    delete_stories(conn, delta.replaced)
    for story in delta.stories:
        write_story(conn, 0, story)  # positions are set by `_renumber`
    _renumber(conn)
    _report_articles(conn, delta.articles, fresh)
    conn.execute("UPDATE report SET run_id = ?, generated_at = ?", (run_id, generated_at))


def _renumber(conn: sqlite3.Connection) -> None:
    """Stories in the order `Analyzer.ordered` gives: by their first article's date."""
    rows = conn.execute(
        "SELECT s.id, s.position, a.published, a.path, a.id FROM stories s "
        "JOIN story_articles sa ON sa.story_id = s.id AND sa.position = 0 "
        "JOIN articles a ON a.id = sa.article_id").fetchall()
    rows.sort(key=lambda r: date_order(r[2], r[3], r[4]))
    moved = [(pos, r[0]) for pos, r in enumerate(rows) if r[1] != pos]
    conn.executemany("UPDATE stories SET position = ? WHERE id = ?", moved)


def _report_articles(conn: sqlite3.Connection, articles: dict[str, Article],
                     fresh: Sequence[Article]) -> None:
    new = {a.id for a in fresh}
    conn.executemany(
        "UPDATE report_articles SET published = ?, published_from = ? WHERE article_id = ?",
        [(a.published, a.published_from, aid) for aid, a in articles.items() if aid not in new])
    (last,) = conn.execute("SELECT coalesce(max(position), -1) FROM report_articles").fetchone()
    conn.executemany(
        "INSERT INTO report_articles (position, article_id, published, published_from) "
        "VALUES (?, ?, ?, ?)",
        [(last + 1 + k, a.id, articles.get(a.id, a).published,
          articles.get(a.id, a).published_from)
         for k, a in enumerate(fresh)])  # an article in no story (not analysed) as it is
