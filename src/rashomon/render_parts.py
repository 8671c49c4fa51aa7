"""Building blocks of the HTML report: escaping, highlighted text, timeline, map and matrix.

Every string that comes from an article (text, titles, outlets, quotes, names) goes
through :func:`e` before it reaches the page.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from .models import Article, Claim, Mention, Place, Source, Story, TimelineEntry, When

Span = tuple[int, int]
MATRIX_ROWS = 400  # beyond this a matrix is unreadable and only bloats the page
_STATUS_ORDER = {"disputed": 0, "corroborated": 1, "single-source": 2}
_SYMBOLS = {"supports": ("✓", "sup"), "refutes": ("✗", "ref"), "uncertain": ("?", "unc")}
_STOPS = ".!?\n"
_CLOSERS = "\"'”’)]»"


def e(value: object) -> str:
    """HTML-escape any value (``None`` is empty); quotes too, so it is safe in attributes."""
    return escape("" if value is None else str(value), quote=True)


def anchor(article_id: str, start: int) -> str:
    """The element id of a mention's highlight in the article view."""
    return f"{article_id}-{start}"


def when_text(when: When | None) -> str:
    """A date or range as people read it ("2025-06-08", "2025-06-08 – 2025-06-13")."""
    if when is None:
        return ""
    if when.date:
        return when.date
    if when.start and when.start == when.end:
        return when.start
    return " – ".join(v for v in (when.start, when.end) if v)


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
    """Look-ups one story's rendering needs: articles, source names, claim statuses."""

    articles: dict[str, Article]
    sources: dict[str, Source]
    statuses: dict[str, str]

    @classmethod
    def build(cls, story: Story, articles: dict[str, Article]) -> StoryContext:
        """Index a story's sources and claims next to the report's articles."""
        return cls(articles, {s.id: s for s in story.sources},
                   {c.id: c.status for c in story.claims})

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


def quote_html(ctx: StoryContext, mention: Mention, in_sentence: bool = False) -> str:
    """A mention's quote linked to its highlight in the article view."""
    article = ctx.articles.get(mention.article_id)
    href = f'#{e(anchor(mention.article_id, mention.start))}'
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
    """One quote with its citation, as a list item."""
    return f"<li>{quote_html(ctx, mention)} {cite_html(ctx, mention)}</li>"


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
    status = ctx.statuses.get(entry.claim_id or "", "")
    badge = f' <span class="badge {e(status)}">{e(status)}</span>' if status else ""
    link = f' <a href="#{e(entry.claim_id)}">claim</a>' if status else ""
    quotes = "".join(mention_item(ctx, m) for m in entry.mentions[:3])
    more = len(entry.mentions) - 3
    tail = f'<li class="meta">and {more} more</li>' if more > 0 else ""
    return (f'<li class="{e(status)}"><time>{e(when_text(entry.when))}</time>'
            f"<div>{e(entry.text)}{badge}{link}</div>"
            f'<ul class="quotes">{quotes}{tail}</ul></li>')


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
    for lon in _ticks(frame.west, frame.east):
        x, _ = frame.xy(0, lon)
        out.append(f'<line class="grat" x1="{x:.1f}" y1="{_PAD}" x2="{x:.1f}" y2="{_H - _PAD}"/>'
                   f'<text class="glabel" x="{x + 3:.1f}" y="{_H - _PAD - 4}">'
                   f'{_degrees(lon, "E", "W")}</text>')
    for lat in _ticks(frame.south, frame.north):
        _, y = frame.xy(lat, 0)
        out.append(f'<line class="grat" x1="{_PAD}" y1="{y:.1f}" x2="{_W - _PAD}" y2="{y:.1f}"/>'
                   f'<text class="glabel" x="{_PAD + 3}" y="{y - 3:.1f}">'
                   f'{_degrees(lat, "N", "S")}</text>')
    return "".join(out)


def _marker(place: Place, frame: _Frame) -> str:
    assert place.lat is not None and place.lon is not None
    x, y = frame.xy(place.lat, place.lon)
    radius = 4 + min(6.0, math.sqrt(len(place.mentions)))
    where = ", ".join(v for v in (place.admin1, place.country) if v)
    tip = (f"{place.name}{f' ({where})' if where else ''} · {place.lat:.3f}, {place.lon:.3f}"
           f" · {place.feature} · {len(place.mentions)} mentions")
    side = "end" if x > _W * 0.75 else "start"
    dx = -(radius + 3) if side == "end" else radius + 3
    return (f'<g class="marker {e(place.feature)}" data-place="{e(place.id)}">'
            f"<title>{e(tip)}</title>"
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}"/>'
            f'<text x="{x + dx:.1f}" y="{y + 4:.1f}" text-anchor="{side}">{e(place.name)}</text></g>')


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
    frame = _Frame.fit([p.lat for p in located if p.lat is not None],
                       [p.lon for p in located if p.lon is not None])
    # Big features first, so towns are drawn on top of countries and regions.
    order = sorted(located, key=lambda p: (p.feature not in ("country", "region"), p.name))
    markers = "".join(_marker(p, frame) for p in order)
    return (f'<svg class="map" viewBox="0 0 {_W} {_H}" width="{_W}" height="{_H}" role="img"'
            f' aria-label="Map of {len(located)} places">'
            f'<rect class="frame" x="{_PAD}" y="{_PAD}" width="{_W - 2 * _PAD}"'
            f' height="{_H - 2 * _PAD}"/>{_graticule(frame)}{markers}</svg>')


# --- Source x claim matrix ------------------------------------------------------------


def matrix_html(story: Story, ctx: StoryContext) -> str:
    """Which outlets carry (✓), refute (✗), hedge (?) or omit (blank) each shared claim."""
    claims = sorted((c for c in story.claims if c.status != "single-source"), key=status_rank)
    if not claims:
        return '<p class="meta">No corroborated or disputed claims.</p>'
    outlets = list(dict.fromkeys(outlet_of(ctx.articles[a]) for a in story.article_ids
                                 if a in ctx.articles))
    head = "".join(f'<th class="col" title="{e(o)}">{e(o)}</th>' for o in outlets)
    rows = "".join(_matrix_row(c, outlets, ctx) for c in claims[:MATRIX_ROWS])
    note = (f'<p class="meta">Showing {MATRIX_ROWS} of {len(claims)} claims.</p>'
            if len(claims) > MATRIX_ROWS else "")
    return (f'<p class="legend">✓ supports · ✗ refutes · ? uncertain · blank = omitted</p>'
            f'<div class="matrix-wrap"><table class="matrix"><thead><tr><th>Claim</th>{head}'
            f"</tr></thead><tbody>{rows}</tbody></table></div>{note}")


def _matrix_row(claim: Claim, outlets: Sequence[str], ctx: StoryContext) -> str:
    stances: dict[str, set[str]] = {}
    for m in claim.mentions:
        # A mention with no stance is the text asserting the claim.
        stances.setdefault(ctx.outlet(m), set()).add(m.stance or "supports")
    cells = "".join(_matrix_cell(stances.get(o, set())) for o in outlets)
    return (f'<tr><td><a href="#{e(claim.id)}">{e(claim.text)}</a> '
            f'<span class="badge {e(claim.status)}">{e(claim.status)}</span></td>{cells}</tr>')


def _matrix_cell(stances: set[str]) -> str:
    if not stances:
        return '<td class="c om"></td>'
    marks = [_SYMBOLS[s] for s in ("supports", "refutes", "uncertain") if s in stances]
    css = marks[0][1] if len(marks) == 1 else "mix"
    return f'<td class="c {css}">{"".join(sym for sym, _ in marks)}</td>'
