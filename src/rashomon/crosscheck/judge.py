"""A learned "same proposition" pair judge for alignment (logistic regression).

Each pair of units of different articles gets a few features, all computed as n x n
matrices for the story: the clause and sentence cosines, the IDF overlap of content terms,
whether the clauses' negation, figures, places, dates, speakers, stances and predicates
agree. A logistic regression over them, fitted by ``eval/train_align.py`` on labelled pairs
(ECB+ train topics, dev and dev2), gives the probability that the two state the same thing.
The weights live in ``rashomon/data/align_judge.json``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from .measured import same_measured
from .quantities import same_figure
from .similarity import overlap_matrix
from .units import Unit, fold_predicate

FEATURES = ("mixed", "clause_cos", "sentence_cos", "overlap", "negation_mismatch", "figure_clash",
            "figure_shared", "place_clash", "place_shared", "date_clash", "same_speaker",
            "stance_mismatch", "same_predicate")


def figures_agree(a: Unit, b: Unit) -> bool:
    """No figure of one rules out a figure of the other for the same named thing (the same
    counted noun, the same measuring unit such as hectares, or the same measured thing)."""
    for q in a.mentions[0].frame.quantities:
        for r in b.mentions[0].frame.quantities:
            named = (q.counted is not None and q.counted == r.counted) or (
                q.unit is not None and q.counted is None and r.counted is None) or bool(
                same_measured(q, a, r, b))  # "two deaths", "three patients died"
            if named and q.unit == r.unit and not same_figure(q, r):
                return False
    return True


def _shares_figure(a: Unit, b: Unit) -> bool:
    return any(q.unit == r.unit and same_figure(q, r)
               for q in a.mentions[0].frame.quantities for r in b.mentions[0].frame.quantities)


def _equal(keys: Sequence[Hashable | None]) -> np.ndarray:
    """Whether two units have the same key; a missing key (None) equals nothing."""
    index: dict[Hashable, int] = {}
    codes = np.array([-1 - k if key is None else index.setdefault(key, len(index))
                      for k, key in enumerate(keys)])
    return codes[:, None] == codes[None, :]


def _flag(values: Sequence[bool]) -> np.ndarray:
    return np.array(values, dtype=bool)


def _pairwise(units: Sequence[Unit], pairs: np.ndarray,
              test: Callable[[Unit, Unit], bool]) -> np.ndarray:
    """``test`` of the pairs flagged in ``pairs`` (others False): Python per pair, so
    only candidate pairs of units that both give figures are tested."""
    out = np.zeros((len(units), len(units)), dtype=bool)
    for i, j in zip(*np.nonzero(np.triu(pairs, 1)), strict=True):
        out[i, j] = out[j, i] = test(units[i], units[j])
    return out


def _sets(units: Sequence[Unit], sets: Sequence[frozenset[str]],
          ) -> tuple[np.ndarray, np.ndarray]:
    """Pairs whose (non-empty) sets meet, and pairs whose sets are both non-empty but
    disjoint (two places named for one happening)."""
    vocab = {t: k for k, t in enumerate(sorted({t for s in sets for t in s}))}
    matrix = np.zeros((len(units), max(len(vocab), 1)), dtype=np.float32)
    for i, s in enumerate(sets):
        matrix[i, [vocab[t] for t in s]] = 1.0
    shared = (matrix @ matrix.T) > 0
    filled = matrix.any(axis=1)
    return shared, np.outer(filled, filled) & ~shared


def _date(unit: Unit) -> str | None:
    when = unit.mentions[0].when
    return when.date if when is not None else None


def _speaker(unit: Unit) -> str | None:
    speaker = unit.mentions[0].speaker
    return speaker.text.lower() if speaker is not None else None


def feature_stack(units: Sequence[Unit], mixed: np.ndarray, clause_cos: np.ndarray,
                  sentence_cos: np.ndarray, overlap: np.ndarray, candidates: np.ndarray,
                  ) -> list[np.ndarray]:
    """The `FEATURES` of every pair of units, one n x n matrix each (the figure tests
    only for the ``candidates`` pairs, the only ones the judge scores)."""
    places = [u.locations for u in units]
    place_shared, place_clash = _sets(units, places)
    has_figures = _flag([bool(u.mentions[0].frame.quantities) for u in units])
    figures = candidates & np.outer(has_figures, has_figures)
    dates = [_date(u) for u in units]
    dated = _flag([d is not None for d in dates])
    negated = _flag([u.negated for u in units])
    stance = _equal([u.mentions[0].stance for u in units])
    return [
        mixed, clause_cos, sentence_cos, overlap,
        negated[:, None] != negated[None, :],
        _pairwise(units, figures, lambda a, b: not figures_agree(a, b)),
        _pairwise(units, figures, _shares_figure),
        place_clash, place_shared,
        np.outer(dated, dated) & ~_equal(dates),
        _equal([_speaker(u) for u in units]),
        ~stance,
        _equal([fold_predicate(u.mentions[0].frame.predicate) for u in units]),
    ]


@dataclass(frozen=True)
class Judge:
    """Fitted coefficients (feature name -> weight, and "intercept"), the probability at
    which average link stops merging, and the mixed-similarity floor of candidate pairs."""

    weights: dict[str, float]
    threshold: float
    floor: float


@cache
def load_judge(name: str = "align_judge.json") -> Judge:
    """The judge fitted by ``eval/train_align.py``."""
    text = resources.files("rashomon.data").joinpath(name).read_text(encoding="utf-8")
    data = json.loads(text)
    return Judge({k: float(v) for k, v in data["weights"].items()}, float(data["threshold"]),
                 float(data["floor"]))


def probability(features: Sequence[np.ndarray], weights: dict[str, float]) -> np.ndarray:
    """The judge's probability that each pair states the same proposition."""
    logit = np.full(features[0].shape, weights["intercept"], dtype=np.float64)
    for name, matrix in zip(FEATURES, features, strict=True):
        logit += weights[name] * matrix
    return 1.0 / (1.0 + np.exp(-logit))


