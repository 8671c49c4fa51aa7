"""Country outlines for the report's map, drawn offline from bundled Natural Earth data.

The data (``data/country_outlines.json.gz``, built by ``tools/build_outlines.py``) holds
each country's rings in hundredths of a degree. A map takes only the countries whose
box meets its frame, and drops points closer than a pixel to the last one kept, so a
zoomed-in map stays small.
"""

from __future__ import annotations

import gzip
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

log = logging.getLogger(__name__)

RESOURCE = "country_outlines.json.gz"
Ring = tuple[tuple[float, float], ...]  # (lon, lat) points
Box = tuple[float, float, float, float]  # west, south, east, north
Project = Callable[[float, float], tuple[float, float]]  # (lat, lon) -> (x, y)


@dataclass(frozen=True, slots=True)
class Country:
    """One country's outline: its name, box (west, south, east, north) and rings."""

    name: str
    box: Box
    rings: tuple[tuple[Box, Ring], ...]


def _undelta(flat: list[int], step: float) -> Ring:
    points = []
    x = y = 0
    for i in range(0, len(flat) - 1, 2):
        x, y = x + flat[i], y + flat[i + 1]
        points.append((x / step, y / step))
    return tuple(points)


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """All bundled country outlines (empty, with a warning, if the data is missing)."""
    try:
        raw = resources.files("rashomon").joinpath("data", RESOURCE).read_bytes()
        data = json.loads(gzip.decompress(raw))
    except (OSError, ValueError) as exc:
        log.warning("country outlines unavailable: %s", exc)
        return ()
    step = float(data["units_per_degree"])
    return tuple(
        Country(c["name"], _box_of([v / step for v in c["bbox"]]),
                tuple(_boxed(_undelta(r, step)) for r in c["rings"]))
        for c in data["countries"]
    )


def _box_of(values: list[float]) -> Box:
    return values[0], values[1], values[2], values[3]


def _boxed(ring: Ring) -> tuple[Box, Ring]:
    lons = [p[0] for p in ring]
    lats = [p[1] for p in ring]
    return (min(lons), min(lats), max(lons), max(lats)), ring


def _meets(box: Box, west: float, south: float, east: float,
           north: float) -> bool:
    return box[0] <= east and box[2] >= west and box[1] <= north and box[3] >= south


def _ring_path(ring: Ring, project: Project, min_px: float) -> str:
    """Relative SVG path of one ring, in whole pixels, without near-duplicate points."""
    kept: list[tuple[int, int]] = []
    for lon, lat in ring:
        x, y = project(lat, lon)
        point = (round(x), round(y))
        if not kept or abs(point[0] - kept[-1][0]) + abs(point[1] - kept[-1][1]) >= min_px:
            kept.append(point)
    if len(kept) < 3:
        return ""
    steps = " ".join(f"{b[0] - a[0]} {b[1] - a[1]}" for a, b in zip(kept, kept[1:], strict=False))
    return f"M{kept[0][0]} {kept[0][1]}l{steps}z"


def outline_paths(bounds: Box, project: Project,
                  min_px: float = 2.0) -> list[tuple[str, str]]:
    """(country name, SVG path data) for each country inside ``bounds`` (W, S, E, N)."""
    west, south, east, north = bounds
    out = []
    for country in countries():
        if not _meets(country.box, west, south, east, north):
            continue
        rings = [_ring_path(ring, project, min_px) for box, ring in country.rings
                 if _meets(box, west, south, east, north)]
        path = "".join(r for r in rings if r)
        if path:
            out.append((country.name, path))
    return out

