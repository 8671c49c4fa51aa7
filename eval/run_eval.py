"""`make eval`: score the dev corpus and run the public benchmarks; print one table.

Each benchmark runs in its own process (they load different models) and prints JSON.
Usage: python eval/run_eval.py [--quick]   (--quick skips the slow stories/speed runs)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PY = sys.executable


def _json_of(args: list[str]) -> dict[str, object]:
    proc = subprocess.run([PY, *args], capture_output=True, text=True, cwd=ROOT)
    start = proc.stdout.find("{")
    if proc.returncode != 0 or start < 0:
        return {"error": (proc.stderr.strip().splitlines() or ["failed"])[-1]}
    value, _ = json.JSONDecoder().raw_decode(proc.stdout[start:])
    return dict(value)


def corpus_scores(name: str) -> dict[str, object]:
    """Analyse an annotated corpus (dev, dev2) and score it with the shared scorer."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / f"{name}.json"
        subprocess.run([PY, "-m", "rashomon", "analyze", str(SHARED / f"eval/{name}/articles"),
                        "-o", str(report), "-q"], cwd=ROOT, capture_output=True)
        return _json_of([str(SHARED / "eval/score.py"), str(report),
                         str(SHARED / f"eval/{name}/gold.json"), "--json"])


def main(argv: list[str]) -> int:
    """Run everything and print a table (and the JSON of each part with --json)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="skip the slow runs (leave one story out, stories, speed)")
    parser.add_argument("--json", action="store_true", help="also print every part as JSON")
    args = parser.parse_args(argv)
    if not SHARED.is_dir():
        print("../shared is not available: nothing to evaluate", file=sys.stderr)
        return 2
    quick = args.quick
    parts: dict[str, dict[str, object]] = {
        "dev corpus (score.py; the rules were tuned here)": corpus_scores("dev"),
        "dev2 corpus (score.py; not tuned on)": corpus_scores("dev2"),
    }
    parts["TempEval-3 (TBAQ)"] = _json_of(["eval/bench_tempeval.py", "--json"])
    parts["LGL geocoding"] = _json_of(["eval/bench_lgl.py", "--json"])
    parts["PolNeAR attribution (dev)"] = _json_of(["eval/bench_polnear.py", "--json"])
    parts["Emergent stance (grouped 5-fold CV)"] = _json_of(["eval/bench_emergent.py", "--json"])
    if not quick:
        parts["cross-check floors, leave one story out (dev + dev2)"] = _json_of(
            ["eval/tune_thresholds.py", "--json"])
        parts["story clustering"] = _json_of(["eval/bench_stories.py", "--json"])
        parts["speed (FNC-1 bodies)"] = _json_of(["eval/bench_speed.py", "--json"])
    for title, values in parts.items():
        print(f"\n## {title}")
        for key, value in _flat(values):
            print(f"  {key:45} {value}")
    if args.json:
        print(json.dumps(parts))
    return 0


def _flat(values: object, prefix: str = "") -> list[tuple[str, object]]:
    if not isinstance(values, dict):
        return [(prefix, values)]
    out: list[tuple[str, object]] = []
    for key, value in values.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        out.extend(_flat(value, name) if isinstance(value, dict) else [(name, value)])
    return out


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
