"""Throughput of ingest, annotate and claims on the FNC-1 bodies, with peak memory.

Usage: python eval/bench_speed.py [--limit N] [--workers N] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import threading
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
FNC = SHARED / "eval" / "public" / "fnc1" / "train_bodies.csv"


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024


def _tree(pid: int) -> list[int]:
    try:
        kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return [pid]
    return [pid] + [p for kid in kids for p in _tree(int(kid))]


def _memory_mb(pid: int, field: str) -> float:
    total = 0
    for member in _tree(pid):
        try:
            rollup = Path(f"/proc/{member}/smaps_rollup").read_text()
        except OSError:
            continue
        total += sum(int(line.split()[1]) for line in rollup.splitlines()
                     if line.startswith(field + ":"))
    return total / 1024


class MemorySampler:
    """Peak memory of this process and its workers, sampled from /proc.

    PSS splits each shared page among the processes that map it, so the forked
    workers' shared model weights count once; the RSS sum counts them in every process.
    """

    def __init__(self, every_s: float = 0.25) -> None:
        self.every_s = every_s
        self.peak = {"Pss": 0.0, "Rss": 0.0}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _watch(self) -> None:
        pid = os.getpid()
        while not self._stop.wait(self.every_s):
            for field in self.peak:
                self.peak[field] = max(self.peak[field], _memory_mb(pid, field))


def run(limit: int, workers: int) -> dict[str, float]:
    """Time each per-article stage over the first ``limit`` FNC-1 bodies."""
    from rashomon.annotate.stage import AnnotateContext, annotate_all
    from rashomon.claims.stage import extract_claims
    from rashomon.ingest import ingest
    from rashomon.options import Options

    options = Options(workers=workers)
    started = time.perf_counter()
    articles = ingest([str(FNC)], options).articles[: limit or None]
    ingest_s = time.perf_counter() - started
    with MemorySampler() as memory:
        ctx = AnnotateContext.from_options(options)
        started = time.perf_counter()
        annotated = annotate_all(articles, options, ctx)
        annotate_s = time.perf_counter() - started
    started = time.perf_counter()
    for item in annotated:
        extract_claims(item)
    claims_s = time.perf_counter() - started
    n = len(articles)
    return {"articles": n, "workers": workers, "ingest_s": round(ingest_s, 2),
            "annotate_s": round(annotate_s, 2), "annotate_per_s": round(n / annotate_s, 1),
            "claims_s": round(claims_s, 2), "claims_per_s": round(n / claims_s, 1),
            "peak_pss_mb_all_processes": round(memory.peak["Pss"]),
            "peak_rss_mb_sum_all_processes": round(memory.peak["Rss"]),
            "peak_rss_mb_self_plus_children": round(_peak_mb())}


def main(argv: list[str] | None = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=0, help="first N bodies (0 = all)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not FNC.exists():
        print(f"missing {FNC}: the shared benchmarks are not available", file=sys.stderr)
        return 2
    result = run(args.limit, args.workers)
    print(json.dumps(result) if args.json else "\n".join(f"{k:32} {v}" for k, v in result.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
