"""Grouped cross-validation of the headline stance model on Emergent.

Claims are split into 5 folds (deterministically, by a hash of the claim id, then balanced
by size), so no claim's headlines appear in both training and test. Each fold is scored by a
model trained on the other four with the same code as ``eval/train_stance.py``. Prints the
pooled accuracy, per-class precision/recall/F1 (for, against, observing), macro-F1 and the
majority-class baseline.

Usage: ``python eval/bench_emergent.py [--json] [--folds N]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_stance import Row, load_rows, train  # noqa: E402

from rashomon.claims.stance_model import LABELS, scores_from_params  # noqa: E402


def assign_folds(rows: Sequence[Row], n_folds: int) -> dict[str, int]:
    """Claim id -> fold: claims in hash order, each to the currently smallest fold."""
    sizes = Counter(r.claim_id for r in rows)
    order = sorted(sizes, key=lambda c: hashlib.sha1(c.encode()).hexdigest())
    load = [0] * n_folds
    folds: dict[str, int] = {}
    for claim in order:
        k = min(range(n_folds), key=lambda i: (load[i], i))
        folds[claim] = k
        load[k] += sizes[claim]
    return folds


def predict(params: dict[str, Any], row: Row) -> str:
    """Predicted Emergent label of one pair."""
    probs = scores_from_params(params, row.claim, row.headline)
    return LABELS[max(range(len(LABELS)), key=probs.__getitem__)]


def cross_validate(rows: Sequence[Row], n_folds: int) -> list[tuple[str, str]]:
    """(gold, predicted) for every row, each predicted by the model not trained on its claim."""
    folds = assign_folds(rows, n_folds)
    pairs: list[tuple[str, str]] = []
    for k in range(n_folds):
        params = train([r for r in rows if folds[r.claim_id] != k])
        pairs += [(r.label, predict(params, r)) for r in rows if folds[r.claim_id] == k]
    return pairs


def prf(pairs: Sequence[tuple[str, str]], label: str) -> dict[str, float]:
    """Precision, recall and F1 of one class."""
    tp = sum(g == label and p == label for g, p in pairs)
    n_pred = sum(p == label for _, p in pairs)
    n_gold = sum(g == label for g, _ in pairs)
    prec = tp / n_pred if n_pred else 0.0
    rec = tp / n_gold if n_gold else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"precision": prec, "recall": rec, "f1": f1, "support": n_gold}


def summarise(pairs: Sequence[tuple[str, str]], n_folds: int) -> dict[str, Any]:
    """Accuracy, per-class scores, confusion counts and the majority baseline."""
    gold = Counter(g for g, _ in pairs)
    per_class = {lab: prf(pairs, lab) for lab in LABELS}
    confusion: dict[str, dict[str, int]] = defaultdict(dict)
    for g in LABELS:
        for p in LABELS:
            confusion[g][p] = sum(gg == g and pp == p for gg, pp in pairs)
    majority, n_major = gold.most_common(1)[0]
    return {
        "pairs": len(pairs),
        "folds": n_folds,
        "accuracy": sum(g == p for g, p in pairs) / len(pairs),
        "macro_f1": sum(c["f1"] for c in per_class.values()) / len(LABELS),
        "per_class": per_class,
        "confusion": dict(confusion),
        "baseline": {"label": majority, "accuracy": n_major / len(pairs)},
    }


def print_report(res: dict[str, Any]) -> None:
    """Human-readable summary."""
    print(f"Emergent grouped {res['folds']}-fold CV by claim, {res['pairs']} pairs")
    print(f"accuracy {res['accuracy']:.3f}   macro-F1 {res['macro_f1']:.3f}")
    print(f"{'class':<10} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}")
    for lab, c in res["per_class"].items():
        print(
            f"{lab:<10} {c['precision']:6.3f} {c['recall']:6.3f} {c['f1']:6.3f} {c['support']:5d}"
        )
    print("confusion (gold -> predicted):")
    for g, row in res["confusion"].items():
        print(f"  {g:<10} " + "  ".join(f"{p}={n}" for p, n in row.items()))
    base = res["baseline"]
    print(f"majority baseline ({base['label']}): accuracy {base['accuracy']:.3f}")


def main(argv: Sequence[str] | None = None) -> None:
    """Run the cross-validation and print or dump the scores."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args(argv)
    rows = load_rows()
    res = summarise(cross_validate(rows, args.folds), args.folds)
    if args.json:
        print(json.dumps(res, indent=2))
    else:
        print_report(res)


if __name__ == "__main__":
    main()
