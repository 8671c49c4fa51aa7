"""read_records: JSON, JSONL, CSV and TSV collections."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from rashomon.errors import InputError
from rashomon.ingest.draft import Draft
from rashomon.ingest.records import read_records
from rashomon.options import Options

FORMATS = Path(__file__).parents[1] / "fixtures" / "formats"


def _read(name: str, fmt: str, options: Options | None = None) -> list[Draft | InputError]:
    text = (FORMATS / name).read_text(encoding="utf-8")
    return list(read_records(text, fmt, path=name, options=options or Options()))  # type: ignore[arg-type]


def test_json_list() -> None:
    first, second, empty = _read("list.json", "json")
    assert isinstance(first, Draft) and isinstance(second, Draft)
    assert first.path == "list.json#1" and second.path == "list.json#2"
    assert first.title == "Keepers vote to strike"
    assert first.text == "Lighthouse keepers voted to strike on Thursday."
    assert first.outlet == "Port Avalon Courier"  # nested {"name": ...}
    assert first.byline == "Morwenna Tregear"
    assert first.url == "https://courier.example/a"
    assert (first.published, first.published_from) == ("2031-03-14", "metadata")
    assert isinstance(empty, InputError)
    assert (empty.where, empty.problem) == ("list.json#3", "no article text")


def test_json_object_keeps_plain_path() -> None:
    (draft,) = _read("object.json", "json")
    assert isinstance(draft, Draft)
    assert draft.path == "object.json"
    assert draft.outlet == "Northshore Bulletin"
    assert draft.published == "2031-03-18"


def test_json_wrapper() -> None:
    drafts = _read("wrapped.json", "json")
    assert [d.path for d in drafts if isinstance(d, Draft)] == ["wrapped.json#1", "wrapped.json#2"]


def test_malformed_json() -> None:
    (error,) = _read("malformed.json", "json")
    assert isinstance(error, InputError)
    assert error.where == "malformed.json"
    assert "line 3, column 19" in error.problem


def test_jsonl_bad_line_does_not_stop_the_rest() -> None:
    first, bad, second = _read("feed.jsonl", "jsonl")
    assert isinstance(first, Draft) and first.path == "feed.jsonl#1"
    assert first.outlet == "Port Avalon Courier"
    assert isinstance(bad, InputError)
    assert bad.where == "feed.jsonl#2" and "malformed JSON on line 3" in bad.problem
    assert isinstance(second, Draft) and second.path == "feed.jsonl#3"
    assert second.outlet == "Avalon Coast Radio" and second.published == "2031-03-16"


def test_single_jsonl_line_still_numbered() -> None:
    (draft,) = read_records('{"body": "Text."}\n', "jsonl", path="one.jsonl", options=Options())
    assert isinstance(draft, Draft) and draft.path == "one.jsonl#1"


def test_csv_odd_column_names() -> None:
    first, second, empty = _read("odd_columns.csv", "csv")
    assert isinstance(first, Draft) and isinstance(second, Draft)
    assert first.path == "odd_columns.csv#1"
    assert first.title == "Keepers vote to strike"
    assert first.outlet == "Port Avalon Courier"
    assert first.published == "2031-03-14"
    assert first.url == "https://courier.example/a"
    assert "Islanders face days" in second.text
    assert isinstance(empty, InputError) and empty.where == "odd_columns.csv#3"


def test_tsv() -> None:
    (draft,) = _read("odd_columns.tsv", "tsv")
    assert isinstance(draft, Draft)
    assert draft.path == "odd_columns.tsv#1"
    assert draft.text == "The tidal barrier held back a surge."
    assert draft.title == "Barrier holds" and draft.outlet == "Northshore Bulletin"


def test_column_options_override() -> None:
    text = "a,b,c\nShort title,The body text is here.,Some Outlet\n"
    options = Options(text_column="B", title_column="a", outlet_column="c")
    (draft,) = read_records(text, "csv", path="x.csv", options=options)
    assert isinstance(draft, Draft)
    assert (draft.text, draft.title, draft.outlet) == ("The body text is here.", "Short title",
                                                       "Some Outlet")


def test_missing_text_column_option() -> None:
    (error,) = read_records("a,b\n1,2\n", "csv", path="x.csv", options=Options(text_column="z"))
    assert isinstance(error, InputError) and "text_column" in error.problem


def test_malformed_csv() -> None:
    results = _read("malformed.csv", "csv")
    assert len(results) == 1
    error = results[0]
    assert isinstance(error, InputError)
    assert error.where == "malformed.csv" and "malformed CSV on line 3" in error.problem


def test_epoch_dates() -> None:
    (draft,) = read_records('[{"body": "x y", "timestamp": 1900000000}]', "json", path="e.json",
                            options=Options())
    assert isinstance(draft, Draft) and draft.published == "2030-03-17"


def test_fnc1_bodies_read_fast(shared: Path) -> None:
    path = shared / "eval" / "public" / "fnc1" / "train_bodies.csv"
    if not path.is_file():
        pytest.skip("FNC-1 bodies not available")
    started = time.perf_counter()
    results = list(read_records(path.read_text(encoding="utf-8"), "csv", path=path.name,
                                options=Options()))
    elapsed = time.perf_counter() - started
    assert len(results) == 1683
    assert all(isinstance(r, Draft) for r in results)
    assert elapsed < 5


def test_dev_corpus_jsonl(shared: Path) -> None:
    import json

    path = shared / "eval" / "dev" / "articles" / "feed.jsonl"
    if not path.is_file():
        pytest.skip("dev feed.jsonl not available")
    gold = json.loads((shared / "eval" / "dev" / "gold.json").read_text())["articles"]
    for draft in read_records(path.read_text(encoding="utf-8"), "jsonl", path=path.name,
                              options=Options()):
        assert isinstance(draft, Draft) and draft.path in gold
        assert draft.outlet == gold[draft.path]["outlet"]
        assert draft.published == gold[draft.path]["published"]


def test_rows_with_extra_cells_are_reported() -> None:
    from rashomon.errors import InputWarning

    text = ("title,text\nA,The ferry ran aground on Monday.,stray\n"
            "B,The harbour reopened on Tuesday.\nC,Divers looked at the hull.,x,y\n")
    results = list(read_records(text, "csv", path="rows.csv", options=Options()))
    warnings = [r for r in results if isinstance(r, InputWarning)]
    assert [w.problem for w in warnings] == [
        "2 row(s) have more cells than the header's 2 (first: row 1, line 2); the extra "
        "cells were ignored"]
    assert sum(isinstance(r, Draft) for r in results) == 3
