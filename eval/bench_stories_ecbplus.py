"""Story clustering on ECB+ topics: does each topic's pair of same-kind events stay apart?

Each ECB+ topic holds articles on two events of one kind (two earthquakes, two arrests).
The topics are converted by ``../shared/eval/public/ecbplus/convert_ecbplus.py --out WORK
TOPIC...``; this annotates each topic's articles and clusters them as `rashomon analyze`
does (`cluster_articles`), then prints pairwise P/R/F1 against the two events and whether
no story holds articles of both ("apart"), per topic and pooled, for the train topics
(1-35 less the dev ones) and the dev topics. Clustering options can be overridden to
compare (``--options '{"year_sigma": 0, "place_factor": 1}'`` is the clustering before
issue 24 item 5).

    .venv/bin/python eval/bench_stories_ecbplus.py [--work /tmp/ecbplus] [--options JSON]
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path

from rashomon.annotate.stage import annotate_all
from rashomon.ingest import ingest
from rashomon.stories.clustering import ClusterOptions, cluster_articles

DEV = [2, 5, 12, 18, 21, 23, 34, 35]
TRAIN = [t for t in range(1, 36) if t not in DEV and t not in (15, 17)]  # 15, 17: no topic


def topic_scores(work: Path, topic: int, options: ClusterOptions) -> dict[str, int] | None:
    """Pair counts and whether the two events stay apart, or None when not converted."""
    folder = work / "corpus" / str(topic)
    gold_file = work / "gold" / f"{topic}.json"
    if not folder.is_dir() or not gold_file.exists():
        return None
    stories = json.loads(gold_file.read_text())["stories"]
    gold = {name: k for k, files in enumerate(stories) for name in files}
    annotated = annotate_all(ingest([str(folder)]).articles)
    name_of = {a.article.id: (a.article.path or "").replace("\\", "/").rsplit("/", 1)[-1]
               for a in annotated}
    found = cluster_articles(annotated, options)
    story_of = {name_of[i]: k for k, ids in enumerate(found) for i in ids}
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(gold), 2):
        same_gold = gold[a] == gold[b]
        same = a in story_of and story_of.get(a) == story_of.get(b)
        tp += same_gold and same
        fp += same and not same_gold
        fn += same_gold and not same
    apart = all(len({gold[name_of[i]] for i in ids if name_of[i] in gold}) <= 1
                for ids in found)
    return {"tp": tp, "fp": fp, "fn": fn, "apart": int(apart), "stories": len(found)}


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall, F1 of pair counts."""
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    """Score the train and dev topics."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", default="/tmp/ecbplus", help="convert_ecbplus.py's --out")
    parser.add_argument("--options", default="{}", help="ClusterOptions overrides (JSON)")
    args = parser.parse_args()
    options = ClusterOptions(**json.loads(args.options))
    for name, topics in (("train", TRAIN), ("dev", DEV)):
        total = {"tp": 0, "fp": 0, "fn": 0, "apart": 0}
        done = 0
        for topic in topics:
            scores = topic_scores(Path(args.work), topic, options)
            if scores is None:
                continue
            done += 1
            for key in total:
                total[key] += scores[key]
            p, r, f = prf(scores["tp"], scores["fp"], scores["fn"])
            print(f"{topic:>4}  P {p:.2f}  R {r:.2f}  F1 {f:.2f}  stories {scores['stories']:>2}"
                  f"  apart {'yes' if scores['apart'] else 'no'}")
        p, r, f = prf(total["tp"], total["fp"], total["fn"])
        print(f"{name}: pooled P {p:.3f} R {r:.3f} F1 {f:.3f}; "
              f"two events apart in {total['apart']} of {done} topics\n")


if __name__ == "__main__":
    main()
