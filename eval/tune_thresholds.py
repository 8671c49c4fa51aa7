"""Choose the cross-check's similarity floors on annotated stories; score them on others.

The conflict rules (`rashomon.crosscheck.conflicts`) fire only between statements whose
similarity passes a floor (a denial, two figures, a same-event date/place/detail). Those
floors were set by hand on `../shared/eval/dev`. This script runs the real pipeline on
dev and dev2 for every combination of a small grid of floors, scores each annotated
story with `score.py`'s definitions, and reports:

- leave one story out: for each story, the floors that do best (F1 of conflicts and
  updates found against reported conflicts that match the gold) on the *other* stories,
  scored on that story; the held-out counts summed per corpus;
- the shipped floors on every story (on dev they are resubstitution: they were set there);
- the floors that do best on all stories (what would ship).

Usage: python eval/tune_thresholds.py [--json]
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rashomon.crosscheck import conflicts as rules
from rashomon.engine.pipeline import Analyzer
from rashomon.engine.stages import Stages

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPORA = ("dev", "dev2")
GRID: dict[str, tuple[float, ...]] = {  # noqa: RUF012
    "DENIAL": (0.36, 0.42, 0.48),
    "FIGURES": (0.4, 0.45, 0.5, 0.55),
    "RELATED": (0.25, 0.3, 0.35),
    "SAME_EVENT": (0.5, 0.54, 0.58, 0.62),
}


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


SCORE: Any = _scorer() if SHARED.is_dir() else None


@dataclass(frozen=True)
class Counts:
    """One story's tallies: gold items found, reported conflicts that match, traps hit."""

    found: int = 0
    items: int = 0
    ok: int = 0
    reported: int = 0
    traps: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.found + other.found, self.items + other.items,
                      self.ok + other.ok, self.reported + other.reported,
                      self.traps + other.traps)

    def f1(self) -> float:
        """F1 of recall (items found) and precision (reported conflicts that match)."""
        recall = self.found / self.items if self.items else 1.0
        precision = self.ok / self.reported if self.reported else 1.0
        return 2 * recall * precision / (recall + precision) if recall + precision else 0.0

    def row(self) -> dict[str, float | int]:
        """Recall, precision and traps, rounded."""
        return {"recall": round(self.found / self.items, 3) if self.items else 1.0,
                "precision": round(self.ok / self.reported, 3) if self.reported else 1.0,
                "trap_hits": self.traps, "items": self.items, "reported": self.reported}


def _story_gold(gold: dict[str, Any], files: set[str]) -> dict[str, Any]:
    def inside(item: dict[str, Any]) -> bool:
        return any(SCORE.file_key(f) in files for side in item["sides"] for f, _ in side)

    return {key: [i for i in gold.get(key) or [] if inside(i)]
            for key in ("conflicts", "updates", "traps")}


def story_counts(report: dict[str, Any], gold: dict[str, Any]) -> list[Counts]:
    """Tallies of each gold story of a corpus (conflicts and updates together)."""
    rep = SCORE.Report(report)
    out = []
    for files in gold["stories"]:
        keys = {SCORE.file_key(f) for f in files}
        stories = [s for s in report["stories"]
                   if {rep.file_of.get(a) for a in s["article_ids"]} & keys]
        sub = SCORE.Report({**report, "stories": stories})
        part = _story_gold(gold, keys)
        items = part["conflicts"] + part["updates"]
        found = sum(
            any(SCORE.opposed(sub, x, g["sides"][0], g["sides"][1])
                for s in stories for x in s.get("conflicts", [])
                if (x.get("kind") == "update") == (g in part["updates"]))
            for g in items)
        reported = [x for s in stories for x in s.get("conflicts", [])]
        ok = sum(any(SCORE.opposed(sub, x, g["sides"][0], g["sides"][1]) for g in items)
                 for x in reported)
        traps = sum(any(SCORE.opposed(sub, x, g["sides"][0], g["sides"][1]) for x in reported)
                    for g in part["traps"])
        out.append(Counts(found, len(items), ok, len(reported), traps))
    return out


@contextmanager
def floors(values: dict[str, float]) -> Iterator[None]:
    """Run with these similarity floors, and without cross-checked stories from the result
    cache: its story key names the code, not floors set at run time, so a cached story
    would bring the conflicts of other floors (annotations, claims and vectors do not
    depend on the floors and stay cached)."""
    saved = {name: getattr(rules, name) for name in values}
    stored, keep = Stages.stored_story, Stages.keep_story
    for name, value in values.items():
        setattr(rules, name, value)
    Stages.stored_story = lambda self, key: None  # type: ignore[method-assign]
    Stages.keep_story = lambda self, key, story: None  # type: ignore[method-assign]
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(rules, name, value)
        Stages.stored_story, Stages.keep_story = stored, keep  # type: ignore[method-assign]


def run(values: dict[str, float]) -> dict[str, list[Counts]]:
    """Every story's tallies under these floors."""
    out = {}
    with floors(values):
        for name in CORPORA:
            folder = SHARED / "eval" / name
            gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
            analyzer = Analyzer()
            analyzer.add([str(folder / "articles")])
            out[name] = story_counts(analyzer.report().to_dict(), gold)
    return out


def _total(counts: dict[str, list[Counts]], skip: tuple[str, int] | None = None) -> Counts:
    return sum((c for name, stories in counts.items() for k, c in enumerate(stories)
                if (name, k) != skip), Counts())


def main(argv: list[str]) -> int:
    """Grid, leave-one-story-out, and the table."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if SCORE is None:
        print("../shared is not available", file=sys.stderr)
        return 2
    shipped = {name: getattr(rules, name) for name in GRID}
    combos = [dict(zip(GRID, values, strict=True)) for values in itertools.product(*GRID.values())]
    results = [(combo, run(combo)) for combo in combos]
    base = run(shipped)
    stories = [(name, k) for name, counts in base.items() for k in range(len(counts))]
    held: dict[str, Counts] = {name: Counts() for name in CORPORA}
    chosen = {}
    for name, k in stories:
        best = max(results, key=lambda r: (_total(r[1], (name, k)).f1(), -_dist(r[0], shipped)))
        held[name] = held[name] + best[1][name][k]
        chosen[f"{name}:{k}"] = best[0]
    overall = max(results, key=lambda r: (_total(r[1]).f1(), -_dist(r[0], shipped)))
    table = {
        "shipped floors": shipped,
        **{f"{n} shipped floors": _total({n: base[n]}).row() for n in CORPORA},
        **{f"{n} leave-one-story-out": held[n].row() for n in CORPORA},
        "floors chosen on all stories": overall[0],
        **{f"{n} with those (resubstitution)": _total({n: overall[1][n]}).row()
           for n in CORPORA},
        "floors chosen per held-out story": chosen,
    }
    print(json.dumps(table) if args.json else "\n".join(f"{k:34} {v}" for k, v in table.items()))
    return 0


def _dist(combo: dict[str, float], shipped: dict[str, float]) -> float:
    """How far floors are from the shipped ones (ties go to the nearest)."""
    return sum(abs(combo[k] - shipped[k]) for k in combo)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
