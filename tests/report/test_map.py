"""The story map: Web Mercator frame, bundled outlines, opt-in tiles."""

from __future__ import annotations

import math
import re

import pytest

from rashomon.errors import UsageError
from rashomon.models import Place
from rashomon.report.map import (
    DEFAULT_TILES,
    Frame,
    map_html,
    tile_origin,
    tiles_for,
    tiles_setting,
)

UKRAINE = (Place("p-1", "Kyiv", 50.45, 30.52, feature="city"),
           Place("p-2", "Dnipro", 48.46, 35.04, feature="city"),
           Place("p-3", "Odesa", 46.48, 30.72, feature="city"))


def corner(z: int, x: int, y: int) -> tuple[float, float]:
    """(lat, lon) of a tile's north-west corner, by the slippy-map definition."""
    n = 2 ** z
    lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / n))))
    return lat, x / n * 360.0 - 180.0


def frame_of(places: tuple[Place, ...]) -> Frame:
    return Frame.fit([p.lat for p in places if p.lat is not None],
                     [p.lon for p in places if p.lon is not None])


@pytest.mark.parametrize("places", [
    UKRAINE,
    (Place("p-1", "Lisbon", 38.72, -9.14), Place("p-2", "Porto", 41.15, -8.61)),
    (Place("p-1", "Quito", -0.18, -78.47),),
    (Place("p-1", "Tromso", 69.65, 18.96), Place("p-2", "Oslo", 59.91, 10.75)),
])
def test_tiles_sit_where_the_projection_puts_their_corners(places: tuple[Place, ...]) -> None:
    frame = frame_of(places)
    tiles = tiles_for(frame)
    assert 0 < len(tiles) <= 48
    for t in tiles:
        x, y = frame.xy(*corner(t.z, t.x, t.y))
        assert (round(x, 3), round(y, 3)) == (round(t.left, 3), round(t.top, 3))
        assert 128 <= t.size <= 512 or t.z == 0  # tile pixels close to drawing units


def test_tiles_cover_the_whole_frame() -> None:
    tiles = tiles_for(frame_of(UKRAINE))
    assert min(t.left for t in tiles) <= 28 and max(t.left + t.size for t in tiles) >= 800 - 28
    assert min(t.top for t in tiles) <= 28 and max(t.top + t.size for t in tiles) >= 460 - 28


def test_tiles_wrap_across_the_antimeridian() -> None:
    tiles = tiles_for(frame_of((Place("p-1", "Suva", -18.14, 178.44),
                                Place("p-2", "Apia", -13.83, -171.76))))
    count = 2 ** tiles[0].z
    assert all(0 <= t.x < count for t in tiles)


def test_points_keep_their_relative_positions() -> None:
    frame = frame_of(UKRAINE)
    kyiv, dnipro, odesa = (frame.xy(p.lat or 0, p.lon or 0) for p in UKRAINE)
    assert dnipro[0] > kyiv[0] and odesa[1] > kyiv[1] > 0
    west, south, east, north = frame.bounds()
    assert west < 30.52 < east and south < 46.48 < 50.45 < north


def test_tiles_are_offered_but_never_fetched_by_the_page_itself() -> None:
    html = map_html(UKRAINE)
    images = re.findall(r"<image [^>]*>", html)
    assert images and all('data-src="https://tile.openstreetmap.org/' in i for i in images)
    assert not any(re.search(r"\shref=", i) for i in images)
    assert 'class="tiles-toggle"' in html and "OpenStreetMap contributors" in html
    assert '<path class="land"' in html  # the offline outlines are still drawn


def test_tiles_off_draws_outlines_only() -> None:
    html = map_html(UKRAINE, tiles=None)
    assert "<image" not in html and "tiles-toggle" not in html
    assert '<path class="land"' in html


def test_no_located_place_gives_no_map_and_no_tiles() -> None:
    html = map_html((Place("p-1", "Nowhere", None, None),))
    assert "<svg" not in html and "tiles-toggle" not in html and "Not located" in html


@pytest.mark.parametrize(("given", "expected"), [
    (None, DEFAULT_TILES),
    ("none", None),
    ("", None),
    ("https://tiles.example.org/{z}/{x}/{y}.png", "https://tiles.example.org/{z}/{x}/{y}.png"),
])
def test_tiles_setting(given: str | None, expected: str | None) -> None:
    assert tiles_setting(given) == expected


@pytest.mark.parametrize("bad", ["tiles.example.org/{z}/{x}/{y}", "https://x.org/tile.png",
                                 "file:///tmp/{z}/{x}/{y}.png", "javascript:{z}{x}{y}"])
def test_bad_tiles_setting_is_a_usage_error(bad: str) -> None:
    with pytest.raises(UsageError, match="map tiles"):
        tiles_setting(bad)


def test_tile_origin() -> None:
    assert tile_origin(DEFAULT_TILES) == "https://tile.openstreetmap.org"
    assert tile_origin(None) is None and tile_origin("data:{z}") is None
