"""Overhead of the Ray engine in local mode against the local engine (annotation stage).

Annotates the FNC-1 bodies twice, with the local process pool and with Ray Data actors
on this machine (``ray.init(num_cpus=workers)``, start-up included), and checks that
both give the same annotations.

Usage: python eval/bench_ray.py [--limit N] [--workers N] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_speed import FNC  # noqa: E402


def run(limit: int, workers: int) -> dict[str, float]:
    """Seconds for each engine and the ratio."""
    from rashomon.annotate.stage import annotate_all
    from rashomon.engine.ray_engine import annotate_with_ray
    from rashomon.ingest import ingest
    from rashomon.options import Options

    options = Options(workers=workers, engine="ray", cache=False)
    articles = ingest([str(FNC)], options).articles[: limit or None]
    started = time.perf_counter()
    local = annotate_all(articles, options)
    local_s = time.perf_counter() - started
    started = time.perf_counter()
    on_ray = annotate_with_ray(articles, options)
    ray_s = time.perf_counter() - started
    return {"articles": len(articles), "local_s": round(local_s, 1), "ray_s": round(ray_s, 1),
            "ray_over_local": round(ray_s / local_s, 2), "identical": on_ray == local}


def main(argv: list[str] | None = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not FNC.exists():
        print(f"missing {FNC}: the shared benchmarks are not available", file=sys.stderr)
        return 2
    result = run(args.limit, args.workers)
    print(json.dumps(result) if args.json else "\n".join(f"{k:16} {v}" for k, v in result.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
