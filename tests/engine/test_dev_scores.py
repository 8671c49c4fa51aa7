"""Floors on the dev corpus, scored by ../shared/eval/score.py; incremental runs."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest

from rashomon.common.encoder import embed
from rashomon.engine import stages
from rashomon.engine.pipeline import Analyzer, analyze

from ..conftest import SHARED, load_shared_scorer

DEV = SHARED / "eval" / "dev"
ARTICLES = DEV / "articles"
Json = dict[str, Any]

# Floors at what the analyser measures on the revised (exhaustive) dev gold: a change
# that loses ground fails here. Measured on 2026-12-07: conflicts_recall 0.684,
# conflict_precision 0.81, updates_recall 0.714 (issue 23), merge_errors 0.2, dates_acc
# 0.935, places_acc 0.903 (issue 24); independence_acc (0.818) is not asserted. Later:
# updates_recall 0.857, conflict_precision 0.857 (the seventh session's denial work);
# places_acc 0.935 (a no-entry region located by its country's possessive, issue 24);
# conflicts_recall 0.842, conflict_precision 0.875 (dates compared between differently
# worded clauses that share a participant, eighth session); conflict_precision 0.913
# (a denial's own adverbial clause denies nothing) and dates_acc 0.984 (the timeline's
# other dated events of a sentence), ninth session.
TARGETS_AT_LEAST = {
    "stories_f1": 0.95,
    "facts_recall": 0.70,
    "conflicts_recall": 0.84,
    "conflict_precision": 0.91,
    "updates_recall": 0.85,
    "attribution_acc": 0.96,
    "dates_acc": 0.98,
    "places_acc": 0.93,
}
# merge_errors went 0.20 -> 0.267 with the PolNeAR attribution work (issue 24): three
# statements now correctly attributed, with shorter contents, align with similar ones.
# ... and 0.244 -> 0.2 when statements dated to days that do not meet became two claims.
TARGETS_AT_MOST = {"trap_hits": 0, "invalid": 0, "merge_errors": 0.21}


def _need_dev() -> None:
    if not (ARTICLES.is_dir() and (DEV / "gold.json").is_file()
            and (SHARED / "eval" / "score.py").is_file()):
        pytest.skip("../shared/eval/dev is not available")


@pytest.fixture(scope="module")
def scorer() -> ModuleType:
    _need_dev()
    return load_shared_scorer()


@pytest.fixture(scope="module")
def cached_embedder() -> Iterator[None]:
    """Embed each text once per module: the later runs compare story building, not the
    encoder, and take seconds instead of a minute. A batch with a new text is encoded
    whole, exactly as the uncached pipeline would encode it."""
    cache: dict[str, np.ndarray] = {}

    def embed_cached(texts: Sequence[str]) -> np.ndarray:
        if any(t not in cache for t in texts):
            cache.update(zip(texts, embed(texts), strict=True))
        return np.stack([cache[t] for t in texts]) if texts else embed(texts)

    patch = pytest.MonkeyPatch()
    patch.setattr(stages, "embed", embed_cached)
    yield
    patch.undo()


@pytest.fixture(scope="module")
def report(cached_embedder: None) -> Json:
    _need_dev()
    return analyze([str(ARTICLES)]).to_dict()


@pytest.fixture(scope="module")
def scores(report: Json, scorer: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Json:
    path = tmp_path_factory.mktemp("dev") / "report.json"
    path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    gold = json.loads((DEV / "gold.json").read_text(encoding="utf-8"))
    result, misses = scorer.score(json.loads(path.read_text(encoding="utf-8")), gold)
    print("dev scores:", json.dumps(result))
    print("independence_acc (not asserted):", result.get("independence_acc"))
    for miss in misses:
        print("  miss:", miss)
    return dict(result)


@pytest.mark.parametrize(("metric", "target"), sorted(TARGETS_AT_LEAST.items()))
def test_dev_metric_meets_target(scores: Json, metric: str, target: float) -> None:
    value = scores[metric]
    assert value is not None, f"{metric} was not scored"
    assert value >= target, f"{metric} = {value:.3f} < {target}"


@pytest.mark.parametrize(("metric", "limit"), sorted(TARGETS_AT_MOST.items()))
def test_dev_count_within_limit(scores: Json, metric: str, limit: int) -> None:
    assert scores[metric] is not None and scores[metric] <= limit


def test_independence_is_reported(scores: Json) -> None:
    """Known to be below its target: only check that it is scored at all."""
    assert scores["independence_acc"] is not None


def _without_time(report: Json) -> Json:
    return {k: v for k, v in report.items() if k != "generated_at"}


def test_three_batches_give_the_same_report_as_one(report: Json, cached_embedder: None) -> None:
    files = sorted(str(p) for p in ARTICLES.iterdir() if p.is_file())
    assert len(files) >= 3
    third = -(-len(files) // 3)
    analyzer = Analyzer()
    for k in range(0, len(files), third):
        analyzer.add(files[k:k + third])
        partial = analyzer.report().to_dict()  # reporting in between must not change the end
        assert len(partial["articles"]) == len(analyzer.annotated)
    again = analyzer.report().to_dict()
    assert _without_time(again) == _without_time(report)


def test_adding_the_same_files_again_changes_nothing(report: Json,
                                                    cached_embedder: None) -> None:
    analyzer = Analyzer()
    analyzer.add([str(ARTICLES)])
    assert analyzer.add([str(ARTICLES)]) == []
    assert _without_time(analyzer.report().to_dict()) == _without_time(report)


def _paths(report: Json) -> set[str]:
    return {Path(a["path"]).name for a in report["articles"] if a.get("path")}


def test_every_dev_file_is_read(report: Json) -> None:
    names = {p.name for p in ARTICLES.iterdir() if p.is_file()}
    read = {n.split("#", 1)[0] for n in _paths(report)}
    assert names <= read
