"""A content-hash cache of per-article annotations and sentence vectors, across runs.

Re-running `analyze` on a folder that grew by a few files should only annotate and
embed what is new. Annotations are keyed by a hash of the article's fields, the options
that change annotation and a fingerprint of the annotation code, so editing that code
(or upgrading Rashomon) never serves stale results. Vectors are keyed by encoder name
and text. Everything lives in one SQLite file in the user cache dir; a damaged or
locked cache is skipped with a warning, never an error: it only saves time.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from .models import AnnotatedArticle, Article
from .options import Options

log = logging.getLogger(__name__)

FILE_NAME = "results-v1.sqlite"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS annotations (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, value BLOB NOT NULL);
"""
# Modules whose code decides what an article's annotations are.
_CODE = ("annotate", "models.py", "lazy_spacy.py")
Embedder = Callable[[Sequence[str]], np.ndarray]


def default_dir() -> Path:
    """Where the cache lives unless the options say otherwise."""
    from platformdirs import user_cache_dir

    return Path(os.environ.get("RASHOMON_CACHE_DIR") or user_cache_dir("rashomon"))


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the annotation code, so a changed annotator misses the cache."""
    root = Path(__file__).parent
    digest = hashlib.sha256()
    for name in _CODE:
        path = root / name
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            digest.update(file.relative_to(root).as_posix().encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def annotation_key(article: Article, options: Options) -> str:
    """The cache key of an article's annotations under these options."""
    setting = [options.spacy_model, options.gazetteer_path, options.extra_geonames,
               code_fingerprint(), article.to_dict()]
    raw = json.dumps(setting, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(raw).hexdigest()


def vector_key(model: str, text: str) -> str:
    """The cache key of one text's vector under one encoder."""
    return hashlib.sha256(f"{model}\0{text}".encode()).hexdigest()


class ResultCache:
    """Annotations and vectors from earlier runs, in one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.conn: sqlite3.Connection | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, timeout=5)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(_SCHEMA)
            self.conn = conn
        except (OSError, sqlite3.Error) as exc:
            log.warning("result cache %s unavailable, running without it: %s", path, exc)

    @classmethod
    def from_options(cls, options: Options) -> ResultCache | None:
        """The cache the options ask for, or None when caching is off."""
        if not options.cache:
            return None
        folder = Path(options.cache_dir) if options.cache_dir else default_dir()
        return cls(folder / FILE_NAME)

    def close(self) -> None:
        """Close the database file."""
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def _get(self, table: str, keys: Sequence[str]) -> dict[str, bytes]:
        if self.conn is None or not keys:
            return {}
        found: dict[str, bytes] = {}
        try:
            for start in range(0, len(keys), 500):
                chunk = list(keys[start:start + 500])
                marks = ",".join("?" * len(chunk))
                found.update(self.conn.execute(
                    f"SELECT key, value FROM {table} WHERE key IN ({marks})", chunk))
        except sqlite3.Error as exc:
            log.warning("result cache read failed: %s", exc)
        return found

    def _put(self, table: str, rows: Iterable[tuple[str, bytes]]) -> None:
        if self.conn is None:
            return
        try:
            with self.conn:
                self.conn.executemany(
                    f"INSERT OR REPLACE INTO {table} (key, value) VALUES (?, ?)", rows)
        except sqlite3.Error as exc:
            log.warning("result cache write failed: %s", exc)

    def get_annotations(self, articles: Sequence[Article],
                        options: Options) -> dict[str, AnnotatedArticle]:
        """Article id -> cached annotations, for the articles that have them."""
        from .store_io import annotated_from_dict

        keys = {annotation_key(a, options): a for a in articles}
        out = {}
        for key, blob in self._get("annotations", list(keys)).items():
            article = keys[key]
            try:
                data = json.loads(zlib.decompress(blob))
                out[article.id] = annotated_from_dict(data, article)
            except (ValueError, TypeError, KeyError, zlib.error) as exc:
                log.warning("result cache entry for %s unreadable: %s", article.id, exc)
        return out

    def put_annotations(self, items: Sequence[AnnotatedArticle], options: Options) -> None:
        """Remember annotations for later runs."""
        from .store_io import annotated_to_dict

        self._put("annotations", (
            (annotation_key(i.article, options),
             zlib.compress(json.dumps(annotated_to_dict(i, with_article=False)).encode(), 1))
            for i in items))

    def embedder(self, embed: Embedder, model: str) -> Embedder:
        """``embed`` that reads and writes vectors through this cache."""
        def cached(texts: Sequence[str]) -> np.ndarray:
            if not texts:
                return embed(texts)
            distinct = list(dict.fromkeys(texts))
            keys = {t: vector_key(model, t) for t in distinct}
            blobs = self._get("vectors", list(keys.values()))
            known = {t: np.frombuffer(blobs[k], dtype=np.float32) for t, k in keys.items()
                     if k in blobs}
            missing = [t for t in distinct if t not in known]
            if missing:
                fresh = embed(missing)
                known.update(zip(missing, fresh, strict=True))
                self._put("vectors", ((keys[t], np.asarray(v, dtype=np.float32).tobytes())
                                      for t, v in zip(missing, fresh, strict=True)))
            return np.stack([known[t] for t in texts])
        return cached
