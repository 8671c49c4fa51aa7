"""Noun phrases and negation of a clause, for telling two accounts' details apart."""

from __future__ import annotations

from bisect import bisect_left

from .claims.parse import Parse

_MODIFIER_DEPS = frozenset("compound amod nmod npadvmod".split())
_NEGATORS = frozenset("not n't never no none nobody nothing neither nor".split())
# Modifiers that say nothing about which thing is meant.
_VAGUE = frozenset("""
    new old other same first last next many several few more most much such own main
    major small large big local total full further recent early late certain possible
    """.split())


def _modifiers(parse: Parse, head: int) -> frozenset[str]:
    words = set()
    for c in parse.children[head]:
        tok = parse.tokens[c]
        if tok.dep in _MODIFIER_DEPS and tok.pos in ("NOUN", "PROPN", "ADJ"):
            words.add(tok.lemma.lower())
        elif tok.dep == "prep" and parse.lower(c) == "of":
            words.update(parse.tokens[o].lemma.lower() for o in parse.kids(c, "pobj"))
    return frozenset(words - _VAGUE)


def noun_phrases(parse: Parse, start: int, end: int) -> tuple[tuple[tuple[str, frozenset[str]], ...],
                                                                bool]:
    """(head noun, modifiers) pairs inside a span, and whether the span is negated."""
    starts = [t.start for t in parse.tokens]
    lo, hi = bisect_left(starts, start), bisect_left(starts, end)
    phrases = []
    negated = False
    for i in range(lo, hi):
        tok = parse.tokens[i]
        negated = negated or tok.dep == "neg" or parse.lower(i) in _NEGATORS
        if tok.pos == "NOUN" and tok.dep != "compound":
            mods = _modifiers(parse, i)
            if mods:
                phrases.append((tok.lemma.lower(), mods))
    return tuple(phrases), negated


def context_prefix(parse: Parse, start: int, end: int) -> str:
    """The subject a split-off verb shares ("Rain began ... and barely eased" -> "Rain")."""
    starts = [t.start for t in parse.tokens]
    lo, hi = bisect_left(starts, start), bisect_left(starts, end)
    inside = range(lo, hi)
    roots = [i for i in inside if parse.tokens[i].head not in inside]
    if not roots:
        return ""
    root = roots[0]
    tok = parse.tokens[root]
    head = tok.head
    if tok.dep in ("conj", "advcl", "xcomp") and not parse.kids(root, "nsubj", "nsubjpass"):
        subjects = parse.kids(head, "nsubj", "nsubjpass")
        return _phrase_text(parse, subjects[0]) if subjects else ""
    return ""


def _phrase_text(parse: Parse, head: int) -> str:
    s, e = parse.span(parse.name_tokens(head))
    return parse.text[s:e] if e - s <= 80 else parse.word(head)
