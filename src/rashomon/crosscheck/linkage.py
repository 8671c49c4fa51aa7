"""Clustering of units by similarity: average link for most stories, single link
(connected components of the pairs above a threshold) for very large ones."""

from __future__ import annotations

import numpy as np


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
