"""Alignment of very large stories in bounded memory.

A story that hundreds of outlets cover has tens of thousands of clause units; their
full similarity matrix would not fit in memory (30,000 units: 7 GB per float64 copy).
Here similarities are computed one block of rows at a time and only what is used is
kept: the pairs at or above the alignment threshold (single-link clustering, as the
dense path already uses for big stories) and, for conflict detection, each unit's
strongest neighbours above the candidate floor. Memory is O(rows per block x units).
"""

from __future__ import annotations

import copy
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from queue import SimpleQueue
from typing import Any

import numpy as np
from scipy import sparse

from .conflicts import CANDIDATE
from .linkage import single_link_pairs
from .similarity import (
    SAME_ARTICLE_LINK,
    SENTENCE_WEIGHT,
    Embedder,
    sentence_vectors,
    shared_overlap,
    term_matrix,
)
from .units import Unit

ROWS_PER_BLOCK = 512
NEIGHBOURS = 40  # conflict candidates kept per unit (its most similar units)
# NumPy releases the GIL in the element-wise passes that take half of a block's time
# and that BLAS does not spread over cores: blocks run in this many threads at once.
BLOCK_THREADS = min(2, os.cpu_count() or 1)

Pairs = tuple[np.ndarray, np.ndarray]
Triples = tuple[np.ndarray, np.ndarray, np.ndarray]


class _Features:
    """Everything the block-wise similarity needs, computed once per story."""

    def __init__(self, units: Sequence[Unit], embedder: Embedder) -> None:
        self.vectors = embedder([u.text for u in units])
        self.sentences, self.sentence_of = sentence_vectors(units, embedder)
        articles = {aid: k for k, aid in enumerate(dict.fromkeys(u.article_id for u in units))}
        self.owner = np.array([articles[u.article_id] for u in units])
        self.present, weights, self.own = term_matrix(units)
        self.weighted_t = self.present.multiply(weights).T.tocsc()
        # Each unit's sentence vector, gathered once rather than for every block.
        self.unit_sentences = self.sentences[self.sentence_of]
        # Units of one article are consecutive (make_units keeps article order), so an
        # article's pairs within a block are one rectangle, not a mask over the block.
        self.runs = _runs(self.owner)
        self._buffers: dict[str, np.ndarray] = {}

    def block(self, lo: int, hi: int, threshold: float) -> tuple[np.ndarray, np.ndarray]:
        """Unit-level mixed similarity of rows ``lo:hi`` against the units from ``lo`` on
        (column ``c`` is unit ``lo + c``), and which of those pairs link: the combined
        (sentence-aware) similarity, max(mixed, sentence), reaches ``threshold``, and
        within one article `SAME_ARTICLE_LINK`. Only pairs whose column unit comes after
        the row's count (each pair is needed once, when its earlier unit's rows come):
        the others are 0 and unlinked. Both arrays live in buffers that the next block
        overwrites."""
        n = len(self.own)
        shape = (hi - lo, n - lo)
        cosine = self._work("cosine", shape, np.float32)
        np.matmul(self.vectors[lo:hi], self.vectors[lo:].T, out=cosine)
        mixed = self._work("mixed", shape, np.float64)
        np.multiply(cosine, 0.6, out=mixed, dtype=np.float64)
        r, c, overlap = shared_overlap(self.present[lo:hi] @ self.weighted_t[:, lo:],
                                       self.own[lo:hi], self.own[lo:])
        # (r, c) pairs are distinct: one flat index each is cheaper than a 2-d index.
        mixed.reshape(-1)[r * shape[1] + c] += 0.4 * overlap
        earlier = np.tril_indices(hi - lo)  # the diagonal and the pairs seen already
        mixed[earlier] = 0.0
        sentence = cosine  # the unit cosines are in `mixed` now: reuse their buffer
        np.matmul(self.unit_sentences[lo:hi], self.unit_sentences[lo:n].T, out=sentence)
        sentence *= SENTENCE_WEIGHT
        # max(a, b) >= t is a >= t or b >= t: no combined array is formed. NumPy scalars
        # make the float32 side compare in float64, as the maximum did.
        linked = _reaches(mixed, sentence, np.float64(threshold),
                          self._work("linked", shape, np.bool_),
                          self._work("scratch", shape, np.bool_))
        linked[earlier] = False
        self._within_articles(mixed, sentence, linked, lo, hi)
        return mixed, linked

    def fork(self) -> _Features:
        """A view of the same story with buffers of its own, for another thread."""
        other = copy.copy(self)
        other._buffers = {}
        return other

    def _work(self, name: str, shape: tuple[int, int], dtype: type) -> np.ndarray:
        """A contiguous array of ``shape`` over a buffer kept for the whole story: fresh
        blocks of tens of MB each cost more in page faults than in arithmetic."""
        size = shape[0] * shape[1]
        buffer = self._buffers.get(name)
        if buffer is None or buffer.size < size:
            buffer = self._buffers[name] = np.empty(size, dtype=dtype)
        return buffer[:size].reshape(shape)

    def _within_articles(self, mixed: np.ndarray, sentence: np.ndarray, linked: np.ndarray,
                         lo: int, hi: int) -> None:
        """Within one article only near-identical units align (as `_across_articles`)."""
        bar = np.float64(SAME_ARTICLE_LINK)
        if self.runs is None:
            same = self.owner[lo:hi, None] == self.owner[None, lo:]
            linked[same & ~((mixed >= bar) | (sentence >= bar))] = False
            return
        for start, end in self.runs:
            if end <= lo or start >= hi:
                continue
            rows = slice(max(start, lo) - lo, min(end, hi) - lo)
            cols = slice(max(start, lo) - lo, end - lo)
            square = linked[rows, cols]
            square &= (mixed[rows, cols] >= bar) | (sentence[rows, cols] >= bar)


