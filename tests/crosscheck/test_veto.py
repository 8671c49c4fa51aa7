"""The pair judge as a veto and a boost: the mixed score clusters, the judge's probability
only rules pairs out (or raises the pairs it is sure of)."""

from __future__ import annotations

import numpy as np
import pytest

from rashomon.common.encoder import embed
from rashomon.crosscheck import alignment
from rashomon.crosscheck.alignment import align, compatible_parts, with_veto
from rashomon.crosscheck.judge import FEATURES, StoryPairs, blended, vetoed
from rashomon.crosscheck.linkage import average_link

from .stories import articles_of, items_of

# A chain: 0-1 and 1-2 alike, 0-2 less so but enough on average to join all three.
CHAIN = np.array([[0.0, 0.9, 0.5], [0.9, 0.0, 0.9], [0.5, 0.9, 0.0]])


def test_without_a_veto_average_link_chains_all_three() -> None:
    assert average_link(CHAIN, 0.46) == [[0, 1, 2]]


def test_a_vetoed_pair_never_shares_a_cluster() -> None:
    ruled = np.zeros((3, 3), dtype=bool)
    ruled[0, 2] = ruled[2, 0] = True
    clusters = average_link(with_veto(CHAIN, ruled), 0.46)
    assert not any({0, 2} <= set(c) for c in clusters)
    assert [0, 1] in clusters  # the closest pair still merges


@pytest.mark.parametrize(("value", "clusters"), [(-np.inf, [[0, 1], [2]]), (0.0, [[0, 1, 2]])])
def test_a_soft_veto_can_be_outweighed_by_the_other_links(value: float,
                                                          clusters: list[list[int]]) -> None:
    sims = np.array([[0.0, 0.9, 0.9], [0.9, 0.0, 0.9], [0.9, 0.9, 0.0]])
    ruled = np.zeros((3, 3), dtype=bool)
    ruled[1, 2] = ruled[2, 1] = True
    # {0, 1} first; then 2 joins on the mean of 0.9 and the vetoed pair's value
    assert average_link(with_veto(sims, ruled, value), 0.41) == clusters


@pytest.mark.parametrize(
    ("ruled_pairs", "parts"),
    [
        ([], [[0, 1, 2, 3]]),
        ([(0, 3)], [[0, 1, 2], [3]]),
        ([(0, 1), (0, 2)], [[0, 3], [1, 2]]),
        ([(0, 1), (0, 2), (1, 2)], [[0, 3], [1], [2]]),
    ],
)
def test_compatible_parts_hold_no_ruled_out_pair(ruled_pairs: list[tuple[int, int]],
                                                 parts: list[list[int]]) -> None:
    ruled = np.zeros((4, 4), dtype=bool)
    for i, j in ruled_pairs:
        ruled[i, j] = ruled[j, i] = True
    assert compatible_parts([0, 1, 2, 3], ruled) == parts


def test_only_candidate_pairs_under_the_floor_are_vetoed() -> None:
    cross = np.array([[False, True, True], [True, False, False], [True, False, False]])
    candidates = cross.copy()
    candidates[0, 2] = candidates[2, 0] = False  # under the mixed-score floor
    features = [np.zeros((3, 3)) for _ in FEATURES]
    features[FEATURES.index("overlap")] = np.array(
        [[0.0, -1.0, -1.0], [-1.0, 0.0, -1.0], [-1.0, -1.0, 0.0]])
    weights = dict.fromkeys(FEATURES, 0.0) | {"intercept": 0.0, "overlap": 5.0}
    ruled = vetoed(StoryPairs(features, candidates, cross), weights, 0.5)
    assert ruled[0, 1] and ruled[1, 0]
    assert not ruled[0, 2]  # no candidate: never judged
    assert not ruled[1, 2]  # one article: never judged


def _three_pairs() -> StoryPairs:
    """Units 0 and 1 of one article, 2 of another; pair (0, 2) a candidate, pair (1, 2)
    under the mixed-score floor (never judged)."""
    cross = np.array([[False, False, True], [False, False, True], [True, True, False]])
    candidates = np.zeros((3, 3), dtype=bool)
    candidates[0, 2] = candidates[2, 0] = True
    return StoryPairs([np.zeros((3, 3)) for _ in FEATURES], candidates, cross)


@pytest.mark.parametrize(
    ("logit", "expected"),
    [
        (-3.0, 0.0),  # probability 0.05, under the veto: nothing shared
        (0.0, 0.5),  # probability 0.5, unsure: the mixed score
        (3.0, 0.95),  # probability 0.95, sure: raised to it
    ],
)
def test_blended_vetoes_keeps_or_raises_a_candidate_pair(logit: float, expected: float) -> None:
    combined = np.full((3, 3), 0.5)
    weights = dict.fromkeys(FEATURES, 0.0) | {"intercept": logit}
    sims = blended(_three_pairs(), combined, weights, veto=0.4, sure=0.7)
    assert sims[0, 2] == pytest.approx(expected, abs=0.01)
    assert sims[1, 2] == 0.5 and sims[0, 1] == 0.5  # pairs the judge never scores


RESTATED = [
    ("Valley Post", "2024-04-02",
     "The Harlow Street bridge collapsed into the Brenn River on Monday evening."),
    ("River Herald", "2024-04-02",
     "On Monday evening the Harlow Street bridge collapsed into the Brenn River."),
]


def _joined(monkeypatch: pytest.MonkeyPatch, floor: float) -> bool:
    """Whether align, vetoing under ``floor``, puts the two articles' restatements in one
    claim."""
    monkeypatch.setattr(alignment, "USE_VETO", True)
    monkeypatch.setattr(alignment, "JUDGE_VETO", floor)
    articles = articles_of(RESTATED)
    groups, _, _ = align(items_of(articles), embed)
    return any({m.article_id for m in g} == {a.id for a in articles} for g in groups)


def test_align_with_the_veto_keeps_a_restatement_together(monkeypatch: pytest.MonkeyPatch,
                                                          ) -> None:
    assert _joined(monkeypatch, alignment.JUDGE_VETO)


def test_a_veto_of_every_pair_keeps_the_articles_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not _joined(monkeypatch, 1.01)
