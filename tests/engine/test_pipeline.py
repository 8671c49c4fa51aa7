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


def _by_text(texts: Sequence[str]) -> np.ndarray:
    """Vectors that depend on each text alone (a stand-in for the encoder)."""
    rows = [np.random.default_rng(sum(t.encode())).normal(size=8) for t in texts]
    vectors = np.array(rows, dtype=np.float32).reshape(len(texts), 8)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


@pytest.mark.parametrize("cached", [True, False])
def test_stories_embedded_run_by_run_give_the_report_of_one_run(
        tmp_path: Path, cached: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []

    def fake(texts: Sequence[str]) -> np.ndarray:
        calls.append(list(texts))
        return _by_text(texts)

    monkeypatch.setattr(stages, "embed", fake)
    inputs = [str(FIXTURES / "stories"), str(FIXTURES / "corpus")]

    def run(size: int, name: str) -> dict[str, object]:
        monkeypatch.setattr(pipeline, "EMBED_RUN", size)
        options = Options(cache=cached, cache_dir=str(tmp_path / name), workers=1,
                          show_progress=False)
        report = pipeline.analyze(inputs, options).to_dict()
        report.pop("generated_at", None)
        return report

    whole = run(10**9, "whole")
    one_pass = len(calls)
    calls.clear()
    story_by_story = run(1, "runs")
    assert story_by_story == whole
    if cached:  # without a vector cache each story's build asks the encoder again
        assert one_pass == 1 and len(calls) > 1
