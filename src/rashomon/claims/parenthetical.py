"""A reporting clause set off by commas inside the sentence it reports ("CNN, Cruz said,
called the move significant"; "The source of it, union members say, is manifold").

The parser hangs such a clause on the sentence's verb (as parataxis) and often gives it
the fronted phrase as its subject, so the sentence's own verb wins as the main predicate
and the clause's speaker is lost or replaced. The clause is found on the surface: a comma,
a short noun phrase, a reporting verb without a complement, a comma.
"""

from __future__ import annotations

from collections.abc import Callable

from .parse import Parse
from .predicates import is_predicate

# Words a speaker's noun phrase between the commas may consist of.
_PHRASE_POS = frozenset("NOUN PROPN PRON DET ADJ NUM CCONJ PART".split())
_HEAD_POS = frozenset("NOUN PROPN PRON".split())
# The most words of that phrase ("Sen. Jane Roe's spokesman").
_PHRASE_WORDS = 6


def parenthetical_clause(parse: Parse, rng: range,
                         quoted: Callable[[int], bool] | None = None) -> tuple[int, int] | None:
    """(verb, first word of its speaker) of a reporting clause set off by commas in the
    middle of the sentence, outside quotation marks; None when there is none."""
    for verb in rng:
        tok = parse.tokens[verb]
        if tok.dep != "parataxis" or tok.pos != "VERB" or verb + 1 not in rng \
                or parse.word(verb + 1) != "," or (quoted and quoted(tok.start)):
            continue
        if parse.kids(verb, "ccomp", "xcomp", "dobj") or not is_predicate(parse, verb):
            continue
        first = _phrase_start(parse, verb, rng)
        if first is not None:
            return verb, first
    return None


def _phrase_start(parse: Parse, verb: int, rng: range) -> int | None:
    """The first word of the noun phrase between an opening comma and the verb, when the
    phrase ends in a noun or pronoun and something precedes the comma."""
    last = verb - 1
    if last not in rng or parse.tokens[last].pos not in _HEAD_POS:
        return None
    i = last
    while i - 1 in rng and last - i < _PHRASE_WORDS and parse.tokens[i - 1].pos in _PHRASE_POS:
        i -= 1
    comma = i - 1
    if comma - 1 not in rng or parse.word(comma) != ",":
        return None
    return i
