"""Building blocks of the HTML report: escaping, highlighted text, timeline, map and matrix.

Every string that comes from an article (text, titles, outlets, quotes, names) goes
through :func:`e` before it reaches the page.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape

from .map_outlines import outline_paths
from .models import Article, Claim, Mention, Place, Source, Story, TimelineEntry, When

Span = tuple[int, int]
_STATUS_ORDER = {"disputed": 0, "corroborated": 1, "single-source": 2}
_STOPS = ".!?\n"
_CLOSERS = "\"'”’)]»"


def e(value: object) -> str:
    """HTML-escape any value (``None`` is empty); quotes too, so it is safe in attributes."""
    return _escape_str("" if value is None else str(value))


@lru_cache(maxsize=1 << 16)
def _escape_str(text: str) -> str:
    # Names, outlets and quotes repeat thousands of times in a big story.
    return escape(text, quote=True)


def anchor(article_id: str, start: int) -> str:
    """The element id of a mention's highlight in the article view."""
    return f"{article_id}-{start}"


def when_text(when: When | None) -> str:
    """A date or range as people read it ("2025-06-08", "2025-06-08 – 2025-06-13")."""
    if when is None:
        return ""
    if when.date:
        return when.date
    if when.start and when.end:
        return _whole_period(when.start, when.end) or f"{when.start} – {when.end}"
    return f"from {when.start}" if when.start else f"until {when.end}"


def _whole_period(start: str, end: str) -> str | None:
    """A whole year as "2014", a whole month as "2025-05", one day as itself; else None."""
    if start == end:
        return start
    if len(start) != 10 or len(end) != 10 or start[:4] != end[:4]:
        return None
    if start[4:] == "-01-01" and end[4:] == "-12-31":
        return start[:4]
    if start[:7] == end[:7] and start[8:] == "01" and start[5:7].isdigit():
        last = calendar.monthrange(int(start[:4]), int(start[5:7]))[1]
        return start[:7] if end[8:] == f"{last:02d}" else None
    return None


def when_key(when: When | None) -> str:
    """A sort key for dates of mixed precision: ISO strings sort in time order."""
    if when is None:
        return ""
    return when.date or when.start or when.end or ""


def outlet_of(article: Article) -> str:
    """What to call an article's publisher: its outlet, else its file, else its id."""
    return article.outlet or article.path or article.id


def status_rank(claim: Claim) -> tuple[int, int]:
    """Disputed first, then corroborated, then single-source; wider coverage first."""
    return _STATUS_ORDER.get(claim.status, 3), -claim.outlets


@dataclass(frozen=True, slots=True)
class StoryContext:
    """Look-ups one story's rendering needs: articles, sources and claims by id."""

    articles: dict[str, Article]
    sources: dict[str, Source]
    claims: dict[str, Claim]
    items: dict[Mention, str] = field(default_factory=dict)

    @classmethod
    def build(cls, story: Story, articles: dict[str, Article]) -> StoryContext:
        """Index a story's sources and claims next to the report's articles."""
        return cls(articles, {s.id: s for s in story.sources}, {c.id: c for c in story.claims})

    def status(self, claim_id: str | None) -> str:
        """The status of a claim of this story ("" when there is no such claim)."""
        claim = self.claims.get(claim_id or "")
        return claim.status if claim else ""

    def outlet(self, mention: Mention) -> str:
        """The outlet of the article a mention is in."""
        article = self.articles.get(mention.article_id)
        return outlet_of(article) if article else mention.article_id

    def speaker(self, mention: Mention) -> str:
        """Who says it: the canonical source, the name in the text, or the outlet itself."""
        source = self.sources.get(mention.source_id or "")
        if source:
            return source.name
        return mention.attributed_as or f"{self.outlet(mention)} (own reporting)"


