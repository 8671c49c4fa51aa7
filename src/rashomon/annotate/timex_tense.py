"""Which way a relative time points, read from the dependency parse of its clause.

"Wednesday" in a Monday article is the coming one in "the talks will resume on Wednesday"
and the past one in "the talks collapsed on Wednesday". The tense of the predicate the
time depends on decides: a modal points forward ("can", "should", "would" too, which cue
words miss), and so does a scheduling present ("they meet Monday"); a past or perfect
form points back, a past perfect even against cue words ("had been due to expire
Friday"). Prepositions of a limit ("until", "by", "from") point forward unless that
predicate is past: "suspended until Wednesday", "a report by Tuesday", "can register from
Wednesday"; but "was not confirmed until Friday". Without a parse,
`timex_ctx.is_future` reads cue words instead.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import Literal

from ..models import Token

# "perfect": a past perfect ("had been due to expire Friday"), past whatever the cue words.
Tense = Literal["past", "perfect", "future"]

# Prepositions that name a limit or a start; the time they take lies ahead by default.
FORWARD_PREPS = frozenset({"until", "till", "by", "from", "starting", "through", "before"})
_FORWARD_BEFORE = re.compile(
    r"\b(?P<p>until|till|by|from|starting|through|before)\s+(?:(?:late|early)\s+)?(?:on\s+)?$",
    re.I)
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:(?:late|early)\s+)?(?:on\s+)?$", re.I)
# Modals that point ahead; "could"/"might" also report the past ("could not be reached
# on Monday"), so they decide nothing.
_FORWARD_MODALS = frozenset({"will", "shall", "'ll", "wo", "would", "can", "ca", "must",
                             "should", "may"})
_PAST_AUX = frozenset({"VBD"})
_PERFECT = frozenset({"have", "has", "'ve", "'s"})
_PREDICATE = frozenset({"VERB", "AUX"})
# Present forms that state or report rather than schedule ("is", "has", "says").
# Verbs whose past is spelled as their present: "stocks hurt the index on Friday".
_SAME_PAST = frozenset({"hurt", "put", "set", "cut", "hit", "let", "cost", "spread", "shut",
                        "quit", "read", "bet", "cast", "split", "burst", "upset", "broadcast",
                        "forecast", "bid", "beat"})
_STATIVE = frozenset({"be", "have", "say", "tell", "report", "announce", "add", "note",
                      "state", "claim", "write", "show", "know", "think", "believe", "want",
                      "need", "seem", "remain", "own", "hold", "include", "mean",
                      "suggest", "indicate", "argue", "insist", "warn", "estimate", "find",
                      "confirm", "deny", "reveal", "describe", "explain", "call"})
# Verbs whose limit ("by Tuesday", "until Friday") is set for what is to come.
DIRECTIVES = frozenset({"ask", "demand", "order", "request", "urge", "require", "instruct",
                        "give", "set", "extend", "postpone", "delay", "adjourn", "suspend",
                        "defer", "plan", "schedule", "expect"})


def since_before(text: str, start: int) -> bool:
    """Whether "since" governs the time at ``start``: "since March" lies behind, whatever
    the tense or cue words of its clause ("will stay, as it has since March")."""
    return _SINCE_BEFORE.search(text, max(0, start - 30), start) is not None


def forward_prep(text: str, start: int) -> str | None:
    """The limit preposition right before ``start`` ("until", "by", "from"...), if any."""
    m = _FORWARD_BEFORE.search(text, max(0, start - 30), start)
    return m.group("p").lower() if m else None


def _token_at(tokens: Sequence[Token], starts: Sequence[int], offset: int) -> int | None:
    i = bisect_right(starts, offset) - 1
    if i < 0 or not tokens[i].start <= offset < max(tokens[i].end, tokens[i].start + 1):
        return None
    return i


def _governor(tokens: Sequence[Token], i: int, start: int, end: int,
              ) -> tuple[int | None, bool]:
    """The predicate a time at token ``i`` (chars ``start:end``) depends on, and whether
    a noun outside it lies between ("a report by Tuesday": it limits the report)."""
    nominal = False
    seen = {i}
    while True:
        head = tokens[i].head
        if head in seen:
            return None, nominal
        seen.add(head)
        i = head
        tok = tokens[i]
        if tok.pos in _PREDICATE:
            return i, nominal
        if tok.pos in ("NOUN", "PROPN", "PRON") and not start <= tok.start < end:
            nominal = True


def _children(tokens: Sequence[Token], i: int) -> list[int]:
    # Dependents sit close to their head; a window keeps this linear in the clause.
    lo, hi = max(0, i - 12), min(len(tokens), i + 12)
    return [j for j in range(lo, hi) if j != i and tokens[j].head == i]


def _tense(tokens: Sequence[Token], text: str, v: int, depth: int = 0) -> Tense | None:
    """Past or future (non-past) for the predicate ``v``; None when the form says neither."""
    tok = tokens[v]
    auxes = [j for j in _children(tokens, v) if tokens[j].dep in ("aux", "auxpass")]
    words = [text[tokens[j].start:tokens[j].end].lower() for j in auxes]
    if any(tokens[j].tag == "MD" for j in auxes):
        if "have" in words:
            return "past"  # "would have met on Monday"
        return "future" if any(w in _FORWARD_MODALS for w in words) else None
    if "to" in words or (tok.tag == "VBG" and not auxes) or tok.dep == "xcomp":
        # An infinitive or bare participle: the tense of the verb it depends on (through
        # an adjective: "had been due to expire").
        head = tok.head
        while tokens[head].pos == "ADJ" and tokens[head].head != head:
            head = tokens[head].head
        if depth < 3 and head != v and tokens[head].pos in _PREDICATE:
            found = _tense(tokens, text, head, depth + 1)
            return "future" if "to" in words and found == "future" else found
        return None
    if "had" in words or "'d" in words:
        return "perfect"
    if any(tokens[j].tag in _PAST_AUX for j in auxes) or any(w in _PERFECT for w in words):
        return "past"
    if tok.tag == "VBD" or (tok.tag == "VBN" and not auxes):
        return "past"
    lemma = tok.lemma.lower()
    present = tok.tag == "VBZ" or (tok.tag == "VBP" and lemma not in _SAME_PAST)
    if present and not auxes and lemma not in _STATIVE:
        return "future"  # "they meet Monday", "the ban takes effect on Friday"
    # "are worth ... in October", "says": the present says nothing.
    return None


def parse_tense(tokens: Sequence[Token], starts: Sequence[int], text: str,
                offset: int, end: int) -> tuple[Tense | None, bool]:
    """The tense of the predicate the time ``offset:end`` depends on, and whether the time
    hangs on a noun first or sets a deadline (either makes a limit point forward);
    (None, False) without a parse there."""
    if not tokens:
        return None, False
    i = _token_at(tokens, starts, offset)
    if i is None:
        return None, False
    verb, nominal = _governor(tokens, i, offset, end)
    if verb is None:
        return None, nominal
    if tokens[verb].lemma.lower() in DIRECTIVES:
        # A deadline set in a request lies after it: "asked for a report by Tuesday".
        return _tense(tokens, text, verb), True
    return _tense(tokens, text, verb), nominal
