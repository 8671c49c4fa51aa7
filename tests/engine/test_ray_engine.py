"""The Ray engine (local mode) gives the same report as the local engine."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rashomon.engine.pipeline import Analyzer, analyze
from rashomon.errors import UsageError
from rashomon.options import Options

from ..conftest import FIXTURES, SHARED

ray = pytest.importorskip("ray", reason="Ray is not installed (pip install 'rashomon[ray]')")


@pytest.fixture(scope="module", autouse=True)
def local_ray() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
             configure_logging=False)
    yield
    ray.shutdown()


def without_time(report: Any) -> dict[str, Any]:
    data: dict[str, Any] = report.to_dict()
    data.pop("generated_at", None)
    return data


def both_engines(inputs: list[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    local = analyze(inputs, Options(cache=False, show_progress=False))
    on_ray = analyze(inputs, Options(cache=False, show_progress=False, engine="ray"))
    return without_time(local), without_time(on_ray)


def test_same_report_on_fixture_corpus() -> None:
    local, on_ray = both_engines([str(FIXTURES / "corpus")])
    assert on_ray == local


@pytest.mark.parametrize("folder", ["seeds", "eval/dev"])
def test_same_report_on_shared_corpora(folder: str) -> None:
    path = SHARED / folder
    if not path.is_dir():
        pytest.skip(f"../shared/{folder} is not available")
    local, on_ray = both_engines([str(path)])
    assert on_ray["stories"] == local["stories"]
    assert on_ray == local


def test_unknown_engine_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="unknown engine"):
        Analyzer(Options(engine="spark"))


@pytest.mark.parametrize("folder", ["seeds", "eval/dev"])
def test_stories_clustered_in_blocks_on_ray_give_the_same_report(
        folder: str, caplog: pytest.LogCaptureFixture) -> None:
    path = SHARED / folder
    if not path.is_dir():
        pytest.skip(f"../shared/{folder} is not available")
    local = without_time(analyze([str(path)], Options(show_progress=False)))
    with caplog.at_level("INFO", logger="rashomon.engine.ray_engine"):
        blocked = analyze([str(path)], Options(show_progress=False, engine="ray",
                                               cluster_block_size=2))
    assert "in blocks of 2 on Ray" in caplog.text  # the blocked path really ran
    assert without_time(blocked) == local
