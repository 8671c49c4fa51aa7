"""Building blocks of the HTML report: escaping, highlighted text, timeline, map and matrix.

Every string that comes from an article (text, titles, outlets, quotes, names) goes
through :func:`e` before it reaches the page.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape

from ..models import Article, Claim, Mention, Source, Story, TimelineEntry, When
from .glossary import badge_html

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


# When marks of several stances overlap, the strongest disagreement shows (a span the
# reader followed a link to, "st-target", over all).
MARK_PRIORITY = ("st-target", "st-ref", "st-unc", "st-sup", "st-other")


def highlight(article_id: str, text: str, spans: Iterable[Span],
              classes: Mapping[Span, str] | None = None) -> str:
    """The text escaped, with every span as ``<mark>`` segments.

    Overlapping spans are cut at each other's boundaries, so marks never nest or cross
    and the HTML stays well formed; the segment where a span starts carries its anchor id.
    ``classes`` gives a span a class (a stance); where classes overlap the first of
    ``MARK_PRIORITY`` wins.
    """
    size = len(text)
    delta: dict[int, int] = {}
    events: dict[int, list[tuple[str, int]]] = {}
    starts: set[int] = set()
    for start, end in spans:
        cls = classes.get((start, end), "") if classes else ""
        start, end = max(0, start), min(size, end)
        if start < end:
            delta[start] = delta.get(start, 0) + 1
            delta[end] = delta.get(end, 0) - 1
            starts.add(start)
            if cls:
                events.setdefault(start, []).append((cls, 1))
                events.setdefault(end, []).append((cls, -1))
    cuts = sorted({0, size, *delta})
    out: list[str] = []
    depth = 0
    active: Counter[str] = Counter()
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        depth += delta.get(lo, 0)
        for cls, step in events.get(lo, ()):
            active[cls] += step
        shown = next((c for c in MARK_PRIORITY if active[c] > 0), "") if events else ""
        out.append(_segment(article_id, text[lo:hi], lo, depth, lo in starts, shown))
    return "".join(out)


def _segment(article_id: str, chunk: str, pos: int, depth: int, starts: bool,
             cls: str = "") -> str:
    if depth <= 0:
        return e(chunk)
    ident = f' id="{e(anchor(article_id, pos))}"' if starts else ""
    extra = f" {cls}" if cls else ""
    return f'<mark class="d{min(depth, 3)}{extra}"{ident}>{e(chunk)}</mark>'


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
    badge = f" {badge_html(status)}" if status else ""
    link = f' <a href="#{e(entry.claim_id)}">claim</a>' if status else ""
    quotes = "".join(mention_item(ctx, m) for m in entry.mentions)
    count = len(entry.mentions)
    return (f'<li class="{e(status)}"><time>{e(when_text(entry.when))}</time>'
            f"<div>{e(entry.text)}{badge}{link}</div>"
            f'<details class="quotes"><summary>{count} quote{"" if count == 1 else "s"}'
            f'</summary><ul class="quotes">{quotes}</ul></details></li>')
