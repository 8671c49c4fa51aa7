"""Rules for expressions that need the anchor: weekdays, "last week", "two days ago", "now"."""

from __future__ import annotations

import datetime as dt
import re

from . import timex_cal as cal
from .timex_cal import Norm, unresolved
from .timex_ctx import Ctx, parse_number, weekday_date, weekday_num, with_half
from .timex_lex import PARTS_OF_DAY, SEASONS, UNITS

ENDED = re.compile(r"\s+(?:ended|ending|that\s+ended)\b", re.I)
UNIT_DAYS = {"S": 0.0, "H": 0.0, "D": 1.0, "W": 7.0, "WE": 7.0, "M": 30.44, "Q": 91.3,
             "Y": 365.25, "DE": 3652.5, "CE": 36525.0}
PAST_MODS = ("last", "past", "this past", "previous", "late last", "early last", "the past",
             "the last", "the previous", "earlier", "prior", "latest", "the latest")
NEXT_MODS = ("next", "coming", "following", "early next", "late next", "the next", "the coming",
             "the following")
REFS = {"now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
        "at present": "PRESENT_REF", "presently": "PRESENT_REF", "nowadays": "PRESENT_REF",
        "these days": "PRESENT_REF", "recently": "PAST_REF", "recent": "PAST_REF",
        "lately": "PAST_REF", "previously": "PAST_REF", "formerly": "PAST_REF",
        "the past": "PAST_REF", "soon": "FUTURE_REF", "the future": "FUTURE_REF",
        "the near future": "FUTURE_REF",
        "future": "FUTURE_REF", "shortly": "FUTURE_REF"}


def _mod(m: re.Match[str], name: str = "mod") -> str:
    return " ".join((m.group(name) or "").lower().split())


def _offset(mod: str) -> int:
    if mod in PAST_MODS or mod.endswith("last"):
        return -1
    if mod in NEXT_MODS or mod.endswith("next"):
        return 1
    return 0


def _part(mod: str) -> str:
    first = mod.split(" ")[0] if mod else ""
    return {"early": "early", "earlier": "early", "late": "late", "later": "late",
            "mid": "mid"}.get(first, "")


def _with_part_of_day(norm: Norm, pod: str | None) -> Norm:
    """'Tuesday night' -> 2025-06-03TNI: a time of the day in TimeML's coarse codes."""
    if not pod or norm.value is None:
        return norm
    code = PARTS_OF_DAY[pod.lower()]
    return Norm("time", f"{norm.value}{code}", "time", norm.when, True)


