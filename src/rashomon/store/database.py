"""A SQLite store that grows: articles, annotations, the story index and the latest report.

`add_inputs` loads the analysis state from the store (nothing stored is annotated
again), adds new articles, re-checks the stories and writes everything in one
transaction, so a killed run leaves the previous state intact. Schema and migrations
live in `store_schema`, row conversions in `store_io`.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..common.heap import long_lived
from ..engine.pipeline import Analyzer
from ..ingest import ingest
from ..ingest.language import is_analysed
from ..models import Article, Problem, Report
from ..models.codec import annotated_to_dict
from ..options import Options
from ..report.assemble import utc_now
from ..stories.clustering import StoryIndex, canonical_order, story_doc
from .incremental import (
    can_add_incrementally,
    hold_index,
    stored_analyzer,
    touched_stories,
    write_delta,
)
from .index import load_index, save_index, stored_meta
from .rows import (
    annotated_from_row,
    dumps,
    read_report,
    stored_claims,
    write_report,
)
from .schema import (
    SCHEMA_VERSION,
    StoreError,
    busy,
    connect,
    database_file,
    is_locked,
    migrate,
    note_written,
    schema_version,
)

__all__ = ["DEFAULT_DB", "SCHEMA_VERSION", "AddResult", "SearchHit", "StoreError", "StoreTotals",
           "add_inputs", "connect", "load_analyzer",
           "load_report", "migrate", "read_totals", "schema_version", "search"]

log = logging.getLogger(__name__)

DEFAULT_DB = "rashomon.db"
PAUSE_ENV = "RASHOMON_TEST_PAUSE_IN_TRANSACTION"


@dataclass(slots=True)
class AddResult:
    """What one `add` did; ``run_id`` is None when nothing was new (nothing was written)."""

    run_id: int | None
    added: list[str] = field(default_factory=list)
    new_versions: list[str] = field(default_factory=list)
    claims_added: list[str] = field(default_factory=list)
    claims_withdrawn: list[str] = field(default_factory=list)
    totals: StoreTotals | None = None  # None while the store holds no report
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class StoreTotals:
    """Counts over the stored report (what `rashomon add` prints after a run)."""

    articles: int
    stories: int
    claims: int
    disputed: int
    conflicts: dict[str, int]  # conflict kind -> how many


def read_totals(conn: sqlite3.Connection) -> StoreTotals | None:
    """Totals of the stored report, counted in SQL (nothing is loaded)."""
    if conn.execute("SELECT 1 FROM report").fetchone() is None:
        return None
    (articles,) = conn.execute("SELECT count(*) FROM report_articles").fetchone()
    stories, claims, disputed = conn.execute(
        "SELECT count(*), coalesce(sum(claim_count), 0), coalesce(sum(disputed_claims), 0) "
        "FROM stories").fetchone()
    kinds = conn.execute("SELECT kind, count(*) FROM conflicts GROUP BY kind ORDER BY kind")
    return StoreTotals(articles, stories, claims, disputed, {k: n for k, n in kinds})


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One full-text match: an article or a claim, with a highlighted snippet."""

    kind: str
    id: str
    story_id: str | None
    snippet: str
    rank: float


