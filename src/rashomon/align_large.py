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
    overlap_ratio,
    sentence_vectors,
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
        self.weighted_t = self.present.multiply(weights).T.tocsr()

    def block(self, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
        """Unit-level mixed similarity and the combined (sentence-aware, across-article)
        similarity of rows ``lo:hi`` against every unit."""
        cos = (self.vectors[lo:hi] @ self.vectors.T).astype(np.float64)
        shared = (self.present[lo:hi] @ self.weighted_t).toarray()
        overlap = overlap_ratio(shared, self.own[lo:hi], self.own)
        mixed = 0.6 * cos + 0.4 * overlap
        rows = np.arange(lo, hi)
        mixed[rows - lo, rows] = 0.0
        sentence = self.sentences[self.sentence_of[lo:hi]] @ self.sentences[self.sentence_of].T
        combined = np.maximum(mixed, SENTENCE_WEIGHT * sentence)
        combined[rows - lo, rows] = 0.0
        same = self.owner[lo:hi, None] == self.owner[None, :]
        combined = np.where(same & (combined < 0.9), 0.0, combined)
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
        later = np.arange(n)[None, :] > np.arange(lo, hi)[:, None]
        r, c = np.nonzero(later & (combined >= threshold))
        links.append((r + lo, c))
        i, j, v = _strongest(np.where(later & (mixed >= CANDIDATE), mixed, 0.0), neighbours)
        cand_i.append(i + lo)
        cand_j.append(j)
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