def weekday(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'Friday', 'last Friday', 'late on Saturday', 'Tuesday night'."""
    if ctx.anchor is None:
        return unresolved("time" if m.group("pod") else "date")
    mod = _mod(m)
    mode = {"last": "last", "next": "next", "this": "future", "coming": "next",
            "this coming": "next", "this past": "last"}.get(mod)
    if mode is None:
        # "Wednesday's ruling" names an event already known: the past one.
        possessive = ctx.text.startswith("'s", m.end())
        mode = "future" if not possessive and ctx.future(m.start(), m.end()) else "past"
    d = weekday_date(ctx.anchor, weekday_num(m.group("wd")), mode)
    return _with_part_of_day(cal.day(d, True), m.group("pod"))


def day_word(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'today', 'late yesterday', 'tomorrow morning', 'tonight', 'last night'."""
    word = m.group("w").lower()
    pod = m.group("pod") or ("night" if word in ("tonight", "overnight") else None)
    if ctx.anchor is None:
        return unresolved("time" if pod else "date")
    shift = {"yesterday": -1, "tomorrow": 1, "last": -1, "overnight": -1}.get(word, 0)
    if word == "last" and (pod or "").lower() != "night":
        return None
    norm = cal.day(ctx.anchor + dt.timedelta(days=shift), True)
    return _with_part_of_day(norm, pod)


def ref(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'now', 'currently' (PRESENT_REF), 'recently' (PAST_REF), 'soon' (FUTURE_REF)."""
    value = REFS[" ".join(m.group(0).lower().split())]
    if ctx.anchor is None:
        return unresolved()
    a = ctx.anchor
    if value == "PRESENT_REF":
        return Norm("date", value, "day", cal.When(date=a.isoformat()), True)
    if value == "PAST_REF":
        return Norm("date", value, "range", cal.span(a - dt.timedelta(days=30), a), True)
    return Norm("date", value, "range", cal.span(a, a + dt.timedelta(days=365)), True)


def _weekend(anchor: dt.date, mod: str, future: bool) -> Norm:
    """'last weekend'/'over the past weekend' -> the Saturday..Sunday before the anchor."""
    sat_back = anchor - dt.timedelta(days=(anchor.weekday() - 5) % 7 or 7)
    if anchor.weekday() == 6:
        sat_back = anchor - dt.timedelta(days=1)
    if _offset(mod) < 0:
        return cal.weekend_of(sat_back)
    if _offset(mod) > 0 or future or anchor.weekday() == 4:
        return cal.weekend_of(anchor + dt.timedelta(days=(5 - anchor.weekday()) % 7))
    return cal.weekend_of(sat_back)


def _rel_week(anchor: dt.date, mod: str, off: int) -> Norm:
    norm = cal.week_of(anchor + dt.timedelta(days=7 * off))
    if off == 0 and _part(mod) == "early":
        monday = anchor - dt.timedelta(days=anchor.weekday())
        return norm._replace(when=cal.span(monday, anchor))
    return norm


def _rel_year(anchor: dt.date, mod: str, off: int) -> Norm:
    y = anchor.year + off
    if off == 0 and mod.startswith("earlier"):
        return cal.year(y, True, until=anchor)
    norm = cal.year(y, True, _part(mod))
    if off == 0 and mod.startswith("later") and norm.when:
        return norm._replace(when=cal.span(anchor, dt.date(y, 12, 31)))
    return norm


def _rel_month(anchor: dt.date, mod: str, off: int) -> Norm | None:
    y, mo = cal.add_months(anchor.year, anchor.month, off)
    norm = cal.month(y, mo, True, "" if off == 0 else _part(mod))
    if norm and off == 0 and mod.startswith("earlier"):
        return norm._replace(when=cal.span(dt.date(y, mo, 1), anchor))
    return norm


def _rel_season(anchor: dt.date, code: str, off: int, mod: str = "") -> Norm | None:
    if mod == "this past":
        # The latest one that has begun: "this past spring" in October is this year's.
        begun = cal.SEASON_MONTHS[code][0] <= anchor.month
        return cal.season(anchor.year if begun else anchor.year - 1, code, True)
    y, cur = cal.season_of(anchor)
    return cal.season(y + off if code == cur or off else anchor.year, code, True)


def rel_unit(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'last week', 'this month', 'earlier this year', 'next quarter', 'last summer'."""
    if ctx.anchor is None:
        return unresolved()
    mod, unit, a = _mod(m), m.group("u").lower(), ctx.anchor
    off = _offset(mod)
    if "following" in mod and ctx.prev is not None and ctx.prev.value:
        return _following(ctx.prev, unit)
    if mod in ("the past", "the coming") and unit in ("week", "month", "year", "decade"):
        return duration_norm(1.0, unit, a if mod == "the past" else None)
    if mod in ("the last", "the next") and unit == "decade":
        # "over the next decade": ten years from now, not the 2030s.
        return duration_norm(1.0, unit, a if mod == "the last" else None)
    if unit == "weekend":
        return _weekend(a, mod, ctx.future(m.start(), m.end()))
    if unit == "week":
        return _rel_week(a, mod, off)
    if unit == "month":
        return _rel_month(a, mod, off)
    if unit == "year":
        if ENDED.match(ctx.text, m.end()):
            return duration_norm(1.0, unit, None)  # "the year ended March 31": a fiscal year
        return _rel_year(a, mod, off)
    if unit == "quarter":
        return _quarter_index(a.year * 4 + cal.current_quarter(a) - 1 + off)
    if unit == "decade":
        return cal.decade((a.year // 10 + off) * 10, True)
    if unit == "century":
        return cal.century(a.year // 100 + 1 + off, True)
    return _rel_season(a, SEASONS[unit], off, mod)


def _following(prev: Norm, unit: str) -> Norm | None:
    """'the following year/month': one unit after the date named last."""
    value = prev.value or ""
    if unit == "year" and value[:4].isdigit():
        return cal.year(int(value[:4]) + 1, True)._replace(anaphoric=True)
    if unit == "month" and len(value) >= 7 and value[5:7].isdigit():
        y, mo = cal.add_months(int(value[:4]), int(value[5:7]), 1)
        norm = cal.month(y, mo, True)
        return norm._replace(anaphoric=True) if norm else None
    return None


def _quarter_index(index: int) -> Norm | None:
    return cal.quarter(index // 4, index % 4 + 1, True)


_SMALLER = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "H")}
_CLOCK_SMALLER = {"H": (60, "M"), "M": (60, "S")}


def duration_value(n: float | None, unit: str) -> str:
    """TimeML duration value: P3D, PT5H, P40M, PXY; decades and centuries in years."""
    letter, clock = UNITS[unit]
    t = "T" if clock else ""
    if letter in ("DE", "CE", "Q", "WE"):
        if n is None:
            return f"PX{letter}"
        n, letter = n * {"DE": 10, "CE": 100, "Q": 3, "WE": 2}[letter], \
            {"DE": "Y", "CE": "Y", "Q": "M", "WE": "D"}[letter]
    if n is None:
        return f"P{t}X{letter}"
    if n == int(n):
        return f"P{t}{int(n)}{letter}"
    smaller = (_CLOCK_SMALLER if clock else _SMALLER).get(letter)
    if smaller is None:
        return f"P{t}{n:g}{letter}"
    factor, sub = smaller
    if letter == "W":
        return f"P{round(n * factor)}D"  # ISO 8601 does not mix weeks with other units
    # TimeML writes the whole units first, then the rest: "2 1/2 years" is P2Y6M.
    whole = f"{int(n)}{letter}" if int(n) else ""
    return f"P{t}{whole}{'T' if sub == 'H' else ''}{round((n - int(n)) * factor)}{sub}"


def duration_norm(n: float | None, unit: str, until: dt.date | None) -> Norm:
    """A duration; with ``until`` (the anchor, for "the past two months") also its span."""
    value = duration_value(n, unit)
    if until is None:
        return Norm("duration", value, "duration", None)
    letter, clock = UNITS[unit]
    # Minutes share months' letter: a clock unit spans less than a day.
    days = 0.0 if clock else UNIT_DAYS[letter] * (7 if n is None else n)
    start = until - dt.timedelta(days=max(round(days), 1))
    return Norm("duration", value, "range", cal.span(start, until), True)


def _shift_days(base: dt.date, n: float, letter: str, sign: int) -> Norm | None:
    """The calendar unit ``n`` units before/after ``base`` (value at that unit's precision)."""
    if letter == "M":
        y, mo = cal.add_months(base.year, base.month, sign * int(n))
        return cal.month(y, mo, True)
    if letter in ("Y", "DE", "CE"):
        years = int(n) * {"Y": 1, "DE": 10, "CE": 100}[letter]
        return cal.year(base.year + sign * years, True)
    if letter == "Q":
        index = base.year * 4 + cal.current_quarter(base) - 1 + sign * int(n)
        return _quarter_index(index)
    target = base + sign * dt.timedelta(days=UNIT_DAYS[letter] * n)
    return cal.week_of(target) if letter in ("W", "WE") else cal.day(target, True)


def ago(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'two days ago', 'three weeks ago', 'a few days ago', 'a year earlier'."""
    if ctx.anchor is None:
        return unresolved()
    n = with_half(parse_number(m.group("n")), m)
    unit = m.group("u").lower().rstrip("s")
    letter = UNITS[unit][0]
    if n is not None and n != int(n) and letter == "Y":
        n, letter = n * 12, "M"  # "a year and a half ago": 18 months back
    direction = " ".join(m.group("dir").lower().split())
    sign = 1 if direction in ("later", "from now", "hence", "after") else -1
    if n is None:
        return _vague_ago(ctx.anchor, letter, sign)
    # "a year earlier" shifts the date named before it; "a year ago" does so within a sentence
    # ("third-quarter profit ... from a year ago" is the third quarter of last year).
    anaphoric = direction in ("earlier", "later", "before", "after")
    prev = ctx.prev
    if prev is not None and letter == "Y" and prev.precision == "quarter":
        # Earnings reports: "from $90 million a year ago" is the same quarter last year.
        return cal.shift_norm_year(prev, sign * int(n))
    base = ctx.anchor
    if anaphoric and prev is not None and prev.precision == "day" and prev.value:
        base = dt.date.fromisoformat(prev.value[:10])
        if letter in ("M", "Y") and n == int(n):
            # "a month earlier" than June 3 is May 3: a day, as precise as its anchor.
            months = sign * int(n) * (12 if letter == "Y" else 1)
            y, mo = cal.add_months(base.year, base.month, months)
            day = cal.safe_date(y, mo, min(base.day, cal.month_end(y, mo).day))
            return cal.day(day, True)._replace(anaphoric=True) if day else None
    if UNITS[unit][1]:
        return cal.day(base, True)  # seconds, minutes, hours: the same day
    return _shift_days(base, n, letter, sign)


def _vague_ago(anchor: dt.date, letter: str, sign: int) -> Norm:
    """'a few days ago' -> PAST_REF over a range ending at the anchor."""
    reach = dt.timedelta(days=max(UNIT_DAYS[letter] * 7, 1))
    if sign < 0:
        return Norm("date", "PAST_REF", "range", cal.span(anchor - reach, anchor), True)
    return Norm("date", "FUTURE_REF", "range", cal.span(anchor, anchor + reach), True)


_OF_BEFORE = re.compile(r"\bof\s+$", re.I)
# Before a bare "that day/year": a preposition, a time adverb or a clause start ("He said
# that day laborers..." is no time).
_THAT_BEFORE = re.compile(
    r"(?:\b(?:on|in|during|by|since|until|till|from|for|through|later|earlier|early|late"
    r"|and|but)\s+|^\s*|[.;:,!?\n]\s*|``\s*|\"\s*)$", re.I)


def anaphor(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'the next day', 'the day before', 'that year', 'that night', 'the same week': counted
    from the date named last, as "a year earlier" is; nothing without one of that
    precision."""
    prev = ctx.prev
    if prev is None or not (prev.value or "")[:4].isdigit():
        return None
    that = " ".join((m.group("that") or "").lower().split())
    before = ctx.text[max(0, m.start() - 20):m.start()]
    if that == "that" and not _THAT_BEFORE.search(before):
        return None
    if that and _OF_BEFORE.search(before):
        # "in May of that year": the year named before the month, which is the date
        # named last here.
        return None
    mod, direction = _mod(m), (m.group("dir") or "").lower()
    shift = 1 if mod in ("next", "following") or direction == "after" else \
        -1 if mod or direction else 0
    norm = _shifted(prev, (m.group("u") or "day").lower(), shift)
    if norm and m.group("pod"):
        norm = _with_part_of_day(norm, m.group("pod"))  # "that night": 2014-10-02TNI
    return norm._replace(anaphoric=True) if norm else None


def _shifted(prev: Norm, unit: str, shift: int) -> Norm | None:
    """The ``unit`` of the date ``prev`` names, ``shift`` units on (day and week need a day)."""
    value = prev.value or ""
    if unit in ("day", "week"):
        if prev.precision != "day":
            return None
        base = dt.date.fromisoformat(value[:10])
        return cal.day(base + dt.timedelta(days=shift), True) if unit == "day" \
            else cal.week_of(base + dt.timedelta(days=7 * shift))
    if unit == "month":
        if len(value) < 7 or not value[5:7].isdigit():
            return None
        y, mo = cal.add_months(int(value[:4]), int(value[5:7]), shift)
        return cal.month(y, mo, True)
    return cal.year(int(value[:4]) + shift, True)


def units_ahead(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'the weeks ahead': an unknown number of units from now on, as "the coming weeks"."""
    unit = m.group("u").lower().rstrip("s")
    return duration_norm(None, "century" if unit == "centurie" else unit, None)


def recent_units(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'in recent days', 'recent years', 'the past few weeks', 'coming months'."""
    unit = m.group("u").lower().rstrip("s")
    unit = "century" if unit == "centurie" else unit
    mod = _mod(m)
    past = "recent" in mod or "past" in mod or "last" in mod
    if ctx.anchor is None:
        return unresolved("duration")
    norm = duration_norm(None, unit, ctx.anchor if past else None)
    if mod == "recent":
        return norm._replace(kind="date", value="PAST_REF")  # TimeML: "recent years"
    return norm
