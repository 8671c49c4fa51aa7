"""Merged distinct pairs and missed facts: the sentence term and average link's leftovers
(issue 23, ninth session; docs/benchmarks.md, "Statements average link left out join
their closest claim").

Offline replay on the captures of ``align_capture.py`` with the product's `average_link`,
cannot-links (`_across_articles`) and figure/day split (`_groups`), scored
with ``train_align.tally`` (ECB+ link P/R/F1 and largest claim; dev/dev2 facts found and
`distinct` pairs merged):

* sentence term variants: none; only where both / either clause is its sentence's only
  unit; only where the two sentences hold as many units; and the sentence's "content
  region" (from its first unit's content to its last's, the attribution left out) in
  place of, or beside (min, mean), the whole sentence;
* `absorb_small` (here; tried, not shipped) after average link: link ``h``, size, with
  and without the one-article guard (a cluster across two articles is a claim already
  and is not moved).

Usage: CAPTURE=/tmp/judge DEVCAP=DIR python eval/absorb_align.py [sentence|absorb]
(ECB+ captures in CAPTURE, dev.pkl/dev2.pkl in DEVCAP; ONLY=dev,dev2 to restrict).
"""

from __future__ import annotations

import json
import os
import pickle
import sys
from pathlib import Path
from typing import Any

import numpy as np
import predicate_align as P
import train_align as T

from rashomon.common.encoder import embed
from rashomon.crosscheck.alignment import _across_articles, _groups
from rashomon.crosscheck.linkage import average_link
from rashomon.crosscheck.similarity import SENTENCE_WEIGHT, similarity_matrix

DEVCAP = Path(os.environ.get("DEVCAP", str(T.CAPTURE)))
ONLY = [c for c in os.environ.get("ONLY", "").split(",") if c]


def absorb_small(sims: np.ndarray, clusters: list[list[int]], link: float,
                 max_size: int, owner: np.ndarray | None = None) -> list[list[int]]:
    """Average link's clusters with each small one (``max_size`` items or fewer, all of
    one ``owner``, i.e. one article: a cluster across two articles is a claim already)
    moved into the cluster of its closest item outside it, where that one pair reaches
    ``link`` and no pair across the two is a cannot-link (-inf).

    Average link dilutes: a statement whose restatement elsewhere first joined a cluster
    of its own neighbours is kept out when the mean over that cluster falls short, however
    close the pair itself is. Small clusters are taken smallest first, then by first item.
    A cluster that takes one keeps its own items first: the split into mutually compatible
    parts that follows (`alignment.consistent_parts`, first fit in this order) then tests
    the newcomer against the statements already there, not the other way round."""
    groups = [list(c) for c in clusters]
    home = np.empty(len(sims), dtype=np.intp)
    for k, c in enumerate(groups):
        home[c] = k
    for k in sorted(range(len(groups)), key=lambda k: (len(groups[k]), groups[k][0])):
        c = groups[k]
        if not c or len(c) > max_size or (owner is not None and len(set(owner[c])) > 1):
            continue
        row = np.max(sims[c], axis=0)
        row[c] = -np.inf
        j = int(np.argmax(row))
        target = groups[home[j]]
        if row[j] < link or not np.isfinite(sims[np.ix_(c, target)]).all():
            continue
        target.extend(c)
        home[c] = home[j]
        groups[k] = []
    return sorted((c for c in groups if c), key=min)


def region_vectors(units: list[Any]) -> np.ndarray:
    """Per unit, the vector of its sentence's content region (first unit's content start
    to the last one's end: the reporting frame around it left out)."""
    spans: dict[tuple[str, int], tuple[int, int]] = {}
    for u in units:
        m = u.mentions[0]
        a, b = spans.get((u.article_id, m.start), (m.content_start, m.content_end))
        spans[(u.article_id, m.start)] = (min(a, m.content_start), max(b, m.content_end))
    texts = {}
    for u in units:
        m = u.mentions[0]
        a, b = spans[(u.article_id, m.start)]
        texts[(u.article_id, m.start)] = m.quote[a - m.start:b - m.start].strip() or m.quote
    keys = sorted(texts)
    index = {k: i for i, k in enumerate(keys)}
    vectors = embed([texts[k] for k in keys])
    return vectors[[index[(u.article_id, u.mentions[0].start)] for u in units]]


