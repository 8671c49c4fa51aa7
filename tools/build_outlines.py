"""Build ``rashomon/data/country_outlines.json.gz`` from a world-atlas TopoJSON file.

The outlines are Natural Earth's Admin 0 countries (public domain), as redistributed in
the ``world-atlas`` npm package (``npm pack world-atlas@2``). We store each country's
rings as integer coordinates in hundredths of a degree, delta-encoded, which keeps the
1:50m outlines small enough to ship and to cut into any report's map.

Usage: python tools/build_outlines.py path/to/countries-50m.json [--out PATH]
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[1] / "src" / "rashomon" / "data" / "country_outlines.json.gz"
STEP = 100  # integer units per degree


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat points of every arc (TopoJSON arcs are quantized and delta-coded)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[int, int]]:
    """One closed ring from its arc indices (``~i`` means arc ``i`` reversed)."""
    out: list[tuple[int, int]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        for lon, lat in arc[1:] if out else arc:
            point = (round(lon * STEP), round(lat * STEP))
            if not out or point != out[-1]:
                out.append(point)
    return out


def delta(points: list[tuple[int, int]]) -> list[int]:
    """Flat delta coding: first point absolute, then differences."""
    flat: list[int] = []
    px = py = 0
    for x, y in points:
        flat += [x - px, y - py]
        px, py = x, y
    return flat


def countries(topology: dict[str, Any]) -> list[dict[str, Any]]:
    """Every country with its bounding box and delta-coded rings."""
    arcs = decode_arcs(topology)
    out = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs") or []
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings = [ring_points(r, arcs) for polygon in polygons for r in polygon]
        rings = [r for r in rings if len(r) >= 4]
        if not rings:
            continue
        xs = [x for r in rings for x, _ in r]
        ys = [y for r in rings for _, y in r]
        out.append({"name": geometry.get("properties", {}).get("name", ""),
                    "bbox": [min(xs), min(ys), max(xs), max(ys)],
                    "rings": [delta(r) for r in rings]})
    return out


def main() -> None:
    """Read the TopoJSON, write the compact gzip'd JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("topojson", type=Path)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    topology = json.loads(args.topojson.read_text(encoding="utf-8"))
    data = {"source": "Natural Earth Admin 0 countries 1:50m (public domain), via world-atlas",
            "units_per_degree": STEP, "countries": countries(topology)}
    raw = json.dumps(data, separators=(",", ":")).encode()
    args.out.write_bytes(gzip.compress(raw, mtime=0))
    print(f"wrote {args.out}: {len(data['countries'])} countries, "
          f"{args.out.stat().st_size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
