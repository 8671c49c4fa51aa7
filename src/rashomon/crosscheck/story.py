"""Cross-check stage: turn a story's aligned mentions into claims, places, sources, timeline."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..claims.sources import build_sources
from ..models import (
    Article,
    ArticleClaims,
    Claim,
    ClaimMention,
    ClaimStatus,
    Conflict,
    Mention,
    Place,
    PlaceRef,
    Source,
    Story,
    TimelineEntry,
    When,
    stable_id,
)
from .alignment import Embedder, align
from .independence import Origins, count_independent, story_origins
from .references import dated_references
from .sides import assemble_with_units, find_findings
from .summaries import Namer
from .units import Unit


def to_mention(mention: ClaimMention, source_ids: dict[str, str]) -> Mention:
    """The report's view of a claim mention."""
    speaker = mention.speaker
    source_id = source_ids.get(speaker.text) if speaker else None
    return Mention(
        article_id=mention.article_id, start=mention.start, end=mention.end,
        quote=mention.quote, stance=mention.stance, source_id=source_id,
        attributed_as=speaker.text if speaker else None, when=mention.when,
    )


def claim_status(stances_by_origin: dict[str, set[str]], independent: int) -> ClaimStatus:
    """Corroborated by 2+ independent origins; disputed when anyone refutes or another
    origin doubts what one supports."""
    supporters = {o for o, st in stances_by_origin.items() if "supports" in st}
    doubters = {o for o, st in stances_by_origin.items() if st & {"refutes", "uncertain"}}
    if any("refutes" in st for st in stances_by_origin.values()) or (
            supporters and doubters - supporters):
        return "disputed"
    return "corroborated" if independent >= 2 and supporters else "single-source"


def _claim_text(group: Sequence[ClaimMention]) -> str:
    best = next((m for m in group if m.stance == "supports"), group[0])
    text = best.content.strip().strip("“”\"'").strip()
    for lead in ("that ", "That "):
        text = text.removeprefix(lead)
    return text[:1].upper() + text[1:] if text else best.quote


@dataclass(frozen=True, slots=True)
class StoryContext:
    """What claim building needs to know about a story's articles and sources."""

    articles: dict[str, Article]
    source_ids: dict[str, str]
    place_ids: dict[str, list[tuple[int, str]]]  # article id -> (offset, place id), sorted
    origins: Origins


def make_claim(group: Sequence[ClaimMention], ctx: StoryContext) -> Claim:
    """One claim from mentions that state the same proposition."""
    articles, source_ids, place_ids = ctx.articles, ctx.source_ids, ctx.place_ids
    stances: dict[str, set[str]] = {}
    for m in group:
        stances.setdefault(ctx.origins.of(m), set()).add(m.stance)
    independent = count_independent(group, ctx.origins)
    outlets = {articles[m.article_id].outlet or m.article_id for m in group}
    when = next((m.when for m in group if m.when), None)
    places = sorted({pid for m in group
                     for pid in _places_within(place_ids.get(m.article_id, []),
                                               m.content_start, m.content_end)})
    key = "|".join(f"{m.article_id}:{m.content_start}:{m.content_end}" for m in group)
    return Claim(
        id=stable_id("c", key), text=_claim_text(group),
        status=claim_status(stances, independent),
        mentions=tuple(to_mention(m, source_ids) for m in group), outlets=len(outlets),
        independent_sources=independent,
        when=when, place_ids=tuple(places),
    )


def _places_within(offsets: list[tuple[int, str]], start: int, end: int) -> list[str]:
    """Place ids at offsets in ``start:end`` of a list sorted by offset."""
    first = bisect_left(offsets, (start,))
    last = bisect_left(offsets, (end,), lo=first)
    return [pid for _, pid in offsets[first:last]]


def story_places(items: Sequence[ArticleClaims],
                 ) -> tuple[list[Place], dict[str, list[tuple[int, str]]]]:
    """Places of a story, merged by gazetteer id (or name when unresolved), and for each
    article the (offset, place id) of every place it names."""
    merged: dict[str, list[tuple[str, PlaceRef]]] = {}
    for item in items:
        for ref in item.annotated.places:
            key = ref.gazetteer_id or "name:" + ref.name.lower()
            merged.setdefault(key, []).append((item.annotated.article.id, ref))
    places: list[Place] = []
    index: dict[str, list[tuple[int, str]]] = {}
    for key in sorted(merged):
        refs = merged[key]
        # An unresolved name may have an approximate point in one article only.
        first = next((r for _, r in refs if r.lat is not None), refs[0][1])
        pid = stable_id("p", key)
        aliases = tuple(sorted({r.text for _, r in refs} - {first.name}))
        mentions = tuple(Mention(aid, r.start, r.end, r.text) for aid, r in refs)
        places.append(Place(pid, first.name, first.lat, first.lon, aliases, first.country,
                            first.admin1, first.feature, first.gazetteer_id, mentions))
        for aid, r in refs:
            index.setdefault(aid, []).append((r.start, pid))
    for offsets in index.values():
        offsets.sort()  # make_claim looks up the places inside a span by bisection
    return places, index


