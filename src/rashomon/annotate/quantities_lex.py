"""Word tables for quantity recognition (numbers, scales, hedges, units, counted nouns)."""

from __future__ import annotations

import re
from dataclasses import replace

from ..models import Quantity


def _words(s: str) -> list[str]:
    """Split a space-separated word list (easier to read and edit than a list literal)."""
    return s.split()


_ONES: dict[str, int] = {
    w: i for i, w in enumerate(
        _words("one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen"), start=1)
}
_TENS: dict[str, int] = {
    w: 10 * i for i, w in enumerate(
        _words("twenty thirty forty fifty sixty seventy eighty ninety"), start=2)
}
_SCALES: dict[str, float] = {
    "hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "dozen": 12, "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12,
    "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,  # South Asian number words
}
# Order-of-magnitude bounds for vague plurals; "several"/"a few" multiply a scale word.
_VAGUE: dict[str, tuple[float, float]] = {
    "dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2e3, 9999),
    "tens of thousands": (1e4, 99_999), "hundreds of thousands": (1e5, 999_999),
    "millions": (2e6, 9_999_999), "tens of millions": (1e7, 99_999_999),
    "hundreds of millions": (1e8, 999_999_999), "billions": (2e9, 9_999_999_999),
}
_FEW: dict[str, tuple[float, float]] = {"several": (3, 9), "a few": (2, 5), "many": (3, 9)}
_APPROX: dict[str, str] = {
    **dict.fromkeys(("about", "around", "roughly", "some", "nearly", "almost", "approximately",
                     "an estimated", "estimated", "close to", "circa", "just under",
                     "just over"), "about"),
    **dict.fromkeys(("at least", "no fewer than", "no less than", "a minimum of"), "at_least"),
    **dict.fromkeys(("more than", "over", "upwards of", "in excess of", "above", "exceeding"),
                    "more_than"),
    **dict.fromkeys(("less than", "fewer than", "under", "below"), "less_than"),
    **dict.fromkeys(("up to", "at most", "as many as", "no more than", "a maximum of"),
                    "at_most"),
}
_SIGNS: dict[str, str] = {
    "$": "usd", "US$": "usd", "C$": "cad", "A$": "aud", "HK$": "hkd", "€": "eur", "£": "gbp",
    "¥": "jpy", "₴": "uah", "₽": "rub", "₹": "inr", "USD": "usd", "EUR": "eur", "GBP": "gbp",
}
# Unit surface -> (unit, factor, offset); imperial surfaces convert into the metric unit.
_UNITS: dict[str, tuple[str, float, float]] = {
    name: (unit, factor, 0.0)
    for names, unit, factor in (
        ("km/h|kph|kilometres per hour|kilometers per hour", "km/h", 1.0),
        ("mph|miles per hour", "km/h", 1.609344),
        ("m3/s|m³/s|cubic metres per second|cubic meters per second|cumecs", "m3/s", 1.0),
        ("km2|km²|sq km|square kilometres|square kilometers|square km", "km2", 1.0),
        ("square miles|sq miles", "km2", 2.589988),
        ("hectares|hectare|ha", "ha", 1.0), ("acres|acre", "ha", 0.404686),
        ("stremmata|stremmas|stremma|dunams|dunums|donums|dunam|dunum", "ha", 0.1),
        ("km|kms|kilometres|kilometers|kilometre|kilometer", "km", 1.0),
        ("miles|mile", "km", 1.609344), ("metres|meters|metre|meter|m", "m", 1.0),
        ("feet|foot|ft", "m", 0.3048),
        ("cm|centimetres|centimeters|centimetre|centimeter", "cm", 1.0),
        ("mm|millimetres|millimeters|millimetre|millimeter", "mm", 1.0),
        ("inches|inch", "mm", 25.4),
        ("kg|kgs|kilograms|kilogrammes|kilogram|kilos|kilo", "kg", 1.0),
        ("lb|lbs|pounds", "kg", 0.45359237),
        ("tonnes|tonne|metric tons|metric tonnes|tons|ton", "tonnes", 1.0),
        ("litres|liters|litre|liter", "l", 1.0),
        ("percent|per cent|%|pct", "percent", 1.0),
        ("percentage points|percentage point", "pp", 1.0),
        ("°c|ºc|degrees celsius|degrees centigrade|degrees c|celsius", "celsius", 1.0),
        ("seconds|second|secs", "s", 1.0), ("minutes|minute|mins|min", "min", 1.0),
        ("hours|hour|hrs", "h", 1.0), ("days|day", "day", 1.0), ("weeks|week", "week", 1.0),
        ("months|month", "month", 1.0), ("years|year", "year", 1.0),
        ("dollars|dollar|us dollars|usd", "usd", 1.0), ("euros|euro|eur", "eur", 1.0),
        ("yuan|renminbi|cny", "cny", 1.0), ("yen|jpy", "jpy", 1.0),
        ("gbp|pounds sterling", "gbp", 1.0), ("rubles|roubles|ruble|rouble|rub", "rub", 1.0),
        ("hryvnias|hryvnia|uah", "uah", 1.0), ("rupees|inr", "inr", 1.0),
    )
    for name in names.split("|")
} | {s: ("celsius", 5 / 9, -160 / 9) for s in ("°f", "ºf", "degrees fahrenheit", "fahrenheit")}
_DURATIONS = frozenset(("s", "min", "h", "day", "week", "month", "year"))

