"""The story map: an inline SVG in Web Mercator with bundled country outlines, markers
and, on request, slippy-map tiles underneath.

The outlines make the map readable offline. Tiles are only a backdrop for readers who
are online and ask for them: the page carries their addresses in ``data-src`` and only
the reader's click turns them into requests, because fetching tiles tells the tile
server which part of the world the analyst is looking at.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from urllib.parse import urlsplit

from ..errors import UsageError
from ..models import Place
from .outlines import outline_paths

DEFAULT_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
DEFAULT_TILES_CREDIT = "© OpenStreetMap contributors"
_W, _H, _PAD = 800, 460, 28
_STEPS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 45, 90)
_MAX_LAT = 85.0511  # Web Mercator's edge: the square world of every tile server
_TILE_PX = 256
_MAX_TILES = 48  # a screenful; more means too fine a zoom for this frame
_MAX_ZOOM = 18


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _merc_y(lat: float) -> float:
    lat = max(-_MAX_LAT, min(_MAX_LAT, lat))
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _lat_of(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


@dataclass(frozen=True, slots=True)
class Frame:
    """A Web Mercator view fitted to the drawing area (x: lon in radians, y: Mercator y)."""

    x0: float  # left edge, radians of longitude
    y0: float  # top edge, Mercator y
    scale: float  # drawing units per radian

    @classmethod
    def fit(cls, lats: Sequence[float], lons: Sequence[float]) -> Frame:
        """Fit the box around the points, with a margin, into the drawing area."""
        xs = [math.radians(v) for v in lons]
        ys = [_merc_y(v) for v in lats]
        mx = max((max(xs) - min(xs)) * 0.15, math.radians(0.3))
        my = max((max(ys) - min(ys)) * 0.15, math.radians(0.3))
        width, height = max(xs) - min(xs) + 2 * mx, max(ys) - min(ys) + 2 * my
        scale = min((_W - 2 * _PAD) / width, (_H - 2 * _PAD) / height)
        # Centre the points; the shorter side is widened so one scale fills the area.
        mid_x, mid_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        return cls(mid_x - (_W / 2) / scale, mid_y + (_H / 2) / scale, scale)

    def xy(self, lat: float, lon: float) -> tuple[float, float]:
        """Drawing coordinates of a point."""
        return ((math.radians(lon) - self.x0) * self.scale,
                (self.y0 - _merc_y(lat)) * self.scale)

    def bounds(self) -> tuple[float, float, float, float]:
        """(west, south, east, north) in degrees of the framed area inside the padding."""
        west = math.degrees(self.x0 + _PAD / self.scale)
        east = math.degrees(self.x0 + (_W - _PAD) / self.scale)
        north = _lat_of(self.y0 - _PAD / self.scale)
        south = _lat_of(self.y0 - (_H - _PAD) / self.scale)
        return west, south, east, north


# --- Tiles ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tile:
    """One tile of a slippy map and where it lands in the drawing."""

    z: int
    x: int
    y: int
    left: float
    top: float
    size: float


def tiles_for(frame: Frame) -> list[Tile]:
    """The tiles covering the frame at the zoom whose pixels match the drawing's."""
    world = 2 * math.pi * frame.scale  # drawing units across the whole world
    zoom = max(0, min(_MAX_ZOOM, round(math.log2(world / _TILE_PX))))
    while zoom > 0 and len(_tile_range(frame, zoom)) > _MAX_TILES:
        zoom -= 1
    return _tile_range(frame, zoom)


def _tile_range(frame: Frame, zoom: int) -> list[Tile]:
    count = 2 ** zoom
    size = 2 * math.pi * frame.scale / count

    def column(px: float) -> int:
        return math.floor((frame.x0 + px / frame.scale + math.pi) / (2 * math.pi) * count)

    def row(py: float) -> int:
        return math.floor((math.pi - (frame.y0 - py / frame.scale)) / (2 * math.pi) * count)

    out = []
    for ty in range(max(0, row(_PAD)), min(count - 1, row(_H - _PAD)) + 1):
        for tx in range(column(_PAD), column(_W - _PAD) + 1):
            left = (tx * 2 * math.pi / count - math.pi - frame.x0) * frame.scale
            top = (frame.y0 - (math.pi - ty * 2 * math.pi / count)) * frame.scale
            out.append(Tile(zoom, tx % count, ty, left, top, size))  # wraps the antimeridian
    return out


def tile_origin(template: str | None) -> str | None:
    """``scheme://host`` of a tile address template (for the page's security policy)."""
    if not template:
        return None
    parts = urlsplit(template)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"


