"""Approximate points for place names the gazetteer lacks, from the place their own
phrase ties them to.

Villages below the gazetteer's size, reservoirs, valleys and historical regions have no
entry, but news rarely names one without saying where it is: "Norway's Hardanger
region", "Brookfield, a village near Albany", "the Oak Creek dam upstream of Fresno",
"the Delta district of Kenya". Such a name gets the point of the place it is tied to,
which is near it or contains it. The point is approximate: the reference keeps no
gazetteer id (so it never takes part in a place conflict or a claim's place as a
located town does) and a coarse precision ("region" or the container's own, if
coarser), never "city" or "point".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..models import PlaceRef

_DIRECTION = r"(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?"
# What ties a name to the place after it: "in", "near", "outside", "of" (a district of),
# "north of", "upstream of", with an apposition's noun phrase before it (", a village
# near", ", the capital of").
_AFTER = re.compile(
    r"(?P<heads>(?:\s+[a-z]+){0,2}?)"
    r"(?:,\s+(?:a|an|the)(?P<apposition>(?:\s+[\w\-]+){0,3}?))?"
    r",?\s+(?:in|near|outside|of|around|close\s+to|just\s+outside|"
    + _DIRECTION + r"\s+of|(?:up|down)stream\s+(?:of|from))"
    r"\s+(?:the\s+)?(?:(?:city|town|village|state|province|county|region|district)\s+of\s+)?")
# "Y's X": the container owns the name ("western Norway's Hardanger region").
_OWNER = re.compile(r"['’]s\s+(?:[a-z]+\s+){0,2}$")
_MAX_GAP = 60  # characters between the name and its tie
# Settlement nouns: "the Alpine town of Y" names a town inside the area, the reverse tie.
_SETTLEMENTS = frozenset({"town", "city", "village", "hamlet", "township", "community",
                          "settlement", "port", "suburb", "borough"})
# Capitalised words that open a sentence, not a name ("In Hardanger region").
_OPENERS = frozenset({"The", "In", "At", "Near", "From", "To", "Of", "A", "An", "On", "By"})
# Nouns of areas and natural features that, after a capitalised name, make it a place
# the tagger may have missed ("the Tana valley", "Norway's Hardanger region"); words that
# also follow parties or companies ("state", "border", "station") are left out.
AREA_HEADS = frozenset("""
region valley reservoir dam river lake village district province county mountains hills
creek bay island park basin gorge canyon forest peninsula municipality delta plateau
hamlet parish oblast governorate prefecture township borough neighborhood neighbourhood
suburb
""".split())
# Nouns a place's name is followed by ("the Lusk reservoir", "the Tana valley"): they may
# stand between the name and its tie ("the X dam upstream of Y"). The area nouns, and
# words that follow other names too.
HEAD_WORDS = AREA_HEADS | frozenset("""
regions valleys villages islands area city town community settlement state coast border
crossing range pass plain highlands lowlands port airport station square
""".split())
# "French-speaking", "rebel-held": a compound adjective, not a name.
_ADJECTIVE = re.compile(r"-[a-z]+\b")
# An area noun, then the capitalised name right before it (at most three words).
_AREA_NOUN = re.compile(r"\s(?:" + "|".join(sorted(AREA_HEADS)) + r")\b")
_NAME_BEFORE = re.compile(
    r"(?<![\w'’\-.])[A-ZÀ-ÖØ-Þ][\w'’\-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w'’\-]*){0,2}$")


def approximate(text: str, ref: PlaceRef, located: Sequence[PlaceRef]) -> PlaceRef:
    """``ref`` with the point of the located place its phrase ties it to ("X, a village
    near Y", "Y's X region", "X, Y" with Y a region or country); unchanged when there is
    no tie or ``ref`` already has a point."""
    if ref.lat is not None:
        return ref
    tie = tied_to(text, ref.start, ref.end, located)
    if tie is None or tie.lat is None:
        return ref
    precision = tie.precision if tie.precision in ("region", "country") else "region"
    return replace(ref, lat=tie.lat, lon=tie.lon, country=tie.country,
                   admin1=tie.admin1 if tie.precision != "country" else None,
                   precision=precision)


def named_areas(text: str, taken: Sequence[PlaceRef], blocked: Sequence[tuple[int, int]]
                ) -> list[PlaceRef]:
    """Capitalised names before an area noun ("Hardanger region", "Oak Creek dam") that no
    reference covers, each with the approximate point of a located place its phrase ties
    it to; a name with no such tie is not reported."""
    located = [r for r in taken if r.lat is not None]
    spans = [(r.start, r.end) for r in taken] + list(blocked)
    out = []
    for noun in _AREA_NOUN.finditer(text):
        lead = max(0, noun.start() - 80)
        m = _NAME_BEFORE.search(text, lead, noun.start())
        if m is None:
            continue
        start, end = _own_name(text, *m.span())
        if start == end:
            continue
        if any(s < end and start < e for s, e in spans):
            continue
        name = text[start:end]
        if _ADJECTIVE.search(name):
            continue
        ref = approximate(text, PlaceRef(name, start, end, name), located)
        if ref.lat is not None:
            out.append(ref)
    return out


def _own_name(text: str, start: int, end: int) -> tuple[int, int]:
    """The name less an owner before it ("Norway's Hardanger") and a sentence's opening
    article or preposition ("The", "In")."""
    for word in re.finditer(r"\S+", text[start:end]):
        if word.group().endswith(("'s", "’s")) or word.group() in _OPENERS:
            start = start + word.end()
    while start < end and text[start].isspace():
        start += 1
    return start, end


def tied_to(text: str, start: int, end: int, located: Sequence[PlaceRef]) -> PlaceRef | None:
    """The located place that the phrase around ``text[start:end]`` ties it to, if any."""
    for other in located:
        if other.lat is None or other.start < end and start < other.end:
            continue
        if 0 <= start - other.end <= _MAX_GAP and _owner(text[other.end:start]) \
                and _headed(text, start, end):
            return other
        if 0 <= other.start - end <= _MAX_GAP and _after(text, start, end, other):
            return other
    return None


def _headed(text: str, start: int, end: int) -> bool:
    """The name ends in, or is followed by, a place noun ("Ebro Delta", "Hardanger
    region"): after a possessive, a bare name is as often a paper or a firm ("Ruritania's
    Gazette")."""
    last = text[start:end].split()[-1:]
    nxt = re.match(r"\s+([A-Za-z]+)", text[end:end + 20])
    words = [w.lower() for w in last + ([nxt.group(1)] if nxt else [])]
    return any(w in HEAD_WORDS for w in words)


def _listed(text: str, start: int, other: PlaceRef) -> bool:
    """"X, Y" is a list, or Y heads an apposition, rather than a place and its area:
    "A, B, and C", "the UK, or X, Y would", "X, Britain's agency"."""
    before = text[max(0, start - 12):start]
    after = text[other.end:other.end + 12]
    return (re.search(r"(?:,|\band|\bor)\s+(?:the\s+)?$", before) is not None
            or re.match(r"(?:['’]s\b|,?\s+(?:and|or)\s+[A-Z]|,\s+[A-Z])", after) is not None)


def _owner(gap: str) -> bool:
    return _OWNER.fullmatch(gap) is not None


def _after(text: str, start: int, end: int, other: PlaceRef) -> bool:
    """A tie from the name ``text[start:end]`` forward to ``other``: a relation word, or
    a bare comma when ``other`` is an area ("Tana, Kenya"; "Paris, Lyon" is a list)."""
    gap = text[end:other.start]
    if gap == ", ":
        return other.precision in ("region", "country") and not _listed(text, start, other)
    m = _AFTER.fullmatch(gap)
    if m is None:
        return False
    heads = m.group("heads").split()
    apposition = m.group("apposition")
    # Without a place noun or an apposition, "X of Y" is a title or a body ("the Duke of
    # Y", "the Bank of Y") and "X in Y" as often a thing or a group ("the flu in Y").
    if not heads and apposition is None and not gap.startswith(",") \
            and re.match(r"\s+(?:of|in)\s", gap) and not _headed(text, start, end):
        return False
    # "the Alpine town of Y": a settlement word then "of" names the town inside the
    # area, the reverse tie.
    if heads and heads[-1] in _SETTLEMENTS and re.search(r"\sof\s+(?:the\s+)?$", gap):
        return False
    # An apposition must say what kind of place it is (", a village near"); "the
    # militant network in Y" is about a group.
    if apposition is not None and not set(apposition.lower().split()) & (
            HEAD_WORDS | {"capital"}):
        return False
    return all(w in HEAD_WORDS for w in heads)

