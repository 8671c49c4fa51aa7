"""Find place mentions in text and resolve them against the offline gazetteer.

Mentions come from spaCy's GPE/LOC/FAC entities and from a gazetteer phrase matcher
over capitalised word sequences (the small English model misses or mislabels many
places). Matcher-only hits must clear a precision bar: a stop list of capitalised
common words, no lower-case use of the word elsewhere, not inside a person's name or
a nationality, and enough population or support from the rest of the article.

Each name is resolved by a score (``geocode_score``): prominence (country > region >
city population) plus document context (a candidate in a country or first-level region
the article names or whose other places lie in, or near those places). Context is
recomputed from the previous round's resolutions, twice, so one unambiguous place can
settle the rest.
"""

from __future__ import annotations

import logging
import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..models import Entity, PlaceRef
from .gazetteer import (
    COUNTY_OWN_POINT,
    KIND_COUNTRY,
    KIND_COUNTY,
    KIND_PLACE,
    KIND_REGION,
    Gazetteer,
    Place,
    fold,
)
from .gazetteer_names import GENERIC, US_STATE_ABBREVIATIONS
from .geocode_near import approximate, named_areas
from .geocode_rules import (
    CAPITAL,
    LOWER_WORD,
    MAX_WORDS,
    NEXT_WORD,
    SUFFIX_WORDS,
    demonym_country,
    feature_of,
    fold_word,
    is_stopword,
    looks_like_demonym,
    word_span,
)
from .geocode_score import (
    KIND_WEIGHT,
    Context,
    add_index_context,
    add_ref_context,
    best_reading,
    prior,
    regions_of,
    says_county,
)

log = logging.getLogger(__name__)


PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
BLOCK_LABELS = frozenset({"NORP", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL",
                          "ORDINAL", "LANGUAGE", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"})
FAR_FETCHED_POP = 100_000  # a smaller place abroad needs the article's support
OBSCURE_REGION_POP = 10_000  # a region with fewer people in its towns is no household name
_LOCATIVE = re.compile(r"\b(?:in|near|around|outside)\s+$")
_POSSESSIVE = re.compile(r"['’]s ")
_WORD = re.compile(r"[^\W\d_][\w'’\-]*\.?")
_MUNICIPAL = frozenset({"township", "twp", "borough", "village", "city", "town"})
_CONNECT = frozenset({"of", "de", "del", "la", "le", "du", "upon", "on", "am", "and", "the",
                      "da", "do", "dos", "das", "al", "el", "sur", "en"})


@dataclass(slots=True)
class Mention:
    """A candidate place span and its gazetteer candidates (best first once scored)."""

    start: int
    end: int
    key: str
    cands: tuple[int, ...]
    strong: bool  # from a GPE/LOC/FAC entity, or an explicit "X region"/country name
    weak: bool = False  # the span is exactly a PERSON entity: needs context to stand
    choice: int | None = None


def find_places(text: str, entities: Sequence[Entity], gazetteer: Gazetteer) -> list[PlaceRef]:
    """Place mentions in ``text``, geocoded with the article as context."""
    mentions = _entity_mentions(text, entities, gazetteer)
    mentions += _matcher_mentions(text, entities, gazetteer, mentions)
    mentions.sort(key=lambda m: m.start)
    _resolve(mentions, gazetteer)
    refs = []
    for m in mentions:
        if m.choice is None and not m.strong:
            continue
        if m.choice is not None and not m.strong and not _keep_weak(m, mentions, gazetteer):
            continue
        ctx = _context_without(m.key, mentions, gazetteer)
        if m.choice is not None and _far_fetched(m.choice, ctx, gazetteer):
            m.choice = None
        refs.append(_to_ref(text, m, gazetteer, ctx))
    # A name with no entry takes the point its own phrase ties it to ("X, a village near
    # Y"), from the places located above only.
    located = [r for r in refs if r.lat is not None]
    refs = [approximate(text, r, located) for r in refs]
    blocked = [(e.start, e.end) for e in entities if e.label in BLOCK_LABELS]
    return sorted(refs + named_areas(text, refs, blocked), key=lambda r: r.start)


def geocode_name(name: str, context: Sequence[PlaceRef], gazetteer: Gazetteer
                 ) -> PlaceRef | None:
    """Geocode a known place name (gold span) with already resolved places as context."""
    key = _clean_key(name)
    cands = _candidates(key, gazetteer)
    if not cands or looks_like_demonym(name):
        # Gold toponyms may be nationality words ("Russian", "Canadian" beside a
        # village of that name): their country, ranked as a country.
        country = demonym_country(key, gazetteer)
        if country is not None and country not in cands:
            cands = (*cands, country)
    if not cands:
        return None
    ctx = Context(set(), set(), [])
    # A name never supports itself, not even in another case ("NEWARK" and "Newark").
    context = [ref for ref in context if _clean_key(ref.text) != key]
    for ref in context:
        add_ref_context(ctx, ref, gazetteer)
    for other in {_clean_key(ref.text) for ref in context}:
        ctx.add_possible(regions_of(other, _candidates(other, gazetteer), gazetteer))
    best = best_reading(key, cands, ctx, gazetteer)
    m = Mention(0, len(name), key, cands, True, choice=best)
    return _to_ref(name, m, gazetteer, ctx)


@lru_cache(maxsize=65_536)
def _clean_key(text: str) -> str:
    key = fold(text)
    for prefix in ("the ",):
        if key.startswith(prefix):
            key = key[len(prefix):]
    return key[:-2] if key.endswith(" s") else key


def _candidates(key: str, gaz: Gazetteer) -> tuple[int, ...]:
    cands = gaz.lookup(key)
    if not cands:
        # "Readington Township", "Hamilton Twp.": the municipality under its plain name.
        head, _, tail = key.rpartition(" ")
        if head and tail in _MUNICIPAL:
            cands = tuple(i for i in gaz.lookup(head) if gaz.kind[i] == KIND_PLACE)
    if cands and all(word in GENERIC for word in key.split()):
        # "West Coast" is a common-noun phrase; a place that bears it only as an
        # alternate name (a "West Coast Village" in Singapore) is not what it means.
        cands = tuple(i for i in cands
                      if gaz.kind[i] != KIND_PLACE or fold_word(gaz.names[i]) == key)
    if len(cands) < 2:
        return cands
    # A region that bears its country's name ("México", the state) yields to the
    # country: the bare name means the country, the state is "State of Mexico".
    countries = {gaz.cc[i] for i in cands if gaz.kind[i] == KIND_COUNTRY}
    cands = tuple(i for i in cands if gaz.kind[i] != KIND_REGION or gaz.cc[i] not in countries)
    # A region that shares its bare name with a big city inside it ("Kharkiv",
    # "Zacatecas") yields to the city; "Kharkiv region" is keyed separately.
    # The city must bear the name itself: "New York" (an alternate name of New York
    # City) leaves the state standing.
    cities = {(gaz.cc[i], gaz.a1[i]) for i in cands
              if gaz.kind[i] == KIND_PLACE and gaz.pop[i] >= 50_000
              and fold_word(gaz.names[i]) == key}
    return tuple(i for i in cands
                 if not (gaz.kind[i] == KIND_REGION and (gaz.cc[i], gaz.a1[i]) in cities))


def _entity_mentions(text: str, entities: Sequence[Entity], gaz: Gazetteer) -> list[Mention]:
    out = []
    surnames = _surnames(entities)
    for ent in entities:
        if ent.label not in PLACE_LABELS:
            continue
        for start, end in _entity_parts(text, ent):
            end = _extend_suffix(text, start, end, gaz)
            cands = _candidates(_clean_key(text[start:end]), gaz)
            # spaCy sometimes labels "Ukrainian" GPE: a nationality is no place, not even
            # an unresolved one; an unknown FAC (a street, a plant) is not kept either,
            # nor a word that is a person's surname in this article ("Moore", "Ripley").
            if not cands and (ent.label == "FAC" or looks_like_demonym(text[start:end])) \
                    or _surname(text[start:end], cands, surnames, gaz):
                continue
            out.append(Mention(start, end, _clean_key(text[start:end]), cands, True))
    return out


def _entity_parts(text: str, ent: Entity) -> Iterable[tuple[int, int]]:
    """Split "Springfield, Illinois" and drop a leading "the" and a trailing "'s"."""
    pos = ent.start
    for piece in text[ent.start:ent.end].split(", "):
        start, end = pos, pos + len(piece)
        pos = end + 2
        if text[start:end].lower().startswith("the "):
            start += 4
        if text[start:end].endswith(("'s", "’s")):
            end -= 2
        owner = _POSSESSIVE.search(text, start, end)
        if owner is not None and not any(ch.isupper() for ch in text[owner.end():end]):
            end = owner.start()  # "Norway's west coast": the place is Norway
        # A span without a capital letter ("the west coast") is a common-noun phrase.
        if end > start and any(ch.isupper() for ch in text[start:end]):
            yield start, end


def _extend_suffix(text: str, start: int, end: int, gaz: Gazetteer) -> int:
    """Take in a following "region"/"oblast"/... when the longer name is known."""
    m = re.match(r"\s+([A-Za-z]+)", text[end:end + 20])
    if m and m.group(1).lower() in SUFFIX_WORDS:
        longer = end + m.end()
        if gaz.lookup(_clean_key(text[start:longer])):
            return longer
    return end


def _matcher_mentions(text: str, entities: Sequence[Entity], gaz: Gazetteer,
                      taken: list[Mention]) -> list[Mention]:
    blocked = _blocked_spans(entities)
    covered = [(m.start, m.end) for m in taken]
    lower_words = set(LOWER_WORD.findall(text))
    surnames = _surnames(entities)
    out: list[Mention] = []
    done = 0
    for cap in CAPITAL.finditer(text):
        if cap.start() < done:
            continue
        hit = _match_at(text, cap, gaz)
        if hit is None:
            continue
        start, end = hit
        done = end
        if (_overlaps(start, end, covered) or _blocked(start, end, blocked)
                or _org_head(text, start, end, entities)
                or _surname(text[start:end], gaz.lookup(_clean_key(text[start:end])),
                            surnames, gaz)):
            continue
        mention = _vet(text, start, end, gaz, lower_words, entities)
        if mention is not None:
            out.append(mention)
    return out


def _surnames(entities: Sequence[Entity]) -> set[str]:
    """Last words of the article's multi-word person names: "Moore" after "Tom Moore"
    is the man throughout the article, not the town."""
    return {fold_word(e.text.split()[-1]) for e in entities
            if e.label == "PERSON" and len(e.text.split()) > 1}


def _surname(surface: str, cands: tuple[int, ...], surnames: set[str], gaz: Gazetteer) -> bool:
    """A word that ends a person's name in the article, and names no country or region
    ("Rethinking Egypt" tagged as a person leaves Egypt a country)."""
    return fold_word(surface) in surnames and all(
        gaz.kind[i] in (KIND_PLACE, KIND_COUNTY) for i in cands)


def _match_at(text: str, cap: re.Match[str], gaz: Gazetteer) -> tuple[int, int] | None:
    """Longest gazetteer name starting at a capitalised word: its (start, end)."""
    spans = [word_span(cap)]
    words = [cap.group()]
    pos = cap.end()
    while len(spans) < MAX_WORDS and (not words[-1].endswith(".") or len(words[-1]) <= 4):
        nxt = NEXT_WORD.match(text, pos)
        if nxt is None:
            break
        word = nxt.group(1)
        low = word[0].islower()
        if low and word not in _CONNECT and word not in SUFFIX_WORDS:
            break
        spans.append(word_span(nxt, 1))
        words.append(word)
        pos = nxt.end()
        if low and word in SUFFIX_WORDS:
            break
    folded = [fold_word(text[s:e]) for s, e in spans]
    for n in range(len(spans), 0, -1):
        if n > 1 and words[n - 1][0].islower() and words[n - 1] not in SUFFIX_WORDS:
            continue
        if gaz.lookup(" ".join(folded[:n])):
            return spans[0][0], spans[n - 1][1]
    return None


def _blocked_spans(entities: Sequence[Entity]) -> list[tuple[int, int, str]]:
    return [(e.start, e.end, e.label) for e in entities
            if e.label in BLOCK_LABELS or e.label == "PERSON"]


def _blocked(start: int, end: int, blocked: list[tuple[int, int, str]]) -> bool:
    for s, e, label in blocked:
        if s < end and start < e:
            # A person's full name ("Martin Smith") blocks; a bare "Martin" may be a place.
            return label != "PERSON" or (e - s) > (end - start)
    return False


_ARTICLES = frozenset({"the", "a", "an"})


def _org_head(text: str, start: int, end: int, entities: Sequence[Entity]) -> bool:
    """The last word of a longer organisation name is its head noun ("the Accident
    Investigation Bureau"), not a place, unless it follows "of" or "in" ("University of
    Oxford", "Bank of England"), or ends a list the tagger took for one name ("Kyiv,
    Kharkiv and Odesa")."""
    for e in entities:
        if e.label == "ORG" and e.start < start and end == e.end:
            if "," in text[e.start:start] or " and " in text[e.start:start]:
                return False
            before = [w for w in text[e.start:start].split() if w.lower() not in _ARTICLES]
            return bool(before) and before[-1].lower() not in ("of", "in", "at", "for")
    return False


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _vet(text: str, start: int, end: int, gaz: Gazetteer, lower_words: set[str],
         entities: Sequence[Entity]) -> Mention | None:
    """Apply the matcher's precision rules; None when the span is not a place."""
    surface = text[start:end]
    key = _clean_key(surface)
    dotted = "." in surface.rstrip(".")  # "U.S", "S.C": not the word "us" or "sc"
    if is_stopword(key) or key in lower_words and not dotted:
        return None
    if surface.isupper() and len(surface) > 4 and not _dateline(text, start, end):
        return None
    if len(key) <= 3 and not surface.isupper() and "." not in surface:
        return None  # "Ind", "Mo", "Ely": abbreviations need their period, names are longer
    # Unlabelled, a small place counts under its own name or its name's head only:
    # "Area" is an alternate name of Mundelein, Illinois, and the first word of many
    # headlines; "Jerez" is short for Jerez de García Salinas.
    cands = tuple(i for i in _candidates(key, gaz) if gaz.kind[i] != KIND_PLACE
                  or gaz.pop[i] >= 100_000 or f"{fold_word(gaz.names[i])} ".startswith(
                      f"{key} "))
    if not cands:
        return None
    top = max(cands, key=lambda i: prior(i, key, gaz))
    if key in _abbreviations() and not surface.endswith(".") and text[end:end + 1] != ".":
        return None  # "Miss Smith", "PA system": a state's abbreviation needs its period
    sentence_start = start == 0 or text[:start].rstrip()[-1:] in ".!?\"“\n"
    # A name the tagger took for a person's, or for an organisation's that only an
    # alternate name of a place matches ("Hamas", Hamm), needs the article's support,
    # unless it follows "in", "near", ...
    labels = {e.label for e in entities if e.start == start and e.end == end}
    # "the White House" tagged as an organisation: a town's name rarely takes "the".
    the_org = any(e.label == "ORG" and e.end in (end, end + 2) and text[e.start:start].lower()
                  == "the " for e in entities)
    alternate = fold_word(gaz.names[top]) != key
    person = ("PERSON" in labels or "ORG" in labels and alternate or the_org) \
        and _LOCATIVE.search(text[max(0, start - 12):start]) is None
    # A region the tagger took for a person ("Brittany") needs support like a town.
    # So does a parish of the Isle of Man ("Michael"): a household name is no obscure one.
    doubtful_region = gaz.kind[top] == KIND_REGION and gaz.pop[top] < OBSCURE_REGION_POP
    strong = gaz.kind[top] in KIND_WEIGHT and not looks_like_demonym(surface) \
        and not (person and "PERSON" in labels) and not doubtful_region \
        and (gaz.kind[top] != KIND_COUNTY or says_county(key))
    return Mention(start, end, key, cands, False, weak=person or sentence_start
                   or doubtful_region or looks_like_demonym(surface)) if not strong else Mention(
        start, end, key, cands, True)


def _far_fetched(idx: int, ctx: Context, gaz: Gazetteer) -> bool:
    """A small place in a country the rest of the article never touches ("Trás" read as
    a village in Malaysia in a story about Portugal): better left unresolved."""
    return (gaz.kind[idx] == KIND_PLACE and gaz.pop[idx] < FAR_FETCHED_POP
            and bool(ctx.countries) and gaz.cc[idx] not in ctx.countries)


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    """Folded keys of the US states' dotted abbreviations ("Miss.", "Pa.")."""
    return frozenset(fold(a) for names in US_STATE_ABBREVIATIONS.values() for a in names
                     if a.endswith(".") and " " not in a)


def _dateline(text: str, start: int, end: int) -> bool:
    """An upper-case place opening a story: "COLUMBUS, Ohio (AP) —", "BEIRUT —"."""
    opens = start == 0 or text[:start].rstrip()[-1:] in ".\n"
    return opens and text[end:end + 2] in (", ", " —", " -", " (")


def _keep_weak(m: Mention, mentions: list[Mention], gaz: Gazetteer) -> bool:
    """A matcher-only town stands on population, or on the article's other places."""
    assert m.choice is not None
    idx = m.choice
    ctx = _context_without(m.key, mentions, gaz)
    if gaz.kind[idx] == KIND_COUNTY and not says_county(m.key):
        # A bare county name ("Scott", "Ford") is mostly a person's: its state must be named.
        return (gaz.cc[idx], gaz.a1[idx]) in ctx.regions
    if gaz.kind[idx] in KIND_WEIGHT:
        # A region under a word the tagger took for a person's ("Brittany"): its
        # country must be named outright, or one of its own places.
        return not m.weak or (gaz.cc[idx], "") in ctx.named or (
            gaz.kind[idx] != KIND_COUNTRY and (gaz.cc[idx], gaz.a1[idx]) in ctx.regions) or (
            gaz.kind[idx] == KIND_COUNTRY and gaz.cc[idx] in ctx.countries)
    pop = gaz.pop[idx]
    if (gaz.cc[idx], gaz.a1[idx]) in ctx.regions:
        return pop >= 1_000
    if gaz.cc[idx] in ctx.countries:
        return pop >= (20_000 if m.weak else 5_000)
    return not m.weak and pop >= 100_000


def _resolve(mentions: list[Mention], gaz: Gazetteer) -> None:
    regions = {m.key: regions_of(m.key, m.cands, gaz) for m in mentions if m.strong}
    for m in mentions:
        m.choice = best_reading(m.key, m.cands, Context(set(), set(), []), gaz) if m.cands else None
    for _ in range(2):
        by_key = {}
        for m in mentions:
            if m.cands and m.key not in by_key:
                ctx = _context_without(m.key, mentions, gaz)
                for key, found in regions.items():
                    if key != m.key:
                        ctx.add_possible(found)
                by_key[m.key] = best_reading(m.key, m.cands, ctx, gaz)
        for m in mentions:
            if m.cands:
                m.choice = by_key[m.key]


def _context_without(key: str, mentions: Iterable[Mention], gaz: Gazetteer) -> Context:
    """Context from the other names' current readings (each distinct name counted once,
    a name never supporting itself)."""
    ctx = Context(set(), set(), [])
    seen = {key}
    for m in mentions:
        if m.strong and m.choice is not None and m.key not in seen:
            seen.add(m.key)
            add_index_context(ctx, m.choice, gaz)
    return ctx



def _to_ref(text: str, m: Mention, gaz: Gazetteer, ctx: Context | None = None) -> PlaceRef:
    surface = text[m.start:m.end]
    if m.choice is None:
        return PlaceRef(surface, m.start, m.end, surface)
    p = gaz.place(m.choice)
    admin1 = p.name if p.kind == KIND_REGION else gaz.admin1_name(p.country, p.admin1_code)
    feature, precision = feature_of(p.kind, p.population)
    lat, lon = _point(p, ctx)
    return PlaceRef(surface, m.start, m.end, p.name, lat, lon, p.country, admin1,
                    feature, p.ident, precision)


def _point(p: Place, ctx: Context | None) -> tuple[float, float]:
    """The entry's point; for a US county without towns of its own in the data (placed
    at a namesake town or its state's middle) the middle of the article's places in
    that state: local news names a county together with its towns."""
    if p.kind != KIND_COUNTY or p.population >= COUNTY_OWN_POINT or ctx is None:
        return p.lat, p.lon
    near = [(q[0], q[1]) for q in ctx.points if (q[2], q[3]) == (p.country, p.admin1_code)]
    if not near:
        return p.lat, p.lon
    return statistics.median(q[0] for q in near), statistics.median(q[1] for q in near)
