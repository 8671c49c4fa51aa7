"""Calendar arithmetic for the temporal tagger: TimeML values and `When` spans.

Every helper returns ``None`` instead of raising on impossible dates ("February 31",
year 30000), so a bad expression yields no annotation rather than an exception.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Literal, NamedTuple

from ..models import TimePrecision, When

MIN_YEAR, MAX_YEAR = 1, 9999
TimeKind = Literal["date", "time", "duration", "set"]
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


class Norm(NamedTuple):
    """A normalised expression, before it gets its span: what a rule returns."""

    kind: TimeKind
    value: str | None
    precision: TimePrecision
    when: When | None
    relative: bool = False
    anaphoric: bool = False  # derived from an earlier expression ("a year earlier")


def unresolved(kind: TimeKind = "date") -> Norm:
    """Relative expression with no anchor: never guess a value."""
    return Norm(kind, None, "unresolved", None, True)


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when it does not exist."""
    try:
        return dt.date(year, month, day)
    except (ValueError, OverflowError):
        return None


def span(start: dt.date, end: dt.date) -> When:
    """A `When` range between two dates."""
    return When(start=start.isoformat(), end=end.isoformat())


def day(d: dt.date, relative: bool = False, kind: TimeKind = "date") -> Norm:
    """A single day."""
    return Norm(kind, d.isoformat(), "day", When(date=d.isoformat()), relative)


def month_end(year: int, month: int) -> dt.date:
    """Last day of a month."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """(year, month) shifted by ``delta`` months."""
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


def month(year: int, mon: int, relative: bool = False, part: str = "") -> Norm | None:
    """A month; ``part`` early/mid/late narrows the span to days 1-10, 11-20, 20-end."""
    if not MIN_YEAR <= year <= MAX_YEAR or not 1 <= mon <= 12:
        return None
    first, last = dt.date(year, mon, 1), month_end(year, mon)
    if part == "early":
        last = first.replace(day=10)
    elif part == "mid":
        first, last = first.replace(day=11), first.replace(day=20)
    elif part == "late":
        first = first.replace(day=20)
    return Norm("date", f"{year:04d}-{mon:02d}", "month", span(first, last), relative)


def year(y: int, relative: bool = False, part: str = "", until: dt.date | None = None) -> Norm:
    """A year; ``part`` narrows the span to a third of it, ``until`` cuts it at a date."""
    first, last = dt.date(y, 1, 1), dt.date(y, 12, 31)
    if part == "early":
        last = dt.date(y, 4, 30)
    elif part == "mid":
        first, last = dt.date(y, 5, 1), dt.date(y, 8, 31)
    elif part == "late":
        first = dt.date(y, 9, 1)
    if until is not None:
        last = until
    return Norm("date", f"{y:04d}", "year", span(first, last), relative)


def week_of(d: dt.date, relative: bool = True) -> Norm:
    """The ISO week (Monday..Sunday) containing ``d``."""
    iso = d.isocalendar()
    monday = d - dt.timedelta(days=d.weekday())
    when = span(monday, monday + dt.timedelta(days=6))
    return Norm("date", f"{iso.year:04d}-W{iso.week:02d}", "week", when, relative)


def weekend_of(saturday: dt.date) -> Norm:
    """The weekend starting on ``saturday``."""
    iso = saturday.isocalendar()
    when = span(saturday, saturday + dt.timedelta(days=1))
    return Norm("date", f"{iso.year:04d}-W{iso.week:02d}-WE", "week", when, True)


def quarter(y: int, q: int, relative: bool = False) -> Norm | None:
    """Quarter ``q`` (1-4) of year ``y``."""
    if not 1 <= q <= 4 or not MIN_YEAR <= y < MAX_YEAR:
        return None
    first = dt.date(y, 3 * q - 2, 1)
    return Norm("date", f"{y:04d}-Q{q}", "quarter", span(first, month_end(y, 3 * q)), relative)


def half(y: int, h: int, relative: bool = False) -> Norm:
    """Half-year ``h`` (1 or 2) of year ``y``."""
    first, last = (dt.date(y, 1, 1), dt.date(y, 6, 30)) if h == 1 else (
        dt.date(y, 7, 1), dt.date(y, 12, 31))
    return Norm("date", f"{y:04d}-H{h}", "quarter", span(first, last), relative)


def season(y: int, code: str, relative: bool = False) -> Norm | None:
    """Season ``code`` (SP/SU/FA/WI) of year ``y``; winter runs into the next year."""
    if not MIN_YEAR <= y < MAX_YEAR:
        return None
    m1, m2 = SEASON_MONTHS[code]
    end_year = y + 1 if m2 < m1 else y
    when = span(dt.date(y, m1, 1), month_end(end_year, m2))
    return Norm("date", f"{y:04d}-{code}", "season", when, relative)


def decade(first_year: int, relative: bool = False) -> Norm | None:
    """The decade starting at ``first_year`` (a multiple of ten): value "199" for 1990s."""
    if not 1000 <= first_year <= 9990:
        return None
    when = span(dt.date(first_year, 1, 1), dt.date(first_year + 9, 12, 31))
    return Norm("date", str(first_year // 10), "decade", when, relative)


def century(number: int, relative: bool = False) -> Norm | None:
    """The ``number``-th century: value "19" for the 20th century."""
    if not 1 <= number <= 99:
        return None
    start = (number - 1) * 100
    when = span(dt.date(max(start, 1), 1, 1), dt.date(start + 99, 12, 31))
    return Norm("date", f"{number - 1:02d}", "decade", when, relative)


def current_quarter(d: dt.date) -> int:
    """Quarter number (1-4) of a date."""
    return (d.month - 1) // 3 + 1


def season_of(d: dt.date) -> tuple[int, str]:
    """(year, code) of the season a date falls in; January/February belong to last winter."""
    for code, (m1, m2) in SEASON_MONTHS.items():
        if m1 <= d.month <= m2:
            return d.year, code
    return (d.year if d.month == 12 else d.year - 1), "WI"


def shift_norm_year(norm: Norm, delta: int) -> Norm | None:
    """The same calendar unit ``delta`` years away ("a year earlier" than a quarter)."""
    shifted = _shift_year(norm, delta)
    return shifted._replace(anaphoric=True) if shifted else None


def _shift_year(norm: Norm, delta: int) -> Norm | None:
    value = norm.value or ""
    if not value[:4].isdigit():
        return None
    y = int(value[:4]) + delta
    rest = value[4:]
    if norm.precision == "quarter" and rest.startswith("-Q"):
        return quarter(y, int(rest[2]), True)
    if norm.precision == "month":
        return month(y, int(rest[1:3]), True)
    if norm.precision == "day":
        d = safe_date(y, int(rest[1:3]), int(rest[4:6]))
        return day(d, True) if d else None
    return year(y, True)
