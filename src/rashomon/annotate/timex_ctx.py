"""Context for the temporal tagger's rules: the anchor, tense cues and word parsing."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..models import Token
from .timex_cal import Norm, safe_date
from .timex_lex import FUTURE_CUE, MONTHS, PAST_VERB_BEFORE, SMALL_NUMBERS, VAGUE_NUMBERS, WEEKDAYS
from .timex_tense import forward_prep, parse_tense, since_before

# Sentence ends, but not the periods of "Mr." or initials ("U.S.", "Daniel P. Davison").
CLAUSE_START = re.compile(
    r"(?<![A-Z])(?<!Mr)(?<!Mrs)(?<!Ms)(?<!Dr)(?<!St)(?<!Gen)(?<!Sen)(?<!Rep)(?<!Gov)[.!?]\s"
    r"|[!?;:\n\"]|''|``")
# A past form anywhere in a clause ("was not confirmed until Friday").
# (A participle after "is"/"are"/"be" is a present passive: "are suspended until Friday".)
PAST_CLAUSE = re.compile(r"\b(?:was|were|had|did|has|have)\b|(?<!\bis )(?<!\bare )(?<!\bbe )"
                         r"\b\w+ed\b", re.I)
# A participle after "be"/"is"/"to" is no past: "a show to be aired on Christmas Day".
NONPAST_PARTICIPLE = re.compile(r"\b(?:be|is|are|am|being|to)\s+(?:\w+ly\s+)?\w+ed\s+(?:on\s+)?$",
                                re.I)
_CLAUSE_END = re.compile(r"[.!?;:\n]")
# `Ctx.back` after "since": the time lies behind the anchor whatever the clause says.
SINCE = 2
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}


@dataclass(slots=True)
class Ctx:
    """What a rule may look at besides its match: the text, the anchor, the last date seen."""

    text: str
    anchor: dt.date | None
    prev: Norm | None = None
    tokens: Sequence[Token] = ()
    starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.tokens and not self.starts:
            self.starts = [t.start for t in self.tokens]

    def future(self, start: int, end: int | None = None) -> bool:
        """Whether the time at ``start:end`` points ahead of the anchor: by the tense of
        the predicate it depends on where there is a parse, else by cue words; a limit
        ("until", "by", "from") points ahead unless that predicate is past."""
        if since_before(self.text, start):
            return False
        tense, nominal = parse_tense(self.tokens, self.starts, self.text, start,
                                     end if end is not None else start + 1)
        cued = is_future(self.text, start)
        prep = forward_prep(self.text, start)
        if prep and not self.tokens:
            # No parse: only the plain limits, and a past form anywhere in the clause wins.
            return cued or (prep in ("until", "till", "by") and not self._past_clause(start))
        if prep:
            return cued or nominal or tense not in ("past", "perfect")
        if nominal:
            # A time under a noun ("a June agreement") does not take the verb's tense.
            return cued
        if tense == "perfect":
            return False  # "had been due to expire Friday": past whatever the cue words
        return cued or tense == "future"

    def back(self, start: int, end: int | None = None) -> int:
        """How surely the time at ``start:end`` lies behind the anchor: `SINCE` (2) after
        "since"; 1 in a clause whose predicate is past (by the parse; without one, a past
        verb right before: "the year ended Jan. 31") with no limit or future cue before
        it; else 0."""
        if since_before(self.text, start):
            return SINCE
        if forward_prep(self.text, start) or is_future(self.text, start):
            return 0
        if not self.tokens:
            before = clause_before(self.text, start)
            return int(PAST_VERB_BEFORE.search(before) is not None
                       and FUTURE_CUE.search(before) is None
                       and NONPAST_PARTICIPLE.search(before) is None)
        tense, nominal = parse_tense(self.tokens, self.starts, self.text, start,
                                     end if end is not None else start + 1)
        return int(tense in ("past", "perfect") and not nominal)

    def _past_clause(self, start: int) -> bool:
        """Whether the clause around ``start`` has a past form (text only)."""
        stop = _CLAUSE_END.search(self.text, start)
        after = self.text[start:stop.start() if stop else len(self.text)]
        return bool(PAST_CLAUSE.search(clause_before(self.text, start))
                    or PAST_CLAUSE.search(after))


def clause_before(text: str, start: int, limit: int = 120) -> str:
    """The text between the start of the clause (or ``limit`` chars back) and ``start``."""
    window = text[max(0, start - limit):start]
    cut = 0
    for m in CLAUSE_START.finditer(window):
        cut = m.end()
    return window[cut:]


def is_future(text: str, start: int) -> bool:
    """Whether the clause before ``start`` points to the future ("will meet on Monday")."""
    before = clause_before(text, start)
    if PAST_VERB_BEFORE.search(before):
        return False
    return FUTURE_CUE.search(before) is not None


def month_num(word: str) -> int:
    """Month number from a month name or abbreviation."""
    return MONTHS[word[:3].lower()]


def weekday_num(word: str) -> int:
    """Weekday number (Monday=0) from a weekday name."""
    return WEEKDAYS[word[:3].lower()]


def parse_number(word: str | None) -> float | None:
    """A count from digits, number words or fractions; None for vague ones ("several")."""
    if not word:
        return None
    w = " ".join(word.lower().split())
    if w.endswith(" and a half"):
        count = parse_number(w.removesuffix(" and a half"))
        return None if count is None else count + 0.5
    if w in VAGUE_NUMBERS:
        return None
    if w in SMALL_NUMBERS:
        return float(SMALL_NUMBERS[w])
    w = w.replace(" ", "-") if w.split(" ")[0] in TENS else w  # "twenty four"
    if "-" in w and w.split("-")[0] in TENS:
        tens, _, unit = w.partition("-")
        return float(TENS[tens] + SMALL_NUMBERS.get(unit, 0))
    whole, _, frac = w.replace(",", "").partition(" ")
    try:
        value = float(whole)
        if frac:
            num, _, den = frac.partition("/")
            value += int(num) / int(den)
    except (ValueError, ZeroDivisionError):
        return None
    return value


def with_half(n: float | None, m: re.Match[str]) -> float | None:
    """The count ``n`` plus one half where the unit is followed by "and a half"."""
    return n + 0.5 if n is not None and m.group("half") else n


def infer_month_year(anchor: dt.date, mon: int, future: bool, back: int = 0) -> int:
    """Year of a month named without one: the anchor's, or next/last year by tense and
    distance. ``back`` (`Ctx.back`) 1: a past clause, never the coming year; 2: after
    "since", never after the anchor."""
    diff = mon - anchor.month
    if back == SINCE:
        return anchor.year - 1 if diff > 0 else anchor.year
    if back and diff <= -9:
        # Not the coming one; a past clause may still report a schedule ("was set for
        # March"), so months ahead of the anchor keep the rules below.
        return anchor.year
    if future and diff < -2:
        return anchor.year + 1
    if not future and diff > 3:
        return anchor.year - 1
    if diff <= -9:
        return anchor.year + 1  # "January" in a late-October article: the coming one
    return anchor.year


def infer_month_day(anchor: dt.date, mon: int, dnum: int, future: bool,
                    back: int = 0) -> dt.date | None:
    """Date of a month-day named without a year, by the anchor and the clause's tense;
    ``back`` as for `infer_month_year`."""
    cand = safe_date(anchor.year, mon, dnum) or safe_date(anchor.year - 1, mon, dnum)
    if cand is None:
        return None
    delta = (cand - anchor).days
    if back == SINCE:
        return safe_date(cand.year - 1, mon, dnum) if delta > 0 else cand
    if back and delta < -270:
        return cand  # not the coming one (a past clause may still report a schedule)
    if future and delta < -60:
        return safe_date(cand.year + 1, mon, dnum)
    if not future and delta > 90:
        return safe_date(cand.year - 1, mon, dnum)
    if delta < -270:
        return safe_date(cand.year + 1, mon, dnum)  # "Jan. 2" in November: the coming one
    return cand


def weekday_date(anchor: dt.date, wd: int, mode: str) -> dt.date:
    """The weekday ``wd`` near the anchor: "past"/"future" include the anchor, "last"/"next"
    skip it."""
    back = (anchor.weekday() - wd) % 7
    ahead = (wd - anchor.weekday()) % 7
    if mode == "last":
        return anchor - dt.timedelta(days=back or 7)
    if mode == "next":
        return anchor + dt.timedelta(days=ahead or 7)
    if mode == "future":
        return anchor + dt.timedelta(days=ahead)
    return anchor - dt.timedelta(days=back)