def highlight(article_id: str, text: str, spans: Iterable[Span]) -> str:
    """The text escaped, with every span as ``<mark>`` segments.

    Overlapping spans are cut at each other's boundaries, so marks never nest or cross
    and the HTML stays well formed; the segment where a span starts carries its anchor id.
    """
    size = len(text)
    delta: dict[int, int] = {}
    starts: set[int] = set()
    for start, end in spans:
        start, end = max(0, start), min(size, end)
        if start < end:
            delta[start] = delta.get(start, 0) + 1
            delta[end] = delta.get(end, 0) - 1
            starts.add(start)
    cuts = sorted({0, size, *delta})
    out: list[str] = []
    depth = 0
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        depth += delta.get(lo, 0)
        out.append(_segment(article_id, text[lo:hi], lo, depth, lo in starts))
    return "".join(out)


def _segment(article_id: str, chunk: str, pos: int, depth: int, starts: bool) -> str:
    if depth <= 0:
        return e(chunk)
    ident = f' id="{e(anchor(article_id, pos))}"' if starts else ""
    return f'<mark class="d{min(depth, 3)}"{ident}>{e(chunk)}</mark>'


def context(text: str, start: int, end: int, reach: int = 300) -> tuple[str, str, str]:
    """The sentence around ``text[start:end]``, as (before, span, after)."""
    head = text[max(0, start - reach):start]
    cut = max(head.rfind(c) for c in _STOPS)
    before = head[cut + 1:].lstrip() if cut >= 0 else ("…" if start > reach else "") + head
    span = text[start:end]
    if not span or span.rstrip().rstrip(_CLOSERS)[-1:] in _STOPS:
        return before, span, ""
    tail = text[end:end + reach]
    stops = [i for i in (tail.find(c) for c in _STOPS) if i >= 0]
    if not stops:
        return before, span, tail + ("…" if end + reach < len(text) else "")
    stop = min(stops)
    while stop + 1 < len(tail) and tail[stop + 1] in _CLOSERS:
        stop += 1  # keep a closing quote with its sentence
    return before, span, tail[:stop + 1].rstrip("\n")


def quote_html(ctx: StoryContext, mention: Mention, in_sentence: bool = False,
               href: str | None = None) -> str:
    """A mention's quote linked to its highlight in the article view (``href`` overrides
    the in-page anchor, e.g. for the web app's article pages)."""
    article = ctx.articles.get(mention.article_id)
    href = e(href) if href else f'#{e(anchor(mention.article_id, mention.start))}'
    ok = article is not None and article.text[mention.start:mention.end] == mention.quote
    if in_sentence and article is not None and ok:
        before, span, after = context(article.text, mention.start, mention.end)
        body = f"{e(before)}<mark>{e(span)}</mark>{e(after)}"
    else:
        body = e(mention.quote)
    return f'<a class="q" href="{href}">{body}</a>'


def cite_html(ctx: StoryContext, mention: Mention) -> str:
    """Who said it, in which outlet."""
    speaker, outlet = ctx.speaker(mention), ctx.outlet(mention)
    where = "" if speaker.startswith(outlet) else f" · {e(outlet)}"
    return f'<span class="src">— {e(speaker)}{where}</span>'


def mention_item(ctx: StoryContext, mention: Mention) -> str:
    """One quote with its citation, as a list item (memoised: claims and timeline share)."""
    item = ctx.items.get(mention)
    if item is None:
        item = ctx.items[mention] = f"<li>{quote_html(ctx, mention)} {cite_html(ctx, mention)}</li>"
    return item


# --- Timeline -------------------------------------------------------------------------


def timeline_entries(story: Story) -> list[TimelineEntry]:
    """The story's timeline in date order; dated claims stand in when it has none."""
    entries = list(story.timeline) or [
        TimelineEntry(c.text, c.mentions, c.when, c.id) for c in story.claims if c.when]
    return sorted(entries, key=lambda t: (when_key(t.when), t.when.end or "", t.text))


