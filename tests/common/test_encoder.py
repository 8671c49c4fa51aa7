"""The sentence encoder: batches of like length, threads that wait quietly, bf16 on request."""

from __future__ import annotations

import os
import subprocess
import sys
from types import SimpleNamespace

import numpy as np
import pytest

import rashomon.common.encoder as encoder


def test_vectors_do_not_depend_on_the_batch() -> None:
    texts = ["The ferry ran aground near the harbour entrance on Tuesday morning.",
             "Police said.", "Forty passengers were taken off by lifeboat.", "Police said."]
    together = encoder.embed(texts, batch_size=2)
    alone = np.stack([encoder._encode(encoder.load_encoder(), [t], 1)[0] for t in texts])
    assert together.shape == (4, 384)
    assert np.allclose(together, alone, atol=1e-5)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)


def test_batches_go_longest_first_ties_in_text_order() -> None:
    def tokenizer(texts: list[str], **_: object) -> dict[str, list[list[int]]]:
        return {"input_ids": [[0] * len(t.split()) for t in texts]}

    model = SimpleNamespace(tokenizer=tokenizer, max_seq_length=256)
    texts = ["a", "a b c", "a b", "c d e", "e"]
    assert list(encoder._by_length(model, texts, 2)) == [[1, 3], [2, 0], [4]]


def test_bf16_by_default_where_native_unless_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(encoder.BF16_VARIABLE, raising=False)
    monkeypatch.setattr(encoder, "encoder_device", lambda: "cpu")
    monkeypatch.setattr(encoder, "cpu_has_bf16", lambda: True)
    assert encoder.bf16_wanted()
    assert encoder.vector_model_name() == encoder.DEFAULT_MODEL + "+bf16"
    monkeypatch.setenv(encoder.BF16_VARIABLE, "0")
    assert not encoder.bf16_wanted()
    assert encoder.vector_model_name() == encoder.DEFAULT_MODEL
    monkeypatch.setenv(encoder.BF16_VARIABLE, "1")
    monkeypatch.setattr(encoder, "cpu_has_bf16", lambda: False)
    assert not encoder.bf16_wanted()


@pytest.mark.parametrize("workers", [1, 2])
def test_bf16_vectors_stay_close_to_fp32_ones(monkeypatch: pytest.MonkeyPatch,
                                              workers: int) -> None:
    texts = ["The ferry ran aground near the harbour entrance on Tuesday morning.",
             "Police said.", "Forty passengers were taken off by lifeboat.",
             "Officials said the fire had burned more than 3,200 hectares by Sunday evening."]
    model = encoder.load_encoder()
    monkeypatch.setattr(encoder, "bf16_wanted", lambda: False)
    exact = np.stack(encoder._encode(model, texts, 2))
    monkeypatch.setattr(encoder, "bf16_wanted", lambda: True)
    monkeypatch.setattr(encoder, "_usable_cores", lambda: workers)
    fast = np.stack(encoder._encode(model, texts, 2))
    assert fast.shape == exact.shape
    assert np.allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-5)
    assert float(np.min(np.sum(fast * exact, axis=1))) > 0.999


def test_cpu_flags_are_read() -> None:
    assert isinstance(encoder.cpu_has_bf16(), bool)


@pytest.mark.parametrize(("given", "expected"), [(None, "PASSIVE"), ("ACTIVE", "ACTIVE")])
def test_openmp_threads_wait_passively_unless_told(given: str | None, expected: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "OMP_WAIT_POLICY"}
    if given:
        env["OMP_WAIT_POLICY"] = given
    code = "import os, rashomon.common.encoder; print(os.environ['OMP_WAIT_POLICY'])"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == expected


def test_vectors_made_on_a_gpu_are_cached_apart_and_never_bf16(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(encoder.BF16_VARIABLE, "1")
    monkeypatch.setattr(encoder, "cpu_has_bf16", lambda: True)
    monkeypatch.setattr(encoder, "encoder_device", lambda: "cuda")
    assert not encoder.bf16_wanted()
    assert encoder.vector_model_name() == encoder.DEFAULT_MODEL + "+cuda"


def test_the_device_can_be_kept_to_the_cpu(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(encoder.DEVICE_VARIABLE, "cpu")
    assert encoder.encoder_device.__wrapped__() == "cpu"
    monkeypatch.delenv(encoder.DEVICE_VARIABLE)
    assert encoder.encoder_device.__wrapped__() in ("cpu", "cuda")
