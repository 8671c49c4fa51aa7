"""Does the clauses' main verb tell same-proposition pairs from different ones? (tried,
not shipped; docs/benchmarks.md, "Predicates: the verb that shared nouns hide")

A predicate term on alignment's pair score, replayed offline on the captures of
``train_align.py`` (its loaders, labels and counts; the product's `average_link`,
cannot-links and figure split): for two clauses of different articles, the clause score
loses ``clash`` where their main verbs (``Frame.predicate``, aspectual verbs folded, "be"
and "have" left out) differ, the sentence term is kept as a floor, and the pair gains
``match`` where the verbs are the same.

Protocol: the grid (threshold, clash, match) is chosen on dev and the ECB+ train topics
(fewest dev merges with dev facts, ECB+ precision and F1 no worse than today's; ties to
more facts, then ECB+ F1), dev2 and the ECB+ dev topics measured only; then the other way
round (chosen on dev2 and ECB+ train, dev measured). Also counts how labelled pairs that
one claim links were linked (their own clause score, the sentence term, or a chain).

Usage: python eval/predicate_align.py   (from the repo root, after the captures; older
captures lack newer `Unit` fields, which get their defaults)
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import MISSING, fields
from itertools import product
from typing import Any

import numpy as np
import train_align as T

from rashomon.crosscheck.alignment import _across_articles, _groups
from rashomon.crosscheck.linkage import average_link
from rashomon.crosscheck.similarity import SENTENCE_WEIGHT, similarity_matrix
from rashomon.crosscheck.units import fold_predicate

LIGHT = frozenset({"be", "have"})
GRID = list(product((0.43, 0.46, 0.5), (0.0, 0.05, 0.1, 0.15, 0.2), (0.0, 0.05, 0.1, 0.15)))
TODAY = (T.ALIGN_THRESHOLD, 0.0, 0.0)


def _defaults(obj: Any) -> None:
    """Give an object unpickled from an older capture the fields it lacks."""
    for f in fields(obj):
        if not hasattr(obj, f.name):
            value = f.default if f.default is not MISSING else f.default_factory()  # type: ignore[misc]
            object.__setattr__(obj, f.name, value)


def _prepare(rec: dict[str, Any], original: Callable = T.prepare) -> dict[str, Any]:
    for u in rec["units"]:
        _defaults(u)
        for m in u.mentions:
            _defaults(m)
            _defaults(m.frame)
    story = original(rec)
    story["mixed"] = similarity_matrix(story["units"], story["clause"]).astype(np.float64)
    story["sent"] = SENTENCE_WEIGHT * (story["sentence"] @ story["sentence"].T)
    verbs = [fold_predicate(u.mentions[0].frame.predicate) for u in story["units"]]
    verbs = [v if v not in LIGHT else None for v in verbs]
    owner = np.array([u.article_id for u in story["units"]], dtype=object)
    has = np.array([v is not None for v in verbs])
    both = np.outer(has, has) & (owner[:, None] != owner[None, :])
    same = both & (np.array(verbs, dtype=object)[:, None] == np.array(verbs, dtype=object))
    story["same"], story["differ"], story["verbs"] = same, both & ~same, verbs
    return story


def scored(story: dict[str, Any], clash: float, match: float) -> np.ndarray:
    """The pair score with the predicate term."""
    out = np.maximum(story["mixed"] - clash * story["differ"], story["sent"])
    return out + match * story["same"]


def evaluate(stories: list[dict[str, Any]]) -> dict[tuple, dict[str, list[int]]]:
    """`tally`'s counts for every grid setting."""
    def grouper(s: dict[str, Any]) -> dict[tuple, list[list[Any]]]:
        return {(t, c, m): _groups(s["units"], average_link(
            _across_articles(s["units"], scored(s, c, m)), t)) for t, c, m in GRID}
    return T.tally(stories, tuple(GRID), grouper)


def prf(acc: list[int]) -> tuple[float, float, float]:
    """ECB+ link precision, recall and F1 from `tally`'s counts."""
    tp, fp, npos, _ = acc
    p, r = tp / max(tp + fp, 1), tp / max(npos, 1)
    return p, r, 2 * p * r / max(p + r, 1e-9)


def choose(res: dict[tuple, dict[str, list[int]]], tuned: str) -> tuple:
    """Fewest merges on ``tuned`` with its facts and ECB+ train P and F1 no worse."""
    base = res[TODAY]
    ok = [k for k, o in res.items() if o[tuned][0] >= base[tuned][0]
          and prf(o["ecb"])[0] >= prf(base["ecb"])[0] and prf(o["ecb"])[2] >= prf(base["ecb"])[2]]
    return min(ok, key=lambda k: (res[k][tuned][2], -res[k][tuned][0], -prf(res[k]["ecb"])[2]))


def link_kinds(stories: list[dict[str, Any]]) -> Counter:
    """How today's claims link the labelled ECB+ pairs, and how often their verbs agree."""
    out: Counter = Counter()
    for s in stories:
        if not s["corpus"].startswith("ecb"):
            continue
        clusters = average_link(_across_articles(s["units"], s["combined"]), T.ALIGN_THRESHOLD)
        where = {k: n for n, c in enumerate(clusters) for k in c}
        for (i, j), y in s["labels"].items():
            key = (s["corpus"], y)
            out[key + ("labelled",)] += 1
            out[key + ("same verb",)] += bool(s["same"][i, j])
            if where[i] == where[j]:
                direct = s["combined"][i, j] >= T.ALIGN_THRESHOLD
                clause = s["mixed"][i, j] >= T.ALIGN_THRESHOLD
                out[key + ("linked: " + ("chain" if not direct else "clause score" if clause
                                         else "sentence term"),)] += 1
    return out


def main() -> int:
    """The grid, both choices with their held-out figures, and the link kinds."""
    T.prepare = _prepare
    stories = T.load_stories()
    res = evaluate(stories)
    for tuned in ("dev", "dev2"):
        for name, k in ((f"today {TODAY}", TODAY), (f"chosen on {tuned} {choose(res, tuned)}",
                                                    choose(res, tuned))):
            print(name, " | ".join(T.row(c, res[k][c]) for c in sorted(res[k])))
    for key, n in sorted(link_kinds(stories).items()):
        print(key, n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
