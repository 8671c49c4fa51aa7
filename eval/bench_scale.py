"""End-to-end scaling on synthetic corpora built from the FNC-1 bodies (2k, 10k, 20k).

Each synthetic article is an FNC-1 body with its sentences shuffled and its names
(capitalised words inside sentences) replaced by invented ones chosen per copy, so no
two articles are exact duplicates while stories keep their shape. The corpus is written
as JSONL and analysed cold (empty result cache) exactly as `bench_e2e` does.

With ``--stand-in-encoder`` the sentence encoder is replaced by unit vectors seeded by a
hash of each text (everything else runs as usual) and the number of texts it was asked
for is reported: on two cores MiniLM alone would take hours at 20k articles, and its cost
is that count divided by its measured rate (`bench_e2e`), so the rest of the pipeline's
scaling can be measured apart from it.

Usage: python eval/bench_scale.py [--sizes 2000,10000,20000] [--stand-in-encoder] [--json]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_e2e import one_pass  # noqa: E402
from bench_speed import FNC  # noqa: E402

_SYLLABLES = "ka lo ve ri ta mon sel dar vin ho tes bra lun qui zor pel am ne".split()
_NAME = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]{2,}")


def invented(word: str, copy: int) -> str:
    """A made-up name standing for ``word`` in copy ``copy`` (stable across the corpus)."""
    digest = hashlib.sha256(f"{word}/{copy}".encode()).digest()
    return "".join(_SYLLABLES[b % len(_SYLLABLES)] for b in digest[:3]).capitalize()


def variant(body: str, copy: int, rng: random.Random) -> str:
    """The body with shuffled sentences and renamed names (copy 0 is the original)."""
    if copy == 0:
        return body
    sentences = re.split(r"(?<=[.!?])\s+", body.strip())
    rng.shuffle(sentences)
    return _NAME.sub(lambda m: invented(m.group(0), copy), " ".join(sentences))


def stand_in(texts: Sequence[str], *_: Any, **__: Any) -> np.ndarray:
    """Unit vectors seeded by each text's hash (a stand-in for the sentence encoder)."""
    out = np.empty((len(texts), 384), dtype=np.float32)
    for k, text in enumerate(texts):
        seed = int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")
        vector = np.random.default_rng(seed).standard_normal(384).astype(np.float32)
        out[k] = vector / np.linalg.norm(vector)
    return out


def fnc_bodies() -> list[str]:
    """The 1,683 FNC-1 article bodies, in file order."""
    csv.field_size_limit(10**9)
    with FNC.open(encoding="utf-8", newline="") as handle:
        return [row["articleBody"] for row in csv.DictReader(handle)]


def write_corpus(size: int, folder: Path) -> Path:
    """``size`` synthetic articles as one JSONL file."""
    bodies = fnc_bodies()
    path = folder / f"synthetic-{size}.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(size):
            copy, body = divmod(i, len(bodies))
            rng = random.Random(f"{i}")
            record = {"id": f"syn-{i}", "text": variant(bodies[body], copy, rng)}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def main(argv: list[str] | None = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="2000,10000,20000")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--stand-in-encoder", action="store_true",
                        help="hashed vectors instead of MiniLM; report the texts it encoded")
    parser.add_argument("--one", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not FNC.exists():
        print(f"missing {FNC}: the shared benchmarks are not available", file=sys.stderr)
        return 2
    if args.one:
        print(json.dumps(measure(args.one, args.stand_in_encoder)))
        return 0
    rows: list[dict[str, Any]] = []
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        # A fresh process per size: memory left over from a smaller run must not count.
        extra = ["--stand-in-encoder"] if args.stand_in_encoder else []
        proc = subprocess.run([sys.executable, __file__, "--one", str(size), *extra],
                              check=True, capture_output=True, text=True)
        rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]) if args.json else _line(rows[-1], rows[0]), flush=True)
    return 0


def measure(size: int, stand_in_encoder: bool = False) -> dict[str, Any]:
    """One cold end-to-end run on a fresh synthetic corpus of ``size`` articles."""
    import rashomon.engine.stages as pipeline  # where the pipeline calls the encoder

    encoded = [0]

    def counted(texts: Sequence[str], *args: Any, **kwargs: Any) -> np.ndarray:
        encoded[0] += len(texts)
        return stand_in(texts)

    real = pipeline.embed
    if stand_in_encoder:
        pipeline.embed = counted
    try:
        with tempfile.TemporaryDirectory(prefix="rashomon-scale-") as tmp:
            corpus = write_corpus(size, Path(tmp))
            row = {"size": size, **one_pass(0, str(Path(tmp) / "cache"), source=corpus)}
    finally:
        pipeline.embed = real
    if stand_in_encoder:
        row["encoder"] = "stand-in"
        row["texts_encoded"] = encoded[0]
    return row


def _line(row: dict[str, Any], first: dict[str, Any]) -> str:
    ratio = row["total_s"] / first["total_s"] if first["total_s"] else 0.0
    stages = ", ".join(f"{k} {v:.0f}s" for k, v in row["stages_s"].items())
    texts = f", {row['texts_encoded']} texts to encode" if "texts_encoded" in row else ""
    return (f"{row['size']:>6} articles: {row['total_s']:.0f} s ({row['articles_per_s']} art/s, "
            f"{ratio:.1f}x the first size), {row['stories']} stories, peak PSS "
            f"{row['peak_pss_mb']} MB; {stages}{texts}")


if __name__ == "__main__":
    sys.exit(main())
