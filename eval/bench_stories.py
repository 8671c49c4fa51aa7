"""Benchmark story clustering on the dev corpus, a mixed corpus and synthetic scale-ups.

1. dev: the 15 dev articles against ``dev/gold.json`` "stories" (pairwise P/R/F1).
2. mixed: dev + seeds (one story) + the first 300 FNC-1 bodies as distractors; every gold
   story must stay whole and unmerged; P/R/F1 over pairs that involve a dev/seed article.
3. timing: clustering alone on the mixed docs, then FNC-derived docs replicated (terms
   shuffled, 20% dropped, entities renamed) to 2k/10k/20k to show near-linear growth.
4. blocked: the same synthetic corpora clustered in blocks (as `--engine ray` does, with
   ``--ray`` as Ray tasks) and merged, timed and compared pair by pair with the sequential
   stories.

The default thresholds were calibrated on dev + seeds (the only labelled data we have).

    .venv/bin/python eval/bench_stories.py [--json] [--fnc N] [--sizes 2000,10000,20000]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from rashomon.annotate.stage import annotate_all
from rashomon.ingest import ingest
from rashomon.models import AnnotatedArticle, Article
from rashomon.stories.clustering import StoryDoc, StoryIndex, canonical_order, story_doc

SHARED = Path(__file__).resolve().parents[2] / "shared"


def pair_scores(pred: Sequence[Sequence[str]], gold: dict[str, str | None]) -> dict[str, float]:
    """Pairwise P/R/F1; pairs where neither article has a gold story are not counted."""
    story = {a: i for i, members in enumerate(pred) for a in members}
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(story), 2):
        if gold.get(a) is None and gold.get(b) is None:
            continue
        same_gold = gold.get(a) is not None and gold.get(a) == gold.get(b)
        same_pred = story[a] == story[b]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "tp": tp, "fp": fp, "fn": fn}


def story_checks(pred: Sequence[Sequence[str]], gold: dict[str, str | None]) -> dict[str, Any]:
    """For each gold story: is it one predicted story (whole) with nothing else in it."""
    out: dict[str, Any] = {}
    for label in sorted({g for g in gold.values() if g}):
        members = {a for a, g in gold.items() if g == label}
        holding = [set(s) for s in pred if members & set(s)]
        whole = len(holding) == 1
        unmerged = all(s <= members for s in holding)
        out[label] = {"size": len(members), "whole": whole, "unmerged": unmerged,
                      "pieces": len(holding)}
    return out


def fnc_articles(path: Path, limit: int) -> list[Article]:
    """The first ``limit`` FNC-1 bodies as undated, untitled articles."""
    csv.field_size_limit(1 << 30)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = itertools.islice(csv.DictReader(handle), limit)
        return [Article(id=f"fnc1-{r['Body ID']}", path=f"fnc1#{r['Body ID']}",
                        text=r["articleBody"]) for r in rows]


def load(shared: Path, fnc: int) -> tuple[list[AnnotatedArticle], dict[str, str | None], int]:
    """Annotated dev + seed + FNC articles, gold story per article id, count of dev ones."""
    dev = ingest([str(shared / "eval" / "dev" / "articles")]).articles
    seeds = ingest([str(shared / "seeds")]).articles
    distractors = fnc_articles(shared / "eval" / "public" / "fnc1" / "train_bodies.csv", fnc)
    stories = json.loads((shared / "eval" / "dev" / "gold.json").read_text())["stories"]
    by_key = {key: f"dev-{i}" for i, keys in enumerate(stories) for key in keys}
    gold: dict[str, str | None] = {a.id: by_key.get(a.path or "") for a in dev}
    gold.update({a.id: "seed" for a in seeds})
    gold.update({a.id: None for a in distractors})
    annotated = annotate_all([*dev, *seeds, *distractors])
    return annotated, gold, len(dev)


def timed_cluster(docs: Sequence[StoryDoc]) -> tuple[list[list[str]], float, int]:
    """Cluster prepared docs in canonical order: stories, seconds, cluster scorings."""
    ordered = canonical_order(docs)
    start = time.perf_counter()
    index = StoryIndex()
    for doc in ordered:
        index.add(doc)
    return index.stories(), time.perf_counter() - start, index.comparisons


def perturbed(doc: StoryDoc, copy: int) -> StoryDoc:
    """A synthetic variant: 20% of each bag's terms dropped, entities renamed per copy."""
    rng = random.Random(f"{doc.id}/{copy}")

    def thin(bag: tuple[tuple[str, int], ...], suffix: str = "") -> tuple[tuple[str, int], ...]:
        items = list(bag)
        rng.shuffle(items)
        kept = items[: max(1, round(len(items) * 0.8))] if items else []
        return tuple(sorted((t + suffix, c) for t, c in kept))

    return StoryDoc(f"{doc.id}~{copy}", doc.published, thin(doc.title), thin(doc.body),
                    thin(doc.entities, f"~{copy}"))


