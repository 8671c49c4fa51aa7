"""Exports of a stored report (json, html, md, csv) and the add/export commands."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from rashomon.cli import cli
from rashomon.models import Report
from rashomon.report.export import FORMATS, export_text
from rashomon.store.database import load_report

from ..conftest import FIXTURES

CORPUS = FIXTURES / "corpus"


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Report]:
    """A store built with `rashomon add` (the CLI), and its report."""
    db = tmp_path_factory.mktemp("export") / "r.db"
    result = CliRunner().invoke(cli, ["add", str(CORPUS), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "2 new articles" in result.output and "claims" in result.output
    return db, load_report(db)


def test_json_export_is_the_report_json(stored: tuple[Path, Report], tmp_path: Path) -> None:
    db, report = stored
    out = tmp_path / "r.json"
    result = CliRunner().invoke(cli, ["export", "--db", str(db), "--format", "json",
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert data["schema"] == "rashomon.report/1"
    assert data == report.to_dict()


def test_every_format_goes_to_stdout(stored: tuple[Path, Report]) -> None:
    db, _ = stored
    for fmt in FORMATS:
        result = CliRunner().invoke(cli, ["export", "--db", str(db), "--format", fmt])
        assert result.exit_code == 0, (fmt, result.output)
        assert result.output.strip(), fmt


def test_html_and_markdown(stored: tuple[Path, Report]) -> None:
    _, report = stored
    page = export_text(report, "html")
    assert page.startswith("<!DOCTYPE html>") and report.stories[0].id in page
    text = export_text(report, "md")
    assert text.startswith("# Rashomon report")
    assert f"## {report.stories[0].title}" in text
    assert "### Claims" in text and "**single-source**" in text


def test_markdown_escapes_markup() -> None:
    from rashomon.report.export import _md

    assert _md("a *b*\n[c]") == "a \\*b\\* \\[c\\]"


def test_csv_has_one_row_per_claim_mention(stored: tuple[Path, Report]) -> None:
    _, report = stored
    rows = list(csv.DictReader(io.StringIO(export_text(report, "csv"))))
    mentions = [m for s in report.stories for c in s.claims for m in c.mentions]
    assert len(rows) == len(mentions)
    first = rows[0]
    assert first["story_id"] == report.stories[0].id
    assert first["status"] in {"corroborated", "single-source", "disputed"}
    assert first["outlet"] and first["quote"]


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export_text(Report((), (), "0"), "pdf")


def test_export_of_missing_db_names_it(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    result = CliRunner().invoke(cli, ["export", "--db", str(missing)])
    assert result.exit_code != 0
    assert "none.db" in str(result.exception)
    assert not missing.exists()
