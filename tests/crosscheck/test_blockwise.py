"""Very large stories are aligned block by block, in bounded memory, with the same links
as the dense single-link path."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

import rashomon.crosscheck.alignment as align_module
from rashomon.common.encoder import embed
from rashomon.crosscheck.alignment import ALIGN_THRESHOLD, _across_articles, align
from rashomon.crosscheck.blockwise import align_blockwise
from rashomon.crosscheck.conflicts import CANDIDATE
from rashomon.crosscheck.linkage import single_link
from rashomon.crosscheck.similarity import (
    SENTENCE_WEIGHT,
    Embedder,
    candidate_arrays,
    sentence_similarity,
    similarity_matrix,
)
from rashomon.crosscheck.story import build_story
from rashomon.crosscheck.units import Unit, make_units
from rashomon.models import ArticleClaims, Story, stable_id

from .test_alignment import BRIDGE, articles_of, items_of
from .test_alignment import ingest as ingest_files


def bridge_items() -> list[ArticleClaims]:
    articles = list(ingest_files([str(BRIDGE)]).articles)
    return items_of(articles)


@pytest.fixture(scope="module")
def items() -> list[ArticleClaims]:
    return bridge_items()


def dense_reference(items: Sequence[ArticleClaims]) -> tuple[list[list[int]], np.ndarray]:
    units = make_units(items)
    sims = similarity_matrix(units, embed([u.text for u in units]))
    combined = np.maximum(sims, SENTENCE_WEIGHT * sentence_similarity(units, embed))
    return single_link(_across_articles(units, combined), ALIGN_THRESHOLD), sims


@pytest.mark.parametrize("rows_per_block", [1, 7, 64, 10_000])
def test_blocks_link_what_the_dense_matrix_links(items: list[ArticleClaims],
                                                 rows_per_block: int) -> None:
    units = make_units(items)
    expected, _ = dense_reference(items)
    clusters, _ = align_blockwise(units, embed, ALIGN_THRESHOLD, rows_per_block=rows_per_block)
    assert sorted(map(sorted, clusters)) == sorted(map(sorted, expected))


def per_article_embedder(units: Sequence[Unit]) -> Embedder:
    """Every text of one article gets that article's vector, orthogonal to the others':
    only pairs within an article are similar, which alignment must not link unless
    near-identical."""
    article = {}
    for u in units:
        article.setdefault(u.text, u.article_id)
        article.setdefault(u.mentions[0].quote, u.article_id)
    ids = sorted(set(article.values()))

    def fake(texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), len(ids)), dtype=np.float32)
        for row, text in enumerate(texts):
            out[row, ids.index(article[text])] = 1.0
        return out
    return fake


@pytest.mark.parametrize("interleave", [False, True])
@pytest.mark.parametrize("rows_per_block", [3, 10_000])
def test_pairs_within_one_article_link_only_when_near_identical(
        items: list[ArticleClaims], interleave: bool, rows_per_block: int) -> None:
    units = make_units(items)
    if interleave:
        units = [units[k] for k in [*range(0, len(units), 2), *range(1, len(units), 2)]]
    fake = per_article_embedder(units)
    expected = single_link(_across_articles(units, np.maximum(
        similarity_matrix(units, fake([u.text for u in units])),
        SENTENCE_WEIGHT * sentence_similarity(units, fake))), ALIGN_THRESHOLD)
    clusters, _ = align_blockwise(units, fake, ALIGN_THRESHOLD, rows_per_block=rows_per_block)
    assert sorted(map(sorted, clusters)) == sorted(map(sorted, expected))
    assert len(clusters) > len(items)  # most units stay apart: the rule is exercised


def test_conflict_candidates_are_the_dense_pairs_when_all_neighbours_are_kept(
        items: list[ArticleClaims]) -> None:
    units = make_units(items)
    _, dense = dense_reference(items)
    _, sparse_sims = align_blockwise(units, embed, ALIGN_THRESHOLD, neighbours=len(units))
    got = {(i, j): v for i, j, v in zip(*candidate_arrays(sparse_sims, CANDIDATE), strict=True)}
    want = {(i, j): v for i, j, v in zip(*candidate_arrays(dense, CANDIDATE), strict=True)}
    assert got.keys() == want.keys()
    assert all(abs(got[k] - want[k]) < 1e-4 for k in want)


@pytest.mark.parametrize("neighbours", [1, 2, 3])
def test_few_neighbours_keep_each_units_strongest_later_pairs(
        items: list[ArticleClaims], neighbours: int) -> None:
    units = make_units(items)
    _, dense = dense_reference(items)
    _, sparse_sims = align_blockwise(units, embed, ALIGN_THRESHOLD, neighbours=neighbours)
    assert sparse_sims.nnz <= neighbours * len(units)
    got: dict[int, list[float]] = {}
    want: dict[int, list[float]] = {}
    for table, sims in ((got, sparse_sims), (want, dense)):
        for i, _, v in zip(*candidate_arrays(sims, CANDIDATE), strict=True):
            table.setdefault(int(i), []).append(float(v))
    assert any(len(values) > neighbours for values in want.values())  # some rows are cut
    assert got.keys() == want.keys()
    for i, values in want.items():
        strongest = sorted(values, reverse=True)[:neighbours]
        assert sorted(got[i], reverse=True) == pytest.approx(strongest, abs=1e-4)


def one_hot_embed(texts: Sequence[str]) -> np.ndarray:
    """Unit vectors with exact dot products (0 or 1): copies of a text tie exactly."""
    out = np.zeros((len(texts), 8), dtype=np.float32)
    for row, text in enumerate(texts):
        out[row, sum(map(ord, text)) % 8] = 1.0
    return out


def test_equally_strong_neighbours_keep_the_earliest_units() -> None:
    text = ("The ferry company said on Monday that the harbour would reopen on Friday. "
            "Port officials expect 400 passengers on the first crossing.")
    copies = items_of(articles_of([(f"Outlet {k}", "2024-05-06", text) for k in range(4)]))
    units = make_units(copies)
    _, sims = align_blockwise(units, one_hot_embed, ALIGN_THRESHOLD, neighbours=1)
    kept = {int(i): int(j) for i, j, _ in zip(*candidate_arrays(sims, CANDIDATE), strict=True)}
    per_copy = len(units) // 4
    assert per_copy and len(units) == 4 * per_copy
    # Each unit's copies in the later articles tie; the one in the next article is kept.
    for i in range(3 * per_copy):
        assert kept[i] == i + per_copy


def test_past_average_link_a_story_gets_the_dense_links_and_every_candidate(
        items: list[ArticleClaims], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(align_module, "_MAX_AVERAGE_LINK", 10)
    units = make_units(items)
    assert len(units) > 10
    groups, _, sims = align(items, embed)
    clusters, dense = dense_reference(items)
    assert not isinstance(sims, np.ndarray)
    assert groups == align_module._groups(units, clusters)
    got = {(i, j): v for i, j, v in zip(*candidate_arrays(sims, CANDIDATE), strict=True)}
    want = {(i, j): v for i, j, v in zip(*candidate_arrays(dense, CANDIDATE), strict=True)}
    assert got.keys() == want.keys()
    assert all(abs(got[k] - want[k]) < 1e-6 for k in want)


def test_a_story_past_the_dense_limit_is_built_the_same_way(
        items: list[ArticleClaims], monkeypatch: pytest.MonkeyPatch) -> None:
    ids = tuple(i.annotated.article.id for i in items)
    skeleton = Story(stable_id("s", *ids), "test", ids)
    monkeypatch.setattr(align_module, "DENSE_LIMIT", 0)
    groups, units, sims = align(items, embed)
    assert units and groups and not isinstance(sims, np.ndarray)
    story = build_story(skeleton, items, embed)
    texts = {i.annotated.article.id: i.annotated.article.text for i in items}
    assert story.claims and all(texts[m.article_id][m.start:m.end] == m.quote
                                for c in story.claims for m in c.mentions)


@pytest.mark.parametrize("neighbours", [2, 10_000])
def test_blocks_in_several_threads_give_exactly_the_one_thread_result(
        items: list[ArticleClaims], neighbours: int) -> None:
    units = make_units(items)
    alone = align_blockwise(units, embed, ALIGN_THRESHOLD, neighbours=neighbours,
                        rows_per_block=5, threads=1)
    for threads in (2, 3):
        clusters, sims = align_blockwise(units, embed, ALIGN_THRESHOLD, neighbours=neighbours,
                                     rows_per_block=5, threads=threads)
        assert clusters == alone[0]
        assert (sims != alone[1]).nnz == 0
        assert sims.nnz == alone[1].nnz > 0
