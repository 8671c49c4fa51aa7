"""Rules for calendar expressions: dates, months, years, quarters, seasons, decades, times."""

from __future__ import annotations

import datetime as dt
import re

from . import timex_cal as cal
from .timex_cal import Norm, unresolved
from .timex_ctx import (
    Ctx,
    infer_month_day,
    infer_month_year,
    month_num,
    parse_number,
    weekday_date,
    weekday_num,
    with_half,
)
from .timex_lex import COUNT_AFTER, COUNT_BEFORE, ORDINALS, SEASONS, YEAR_BEFORE
from .timex_rel import duration_norm

# Month names that are also common words: only taken as months with a date-ish word before.
AMBIGUOUS_MONTHS = re.compile(r"may|march", re.I)
MONTH_CONTEXT = re.compile(
    r"\b(?:in|since|by|until|till|of|from|during|through|before|after|early|late|mid|last|next"
    r"|this|and|or|to|between)\s*-?$", re.I)


def _part_word(word: str | None) -> str:
    w = (word or "").lower()
    if w.startswith(("early", "the beginning", "the start")):
        return "early"
    if w.startswith(("mid", "the middle")):
        return "mid"
    return "late" if w.startswith(("late", "the end", "the close")) else ""


def _month_ok(word: str, ctx: Ctx, start: int, has_mod: bool) -> bool:
    """Month names are capitalised; 'May'/'March' alone also need a preposition before."""
    if not word[:1].isupper():
        return False
    if has_mod or not AMBIGUOUS_MONTHS.fullmatch(word):
        return True
    return MONTH_CONTEXT.search(ctx.text[max(0, start - 12):start].rstrip()) is not None