def content_hash(text: str) -> str:
    """SHA-256 of an article's text: tells versions of one address apart."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _address(article: Article) -> str | None:
    # The same key the article id is derived from (see ingest.draft.to_article).
    return article.path or article.url or None


# --- loading ----------------------------------------------------------------------


def load_analyzer(conn: sqlite3.Connection, options: Options | None = None) -> Analyzer:
    """An `Analyzer` holding the stored articles, annotations, index and built stories."""
    analyzer = Analyzer(options)
    rows = conn.execute(
        "SELECT a.*, n.data FROM articles a JOIN annotations n ON n.article_id = a.id "
        "WHERE a.is_current = 1 ORDER BY a.rowid")
    for row in rows:
        item = annotated_from_row(row)
        analyzer.annotated[item.article.id] = item
    index = load_index(conn)
    if index is not None:
        analyzer.index = index
    report = read_report(conn)
    if report is not None and report.generator_version == __version__:
        # The Analyzer caches built stories by membership; seeding that cache means only
        # stories whose members changed are cross-checked again (another Rashomon version
        # may check differently, so its stories are all rebuilt).
        analyzer.reuse_stories(report.stories)
    return analyzer


def load_report(path: str | Path) -> Report:
    """The latest report stored at ``path``."""
    with closing(connect(path, create=False)) as conn:
        report = read_report(conn)
    if report is None:
        raise StoreError(f"{path}: holds no report yet (add articles with `rashomon add`)")
    return report


# --- adding -----------------------------------------------------------------------


@dataclass(slots=True)
class _Plan:
    """New articles sorted into brand new ones and new versions of stored addresses."""

    fresh: list[Article]
    versions: dict[str, tuple[str, int]]  # new article id -> (replaced id, new version)


def _plan(conn: sqlite3.Connection, articles: Sequence[Article]) -> _Plan:
    def stored(aid: str) -> bool:
        return conn.execute("SELECT 1 FROM articles WHERE id = ? AND is_current = 1",
                            (aid,)).fetchone() is not None

    fresh = [a for a in dict.fromkeys(articles) if not stored(a.id)]
    versions: dict[str, tuple[str, int]] = {}
    for article in fresh:
        address = _address(article)
        if address is None:
            continue
        row = conn.execute("SELECT id, version FROM articles WHERE address = ? AND is_current = 1",
                           (address,)).fetchone()
        if row is not None and row["id"] != article.id:
            versions[article.id] = (row["id"], row["version"] + 1)
    return _Plan(fresh, versions)


def _reindex(analyzer: Analyzer) -> None:
    """Rebuild the story index from the current annotations (an article was replaced)."""
    index = StoryIndex()
    docs = [story_doc(a) for a in analyzer.annotated.values() if is_analysed(a.article.language)]
    for doc in canonical_order(docs):
        index.add(doc)
    analyzer.index = index


def add_inputs(path: str | Path, inputs: Sequence[str], options: Options | None = None,
               command: str = "add") -> AddResult:
    """Add what ``inputs`` hold to the store at ``path`` and store the new report.

    Only the stories the new articles touch are checked again and rewritten; when an
    article replaces an earlier version of itself (or the stored report was written by
    another Rashomon version) everything is loaded and checked again. The write lock is
    taken before the store is read, so concurrent adds run one after the other, each on
    what the one before committed.
    """
    options = options or Options()
    run = (utc_now(), command, list(inputs))
    with closing(connect(path, timeout=options.lock_timeout)) as conn:
        result = ingest(list(inputs), options)  # reading the inputs needs no lock
        with _transaction(conn, path, options.lock_timeout):
            out, analyzer = _add(conn, result.articles, result.problems, options, run)
            out.totals = read_totals(conn)
            meta = stored_meta(conn)
        if analyzer is not None:
            hold_index(conn, analyzer, meta)
    return out


def _add(conn: sqlite3.Connection, articles: Sequence[Article], problems: Sequence[Problem],
         options: Options, run: tuple[str, str, list[str]],
         ) -> tuple[AddResult, Analyzer | None]:
    """Plan and write one add inside the write transaction."""
    plan = _plan(conn, articles)
    if not plan.fresh:
        return AddResult(None, problems=list(problems)), None
    if plan.versions or not can_add_incrementally(conn):
        return _add_all(conn, plan, problems, options, run)
    return _add_touched(conn, plan, problems, options, run)


def _add_touched(conn: sqlite3.Connection, plan: _Plan, problems: Sequence[Problem],
                 options: Options, run: tuple[str, str, list[str]],
                 ) -> tuple[AddResult, Analyzer]:
    analyzer = stored_analyzer(conn, Analyzer(options))
    with long_lived():  # the story index and the loaded models
        delta = touched_stories(conn, analyzer, plan.fresh)
    log.info("%d new articles: checked %d of %d stories again", len(plan.fresh),
             len(delta.stories), len(analyzer.index.clusters))
    out = AddResult(None, [a.id for a in plan.fresh],
                    problems=[*problems, *analyzer.problems, *delta.notes])
    out.run_id = _write_articles(conn, analyzer, plan, run)
    before = stored_claims(conn, delta.replaced)
    write_delta(conn, delta, plan.fresh, (out.run_id, utc_now()))
    after = stored_claims(conn, [s.id for s in delta.stories])
    _finish(conn, analyzer, out, before, after, whole=False)
    return out, analyzer


def _add_all(conn: sqlite3.Connection, plan: _Plan, problems: Sequence[Problem],
             options: Options, run: tuple[str, str, list[str]],
             ) -> tuple[AddResult, Analyzer]:
    analyzer = load_analyzer(conn, options)
    for new_id in plan.versions:
        old_id = plan.versions[new_id][0]
        analyzer.annotated.pop(old_id, None)
    analyzer.problems.extend(problems)
    analyzer.add_articles(plan.fresh)
    if plan.versions:
        _reindex(analyzer)
    with long_lived():  # every stored annotation
        report = analyzer.report()
    out = AddResult(None, [a.id for a in plan.fresh if a.id not in plan.versions],
                    list(plan.versions), problems=list(report.problems))
    out.run_id = _write_articles(conn, analyzer, plan, run)
    before = stored_claims(conn)
    write_report(conn, report, out.run_id)
    _finish(conn, analyzer, out, before, stored_claims(conn), whole=True)
    return out, analyzer


@contextmanager
def _transaction(conn: sqlite3.Connection, path: str | Path,
                 timeout: float) -> Iterator[None]:
    """BEGIN IMMEDIATE ... COMMIT: all of a run's writes land, or none do. The lock is
    waited for up to ``timeout`` seconds; past that, a `BusyError` names the store."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if is_locked(exc):
            raise busy(path, exc, timeout) from None
        raise
    try:
        yield
        conn.execute("COMMIT")
    except BaseException as exc:
        conn.execute("ROLLBACK")
        if is_locked(exc):
            raise busy(path, exc, timeout) from None
        raise
    note_written(database_file(conn))


