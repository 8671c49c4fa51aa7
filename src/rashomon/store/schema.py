"""The store's SQLite schema, its versioned migrations, and opening a store file safely.

Each migration runs in its own transaction with the `schema_version` row it writes, so
a store is always at one whole version. A file that is not a Rashomon store is never
written to: it is checked before anything else happens.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path

from ..errors import BusyError, RashomonError
from .index import TABLES as INDEX_TABLES
from .index import write_state

log = logging.getLogger(__name__)

# "RSHM": marks the file as a Rashomon store for tools that read the header (`file`).
APPLICATION_ID = 0x5253484D


class StoreError(RashomonError):
    """The store file cannot be used: not SQLite, not Rashomon's, corrupt, or too new."""


V1 = [
    """CREATE TABLE schema_version (
        version INTEGER NOT NULL, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)""",
    """CREATE TABLE runs (
        id INTEGER PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT,
        command TEXT NOT NULL, inputs TEXT NOT NULL, articles_added INTEGER NOT NULL DEFAULT 0)""",
    """CREATE TABLE articles (
        id TEXT PRIMARY KEY, address TEXT, path TEXT, url TEXT, outlet TEXT, title TEXT,
        byline TEXT, published TEXT, published_from TEXT, language TEXT, text TEXT NOT NULL,
        content_hash TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1,
        is_current INTEGER NOT NULL DEFAULT 1, first_seen_run INTEGER REFERENCES runs(id))""",
    "CREATE INDEX articles_by_address ON articles(address)",
    """CREATE TABLE annotations (
        article_id TEXT PRIMARY KEY REFERENCES articles(id), data TEXT NOT NULL)""",
    "CREATE TABLE story_index (id INTEGER PRIMARY KEY CHECK (id = 1), state TEXT NOT NULL)",
    """CREATE TABLE report (
        id INTEGER PRIMARY KEY CHECK (id = 1), run_id INTEGER REFERENCES runs(id),
        generated_at TEXT, generator_version TEXT NOT NULL)""",
    """CREATE TABLE report_articles (
        position INTEGER PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id),
        published TEXT, published_from TEXT)""",
    """CREATE TABLE stories (
        id TEXT PRIMARY KEY, position INTEGER NOT NULL, title TEXT NOT NULL,
        period_date TEXT, period_start TEXT, period_end TEXT, article_count INTEGER,
        claim_count INTEGER, disputed_claims INTEGER, conflict_count INTEGER,
        document TEXT NOT NULL)""",
    """CREATE TABLE story_articles (
        story_id TEXT NOT NULL, article_id TEXT NOT NULL, position INTEGER NOT NULL,
        PRIMARY KEY (story_id, article_id))""",
    """CREATE TABLE claims (
        story_id TEXT NOT NULL, position INTEGER NOT NULL, id TEXT NOT NULL, text TEXT NOT NULL,
        status TEXT NOT NULL, outlets INTEGER, independent_sources INTEGER, when_date TEXT,
        when_start TEXT, when_end TEXT, place_ids TEXT, PRIMARY KEY (story_id, position))""",
    "CREATE INDEX claims_by_id ON claims(id)",
    """CREATE TABLE mentions (
        id INTEGER PRIMARY KEY, story_id TEXT NOT NULL,
        owner_kind TEXT NOT NULL CHECK (owner_kind IN
            ('claim', 'conflict_side', 'timeline', 'place')),
        owner_id TEXT NOT NULL, position INTEGER NOT NULL, article_id TEXT NOT NULL,
        start_offset INTEGER NOT NULL, end_offset INTEGER NOT NULL, quote TEXT NOT NULL,
        stance TEXT, source_id TEXT, attributed_as TEXT, when_date TEXT, when_start TEXT,
        when_end TEXT)""",
    "CREATE INDEX mentions_by_owner ON mentions(owner_kind, owner_id)",
    """CREATE TABLE sources (
        story_id TEXT NOT NULL, position INTEGER NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL,
        kind TEXT, aliases TEXT, via TEXT, claim_ids TEXT, PRIMARY KEY (story_id, position))""",
    """CREATE TABLE conflicts (
        story_id TEXT NOT NULL, position INTEGER NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL,
        summary TEXT NOT NULL, claim_ids TEXT, PRIMARY KEY (story_id, position))""",
    """CREATE TABLE conflict_sides (
        story_id TEXT NOT NULL, conflict_id TEXT NOT NULL, position INTEGER NOT NULL,
        label TEXT NOT NULL, source_ids TEXT, PRIMARY KEY (story_id, conflict_id, position))""",
    """CREATE TABLE timeline (
        story_id TEXT NOT NULL, position INTEGER NOT NULL, text TEXT NOT NULL, claim_id TEXT,
        when_date TEXT, when_start TEXT, when_end TEXT, PRIMARY KEY (story_id, position))""",
    """CREATE TABLE places (
        story_id TEXT NOT NULL, position INTEGER NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL,
        lat REAL, lon REAL, country TEXT, admin1 TEXT, feature TEXT, gazetteer_id TEXT,
        aliases TEXT, PRIMARY KEY (story_id, position))""",
    f"PRAGMA application_id = {APPLICATION_ID}",
]

