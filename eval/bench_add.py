"""Adding single articles to a large store, as `rashomon serve` does (models loaded once).

1. Builds a store of ``--size`` synthetic articles (the corpus of `bench_scale`: FNC-1
   bodies with shuffled sentences and invented names), unless ``--db`` already holds it.
   To save hours of sentence encoding on two cores, the build runs with a stand-in
   encoder (unit vectors seeded by a hash of the text) whose vectors go to the store's
   result cache, as the real encoder's would: timed adds find stored sentences' vectors
   there, exactly as in a store the real encoder built. Only the build uses it.
2. Warms the process: one add into a scratch store loads spaCy, the gazetteer and the
   sentence encoder, as a running `rashomon serve` already has.
   Then adds one article to the store (printed, not counted): a server holds the story
   index it last wrote, so only its first add reads the index from the store.
3. Times `store.add_inputs` for single new articles with the real encoder: variants of
   FNC-1 bodies (they join existing stories of various sizes) and one article on a
   subject the store has never seen (it starts a story). Each prints its time and the
   size of the story it joined.

Usage: python eval/bench_add.py [--size 20000] [--db PATH] [--adds 8] [--body K] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_scale import fnc_bodies, stand_in, variant, write_corpus  # noqa: E402
from bench_speed import FNC  # noqa: E402

import rashomon.engine.stages as pipeline  # noqa: E402  (where the pipeline calls the encoder)
from rashomon.common.encoder import load_encoder  # noqa: E402
from rashomon.options import Options  # noqa: E402
from rashomon.store.database import add_inputs  # noqa: E402

UNSEEN = ("A new footbridge over the Lowen river opened in Harrowgate on Tuesday, the "
          "town council said. The bridge cost 4 million euros and took two years to build, "
          "according to the council. Residents had asked for a crossing since 2019.")


def build(db: Path, size: int, options: Options) -> float:
    """Fill ``db`` with ``size`` synthetic articles using the stand-in encoder."""
    real = pipeline.embed
    pipeline.embed = stand_in
    try:
        with tempfile.TemporaryDirectory(prefix="rashomon-add-") as tmp:
            corpus = write_corpus(size, Path(tmp))
            start = time.perf_counter()
            add_inputs(db, [str(corpus)], options)
            return time.perf_counter() - start
    finally:
        pipeline.embed = real


def new_articles(size: int, count: int, folder: Path, round_: int = 0,
                 body_index: int | None = None) -> list[Path]:
    """``count`` one-article files: body variants not in the store, and one unseen subject
    (``round_`` > 0 gives other articles, for timing again on a store that has the first).
    With ``body_index`` every variant is of that one body, so each add joins one story,
    as a live feed on one event does."""
    bodies = fnc_bodies()
    rng = random.Random(7 + round_)
    paths = []
    for k in range(count - 1):
        body = rng.randrange(len(bodies)) if body_index is None else body_index
        copy = size // len(bodies) + 1 + k + 100 * round_
        text = variant(bodies[body], copy, random.Random(copy))
        # A file name the store has seen before would make this a new version of that
        # article (which re-checks everything), not a new article.
        paths.append(_one(folder / f"new-{round_}-{k}.json", f"Update {k}", text))
    unseen = UNSEEN + (f" It is the town's {round_ + 1}th bridge." if round_ else "")
    paths.append(_one(folder / f"unseen-{round_}.json", "Footbridge opens", unseen))
    return paths


def _one(path: Path, title: str, text: str) -> Path:
    path.write_text(json.dumps({"title": title, "content": text}), encoding="utf-8")
    return path


def story_size(db: Path, article_id: str) -> int:
    """Articles in the story that holds ``article_id``."""
    with closing(sqlite3.connect(db)) as conn:
        row = conn.execute(
            "SELECT count(*) FROM story_articles WHERE story_id = "
            "(SELECT story_id FROM story_articles WHERE article_id = ?)", (article_id,))
        return int(row.fetchone()[0])


def main(argv: list[str] | None = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=20000)
    parser.add_argument("--db", default=None, help="Store to build once and reuse.")
    parser.add_argument("--adds", type=int, default=12)
    parser.add_argument("--cache-dir", default=None,
                        help="Result cache to use (default: beside the store).")
    parser.add_argument("--round", type=int, default=0, help="Another set of new articles.")
    parser.add_argument("--body", type=int, default=None,
                        help="Every new article a variant of this FNC-1 body (one story).")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not FNC.exists():
        print(f"missing {FNC}: the shared benchmarks are not available", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="rashomon-add-") as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "store.db"
        cache = args.cache_dir or str(db.parent / f"{db.name}.cache")
        options = Options(show_progress=False, cache_dir=cache)
        if not db.exists():
            seconds = build(db, args.size, options)
            print(f"built {args.size} articles in {seconds:.0f} s", flush=True)
        files = new_articles(args.size, args.adds, Path(tmp), args.round, args.body)
        rows = measure(db, options, files, Path(tmp) / "warm-up.db")
    for row in rows:
        print(json.dumps(row) if args.json else
              f"{row['seconds']:.2f} s  story of {row['story_articles']} articles  {row['file']}")
    if rows:
        summary = summarise([row["seconds"] for row in rows])
        print(json.dumps(summary) if args.json else
              "{adds} adds: {total_s} s, mean {mean_s} s, median {median_s} s, "
              "{under_2s} under 2 s".format(**summary))
    return 0


def summarise(seconds: Sequence[float]) -> dict[str, Any]:
    """Total, mean and median of the timed adds, and how many met the 2 s target."""
    return {"adds": len(seconds), "total_s": round(sum(seconds), 2),
            "mean_s": round(statistics.mean(seconds), 2),
            "median_s": round(statistics.median(seconds), 2),
            "under_2s": sum(s < 2.0 for s in seconds)}


def measure(db: Path, options: Options, files: Sequence[Path], scratch: Path,
            ) -> list[dict[str, Any]]:
    """Warm up as a running server is warm, then time one add per file (the first file
    is the warm-up's: after it the process holds the store's story index)."""
    warm = _one(scratch.with_suffix(".json"), "Warm-up",
                f"The harbour office said on Monday that {scratch.parent.name} reopened.")
    add_inputs(scratch, [str(warm)], options)  # loads spaCy and the gazetteer
    load_encoder()
    start = time.perf_counter()
    add_inputs(db, [str(files[0])], options)  # also brings an older store up to date
    print(f"first add after start: {time.perf_counter() - start:.2f} s", flush=True)
    rows = []
    for path in files[1:]:
        start = time.perf_counter()
        result = add_inputs(db, [str(path)], options)
        seconds = time.perf_counter() - start
        if not result.added:
            # A variant the store holds already, or one that ingest refused: no add to time.
            why = "; ".join(p.message for p in result.problems) or "already stored"
            print(f"{path.name}: not added ({why})", flush=True)
            continue
        rows.append({"file": path.name, "seconds": round(seconds, 3),
                     "story_articles": story_size(db, result.added[0])})
    return rows


if __name__ == "__main__":
    sys.exit(main())
