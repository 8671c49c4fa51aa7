"""Scoring of a place name's gazetteer readings: prominence plus the article's context.

Prominence: country > continent > first-level region > county > city by population,
national capitals ranked up. Context: a reading in a country or region the article names
or whose other places lie in, near those places, among named peers of its level, or in
a region other names could lie in (the more specific the name, the more it counts).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..models import PlaceRef
from .gazetteer import (
    COUNTY_OWN_POINT,
    KIND_CONTINENT,
    KIND_COUNTRY,
    KIND_COUNTY,
    KIND_PLACE,
    KIND_REGION,
    Gazetteer,
)
from .geocode_rules import fold_word

KIND_WEIGHT = {KIND_COUNTRY: 10.0, KIND_CONTINENT: 9.0, KIND_REGION: 7.5, KIND_COUNTY: 5.0}
CAPITAL_BONUS = 2.0  # a national capital is named far beyond its population's weight
HOME_CAPITAL_BONUS = 4.0  # more for the capital of a country the article is in
PEER_BONUS = 2.5  # per other named country or region of the same level (two at most)
POSSIBLE_WEIGHT = 1.0  # per other name with a reading in the candidate's region
SPECIFIC_READINGS = 8.0  # a name with more regions than this counts for less
METROPOLIS = 1_000_000  # a city this big takes its region's name when context is local
REGION_POP_LIFT = 1.0  # a region ranks like a city of ten times its towns' people
ALT_NAME_PENALTY = 2.5  # "Hanover" as an alternate name of Forestville ranks below Hanovers


@dataclass(slots=True)
class Context:
    """What the rest of the document says: countries and regions (cc, code) it names or
    whose places it mentions, and the points of those places (lat, lon, cc, code)."""

    countries: set[str]
    regions: set[tuple[str, str]]
    points: list[tuple[float, float, str, str]]
    named: set[tuple[str, str]] = field(default_factory=set)  # named outright: (cc, code)
    # How many other names *could* lie in each region (any of their candidates does):
    # "Paris" and "Henry County" both have a reading in Tennessee.
    possible: dict[tuple[str, str], float] = field(default_factory=dict)

    def add_possible(self, found: set[tuple[str, str]]) -> None:
        """Count another name's possible regions, a specific name more than a common
        one ("Colfax County" has 3 readings, "Springfield" 30)."""
        weight = min(1.0, SPECIFIC_READINGS / max(1, len(found)))
        for region in found:
            self.possible[region] = self.possible.get(region, 0.0) + weight


def regions_of(key: str, cands: tuple[int, ...], gaz: Gazetteer) -> set[tuple[str, str]]:
    """First-level regions of a name's leading readings (capped: "Springfield" has 40)."""
    top = priors(key, cands, gaz)[:30]
    return {(gaz.cc[i], gaz.a1[i]) for _, i in top if gaz.kind[i] != KIND_COUNTRY}


def add_index_context(ctx: Context, idx: int, gaz: Gazetteer) -> None:
    """Add one resolved entry of another name to the context."""
    cc, code, kind = gaz.cc[idx], gaz.a1[idx], gaz.kind[idx]
    ctx.countries.add(cc)
    if kind == KIND_COUNTRY:
        ctx.named.add((cc, ""))
    else:
        ctx.regions.add((cc, code))
    if kind == KIND_REGION:
        ctx.named.add((cc, code))
    if kind == KIND_PLACE or kind == KIND_COUNTY and gaz.pop[idx] >= COUNTY_OWN_POINT:
        ctx.points.append((gaz.lat[idx], gaz.lon[idx], cc, code))


def add_ref_context(ctx: Context, ref: PlaceRef, gaz: Gazetteer) -> None:
    """Add one already resolved reference (geocode_name's context) to the context."""
    if ref.country is None:
        return
    ctx.countries.add(ref.country)
    code = gaz.admin1_code(ref.country, ref.admin1) if ref.admin1 else None
    if ref.feature == "country":
        ctx.named.add((ref.country, ""))
    if code is None:
        return
    ctx.regions.add((ref.country, code))
    if ref.name == ref.admin1:
        ctx.named.add((ref.country, code))
    county = (ref.gazetteer_id or "").startswith(("fips:", "geonames-admin2:"))
    if ref.lat is not None and ref.lon is not None and (ref.feature != "region" or county):
        ctx.points.append((ref.lat, ref.lon, ref.country, code))


def prior(idx: int, key: str, gaz: Gazetteer) -> float:
    """Context-free score of a reading: its kind's weight, or a place's log population."""
    if gaz.kind[idx] == KIND_COUNTY and not says_county(key):
        return KIND_WEIGHT[KIND_COUNTY] - 2 * ALT_NAME_PENALTY  # bare "Clarke", "Oconee"
    weight = KIND_WEIGHT.get(gaz.kind[idx])
    if weight is not None and gaz.kind[idx] == KIND_REGION:
        # A parish of Antigua is no match for St. Paul, Minnesota: a region ranks by
        # the people of its towns, up to its kind's weight.
        return min(weight, math.log10(gaz.pop[idx] + 1) + REGION_POP_LIFT)
    if weight is not None:
        return weight
    alt = ALT_NAME_PENALTY if fold_word(gaz.names[idx]) != key else 0.0
    # A capital under its own name: "Mexico" (an alternate name of Mexico City) is not.
    capital = CAPITAL_BONUS if idx in gaz.capitals and not alt else 0.0
    return math.log10(gaz.pop[idx] + 1) - alt + capital


