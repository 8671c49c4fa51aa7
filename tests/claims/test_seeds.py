"""Issue 4 acceptance: speakers, stances, relay chains and canonical sources on the seeds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rashomon.engine.pipeline import ClaimsResult, claims_inputs
from rashomon.models import ClaimMention

from ..conftest import SHARED

SEEDS = SHARED / "seeds"
_MINISTRY = re.compile(r"\bministry\b", re.I)
_DEFENCE = re.compile(r"\bdefen[cs]e\b", re.I)


@pytest.fixture(scope="module")
def seeds() -> ClaimsResult:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not available")
    return claims_inputs([str(SEEDS)])


def mentions(result: ClaimsResult) -> list[tuple[str, ClaimMention]]:
    """(file name, mention) for every mention of every seed article."""
    return [(Path(item.annotated.article.path or "").name, m)
            for item in result.articles for m in item.mentions]


def speakers(result: ClaimsResult) -> list[str]:
    return [s.text for _, m in mentions(result) for s in m.chain]


def test_defence_ministry_is_one_source_across_all_articles(seeds: ClaimsResult) -> None:
    found = [(name, s.text) for name, m in mentions(seeds) for s in m.chain
             if _MINISTRY.search(s.text) and _DEFENCE.search(s.text)]
    assert {name[:3] for name, _ in found} == {"000", "001", "003"}
    ids = {seeds.source_ids[text] for _, text in found}
    assert len(ids) == 1, f"ministry names split into {ids}: {sorted({t for _, t in found})}"
    source = next(s for s in seeds.sources if s.id in ids)
    assert source.kind == "government"
    assert set(source.via) == {item.annotated.article.id for item in seeds.articles}


def test_kyiv_armed_forces_refute_the_crossing_claim(seeds: ClaimsResult) -> None:
    refuting = [m for _, m in mentions(seeds) if m.stance == "refutes" and m.speaker
                and "armed forces" in m.speaker.text.lower()]
    assert refuting, "no refuting mention by Kyiv's armed forces"
    assert any("crossed" in m.content for m in refuting)


def test_russia_is_the_asserter_inside_the_rejection(seeds: ClaimsResult) -> None:
    """"Kyiv's armed forces rejected Russia's claim that ..." also records Russia asserting."""
    refuted = next(m for _, m in mentions(seeds) if m.stance == "refutes")
    same = [m for _, m in mentions(seeds) if m.start == refuted.start
            and m.article_id == refuted.article_id and m.stance == "supports"]
    assert any(m.speaker and "russia" in m.speaker.text.lower() for m in same)


def test_officers_support_through_the_newspaper(seeds: ClaimsResult) -> None:
    relayed = [m for _, m in mentions(seeds) if len(m.chain) >= 2
               and "officers" in m.chain[-1].text.lower()]
    assert relayed, "no mention relayed from the three officers"
    crossing = [m for m in relayed if "crossed" in m.content]
    assert crossing, "the officers' crossing account is not attributed to them"
    for m in crossing:
        assert m.stance == "supports"
        first = m.chain[0].text
        assert "New York Times" in first or "NYT" in first
        assert m.chain[0].kind == "media"
    assert any(m.chain[-1].text.lower().startswith("three") for m in crossing)


def test_nyt_and_its_acronym_are_one_source(seeds: ClaimsResult) -> None:
    names = {s.text for s in (m.chain[0] for _, m in mentions(seeds) if m.chain)}
    nyt = {n for n in names if "New York Times" in n or "NYT" in n}
    assert len(nyt) >= 2
    assert len({seeds.source_ids[n] for n in nyt}) == 1


def test_the_officers_are_one_source(seeds: ClaimsResult) -> None:
    names = {s.text for _, m in mentions(seeds) for s in m.chain if "officers" in s.text.lower()}
    assert len({seeds.source_ids[n] for n in names}) == 1


def test_institute_for_the_study_of_war_is_a_source(seeds: ClaimsResult) -> None:
    isw = [s for s in seeds.sources if "Institute for the Study of War" in s.name]
    assert len(isw) == 1
    assert isw[0].kind != "media"


@pytest.mark.parametrize(
    ("who", "kind"),
    [
        ("zelenskiy", "government"),
        ("sumy", "government"),  # "Sumy's regional governor"
        ("pow", None),  # "Ukraine's coordination headquarters for the treatment of POWs"
    ],
)
def test_named_speakers_appear(seeds: ClaimsResult, who: str, kind: str | None) -> None:
    found = [s for s in seeds.sources if who in s.name.lower()
             or any(who in a.lower() for a in s.aliases)]
    if who == "sumy":
        found = [s for s in found if "governor" in s.name.lower()]
    if who == "pow":
        found = [s for s in found if "headquarters" in s.name.lower()]
    assert found, f"no source for {who!r}; sources: {[s.name for s in seeds.sources]}"
    if kind:
        assert found[0].kind == kind


def test_unconfirmed_statement_is_uncertain(seeds: ClaimsResult) -> None:
    """"The Ukrainian military has so far not confirmed ..." neither supports nor refutes."""
    found = [m for _, m in mentions(seeds) if m.speaker and "ukrainian military" in
             m.speaker.text.lower() and "not confirmed" in m.quote]
    assert found and all(m.stance == "uncertain" for m in found)


def test_mention_offsets_match_article_text(seeds: ClaimsResult) -> None:
    for item in seeds.articles:
        text = item.annotated.article.text
        for m in item.mentions:
            assert text[m.start:m.end] == m.quote
            assert m.start <= m.content_start <= m.content_end <= m.end
            for s in m.chain:
                assert s.start < s.end
