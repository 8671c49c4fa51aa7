"""Split a proposition into clause-level units ("A happened, and B followed" -> A, B)."""

from __future__ import annotations

from .parse import Parse

# Dependents that start a separate proposition when they carry their own verb.
_SPLIT_DEPS = frozenset("conj advcl parataxis relcl".split())
_MIN_WORDS = 4
_EDGE = " ,;:—–-\u201c\u201d\"'()"


def _has_verb(parse: Parse, indices: list[int]) -> bool:
    return any(parse.tokens[i].pos in ("VERB", "AUX") for i in indices)


def _splittable(parse: Parse, child: int, inside: set[int]) -> bool:
    tok = parse.tokens[child]
    if tok.dep not in _SPLIT_DEPS or tok.pos not in ("VERB", "AUX"):
        return False
    words = [i for i in parse.subtree(child) if i in inside and parse.tokens[i].pos != "PUNCT"]
    return len(words) >= _MIN_WORDS


def _collect(parse: Parse, root: int, inside: set[int], out: list[list[int]],
             parents: list[int | None], parent: int | None = None) -> None:
    """Depth-first: each split-off clause becomes a unit; the rest stays with its head.
    ``parents`` records, per unit, the unit its clause was split from."""
    own: list[int] = []
    split: list[int] = []
    stack = [root]
    while stack:
        i = stack.pop()
        own.append(i)
        for c in parse.children[i]:
            if c not in inside:
                continue
            (split if _splittable(parse, c, inside) else stack).append(c)
    index = len(out)
    out.append(sorted(own))
    parents.append(parent)
    for c in split:
        _collect(parse, c, inside, out, parents, index)


def _merge_short(parse: Parse, units: list[list[int]], parents: list[int | None]) -> None:
    """A unit too short to stand alone goes back into the clause it was split from
    ("he's excited" + "where we stand"), rather than being lost with its words."""
    for index in range(len(units) - 1, -1, -1):
        parent = parents[index]
        words = [i for i in units[index] if parse.tokens[i].pos not in ("PUNCT", "CCONJ", "SPACE")]
        if parent is not None and len(words) < _MIN_WORDS:
            units[parent] = sorted(units[parent] + units[index])
            units[index] = []


def _span(parse: Parse, indices: list[int]) -> tuple[int, int] | None:
    words = [i for i in indices if parse.tokens[i].pos not in ("PUNCT", "CCONJ", "SPACE")]
    if len(words) < _MIN_WORDS:
        return None
    start, end = parse.tokens[words[0]].start, parse.tokens[words[-1]].end
    while start < end and parse.text[start] in _EDGE:
        start += 1
    while end > start and parse.text[end - 1] in _EDGE:
        end -= 1
    return (start, end) if end > start else None


def clause_spans(parse: Parse, content: tuple[int, int]) -> list[tuple[int, int]]:
    """Character spans of the clauses of a content span, in text order (at least one)."""
    inside = set(parse.tokens_between(*content))
    roots = parse.span_roots(*content)
    units: list[list[int]] = []
    parents: list[int | None] = []
    for root in sorted(roots):
        _collect(parse, root, inside, units, parents)
    _merge_short(parse, units, parents)
    spans = {s for u in units if _has_verb(parse, u) and (s := _span(parse, u))}
    return sorted(spans) or [content]


def set_off_adverbial(parse: Parse, span: tuple[int, int], verb: int | None) -> bool:
    """Whether a clause is an adverbial clause of the sentence's own statement rather
    than of what it reports: one set off by a comma ("denied that it caught fire, after
    passengers posted videos", "denied he was arrested, saying he was only questioned")
    or hanging from the reporting ``verb`` itself ("dismissed since he is alive"). It
    says when, why or what else the speaker said, not what they deny; the parser often
    hangs it from the reported verb, so the comma is the surer sign."""
    root = parse.span_head(*span)
    if root is None or parse.tokens[root].dep != "advcl":
        return False
    first = min(parse.subtree(root))
    return parse.tokens[root].head == verb or (first > 0 and parse.word(first - 1) == ",")
