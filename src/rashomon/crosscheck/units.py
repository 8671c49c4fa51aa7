"""Alignment units: a story's claim mentions cut into the pieces alignment compares.

A unit is a set of mentions (same article, same words) with the content terms, noun
phrases, negation and places alignment weighs. Units depend only on their article's
claims, so the result cache keeps them per article; this module is kept apart from the
similarity code so that changing how units are compared does not invalidate them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from ..claims.lexicon import REPORT_VERBS
from ..claims.parse import Parse
from ..models import ArticleClaims, ClaimMention
from .phrases import (
    asks,
    clause_negation,
    context_prefix,
    locative_names,
    noun_phrases,
    undergoer,
)

_CONTENT_POS = frozenset("NOUN PROPN VERB ADJ NUM".split())
_STOP_LEMMAS = frozenset("be have do say tell the a an year day time people".split())


@dataclass(frozen=True, slots=True)
class Unit:
    """A set of mentions (same article, same words) with the features alignment compares.

    ``phrases`` maps a noun to its modifiers ("helicopter" -> {"black", "hawk"}) and
    ``negated`` says whether the clause has a negation anywhere ("there was no fire");
    ``verb_negated`` whether its own clause is negated (not a clause inside it),
    ``contrast`` what a phrase negation denies ("a purchase, not a loan": "loan"), and
    ``asks`` whether it is an embedded question ("which plant made the batches").
    """

    mentions: tuple[ClaimMention, ...]
    article_id: str
    text: str
    terms: frozenset[str]
    phrases: tuple[tuple[str, frozenset[str]], ...] = ()
    negated: bool = False
    locations: frozenset[str] = frozenset()
    verb_negated: bool = False
    asks: bool = False
    contrast: frozenset[str] = frozenset()
    undergoer: str | None = None  # what its event happens to (`phrases.undergoer`)
    own_time: bool = False  # a date or time is said inside it, not only around it
    own_day: bool = False  # ... and a date among them (a clock time alone takes its day
    # from elsewhere: "hit the rocks at 22:40" in a Sunday paper is not "on Sunday")


def _article_terms(item: ArticleClaims) -> tuple[list[int], list[str]]:
    """Start offsets and terms of an article's content words, in text order."""
    starts, lemmas = [], []
    for tok in item.annotated.tokens:
        if tok.pos in _CONTENT_POS:
            lemma = tok.lemma.lower()
            if lemma not in _STOP_LEMMAS and lemma not in REPORT_VERBS and len(lemma) > 1:
                starts.append(tok.start)
                lemmas.append(_number_key(lemma) if tok.pos == "NUM" else fold_term(lemma))
    return starts, lemmas


# Words that name the same running count ("died", "killed", "death toll") share one term.
_TERM_CLASSES = {
    "dead": "die dead death kill toll fatality body".split(),
    "injured": "injure injured injury wound wounded hurt".split(),
    "detained": "detain arrest custody".split(),
    "evacuated": "evacuate evacuee flee displace".split(),
    "missing": "missing unaccounted".split(),
}
# Aspectual verbs (Levin's begin and complete classes, 55.1-55.2): "the recall began on
# Monday" and "the recall started on Friday" say when one thing happened.
_ASPECTUAL = {
    "begin": "begin start commence".split(),
    "end": "end finish conclude".split(),
}
_FOLD = {w: k for k, words in (*_TERM_CLASSES.items(), *_ASPECTUAL.items()) for w in words}
_ASPECT_OF = {w: k for k, words in _ASPECTUAL.items() for w in words}


def fold_term(lemma: str) -> str:
    """A lemma, or the class of running count or aspectual verb it names."""
    return _FOLD.get(lemma, lemma)


def fold_predicate(lemma: str | None) -> str | None:
    """A clause's verb lemma, aspectual verbs of one class as one ("start" = "begin")."""
    return _ASPECT_OF.get(lemma, lemma) if lemma else lemma


def _number_key(text: str) -> str:
    digits = re.sub(r"[^\d.]", "", text)
    return "#" + digits if digits else text


def _content_terms(index: tuple[list[int], list[str]], start: int, end: int) -> frozenset[str]:
    starts, lemmas = index
    lo, hi = bisect_left(starts, start), bisect_left(starts, end)
    return frozenset(lemmas[lo:hi])


def make_units(items: Sequence[ArticleClaims]) -> list[Unit]:
    """One unit per (article, content span, stance); an assertion and its denial in one
    sentence stay two units so that they can face each other."""
    return [unit for item in items for unit in article_units(item)]


def article_units(item: ArticleClaims) -> list[Unit]:
    """The units of one article, in the order of their first mention (a story's units are
    its articles' units in turn, so they can be computed, and cached, per article)."""
    aid = item.annotated.article.id
    terms = _article_terms(item)
    groups: dict[tuple[int, int, str], list[ClaimMention]] = {}
    for m in item.mentions:
        groups.setdefault((m.content_start, m.content_end, m.stance), []).append(m)
    parse = Parse(item.annotated)
    units = []
    for (start, end, _), ms in groups.items():
        phrases, negated = noun_phrases(parse, start, end)
        prefix = context_prefix(parse, start, end)
        text = f"{prefix} {ms[0].content}" if prefix else ms[0].content
        words = _content_terms(terms, start, end) | _prefix_terms(prefix)
        own, contrast = clause_negation(parse, start, end)
        units.append(Unit(tuple(ms), aid, text, words, phrases, negated,
                          locative_names(parse, start, end), negated and own,
                          asks(parse, start, end), contrast, undergoer(parse, start, end),
                          _says_time(item, start, end, ("date", "time")),
                          _says_time(item, start, end, ("date",))))
    return units


def _says_time(item: ArticleClaims, start: int, end: int, kinds: tuple[str, ...]) -> bool:
    """Whether a time of one of these ``kinds`` is written inside ``start:end`` (a
    clause's time may otherwise be its reporting sentence's: "..., the government said
    Sunday")."""
    return any(start <= t.start < end and t.kind in kinds for t in item.annotated.times)


def _prefix_terms(prefix: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"\w+", prefix.lower())
                     if len(w) > 2 and w not in _STOP_LEMMAS and w not in ("the", "and"))
