"""Conflicts assembled from findings: sides and ids."""

from __future__ import annotations

from rashomon.common.encoder import embed
from rashomon.crosscheck.alignment import align
from rashomon.crosscheck.conflicts import CANDIDATE, Finding
from rashomon.crosscheck.sides import assemble
from rashomon.crosscheck.similarity import candidate_arrays
from rashomon.crosscheck.units import Unit
from rashomon.ingest import ingest
from rashomon.models import Claim, ClaimMention, Mention

from ..conftest import FIXTURES

SENTENCE = "The storm killed 4 people and flooded 30 homes."


def unit(article: str, start: int, end: int) -> Unit:
    mention = ClaimMention(article, 0, 0, len(SENTENCE), SENTENCE, start, end, "supports")
    return Unit((mention,), article, SENTENCE[start:end], frozenset())


def mentions_of(u: Unit) -> list[Mention]:
    m = u.mentions[0]
    return [Mention(m.article_id, m.start, m.end, m.quote, m.stance)]


def test_two_conflicts_over_the_same_sentences_have_their_own_ids() -> None:
    # Two outlets' sentences differ on two figures: one conflict per figure, both citing
    # the same two sentences.
    units = [unit("a", 0, 26), unit("a", 31, 47), unit("b", 0, 26), unit("b", 31, 47)]
    findings = [Finding("quantity", 0, 2, "4 people", "5 people", "toll differs"),
                Finding("quantity", 1, 3, "30 homes", "40 homes", "homes differ")]
    found = assemble(findings, units, mentions_of, [])
    assert len(found) == 2
    assert len({c.id for c in found}) == 2


def _claim(cid: str, *quotes: tuple[str, int]) -> Claim:
    mentions = tuple(Mention(a, s, s + 5, "x") for a, s in quotes)
    return Claim(cid, cid, "single-source", mentions, 1, 1)


def test_a_conflict_lists_the_claims_citing_its_sentences_in_claim_order() -> None:
    units = [unit("a", 0, 26), unit("b", 0, 26)]
    findings = [Finding("quantity", 0, 1, "4 people", "5 people", "toll differs")]
    claims = [_claim("c-late", ("b", 0)), _claim("c-other", ("c", 0)),
              _claim("c-both", ("a", 0), ("b", 0))]
    (found,) = assemble(findings, units, mentions_of, claims)
    assert found.claim_ids == ("c-late", "c-both")


def test_only_pairs_no_rule_can_use_are_skipped() -> None:
    # The vectorised gate in front of the pair rules must not drop a pair on which a
    # rule finds something: compare with trying every candidate pair.
    from rashomon.crosscheck.details import first_time_texts
    from rashomon.crosscheck.independence import story_origins
    from rashomon.crosscheck.sides import _co_reported, _compare, _facts, pair_findings
    from rashomon.crosscheck.story import build_sources

    from .stories import items_of

    articles = list(ingest([str(FIXTURES / "stories" / "bridge")]).articles)
    items = items_of(articles)
    _, units, sims = align(items, embed)
    by_id = {a.id: a for a in articles}
    sources, source_ids = build_sources(items)
    origins = story_origins(sources, source_ids, articles)

    def origin(u: Unit) -> set[str]:
        return {origins.speaker_of(m) for m in u.mentions}

    firsts = first_time_texts(units)
    facts = [_facts(u, origin, t) for u, t in zip(units, firsts, strict=True)]
    co = _co_reported(units, facts)
    pairs = zip(*(a.tolist() for a in candidate_arrays(sims, CANDIDATE)), strict=True)
    every = [(f, s) for i, j, s in pairs
             if (f := _compare(units, (i, j), s, by_id, facts, co))]
    assert every
    assert pair_findings(units, sims, by_id, origin) == every