def prepare(rec: dict[str, Any], regions: bool) -> dict[str, Any]:
    """Mixed clause score, sentence term, units per sentence, article of each unit."""
    for u in rec["units"]:
        P._defaults(u)
        for m in u.mentions:
            P._defaults(m)
            P._defaults(m.frame)
    units = rec["units"]
    keys = [(u.article_id, u.mentions[0].start) for u in units]
    articles: dict[str, int] = {}
    out = {**rec, "mixed": similarity_matrix(units, rec["clause"]).astype(np.float64),
           "sent": SENTENCE_WEIGHT * (rec["sentence"] @ rec["sentence"].T).astype(np.float64),
           "n": np.array([keys.count(k) for k in keys]),
           "owner": np.array([articles.setdefault(u.article_id, len(articles)) for u in units])}
    if regions:
        vectors = region_vectors(units)
        out["region"] = SENTENCE_WEIGHT * (vectors @ vectors.T).astype(np.float64)
    return out


def load(regions: bool) -> list[dict[str, Any]]:
    """Captured stories with their gold, as ``train_align.load_stories`` tags them."""
    sources = [("ecb", t, T.CAPTURE / f"ecb-{t}.pkl") for t in T.TRAIN_TOPICS]
    sources += [("ecbdev", t, T.CAPTURE / f"ecbdev-{t}.pkl") for t in T.DEV_TOPICS]
    sources += [(c, 0, DEVCAP / f"{c}.pkl") for c in ("dev", "dev2")]
    out = []
    for corpus, topic, path in sources:
        if (ONLY and corpus not in ONLY) or not path.exists() or path.stat().st_size < 100:
            continue
        gold = (T.ecb_gold(topic) if corpus.startswith("ecb")
                else json.loads((T.SHARED / corpus / "gold.json").read_text()))
        for rec in pickle.loads(path.read_bytes()):
            out.append({**prepare(rec, regions), "corpus": corpus, "topic": topic, "gold": gold})
    return out


def sentence_variants(s: dict[str, Any]) -> dict[str, np.ndarray]:
    """The clustering score under each sentence-term variant."""
    mixed, sent, n = s["mixed"], s["sent"], s["n"]
    alone = n == 1
    with_sent = np.maximum(mixed, sent)
    return {
        "today": with_sent, "none": mixed,
        "both_alone": np.where(np.outer(alone, alone), with_sent, mixed),
        "either_alone": np.where(alone[:, None] | alone[None, :], with_sent, mixed),
        "same_count": np.where(n[:, None] == n[None, :], with_sent, mixed),
        "region": np.maximum(mixed, s["region"]),
        "min_sr": np.maximum(mixed, np.minimum(sent, s["region"])),
        "mean_sr": np.maximum(mixed, 0.5 * (sent + s["region"])),
    }


def absorb_variants(s: dict[str, Any]) -> dict[Any, list[list[int]]]:
    """Clusters of today's average link, and after `absorb_small` for each setting."""
    sims = _across_articles(s["units"], np.maximum(s["mixed"], s["sent"]))
    base = average_link(sims, T.ALIGN_THRESHOLD)
    out: dict[Any, list[list[int]]] = {"today": base}
    for h in (0.55, 0.58, 0.6, 0.62, 0.65):
        for size in (1, 2, 3):
            out[(h, size, "any")] = absorb_small(sims, base, h, size)
            out[(h, size, "one article")] = absorb_small(sims, base, h, size, s["owner"])
    return out


def main(argv: list[str]) -> int:
    """Print one line of figures per setting."""
    kind = argv[1] if len(argv) > 1 else "absorb"
    stories = load(regions=kind == "sentence")

    def grouper(s: dict[str, Any]) -> dict[Any, list[list[Any]]]:
        if kind == "sentence":
            return {k: _groups(s["units"], average_link(_across_articles(s["units"], v),
                                                        T.ALIGN_THRESHOLD))
                    for k, v in sentence_variants(s).items()}
        return {k: _groups(s["units"], c) for k, c in absorb_variants(s).items()}

    keys = tuple(grouper(stories[0]))
    res = T.tally(stories, keys, grouper)
    for k in keys:
        print(k, " | ".join(T.row(c, res[k][c]) for c in sorted(res[k])), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