def tiles_setting(value: str | None) -> str | None:
    """The tile template a user gave: None keeps the default, 'none' (or '') turns tiles
    off; anything else must be an http(s) address with {z}, {x} and {y}."""
    if value is None:
        return DEFAULT_TILES
    if value.strip().lower() in ("", "none", "off"):
        return None
    if not tile_origin(value) or any(k not in value for k in ("{z}", "{x}", "{y}")):
        raise UsageError(f"map tiles {value!r}: give an http(s) address with {{z}}, {{x}} "
                         "and {y} in it, or 'none'")
    return value


def _tile_url(template: str, tile: Tile) -> str:
    return template.replace("{z}", str(tile.z)).replace("{x}", str(tile.x)).replace(
        "{y}", str(tile.y))


def _tiles_layer(frame: Frame, template: str | None) -> str:
    if not tile_origin(template):
        return ""
    assert template is not None
    images = "".join(
        f'<image data-src="{_e(_tile_url(template, t))}" x="{t.left:.1f}" y="{t.top:.1f}"'
        f' width="{t.size + 0.5:.1f}" height="{t.size + 0.5:.1f}" preserveAspectRatio="none"/>'
        for t in tiles_for(frame))
    return f'<g class="tiles">{images}</g>'


def _tiles_control(template: str | None, credit: str) -> str:
    origin = tile_origin(template)
    if not origin:
        return ""
    return (f'<p class="tiles-control"><button type="button" class="tiles-toggle"'
            f' aria-pressed="false">Show map tiles</button> <span class="meta">loads '
            f'background tiles from {_e(origin)} (this tells that server where the map '
            f'is); without them the bundled outlines are shown.</span>'
            f' <span class="tiles-credit" hidden>Tiles {_e(credit)}</span></p>')


# --- Drawing --------------------------------------------------------------------------


def _ticks(lo: float, hi: float) -> list[float]:
    step = next((s for s in _STEPS if (hi - lo) / s <= 7), 90)
    first = math.ceil(lo / step) * step
    return [round(first + i * step, 6) for i in range(int((hi - first) / step) + 1)]


def _degrees(value: float, pos: str, neg: str) -> str:
    text = f"{abs(value):.2f}".rstrip("0").rstrip(".")
    return f"{text}°{pos if value >= 0 else neg}" if value else "0°"


def _graticule(frame: Frame) -> str:
    west, south, east, north = frame.bounds()
    out: list[str] = []
    for lon in _ticks(max(west, -180), min(east, 180)):
        x, _ = frame.xy(0, lon)
        out.append(f'<line class="grat" x1="{x:.1f}" y1="{_PAD}" x2="{x:.1f}" y2="{_H - _PAD}"/>'
                   f'<text class="glabel" x="{x + 3:.1f}" y="{_H - _PAD - 4}">'
                   f'{_degrees(lon, "E", "W")}</text>')
    for lat in _ticks(max(south, -_MAX_LAT), min(north, _MAX_LAT)):
        _, y = frame.xy(lat, 0)
        out.append(f'<line class="grat" x1="{_PAD}" y1="{y:.1f}" x2="{_W - _PAD}" y2="{y:.1f}"/>'
                   f'<text class="glabel" x="{_PAD + 3}" y="{y - 3:.1f}">'
                   f'{_degrees(lat, "N", "S")}</text>')
    return "".join(out)


_LabelBox = tuple[float, float, float, float]


def _label(name: str, x: float, y: float, radius: float,
           taken: list[_LabelBox]) -> tuple[float, float, str] | None:
    """The first label position (right, left, above, below) that overlaps no other label."""
    width, height = 6.6 * len(name) + 2, 13.0
    for dx, dy, align in ((radius + 3, 4, "start"), (-radius - 3, 4, "end"),
                          (0, -radius - 4, "middle"), (0, radius + 13, "middle")):
        lx, ly = x + dx, y + dy
        left = lx - {"start": 0, "end": width, "middle": width / 2}[align]
        box = (left, ly - height + 2, left + width, ly + 2)
        inside = box[0] >= 0 and box[2] <= _W and box[1] >= 0 and box[3] <= _H
        if inside and not any(_overlap(box, other) for other in taken):
            taken.append(box)
            return lx, ly, align
    return None  # too crowded: the name stays in the tooltip


def _overlap(a: _LabelBox, b: _LabelBox) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _radius(place: Place) -> float:
    return 4 + min(6.0, math.sqrt(len(place.mentions)))


