"""Rule-based temporal tagger and normaliser (HeidelTime-style regexes over raw text).

``find_times`` finds every time expression in a text and normalises it against the article's
publication date (the anchor) into a TimeML-style value and a calendar span (`When`):
"Sunday" in an article of 2025-06-13 is 2025-06-08, "last week" is 2025-W23, "three days"
is the duration P3D. Relative expressions stay unresolved (value None) without an anchor.
``sentence_time`` picks the time a sentence is about from the expressions found in it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate

from ..models import TimeExpr, Token, When
from .timex_cal import Norm
from .timex_ctx import Ctx
from .timex_lex import CONNECT_WORDS, PREFIX_WORDS, TRIGGER_WORDS
from .timex_rules import MASTER, RULES, Rule

__all__ = ["find_times", "sentence_time"]

# Anaphora ("a year earlier", "the year-ago quarter") refer back to the last calendar date.
_ANAPHORA_PRECISIONS = ("day", "week", "month", "quarter", "year")
# sentence_time: most to least preferred precision for what a sentence is about.
_PREFERENCE = ("day", "time", "week", "month", "season", "quarter", "range", "year", "decade",
               "duration")
_REFS = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
_WORD_CHAR = re.compile(r"[\w@]")
# Numbers that are time expressions by themselves: years, decades, ISO dates, clock times.
_NUMERIC_TRIGGER = re.compile(r"(?:1[89]\d\d|20\d\d)(?!\d)|\d0s|\d{1,2}:\d\d|fy\d")
_PARTS = re.compile(r"[-,/']+")
_TOKEN_SPLIT = re.compile(r"(\w[\w'.,:/-]*)")
_ORDER = list(RULES)
# For each rule, the rules after it in priority order (tried when it rejects a match).
_LATER: dict[str, list[Rule]] = {
    name: [RULES[n] for n in _ORDER[i + 1:]] for i, name in enumerate(_ORDER)
}


def _normalise(name: str, start: int, end: int, ctx: Ctx) -> Norm | None:
    """Run the rule that matched on its span; a rule that raises yields nothing."""
    rule = RULES[name]
    m = rule.regex.fullmatch(ctx.text, start, end)
    if m is None:
        return None
    try:
        return rule.handler(m, ctx)
    except (ValueError, OverflowError, KeyError):
        # Impossible dates and odd spellings the regexes let through: no annotation.
        return None


def _fallback(name: str, start: int, ctx: Ctx) -> tuple[Norm, int] | None:
    """When the first matching rule rejects its match, the later rules get a try there."""
    for later in _LATER[name]:
        m = later.regex.match(ctx.text, start)
        if m is None or _WORD_CHAR.match(ctx.text, m.end()):
            continue
        norm = _normalise(later.name, start, m.end(), ctx)
        if norm is not None:
            return norm, m.end()
    return None


def _classify(token: str) -> int:
    """2: a trigger word, 1: may open an expression, 0: may sit inside one, -1: neither."""
    word = token.lower().rstrip(".,:;'").removesuffix("'s")
    parts = _PARTS.split(word)
    if any(p in TRIGGER_WORDS or _NUMERIC_TRIGGER.match(p) for p in parts):
        return 2
    if parts[0] in PREFIX_WORDS or word[:1].isdigit():
        return 1  # a plain number only opens an expression ("30 days", "13 June")
    return 0 if parts[-1] in CONNECT_WORDS else -1


class _KindCache(dict[str, int]):
    """Token -> kind, classifying each new token once (news vocabulary is small)."""

    def __missing__(self, token: str) -> int:
        kind = _classify(token)
        if len(self) < 100_000:
            self[token] = kind
        return kind


_KINDS = _KindCache()


# An undated article is resolved against each day of its story's span: same text, many
# anchors, and where expressions may begin does not depend on the anchor.
@lru_cache(maxsize=64)
def _candidate_starts(text: str) -> tuple[int, ...]:
    """Word starts where an expression may begin: each trigger word and the opening words in
    the run (at most six words) of opening or connecting words right before it. Matching only
    there keeps the tagger fast; the per-token work stays in C (split, map, accumulate)."""
    parts = _TOKEN_SPLIT.split(text)
    tokens = parts[1::2]
    kinds = list(map(_KINDS.__getitem__, tokens))
    ends = list(accumulate(map(len, parts)))
    out: set[int] = set()
    for i in [i for i, k in enumerate(kinds) if k == 2]:
        out.add(ends[2 * i])
        for j in range(i - 1, max(-1, i - 7), -1):
            if kinds[j] < 0:
                break
            if kinds[j] > 0:
                out.add(ends[2 * j])
    # "'90s": the apostrophe opens the expression.
    out.update([s - 1 for s in out if s and text[s - 1] == "'"])
    return tuple(sorted(out))


@lru_cache(maxsize=64)
def _matches(text: str) -> dict[int, tuple[str, int] | None]:
    """The longest match (rule, end) at each start tried so far, filled as starts are
    tried: like the starts, matches do not depend on the anchor, so the many anchors of an
    undated article share them."""
    return {}


def _match_at(text: str, start: int, seen: dict[int, tuple[str, int] | None],
              ) -> tuple[str, int] | None:
    if start not in seen:
        m = MASTER.match(text, start)
        seen[start] = (m.lastgroup, m.end()) if m is not None and m.lastgroup else None
    return seen[start]


def find_times(text: str, anchor: dt.date | None,
               tokens: Sequence[Token] = ()) -> list[TimeExpr]:
    """Every time expression in ``text``: sorted, non-overlapping, normalised against
    ``anchor`` (the publication date; None leaves relative expressions unresolved).
    With the text's parse (``tokens``), tense decides which way "Wednesday" points."""
    ctx = Ctx(text, anchor, tokens=tokens)
    out: list[TimeExpr] = []
    last_end = 0
    seen = _matches(text)
    for start in _candidate_starts(text):
        hit = _match_at(text, start, seen) if start >= last_end else None
        if hit is None:
            continue
        rule, end = hit
        norm = _normalise(rule, start, end, ctx)
        found = (norm, end) if norm is not None else _fallback(rule, start, ctx)
        if found is None:
            continue
        norm, last_end = found
        out.append(TimeExpr(text[start:last_end], start, last_end,
                            norm.kind,
                            norm.value, norm.precision, norm.when, norm.relative))
        if norm.kind == "date" and (norm.value or "")[:1].isdigit() \
                and norm.precision in _ANAPHORA_PRECISIONS and not norm.anaphoric:
            ctx.prev = norm
    return out


def _rank(t: TimeExpr) -> tuple[int, int, int]:
    ref = t.value in _REFS
    precision = _PREFERENCE.index(t.precision) if t.precision in _PREFERENCE else 99
    return (ref, t.kind == "duration", precision)


def sentence_time(times_in_sentence: list[TimeExpr]) -> When | None:
    """The time a sentence is about ("said Sunday", "on June 2"): a day-precision date if
    there is one, else the most precise expression with a calendar span; None when none."""
    candidates = [t for t in times_in_sentence if t.when is not None and t.kind != "set"]
    if not candidates:
        return None
    return min(candidates, key=_rank).when
