"""Claim alignment: group mentions of one story that state the same proposition.

Similarity of two clause-level mentions mixes sentence embeddings with an IDF-weighted
overlap of their content words, numbers and places; average-link clustering groups them.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .align_units import Unit, make_units
from .models import ArticleClaims, ClaimMention

Embedder = Callable[[Sequence[str]], np.ndarray]

ALIGN_THRESHOLD = 0.46  # mixed similarity at which two mentions state the same thing
SENTENCE_WEIGHT = 0.85  # how far a sentence-level match counts for its clauses
# Two units of one article align only when this similar (an assertion and its denial);
# above SENTENCE_WEIGHT, so that within an article the sentence term never decides.
SAME_ARTICLE_LINK = 0.9
# Above this many groups a story is aligned by single-link on thresholded pairs instead.
_MAX_AVERAGE_LINK = 600
# Above this many units only each unit's strongest conflict candidates are kept.
DENSE_LIMIT = 4000


def _idf(units: Sequence[Unit]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for u in units:
        df.update(u.terms)
    n = len(units)
    return {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}


def _overlap(a: frozenset[str], b: frozenset[str], idf: dict[str, float]) -> float:
    """IDF-weighted overlap coefficient: shared weight over the lighter side's weight."""
    shared = sum(idf.get(t, 0.0) for t in a & b)
    lighter = min(sum(idf.get(t, 0.0) for t in a), sum(idf.get(t, 0.0) for t in b))
    return shared / lighter if lighter > 0 else 0.0


def term_matrix(units: Sequence[Unit]) -> tuple[Any, np.ndarray, np.ndarray]:
    """The units' content terms as a sparse 0/1 matrix (units x terms), the terms' IDF
    weights, and each unit's total weight."""
    from scipy import sparse

    idf = _idf(units)
    # Columns in sorted order, not in the order of the units' term sets (which follows
    # string hashing): sums of shared weight then round the same in every process.
    vocab = {t: k for k, t in enumerate(sorted(idf))}
    rows = [i for i, u in enumerate(units) for _ in u.terms]
    cols = [vocab[t] for u in units for t in u.terms]
    present = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)),
                                shape=(len(units), len(vocab)))
    weights = np.array([idf[t] for t in vocab])
    return present, weights, present @ weights


