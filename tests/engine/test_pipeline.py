"""The pipeline embeds the texts of many stories in one call before building them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

import rashomon.engine.pipeline as pipeline
import rashomon.engine.stages as stages
from rashomon.options import Options

from ..conftest import FIXTURES


def test_one_embedding_call_for_the_whole_report(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []

    def fake(texts: Sequence[str]) -> np.ndarray:
        calls.append(list(texts))
        rng = np.random.default_rng(len(texts))
        vectors = rng.normal(size=(len(texts), 8)).astype(np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    monkeypatch.setattr(stages, "embed", fake)
    options = Options(cache_dir=str(tmp_path), workers=1, show_progress=False)
    report = pipeline.analyze([str(FIXTURES / "stories"), str(FIXTURES / "corpus")], options)
    assert len(report.stories) >= 2
    assert len(calls) == 1 and len(set(calls[0])) == len(calls[0])
