"""Cross-encoder headline stance: MiniLM read with small low-rank adapters.

The bundled all-MiniLM-L6-v2 reads a headline and a claim together (headline first). Each
adapter set holds what ``eval/train_stance_lora.py`` trained on Emergent: rank-8 updates of
the attention's query and value projections, every bias and layer norm, the segment
embeddings and a 3-way head on the first token. The encoder's own weights are untouched, so
a set is about 107k numbers (float16). Several sets trained with different seeds are
averaged, which steadies a model fitted on ~1,300 pairs.

Loading needs torch and transformers (already needed by the sentence encoder) and never
reaches a model hub.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..common.encoder import model_path, offline_quiet_transformers

log = logging.getLogger(__name__)

ADAPTERS_RESOURCE = "stance_lora.npz"
RANK = 8
ALPHA = 16.0
MAX_TOKENS = 96
HIDDEN = 384
N_CLASSES = 3


def _low_rank_class() -> Any:
    import torch

    class LowRank(torch.nn.Module):
        """A frozen linear layer plus a trained rank-``RANK`` update ``B @ A``."""

        def __init__(self, base: Any) -> None:
            super().__init__()
            self.base = base
            # Random A and zero B, so an untrained update is zero but can learn; the draw
            # order is part of what makes training with a given seed repeatable.
            self.A = torch.nn.Parameter(torch.randn(RANK, base.in_features) * 0.01)
            self.B = torch.nn.Parameter(torch.zeros(base.out_features, RANK))
            self.scale = ALPHA / RANK

        def forward(self, x: Any) -> Any:
            return self.base(x) + (x @ self.A.T @ self.B.T) * self.scale

    return LowRank


def build_network(weights_dir: str | None = None) -> Any:
    """MiniLM with adapter slots on query/value and a stance head, untrained (the low-rank
    updates are zero until a set is loaded or trained)."""
    offline_quiet_transformers()
    import torch
    from transformers import AutoModel

    low_rank = _low_rank_class()

    class StanceNet(torch.nn.Module):
        """Encoder + linear head on the first token's state."""

        def __init__(self) -> None:
            super().__init__()
            self.enc = AutoModel.from_pretrained(weights_dir or model_path())
            self.head = torch.nn.Linear(HIDDEN, N_CLASSES)
            for layer in self.enc.encoder.layer:
                attn = layer.attention.self
                attn.query, attn.value = low_rank(attn.query), low_rank(attn.value)

        def forward(self, ids: Any, mask: Any, segments: Any) -> Any:
            out = self.enc(input_ids=ids, attention_mask=mask, token_type_ids=segments)
            return self.head(out.last_hidden_state[:, 0])

    return StanceNet()


def trainable(name: str) -> bool:
    """Which parameters an adapter set holds (everything else stays the encoder's)."""
    return name.startswith("head.") or any(
        key in name for key in ("bias", "LayerNorm", "token_type", ".A", ".B")
    )


class AdapterStance:
    """Averaged class probabilities of several adapter sets over one shared encoder."""

    def __init__(self, adapter_sets: Sequence[Mapping[str, np.ndarray]]) -> None:
        import torch
        from transformers import AutoTokenizer

        self.net = build_network().eval()
        self.tokenizer = AutoTokenizer.from_pretrained(model_path())
        self.sets = [
            {name: torch.tensor(np.asarray(v, dtype=np.float32)) for name, v in s.items()}
            for s in adapter_sets
        ]

    def probabilities(self, pairs: Sequence[tuple[str, str]], batch: int = 64) -> np.ndarray:
        """(n, 3) probabilities in ``stance_model.LABELS`` order for (claim, headline) pairs."""
        import torch

        out = np.zeros((len(pairs), N_CLASSES))
        with torch.no_grad():
            for state in self.sets:
                self.net.load_state_dict(state, strict=False)
                for start in range(0, len(pairs), batch):
                    chunk = pairs[start : start + batch]
                    out[start : start + len(chunk)] += self._forward(chunk)
        return out / max(len(self.sets), 1)

    def _forward(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        import torch

        enc = self.tokenizer(
            [h for _, h in pairs], [c for c, _ in pairs], padding=True, truncation=True,
            max_length=MAX_TOKENS, return_tensors="pt",
        )
        logits = self.net(enc["input_ids"], enc["attention_mask"], enc["token_type_ids"])
        result: np.ndarray = torch.softmax(logits, dim=-1).numpy()
        return result


def read_adapter_sets(path: Path | Any, prefix: str = "") -> list[dict[str, np.ndarray]]:
    """Adapter sets stored as ``<set>/<parameter>`` arrays in one ``.npz``, in set order."""
    with np.load(path) as data:
        keys = [k for k in data.files if k.startswith(prefix)]
        groups: dict[str, dict[str, np.ndarray]] = {}
        for key in keys:
            group, name = key.split("/", 1)
            groups.setdefault(group, {})[name] = data[key]
    return [groups[g] for g in sorted(groups)]


@lru_cache(maxsize=1)
def shipped_model() -> AdapterStance:
    """The adapter sets trained on all of Emergent, loaded once from package data."""
    with resources.as_file(resources.files("rashomon").joinpath("data", ADAPTERS_RESOURCE)) as p:
        sets = read_adapter_sets(p)
    log.info("loaded %d stance adapter sets", len(sets))
    return AdapterStance(sets)
