"""Benchmark the rule-based temporal tagger on the TempEval-3 TBAQ-cleaned corpus.

Reads ``shared/eval/public/tempeval3/TBAQ-cleaned/{AQUAINT,TimeBank}/*.tml``, strips the
TimeML tags to get the raw text and gold TIMEX3 spans, runs ``find_times`` with the document
creation time as anchor and prints TempEval-3 style scores:

* detection P/R/F1, relaxed (any overlap) and strict (exact span);
* value P/R/F1: correct values on relaxed-matched pairs / system (P) and / gold (R) timexes;
* type accuracy on relaxed-matched pairs.

With ``--parse`` each text is first parsed by the pipeline's spaCy model and the tagger gets
the parse, as it does in ``rashomon analyze`` (tense then decides which way "Wednesday"
points); without it the tagger reads the raw text only.

Usage: ``python eval/bench_tempeval.py [--json] [--misses N] [--parse] [--part P]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from rashomon.annotate.timex import find_times
from rashomon.models import TimeExpr, Token

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "eval" / "public" / "tempeval3" / "TBAQ-cleaned"
TAG_RE = re.compile(r"<(/?)(\w+)([^>]*)>|[^<]+")
ATTR_RE = re.compile(r'(\w+)="([^"]*)"')
KIND_TO_TYPE = {"date": "DATE", "time": "TIME", "duration": "DURATION", "set": "SET"}


@dataclass(frozen=True, slots=True)
class Gold:
    """One gold TIMEX3: span in the stripped text, TimeML type and value."""

    start: int
    end: int
    type: str
    value: str


@dataclass(slots=True)
class Doc:
    """A TimeML document reduced to raw text, anchor and gold timexes."""

    name: str
    text: str
    anchor: dt.date | None
    gold: list[Gold] = field(default_factory=list)
    tokens: tuple[Token, ...] = ()


def parse_tml(path: Path) -> Doc:
    """Strip the tags from one .tml file, keeping gold TIMEX3 char spans."""
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r"<DCT>.*?value=\"(\d{4}-\d{2}-\d{2})", raw, re.S)
    anchor = dt.date.fromisoformat(dct.group(1)) if dct else None
    body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    doc = Doc(path.stem, "", anchor)
    parts: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    for m in TAG_RE.finditer(body.group(1) if body else ""):
        if m.group(2) is None:
            chunk = html.unescape(m.group(0))
            parts.append(chunk)
            length += len(chunk)
        elif m.group(2) == "TIMEX3" and not m.group(1):
            open_timex = (length, dict(ATTR_RE.findall(m.group(3))))
        elif m.group(2) == "TIMEX3" and open_timex is not None:
            start, attrs = open_timex
            doc.gold.append(Gold(start, length, attrs.get("type", ""), attrs.get("value", "")))
            open_timex = None
    doc.text = "".join(parts)
    return doc


PARTS = ("AQUAINT", "TimeBank")


def load_corpus(part: str = "all") -> list[Doc]:
    """The AQUAINT and/or TimeBank documents; exits with a message when shared/ is absent.

    ``part`` is ``"all"`` or one of ``PARTS``: rules are developed on TimeBank and
    AQUAINT is kept as the held-out part.
    """
    if not CORPUS.is_dir():
        sys.exit(f"TempEval-3 corpus not found at {CORPUS} (needs the shared/ checkout)")
    parts = PARTS if part == "all" else (part,)
    paths = [p for name in parts for p in sorted(CORPUS.glob(f"{name}/*.tml"))]
    return [parse_tml(p) for p in paths]


def with_parses(docs: list[Doc]) -> list[Doc]:
    """The documents with the pipeline's dependency parse of their texts."""
    from rashomon.annotate.nlp import load_nlp, tokens_of
    from rashomon.options import Options

    nlp = load_nlp(Options().spacy_model)
    parsed = nlp.pipe([d.text for d in docs], batch_size=16)
    return [Doc(d.name, d.text, d.anchor, d.gold, tuple(tokens_of(p)))
            for d, p in zip(docs, parsed, strict=True)]