def timeline_html(story: Story, ctx: StoryContext) -> str:
    """A vertical CSS timeline of the story's dated statements."""
    entries = timeline_entries(story)
    if not entries:
        return '<p class="meta">No dated statements.</p>'
    items = "".join(_timeline_item(t, ctx) for t in entries)
    return f'<ol class="timeline">{items}</ol>'


def _timeline_item(entry: TimelineEntry, ctx: StoryContext) -> str:
    status = ctx.status(entry.claim_id)
    badge = f' <span class="badge {e(status)}">{e(status)}</span>' if status else ""
    link = f' <a href="#{e(entry.claim_id)}">claim</a>' if status else ""
    quotes = "".join(mention_item(ctx, m) for m in entry.mentions)
    count = len(entry.mentions)
    return (f'<li class="{e(status)}"><time>{e(when_text(entry.when))}</time>'
            f"<div>{e(entry.text)}{badge}{link}</div>"
            f'<details class="quotes"><summary>{count} quote{"" if count == 1 else "s"}'
            f'</summary><ul class="quotes">{quotes}</ul></details></li>')


# --- Map ------------------------------------------------------------------------------

_W, _H, _PAD = 800, 460, 28
_STEPS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 45, 90)


@dataclass(frozen=True, slots=True)
class _Frame:
    """An equirectangular projection fitted to a bounding box (x is lon scaled by cos lat0)."""

    west: float
    east: float
    south: float
    north: float
    scale: float
    squash: float

    @classmethod
    def fit(cls, lats: Sequence[float], lons: Sequence[float]) -> _Frame:
        """Fit the box around the points, with a margin, into the drawing area."""
        squash = max(0.2, math.cos(math.radians((max(lats) + min(lats)) / 2)))
        mlat = max((max(lats) - min(lats)) * 0.15, 0.3)
        mlon = max((max(lons) - min(lons)) * 0.15, 0.3 / squash)
        south, north = min(lats) - mlat, max(lats) + mlat
        west, east = min(lons) - mlon, max(lons) + mlon
        scale = min((_W - 2 * _PAD) / ((east - west) * squash), (_H - 2 * _PAD) / (north - south))
        # Widen the shorter side so the whole drawing area is used at one scale.
        half_w = (_W - 2 * _PAD) / scale / squash / 2
        half_h = (_H - 2 * _PAD) / scale / 2
        mid_lon, mid_lat = (west + east) / 2, (south + north) / 2
        return cls(mid_lon - half_w, mid_lon + half_w, mid_lat - half_h, mid_lat + half_h,
                   scale, squash)

    def xy(self, lat: float, lon: float) -> tuple[float, float]:
        """Drawing coordinates of a point."""
        return (_PAD + (lon - self.west) * self.squash * self.scale,
                _PAD + (self.north - lat) * self.scale)


def _ticks(lo: float, hi: float) -> list[float]:
    step = next((s for s in _STEPS if (hi - lo) / s <= 7), 90)
    first = math.ceil(lo / step) * step
    return [round(first + i * step, 6) for i in range(int((hi - first) / step) + 1)]


def _degrees(value: float, pos: str, neg: str) -> str:
    text = f"{abs(value):.2f}".rstrip("0").rstrip(".")
    return f"{text}°{pos if value >= 0 else neg}" if value else "0°"


def _graticule(frame: _Frame) -> str:
    out: list[str] = []
    for lon in _ticks(max(frame.west, -180), min(frame.east, 180)):
        x, _ = frame.xy(0, lon)
        out.append(f'<line class="grat" x1="{x:.1f}" y1="{_PAD}" x2="{x:.1f}" y2="{_H - _PAD}"/>'
                   f'<text class="glabel" x="{x + 3:.1f}" y="{_H - _PAD - 4}">'
                   f'{_degrees(lon, "E", "W")}</text>')
    for lat in _ticks(max(frame.south, -90), min(frame.north, 90)):
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


def _circle_box(place: Place, frame: _Frame) -> _LabelBox:
    x, y, _ = _place_xy(place, frame)
    radius = _radius(place)
    return x - radius, y - radius, x + radius, y + radius


