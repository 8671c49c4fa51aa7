"""Conflicts assembled from findings: sides and ids."""

from __future__ import annotations

from rashomon.align import Unit
from rashomon.conflict_sides import assemble
from rashomon.conflicts import Finding
from rashomon.models import ClaimMention, Mention

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