def _write_articles(conn: sqlite3.Connection, analyzer: Analyzer, plan: _Plan,
                    run: tuple[str, str, list[str]]) -> int | None:
    """Record the run and store its new articles; returns the run's id."""
    started, command, inputs = run
    cur = conn.execute("INSERT INTO runs (started_at, command, inputs, articles_added) "
                       "VALUES (?, ?, ?, ?)", (started, command, dumps(inputs), len(plan.fresh)))
    for article in plan.fresh:
        _write_article(conn, analyzer, article, plan, cur.lastrowid)
    _pause_for_tests()
    return cur.lastrowid


def _finish(conn: sqlite3.Connection, analyzer: Analyzer, out: AddResult,
            before: dict[str, tuple[str, str]], after: dict[str, tuple[str, str]],
            whole: bool) -> None:
    """Record the claims' lifecycle, the story index and the run's end."""
    _lifecycle(conn, before, after, out)
    save_index(conn, analyzer.index, whole)
    conn.execute("UPDATE runs SET finished_at = ? WHERE id = ?", (utc_now(), out.run_id))


def _write_article(conn: sqlite3.Connection, analyzer: Analyzer, article: Article, plan: _Plan,
                   run_id: int | None) -> None:
    replaced, version = plan.versions.get(article.id, (None, 1))
    if replaced is not None:
        # Keep the old version's row (history); it just stops being analysed or searched.
        conn.execute("UPDATE articles SET is_current = 0 WHERE id = ?", (replaced,))
        conn.execute("DELETE FROM articles_fts WHERE article_id = ?", (replaced,))
    conn.execute(
        "INSERT INTO articles (id, address, path, url, outlet, title, byline, published, "
        "published_from, language, text, content_hash, version, is_current, first_seen_run) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?) "
        # Text that returns to an earlier version's has that version's id: revive the row.
        "ON CONFLICT (id) DO UPDATE SET is_current = 1, version = excluded.version",
        (article.id, _address(article), article.path, article.url, article.outlet,
         article.title, article.byline, article.published, article.published_from,
         article.language, article.text, content_hash(article.text), version, run_id))
    data = annotated_to_dict(analyzer.annotated[article.id], with_article=False)
    conn.execute("INSERT OR REPLACE INTO annotations (article_id, data) VALUES (?, ?)",
                 (article.id, dumps(data)))
    conn.execute("INSERT INTO articles_fts (article_id, title, text) VALUES (?, ?, ?)",
                 (article.id, article.title or "", article.text))


def _lifecycle(conn: sqlite3.Connection, before: dict[str, tuple[str, str]],
               after: dict[str, tuple[str, str]], out: AddResult) -> None:
    """Record which claims this run added to, or withdrew from, the report."""
    out.claims_added = [c for c in after if c not in before]
    out.claims_withdrawn = [c for c in before if c not in after]
    for event, ids, source in (("added", out.claims_added, after),
                               ("withdrawn", out.claims_withdrawn, before)):
        conn.executemany(
            "INSERT OR IGNORE INTO claim_lifecycle (claim_id, run_id, event, story_id, "
            "claim_text) VALUES (?, ?, ?, ?, ?)",
            [(cid, out.run_id, event, *source[cid]) for cid in ids])


def _pause_for_tests() -> None:
    # Lets a test kill the process while the transaction is open (see tests/test_store.py).
    seconds = os.environ.get(PAUSE_ENV)
    if seconds:
        log.warning("pausing %s s inside the store transaction (%s)", seconds, PAUSE_ENV)
        time.sleep(float(seconds))


# --- searching --------------------------------------------------------------------


def _fts_query(query: str) -> str:
    # Each word quoted: user text never trips FTS5 syntax (AND, "-", ":" ...).
    return " ".join('"' + word.replace('"', '""') + '"' for word in query.split())


def search(db: str | Path | sqlite3.Connection, query: str, limit: int = 20) -> list[SearchHit]:
    """Articles and claims whose text holds every word of ``query``, best first."""
    if not query.split():
        return []
    if isinstance(db, sqlite3.Connection):
        return _search(db, _fts_query(query), limit)
    with closing(connect(db, create=False)) as conn:
        return _search(conn, _fts_query(query), limit)


def _search(conn: sqlite3.Connection, match: str, limit: int) -> list[SearchHit]:
    claims = conn.execute(
        "SELECT claim_id, story_id, snippet(claims_fts, 2, '[', ']', '…', 12), rank "
        "FROM claims_fts WHERE claims_fts MATCH ? ORDER BY rank LIMIT ?", (match, limit))
    hits = [SearchHit("claim", c, s, snip, r) for c, s, snip, r in claims]
    articles = conn.execute(
        "SELECT article_id, snippet(articles_fts, 2, '[', ']', '…', 12), rank "
        "FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?", (match, limit))
    hits += [SearchHit("article", a, None, snip, r) for a, snip, r in articles]
    return sorted(hits, key=lambda h: h.rank)[:limit]