def says_county(key: str) -> bool:
    """True when the name itself says county ("Clarke County", "Rapides Parish")."""
    return key.endswith((" county", " parish", " co", " borough"))


def priors(key: str, cands: tuple[int, ...], gaz: Gazetteer) -> list[tuple[float, int]]:
    """Candidates with their context-free scores, memoised per name."""
    cached = gaz.cache.get(key)
    if cached is None or len(cached) != len(cands):
        cached = sorted(((prior(i, key, gaz), i) for i in cands), reverse=True)
        gaz.cache[key] = cached
    return cached


def context_bonus(idx: int, ctx: Context, gaz: Gazetteer, key: str = "") -> float:
    """What the article's other places add to a reading (distance aside)."""
    cc = gaz.cc[idx]
    bonus = 0.0
    if cc in ctx.countries:
        bonus += 2.0 + ((cc, "") in ctx.named)
        if idx in gaz.capitals and fold_word(gaz.names[idx]) == key:
            bonus += HOME_CAPITAL_BONUS  # "Washington" in a US story is the capital
    if gaz.kind[idx] != KIND_COUNTRY and (cc, gaz.a1[idx]) in ctx.regions:
        # A region the article names outright outweighs one inferred from an ambiguous town.
        bonus += 3.0 + 1.5 * ((cc, gaz.a1[idx]) in ctx.named)
    if gaz.kind[idx] != KIND_COUNTRY:
        bonus += POSSIBLE_WEIGHT * min(3.0, ctx.possible.get((cc, gaz.a1[idx]), 0.0))
    return bonus + peer_bonus(idx, ctx, gaz)


def peer_bonus(idx: int, ctx: Context, gaz: Gazetteer) -> float:
    """A country among other named countries, a first-level region among other named
    regions of its country: a story that names Israel and Syria means Jordan the
    country, one that names Ohio and New Jersey means New York the state."""
    kind, cc = gaz.kind[idx], gaz.cc[idx]
    if kind == KIND_COUNTRY:
        peers = sum(1 for c, code in ctx.named if not code and c != cc)
    elif kind == KIND_REGION:
        peers = sum(1 for c, code in ctx.named if code and c == cc and code != gaz.a1[idx])
    else:
        return 0.0
    return PEER_BONUS * min(2, peers)


def near_bonus(idx: int, ctx: Context, gaz: Gazetteer) -> float:
    """A place near the article's other places (regions and countries excepted)."""
    if not ctx.points or gaz.kind[idx] in (KIND_COUNTRY, KIND_REGION):
        return 0.0
    lat, lon = gaz.lat[idx], gaz.lon[idx]
    cos = math.cos(math.radians(lat))
    d = min(math.hypot(lat - p[0], (lon - p[1]) * cos) for p in ctx.points) * 111.0
    return 2.0 if d < 50 else 1.5 if d < 150 else 1.0 if d < 400 else 0.0


def best_reading(key: str, cands: tuple[int, ...], ctx: Context, gaz: Gazetteer) -> int:
    """The highest-scoring reading of a name in this context."""
    # Context adds at most ~10 points: past 60 readings a name's tail cannot win.
    scored = sorted(((p + context_bonus(i, ctx, gaz, key), i)
                     for p, i in priors(key, cands, gaz)[:60]), reverse=True)
    top = scored[:6]
    # Distance is the costly term: only the leading candidates get it.
    best = max(top, key=lambda si: si[0] + near_bonus(si[1], ctx, gaz))[1]
    return prefer_metropolis(best, cands, ctx, gaz)


def prefer_metropolis(best: int, cands: tuple[int, ...], ctx: Context, gaz: Gazetteer) -> int:
    """A region that shares its name with a metropolis inside it ("New York") is the
    city unless the article speaks at the level of regions (it names other regions of
    that country, or this one outright) or its other places in the region lie away
    from the city."""
    region = (gaz.cc[best], gaz.a1[best])
    if gaz.kind[best] != KIND_REGION or region in ctx.named or peer_bonus(best, ctx, gaz):
        return best
    cities = [i for i in cands if gaz.kind[i] == KIND_PLACE and gaz.pop[i] >= METROPOLIS
              and (gaz.cc[i], gaz.a1[i]) == region]
    if not cities:
        return best
    city = max(cities, key=lambda i: gaz.pop[i])
    # The article's other places in the region, away from the city: a regional story.
    lat, lon = gaz.lat[city], gaz.lon[city]
    cos = math.cos(math.radians(lat))
    if any((p[2], p[3]) == region and math.hypot(p[0] - lat, (p[1] - lon) * cos) * 111 > 100
           for p in ctx.points):
        return best
    return city