def _place_xy(place: Place, frame: _Frame) -> tuple[float, float, bool]:
    """Drawing position, pinned to the frame's edge (and flagged) when outside it."""
    assert place.lat is not None and place.lon is not None
    x, y = frame.xy(place.lat, place.lon)
    cx, cy = min(max(x, _PAD), _W - _PAD), min(max(y, _PAD), _H - _PAD)
    return cx, cy, (cx, cy) != (x, y)


def _marker(place: Place, frame: _Frame, taken: list[_LabelBox]) -> str:
    x, y, off = _place_xy(place, frame)
    radius = _radius(place)
    where = ", ".join(v for v in (place.admin1, place.country) if v)
    tip = (f"{place.name}{f' ({where})' if where else ''} · {place.lat:.3f}, {place.lon:.3f}"
           f" · {place.feature} · {len(place.mentions)} mentions"
           + (" · outside the map area" if off else ""))
    spot = _label(place.name, x, y, radius, taken)
    text = (f'<text x="{spot[0]:.1f}" y="{spot[1]:.1f}" text-anchor="{spot[2]}">'
            f"{e(place.name)}</text>" if spot else "")
    css = f"marker {e(place.feature)}{' off' if off else ''}"
    return (f'<g class="{css}" data-place="{e(place.id)}"><title>{e(tip)}</title>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}"/>{text}</g>')


def map_html(places: Sequence[Place]) -> str:
    """An inline SVG map of the located places, then a list of the unresolved ones."""
    located = [p for p in places if p.lat is not None and p.lon is not None]
    missing = [p for p in places if p.lat is None or p.lon is None]
    parts = [_map_svg(located) if located else '<p class="meta">No place could be located.</p>']
    if missing:
        names = ", ".join(e(p.name) for p in missing)
        parts.append(f'<p class="unresolved">Not located: {names}</p>')
    return "".join(parts)


def _map_svg(located: Sequence[Place]) -> str:
    # Fit to the towns and cities: a country's centroid would zoom the map out to a
    # continent; such places sit pinned to the edge when they fall outside.
    core = [p for p in located if p.feature not in ("country", "region")] or located
    frame = _Frame.fit([p.lat for p in core if p.lat is not None],
                       [p.lon for p in core if p.lon is not None])
    # Labels must not cover markers either, so every circle starts out as taken space.
    taken = [_circle_box(p, frame) for p in located]
    # The most-mentioned places get their labels first; big features are drawn first
    # so towns sit on top of them.
    ranked = sorted(range(len(located)), key=lambda i: (-len(located[i].mentions), i))
    drawn = {i: _marker(located[i], frame, taken) for i in ranked}
    order = sorted(drawn, key=lambda i: (located[i].feature not in ("country", "region"), i))
    return (f'<svg class="map" viewBox="0 0 {_W} {_H}" width="{_W}" height="{_H}" role="img"'
            f' aria-label="Map of {len(located)} places">'
            f'<rect class="frame" x="{_PAD}" y="{_PAD}" width="{_W - 2 * _PAD}"'
            f' height="{_H - 2 * _PAD}"/>{_outlines(frame)}{_graticule(frame)}'
            f'{"".join(drawn[i] for i in order)}</svg>')


def _outlines(frame: _Frame) -> str:
    """Country shapes clipped to the frame, so the map reads without tiles or network."""
    shapes = outline_paths((frame.west, frame.south, frame.east, frame.north), frame.xy)
    if not shapes:
        return ""
    clip = f"mapclip{abs(hash((frame.west, frame.north, frame.scale))) % 10**8}"
    paths = "".join(f'<path class="land" d="{d}"><title>{e(name)}</title></path>'
                    for name, d in shapes)
    return (f'<clipPath id="{clip}"><rect x="{_PAD}" y="{_PAD}" width="{_W - 2 * _PAD}"'
            f' height="{_H - 2 * _PAD}"/></clipPath><g clip-path="url(#{clip})">{paths}</g>')


