"""The alignment pair judge: its features on invented sentences, and its probability."""

from __future__ import annotations

import numpy as np
import pytest

from rashomon.common.encoder import embed
from rashomon.crosscheck import alignment
from rashomon.crosscheck.alignment import align
from rashomon.crosscheck.judge import (
    FEATURES,
    StoryPairs,
    judged_similarity,
    load_judge,
    probability,
    story_pairs,
)
from rashomon.crosscheck.similarity import sentence_similarity, similarity_matrix
from rashomon.crosscheck.units import make_units

from .stories import articles_of, items_of


def pair_features(a: str, b: str) -> dict[str, float]:
    """The judge's features of the first clause of each of two one-sentence articles."""
    articles = articles_of([("Valley Post", "2024-04-02", a), ("River Herald", "2024-04-02", b)])
    units = make_units(items_of(articles))
    first = [next(k for k, u in enumerate(units) if u.article_id == art.id) for art in articles]
    vectors = embed([u.text for u in units])
    sentence = sentence_similarity(units, embed)
    combined = np.maximum(similarity_matrix(units, vectors), 0.85 * sentence)
    pairs = story_pairs(units, vectors, sentence, combined, floor=-1.0)
    i, j = first
    return {name: float(m[i, j]) for name, m in zip(FEATURES, pairs.features, strict=True)}


@pytest.mark.parametrize(
    ("a", "b", "feature", "value"),
    [
        ("The Harlow bridge was closed to traffic on Monday.",
         "The Harlow bridge was not closed to traffic on Monday.", "negation_mismatch", 1.0),
        ("The Harlow bridge was closed to traffic on Monday.",
         "On Monday the Harlow bridge was closed to traffic.", "negation_mismatch", 0.0),
        ("Forty passengers were evacuated from the ferry.",
         "Sixty passengers were evacuated from the ferry.", "figure_clash", 1.0),
        ("About 2,300 residents were evacuated from the valley.",
         "Roughly 2,300 residents were evacuated from the valley.", "figure_clash", 0.0),
        ("About 2,300 residents were evacuated from the valley.",
         "Roughly 2,300 residents were evacuated from the valley.", "figure_shared", 1.0),
        ("The Harlow bridge was closed to traffic on Monday.",
         "On Monday the Harlow bridge was closed to traffic.", "same_predicate", 1.0),
    ],
)
def test_pair_features_of_invented_sentences(a: str, b: str, feature: str, value: float) -> None:
    assert pair_features(a, b)[feature] == value


def test_restatement_is_closer_in_cosine_than_an_unrelated_sentence() -> None:
    same = pair_features("The Harlow bridge collapsed into the river on Monday.",
                         "On Monday the Harlow bridge fell into the river.")
    other = pair_features("The Harlow bridge collapsed into the river on Monday.",
                          "The city council approved a new budget for its schools.")
    assert same["clause_cos"] > other["clause_cos"]


def test_probability_follows_the_weights() -> None:
    features = [np.zeros((2, 2)) for _ in FEATURES]
    features[FEATURES.index("clause_cos")] = np.array([[0.0, 0.9], [0.9, 0.0]])
    weights = dict.fromkeys(FEATURES, 0.0) | {"intercept": 0.0, "clause_cos": 4.0}
    prob = probability(features, weights)
    assert prob[0, 0] == pytest.approx(0.5)
    assert prob[0, 1] > 0.95


def test_only_candidate_pairs_of_different_articles_get_the_judges_probability() -> None:
    combined = np.array([[0.0, 0.95, 0.1], [0.95, 0.0, 0.3], [0.1, 0.3, 0.0]])
    cross = np.array([[False, False, True], [False, False, True], [True, True, False]])
    candidates = cross & (combined >= 0.25)
    features = [np.ones((3, 3)) for _ in FEATURES]
    weights = dict.fromkeys(FEATURES, 0.0) | {"intercept": 2.0}
    sims = judged_similarity(StoryPairs(features, candidates, cross), combined, weights)
    assert sims[0, 1] == 0.95  # within one article: the mixed score, unchanged
    assert sims[0, 2] == 0.0  # below the floor: no candidate
    assert sims[1, 2] == pytest.approx(1 / (1 + np.exp(-2.0)))


def test_the_shipped_judge_has_every_feature_and_a_probability_threshold() -> None:
    judge = load_judge()
    assert set(FEATURES) | {"intercept"} == set(judge.weights)
    assert 0.0 < judge.threshold < 1.0


def test_align_with_the_judge_keeps_a_restatement_together(monkeypatch: pytest.MonkeyPatch,
                                                         ) -> None:
    monkeypatch.setattr(alignment, "USE_JUDGE", True)
    articles = articles_of([
        ("Valley Post", "2024-04-02",
         "The Harlow Street bridge collapsed into the Brenn River on Monday evening."),
        ("River Herald", "2024-04-02",
         "On Monday evening the Harlow Street bridge collapsed into the Brenn River."),
    ])
    groups, units, sims = align(items_of(articles), embed)
    assert len(units) == 2 and sims.shape == (2, 2)
    assert any({m.article_id for m in g} == {a.id for a in articles} for g in groups)
