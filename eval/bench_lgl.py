"""Geocoding benchmark on LGL (local US news, 588 articles, GeoNames-tagged toponyms).

(a) gold spans: each gold toponym is geocoded with ``geocode_name``; its context is our
    own first-pass resolutions of the article's other toponyms (never gold points). A
    phrase with no reading takes the point of the resolved phrase its sentence ties it
    to ("X, a village near Y"; ``geocode_near.approximate``).
(b) end to end: spaCy entities + the gazetteer matcher find the spans; precision,
    recall and F1 by overlap with gold spans, and accuracy@161 km on matched spans.

Metrics: accuracy within 161 km (100 miles) and the CamCoder AUC of the error curve,
mean(log(1 + err_km) / log(20039)); lower AUC is better. Toponyms without a GeoNames
tag are skipped in (a) but count as gold spans in (b).

Usage: python eval/bench_lgl.py [--json] [--misses N] [--limit N] [--split train|test]

``--split train`` keeps the even-numbered articles (the half to tune rules on),
``--split test`` the odd-numbered ones (held out).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from rashomon.annotate.gazetteer import Gazetteer
from rashomon.annotate.geocode import find_places, geocode_name
from rashomon.annotate.geocode_near import approximate
from rashomon.models import PlaceRef

SHARED = Path(__file__).resolve().parents[2] / "shared"
LGL = SHARED / "eval" / "public" / "lgl" / "lgl.xml"
MAX_KM = 20039.0


@dataclass(frozen=True, slots=True)
class Toponym:
    """A gold toponym: span, phrase and (when tagged) its GeoNames point."""

    start: int
    end: int
    phrase: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class Article:
    """One LGL article: its text and gold toponyms."""

    docid: str
    text: str
    toponyms: list[Toponym]


def load_lgl(path: Path) -> list[Article]:
    """Parse lgl.xml."""
    out = []
    for art in ET.parse(path).getroot().iter("article"):
        tops = []
        for t in art.iter("toponym"):
            gaz = t.find("gaztag")
            lat = float(gaz.findtext("lat") or "nan") if gaz is not None else None
            lon = float(gaz.findtext("lon") or "nan") if gaz is not None else None
            tops.append(Toponym(int(t.findtext("start") or 0), int(t.findtext("end") or 0),
                                t.findtext("phrase") or "", lat, lon))
        out.append(Article(art.get("docid", ""), art.findtext("text") or "", tops))
    return out


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def error_km(ref: PlaceRef | None, gold: Toponym) -> float:
    """Distance from our point to gold; the maximum when we gave no point."""
    if ref is None or ref.lat is None or ref.lon is None:
        return MAX_KM
    assert gold.lat is not None and gold.lon is not None
    return haversine_km(ref.lat, ref.lon, gold.lat, gold.lon)


def summarise(errors: list[float]) -> dict[str, float]:
    """Accuracy@161 km, CamCoder AUC and median error."""
    if not errors:
        return {"n": 0, "acc161": 0.0, "auc": 1.0, "median_km": 0.0}
    auc = sum(math.log(1 + e) / math.log(MAX_KM) for e in errors) / len(errors)
    ordered = sorted(errors)
    return {"n": len(errors), "acc161": sum(e <= 161 for e in errors) / len(errors),
            "auc": min(1.0, auc), "median_km": ordered[len(ordered) // 2]}


def _others(tops: list[Toponym], refs: list[PlaceRef | None], i: int) -> list[PlaceRef]:
    return [r for j, r in enumerate(refs)
            if j != i and r is not None and tops[j].phrase != tops[i].phrase]


def _near(text: str, tops: list[Toponym], refs: list[PlaceRef | None]
          ) -> list[PlaceRef | None]:
    """A gold phrase with no gazetteer reading takes the point of the located phrase its
    text ties it to ("X, a village near Y"), as the pipeline does (`approximate`)."""
    located = [replace(r, start=t.start, end=t.end)
               for t, r in zip(tops, refs, strict=True) if r is not None and r.lat is not None]
    out: list[PlaceRef | None] = []
    for top, ref in zip(tops, refs, strict=True):
        if ref is None or ref.lat is None:
            bare = PlaceRef(top.phrase, top.start, top.end, top.phrase)
            near = approximate(text, bare, located)
            ref = near if near.lat is not None else ref
        out.append(ref)
    return out


def gold_span_run(articles: list[Article], gaz: Gazetteer) -> tuple[list[float], list[Any]]:
    """Geocode gold phrases; context = our first-pass resolutions of the other phrases."""
    errors: list[float] = []
    misses: list[Any] = []
    for art in articles:
        tops = [t for t in art.toponyms if t.lat is not None]
        refs = [geocode_name(t.phrase, [], gaz) for t in tops]
        for _ in range(2):  # refine: each round's context is the previous round's answers
            refs = [geocode_name(top.phrase, _others(tops, refs, i), gaz)
                    for i, top in enumerate(tops)]
        refs = _near(art.text, tops, refs)
        for top, ref in zip(tops, refs, strict=True):
            err = error_km(ref, top)
            errors.append(err)
            if err > 161:
                misses.append((err, art.docid, top.phrase, (top.lat, top.lon),
                               ref and (ref.name, ref.country, ref.admin1, ref.lat, ref.lon)))
    return errors, misses


def end_to_end_run(articles: list[Article], gaz: Gazetteer) -> dict[str, Any]:
    """Recognise and geocode with spaCy + matcher; score spans by overlap."""
    from rashomon.annotate.nlp import entities_of, load_nlp

    nlp = load_nlp()
    tp = fp = fn = 0
    errors: list[float] = []
    spent = 0.0
    for art in articles:
        ents = entities_of(nlp(art.text))
        t0 = time.perf_counter()
        refs = find_places(art.text, ents, gaz)
        spent += time.perf_counter() - t0
        matched: set[int] = set()
        for ref in refs:
            hit = next((i for i, g in enumerate(art.toponyms)
                        if g.start < ref.end and ref.start < g.end and i not in matched), None)
            if hit is None:
                fp += 1
                continue
            tp += 1
            matched.add(hit)
            if art.toponyms[hit].lat is not None:
                errors.append(error_km(ref, art.toponyms[hit]))
        fn += len(art.toponyms) - len(matched)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1, **summarise(errors),
            "find_places_ms_per_article": 1000 * spent / max(1, len(articles))}


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a summary (or JSON)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--misses", type=int, default=0, help="show the N worst gold-span misses")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N articles")
    ap.add_argument("--no-e2e", action="store_true", help="skip the end-to-end run (spaCy)")
    ap.add_argument("--split", choices=("all", "train", "test"), default="all",
                    help="train: even-numbered articles (tune on these), test: odd ones")
    args = ap.parse_args(argv)
    if not LGL.is_file():
        print(f"LGL not found at {LGL}: this benchmark needs ../shared beside the repository",
              file=sys.stderr)
        return 2
    articles = load_lgl(LGL)
    if args.split != "all":
        articles = articles[args.split == "test"::2]
    articles = articles[: args.limit or None]
    t0 = time.perf_counter()
    gaz = Gazetteer.load()
    result: dict[str, Any] = {"load_s": round(time.perf_counter() - t0, 3),
                              "articles": len(articles)}
    errors, misses = gold_span_run(articles, gaz)
    result["gold_spans"] = summarise(errors)
    if not args.no_e2e:
        result["end_to_end"] = end_to_end_run(articles, gaz)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key}: {value}")
    for miss in sorted(misses, reverse=True)[: args.misses]:
        print("MISS", miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
