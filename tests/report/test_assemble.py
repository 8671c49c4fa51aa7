"""The report writer: the contract's schema, determinism, and the spec's offset rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rashomon.engine.pipeline import analyze
from rashomon.report.assemble import report_json, write_text_atomic

from ..conftest import FIXTURES

jsonschema = pytest.importorskip("jsonschema")


def _without_stamp(text: str) -> dict[str, object]:
    data = json.loads(text)
    data.pop("generated_at")
    return data


def test_same_input_same_bytes_apart_from_timestamp() -> None:
    first = report_json(analyze([str(FIXTURES / "corpus")]))
    second = report_json(analyze([str(FIXTURES / "corpus")]))
    assert _without_stamp(first) == _without_stamp(second)
    assert first.split('"generated_at"')[0] == second.split('"generated_at"')[0]


def test_report_validates_against_contract(shared: Path) -> None:
    schema = json.loads((shared / "spec" / "report.schema.json").read_text())
    for corpus in (FIXTURES / "corpus", shared / "seeds", shared / "eval" / "dev" / "articles"):
        data = json.loads(report_json(analyze([str(corpus)])))
        jsonschema.validate(data, schema)


def test_example_corpus_validates(shared: Path) -> None:
    schema = json.loads((shared / "spec" / "report.schema.json").read_text())
    examples = Path(__file__).resolve().parents[2] / "examples" / "ferry-grounding"
    data = json.loads(report_json(analyze([str(examples)])))
    jsonschema.validate(data, schema)
    assert len(data["articles"]) >= 4


def test_atomic_write_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "r.json"
    write_text_atomic(target, "one")
    write_text_atomic(target, "two")
    assert target.read_text() == "two"
    assert [p.name for p in target.parent.iterdir()] == ["r.json"]


def test_written_report_is_not_private(tmp_path: Path) -> None:
    import os
    import stat

    target = tmp_path / "r.json"
    write_text_atomic(target, "x")
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