V2 = [
    # Full-text search (FTS5 ships with every current SQLite build and its shell).
    "CREATE VIRTUAL TABLE articles_fts USING fts5(article_id UNINDEXED, title, text)",
    "CREATE VIRTUAL TABLE claims_fts USING fts5(claim_id UNINDEXED, story_id UNINDEXED, text)",
    """INSERT INTO articles_fts (article_id, title, text)
        SELECT id, coalesce(title, ''), text FROM articles WHERE is_current = 1""",
    "INSERT INTO claims_fts (claim_id, story_id, text) SELECT id, story_id, text FROM claims",
    """CREATE TABLE claim_lifecycle (
        claim_id TEXT NOT NULL, run_id INTEGER NOT NULL REFERENCES runs(id),
        event TEXT NOT NULL CHECK (event IN ('added', 'withdrawn')), story_id TEXT,
        claim_text TEXT, PRIMARY KEY (claim_id, run_id))""",
]

V3 = [
    # Adding to a store rewrites only the stories it touches: their rows are found by
    # story, and a claim's search row by the claim row's rowid (which it now shares).
    "CREATE INDEX mentions_by_story ON mentions(story_id)",
    "DELETE FROM claims_fts",
    """INSERT INTO claims_fts (rowid, claim_id, story_id, text)
        SELECT rowid, id, story_id, text FROM claims""",
]


V5 = [
    # An add updates the publication of the touched stories' articles in the report's
    # article list, and finds the stories of given articles: without these, each lookup
    # scanned every article of the store.
    "CREATE INDEX report_articles_by_article ON report_articles(article_id)",
    "CREATE INDEX story_articles_by_article ON story_articles(article_id)",
]


def _v4(conn: sqlite3.Connection) -> None:
    # The story index moves from one JSON document to a row per story and per term.
    _statements(INDEX_TABLES)(conn)
    row = conn.execute("SELECT state FROM story_index").fetchone()
    if row is not None:
        write_state(conn, json.loads(row[0]))
    conn.execute("DROP TABLE story_index")


