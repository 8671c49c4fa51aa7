"""Word lists, word patterns and small helpers for the place matcher and geocoder.

Many English words are also the name of some village ("March", "Will", "Police",
"Mayor"); the matcher must not tag them without an entity label or strong context.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from ..models import PlaceFeature
from .gazetteer import (
    KIND_CONTINENT,
    KIND_COUNTRY,
    KIND_COUNTY,
    KIND_PLACE,
    KIND_REGION,
    Gazetteer,
)
from .gazetteer_names import COUNTRY_ALIASES, fold

Precision = Literal["point", "city", "region", "country", "unresolved"]

# A capitalised word, or a dotted abbreviation ("U.S.", "S.C.").
CAPITAL = re.compile(r"(?<![\w'’\-.])(?:[A-Z](?:\.[A-Z])+\.?|[A-ZÀ-ÖØ-Þ][\w'’\-]*\.?)")
NEXT_WORD = re.compile(r" ([^\W\d_][\w'’\-]*\.?)")
LOWER_WORD = re.compile(r"\b[a-z][a-z]+\b")
MAX_WORDS = 6
SUFFIX_WORDS = frozenset({"region", "oblast", "province", "county", "parish", "governorate",
                          "voivodeship", "prefecture", "krai", "state", "Region", "Oblast",
                          "Province", "County", "Parish", "Governorate", "State"})

_STOP = """
a an the this that these those it its he she they we you i me my our your his her their
in on at for but and or if when while after before as by from with of to up down out over
will may can could would should must shall might here there where what who whom why how
some many most more all any no not one two three four five six seven eight nine ten
first second third last next new old big little great good best top
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday
christmas easter ramadan god lord jesus church school university college academy
city county state street road avenue park lake river mount hospital center centre court
hall house senate congress parliament assembly army navy police fire department office
ministry government republic union north south east west central northern southern
eastern western independence victory liberty hope friendship unity progress freedom
mr mrs ms dr sir lady rev gen col lt sgt capt major mayor president governor sheriff
officer judge senator chief general minister prime king queen prince princess pope
saint st bishop father mother brother sister son daughter man woman men women people
news press times post daily herald journal tribune gazette report reports story
said says told according also however meanwhile still even just only then now yet so
home world national international local federal public private free royal
love life peace war day week month year time morning evening night
spring summer autumn fall winter weekend holiday
black white red green blue brown gray grey gold silver
man police station airport port bay beach island islands valley hill hills
english french german spanish russian ukrainian american british chinese
internet online web email twitter facebook google apple amazon
mobile reading bath nice best
"""
STOPWORDS = frozenset(_STOP.split())

_DEMONYM_ENDINGS = ("ian", "ians", "ese", "ish", "ean", "eans", "ans", "i", "ic")


def is_stopword(key: str) -> bool:
    """True for a folded key that is a common capitalised English word."""
    return key in STOPWORDS


def looks_like_demonym(surface: str) -> bool:
    """ "Ukrainian", "Russians", "Pakistani": nationality words, not places."""
    word = surface.strip()
    return " " not in word and len(word) > 4 and word.lower().endswith(_DEMONYM_ENDINGS)


# Nationality words the suffix rule cannot reach (or would send astray).
DEMONYMS: dict[str, str] = {
    "irish": "IE", "british": "GB", "english": "GB", "scottish": "GB", "scots": "GB",
    "welsh": "GB", "dutch": "NL", "french": "FR", "swiss": "CH", "greek": "GR",
    "cypriot": "CY", "filipino": "PH", "thai": "TH", "afghan": "AF", "danish": "DK",
    "swedish": "SE", "finnish": "FI", "polish": "PL", "spanish": "ES", "turkish": "TR",
    "sinhalese": "LK", "saudi": "SA", "norwegian": "NO", "peruvian": "PE",
    "argentine": "AR", "portuguese": "PT", "korean": "KR", "kuwaiti": "KW", "emirati": "AE",
    "icelandic": "IS", "slovak": "SK", "czech": "CZ", "serb": "RS", "croat": "HR",
    "uzbek": "UZ", "kazakh": "KZ", "tajik": "TJ", "kyrgyz": "KG", "turkmen": "TM",
}
_DEMONYM_STRIP = ("ians", "ans", "ese", "ish", "ian", "ean", "an", "n", "is", "i", "s", "")


def demonym_country(key: str, gaz: Gazetteer) -> int | None:
    """The country entry a nationality word names ("russian" -> Russia), if any."""
    word = key[:-1] if key.endswith("s") and key[:-1] in DEMONYMS else key
    if word in DEMONYMS:
        return gaz.countries.get(DEMONYMS[word])
    names = _country_keys(gaz)
    for ending in _DEMONYM_STRIP:
        stem = key[: len(key) - len(ending)]
        if not key.endswith(ending) or len(stem) < 4:
            continue
        hits = [idx for name, idx in names if name.startswith(stem) and len(name) - len(stem) <= 3]
        # Countries come first: "Georgian" is the country's before the US state's.
        countries = [h for h in hits if gaz.kind[h] == KIND_COUNTRY]
        if len(set(countries or hits)) == 1:
            return (countries or hits)[0]
    return None


def _country_keys(gaz: Gazetteer) -> list[tuple[str, int]]:
    cached = gaz.cache.get("\x00countries")
    if cached is None:
        cached = [(k, i) for i in _demonym_targets(gaz) for k in _names_of(gaz, i)]
        gaz.cache["\x00countries"] = cached
    return cached


def _names_of(gaz: Gazetteer, idx: int) -> set[str]:
    aliases = COUNTRY_ALIASES.get(gaz.cc[idx], ()) if gaz.kind[idx] == KIND_COUNTRY else ()
    return {fold(gaz.names[idx]), *(fold(a) for a in aliases)}


def _demonym_targets(gaz: Gazetteer) -> list[int]:
    """Countries, then first-level regions and continents ("Ohioans", "European")."""
    others = [i for i, kind in enumerate(gaz.kind) if kind == KIND_CONTINENT]
    return [*gaz.countries.values(), *gaz.admin1.values(), *others]


@lru_cache(maxsize=65_536)
def fold_word(word: str) -> str:
    """Folded form of one word, memoised (the matcher folds the same words often)."""
    return fold(word)


def word_span(m: re.Match[str], group: int = 0) -> tuple[int, int]:
    """A word's span without a possessive 's or a final period."""
    start, end = m.span(group)
    word = m.group(group)
    if word.endswith(("'s", "’s")):
        end -= 2
    elif word.endswith(".") and len(word) > 1 and "." not in word[:-1]:
        end -= 1  # a sentence's period; a dotted abbreviation ("U.S.") keeps its own
    return start, end


def feature_of(kind: int, pop: int) -> tuple[PlaceFeature, Precision]:
    """PlaceRef feature and precision for an entry kind and population."""
    if kind == KIND_COUNTRY:
        return "country", "country"
    if kind in (KIND_REGION, KIND_COUNTY):
        return "region", "region"
    if kind == KIND_CONTINENT:
        return "other", "region"
    if kind == KIND_PLACE:
        size: PlaceFeature = "city" if pop >= 100_000 else "town" if pop >= 10_000 else "village"
        return size, "city"
    return "other", "point"