def iso_date(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'2025-06-08', '2025-06-08T14:00'."""
    d = cal.safe_date(int(m.group("y")), int(m.group("mo")), int(m.group("d")))
    if d is None:
        return None
    if m.group("hm"):
        return Norm("time", f"{d.isoformat()}T{m.group('hm')}", "time", cal.When(date=str(d)))
    return cal.day(d)


def full_date(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'June 13, 2025', '13 June 2025', 'Oct. 11', 'Monday, Oct. 26'."""
    mon = month_num(m.group("mon") or m.group("mon2"))
    dnum = int(re.sub(r"\D", "", m.group("d") or m.group("d2")))
    if m.group("y"):
        d = cal.safe_date(int(m.group("y")), mon, dnum)
        return cal.day(d) if d else None
    if cal.safe_date(2000, mon, dnum) is None:
        return None
    if ctx.anchor is None:
        return Norm("date", f"XXXX-{mon:02d}-{dnum:02d}", "unresolved", None, True)
    d = infer_month_day(ctx.anchor, mon, dnum, ctx.future(m.start(), m.end()),
                        ctx.back(m.start(), m.end()))
    return cal.day(d, True) if d else None


def month_year(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'March 2014', 'late April 1998', 'January this year'."""
    mon = month_num(m.group("mon"))
    rel = (m.group("rel") or "").lower()
    if rel:
        if ctx.anchor is None:
            return unresolved()
        y = ctx.anchor.year + {"last": -1, "next": 1}.get(rel, 0)
        return cal.month(y, mon, True, _part_word(m.group("part")))
    return cal.month(int(m.group("y")), mon, False, _part_word(m.group("part")))


def month_alone(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'June', 'last May', 'late April', 'mid-June', 'the end of October'."""
    word, mod = m.group("mon"), " ".join((m.group("mod") or "").lower().split())
    if not _month_ok(word, ctx, m.start(), bool(mod)):
        return None
    if ctx.anchor is None:
        return unresolved()
    mon, a = month_num(word), ctx.anchor
    if mod == "last":
        y = a.year if mon < a.month else a.year - 1
    elif mod == "next":
        y = a.year if mon > a.month else a.year + 1
    elif mod == "this":
        y = a.year
    elif mod == "this past":
        y = a.year if mon <= a.month else a.year - 1  # the latest one, this month included
    else:
        y = infer_month_year(a, mon, ctx.future(m.start(), m.end()),
                             ctx.back(m.start(), m.end()))
    return cal.month(y, mon, True, _part_word(mod))


def _rel_year_offset(m: re.Match[str]) -> int:
    """-1/0/+1 for "last/this/next year's third quarter"."""
    rel = (m.group("rel") or m.group("rel2") or "").lower()
    return -1 if rel.startswith("last") else 1 if rel.startswith("next") else 0


def _quarter_year(m: re.Match[str], ctx: Ctx, q: int) -> tuple[int, bool] | None:
    """Year of a quarter: written, "this/last year's", or the latest one by the anchor."""
    for name in ("y", "y2"):
        if m.group(name):
            return int(m.group(name)), False
    if ctx.anchor is None:
        return None
    a = ctx.anchor
    if m.group("rel") or m.group("rel2"):
        return a.year + _rel_year_offset(m), True
    late = q > cal.current_quarter(a) and not ctx.future(m.start(), m.end())
    return a.year - 1 if late else a.year, True


def quarter(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'the third quarter', 'third-quarter', 'the fiscal first quarter of 1990', 'first half'."""
    mods = " ".join((m.group("mods") or "").lower().split())
    ordinal = ORDINALS.get((m.group("ord") or "").lower())
    word = m.group("q").lower()
    if word == "period" and not ("latest" in mods or "recent" in mods or m.group("y")):
        return None  # only "the latest period" / "the 1988 period" are quarters in reports
    if ordinal is None:
        return None if word == "half" else _quarter_by_mod(m, ctx, mods)
    if word == "half" and ordinal > 2:
        return None
    found = _quarter_year(m, ctx, ordinal * (2 if word == "half" else 1))
    if found is None:
        return unresolved()
    y, rel = found
    norm = cal.half(y, ordinal, rel) if word == "half" else cal.quarter(y, ordinal, rel)
    if norm is not None and ("ago" in mods or "earlier" in mods):
        return cal.shift_norm_year(norm, -1)  # "the year-ago third quarter"
    return norm


def _quarter_by_mod(m: re.Match[str], ctx: Ctx, mods: str) -> Norm | None:
    """'the quarter' (the one just named, else the last complete one), 'the latest quarter',
    'the year-ago quarter', 'the 1988 quarter', 'last year's quarter'."""
    rel = m.group("rel") or m.group("rel2")
    if not mods and not m.group("the") and not rel and not m.group("y"):
        return None
    if ctx.anchor is None:
        return unresolved()
    a = ctx.anchor
    index = a.year * 4 + cal.current_quarter(a) - 1
    index += 0 if "current" in mods or "this" in mods else 1 if "next" in mods else -1
    norm = cal.quarter(index // 4, index % 4 + 1, True)
    named = ctx.prev if ctx.prev is not None and ctx.prev.precision == "quarter" else None
    if named is not None and "latest" not in mods and "next" not in mods:
        norm = named  # "the quarter" after "the third quarter" is that quarter
    if norm is None:
        return None
    if m.group("y"):
        return cal.shift_norm_year(norm, int(m.group("y")) - int((norm.value or "0")[:4]))
    if "ago" in mods or "earlier" in mods or rel:
        return cal.shift_norm_year(norm, -1 if not rel else _rel_year_offset(m))
    return norm


def year_ago(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'year-earlier', 'the year-ago period': the last date named, one year back."""
    if ctx.anchor is None:
        return unresolved()
    if ctx.prev is not None and ctx.prev.precision in ("quarter", "month"):
        return cal.shift_norm_year(ctx.prev, -1)
    return cal.year(ctx.anchor.year - 1, True)


def season(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'summer 2024', 'last fall', 'this summer', 'the spring of 1998'."""
    code = SEASONS[m.group("s").lower()]
    mod = (m.group("mod") or "").lower()
    if m.group("y"):
        return cal.season(int(m.group("y")), code)
    if not mod:
        return None
    if ctx.anchor is None:
        return unresolved()
    y, current = cal.season_of(ctx.anchor)
    if mod == "last":
        return cal.season(ctx.anchor.year - 1, code, True)
    if mod == "next":
        return cal.season(ctx.anchor.year + 1, code, True)
    return cal.season(y if code == current else ctx.anchor.year, code, True)


def decade(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'the 1990s', 'the late 1970s', "the '80s"."""
    if m.group("dec"):
        return cal.decade(int(m.group("dec")))
    return cal.decade(1900 + int(m.group("short")))


DECADE_WORDS = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
                "seventies": 70, "eighties": 80, "nineties": 90}


def spelled_decade(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'the nineties', 'the nineteen-sixties': decades of the 20th century."""
    return cal.decade(1900 + DECADE_WORDS[m.group("dec").lower()])


def century(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'the 20th century', 'this century', 'the last century'."""
    if m.group("c"):
        return cal.century(int(m.group("c")))
    if ctx.anchor is None:
        return unresolved()
    off = {"last": -1, "next": 1}.get((m.group("cmod") or "").lower(), 0)
    return cal.century(ctx.anchor.year // 100 + 1 + off, True)


DECIMAL_AFTER = re.compile(r"\.\d")


def _year_in_context(text: str, start: int, end: int) -> bool:
    """A bare 4-digit number is a year unless the words around make it a count."""
    before = text[max(0, start - 20):start]
    if COUNT_BEFORE.search(before):
        return False
    if YEAR_BEFORE.search(before):
        return True
    return COUNT_AFTER.match(text, end) is None


def year(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'2022', 'fiscal 1997', 'mid-1996', 'the end of 1990', 'in 1998'."""
    pre = m.group("pre")
    if DECIMAL_AFTER.match(ctx.text, m.end()):
        return None  # "closed at 2082.1": a decimal number, not a year
    if not pre and not _year_in_context(ctx.text, m.start(), m.end()):
        return None
    return cal.year(int(m.group("y")), False, _part_word(pre))


def duration(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'three days', 'nearly 40-month-long', 'the past two months', 'a week', '5 1/2 hours'."""
    unit = m.group("u").lower()
    unit = "century" if unit == "centurie" else unit
    n = with_half(parse_number(m.group("n")), m)
    if (m.group("old") or "").lower() == "old":
        return None  # an age ("a 6-year-old"), not a span of time
    article = m.group("n").lower() in ("a", "an")
    if article and (unit == "second" or m.string.startswith("s", m.end("u"))):
        return None  # "a second" is mostly the ordinal; "a years-long war" is not "a year"
    lead = " ".join((m.group("lead") or "").lower().split())
    if article and _is_rate(ctx.text, m.start()):
        return None  # a rate ("$5 a year", "700 seats a week"), not a time reference
    past = lead in ("the past", "the last", "the previous", "past", "last")
    return duration_norm(n, unit, ctx.anchor if past and ctx.anchor else None)


def cal_rate(unit: str) -> str:
    """Value of a rate 'a day', 'a year' ($5 a year): one unit."""
    return {"hour": "PT1H", "minute": "PT1M", "second": "PT1S"}.get(
        unit, f"P1{unit[0].upper()}")


RATE_BEFORE = re.compile(r"(?:\d|%|percent|twice|times|once|cents?|dollars?|each"
                         r"|\b(?:two|three|four|five|six|seven|eight|nine|ten|dozen|hundred)\b)"
                         r"\W*(?:\w+\W+)?$",
                         re.I)


def _is_rate(text: str, start: int) -> bool:
    return RATE_BEFORE.search(text[max(0, start - 25):start]) is not None


def plural_unit(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'for years', 'years-long', 'decades-long': an unknown number of units."""
    before = ctx.text[max(0, m.start() - 12):m.start()]
    if not m.group("long") and not SPAN_BEFORE.search(before):
        return None  # a bare plural ("the years of war") is rarely a span in itself
    unit = m.group("u").lower()
    return duration_norm(None, "century" if unit == "centurie" else unit, None)


SPAN_BEFORE = re.compile(r"\b(?:for|over|within|lasting|took|spent|in)\s+$", re.I)
SET_UNITS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M",
             "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H", "quarterly": "P3M"}


def set_expr(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'daily', 'every week', 'each Thursday', 'Mondays', 'each July'."""
    if m.group("adv"):
        return Norm("set", SET_UNITS[m.group("adv").lower()], "duration", None)
    wd = m.group("wd") or m.group("wdp")
    if wd:
        return Norm("set", f"XXXX-WXX-{weekday_num(wd) + 1}", "duration", None)
    if m.group("mon"):
        return Norm("set", f"XXXX-{month_num(m.group('mon')):02d}", "duration", None)
    return Norm("set", cal_rate(m.group("u").lower()), "duration", None)


def _clock(tod: str) -> str | None:
    """'5 p.m.' -> '17:00', 'noon' -> '12:00'; None for impossible times."""
    t = tod.lower().replace(" ", "")
    named = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}
    if t in named:
        return named[t]
    hm = re.match(r"(\d{1,2})(?::(\d{2}))?", t)
    if hm is None:
        return None
    h, mi = int(hm.group(1)), int(hm.group(2) or 0)
    if "p" in t and h < 12:
        h += 12
    elif "a" in t and h == 12:
        h = 0
    return f"{h:02d}:{mi:02d}" if h < 24 and mi < 60 else None


def _time_day(ref: str | None, ctx: Ctx, start: int, end: int) -> dt.date | None:
    """The day a clock time falls on: its weekday/date/day word, else the day last named, else
    the anchor."""
    assert ctx.anchor is not None
    r = (ref or "").lower()
    shift = {"yesterday": -1, "tomorrow": 1}
    if r in shift:
        return ctx.anchor + dt.timedelta(days=shift[r])
    if r[:3] in ("mon", "tue", "wed", "thu", "fri", "sat", "sun") and r.endswith("day"):
        # The whole expression: "before 11 p.m. on Saturday" hangs on no noun but itself.
        mode = "future" if ctx.future(start, end) else "past"
        return weekday_date(ctx.anchor, weekday_num(r), mode)
    if r in ("today", "tonight") or ctx.prev is None or ctx.prev.precision != "day":
        return ctx.anchor
    # A bare clock time in a narrative ("the shot came at 10 p.m.") is on the day last named.
    return dt.date.fromisoformat((ctx.prev.value or "")[:10])


def time_of_day(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'10:35 a.m.', 'noon Thursday', '5 p.m. EST Nov. 9', 'around 7:15 p.m.'."""
    clock = _clock(m.group("tod"))
    if clock is None:
        return None
    if m.group("md"):
        day_norm = full_date(m, ctx)
        if day_norm is None or day_norm.value is None:
            return day_norm and unresolved("time")
        return Norm("time", f"{day_norm.value}T{clock}", "time", day_norm.when, True)
    if ctx.anchor is None:
        return unresolved("time")
    d = _time_day(m.group("ref"), ctx, m.start(), m.end())
    if d is None:
        return None
    return Norm("time", f"{d.isoformat()}T{clock}", "time", cal.When(date=d.isoformat()), True)


def the_unit(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'the week', 'the weekend', 'year-end', 'the end of the month': the anchor's unit."""
    if ctx.anchor is None:
        return unresolved()
    unit, a = m.group("u").lower(), ctx.anchor
    part = _part_word(m.group("part"))
    if unit == "week":
        return cal.week_of(a)
    if unit == "day":
        return cal.day(a, True)
    if unit == "month":
        return cal.month(a.year, a.month, True, part)
    return cal.year(a.year, True, part)


def easter(y: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    mm = (a + 11 * h + 22 * ell) // 451
    mon, dd = divmod(h + ell - 7 * mm + 114, 31)
    return dt.date(y, mon, dd + 1)


def _holiday_date(name: str, y: int) -> dt.date:
    if name.startswith("christmas eve"):
        return dt.date(y, 12, 24)
    if name.startswith("christmas"):
        return dt.date(y, 12, 25)
    if name.startswith("new year's eve"):
        return dt.date(y, 12, 31)
    if name.startswith("new year"):
        return dt.date(y, 1, 1)
    if name.startswith("thanksgiving"):
        nov1 = dt.date(y, 11, 1)
        return nov1 + dt.timedelta(days=(3 - nov1.weekday()) % 7 + 21)
    if name.startswith("independence"):
        return dt.date(y, 7, 4)
    if name.startswith("halloween"):
        return dt.date(y, 10, 31)
    return easter(y)


def holiday(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'Christmas', 'New Year's Day', 'Thanksgiving', 'Easter' (of a given or inferred year)."""
    name = " ".join(m.group("h").lower().split())
    if m.group("y"):
        return cal.day(_holiday_date(name, int(m.group("y"))))
    if ctx.anchor is None:
        return unresolved()
    d = _holiday_date(name, ctx.anchor.year)
    guess = infer_month_day(ctx.anchor, d.month, d.day, ctx.future(m.start(), m.end()),
                            ctx.back(m.start(), m.end()))
    if guess is not None and guess.year != d.year:
        d = _holiday_date(name, guess.year)
    return cal.day(d, True)


def number_year(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'nineteen ninety-one': a year spelled out."""
    hi = parse_number(m.group("hi"))
    lo = parse_number(m.group("lo"))
    if hi is None or lo is None:
        return None
    return cal.year(int(hi) * 100 + int(lo))


def year_end(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'year-end', 'year end': the anchor's year."""
    return cal.year(ctx.anchor.year, True, "late") if ctx.anchor else unresolved()