def _statements(statements: list[str]) -> Callable[[sqlite3.Connection], None]:
    # One execute per statement: executescript() would commit the migration's transaction.
    def migrate(conn: sqlite3.Connection) -> None:
        for sql in statements:
            conn.execute(sql)
    return migrate


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_statements(V1), _statements(V2),
                                                     _statements(V3), _v4, _statements(V5)]
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    """The store's schema version (0 for a new, empty file)."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "schema_version" not in tables:
        return 0
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> None:
    """Bring the store up to ``target``, one migration per transaction, in order."""
    current = schema_version(conn)
    for version in range(current + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if schema_version(conn) >= version:  # another process migrated meanwhile
                conn.execute("COMMIT")
                continue
            MIGRATIONS[version - 1](conn)
            conn.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        log.info("store migrated to schema version %d", version)


# Files this process has found intact, by (device, inode) -> (size, mtime) when checked
# or when this process last wrote them: `quick_check` reads the whole file (seconds for
# a large store), so it runs again only when something else changed the file.
_INTACT: dict[tuple[int, int], tuple[int, int]] = {}


def _stamp(path: Path) -> tuple[tuple[int, int], tuple[int, int]] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino), (st.st_size, st.st_mtime_ns)


def database_file(conn: sqlite3.Connection) -> str:
    """The file a store connection has open."""
    return str(conn.execute("PRAGMA database_list").fetchone()["file"])


def note_written(path: str | Path) -> None:
    """Record that this process has just committed to the store at ``path`` (an intact
    store it changed itself need not be checked again)."""
    stamp = _stamp(Path(path))
    if stamp is not None:
        _INTACT[stamp[0]] = stamp[1]


def _known_intact(path: Path) -> bool:
    stamp = _stamp(path)
    return stamp is not None and _INTACT.get(stamp[0]) == stamp[1]


def _header(conn: sqlite3.Connection) -> tuple[int, int]:
    """The application id and the number of schema objects, read in one snapshot: another
    process may commit a new store's first migration between two separate reads."""
    conn.execute("BEGIN")
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")
    return int(app_id), int(tables)


def _check(conn: sqlite3.Connection, path: Path) -> None:
    """Raise `StoreError` unless ``conn`` is an intact Rashomon store (or an empty file)."""
    try:
        app_id, tables = _header(conn)
        if app_id != APPLICATION_ID and (app_id or tables):
            raise StoreError(f"{path}: not a Rashomon database")
        intact = _known_intact(path)
        problems = ["ok"] if intact else [r[0] for r in conn.execute("PRAGMA quick_check")]
        version = schema_version(conn)
    except sqlite3.DatabaseError as exc:
        if is_locked(exc):
            raise busy(path, exc) from None
        raise StoreError(f"{path}: not a usable SQLite database ({exc})") from exc
    if problems != ["ok"]:
        raise StoreError(f"{path}: database is corrupt ({'; '.join(problems[:3])})")
    if version > SCHEMA_VERSION:
        raise StoreError(f"{path}: made by a newer Rashomon (schema {version}, "
                         f"this one knows up to {SCHEMA_VERSION})")
    if not intact:
        note_written(path)


def is_locked(exc: BaseException) -> bool:
    """Whether ``exc`` is SQLite giving up on a lock another connection holds."""
    return isinstance(exc, sqlite3.OperationalError) and (
        "locked" in str(exc) or "busy" in str(exc))


def busy(path: str | Path, exc: BaseException, timeout: float | None = None) -> BusyError:
    """The one-line error for a store that another writer held too long."""
    waited = f" after waiting {timeout:g} s (--lock-timeout)" if timeout is not None else ""
    return BusyError(f"{path}: another process (a `rashomon add` or the web app) is writing "
                     f"to this database; gave up{waited} ({exc})")


_CACHE_KIB = 64 * 1024


def connect(path: str | Path, create: bool = True, timeout: float = 30.0,
            ) -> sqlite3.Connection:
    """Open (and, if needed, create or migrate) the store at ``path``.

    The connection is in autocommit mode: writers open their own ``BEGIN IMMEDIATE``.
    Any statement waits up to ``timeout`` seconds while another process holds the lock.
    """
    path = Path(path)
    if not path.exists() and not create:
        raise StoreError(f"{path}: no such database (create it with `rashomon add`)")
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not a database file")
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=timeout)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open database ({exc})") from exc
    conn.row_factory = sqlite3.Row
    try:
        _check(conn, path)
        conn.execute("PRAGMA foreign_keys = ON")
        # An add rewrites a big story's rows at pages spread over the whole file (its
        # mentions index is keyed by claim id): the default 2 MB page cache re-reads
        # them. Up to 64 MB, taken only as pages are used.
        conn.execute(f"PRAGMA cache_size = -{_CACHE_KIB}")
        if schema_version(conn) < SCHEMA_VERSION:
            migrate(conn)
            note_written(path)
    except sqlite3.OperationalError as exc:
        conn.close()
        if is_locked(exc):
            raise busy(path, exc, timeout) from None
        raise
    except BaseException:
        conn.close()
        raise
    return conn
