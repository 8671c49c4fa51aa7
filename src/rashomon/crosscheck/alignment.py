"""Claim alignment: group mentions of one story that state the same proposition.

Similarity of two clause-level mentions mixes sentence embeddings with an IDF-weighted
overlap of their content words, numbers and places; average-link clustering groups them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..models import ArticleClaims, ClaimMention
from .blockwise import NEIGHBOURS, align_blockwise
from .linkage import average_link, single_link
from .similarity import (
    SAME_ARTICLE_LINK,
    SENTENCE_WEIGHT,
    Embedder,
    sentence_similarity,
    similarity_matrix,
)
from .units import Unit, make_units

ALIGN_THRESHOLD = 0.46  # mixed similarity at which two mentions state the same thing
# Above this many groups a story is aligned by single-link on thresholded pairs instead.
_MAX_AVERAGE_LINK = 600
# Above this many units only each unit's strongest conflict candidates are kept.
DENSE_LIMIT = 4000


def _across_articles(units: Sequence[Unit], sims: np.ndarray) -> np.ndarray:
    """Within one article only near-identical units align (an assertion and its denial)."""
    index = {aid: k for k, aid in enumerate(dict.fromkeys(u.article_id for u in units))}
    owner = np.array([index[u.article_id] for u in units])
    same = owner[:, None] == owner[None, :]
    return np.where(same & (sims < SAME_ARTICLE_LINK), 0.0, sims) if len(units) else sims


def align(items: Sequence[ArticleClaims], embedder: Embedder, threshold: float = ALIGN_THRESHOLD,
          dense_limit: int | None = None, units: Sequence[Unit] | None = None,
          ) -> tuple[list[list[ClaimMention]], list[Unit], Any]:
    """Aligned mention groups of a story, with the units and similarities behind them
    (a dense matrix up to `_MAX_AVERAGE_LINK` units; past it a sparse one of the conflict
    candidates, see `blockwise`: all of them up to ``dense_limit`` units, each unit's
    strongest beyond). ``units`` are `make_units(items)` when the caller has them already."""
    units = list(units) if units is not None else make_units(items)
    if not units:
        return [], [], np.zeros((0, 0))
    limit = DENSE_LIMIT if dense_limit is None else dense_limit
    several = len({u.article_id for u in units}) > 1
    if len(units) > limit or (several and len(units) > _MAX_AVERAGE_LINK):
        # Single-link needs no full matrix, and its many full-size temporaries cost more
        # than the arithmetic: block by block gives the same links, and up to the dense
        # limit it keeps every candidate pair, as the full matrix would.
        neighbours = NEIGHBOURS if len(units) > limit else len(units)
        clusters, sims = align_blockwise(units, embedder, threshold, neighbours=neighbours)
        return _groups(units, clusters), units, sims
    sims = similarity_matrix(units, embedder([u.text for u in units]))
    combined = sims
    if several:
        # Within one article the sentence term cannot reach SAME_ARTICLE_LINK: a
        # one-article story needs no sentence vectors.
        combined = np.maximum(sims, SENTENCE_WEIGHT * sentence_similarity(units, embedder))
    link = average_link if len(units) <= _MAX_AVERAGE_LINK else single_link
    clusters = link(_across_articles(units, combined), threshold)
    return _groups(units, clusters), units, sims


def _groups(units: Sequence[Unit], clusters: list[list[int]]) -> list[list[ClaimMention]]:
    groups = [[m for k in cluster for m in units[k].mentions] for cluster in clusters]
    groups.sort(key=lambda g: (g[0].article_id, g[0].start, g[0].content_start))
    return groups
