"""When the two sides of a would-be denial are one voice: the same speaker named two ways
("Rep. Hunter", "Rep. Duncan Hunter"), or an asserting sentence that repeats the denial in
its own words (a copy of the denying sentence in another article). Conflicts compare
speakers before `independence.origin_groups` merges nesting names, since that merge is
transitive and joins bodies a generic name connects; here only the two names at hand are
compared (used by `conflicts.denial`)."""

from __future__ import annotations

import re

from ..claims.sources import source_key
from ..models import Speaker
from .phrases import NEGATORS
from .units import Unit

# A repeat shares nearly every word pair of the denying clause: a genuine denial of a
# clause of ten word pairs differs by at least the two pairs its negation makes.
_REPEATED = 0.8
_MIN_PAIRS = 3
# `phrases.NEGATORS` as `_words` splits them ("didn't" -> "didn" "t").
_NEGATIONS = NEGATORS - {"n't"} | {"t"}


def _names(speaker: Speaker) -> list[set[str]]:
    """Key words of each name a speaker goes by that is a proper name: a generic name
    ("officials", "port officials") may stand for either side of a dispute."""
    return [set(source_key(name).split()) for name in (speaker.text, *speaker.aliases)
            if speaker.person or _proper(name)]


def _proper(name: str) -> bool:
    """A capital past the name's first word ("Brackwater Council", "the Pentagon"): a
    first word may be capitalised only for opening its sentence ("Officials said")."""
    return any(w[:1].isupper() for w in name.split()[1:])


def _alike(a: Speaker, b: Speaker) -> bool:
    """One name's words all occur in a name of the other ("Joe Kasper" and "Hunter
    spokesman Joe Kasper")."""
    return any(x <= y or y <= x for x in _names(a) for y in _names(b))


def same_speaker(a: Unit, b: Unit) -> bool:
    """Whether the two units' speakers are one by name. Only the speaker each statement
    is told by: the unit of "rejected the opposition's claim that ..." holds the
    rejecting speaker's mention too, and that claim is still the opposition's."""
    x, y = a.mentions[0].speaker, b.mentions[0].speaker
    return x is not None and y is not None and _alike(x, y)


def one_series(a: Unit, b: Unit) -> bool:
    """Whether two units' speakers are one source of figures: one name's words all occur
    in a name of the other, generic names included ("the fire service" and "fire service
    spokeswoman Eleni Markou"). Looser than `same_speaker`: a body and its spokesperson
    revising a figure is an update, not a dispute, and nothing here joins two sides."""
    x, y = a.mentions[0].speaker, b.mentions[0].speaker
    if x is None or y is None:
        return False
    names = [[set(source_key(n).split()) for n in (s.text, *s.aliases)] for s in (x, y)]
    return any(p and q and (p <= q or q <= p) for p in names[0] for q in names[1])


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))


def repeats(asserted: Unit, denied: Unit) -> bool:
    """Whether another sentence asserting says the denying clause too, negation included:
    a copy of a sentence cannot dispute it. (Within one sentence, "rejected the claim that
    X" still opposes X.)"""
    head, other = asserted.mentions[0], denied.mentions[0]
    if (head.article_id, head.start) == (other.article_id, other.start):
        return False
    said = _words(head.quote)
    clause = _words(denied.text)
    if not _NEGATIONS & set(clause):
        # Denied by its verb ("denied that X"): the clause is X itself, which any
        # assertion says; only a copy of the whole denying sentence repeats the denial.
        clause = _words(other.quote)
    pairs = list(zip(clause, clause[1:], strict=False))
    if len(pairs) < _MIN_PAIRS or not _NEGATIONS & set(clause) <= set(said):
        return False
    present = set(zip(said, said[1:], strict=False))
    return sum(p in present for p in pairs) >= _REPEATED * len(pairs)
