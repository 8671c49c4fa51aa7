"""Tests for the cross-encoder stance adapters (hand-written pairs only)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from rashomon.claims.stance_lora import read_adapter_sets, shipped_model, trainable
from rashomon.claims.stance_model import ADAPTER_WEIGHT, LABELS, blend

CLAIM = "The mayor of Springfield resigned"


def test_adapter_sets_are_grouped_by_name_in_order(tmp_path: Path) -> None:
    path = tmp_path / "sets.npz"
    arrays = {"b/x": np.ones(2), "a/x": np.zeros(2), "a/y": np.ones(1), "c-1/x": np.ones(3)}
    np.savez(path, **arrays)
    sets = read_adapter_sets(path)
    assert [sorted(s) for s in sets] == [["x", "y"], ["x"], ["x"]]
    assert sets[0]["x"].tolist() == [0.0, 0.0]
    assert [s["x"].size for s in read_adapter_sets(path, prefix="c-")] == [3]


@pytest.mark.parametrize(
    ("name", "held"),
    [
        ("head.weight", True),
        ("enc.encoder.layer.0.attention.self.query.A", True),
        ("enc.encoder.layer.0.attention.self.key.bias", True),
        ("enc.encoder.layer.3.output.LayerNorm.weight", True),
        ("enc.embeddings.token_type_embeddings.weight", True),
        ("enc.encoder.layer.0.attention.self.key.weight", False),
        ("enc.embeddings.word_embeddings.weight", False),
    ],
)
def test_an_adapter_set_holds_only_the_small_parameters(name: str, held: bool) -> None:
    assert trainable(name) is held


def test_shipped_adapters_give_probabilities_per_pair() -> None:
    model = shipped_model()
    assert len(model.sets) >= 1
    pairs = [(CLAIM, "Springfield mayor denies resigning"), (CLAIM, "Mayor of Springfield quits")]
    probs = model.probabilities(pairs)
    assert probs.shape == (2, len(LABELS))
    assert np.allclose(probs.sum(axis=1), 1.0)
    # one pair alone scores as it does in a batch (padding must not change the answer)
    assert np.allclose(model.probabilities(pairs[:1])[0], probs[0], atol=1e-5)


def test_a_denying_headline_leans_against() -> None:
    probs = shipped_model().probabilities([(CLAIM, "Springfield mayor denies he resigned")])[0]
    assert LABELS[int(np.argmax(probs))] == "against"


def test_blend_mixes_by_the_adapter_weight() -> None:
    mixed = blend([1.0, 0.0, 0.0], [0.0, 1.0, 0.0])
    assert mixed == pytest.approx([1 - ADAPTER_WEIGHT, ADAPTER_WEIGHT, 0.0])
    with pytest.raises(ValueError):
        blend([1.0, 0.0], [0.0, 1.0, 0.0])