# Units of one dimension that annotation keeps apart (as the text wrote them) -> the unit
# frames compare them in, and its factor: "32 square kilometres" is "3,200 hectares".
_BASE: dict[str, tuple[str, float]] = {
    "km2": ("ha", 100.0), "km": ("m", 1000.0), "cm": ("m", 0.01), "mm": ("m", 0.001),
    "s": ("min", 1 / 60), "h": ("min", 60.0), "week": ("day", 7.0),
}


def in_base_unit(q: Quantity) -> Quantity:
    """The quantity in its dimension's comparison unit (its text unchanged)."""
    if q.unit not in _BASE:
        return q
    unit, factor = _BASE[q.unit]

    def scaled(x: float | None) -> float | None:
        return None if x is None else round(x * factor, 6)

    return replace(q, unit=unit, value=scaled(q.value), low=scaled(q.low), high=scaled(q.high))


# Canonical counted noun -> the ways it is written (singular forms map to the plural).
_NOUN_GROUPS: dict[str, str] = {
    "people": "people|person|persons|individuals", "children": "children|child",
    "dead": "dead|killed|deaths|death|fatalities|bodies|lives", "women": "women|woman",
    "injured": "injured|wounded|injuries|hurt", "men": "men|man", "missing": "missing",
    "evacuees": "evacuees|evacuated", "servicemen": "servicemen|serviceman",
    "policemen": "policemen|policeman", "aircraft": "aircraft|warplanes|warplane",
    "casualties": "casualties|casualty", "cities": "cities|city",
    "countries": "countries|country", "families": "families|family",
    "prisoners of war": "prisoners of war|pows", "crew members": "crew members|crew member|crew",
}
_REGULAR = _words(
    "civilians soldiers troops fighters militants officers residents passengers migrants "
    "refugees hostages prisoners detainees victims journalists workers students protesters "
    "demonstrators voters votes seats ballots candidates homes houses buildings apartments "
    "schools hospitals villages towns settlements regions districts states drones missiles "
    "rockets shells bombs tanks planes jets helicopters vehicles ships vessels boats trucks "
    "cars flights trains launchers weapons rounds strikes airstrikes attacks explosions "
    "incidents cases infections patients households animals trees fires earthquakes "
    "bridges doses survivors rescuers firefighters medics doctors teachers employees jobs "
    "members lawmakers tourists pilgrims miners sailors marines paratroopers mercenaries "
    "recruits conscripts polling_stations armored_vehicles armoured_vehicles power_lines "
    "artillery_systems rescue_workers police_officers"
)
_NOUNS: dict[str, str] = {v: canon for canon, vs in _NOUN_GROUPS.items() for v in vs.split("|")}
_NOUNS |= {f.replace("_", " "): p.replace("_", " ") for p in _REGULAR for f in (p, p[:-1])}
_STOP_MODIFIERS = _words(
    "and or but nor the a an of to in on at by for with from as that which who whom than per "
    "since after before when while into across over under this these those its their his her "
    "our your my said says percent"
)
_NOT_PLURAL = frozenset(
    _words("was has is does its this thus yes perhaps whereas always sometimes besides towards "
    "afterwards less unless says goes comes makes seems means remains news series species "
    "times")
)
_ID_WORDS = frozenset(
    _words("flight article resolution route highway road motorway chapter section paragraph clause "
    "platform gate terminal block building room unit line bus apollo channel level phase stage "
    "category grade class model version protocol amendment decree order no number item camp "
    "zone sector ward precinct station track runway pier lot exhibit table figure page vol "
    "volume episode season act bill art reactor tower apartment flat hall")
)
_STOP_SET = frozenset(_STOP_MODIFIERS)
_NOT_ENDINGS = ("ss", "us", "is", "ies")
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)

# --- Patterns (compiled once) -------------------------------------------------------------


_AGE_BEFORE = re.compile(r"\b(?:aged|the age of)\s*$", re.IGNORECASE)
_PEOPLE_BEFORE = re.compile(
    r"\b(?:people|persons|men|women|children|adults|patients|residents|those|anyone|"
    r"voters|workers|drivers|teenagers|girls|boys)\s+(?P<bound>(?:over|under|above|below)"
    r"\s+)?$", re.IGNORECASE)
_BOUND = re.compile(r"(?:over|under|above|below)\b", re.IGNORECASE)


def is_age(text: str, q: Quantity) -> bool:
    """'a man aged 45', 'people over 65': an age that qualifies a group, not a count."""
    if q.unit:
        return False
    before = text[max(0, q.start - 40) : q.start]
    if _AGE_BEFORE.search(before):
        return True
    people = None if q.counted else _PEOPLE_BEFORE.search(before)
    # The bound word ends the text before the number, or begins the number's own span.
    return people is not None and bool(people.group("bound") or _BOUND.match(q.text))
