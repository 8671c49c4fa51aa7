"""The alignment judge as a veto: today's mixed score clusters, the judge only forbids.

Settings ``(kind, v, t)``: the judge's probability floor ``v`` (candidate pairs under it
are ruled out) and average link's threshold ``t`` over today's mixed score. Kinds:
``veto``: ruled-out pairs are cannot-links (-inf), like two clauses of one sentence;
``soft0``: ruled-out pairs count 0, as if they shared nothing (a cluster's other links can
outweigh it); ``split``: average link as today, then each claim split into parts holding
no ruled-out pair (as `consistent_parts` splits rival figures); ``mix``: today's.

Also ``blendH``: `judge.blended`, 0 under ``v`` and the judge's probability where it
gives H or more (if above today's score), today's score between.

Out of fold exactly as ``train_align.py``: ECB+ train topics by 5 topic folds, dev/dev2
leave one story out, the judge refitted without the held-out part (the shipped fit: core
ECB+ positives, dev weight 20, C=1). Chosen on the held-out counts (`choose`): fewest
dev+dev2 merges with no held-out count worse than today's (dev and dev2 facts and merges,
ECB+ precision) and ECB+ F1 within `F1_SLACK`; ties to the best ECB+ F1. Then
resubstitution (judge fitted on all training pairs) and, for the chosen setting only, the
ECB+ dev topics (measured only).

Usage: python eval/veto_align.py   (from eval/, after the captures of train_align.py)
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

os.environ.setdefault("ECB_POSITIVE", "core")

from train_align import (  # noqa: E402
    ALIGN_THRESHOLD,
    add,
    fit,
    held_out_parts,
    load_stories,
    row,
    tally,
)

from rashomon.crosscheck.alignment import (  # noqa: E402
    _across_articles,
    _groups,
    compatible_parts,
    with_veto,
)
from rashomon.crosscheck.judge import blended, vetoed  # noqa: E402
from rashomon.crosscheck.linkage import average_link  # noqa: E402

DEV_WEIGHT = 20.0
FLOORS = (0.1, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
THRESHOLDS = (0.41, ALIGN_THRESHOLD)
SURE = (0.6, 0.7, 0.8, 0.9)  # blend: the judge's probability from which it may raise a pair
Key = tuple[str, float, float]
KINDS = ("veto", "soft0", "split")
KEYS: tuple[Key, ...] = (("mix", 0.0, 0.41), ("mix", 0.0, ALIGN_THRESHOLD)) + tuple(
    (kind, v, t) for kind in KINDS for v in FLOORS for t in THRESHOLDS) + tuple(
    (f"blend{h}", v, t) for h in SURE for v in FLOORS[2:7] for t in THRESHOLDS)
F1_SLACK = 0.005  # ECB+ F1 spread between near-identical settings on these folds


def groups_for(story: dict[str, Any], weights: dict[str, float],
               keys: tuple[Key, ...]) -> dict[Key, list[list[Any]]]:
    """A story's claim groups under each setting, with this judge."""
    units = story["units"]
    base = _across_articles(units, story["combined"])
    out: dict[Key, list[list[Any]]] = {}
    plain: dict[float, list[list[int]]] = {}
    for kind, v, t in keys:
        if kind in ("mix", "split") and t not in plain:
            plain[t] = average_link(base, t)
        if kind == "mix":
            clusters = plain[t]
        else:
            ruled = vetoed(story["pairs"], weights, v)
            if kind.startswith("veto<"):  # no veto where today's score is this sure
                ruled = ruled & (story["combined"] < float(kind[5:]))
            if kind.startswith("veto"):
                clusters = average_link(with_veto(base, ruled), t)
            elif kind.startswith("soft"):  # a penalty average link can outweigh
                clusters = average_link(with_veto(base, ruled, float(kind[4:])), t)
            elif kind.startswith("blend"):
                sims = blended(story["pairs"], story["combined"], weights, v, float(kind[5:]))
                clusters = average_link(_across_articles(units, sims), t)
            else:
                clusters = [p for c in plain[t] for p in compatible_parts(c, ruled)]
        out[(kind, v, t)] = _groups(units, clusters)
    return out


def cross_validate(stories: list[dict[str, Any]], folds: int = 5) -> dict:
    """Held-out counts for every setting (folds as in `train_align.cross_validate`)."""
    held: dict = {}
    for rest, out in held_out_parts(stories, folds):
        weights = fit(rest, DEV_WEIGHT, 1.0)
        add(held, tally(out, KEYS, lambda s, w=weights: groups_for(s, w, KEYS)))
    return held


def choose(held: dict, keep_f1: bool) -> Key:
    """Fewest dev+dev2 merges among the settings that lose no dev or dev2 fact and no
    ECB+ precision against today's, ties to the best ECB+ F1. ``keep_f1``: also no more
    merges in either corpus and ECB+ F1 within `F1_SLACK` of today's."""
    today = held[("mix", 0.0, ALIGN_THRESHOLD)]

    def f1(c: dict) -> float:
        tp, fp, npos, _ = c["ecb"]
        return 2 * tp / (2 * tp + fp + (npos - tp))

    def precision(c: dict) -> float:
        return c["ecb"][0] / max(1, c["ecb"][0] + c["ecb"][1])

    def ok(c: dict) -> bool:
        base = (c["dev"][0] >= today["dev"][0] and c["dev2"][0] >= today["dev2"][0]
                and precision(c) >= precision(today))
        return base and (not keep_f1 or (
            c["dev"][2] <= today["dev"][2] and c["dev2"][2] <= today["dev2"][2]
            and f1(c) >= f1(today) - F1_SLACK))

    def rank(key: Key) -> tuple[int, float]:
        return -(held[key]["dev"][2] + held[key]["dev2"][2]), f1(held[key])

    return max((k for k in KEYS if ok(held[k])), key=rank)


def main(argv: list[str]) -> int:
    """Out-of-fold and resubstitution tables; the chosen setting on the ECB+ dev topics."""
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.parse_args(argv)
    stories = load_stories()
    train = [s for s in stories if s["corpus"] != "ecbdev"]
    held = cross_validate(stories)
    for key in KEYS:
        print("held-out", key, "; ".join(row(c, a) for c, a in held[key].items()), flush=True)
    weights = fit(train, DEV_WEIGHT, 1.0)
    resub = tally(train, KEYS, lambda s: groups_for(s, weights, KEYS))
    for key in KEYS:
        print("resub", key, "; ".join(row(c, a) for c, a in resub[key].items()), flush=True)
    print("fewest merges, no fact or ECB+ precision lost:", choose(held, keep_f1=False))
    chosen = choose(held, keep_f1=True)
    keys: tuple[Key, ...] = (("mix", 0.0, ALIGN_THRESHOLD), chosen)
    dev = [s for s in stories if s["corpus"] == "ecbdev"]
    final = tally(dev, keys, lambda s: groups_for(s, weights, keys))
    print("chosen", chosen)
    for key in keys:
        print("ecbdev", key, "; ".join(row(c, a) for c, a in final[key].items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
