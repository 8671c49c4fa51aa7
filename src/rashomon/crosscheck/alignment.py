"""Claim alignment: group mentions of one story that state the same proposition.

Similarity of two clause-level mentions mixes sentence embeddings with an IDF-weighted
overlap of their content words, numbers and places; average-link clustering groups them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ..models import ArticleClaims, ClaimMention
from .blockwise import NEIGHBOURS, align_blockwise
from .conflicts import days_agree
from .judge import blended, figures_agree, judged_similarity, load_judge, story_pairs
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
# Above this many units only each unit's strongest conflict candidates are kept.
DENSE_LIMIT = 4000
# Above this many units a story is aligned by single link on thresholded pairs instead.
# Single link chains: at 600 units on ECB+ one claim took 75-83% of a story's mentions,
# so average link runs as far as the dense matrix does (3,000 units: about 1 s).
_MAX_AVERAGE_LINK = DENSE_LIMIT
# The learned pair judge (`judge`) in place of the mixed similarity for clustering: off
# unless RASHOMON_ALIGN_JUDGE=1 (out of fold it did not beat the mix; see
# docs/benchmarks.md, "A learned pair judge for alignment").
USE_JUDGE = os.environ.get("RASHOMON_ALIGN_JUDGE") == "1"
# The judge as a veto and a boost only: the mixed similarity clusters, but a pair
# of different articles the judge gives under JUDGE_VETO counts 0 (as if nothing were
# shared), and one it gives JUDGE_SURE or more counts at least that probability
# (`judge.blended`). Off unless RASHOMON_ALIGN_VETO=1 (docs/benchmarks.md, "The pair judge
# as a veto"). Both values chosen out of fold by eval/veto_align.py.
USE_VETO = os.environ.get("RASHOMON_ALIGN_VETO") == "1"
JUDGE_VETO = 0.4
JUDGE_SURE = 0.7


def _owners(units: Sequence[Unit], key: Callable[[Unit], object]) -> np.ndarray:
    """Whether each pair of units has the same ``key`` (article, sentence)."""
    index: dict[object, int] = {}
    owner = np.array([index.setdefault(key(u), len(index)) for u in units])
    return owner[:, None] == owner[None, :]


def _across_articles(units: Sequence[Unit], sims: np.ndarray) -> np.ndarray:
    """Within one article only near-identical units align (an assertion and its denial),
    and two clauses of one sentence never do: the sentence was cut there because they
    state two things, and a claim holding both counts one sentence twice and joins two
    propositions (on ECB+ such claims grew to 60-160 mentions). The pair gets -inf, a
    cannot-link: average link's mean of any pair of clusters holding the two stays -inf."""
    if not len(units):
        return sims
    out = np.where(_owners(units, _article) & (sims < SAME_ARTICLE_LINK), 0.0, sims)
    same_sentence = _owners(units, _sentence)
    np.fill_diagonal(same_sentence, False)
    out[same_sentence] = -np.inf
    return out


def with_veto(sims: np.ndarray, ruled_out: np.ndarray, value: float = -np.inf) -> np.ndarray:
    """``sims`` with the ``ruled_out`` pairs set to ``value``: -inf makes them cannot-links
    (average link never puts the two in one cluster, whatever else links them); 0 makes
    them pairs with nothing in common, which a cluster's other links can outweigh."""
    return np.where(ruled_out, value, sims)


def compatible_parts(cluster: list[int], ruled_out: np.ndarray) -> list[list[int]]:
    """A cluster split into parts holding no ``ruled_out`` pair (see `_first_fit`)."""
    return _first_fit(cluster, lambda k, j: not ruled_out[k, j])


def _first_fit(cluster: list[int], fit: Callable[[int, int], bool]) -> list[list[int]]:
    """``cluster`` cut into parts whose members all ``fit`` each other: each member joins
    the first part it fits every member of, in order, or starts a new one."""
    parts: list[list[int]] = []
    for k in cluster:
        home = next((p for p in parts if all(fit(k, j) for j in p)), None)
        if home is None:
            parts.append([k])
        else:
            home.append(k)
    return parts


def _article(unit: Unit) -> str:
    return unit.article_id


def _sentence(unit: Unit) -> tuple[str, int]:
    return unit.article_id, unit.mentions[0].start


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
    vectors = embedder([u.text for u in units])
    sims = similarity_matrix(units, vectors)
    combined = sims
    if several:
        # Within one article the sentence term cannot reach SAME_ARTICLE_LINK: a
        # one-article story needs no sentence vectors.
        sentence = sentence_similarity(units, embedder)
        combined = np.maximum(sims, SENTENCE_WEIGHT * sentence)
        if USE_JUDGE or USE_VETO:
            # The conflict rules still get `sims`: their floors were set on the mix.
            combined, threshold = _judged(units, vectors, sentence, combined)
    link = average_link if len(units) <= _MAX_AVERAGE_LINK else single_link
    clusters = link(_across_articles(units, combined), threshold)
    return _groups(units, clusters), units, sims


def _judged(units: Sequence[Unit], vectors: np.ndarray, sentence: np.ndarray,
            combined: np.ndarray) -> tuple[np.ndarray, float]:
    """What average link clusters, and where it stops, with the learned pair judge: its
    probability in place of the mixed score (`USE_JUDGE`), or the mixed score with the
    pairs it rules out set to 0 and those it is sure of raised (`USE_VETO`)."""
    judge = load_judge()
    pairs = story_pairs(units, vectors, sentence, combined, judge.floor)
    if USE_JUDGE:
        return judged_similarity(pairs, combined, judge.weights), judge.threshold
    return blended(pairs, combined, judge.weights, JUDGE_VETO, JUDGE_SURE), ALIGN_THRESHOLD


def texts_to_embed(units: Sequence[Unit], dense_limit: int | None = None) -> list[str]:
    """Every text `align` (with the same ``dense_limit``) embeds for these units: the
    clauses, and the sentences they come from where the sentence term is used. A caller
    that embeds many stories' texts in one pass (fewer, fuller batches) asks for these."""
    if not units:
        return []
    limit = DENSE_LIMIT if dense_limit is None else dense_limit
    texts = [u.text for u in units]
    # The sentence term: in every story of several articles, and in the block-wise path
    # that any story past the dense limit takes (see `align`).
    if len({u.article_id for u in units}) > 1 or len(units) > limit:
        texts.extend(u.mentions[0].quote for u in units)
    return texts


def consistent_parts(units: Sequence[Unit], cluster: list[int]) -> list[list[int]]:
    """A cluster split so that its statements can all be one fact: no two give rival
    figures for one named thing ("more than 60 passengers" and "40 passengers" evacuated
    are two claims, however alike the sentences: a claim's supporters never include a
    source whose figure differs), and no two date their own event to days that do not
    meet ("trains stopped on Sunday" / "trains resumed on Tuesday"). Each statement joins
    the first part it agrees with, in order."""
    return _first_fit(cluster, lambda k, j: figures_agree(units[k], units[j])
                      and days_agree(units[k], units[j]))


def _groups(units: Sequence[Unit], clusters: list[list[int]]) -> list[list[ClaimMention]]:
    parts = [part for cluster in clusters for part in consistent_parts(units, cluster)]
    groups = [[m for k in part for m in units[k].mentions] for part in parts]
    groups.sort(key=lambda g: (g[0].article_id, g[0].start, g[0].content_start))
    return groups
