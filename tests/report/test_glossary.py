"""The glossary: every status, kind and stance defined once, in the legend and on badges."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from rashomon.crosscheck.independence import Origins, count_independent
from rashomon.crosscheck.story import claim_status
from rashomon.models import ClaimMention, Speaker
from rashomon.models.report import ClaimStatus, ConflictKind, Stance
from rashomon.report.glossary import KIND_HELP, STANCE_HELP, STATUS_HELP, legend_html
from rashomon.report.html import render_html

from .test_html import assert_balanced, big_report, two_outlet_report

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.mark.parametrize(("table", "literal"), [(STATUS_HELP, ClaimStatus),
                                                (KIND_HELP, ConflictKind),
                                                (STANCE_HELP, Stance)])
def test_every_value_of_the_model_is_defined(table: dict[str, str], literal: object) -> None:
    assert set(literal.__args__) <= set(table)  # type: ignore[attr-defined]
    assert all(len(text) > 20 for text in table.values())


def test_every_kind_and_status_of_the_schema_is_defined(shared: Path) -> None:
    defs = json.loads((shared / "spec" / "report.schema.json").read_text())["$defs"]
    assert set(defs["conflict"]["properties"]["kind"]["enum"]) <= set(KIND_HELP)
    assert set(defs["claim"]["properties"]["status"]["enum"]) <= set(STATUS_HELP)
    assert set(defs["mention"]["properties"]["stance"]["enum"]) <= set(STANCE_HELP)


def test_legend_is_collapsible_and_lists_every_term() -> None:
    legend = legend_html()
    assert_balanced(legend)
    assert legend.startswith('<details class="legend"') and "<summary>" in legend
    for term in (*STATUS_HELP, *KIND_HELP, "independent sources", "(own reporting)",
                 "(inferred)"):
        assert f">{term}<" in legend


@pytest.mark.parametrize("report", [two_outlet_report()[0], big_report(6, 120)])
def test_report_starts_with_the_legend_and_every_badge_has_a_tooltip(report: object) -> None:
    page = render_html(report)  # type: ignore[arg-type]
    assert page.index('<details class="legend"') < page.index('<nav class="toc">')
    badges = re.findall(r'<span class="(?:badge [a-z-]+|kind)"[^>]*>', page)
    assert badges and all(re.search(r' title="[^"]{20,}"', b) for b in badges)


def test_readme_explains_every_term() -> None:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Reading the report", 1)[1].split("\n## ", 1)[0]
    for term in (*STATUS_HELP, *KIND_HELP, "independent sources", "outlets",
                 "(own reporting)", "(inferred)"):
        assert f"**{term}**" in section, term


# --- the wording states the rules the cross-check applies ---------------------------------


def _said(article: str, speaker: str | None, stance: str = "supports") -> ClaimMention:
    chain = (Speaker(speaker, 0, len(speaker)),) if speaker else ()
    return ClaimMention(article, 0, 0, 5, "words", 0, 5, stance, chain)  # type: ignore[arg-type]


@pytest.mark.parametrize(("stances", "independent", "status"), [
    ({"o1": {"supports"}, "o2": {"supports"}}, 2, "corroborated"),  # two origins, none against
    ({"o1": {"supports"}}, 1, "single-source"),                     # fewer than two origins
    ({"o1": {"supports"}, "o2": {"supports"}, "o3": {"refutes"}}, 2, "disputed"),  # refuted
    ({"o1": {"supports"}, "o2": {"uncertain"}}, 1, "disputed"),     # another origin hedges
    ({"o1": {"uncertain"}}, 0, "single-source"),                    # nobody states it
])
def test_status_definitions_match_claim_status(stances: dict[str, set[str]], independent: int,
                                               status: str) -> None:
    assert claim_status(stances, independent) == status


def test_independent_sources_definition_matches_count_independent() -> None:
    ids = {"the agency": "src-a", "the agency's chief": "src-b", "police": "src-p"}
    groups = {"src-a": "src-a", "src-b": "src-a", "src-p": "src-p"}  # nested names: one
    copies = {"a-1": "a-1", "a-2": "a-2", "a-3": "a-1", "a-4": "a-4"}  # a-3 copies a-1
    outlets = {"a-1": "Wire", "a-2": "Daily", "a-3": "Gazette", "a-4": "Daily"}
    origins = Origins(ids, groups, copies, outlets)
    # One named source quoted by three outlets counts once; names that nest are one.
    quoted = [_said(a, "the agency") for a in ("a-1", "a-2", "a-3")] + [
        _said("a-2", "the agency's chief")]
    assert count_independent(quoted, origins) == 1
    assert count_independent([*quoted, _said("a-1", "police")], origins) == 2
    # Own voices count only without a named source: once per outlet, and a near-identical
    # copy counts as the outlet of the article it copies.
    own = [_said(a, None) for a in ("a-1", "a-2", "a-3", "a-4")]
    assert count_independent(own, origins) == 2
    assert count_independent([*own, _said("a-1", "police")], origins) == 1
    # A claim nobody states counts the origins of its denials.
    denied = [_said("a-1", "police", "refutes"), _said("a-2", "the agency", "refutes")]
    assert count_independent(denied, origins) == 2


def test_an_origin_that_states_and_hedges_does_not_dispute() -> None:
    # Hence "no origin *only* hedges it" in the definition of corroborated.
    assert claim_status({"o1": {"supports", "uncertain"}, "o2": {"supports"}}, 2) == "corroborated"
