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
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ..claims.stage import named_outlets
from ..common.recent import Recent
from ..crosscheck.similarity import Embedder
from ..crosscheck.units import Unit
from ..models import AnnotatedArticle, Article, ArticleClaims, ClaimMention, Story, When
from ..models.codec import annotated_from_dict, annotated_to_dict, decode, encode
from ..options import Options
from ..stories.undated import StoryDays, WindowFinder

log = logging.getLogger(__name__)

FILE_NAME = "results-v1.sqlite"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS annotations (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS claims (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS windows (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS units (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS stories (key TEXT PRIMARY KEY, value BLOB NOT NULL);
"""
# Modules whose code decides an article's annotations; then its claims, its inferred
# publication window and its alignment units.
_CODE = ("annotate", "models")
_CLAIMS_CODE = (*_CODE, "claims")
_WINDOW_CODE = (*_CODE, "stories/undated.py")
_UNITS_CODE = (*_CLAIMS_CODE, "crosscheck/units.py", "crosscheck/phrases.py")
# A cross-checked story: its members' claims (re-timed by their windows), the vectors of
# one encoder, and the cross-check and story code.
_STORY_CODE = (*_CLAIMS_CODE, "crosscheck", "stories")
_MENTIONS = tuple[ClaimMention, ...]
# Claims decoded lately, by cache file and claims key (which names their content and the
# code that made them): re-checking a big story after each add would decode the same
# thousands again. Keyed by file too, so that every file still gets its own entries.
_RECENT_CLAIMS: Recent[tuple[Path, str], tuple[_MENTIONS, tuple[str, ...]]] = Recent(4000)
# Vectors read or made lately, by cache file and vector key (~1.5 KB each): a big
# story's check reads some 20,000 of them.
_RECENT_VECTORS: Recent[tuple[Path, str], np.ndarray] = Recent(40000)


def forget_recent() -> None:
    """Forget the claims and vectors this process decoded lately (the cache file keeps
    them): the next read goes to the file."""
    _RECENT_CLAIMS.clear()
    _RECENT_VECTORS.clear()


def default_dir() -> Path:
    """Where the cache lives unless the options say otherwise."""
    from platformdirs import user_cache_dir

    return Path(os.environ.get("RASHOMON_CACHE_DIR") or user_cache_dir("rashomon"))


def code_fingerprint() -> str:
    """A hash of the annotation code, so a changed annotator misses the cache."""
    return _fingerprint(_CODE)


@lru_cache(maxsize=4)
def _fingerprint(names: tuple[str, ...]) -> str:
    root = Path(__file__).parents[1]  # the rashomon package
    digest = hashlib.sha256()
    for name in names:
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


def claims_key(base: Article, outlets: Sequence[str], options: Options) -> str:
    """The cache key of an article's claims against its own annotations (``base`` is the
    article as annotated): those annotations and the corpus's outlet names that its text
    mentions. Claims against times resolved again later (an undated article's, from its
    story) are these claims re-timed (`retime`), not another entry."""
    return _digest([_fingerprint(_CLAIMS_CODE), annotation_key(base, options),
                    named_outlets(base.text, outlets)])


def story_key(members: Sequence[tuple[str, Article]], model: str) -> str:
    """The cache key of a cross-checked story: for each member article, in story order,
    its claims key and its publication date as the story sees it (an undated article's
    inferred window re-times its claims); and the encoder whose vectors it compared."""
    return _digest([_fingerprint(_STORY_CODE), model,
                    [[key, a.id, a.published, a.published_from] for key, a in members]])


def _digest(setting: object) -> str:
    raw = json.dumps(setting, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(raw).hexdigest()


def _units_to(units: Sequence[Unit], item: ArticleClaims) -> list[list[object]]:
    """Units as plain data; their mentions as positions in the article's claims."""
    position = {id(m): k for k, m in enumerate(item.mentions)}
    return [[[position[id(m)] for m in u.mentions], u.text, sorted(u.terms),
             [[head, sorted(mods)] for head, mods in u.phrases], u.negated,
             sorted(u.locations), u.verb_negated, u.asks, sorted(u.contrast), u.undergoer,
             u.own_time, u.own_day]
            for u in units]


def _units_from(data: list[list[Any]], item: ArticleClaims) -> list[Unit]:
    aid = item.annotated.article.id
    return [Unit(tuple(item.mentions[k] for k in mentions), aid, text, frozenset(terms),
                 tuple((head, frozenset(mods)) for head, mods in phrases), bool(negated),
                 frozenset(locations), bool(verb_negated), bool(question),
                 frozenset(contrast), undergoer, bool(own_time), bool(own_day))
            for mentions, text, terms, phrases, negated, locations, verb_negated, question,
            contrast, undergoer, own_time, own_day in data]


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

        self._put("annotations", (
            (annotation_key(i.article, options),
             zlib.compress(json.dumps(annotated_to_dict(i, with_article=False)).encode(), 1))
            for i in items))

    def get_claims(self, keyed: dict[str, AnnotatedArticle]) -> dict[str, ArticleClaims]:
        """Cache key -> the claims of its article, for the keys the cache holds."""
        out = {}
        for key in keyed:
            known = _RECENT_CLAIMS.get((self.path, key))
            if known is not None:
                out[key] = ArticleClaims(keyed[key], *known)
        for key, blob in self._get("claims", [k for k in keyed if k not in out]).items():
            try:
                mentions, credits = json.loads(zlib.decompress(blob))
                decoded = (decode(_MENTIONS, mentions), tuple(credits))
            except (ValueError, TypeError, KeyError, zlib.error) as exc:
                log.warning("result cache claims of %s unreadable: %s",
                            keyed[key].article.id, exc)
                continue
            _RECENT_CLAIMS.put((self.path, key), decoded)
            out[key] = ArticleClaims(keyed[key], *decoded)
        return out

    def put_claims(self, keyed: Iterable[tuple[str, ArticleClaims]]) -> None:
        """Remember articles' claims under their `claims_key`."""
        self._put("claims", (
            (key, zlib.compress(json.dumps([encode(c.mentions), list(c.credits)]).encode(), 1))
            for key, c in keyed))

    def get_units(self, keyed: dict[str, ArticleClaims]) -> dict[str, list[Unit]]:
        """Claims key -> the alignment units of its article, for the keys the cache holds."""
        keys = {_digest([_fingerprint(_UNITS_CODE), key]): key for key in keyed}
        out = {}
        for unit_key, blob in self._get("units", list(keys)).items():
            key = keys[unit_key]
            try:
                out[key] = _units_from(json.loads(zlib.decompress(blob)), keyed[key])
            except (ValueError, TypeError, IndexError, zlib.error) as exc:
                log.warning("result cache units of %s unreadable: %s",
                            keyed[key].annotated.article.id, exc)
        return out

    def put_units(self, keyed: Iterable[tuple[str, ArticleClaims, list[Unit]]]) -> None:
        """Remember articles' alignment units under their claims key."""
        self._put("units", (
            (_digest([_fingerprint(_UNITS_CODE), key]),
             zlib.compress(json.dumps(_units_to(units, item)).encode(), 1))
            for key, item, units in keyed))

    def get_story(self, key: str) -> Story | None:
        """The story cross-checked under `story_key` ``key``, if the cache holds it."""
        blob = self._get("stories", [key]).get(key)
        if blob is None:
            return None
        try:
            return Story.from_dict(json.loads(zlib.decompress(blob)))
        except (ValueError, TypeError, KeyError, zlib.error) as exc:
            log.warning("result cache stories entry unreadable: %s", exc)
            return None

    def put_story(self, key: str, story: Story) -> None:
        """Remember a cross-checked story under its `story_key`."""
        self._put("stories", [(key, zlib.compress(json.dumps(story.to_dict()).encode(), 1))])

    def window_finder(self, find: WindowFinder) -> WindowFinder:
        """``find`` (`undated.windows_in`) that reads and writes its answers through this
        cache: an undated article is tried against ~35 days each time its story is
        checked, and adding an undated article does not change the story's days."""
        def cached(texts: Sequence[str], story: StoryDays) -> list[When | None]:
            days = [story.first.isoformat(), story.last.isoformat(),
                    sorted(d.isoformat() for d in story.known)]
            keys = [_digest([_fingerprint(_WINDOW_CODE), text, days]) for text in texts]
            known = self._windows(keys)
            missing = [i for i, key in enumerate(keys) if key not in known]
            found = find([texts[i] for i in missing], story) if missing else []
            made = {keys[i]: window for i, window in zip(missing, found, strict=True)}
            self._put("windows", ((key, json.dumps(w.to_dict() if w else None).encode())
                                  for key, w in made.items()))
            known.update(made)
            return [known[key] for key in keys]
        return cached

    def _windows(self, keys: Sequence[str]) -> dict[str, When | None]:
        out = {}
        for key, blob in self._get("windows", keys).items():
            try:
                out[key] = When.from_dict(json.loads(blob))
            except (ValueError, TypeError, AttributeError) as exc:
                log.warning("result cache window entry unreadable: %s", exc)
        return out

    def embedder(self, embed: Embedder, model: str) -> Embedder:
        """``embed`` that reads and writes vectors through this cache."""
        def cached(texts: Sequence[str]) -> np.ndarray:
            if not texts:
                return embed(texts)
            keys = {t: vector_key(model, t) for t in dict.fromkeys(texts)}
            known = self._vectors(keys)
            missing = [t for t in keys if t not in known]
            if missing:
                fresh = embed(missing)
                known.update(zip(missing, fresh, strict=True))
                self._put("vectors", ((keys[t], np.asarray(v, dtype=np.float32).tobytes())
                                      for t, v in zip(missing, fresh, strict=True)))
                for t, v in zip(missing, fresh, strict=True):
                    # A copy: a row view would keep its whole batch's array alive.
                    _RECENT_VECTORS.put((self.path, keys[t]), np.array(v, dtype=np.float32))
            return np.stack([known[t] for t in texts])
        return cached

    def _vectors(self, keys: dict[str, str]) -> dict[str, np.ndarray]:
        """Text -> vector, for the texts (with their vector keys) this cache holds."""
        known = {}
        for text, key in keys.items():
            vector = _RECENT_VECTORS.get((self.path, key))
            if vector is not None:
                known[text] = vector
        wanted = {key: text for text, key in keys.items() if text not in known}
        for key, blob in self._get("vectors", list(wanted)).items():
            known[wanted[key]] = vector = np.frombuffer(blob, dtype=np.float32)
            _RECENT_VECTORS.put((self.path, key), vector)
        return known
