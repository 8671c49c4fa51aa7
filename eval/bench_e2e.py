"""End-to-end throughput of `analyze` on the FNC-1 bodies, stage by stage, cold and warm.

Runs the public `Analyzer` the way `rashomon analyze` does and times each stage: ingest,
annotation, story clustering, claims, embedding (the one pass of the sentence encoder over
the texts the cross-check compares), cross-checking (alignment and conflicts) and report
assembly. The first pass starts with an empty result
cache; the second pass reuses it, as a re-run on the same folder would. Peak memory is
the proportional set size (PSS) of this process and its workers.

With ``--cache-dir`` the passes use (and keep) that result cache instead of a fresh one:
on a cache an earlier run filled, both passes are warm (for timing changes to the
warm path, code against code, on one cache).

Usage: python eval/bench_e2e.py [--limit N] [--no-warm] [--cache-dir DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_speed import FNC, MemorySampler  # noqa: E402


def _timed(stages: dict[str, float], name: str, func: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    value = func()
    stages[name] = stages.get(name, 0.0) + time.perf_counter() - started
    return value


def one_pass(limit: int, cache_dir: str, source: Path = FNC) -> dict[str, Any]:
    """Analyse the first ``limit`` articles of ``source`` once; per-stage seconds and the
    totals."""
    import rashomon.common.encoder as embeddings
    import rashomon.engine.pipeline as pipeline
    from rashomon.ingest import ingest
    from rashomon.options import Options

    embeddings._CACHE.clear()  # the warm pass must read vectors from disk, not memory

    options = Options(cache_dir=cache_dir, show_progress=False)
    stages: dict[str, float] = {}
    real_claims, real_build = pipeline.Analyzer._claims, pipeline.build_story
    pipeline.Analyzer._claims = lambda self, *a: _timed(  # type: ignore[method-assign]
        stages, "claims", lambda: real_claims(self, *a))
    building = [False]  # embedding inside a story's build is cross-check time

    def build(*a: Any) -> Any:
        building[0] = True
        try:
            return _timed(stages, "cross-check", lambda: real_build(*a))
        finally:
            building[0] = False

    pipeline.build_story = build
    try:
        with MemorySampler() as memory:
            started = time.perf_counter()
            articles = _timed(stages, "ingest", lambda: ingest([str(source)], options).articles)
            articles = articles[: limit or None]
            analyzer = pipeline.Analyzer(options)
            real_embed = analyzer.stages.embed
            # The one embedding pass ahead of the stories (see `Analyzer._embedded`).
            analyzer.stages.embed = lambda texts: (  # type: ignore[method-assign]
                real_embed(texts) if building[0]
                else _timed(stages, "embed", lambda: real_embed(texts)))
            real_index_add = analyzer.index.add
            analyzer.index.add = lambda doc: _timed(stages, "clustering",  # type: ignore[method-assign]
                                                    lambda: real_index_add(doc))
            _timed(stages, "annotate+cluster", lambda: analyzer.add_articles(articles))
            report = _timed(stages, "report", analyzer.report)
            total = time.perf_counter() - started
    finally:
        pipeline.Analyzer._claims = real_claims  # type: ignore[method-assign]
        pipeline.build_story = real_build
    stages["annotate"] = stages.pop("annotate+cluster") - stages.get("clustering", 0.0)
    # A warm pass takes its stories from the cache: no cross-check at all.
    stages["assembly"] = (stages.pop("report") - stages.get("claims", 0.0)
                          - stages.get("cross-check", 0.0) - stages.get("embed", 0.0))
    n = len(articles)
    from rashomon.common.encoder import bf16_wanted, encoder_device

    return {"articles": n, "stories": len(report.stories), "total_s": round(total, 1),
            "encoder_device": encoder_device() + ("+bf16" if bf16_wanted() else ""),
            "articles_per_s": round(n / total, 2), "peak_pss_mb": round(memory.peak["Pss"]),
            "stages_s": {k: round(v, 2) for k, v in stages.items()},
            "stages_per_s": {k: round(n / v, 1) for k, v in stages.items() if v > 0}}


def main(argv: list[str] | None = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=0, help="first N bodies (0 = all 1,683)")
    parser.add_argument("--no-warm", action="store_true", help="skip the second, cached pass")
    parser.add_argument("--cache-dir", default=None,
                        help="result cache to use and keep (default: a fresh, temporary one)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not FNC.exists():
        print(f"missing {FNC}: the shared benchmarks are not available", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="rashomon-bench-cache-") as fresh:
        cache_dir = args.cache_dir or fresh
        first = "cold" if args.cache_dir is None else "first"
        results = {first: one_pass(args.limit, cache_dir)}
        if not args.no_warm:
            results["warm"] = one_pass(args.limit, cache_dir)
    if args.json:
        print(json.dumps(results))
        return 0
    for name, res in results.items():
        print(f"{name}: {res['articles']} articles, {res['stories']} stories, "
              f"{res['total_s']} s, {res['articles_per_s']} art/s, "
              f"peak PSS {res['peak_pss_mb']} MB, encoder on {res['encoder_device']}")
        for stage, seconds in res["stages_s"].items():
            print(f"  {stage:12} {seconds:8.2f} s  {res['stages_per_s'].get(stage, '-'):>8} art/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
