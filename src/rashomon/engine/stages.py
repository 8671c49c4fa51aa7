"""The per-article stage functions the pipeline calls, each wrapped once by the cache.

Without a result cache each is the stage function itself. With one, `cached` wraps it:
a batch is looked up by content and code hash (the keys of `cache`), only the misses are
computed, in one call, and stored. The pipeline never reads or writes the cache itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from ..annotate.stage import annotate_all
from ..claims.stage import extract_claims
from ..common.encoder import embed, vector_model_name
from ..crosscheck import alignment
from ..crosscheck.similarity import Embedder
from ..crosscheck.units import Unit, article_units
from ..models import AnnotatedArticle, Article, ArticleClaims, Story
from ..options import Options
from ..stories.undated import WindowFinder, windows_in
from .cache import ResultCache, annotation_key, claims_key, story_key

T = TypeVar("T")
R = TypeVar("R")
Batch = Callable[[Sequence[T]], list[R]]
Progress = Callable[[int], None]


def cached(keys: Callable[[Sequence[T]], list[str]],
           get: Callable[[dict[str, T]], dict[str, R]],
           put: Callable[[list[tuple[str, T, R]]], None],
           compute: Batch[T, R], found: Progress | None = None) -> Batch[T, R]:
    """``compute`` through a cache: ``keys`` names each item's result by its content,
    ``get`` returns the stored results of the keys it holds, ``put`` stores new ones;
    ``found`` hears how many were stored before anything is computed."""
    def run(items: Sequence[T]) -> list[R]:
        item_keys = keys(items)
        keyed = dict(zip(item_keys, items, strict=True))
        known = get(keyed)
        if found and known:
            found(len(known))
        todo = [k for k in keyed if k not in known]
        made = dict(zip(todo, compute([keyed[k] for k in todo]) if todo else [], strict=True))
        put([(k, keyed[k], made[k]) for k in todo])
        return [known[k] if k in known else made[k] for k in item_keys]
    return run


class Stages:
    """Annotation, claims, alignment units, publication windows and sentence vectors,
    as the pipeline calls them: from the result cache where the options keep one."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.cache = ResultCache.from_options(options)
        self.windows: WindowFinder = (self.cache.window_finder(windows_in) if self.cache
                                      else windows_in)
        # Looked up when called, so that a test or benchmark can stand in for the encoder.
        self.embed: Embedder = (self.cache.embedder(lambda texts: embed(texts), vector_model_name())
                                if self.cache else lambda texts: embed(texts))

    def annotate(self, articles: Sequence[Article], progress: Progress | None = None,
                 engine: Batch[Article, AnnotatedArticle] | None = None,
                 ) -> list[AnnotatedArticle]:
        """The annotate stage over ``articles`` (``progress`` hears how many are done),
        run by ``engine`` (default: `annotate_all` in this process and its workers)."""
        def compute(batch: Sequence[Article]) -> list[AnnotatedArticle]:
            if engine is not None:
                return engine(batch)
            return annotate_all(batch, self.options, progress=progress)

        if self.cache is None:
            return compute(articles)
        cache, options = self.cache, self.options
        return cached(
            lambda batch: [annotation_key(a, options) for a in batch],
            lambda keyed: _by_key(keyed, cache.get_annotations(list(keyed.values()), options),
                                  lambda a: a.id),
            lambda rows: cache.put_annotations([r for _, _, r in rows], options),
            compute, found=progress)(articles)

    def claims(self, annotated: Sequence[AnnotatedArticle], outlets: Sequence[str],
               ) -> tuple[list[ArticleClaims], list[str]]:
        """The claims stage over ``annotated`` against the corpus's ``outlets``, and each
        article's claims key (empty without a cache)."""
        def compute(batch: Sequence[AnnotatedArticle]) -> list[ArticleClaims]:
            return [extract_claims(a, outlets) for a in batch]

        if self.cache is None:
            return compute(annotated), []
        cache, options = self.cache, self.options
        keys = [claims_key(a.article, outlets, options) for a in annotated]
        by_item = dict(zip(map(id, annotated), keys, strict=True))
        items = cached(lambda batch: [by_item[id(a)] for a in batch], cache.get_claims,
                       lambda rows: cache.put_claims((k, r) for k, _, r in rows),
                       compute)(annotated)
        return items, keys

    def units(self, items: Sequence[ArticleClaims], keys: dict[str, str]) -> list[Unit]:
        """The alignment units of a story's ``items`` (``keys``: each article's claims
        key by article id), article by article."""
        def compute(batch: Sequence[ArticleClaims]) -> list[list[Unit]]:
            return [article_units(i) for i in batch]

        if self.cache is None:
            per_article = compute(items)
        else:
            cache = self.cache
            per_article = cached(
                lambda batch: [keys[i.annotated.article.id] for i in batch], cache.get_units,
                lambda rows: cache.put_units(rows), compute)(items)
        return [u for units in per_article for u in units]

    def story_key(self, items: Sequence[ArticleClaims], keys: dict[str, str]) -> str | None:
        """The result cache's key of the story of ``items`` (in story order; ``keys``:
        claims keys by article id), or None without a cache."""
        articles = [i.annotated.article for i in items]
        if self.cache is None or any(a.id not in keys for a in articles):
            return None
        # The learned pair judge and its veto (opt-ins) align differently from the same vectors.
        model = vector_model_name() + ("+align-judge" if alignment.USE_JUDGE else "") + (
            "+align-veto" if alignment.USE_VETO else "")
        return story_key([(keys[a.id], a) for a in articles], model)

    def stored_story(self, key: str | None) -> Story | None:
        """A story cross-checked by an earlier run, under its `story_key`."""
        return self.cache.get_story(key) if self.cache is not None and key else None

    def keep_story(self, key: str | None, story: Story) -> None:
        """Remember a cross-checked story for later runs."""
        if self.cache is not None and key:
            self.cache.put_story(key, story)


def _by_key(keyed: dict[str, T], by_id: dict[str, R], ident: Callable[[T], str],
            ) -> dict[str, R]:
    """Results found by item id, re-keyed by the items' cache keys."""
    return {k: by_id[ident(item)] for k, item in keyed.items() if ident(item) in by_id}
