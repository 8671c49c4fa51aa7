"""Highlighting that means something: only mentions of disputed or corroborated claims
are coloured, by stance; every other quoted span keeps its anchor but stays quiet."""

from __future__ import annotations

import re

import pytest

from rashomon.models import Article, Claim, Conflict, ConflictSide, Report, Story
from rashomon.report.html import render_html
from rashomon.report.marks import article_marks
from rashomon.report.sections import highlight

from .test_html import assert_balanced, mention

TEXT = "Police said 12 died. Officials denied it. Divers may search. The bridge is shut."


def _report(status: str) -> Report:
    doc = Article("a-1", "one.txt", TEXT, outlet="Daily One")
    said = mention(doc, "Police said 12 died.", "supports", "src-p")
    denied = mention(doc, "Officials denied it.", "refutes", "src-o")
    maybe = mention(doc, "Divers may search.", "uncertain")
    lone = mention(doc, "The bridge is shut.")
    claims = (Claim("c-1", "12 died", status, (said, denied, maybe)),
              Claim("c-2", "The bridge is shut", "single-source", (lone,)))
    conflict = Conflict("x-1", "denial", "s", (ConflictSide("a", (said,)),
                                                ConflictSide("b", (denied,))))
    return Report((doc,), (Story("s-1", "T", ("a-1",), None, claims, (conflict,)),), "0")


def _classes(page: str) -> dict[str, str]:
    marks = re.findall(r'<mark class="d\d ([a-z-]+)"[^>]*>([^<]*)</mark>', page)
    return {words: cls for cls, words in marks}


@pytest.mark.parametrize("status", ["disputed", "corroborated"])
def test_signal_claims_are_coloured_by_stance(status: str) -> None:
    classes = _classes(render_html(_report(status)))
    assert classes["Police said 12 died."] == "st-sup"
    assert classes["Officials denied it."] == "st-ref"
    assert classes["Divers may search."] == "st-unc"
    assert classes["The bridge is shut."] == "st-other"


def test_mentions_of_single_source_claims_stay_quiet_but_keep_their_anchor() -> None:
    page = render_html(_report("single-source"))
    assert set(_classes(page).values()) == {"st-other"}
    assert 'id="a-1-0"' in page and '<div class="text quiet">' in page
    assert 'button type="button" data-marks' in page


def test_overlapping_stances_show_the_strongest_disagreement() -> None:
    spans = {(0, 10): "st-sup", (5, 15): "st-ref", (12, 20): "st-other"}
    out = highlight("a", "x" * 20, spans, spans)
    assert_balanced(out)
    assert re.findall(r'class="d\d ([a-z-]+)"', out) == ["st-sup", "st-ref", "st-ref", "st-ref",
                                                           "st-other"]


def test_a_span_in_two_claims_takes_the_signal_class() -> None:
    report = _report("disputed")
    marks = article_marks(report.stories)["a-1"]
    assert marks[(0, len("Police said 12 died."))] == "st-sup"  # also a conflict side
