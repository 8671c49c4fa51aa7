"""The alignment judge as a veto: today's mixed score clusters, the judge only forbids.

Variants, each with a judge probability floor ``v`` (pairs under it are ruled out):
``veto``: the ruled-out pairs are cannot-links (-inf) inside average link, like two
clauses of one sentence; ``split``: average link over today's score as it is, then each
claim split into parts holding no ruled-out pair (as `figure_compatible` splits rival
figures). ``mix``: today's clustering (no judge).

Out of fold exactly as ``train_align.py``: ECB+ train topics by 5 topic folds and
dev/dev2 leave one story out, the judge refitted without the held-out part (core ECB+
positives, dev weight 20, C=1: the shipped fit). Then resubstitution (the judge fitted on
all training pairs) and, for the setting chosen on the folds, the ECB+ dev topics.

Usage: python eval/veto_align.py [--ecbdev VARIANT,V,T]
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

os.environ.setdefault("ECB_POSITIVE", "core")

import numpy as np  # noqa: E402
from train_align import (  # noqa: E402
    ALIGN_THRESHOLD,
    add,
    fit,
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
from rashomon.crosscheck.judge import vetoed  # noqa: E402
from rashomon.crosscheck.linkage import average_link  # noqa: E402

DEV_WEIGHT = 20.0
FLOORS = (0.05, 0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40, 0.45, 0.50)
THRESHOLDS = (0.41, ALIGN_THRESHOLD)
Key = tuple[str, float, float]
KEYS: tuple[Key, ...] = (("mix", 0.0, 0.41), ("mix", 0.0, ALIGN_THRESHOLD)) + tuple(
    (kind, v, t) for kind in ("veto", "split") for v in FLOORS for t in THRESHOLDS)


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
            else:
                clusters = [p for c in plain[t] for p in compatible_parts(c, ruled)]
        out[(kind, v, t)] = _groups(units, clusters)
    return out


def cross_validate(stories: list[dict[str, Any]], folds: int = 5) -> dict:
    """Held-out counts for every setting (folds as in `train_align.cross_validate`)."""
    train = [s for s in stories if s["corpus"] != "ecbdev"]
    held: dict = {}
    topics = sorted({s["topic"] for s in train if s["corpus"] == "ecb"})
    parts = [("ecb", set(topics[k::folds])) for k in range(folds)]
    parts += [("dev", {s["group"]}) for s in train if s["corpus"].startswith("dev")]
    for kind, part in parts:
        out = [s for s in train if (s["topic"] in part if kind == "ecb" and s["corpus"] == "ecb"
                                    else s["group"] in part)]
        weights = fit([s for s in train if s not in out], DEV_WEIGHT, 1.0)
        add(held, tally(out, KEYS, lambda s, w=weights: groups_for(s, w, KEYS)))
    return held


def main(argv: list[str]) -> int:
    """Out-of-fold and resubstitution tables; the chosen setting on the ECB+ dev topics."""
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--ecbdev", help="kind,v,t to measure on the ECB+ dev topics")
    args = ap.parse_args(argv)
    stories = load_stories()
    train = [s for s in stories if s["corpus"] != "ecbdev"]
    held = cross_validate(stories)
    for key in KEYS:
        print("held-out", key, "; ".join(row(c, a) for c, a in held[key].items()), flush=True)
    weights = fit(train, DEV_WEIGHT, 1.0)
    resub = tally(train, KEYS, lambda s: groups_for(s, weights, KEYS))
    for key in KEYS:
        print("resub", key, "; ".join(row(c, a) for c, a in resub[key].items()), flush=True)
    if args.ecbdev:
        kind, v, t = args.ecbdev.split(",")
        keys: tuple[Key, ...] = (("mix", 0.0, ALIGN_THRESHOLD), (kind, float(v), float(t)))
        dev = [s for s in stories if s["corpus"] == "ecbdev"]
        final = tally(dev, keys, lambda s: groups_for(s, weights, keys))
        for key in keys:
            print("ecbdev", key, "; ".join(row(c, a) for c, a in final[key].items()))
    np.set_printoptions(precision=3)
    print("weights", {k: round(v, 3) for k, v in weights.items()})
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
