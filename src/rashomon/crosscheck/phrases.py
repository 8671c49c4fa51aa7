"""Noun phrases and negation of a clause, for telling two accounts' details apart."""

from __future__ import annotations

from ..claims.parse import Parse
from ..claims.sources import source_key

_MODIFIER_DEPS = frozenset("compound amod nmod npadvmod".split())
_CONDITIONALS = frozenset("if unless whether until lest".split())
_NEGATORS = frozenset("not n't never no none nobody nothing neither nor".split())
# Modifiers that say nothing about which thing is meant.
_VAGUE = frozenset("""
    new old other same first last next many several few more most much such own main
    major small large big local total full further recent early late certain possible
    """.split())


def _naming(parse: Parse, i: int) -> bool:
    """Modifiers that name which thing is meant: proper names and designations."""
    word = parse.word(i)
    return parse.tokens[i].pos == "PROPN" or any(ch.isdigit() for ch in word) or (
        word[:1].isupper() and i > 0 and parse.tokens[i].dep != "ROOT")


def _modifiers(parse: Parse, head: int) -> frozenset[str]:
    words = set()
    for c in parse.children[head]:
        tok = parse.tokens[c]
        if tok.dep in _MODIFIER_DEPS and _naming(parse, c):
            words.add(tok.lemma.lower())
        elif tok.dep == "prep" and parse.lower(c) == "of":
            words.update(parse.tokens[o].lemma.lower() for o in parse.kids(c, "pobj")
                         if _naming(parse, o))
    return frozenset(words - _VAGUE)


Phrases = tuple[tuple[str, frozenset[str]], ...]


def noun_phrases(parse: Parse, start: int, end: int) -> tuple[Phrases, bool]:
    """(head noun, modifiers) pairs inside a span, and whether the span is negated."""
    span = parse.tokens_between(start, end)
    lo, hi = span.start, span.stop
    phrases = []
    negated = False
    for i in range(lo, hi):
        tok = parse.tokens[i]
        negated = negated or tok.dep == "neg" or parse.lower(i) in _NEGATORS
        if tok.pos in ("NOUN", "PROPN") and tok.dep != "compound":
            mods = _modifiers(parse, i)
            if mods:
                phrases.append((tok.lemma.lower(), mods))
    # "if the freeze is not dropped" is a condition, not a denial of anything.
    conditional = any(parse.lower(i) in _CONDITIONALS for i in range(lo, hi))
    return tuple(phrases), negated and not conditional


def context_prefix(parse: Parse, start: int, end: int) -> str:
    """The subject a split-off verb shares ("Rain began ... and barely eased" -> "Rain")."""
    span = parse.tokens_between(start, end)
    lo, hi = span.start, span.stop
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


_LOCATIVE = frozenset("at in near outside inside from to on".split())


def locative_names(parse: Parse, start: int, end: int) -> frozenset[str]:
    """Proper names after 'at', 'near', 'outside'...: places the gazetteer may not know."""
    span = parse.tokens_between(start, end)
    lo, hi = span.start, span.stop
    names = set()
    for i in range(lo, hi):
        tok = parse.tokens[i]
        if tok.dep == "pobj" and tok.pos == "PROPN" and parse.lower(tok.head) in _LOCATIVE \
                and tok.ent not in ("DATE", "TIME", "PERSON"):
            names.add(source_key(_phrase_text(parse, i)))
    return frozenset(n for n in names if n)