def timeline(claims: Sequence[Claim], references: Sequence[TimelineEntry] = (),
             ) -> list[TimelineEntry]:
    """Dated claims and the other dated events their sentences name (`dated_references`),
    in date order."""
    dated = [c for c in claims if c.when and (c.when.date or c.when.start)]
    entries = [TimelineEntry(c.text, c.mentions[:3], c.when or When(), c.id) for c in dated]
    entries += references
    entries.sort(key=lambda e: e.when.date or e.when.start or "")
    return entries


def build_story(story: Story, items: Sequence[ArticleClaims], embedder: Embedder,
                units: Sequence[Unit] | None = None) -> Story:
    """Fill a story (articles already grouped) with its claims, places, sources and
    timeline; ``units`` are the items' alignment units when the caller has them."""
    articles = {i.annotated.article.id: i.annotated.article for i in items}
    sources, source_ids = build_sources(items)
    places, place_ids = story_places(items)
    groups, units, sims = align(items, embedder, units=units)
    origins = story_origins(sources, source_ids, list(articles.values()))
    ctx = StoryContext(articles, source_ids, place_ids, origins)
    claims = [make_claim(g, ctx) for g in groups]
    namer = Namer({s.id: s.name for s in sources},
                  {p.gazetteer_id or "name:" + p.name.lower(): p.name for p in places},
                  {a.id: a.outlet for a in articles.values() if a.outlet},
                  {a.id: a.published for a in articles.values() if a.published})
    conflicts, contested = story_conflicts(units, sims, articles, origins, claims, namer)
    claims = contested_disputed(claims, groups, contested)
    dated = timeline(claims, dated_references(items, claims))
    return Story(
        id=story.id, title=story.title, article_ids=story.article_ids, period=story.period,
        claims=tuple(claims), conflicts=tuple(conflicts), timeline=tuple(dated),
        places=tuple(places), sources=tuple(_with_claims(sources, claims)),
    )


def story_conflicts(units: Sequence[Unit], sims: Any, articles: dict[str, Article],
                    origins: Origins, claims: Sequence[Claim], namer: Namer | None = None,
                    ) -> tuple[list[Conflict], set[MentionKey]]:
    """Typed conflicts of a story, each side citing its mentions, and the mentions on a
    side of a conflict other than an update (statements another origin contradicts)."""

    def origin(unit: Unit) -> set[str]:
        return {origins.speaker_of(m) for m in unit.mentions}

    def mentions_of(unit: Unit) -> list[Mention]:
        return [to_mention(m, origins.source_ids) for m in unit.mentions]

    findings = find_findings(units, sims, articles, origin)
    built = assemble_with_units(findings, units, mentions_of, claims, namer)
    contested = {mention_key(m) for conflict, members in built if conflict.kind != "update"
                 for k in members for m in units[k].mentions}
    return [conflict for conflict, _ in built], contested


MentionKey = tuple[str, int, int]


def mention_key(mention: ClaimMention) -> MentionKey:
    """A claim mention by its proposition: article and content span."""
    return mention.article_id, mention.content_start, mention.content_end


def contested_disputed(claims: Sequence[Claim], groups: Sequence[Sequence[ClaimMention]],
                       contested: set[MentionKey]) -> list[Claim]:
    """Claims with a mention on a side of a conflict become disputed: a rival figure,
    date, place or detail from another origin disputes them as a denial does, so neither
    side of "60 evacuated" vs "40 evacuated" is reported as corroborated. An update (a
    figure that moved on) disputes nothing."""
    return [replace(claim, status="disputed")
            if any(mention_key(m) in contested for m in group) else claim
            for claim, group in zip(claims, groups, strict=True)]


def _with_claims(sources: list[Source], claims: Sequence[Claim]) -> list[Source]:
    by_source: dict[str | None, dict[str, None]] = {}
    for c in claims:  # one pass: a big story has thousands of sources and claims
        for m in c.mentions:
            by_source.setdefault(m.source_id, {})[c.id] = None
    return [Source(s.id, s.name, s.kind, s.aliases, s.via, tuple(by_source.get(s.id, ())))
            for s in sources]