def _reaches(a: np.ndarray, b: np.ndarray, bar: np.floating, out: np.ndarray,
             scratch: np.ndarray) -> np.ndarray:
    """``max(a, b) >= bar`` into ``out``, through a scratch buffer."""
    np.greater_equal(a, bar, out=out)
    np.greater_equal(b, bar, out=scratch)
    np.logical_or(out, scratch, out=out)
    return out


def align_blockwise(units: Sequence[Unit], embedder: Embedder, threshold: float,
                neighbours: int = NEIGHBOURS, rows_per_block: int = ROWS_PER_BLOCK,
                threads: int | None = None) -> tuple[list[list[int]], sparse.csr_matrix]:
    """Clusters of unit indices and a sparse matrix of conflict candidates (upper
    triangle: each unit's ``neighbours`` most similar later units above the floor, the
    earlier unit first among equals). Blocks of rows run in ``threads`` threads
    (`BLOCK_THREADS` by default); the result does not depend on how many."""
    n = len(units)
    features = _Features(units, embedder)
    starts = list(range(0, n, rows_per_block))
    workers = max(1, min(BLOCK_THREADS if threads is None else threads, len(starts)))
    results = _run_blocks(features, starts, workers, (threshold, neighbours, rows_per_block))
    links = [link for link, _ in results]
    cands = [cand for _, cand in results]
    pairs = (np.concatenate([a for a, _ in links]), np.concatenate([b for _, b in links]))
    clusters = single_link_pairs(n, *pairs)
    candidates = sparse.csr_matrix(
        (np.concatenate([v for _, _, v in cands]),
         (np.concatenate([i for i, _, _ in cands]), np.concatenate([j for _, j, _ in cands]))),
        shape=(n, n))
    return clusters, candidates


def _run_blocks(features: _Features, starts: list[int], workers: int,
                settings: tuple[float, int, int]) -> list[tuple[Pairs, Triples]]:
    """Each block's links and candidates, in the order of ``starts``."""
    # BLAS rounds a product differently when it splits it over threads, and candidates
    # that tie up to rounding would then depend on the thread count: blocks always use
    # one BLAS thread, and several blocks run at once instead.
    with _blas_threads().limit(limits=1, user_api="blas"):
        if workers == 1:
            return [_one_block(features, lo, settings) for lo in starts]
        return _threaded_blocks(features, starts, workers, settings)


@cache
def _blas_threads() -> Any:
    """The process's thread-pool controller, made once: finding the libraries again for
    every story costs ~4 ms once torch is loaded."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def _threaded_blocks(features: _Features, starts: list[int], workers: int,
                     settings: tuple[float, int, int]) -> list[tuple[Pairs, Triples]]:
    """`_run_blocks` in ``workers`` threads."""
    # Each running block holds a view with its own buffers; the early blocks (more
    # columns) cost more, so blocks are handed out one at a time, not in fixed shares.
    views: SimpleQueue[_Features] = SimpleQueue()
    for view in [features] + [features.fork() for _ in range(workers - 1)]:
        views.put(view)

    def run(lo: int) -> tuple[Pairs, Triples]:
        view = views.get()
        try:
            return _one_block(view, lo, settings)
        finally:
            views.put(view)

    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(run, starts))


def _one_block(features: _Features, lo: int, settings: tuple[float, int, int],
               ) -> tuple[Pairs, Triples]:
    """Linked pairs and strongest candidates of the rows from ``lo`` (global indices)."""
    threshold, neighbours, rows_per_block = settings
    hi = min(len(features.own), lo + rows_per_block)
    mixed, linked = features.block(lo, hi, threshold)
    r, c = np.nonzero(linked)
    i, j, v = _strongest(mixed, neighbours, CANDIDATE)
    return (r + lo, c + lo), (i + lo, j + lo, v)


def _runs(owner: np.ndarray) -> list[tuple[int, int]] | None:
    """(start, end) of each article's units when they are consecutive, else None."""
    if len(owner) == 0:
        return []
    breaks = np.flatnonzero(owner[1:] != owner[:-1]) + 1
    starts = np.concatenate([[0], breaks])
    ends = np.concatenate([breaks, [len(owner)]])
    if len(set(owner[starts].tolist())) != len(starts):
        return None
    return list(zip(starts.tolist(), ends.tolist(), strict=True))


def _strongest(values: np.ndarray, k: int, floor: float,
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row, column and value of each row's ``k`` largest entries at or above ``floor``
    (> 0), rows ascending. Among equal values the earlier column is kept, so the choice
    does not depend on NumPy's selection algorithm."""
    rows, cols = np.nonzero(values >= floor)  # row-major: rows ascending, then columns
    vals = values[rows, cols]
    counts = np.bincount(rows, minlength=len(values))
    if not len(rows) or counts.max() <= k:
        return rows, cols, vals
    # Most rows of a big story have at most k candidates and keep them all; only the
    # candidates of crowded rows are ranked (not the whole row, most of it below floor).
    crowded = (counts > k)[rows]
    cut_rows, cut_cols, cut_vals = rows[crowded], cols[crowded], vals[crowded]
    order = np.lexsort((cut_cols, -cut_vals, cut_rows))
    sizes = counts[counts > k]
    rank = np.arange(len(order)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    keep = ~crowded
    keep[np.flatnonzero(crowded)[order[rank < k]]] = True
    return rows[keep], cols[keep], vals[keep]
