"""Compose the annotators: one spaCy pass per article, then the rule-based layers."""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..common.lifeline import die_with_parent
from ..models import AnnotatedArticle, Article, Sentence, TimeExpr
from ..options import Options
from .gazetteer import Gazetteer
from .geocode import find_places
from .nlp import entities_of, load_nlp, sentences_of, tokens_of
from .pieces import parse_all
from .quantities import find_quantities
from .timex import find_times, sentence_time
from .units import find_units

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class AnnotateContext:
    """What annotation needs loaded once per process: the NLP pipeline and the gazetteer."""

    nlp: Any
    gazetteer: Gazetteer

    @classmethod
    def from_options(cls, options: Options) -> AnnotateContext:
        """Load the spaCy model and the gazetteer named by the options."""
        gazetteer = _shared_gazetteer(options.gazetteer_path, options.extra_geonames)
        return cls(load_nlp(options.spacy_model), gazetteer)


@lru_cache(maxsize=2)
def _shared_gazetteer(path: str | None, extra: str | None) -> Gazetteer:
    # Loaded once per process (~0.4 s, ~210 MB): a server annotates every upload with it.
    return Gazetteer.load(Path(path) if path else None, Path(extra) if extra else None)


def anchor_date(article: Article) -> date | None:
    """The publication day that relative times resolve against, if it is known to the day."""
    if not article.published or len(article.published) < 10:
        return None
    try:
        return date.fromisoformat(article.published[:10])
    except ValueError:
        return None


def _with_times(sentences: list[Sentence], times: list[TimeExpr]) -> tuple[Sentence, ...]:
    out = []
    for sent in sentences:
        inside = [t for t in times if t.start >= sent.start and t.end <= sent.end]
        when = sentence_time(inside) if inside else None
        out.append(Sentence(sent.start, sent.end, sent.text, when) if when else sent)
    return tuple(out)


def annotate_doc(article: Article, doc: Any, ctx: AnnotateContext) -> AnnotatedArticle:
    """Annotate one article from its parsed spaCy doc."""
    text = article.text
    sentences = sentences_of(doc, text)
    entities = entities_of(doc)
    tokens = tuple(tokens_of(doc))
    times = find_times(text, anchor_date(article), tokens)
    warnings = () if sentences else ("no sentences found",)
    return AnnotatedArticle(
        article=article,
        sentences=_with_times(sentences, times),
        entities=tuple(entities),
        times=tuple(times),
        places=tuple(find_places(text, entities, ctx.gazetteer)),
        quantities=tuple(find_quantities(text)),
        units=tuple(find_units(text)),
        warnings=warnings,
        tokens=tokens,
    )


def annotate(article: Article, ctx: AnnotateContext) -> AnnotatedArticle:
    """Annotate a single article (for batches, `annotate_all` is much faster)."""
    return annotate_doc(article, parse_all(ctx.nlp, [article.text])[0], ctx)


def annotate_batch(articles: Sequence[Article], ctx: AnnotateContext) -> list[AnnotatedArticle]:
    """Annotate a batch of articles in this process (one spaCy ``pipe`` over the batch)."""
    docs = parse_all(ctx.nlp, [a.text for a in articles])
    return [annotate_doc(a, doc, ctx) for a, doc in zip(articles, docs, strict=True)]


# Set in the parent just before the pool forks, so workers share the loaded models.
_WORKER_CTX: AnnotateContext | None = None


def _start_worker(parent: int) -> None:
    """Workers end with the parent (a killed run leaves none behind), and each uses one
    BLAS thread: the workers already use every core between them."""
    from threadpoolctl import threadpool_limits

    die_with_parent(parent)
    threadpool_limits(1)


def _worker_batch(articles: Sequence[Article]) -> list[AnnotatedArticle]:
    assert _WORKER_CTX is not None, "worker started without a context"
    return annotate_batch(articles, _WORKER_CTX)


def _batches(articles: Sequence[Article], size: int) -> list[Sequence[Article]]:
    return [articles[i : i + size] for i in range(0, len(articles), max(size, 1))]


def _pooled(
    batches: list[Sequence[Article]], ctx: AnnotateContext, workers: int
) -> Iterator[list[AnnotatedArticle]]:
    global _WORKER_CTX
    _WORKER_CTX = ctx
    try:
        fork = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=fork,
                                 initializer=_start_worker,
                                 initargs=(os.getpid(),)) as pool:
            yield from pool.map(_worker_batch, batches)
    finally:
        _WORKER_CTX = None


def annotate_all(
    articles: Sequence[Article],
    options: Options | None = None,
    ctx: AnnotateContext | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[AnnotatedArticle]:
    """Annotate many articles, in worker processes when there are enough of them."""
    options = options or Options()
    ctx = ctx or AnnotateContext.from_options(options)
    batches = _batches(articles, options.batch_size)
    parallel = options.workers > 1 and len(batches) > 1 and _can_fork()
    results = _pooled(batches, ctx, options.workers) if parallel else (
        annotate_batch(b, ctx) for b in batches)
    out: list[AnnotatedArticle] = []
    for batch in results:
        out.extend(batch)
        if progress:
            progress(len(batch))
    return out


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()
