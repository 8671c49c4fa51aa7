"""Train the cross-encoder stance adapters (``rashomon.claims.stance_lora``) on Emergent.

Each adapter set is MiniLM read with rank-8 query/value updates, trained biases, layer
norms and segment embeddings, and a 3-way head: 10 epochs of AdamW (learning rate 1e-3,
weight decay 0.01, batches of 16, 10% linear warm-up then linear decay), cross-entropy with
class weights (inverse frequency to the power 0.5, as in the regression). Five seeds give
five sets, averaged at inference.

Two outputs:
- ``src/rashomon/data/stance_lora.npz``: the five sets trained on all of Emergent (shipped);
- ``eval/models/stance_lora_folds.npz``: for each fold of ``bench_emergent``'s fixed 5-fold
  split, the five sets trained without that fold's claims, so the benchmark scores every
  pair with adapters that never saw its claim.

Thirty trainings: a few minutes on one H200 with 12 worker processes (``--workers``),
many hours on two CPU cores. Usage: ``python eval/train_stance_lora.py [--workers N]``.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_emergent import assign_folds  # noqa: E402
from train_stance import Row, load_rows  # noqa: E402

from rashomon.claims.stance_lora import MAX_TOKENS, build_network, trainable  # noqa: E402
from rashomon.claims.stance_model import LABELS  # noqa: E402
from rashomon.common.encoder import model_path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
FINAL_OUT = ROOT / "src" / "rashomon" / "data" / "stance_lora.npz"
FOLDS_OUT = ROOT / "eval" / "models" / "stance_lora_folds.npz"
SEEDS = (1, 2, 3, 4, 5)
N_FOLDS = 5
EPOCHS = 10
LR = 1e-3
BATCH = 16
WARMUP = 0.1
CLASS_WEIGHT_POWER = 0.5


def encode(rows: Sequence[Row]) -> dict[str, Any]:
    """Token tensors (headline first, then claim) and labels of all rows."""
    import torch
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(model_path())
    enc = tok(
        [r.headline for r in rows], [r.claim for r in rows], padding=True, truncation=True,
        max_length=MAX_TOKENS, return_tensors="pt",
    )
    labels = torch.tensor([LABELS.index(r.label) for r in rows])
    return {"ids": enc["input_ids"], "mask": enc["attention_mask"],
            "segments": enc["token_type_ids"], "y": labels}


def _schedule(steps: int) -> Any:
    warm = WARMUP * steps
    return lambda s: s / warm if s < warm else max(0.0, (steps - s) / (steps - warm))


def train_one(data: dict[str, Any], train_idx: np.ndarray, seed: int, device: str) -> dict:
    """One adapter set trained on the rows ``train_idx``; float16 arrays by parameter name."""
    import torch

    torch.manual_seed(seed)
    net = build_network().to(device)
    for name, param in net.named_parameters():
        param.requires_grad = trainable(name)
    ids, mask, seg, y = (data[k].to(device) for k in ("ids", "mask", "segments", "y"))
    counts = np.bincount(data["y"].numpy()[train_idx], minlength=len(LABELS))
    weights = (counts.sum() / (len(LABELS) * counts)) ** CLASS_WEIGHT_POWER
    class_w = torch.tensor(weights, dtype=torch.float, device=device)
    params = [p for p in net.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=LR, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, _schedule(EPOCHS * math.ceil(len(train_idx) / BATCH)))
    order = np.random.default_rng(seed)
    net.train()
    for _ in range(EPOCHS):
        perm = order.permutation(train_idx)
        for start in range(0, len(perm), BATCH):
            b = torch.tensor(perm[start : start + BATCH], device=device)
            loss = torch.nn.functional.cross_entropy(
                net(ids[b], mask[b], seg[b]), y[b], weight=class_w)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
    return {n: p.detach().cpu().numpy().astype(np.float16)
            for n, p in net.named_parameters() if p.requires_grad and "pooler" not in n}


def jobs(rows: Sequence[Row]) -> list[tuple[str, np.ndarray, int]]:
    """(set name, training rows, seed) for the shipped sets and every fold's sets."""
    folds = assign_folds(rows, N_FOLDS)
    fold_of = np.array([folds[r.claim_id] for r in rows])
    out = [(f"seed{s}", np.arange(len(rows)), s) for s in SEEDS]
    out += [(f"fold{k}-seed{s}", np.where(fold_of != k)[0], s)
            for k in range(N_FOLDS) for s in SEEDS]
    return out


@lru_cache(maxsize=1)
def _encoded_rows() -> dict[str, Any]:
    return encode(load_rows())  # once per worker process, not once per job


def _run(job: tuple[str, np.ndarray, int], device: str) -> tuple[str, dict]:
    import torch

    if device == "cuda":
        torch.set_num_threads(1)  # workers share the CPU; the GPU does the work
    name, idx, seed = job
    return name, train_one(_encoded_rows(), idx, seed, device)


def main(argv: Sequence[str] | None = None) -> None:
    """Train all sets (in ``--workers`` processes) and write both archives."""
    import torch
    import torch.multiprocessing as mp

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    todo = jobs(load_rows())
    with mp.get_context("spawn").Pool(args.workers) as pool:
        done = dict(pool.starmap(_run, [(j, device) for j in todo]))
    shipped = {f"{n}/{p}": v for n, s in done.items() if "-" not in n for p, v in s.items()}
    folds = {f"{n}/{p}": v for n, s in done.items() if "-" in n for p, v in s.items()}
    FOLDS_OUT.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(FINAL_OUT, **shipped)
    np.savez_compressed(FOLDS_OUT, **folds)
    print(f"wrote {FINAL_OUT} and {FOLDS_OUT} ({len(done)} adapter sets)")


if __name__ == "__main__":
    main()