def shared_overlap(shared: Any, own_rows: np.ndarray, own_cols: np.ndarray,
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row, column and overlap (shared weight over the lighter side's) of the nonzero
    entries of a sparse matrix of shared term weight: every other pair overlaps 0, and in
    a big story most pairs share nothing, so no dense ratio of all pairs is formed."""
    coo = shared.tocoo()
    rows, cols = coo.row, coo.col
    # Sharing a term means both sides weigh something, so the lighter side is positive.
    return rows, cols, coo.data / np.minimum(own_rows[rows], own_cols[cols])


def overlap_pairs(units: Sequence[Unit]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`_overlap` of the pairs of units that share a term (row, column, value; both
    orders, the diagonal included)."""
    present, weights, own = term_matrix(units)
    return shared_overlap(present.multiply(weights) @ present.T, own, own)


def overlap_matrix(units: Sequence[Unit]) -> np.ndarray:
    """`_overlap` of every pair of units at once (sparse products; stories reach 1000s)."""
    out = np.zeros((len(units), len(units)))
    rows, cols, values = overlap_pairs(units)
    out[rows, cols] = values
    np.fill_diagonal(out, 0.0)
    return out


def similarity_matrix(units: Sequence[Unit], vectors: np.ndarray) -> np.ndarray:
    """Mixed similarity; pairs within one article only count when near-identical."""
    if not len(units):
        return np.zeros((0, 0))
    mixed = (vectors @ vectors.T).astype(np.float64)
    mixed *= 0.6
    rows, cols, values = overlap_pairs(units)
    mixed[rows, cols] += 0.4 * values
    np.fill_diagonal(mixed, 0.0)
    return mixed.astype(vectors.dtype, copy=False)


def _across_articles(units: Sequence[Unit], sims: np.ndarray) -> np.ndarray:
    """Within one article only near-identical units align (an assertion and its denial)."""
    index = {aid: k for k, aid in enumerate(dict.fromkeys(u.article_id for u in units))}
    owner = np.array([index[u.article_id] for u in units])
    same = owner[:, None] == owner[None, :]
    return np.where(same & (sims < SAME_ARTICLE_LINK), 0.0, sims) if len(units) else sims


def average_link(sims: np.ndarray, threshold: float) -> list[list[int]]:
    """Agglomerative clustering: merge the closest pair while its average link passes.

    Among equally close pairs the one first in row-major order merges (into the lower
    index). Each row's best link is kept and only the rows a merge touches are searched
    again, so a merge costs O(n) rather than a scan of the whole matrix."""
    n = len(sims)
    clusters: list[list[int]] = [[i] for i in range(n)]
    matrix = sims.astype(np.float64).copy()
    np.fill_diagonal(matrix, -np.inf)
    sizes = np.ones(n)
    alive = np.ones(n, dtype=bool)
    best_col = matrix.argmax(axis=1) if n else np.zeros(0, dtype=np.intp)
    best = matrix[np.arange(n), best_col] if n else np.zeros(0)
    while alive.sum() > 1:
        i = int(np.argmax(best))  # the first row holding the overall maximum
        j = int(best_col[i])
        if best[i] < threshold:
            break
        merged = (matrix[i] * sizes[i] + matrix[j] * sizes[j]) / (sizes[i] + sizes[j])
        sizes[i] += sizes[j]
        alive[j] = False
        clusters[i].extend(clusters[j])
        merged[i] = merged[j] = -np.inf
        matrix[i, :] = matrix[:, i] = merged
        matrix[j, :] = matrix[:, j] = -np.inf
        best[j] = -np.inf
        _update_best(matrix, best, best_col, alive, i, j)
    return [sorted(c) for k, c in enumerate(clusters) if alive[k]]


def _update_best(matrix: np.ndarray, best: np.ndarray, best_col: np.ndarray,
                 alive: np.ndarray, i: int, j: int) -> None:
    """Bring each live row's best link (value, first column holding it) up to date after
    row/column ``i`` changed and ``j`` died."""
    column = matrix[:, i]
    # Rows whose best was i or j lost or changed it: search them again.
    stale = alive & ((best_col == i) | (best_col == j))
    stale[i] = True
    for k in np.flatnonzero(stale):
        best_col[k] = int(np.argmax(matrix[k]))
        best[k] = matrix[k, best_col[k]]
    # Elsewhere column i can only win: strictly better, or equal and earlier.
    rest = alive & ~stale
    better = rest & ((column > best) | ((column == best) & (i < best_col)))
    best_col[better] = i
    best[better] = column[better]


def single_link(sims: np.ndarray, threshold: float) -> list[list[int]]:
    """Union-find over pairs above the threshold (for very large stories)."""
    return single_link_pairs(len(sims), *np.nonzero(np.triu(sims >= threshold, 1)))


def single_link_pairs(n: int, rows: np.ndarray, cols: np.ndarray) -> list[list[int]]:
    """Connected components of ``n`` items linked by the pairs (rows[k], cols[k]): each
    component's items ascending, components in the order of their first item."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    if n == 0:
        return []
    graph = coo_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    # A stable sort by label keeps items ascending within each component; ordering the
    # components by their first item makes the result independent of scipy's numbering.
    order = np.argsort(labels, kind="stable")
    bounds = np.flatnonzero(np.diff(labels[order])) + 1
    groups = [part.tolist() for part in np.split(order, bounds)]
    groups.sort(key=lambda g: g[0])
    return groups


def candidate_arrays(sims: Any, floor: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows, columns and (float64) similarities of the pairs i < j at or above ``floor``,
    from a dense matrix or from the sparse one that very large stories get."""
    from scipy import sparse

    if sparse.issparse(sims):
        upper = sparse.triu(sims, 1).tocoo()
        values = upper.data.astype(np.float64)
        keep = values >= floor
        return upper.row[keep], upper.col[keep], values[keep]
    rows, cols = np.nonzero(np.triu(sims >= floor, 1))
    return rows, cols, sims[rows, cols].astype(np.float64)


def sentence_vectors(units: Sequence[Unit], embedder: Embedder) -> tuple[np.ndarray, np.ndarray]:
    """Vectors of the distinct sentences the units come from, and each unit's row."""
    keys = [(u.article_id, u.mentions[0].start) for u in units]
    distinct = sorted(set(keys))
    index = {k: n for n, k in enumerate(distinct)}
    quotes = {(u.article_id, u.mentions[0].start): u.mentions[0].quote for u in units}
    return embedder([quotes[k] for k in distinct]), np.array([index[k] for k in keys])


def sentence_similarity(units: Sequence[Unit], embedder: Embedder) -> np.ndarray:
    """Similarity of the sentences the units come from (clauses of similar sentences often
    state the same fact in a different cut)."""
    vectors, rows = sentence_vectors(units, embedder)
    sims = vectors @ vectors.T
    return sims[np.ix_(rows, rows)]


def align(items: Sequence[ArticleClaims], embedder: Embedder, threshold: float = ALIGN_THRESHOLD,
          dense_limit: int | None = None, units: Sequence[Unit] | None = None,
          ) -> tuple[list[list[ClaimMention]], list[Unit], Any]:
    """Aligned mention groups of a story, with the units and similarities behind them
    (a dense matrix up to `_MAX_AVERAGE_LINK` units; past it a sparse one of the conflict
    candidates, see `align_large`: all of them up to ``dense_limit`` units, each unit's
    strongest beyond). ``units`` are `make_units(items)` when the caller has them already."""
    units = list(units) if units is not None else make_units(items)
    if not units:
        return [], [], np.zeros((0, 0))
    limit = DENSE_LIMIT if dense_limit is None else dense_limit
    several = len({u.article_id for u in units}) > 1
    if len(units) > limit or (several and len(units) > _MAX_AVERAGE_LINK):
        from .align_large import NEIGHBOURS, align_large

        # Single-link needs no full matrix, and its many full-size temporaries cost more
        # than the arithmetic: block by block gives the same links, and up to the dense
        # limit it keeps every candidate pair, as the full matrix would.
        neighbours = NEIGHBOURS if len(units) > limit else len(units)
        clusters, sims = align_large(units, embedder, threshold, neighbours=neighbours)
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