def _circle_box(place: Place, frame: Frame) -> _LabelBox:
    x, y, _ = _place_xy(place, frame)
    radius = _radius(place)
    return x - radius, y - radius, x + radius, y + radius


def _place_xy(place: Place, frame: Frame) -> tuple[float, float, bool]:
    """Drawing position, pinned to the frame's edge (and flagged) when outside it."""
    assert place.lat is not None and place.lon is not None
    x, y = frame.xy(place.lat, place.lon)
    cx, cy = min(max(x, _PAD), _W - _PAD), min(max(y, _PAD), _H - _PAD)
    return cx, cy, (round(cx, 6), round(cy, 6)) != (round(x, 6), round(y, 6))


def _marker(place: Place, frame: Frame, taken: list[_LabelBox]) -> str:
    x, y, off = _place_xy(place, frame)
    radius = _radius(place)
    where = ", ".join(v for v in (place.admin1, place.country) if v)
    tip = (f"{place.name}{f' ({where})' if where else ''} · {place.lat:.3f}, {place.lon:.3f}"
           f" · {place.feature} · {len(place.mentions)} mentions"
           # No gazetteer entry: the point is that of the place its text ties it to.
           + ("" if place.gazetteer_id else " · approximate point")
           + (" · outside the map area" if off else ""))
    spot = _label(place.name, x, y, radius, taken)
    text = (f'<text x="{spot[0]:.1f}" y="{spot[1]:.1f}" text-anchor="{spot[2]}">'
            f"{_e(place.name)}</text>" if spot else "")
    css = f"marker {_e(place.feature)}{' off' if off else ''}"
    return (f'<g class="{css}" data-place="{_e(place.id)}"><title>{_e(tip)}</title>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}"/>{text}</g>')


def map_html(places: Sequence[Place], tiles: str | None = DEFAULT_TILES,
             tiles_credit: str = DEFAULT_TILES_CREDIT) -> str:
    """An inline SVG map of the located places, then a list of the unresolved ones.

    ``tiles`` is a ``{z}/{x}/{y}`` address template offered to the reader as a backdrop
    (None: outlines only)."""
    located = [p for p in places if p.lat is not None and p.lon is not None]
    missing = [p for p in places if p.lat is None or p.lon is None]
    if not located:
        parts = ['<p class="meta">No place could be located.</p>']
    else:
        parts = [_map_svg(located, tiles), _tiles_control(tiles, tiles_credit)]
    if missing:
        names = ", ".join(_e(p.name) for p in missing)
        parts.append(f'<p class="unresolved">Not located: {names}</p>')
    return "".join(parts)


def _map_svg(located: Sequence[Place], tiles: str | None) -> str:
    # Fit to the towns and cities: a country's centroid would zoom the map out to a
    # continent; such places sit pinned to the edge when they fall outside.
    core = [p for p in located if p.feature not in ("country", "region")] or located
    frame = Frame.fit([p.lat for p in core if p.lat is not None],
                      [p.lon for p in core if p.lon is not None])
    # Labels must not cover markers either, so every circle starts out as taken space.
    taken = [_circle_box(p, frame) for p in located]
    # The most-mentioned places get their labels first; big features are drawn first
    # so towns sit on top of them.
    ranked = sorted(range(len(located)), key=lambda i: (-len(located[i].mentions), i))
    drawn = {i: _marker(located[i], frame, taken) for i in ranked}
    order = sorted(drawn, key=lambda i: (located[i].feature not in ("country", "region"), i))
    clip = f"mapclip{abs(hash((frame.x0, frame.y0, frame.scale))) % 10**8}"
    return (f'<svg class="map" viewBox="0 0 {_W} {_H}" width="{_W}" height="{_H}" role="img"'
            f' aria-label="Map of {len(located)} places">'
            f'<clipPath id="{clip}"><rect x="{_PAD}" y="{_PAD}" width="{_W - 2 * _PAD}"'
            f' height="{_H - 2 * _PAD}"/></clipPath>'
            f'<rect class="frame" x="{_PAD}" y="{_PAD}" width="{_W - 2 * _PAD}"'
            f' height="{_H - 2 * _PAD}"/><g clip-path="url(#{clip})">'
            f'{_tiles_layer(frame, tiles)}{_outlines(frame)}</g>{_graticule(frame)}'
            f'{"".join(drawn[i] for i in order)}</svg>')


def _outlines(frame: Frame) -> str:
    """Country shapes inside the frame, so the map reads without tiles or network."""
    shapes = outline_paths(frame.bounds(), frame.xy)
    return "".join(f'<path class="land" d="{d}"><title>{_e(name)}</title></path>'
                   for name, d in shapes)
