"""Train the headline stance model on Emergent and write ``rashomon/data/stance_emergent.json``.

Multinomial logistic regression with L2 regularisation and class weights, fitted by
full-batch Adam in numpy (deterministic: fixed seed, fixed iteration count). Features come
from ``rashomon.claims.stance_model.features`` so training and inference cannot drift apart.

Usage: ``python eval/train_stance.py [--out PATH]``.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from rashomon.claims.stance_model import LABELS, features

SHARED = Path(__file__).resolve().parents[2] / "shared"
EMERGENT = SHARED / "eval" / "public" / "emergent" / "train.csv"
OUT = Path(__file__).resolve().parents[1] / "src" / "rashomon" / "data" / "stance_emergent.json"

SEED = 13
MIN_DF = 2  # n-gram features must occur in at least this many training headlines
MAX_VOCAB = 4000
L2 = 1e-2  # penalty on the mean loss for n-gram weights
ITERS = 600
LR = 0.05
CUE_L2_FACTOR = 0.1  # hand-crafted cues are penalised less than n-grams
CLASS_WEIGHT_POWER = 0.5  # 0: none, 1: fully balanced


@dataclass(frozen=True, slots=True)
class Row:
    """One Emergent pair."""

    claim_id: str
    claim: str
    headline: str
    label: str


def load_rows(path: Path = EMERGENT) -> list[Row]:
    """Read the Emergent CSV; exit with a clear message when ``../shared`` is absent."""
    if not path.is_file():
        sys.exit(f"Emergent data not found at {path} (is ../shared available?)")
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            Row(r["claimId"], r["claimHeadline"], r["articleHeadline"], r["articleHeadlineStance"])
            for r in csv.DictReader(fh)
        ]


def build_vocab(feats: Sequence[dict[str, float]]) -> list[str]:
    """Cue features always; n-grams seen in >= MIN_DF headlines, the MAX_VOCAB most frequent."""
    df = Counter(name for f in feats for name in f)
    cues = sorted(n for n in df if not n.startswith(("w:", "b:", "c:")))
    grams = [n for n, c in df.items() if n.startswith(("w:", "b:", "c:")) and c >= MIN_DF]
    grams.sort(key=lambda n: (-df[n], n))
    return cues + grams[:MAX_VOCAB]


@dataclass(frozen=True, slots=True)
class Sparse:
    """A sparse design matrix in coordinate form (rows, cols, vals) of a given shape."""

    rows: np.ndarray
    cols: np.ndarray
    vals: np.ndarray
    shape: tuple[int, int]

    def dot(self, w: np.ndarray) -> np.ndarray:
        """``X @ w`` for a (n_features, k) matrix ``w``."""
        return _scatter(self.rows, self.vals[:, None] * w[self.cols], self.shape[0])

    def tdot(self, e: np.ndarray) -> np.ndarray:
        """``X.T @ e`` for a (n_rows, k) matrix ``e``."""
        return _scatter(self.cols, self.vals[:, None] * e[self.rows], self.shape[1])


def _scatter(index: np.ndarray, values: np.ndarray, size: int) -> np.ndarray:
    return np.stack(
        [np.bincount(index, weights=values[:, k], minlength=size) for k in range(values.shape[1])],
        axis=1,
    )


def to_matrix(feats: Sequence[dict[str, float]], vocab: list[str]) -> Sparse:
    """Sparse design matrix of feature maps over ``vocab``."""
    index = {n: i for i, n in enumerate(vocab)}
    coo = [(r, index[n], v) for r, f in enumerate(feats) for n, v in f.items() if n in index]
    rows, cols, vals = (np.array(a) for a in zip(*coo, strict=True))
    return Sparse(rows.astype(int), cols.astype(int), vals.astype(float), (len(feats), len(vocab)))


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def fit_logreg(
    x: Sparse, y: np.ndarray, n_classes: int, penalty: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Weighted multinomial logistic regression with per-feature L2 ``penalty``, by Adam."""
    rng = np.random.default_rng(SEED)
    w = rng.normal(0.0, 1e-3, (x.shape[1], n_classes))
    b = np.zeros(n_classes)
    onehot = np.eye(n_classes)[y]
    counts = np.bincount(y, minlength=n_classes).astype(float)
    cw = (counts.sum() / (n_classes * np.maximum(counts, 1.0))) ** CLASS_WEIGHT_POWER
    sw = cw[y][:, None] / cw[y].sum()
    m = [np.zeros_like(w), np.zeros_like(b)]
    v = [np.zeros_like(w), np.zeros_like(b)]
    for t in range(1, ITERS + 1):
        err = (_softmax(x.dot(w) + b) - onehot) * sw
        grads = [x.tdot(err) + penalty[:, None] * w, err.sum(axis=0)]
        for k, (param, g) in enumerate(zip((w, b), grads, strict=True)):
            m[k] = 0.9 * m[k] + 0.1 * g
            v[k] = 0.999 * v[k] + 0.001 * g * g
            step = LR * (m[k] / (1 - 0.9**t)) / (np.sqrt(v[k] / (1 - 0.999**t)) + 1e-8)
            param -= step
    return w, b


def train(rows: Sequence[Row]) -> dict[str, Any]:
    """Fit the model on ``rows`` and return its JSON-ready parameters."""
    feats = [features(r.claim, r.headline) for r in rows]
    vocab = build_vocab(feats)
    x = to_matrix(feats, vocab)
    y = np.array([LABELS.index(r.label) for r in rows])
    is_gram = np.array([n.startswith(("w:", "b:")) for n in vocab])
    penalty = np.where(is_gram, L2, L2 * CUE_L2_FACTOR)
    w, b = fit_logreg(x, y, len(LABELS), penalty)
    keep = np.abs(w).max(axis=1) >= 1e-3
    return {
        "labels": list(LABELS),
        "vocab": [n for n, k in zip(vocab, keep, strict=True) if k],
        "weights": np.round(w[keep], 4).tolist(),
        "bias": np.round(b, 4).tolist(),
        "trained_on": f"Emergent train.csv, {len(rows)} pairs",
    }


def main(argv: Sequence[str] | None = None) -> None:
    """Train on all of Emergent and write the parameters as compact JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    params = train(load_rows())
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(params, separators=(",", ":")) + "\n", encoding="utf-8")
    size = args.out.stat().st_size / 1024
    print(f"wrote {args.out} ({size:.1f} KiB, {len(params['vocab'])} features)")


if __name__ == "__main__":
    main()