@dataclass(frozen=True)
class StoryPairs:
    """A story's pair features, which pairs are candidates, and which cross articles."""

    features: list[np.ndarray]
    candidates: np.ndarray
    cross: np.ndarray


def story_pairs(units: Sequence[Unit], vectors: np.ndarray, sentence_cos: np.ndarray,
                combined: np.ndarray, floor: float) -> StoryPairs:
    """Features of a story's pairs; candidates are pairs of different articles whose
    mixed similarity reaches ``floor`` (the judge never scores the rest)."""
    article = np.array([u.article_id for u in units])
    cross = article[:, None] != article[None, :]
    candidates = cross & (combined >= floor)
    cos = (vectors @ vectors.T).astype(np.float64)
    features = feature_stack(units, combined, cos, sentence_cos.astype(np.float64),
                             overlap_matrix(units), candidates)
    return StoryPairs(features, candidates, cross)


def judged_similarity(pairs: StoryPairs, combined: np.ndarray,
                      weights: dict[str, float]) -> np.ndarray:
    """What alignment clusters: the judge's probability on candidate pairs, 0 on other
    pairs of different articles, the mixed score within an article (where only
    near-identical units align, see `alignment`)."""
    prob = probability(pairs.features, weights)
    return np.where(pairs.candidates, prob, np.where(pairs.cross, 0.0, combined))


def vetoed(pairs: StoryPairs, weights: dict[str, float], below: float) -> np.ndarray:
    """Candidate pairs the judge rules out: its probability that they state the same
    thing is under ``below``. Pairs it never scores (one article, or a mixed score under
    the floor) are never vetoed."""
    return pairs.candidates & (probability(pairs.features, weights) < below)


def blended(pairs: StoryPairs, combined: np.ndarray, weights: dict[str, float], veto: float,
            sure: float) -> np.ndarray:
    """Today's mixed score where the judge is unsure; on candidate pairs it gives under
    ``veto``, 0 (as if the two shared nothing); on those it gives ``sure`` or more, the
    larger of its probability and the mixed score."""
    prob = probability(pairs.features, weights)
    raised = np.where(pairs.candidates & (prob >= sure), np.maximum(combined, prob), combined)
    return np.where(pairs.candidates & (prob < veto), 0.0, raised)
