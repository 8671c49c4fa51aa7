"""How alike two alignment units are: sentence vectors mixed with shared content terms.

The mixed similarity of two clause units is 0.6 x the cosine of their vectors plus 0.4 x
the IDF-weighted overlap of their content words, numbers and places; the sentences they
come from count too, scaled by `SENTENCE_WEIGHT`.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .units import Unit

Embedder = Callable[[Sequence[str]], np.ndarray]

SENTENCE_WEIGHT = 0.85  # how far a sentence-level match counts for its clauses
# Two units of one article align only when this similar (an assertion and its denial);
# above SENTENCE_WEIGHT, so that within an article the sentence term never decides.
SAME_ARTICLE_LINK = 0.9


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
