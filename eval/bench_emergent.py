"""Grouped cross-validation of the headline stance model on Emergent.

Claims are split into 5 folds (deterministically, by a hash of the claim id, then balanced
by size), so no claim's headlines appear in both training and test. Each fold is scored by a
regression trained on the other four with the same code as ``eval/train_stance.py``, blended
as in ``stance_model.blend`` with the cross-encoder adapters that ``eval/train_stance_lora.py``
trained without that fold's claims (``eval/models/stance_lora_folds.npz``; they exist for
the fixed 5-fold split only, so other fold counts score the regression alone). Prints the
pooled accuracy, per-class precision/recall/F1 (for, against, observing), macro-F1 and the
majority-class baseline, for the shipped blend and for the regression alone.

Usage: ``python eval/bench_emergent.py [--json] [--folds N] [--regression-only]``.
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

from rashomon.annotate.stage import AnnotateContext, annotate_batch  # noqa: E402
from rashomon.claims.stage import extract_claims  # noqa: E402
from rashomon.claims.stance_lora import AdapterStance, read_adapter_sets  # noqa: E402
from rashomon.claims.stance_model import LABELS, blend, scores_from_params  # noqa: E402
from rashomon.models import Article, ClaimMention, stable_id  # noqa: E402
from rashomon.options import Options  # noqa: E402

FOLD_ADAPTERS = Path(__file__).resolve().parent / "models" / "stance_lora_folds.npz"
ADAPTER_FOLDS = 5  # the fold count the stored adapters were trained for


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


def _label(probs: Sequence[float]) -> str:
    return LABELS[max(range(len(LABELS)), key=probs.__getitem__)]


def predict(params: dict[str, Any], row: Row) -> str:
    """Predicted Emergent label of one pair by the regression alone."""
    return _label(scores_from_params(params, row.claim, row.headline))


def _fold_adapters(k: int) -> AdapterStance:
    return AdapterStance(read_adapter_sets(FOLD_ADAPTERS, prefix=f"fold{k}-"))


def cross_validate(
    rows: Sequence[Row], n_folds: int, adapters: bool = True
) -> dict[str, list[tuple[str, str]]]:
    """(gold, predicted) for every row, by model; each model never trained on the row's claim.

    Always ``"regression"``; also ``"blend"`` (the shipped model) when ``adapters`` is set
    and adapters exist for this fold count.
    """
    folds = assign_folds(rows, n_folds)
    with_adapters = adapters and n_folds == ADAPTER_FOLDS and FOLD_ADAPTERS.is_file()
    out: dict[str, list[tuple[str, str]]] = {"regression": []}
    for k in range(n_folds):
        params = train([r for r in rows if folds[r.claim_id] != k])
        test = [r for r in rows if folds[r.claim_id] == k]
        regression = [scores_from_params(params, r.claim, r.headline) for r in test]
        out["regression"] += [(r.label, _label(p)) for r, p in zip(test, regression, strict=True)]
        if with_adapters:
            neural = _fold_adapters(k).probabilities([(r.claim, r.headline) for r in test])
            out.setdefault("blend", []).extend(
                (r.label, _label(blend(p, a.tolist())))
                for r, p, a in zip(test, regression, neural, strict=True)
            )
    return out


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


def pipeline_label(mentions: Sequence[ClaimMention]) -> str:
    """The Emergent label of what the pipeline reads in a headline: a refutation is
    "against", a hedge or non-confirmation "observing", a claim relayed from a speaker
    ("X says ...") "observing", the outlet's own assertion "for". Fixed in advance, not
    fitted: this scores the stance rules the report uses, not a model."""
    stances = {m.stance for m in mentions}
    if "refutes" in stances:
        return "against"
    if "uncertain" in stances or not mentions:
        return "observing"
    return "for" if any(m.speaker is None for m in mentions) else "observing"


def pipeline_stances(rows: Sequence[Row]) -> list[tuple[str, str]]:
    """(gold, predicted) for every headline read by the pipeline's own claims stage."""
    ctx = AnnotateContext.from_options(Options())
    articles = [Article(stable_id("e", str(k), r.headline), None, r.headline)
                for k, r in enumerate(rows)]
    annotated = annotate_batch(articles, ctx)
    return [(r.label, pipeline_label(extract_claims(a).mentions))
            for r, a in zip(rows, annotated, strict=True)]


def main(argv: Sequence[str] | None = None) -> None:
    """Run the cross-validation and print or dump the scores."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--regression-only", action="store_true", help="skip the cross-encoder adapters"
    )
    args = parser.parse_args(argv)
    rows = load_rows()
    by_model = cross_validate(rows, args.folds, adapters=not args.regression_only)
    shipped = "blend" if "blend" in by_model else "regression"
    res = summarise(by_model[shipped], args.folds)
    res["model"] = "regression + adapters" if shipped == "blend" else "regression alone"
    if shipped == "blend":
        res["regression_alone"] = summarise(by_model["regression"], args.folds)
    # The report's stances come from the claims stage's rules, not from this model.
    res["pipeline_rules"] = summarise(pipeline_stances(rows), args.folds)
    if args.json:
        print(json.dumps(res, indent=2))
        return
    print(f"model: {res['model']}")
    print_report(res)
    if "regression_alone" in res:
        print("\nregression alone:")
        print_report(res["regression_alone"])
    print("\nthe pipeline's own stance rules (what the report shows; nothing fitted):")
    print_report(res["pipeline_rules"])


if __name__ == "__main__":
    main()
