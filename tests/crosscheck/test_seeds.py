"""Issue 5 acceptance on the seeds: one story, typed conflicts, counts, inferred dates."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from rashomon.engine.pipeline import analyze

from ..conftest import SHARED

SEEDS = SHARED / "seeds"
Json = dict[str, Any]


@pytest.fixture(scope="module")
def report() -> Json:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not available")
    return analyze([str(SEEDS)]).to_dict()


@pytest.fixture(scope="module")
def story(report: Json) -> Json:
    assert len(report["stories"]) == 1
    return report["stories"][0]


def conflicts_of(story: Json, kind: str) -> list[Json]:
    return [c for c in story["conflicts"] if c["kind"] == kind]


def side_text(side: Json) -> str:
    """Who a side is: its label and the speakers of its mentions."""
    return " ".join([side["label"], *(m.get("attributed_as") or "" for m in side["mentions"])])


def test_one_story_with_all_three_articles(report: Json, story: Json) -> None:
    assert len(report["articles"]) == 3
    assert len(story["article_ids"]) == 3
    assert set(story["article_ids"]) == {a["id"] for a in report["articles"]}


def test_unit_echelon_detail_conflict(story: Json) -> None:
    found = [c for c in conflicts_of(story, "detail")
             if {"division", "regiment"} <= {w for s in c["sides"]
                                             for w in re.findall(r"[a-z]+", s["label"].lower())}]
    assert found, "no detail conflict between the tank division and the tank regiment"
    labels = sorted(s["label"] for s in found[0]["sides"])
    assert any("Division" in x for x in labels) and any("regiment" in x for x in labels)


def _russian(text: str) -> bool:
    low = text.lower()
    return "russia" in low or "ministry" in low


def _kyiv(text: str) -> bool:
    low = text.lower()
    return "armed forces" in low or "ukrainian military" in low


def test_denial_conflict_between_russia_and_kyiv(story: Json) -> None:
    found = []
    for c in conflicts_of(story, "denial"):
        sides = c["sides"]
        asserted = [s for s in sides if s["label"].startswith("asserted")]
        doubted = [s for s in sides if not s["label"].startswith("asserted")]
        if any(_russian(s["label"]) for s in asserted) and any(
                _kyiv(side_text(s)) for s in doubted):
            found.append(c)
    assert found, [(c["summary"]) for c in conflicts_of(story, "denial")]
    doubting = next(s for s in found[0]["sides"] if not s["label"].startswith("asserted"))
    assert any(m.get("stance") in ("refutes", "uncertain") for m in doubting["mentions"])


def test_the_crossing_denial_cites_the_crossing_not_its_background(story: Json) -> None:
    # The asserting side is the claim Kyiv rejects as told by each outlet (the ministry's
    # statement and the officers' account among them), not every sentence about the war.
    denial = next(c for c in conflicts_of(story, "denial")
                  if any(_kyiv(side_text(s)) for s in c["sides"]))
    asserted = next(s for s in denial["sides"] if s["label"].startswith("asserted"))
    speakers = " ".join(m.get("attributed_as") or "" for m in asserted["mentions"]).lower()
    assert "ministry" in speakers and "officers" in speakers
    assert len({m["article_id"] for m in asserted["mentions"]}) == 3
    quotes = [m["quote"] for s in denial["sides"] for m in s["mentions"]]
    assert not any("population" in q for q in quotes)
    assert not any("not the first time" in q for q in quotes)  # it affirms the crossing
    assert len(conflicts_of(story, "denial")) <= 2


def test_first_time_detail_conflict(story: Json) -> None:
    found = [c for c in conflicts_of(story, "detail")
             if "first time" in " ".join(s["label"] for s in c["sides"]) + c["summary"]]
    assert found, "no detail conflict about 'the first time'"
    assert len(found[0]["sides"]) == 2


def test_ministry_crossing_claim_is_three_outlets_one_source(story: Json) -> None:
    def ministry_crossing(claim: Json) -> bool:
        return any(m.get("attributed_as") and "ministry" in m["attributed_as"].lower()
                   and "crossed" in m["quote"] for m in claim["mentions"])

    claims = [c for c in story["claims"] if ministry_crossing(c)]
    assert claims, "no claim holds the ministry's crossing statement"
    best = max(claims, key=lambda c: c["outlets"])
    assert best["outlets"] == 3
    assert best["independent_sources"] == 1


def test_undated_article_gets_an_inferred_month(report: Json) -> None:
    article = next(a for a in report["articles"] if Path(a["path"]).name.startswith("000_"))
    assert article["published_from"] == "inferred"
    assert article["published"].startswith("2025-06")


def test_dated_articles_keep_their_dates(report: Json) -> None:
    dates = {Path(a["path"]).name[:3]: a.get("published") for a in report["articles"]}
    assert dates["001"] == "2025-06-13"
    assert dates["003"] == "2025-06-08"


def _all_mentions(story: Json) -> list[Json]:
    out = [m for c in story["claims"] for m in c["mentions"]]
    out += [m for c in story["conflicts"] for s in c["sides"] for m in s["mentions"]]
    out += [m for e in story["timeline"] for m in e["mentions"]]
    out += [m for p in story["places"] for m in p["mentions"]]
    return out


def test_every_mention_quotes_its_article(report: Json, story: Json) -> None:
    texts = {a["id"]: a["text"] for a in report["articles"]}
    mentions = _all_mentions(story)
    assert mentions
    for m in mentions:
        assert texts[m["article_id"]][m["start"]:m["end"]] == m["quote"]


def test_references_resolve(story: Json) -> None:
    claim_ids = {c["id"] for c in story["claims"]}
    source_ids = {s["id"] for s in story["sources"]}
    for c in story["conflicts"]:
        assert set(c["claim_ids"]) <= claim_ids
        assert len(c["sides"]) >= 2
        for s in c["sides"]:
            assert set(s["source_ids"]) <= source_ids
    for m in _all_mentions(story):
        assert m.get("source_id") is None or m["source_id"] in source_ids
