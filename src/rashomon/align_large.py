"""Alignment of very large stories in bounded memory.

A story that hundreds of outlets cover has tens of thousands of clause units; their
full similarity matrix would not fit in memory (30,000 units: 7 GB per float64 copy).
Here similarities are computed one block of rows at a time and only what is used is
kept: the pairs at or above the alignment threshold (single-link clustering, as the
dense path already uses for big stories) and, for conflict detection, each unit's
strongest neighbours above the candidate floor. Memory is O(rows per block x units).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse

from .align import (
    SENTENCE_WEIGHT,
    Embedder,
    Unit,
    sentence_vectors,
    shared_overlap,
    single_link_pairs,
    term_matrix,
)
from .conflicts import CANDIDATE

ROWS_PER_BLOCK = 512
NEIGHBOURS = 40  # conflict candidates kept per unit (its most similar units)


class _Features:
    """Everything the block-wise similarity needs, computed once per story."""

    def __init__(self, units: Sequence[Unit], embedder: Embedder) -> None:
        self.vectors = embedder([u.text for u in units])
        self.sentences, self.sentence_of = sentence_vectors(units, embedder)
        articles = {aid: k for k, aid in enumerate(dict.fromkeys(u.article_id for u in units))}
        self.owner = np.array([articles[u.article_id] for u in units])
        self.present, weights, self.own = term_matrix(units)
        self.weighted_t = self.present.multiply(weights).T.tocsc()

    def block(self, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
        """Unit-level mixed similarity and the combined (sentence-aware, across-article)
        similarity of rows ``lo:hi`` against the units from ``lo`` on (column ``c`` is
        unit ``lo + c``), 0 where the column's unit does not come after the row's: each
        pair is needed once, when its earlier unit's rows come."""
        n = len(self.own)
        mixed = (self.vectors[lo:hi] @ self.vectors[lo:].T).astype(np.float64)
        mixed *= 0.6
        r, c, overlap = shared_overlap(self.present[lo:hi] @ self.weighted_t[:, lo:],
                                       self.own[lo:hi], self.own[lo:])
        mixed[r, c] += 0.4 * overlap
        earlier = np.tril_indices(hi - lo)  # the diagonal and the pairs seen already
        mixed[earlier] = 0.0
        rows = self.sentence_of[lo:hi]
        sentence = self.sentences[rows] @ self.sentences[self.sentence_of[lo:n]].T
        combined = np.maximum(mixed, SENTENCE_WEIGHT * sentence)
        combined[earlier] = 0.0
        same = self.owner[lo:hi, None] == self.owner[None, lo:]
        combined[same & (combined < 0.9)] = 0.0  # within one article: near-identical only
        return mixed, combined


def align_large(units: Sequence[Unit], embedder: Embedder, threshold: float,
                neighbours: int = NEIGHBOURS,
                rows_per_block: int = ROWS_PER_BLOCK) -> tuple[list[list[int]], sparse.csr_matrix]:
    """Clusters of unit indices and a sparse matrix of conflict candidates (upper
    triangle: each unit's ``neighbours`` most similar later units above the floor)."""
    n = len(units)
    features = _Features(units, embedder)
    links: list[tuple[np.ndarray, np.ndarray]] = []
    cand_i: list[np.ndarray] = []
    cand_j: list[np.ndarray] = []
    cand_v: list[np.ndarray] = []
    for lo in range(0, n, rows_per_block):
        hi = min(n, lo + rows_per_block)
        mixed, combined = features.block(lo, hi)
        r, c = np.nonzero(combined >= threshold)
        links.append((r + lo, c + lo))
        mixed[mixed < CANDIDATE] = 0.0
        i, j, v = _strongest(mixed, neighbours)
        cand_i.append(i + lo)
        cand_j.append(j + lo)
        cand_v.append(v)
    pairs = (np.concatenate([a for a, _ in links]), np.concatenate([b for _, b in links]))
    clusters = single_link_pairs(n, *pairs)
    candidates = sparse.csr_matrix(
        (np.concatenate(cand_v), (np.concatenate(cand_i), np.concatenate(cand_j))),
        shape=(n, n))
    return clusters, candidates


def _strongest(values: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row, column and value of each row's ``k`` largest positive entries."""
    if values.shape[1] > k:
        top = np.argpartition(-values, k - 1, axis=1)[:, :k]
    else:
        top = np.broadcast_to(np.arange(values.shape[1]), values.shape)
    rows = np.repeat(np.arange(values.shape[0]), top.shape[1])
    cols = top.reshape(-1)
    vals = values[rows, cols]
    keep = vals > 0
    return rows[keep], cols[keep], vals[keep]
