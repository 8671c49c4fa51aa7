"""Alignment units (rashomon.align_units): what one article's claims become before a story
compares them."""

from __future__ import annotations

from functools import lru_cache

import pytest

from rashomon.annotate.stage import AnnotateContext, annotate
from rashomon.claims.stage import extract_claims
from rashomon.crosscheck.units import article_units, fold_term, make_units
from rashomon.models import Article, ArticleClaims, stable_id
from rashomon.options import Options

TEXT = ("The Harlow Street bridge collapsed into the Brenn River on Monday, police said. "
        "The mayor denied that the bridge had collapsed. "
        "No divers were sent to the river.")


@lru_cache(maxsize=1)
def _item() -> ArticleClaims:
    article = Article(stable_id("a", TEXT), "bridge.txt", TEXT, outlet="Valley Post")
    return extract_claims(annotate(article, AnnotateContext.from_options(Options())),
                          ["Valley Post"])


def test_units_follow_their_mentions_in_text_order() -> None:
    units = article_units(_item())
    firsts = [u.mentions[0].start for u in units]
    assert firsts == sorted(firsts)
    assert {m for u in units for m in u.mentions} == set(_item().mentions)


def test_an_assertion_and_its_denial_stay_two_units() -> None:
    units = article_units(_item())
    collapse = [u for u in units if "collapse" in u.terms]
    assert len({u.mentions[0].stance for u in collapse}) == 2


def test_content_terms_leave_out_reporting_verbs() -> None:
    first = article_units(_item())[0]
    assert "bridge" in first.terms
    assert "say" not in first.terms


def test_a_negative_clause_is_marked() -> None:
    assert any(u.negated for u in article_units(_item()) if "diver" in u.terms)


def test_a_story_s_units_are_its_articles_units_in_turn() -> None:
    assert make_units([_item(), _item()]) == article_units(_item()) * 2


@pytest.mark.parametrize(("lemma", "same_as"), [("kill", "death"), ("wound", "injure"),
                                               ("arrest", "custody"), ("bridge", "bridge")])
def test_words_for_one_running_count_fold_to_one_term(lemma: str, same_as: str) -> None:
    assert fold_term(lemma) == fold_term(same_as)


def test_other_words_are_not_folded() -> None:
    assert fold_term("river") == "river"
    assert fold_term("kill") != fold_term("wound")