def _overlaps(a: TimeExpr, g: Gold) -> bool:
    return a.start < g.end and g.start < a.end


def match(system: list[TimeExpr], gold: list[Gold]) -> list[tuple[TimeExpr, Gold]]:
    """One-to-one relaxed matching: each system timex pairs with the first free overlapping gold."""
    used: set[int] = set()
    pairs: list[tuple[TimeExpr, Gold]] = []
    for s in system:
        for i, g in enumerate(gold):
            if i not in used and _overlaps(s, g):
                used.add(i)
                pairs.append((s, g))
                break
    return pairs


def _prf(correct: int, n_sys: int, n_gold: int) -> dict[str, float]:
    p = correct / n_sys if n_sys else 0.0
    r = correct / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def evaluate(docs: list[Doc], misses: int = 0) -> dict[str, object]:
    """Run the tagger on every document and score it; print up to ``misses`` value misses."""
    n_sys = n_gold = relaxed = strict = values = types = 0
    shown = 0
    t0 = time.perf_counter()
    for doc in docs:
        system = find_times(doc.text, doc.anchor, doc.tokens)
        pairs = match(system, doc.gold)
        n_sys += len(system)
        n_gold += len(doc.gold)
        relaxed += len(pairs)
        for s, g in pairs:
            strict += (s.start, s.end) == (g.start, g.end)
            types += KIND_TO_TYPE[s.kind] == g.type
            ok = s.value == g.value
            values += ok
            if not ok and shown < misses:
                shown += 1
                print(f"MISS {doc.name} dct={doc.anchor} {s.text!r} -> {s.value} "
                      f"gold {doc.text[g.start:g.end]!r} {g.type} {g.value}")
    elapsed = time.perf_counter() - t0
    return {
        "docs": len(docs), "gold": n_gold, "system": n_sys,
        "relaxed": _prf(relaxed, n_sys, n_gold), "strict": _prf(strict, n_sys, n_gold),
        "value": _prf(values, n_sys, n_gold),
        "type_accuracy": round(types / relaxed, 4) if relaxed else 0.0,
        "seconds": round(elapsed, 3),
    }


def report_unmatched(docs: list[Doc], limit: int) -> None:
    """Print up to ``limit`` false positives and false negatives (detection errors)."""
    fps: list[str] = []
    fns: list[str] = []
    for doc in docs:
        system = find_times(doc.text, doc.anchor, doc.tokens)
        for s in system:
            if not any(_overlaps(s, g) for g in doc.gold):
                fps.append(f"FP {doc.name} {s.text!r} {s.value}")
        for g in doc.gold:
            if not any(_overlaps(s, g) for s in system):
                ctx = doc.text[max(0, g.start - 30):g.end + 20].replace("\n", " ")
                fns.append(f"FN {doc.name} {doc.text[g.start:g.end]!r} {g.value}  [{ctx}]")
    for line in fps[:limit] + fns[:limit]:
        print(line)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--json", action="store_true", help="print the scores as a JSON dict")
    ap.add_argument("--misses", type=int, default=0, help="print N value misses")
    ap.add_argument("--unmatched", type=int, default=0, help="print N false pos/neg each")
    ap.add_argument("--parse", action="store_true",
                    help="give the tagger each text's spaCy parse, as the pipeline does")
    ap.add_argument("--part", choices=("all", *PARTS), default="all",
                    help="score one part only (TimeBank: development, AQUAINT: held out)")
    args = ap.parse_args(argv)
    docs = load_corpus(args.part)
    if args.parse:
        docs = with_parses(docs)
    if args.unmatched:
        report_unmatched(docs, args.unmatched)
    scores = evaluate(docs, args.misses)
    if args.json:
        print(json.dumps(scores, indent=2))
        return 0
    for key in ("relaxed", "strict", "value"):
        s = scores[key]
        assert isinstance(s, dict)
        print(f"{key:8s} P={s['p']:.3f} R={s['r']:.3f} F1={s['f1']:.3f}")
    print(f"type accuracy {scores['type_accuracy']:.3f}; {scores['docs']} docs, "
          f"{scores['gold']} gold, {scores['system']} system, {scores['seconds']}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