def scaling(base: Sequence[StoryDoc], sizes: Sequence[int]) -> list[dict[str, Any]]:
    """Clustering time of replicated docs at each size."""
    rows = []
    for size in sizes:
        docs = [perturbed(base[i % len(base)], i // len(base)) for i in range(size)]
        stories, seconds, comparisons = timed_cluster(docs)
        rows.append({"docs": size, "seconds": round(seconds, 3), "stories": len(stories),
                     "comparisons_per_doc": round(comparisons / size, 2)})
    return rows


def agreement(pred: Sequence[Sequence[str]], ref: Sequence[Sequence[str]]) -> dict[str, float]:
    """Pairwise precision and recall of ``pred`` against ``ref`` (counted, not enumerated)."""
    where = {a: k for k, members in enumerate(ref) for a in members}
    both = Counter((k, where[a]) for k, members in enumerate(pred) for a in members)

    def pairs(sizes: Iterable[int]) -> int:
        return sum(n * (n - 1) // 2 for n in sizes)

    shared = pairs(both.values())
    p_pairs, r_pairs = pairs(map(len, pred)), pairs(map(len, ref))
    return {"precision": round(shared / p_pairs, 4) if p_pairs else 1.0,
            "recall": round(shared / r_pairs, 4) if r_pairs else 1.0}


def blocked_scaling(base: Sequence[StoryDoc], sizes: Sequence[int], block_size: int,
                    on_ray: bool) -> list[dict[str, Any]]:
    """Clustering in blocks (Ray tasks when ``on_ray``) against the sequential index."""
    from rashomon.stories.blocks import cluster_block, cluster_in_blocks

    mapper = None
    if on_ray:
        import ray

        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
        remote = ray.remote(num_cpus=1)(cluster_block)

        def mapper(func: Any, blocks: Sequence[Any]) -> list[Any]:
            return list(ray.get([remote.remote(b) for b in blocks]))

    rows = []
    for size in sizes:
        docs = [perturbed(base[i % len(base)], i // len(base)) for i in range(size)]
        sequential, seconds, _ = timed_cluster(docs)
        start = time.perf_counter()
        blocked = cluster_in_blocks(docs, block_size, mapper=mapper).stories()
        blocked_seconds = time.perf_counter() - start
        rows.append({"docs": size, "block_size": block_size, "on_ray": on_ray,
                     "sequential_seconds": round(seconds, 2),
                     "blocked_seconds": round(blocked_seconds, 2),
                     "stories": len(sequential), "blocked_stories": len(blocked),
                     "vs_sequential": agreement(blocked, sequential)})
    return rows


def run(shared: Path, fnc: int, sizes: Sequence[int], block_size: int = 5000,
        on_ray: bool = False) -> dict[str, Any]:
    """Every measurement, as one JSON-able dict."""
    annotated, gold, n_dev = load(shared, fnc)
    docs = [story_doc(a) for a in annotated]
    dev_docs = docs[:n_dev]
    dev_gold = {d.id: gold[d.id] for d in dev_docs}
    dev_pred, dev_seconds, _ = timed_cluster(dev_docs)
    mixed_pred, mixed_seconds, comparisons = timed_cluster(docs)
    base = [d for d in docs if gold[d.id] is None]
    return {
        "calibration": "thresholds calibrated on dev + seeds (the only labelled data)",
        "dev": {**pair_scores(dev_pred, dev_gold), "stories": len(dev_pred),
                "gold_stories": len(set(filter(None, dev_gold.values()))),
                "checks": story_checks(dev_pred, dev_gold)},
        "mixed": {**pair_scores(mixed_pred, gold), "docs": len(docs), "stories": len(mixed_pred),
                  "checks": story_checks(mixed_pred, gold)},
        "timing": {"mixed_docs": len(docs), "mixed_seconds": round(mixed_seconds, 3),
                   "mixed_comparisons_per_doc": round(comparisons / len(docs), 2),
                   "dev_seconds": round(dev_seconds, 4), "scaling": scaling(base, sizes)},
        "blocked": blocked_scaling(base, sizes, block_size, on_ray) if block_size else [],
    }


def _print(result: dict[str, Any]) -> None:
    for name in ("dev", "mixed"):
        part = result[name]
        print(f"{name}: P={part['precision']:.3f} R={part['recall']:.3f} F1={part['f1']:.3f} "
              f"({part['stories']} stories)")
        for label, check in part["checks"].items():
            print(f"  {label}: size {check['size']} whole={check['whole']} "
                  f"unmerged={check['unmerged']}")
    timing = result["timing"]
    print(f"clustering {timing['mixed_docs']} docs: {timing['mixed_seconds']:.3f}s")
    for row in timing["scaling"]:
        print(f"  {row['docs']:>6} docs: {row['seconds']:.2f}s, {row['stories']} stories, "
              f"{row['comparisons_per_doc']} comparisons/doc")
    rows = timing["scaling"]
    if len(rows) > 1 and rows[0]["seconds"]:
        print(f"  time ratio {rows[-1]['docs']}/{rows[0]['docs']}: "
              f"{rows[-1]['seconds'] / rows[0]['seconds']:.1f}")
    for row in result["blocked"]:
        agree = row["vs_sequential"]
        print(f"  blocked ({row['block_size']}/block, {'Ray' if row['on_ray'] else 'here'}) "
              f"{row['docs']:>6} docs: {row['blocked_seconds']:.2f}s vs sequential "
              f"{row['sequential_seconds']:.2f}s; {row['blocked_stories']} vs {row['stories']} "
              f"stories; pairs P={agree['precision']:.3f} R={agree['recall']:.3f}")
    print(result["calibration"])


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; exit 2 when ../shared is missing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--fnc", type=int, default=300, help="FNC-1 bodies used as distractors")
    parser.add_argument("--sizes", default="2000,10000,20000", help="synthetic corpus sizes")
    parser.add_argument("--block-size", type=int, default=5000,
                        help="also cluster in blocks of N (0: skip)")
    parser.add_argument("--ray", action="store_true", help="run the blocks as Ray tasks")
    args = parser.parse_args(argv)
    if not SHARED.is_dir():
        print(f"bench_stories: {SHARED} not found (the shared eval data sits beside the repo)",
              file=sys.stderr)
        return 2
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    result = run(SHARED, args.fnc, sizes, args.block_size, args.ray)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        _print(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
