"""Capture what alignment sees in a real pipeline run: each story's units and vectors.

`capture(folders)` runs the pipeline (`Analyzer`) over input folders with `align` wrapped,
and keeps, for every story of several articles, its units, the clause vectors, the
sentence similarities and the clusters today's mix gives, with the articles' text and file
names (the gold of ECB+ and of dev/dev2 is located by file name and text). Stories come
from the product's own story clustering, as in a real run. `eval/train_align.py` builds
labelled pairs from this and fits the pair judge.

Usage: python eval/align_capture.py OUT.pkl FOLDER...
"""

from __future__ import annotations

import pickle
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from rashomon.crosscheck import story as story_mod
from rashomon.engine.pipeline import Analyzer
from rashomon.engine.stages import Stages


def capture(folders: Sequence[str]) -> list[dict[str, Any]]:
    """One record per story of 2+ articles: units, vectors, texts, today's clusters."""
    records: list[dict[str, Any]] = []
    original = story_mod.align

    def recording(items: Any, embedder: Any, **kwargs: Any) -> Any:
        calls: list[tuple[list[str], np.ndarray]] = []

        def embed(texts: Sequence[str]) -> np.ndarray:
            out = embedder(texts)
            calls.append((list(texts), np.asarray(out)))
            return out

        groups, units, sims = original(items, embed, **kwargs)
        if len({u.article_id for u in units}) > 1:
            vectors = {t: v for texts, out in calls for t, v in zip(texts, out, strict=True)}
            articles = {i.annotated.article.id: i.annotated.article for i in items}
            records.append({
                "units": list(units),
                "clause": np.stack([vectors[u.text] for u in units]),
                "sentence": np.stack([vectors[u.mentions[0].quote] for u in units]),
                "texts": {a: art.text for a, art in articles.items()},
                "files": {a: Path(art.path or art.url or a).name for a, art in articles.items()},
                "groups": [[(m.article_id, m.content_start, m.content_end) for m in g]
                           for g in groups],
            })
        return groups, units, sims

    story_mod.align = recording  # type: ignore[assignment]
    stored = Stages.stored_story
    Stages.stored_story = lambda self, key: None  # type: ignore[method-assign]
    try:
        analyzer = Analyzer()
        analyzer.add(list(folders))
        analyzer.report()
    finally:
        story_mod.align = original  # type: ignore[assignment]
        Stages.stored_story = stored  # type: ignore[method-assign]
    return records


def main(argv: list[str]) -> int:
    """Capture the folders' stories into a pickle."""
    out, *folders = argv
    records = capture(folders)
    Path(out).write_bytes(pickle.dumps(records))
    print(f"{out}: {len(records)} stories, {sum(len(r['units']) for r in records)} units")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
