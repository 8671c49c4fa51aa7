"""docs/report-format.md cannot drift: every field of the contract's JSON Schema and of
what the code writes has a row (meaning and example), every enum value is named, and
every documented field exists."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from rashomon.cli import cli

from .test_html import two_outlet_report

DOC = Path(__file__).resolve().parents[2] / "docs" / "report-format.md"
ROW = re.compile(r"^\| `([a-z_0-9]+)` \|([^|]+)\|([^|]+)\|([^|]+)\|$")


def documented() -> dict[str, dict[str, tuple[str, str, str]]]:
    """Object name -> field -> (type, meaning, example), from the page's tables."""
    objects: dict[str, dict[str, tuple[str, str, str]]] = {}
    current = ""
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("### "):
            current = line[4:].strip()
            objects[current] = {}
        elif (row := ROW.match(line)) and current:
            kind, meaning, example = (x.strip() for x in row.groups()[1:])
            objects[current][row.group(1)] = (kind, meaning, example)
    return objects


def schema_fields(schema: dict[str, Any]) -> dict[str, set[str]]:
    """Object name (as the page heads it) -> its fields, from the JSON Schema."""
    defs = schema["$defs"]
    out = {"report": set(schema["properties"]),
           "generator": set(schema["properties"]["generator"].get("required", []))}
    for name, node in defs.items():
        if "properties" in node:
            out[name.replace("_", " ")] = set(node["properties"])
    out["conflict side"] = set(defs["conflict"]["properties"]["sides"]["items"]["properties"])
    return out


def enum_values(node: Any) -> set[str]:
    """Every string enum value anywhere in a schema."""
    if isinstance(node, dict):
        found = {v for v in node.get("enum", []) if isinstance(v, str)}
        return found.union(*(enum_values(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(enum_values(v) for v in node))
    return set()


def test_every_schema_field_is_documented_and_nothing_else(shared: Path) -> None:
    schema = json.loads((shared / "spec" / "report.schema.json").read_text())
    doc = documented()
    for name, fields in schema_fields(schema).items():
        assert name in doc, f"no section '### {name}'"
        assert set(doc[name]) == fields, name
        for field, (kind, meaning, example) in doc[name].items():
            assert kind and len(meaning) > 10 and example.startswith("`"), (name, field)
    text = DOC.read_text(encoding="utf-8")
    for value in enum_values(schema):
        assert f'`"{value}"`' in text, value


def _keys(node: Any, name: str, out: dict[str, set[str]]) -> None:
    """Object name -> the keys the code wrote under it (names as the page heads them)."""
    children = {"articles": "article", "stories": "story", "claims": "claim",
                "conflicts": "conflict", "sides": "conflict side", "timeline": "timeline entry",
                "places": "place", "sources": "source", "mentions": "mention",
                "generator": "generator", "when": "when", "period": "when"}
    if isinstance(node, list):
        for item in node:
            _keys(item, name, out)
    elif isinstance(node, dict):
        out.setdefault(name, set()).update(node)
        for key, value in node.items():
            if key in children:
                _keys(value, children[key], out)


def test_what_the_code_writes_is_documented() -> None:
    written: dict[str, set[str]] = {}
    _keys(two_outlet_report()[0].to_dict(), "report", written)
    doc = documented()
    assert {"report", "article", "story", "claim", "conflict", "mention"} <= set(written)
    for name, keys in written.items():
        assert keys <= set(doc[name]), (name, keys - set(doc[name]))


def test_analyze_help_points_to_the_page() -> None:
    result = CliRunner().invoke(cli, ["analyze", "--help"])
    assert result.exit_code == 0
    assert "docs/report-format.md" in result.output
