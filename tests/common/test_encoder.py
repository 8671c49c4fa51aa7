"""The sentence encoder: batches of like length, threads that wait quietly, bf16 on request."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
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


def test_bf16_path_runs_without_sentence_transformers() -> None:
    code = ("import sys, rashomon.common.encoder as e\n"
            "e.cpu_has_bf16 = lambda: True\n"
            "v = e.embed(['The bridge reopened on Friday.', 'Two lanes stay shut.'])\n"
            "print(v.shape, 'sentence_transformers' in sys.modules)")
    env = {k: v for k, v in os.environ.items()
           if k not in (encoder.BF16_VARIABLE, encoder.DEVICE_VARIABLE)}
    env[encoder.DEVICE_VARIABLE] = "cpu"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "(2, 384) False"


def test_transformers_alone_gives_the_same_bf16_vectors(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = ["The bridge reopened on Friday after three weeks of repairs.", "Officials said.",
             "Two lanes will stay shut until the spring, the council said in a statement."]
    monkeypatch.setattr(encoder, "bf16_wanted", lambda: True)
    plain = encoder.load_mean_pooled()
    assert plain is not None
    alone = np.stack(encoder._encode(plain, texts, 2))
    full = np.stack(encoder._encode(encoder.load_encoder(), texts, 2))
    assert np.array_equal(alone, full)


def _folder(tmp_path: Path, pooling: str, lower: bool, normalize: bool) -> Path:
    kinds = ["Transformer", "Pooling"] + (["Normalize"] if normalize else [])
    modules = [{"idx": i, "name": str(i), "path": ["", "1_Pooling", "2_Normalize"][i],
                "type": f"sentence_transformers.models.{kind}"} for i, kind in enumerate(kinds)]
    (tmp_path / "1_Pooling").mkdir()
    (tmp_path / "modules.json").write_text(json.dumps(modules))
    (tmp_path / "1_Pooling" / "config.json").write_text(json.dumps(
        {"pooling_mode_cls_token": pooling == "cls",
         "pooling_mode_mean_tokens": pooling == "mean"}))
    (tmp_path / "sentence_bert_config.json").write_text(json.dumps(
        {"max_seq_length": 128, "do_lower_case": lower}))
    return tmp_path


@pytest.mark.parametrize(("pooling", "lower", "normalize", "expected"), [
    ("mean", False, True, 128), ("cls", False, True, None), ("mean", True, True, None),
    ("mean", False, False, None)])
def test_only_mean_pooled_folders_skip_sentence_transformers(
        tmp_path: Path, pooling: str, lower: bool, normalize: bool, expected: int | None) -> None:
    folder = _folder(tmp_path, pooling, lower, normalize)
    assert encoder._mean_pooled_folder(folder) == expected


def test_a_folder_without_its_files_is_left_to_sentence_transformers(tmp_path: Path) -> None:
    assert encoder._mean_pooled_folder(tmp_path) is None
