"""Publication dates from metadata strings and from the head of an article.

Two jobs, kept apart on purpose: `parse_date_value` reads a value that is known
to be a date (a metadata field), `find_date_in_text` looks for the publication
date in the first lines of an article and never in its body sentences, where a
date is the date of an event, not of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

MIN_YEAR, MAX_YEAR = 1800, 2100
HEAD_LINES = 8  # non-empty lines that count as the head of an article
HEAD_CHARS = 800  # a head line must start before this offset

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?"
)
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_ORD = r"(?:st|nd|rd|th)?"
_DMY = rf"(?P<d1>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<m1>{MONTH}),?\s+(?P<y1>\d{{4}})"
_MDY = rf"(?P<m2>{MONTH})\s+(?P<d2>\d{{1,2}}){_ORD},?\s+(?P<y2>\d{{4}})"
_MY = rf"(?P<m3>{MONTH}),?\s+(?P<y3>\d{{4}})"
_WORDS = re.compile(rf"(?<![\w-])(?:{_DMY}|{_MDY}|{_MY})(?!\d)", re.I)
_ISO = re.compile(r"^(\d{4})(?:([-/.])(\d{1,2})(?:\2(\d{1,2}))?)?(?:[T\s].*)?$", re.S)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_EPOCH = re.compile(r"^-?\d{9,13}$")
_NUMERIC = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})\b")
# Numeric dates anywhere in a text: their order tells the outlet's convention.
_NUMERIC_ANY = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d/-])")

# A date as it stands alone on a line: words, ISO (with a time), or slashes.
_ISO_STAMP = (
    r"\d{4}-\d{1,2}-\d{1,2}"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_DATE_EXPR = re.compile(
    rf"{_WEEKDAY}(?:{_DMY}|{_MDY}|{_ISO_STAMP}|\d{{4}}/\d{{1,2}}/\d{{1,2}}"
    r"|\d{1,2}(?P<sep>[/.-])\d{1,2}(?P=sep)\d{4}"
    rf"|{_MY})(?![\w-])", re.I
)
# The lead of a date line; a clock time may come before the date ("Updated 2:41 PM EDT,
# Sun September 21, 2025").
_DATE_PREFIX = re.compile(
    r"(?:(?:(?:first\s+|last\s+)?(?:published|updated|posted|modified)(?:\s+on)?|date)\s*:?\s*)?"
    r"(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}\b)?\s*,\s*)?", re.I
)
# What may follow a stand-alone date: a time, a zone, or a separator and more metadata.
_DATE_TAIL = re.compile(
    r"[\s,]*(?:(?:at|@|-|–|—)\s*)?(?:\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[aApP]\.?[mM]\.?)?)?"
    r"\s*(?:\(?[A-Z]{2,5}\)?|(?:UTC|GMT)?[+-]\d{1,2}(?::?\d{2})?)?\s*\.?\s*(?:[|·•].*)?"
)
_MARKER = re.compile(r"^[ \t]*(date:?[ \t]+(\d{4}-\d{2}-\d{2}))(?![\w-])", re.I)
_STAMP = re.compile(rf"(?<![\w-]){_ISO_STAMP}(?![\w-])")
_DATELINE = re.compile(
    r"^[\s*_>]*(?P<place>[^\W\d_][^\W\d_.'’ -]*(?:[ .'’-]+[^\W\d_]+){0,3}\.?)"
    r"(?:,\s*(?P<region>[^\W\d_][^,\n()]{1,40}?))?,\s*"
    rf"(?:(?P<m>{MONTH})\s+(?P<d>\d{{1,2}})|(?P<d_>\d{{1,2}})\s+(?P<m_>{MONTH}))"
    r"(?:,?\s+(?P<y>\d{4}))?\s*(?:\([^()\n]{2,60}\))?\s*[—–-]",
    re.I,
)
_MARKS = " \t*_#>"
_EMPHASIS = re.compile(r"\*{1,3}|_{1,3}")


@dataclass(frozen=True, slots=True)
class DateHit:
    """A publication date found in an article head; ``month_day`` when the year is missing."""

    value: str | None
    month_day: tuple[int, int] | None
    start: int
    end: int
    note: str | None = None


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """Validated ISO at the precision given; None for impossible or absurd dates."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def month_number(name: str) -> int | None:
    """1-12 for an English month name or abbreviation ("Sept.", "july"), else None."""
    return _MONTHS.get(name.strip(". ").lower()[:3])


def _from_epoch(value: str) -> str | None:
    if not _EPOCH.match(value):
        return None
    seconds = int(value) / (1000 if len(value.lstrip("-")) > 11 else 1)
    try:
        day = datetime.fromtimestamp(seconds, tz=UTC).date()
    except (OverflowError, OSError, ValueError):
        return None
    return _iso(day.year, day.month, day.day)


def _from_iso(value: str) -> str | None:
    compact = _COMPACT.match(value)
    if compact:
        return _iso(*(int(g) for g in compact.groups()))
    m = _ISO.match(value)
    if not m:
        return None
    month = int(m[3]) if m[3] else None
    return _iso(int(m[1]), month, int(m[4]) if m[4] else None)


def _from_words(value: str) -> str | None:
    m = _WORDS.search(value)
    if not m:
        return None
    g = m.groupdict()
    name = g["m1"] or g["m2"] or g["m3"]
    day = g["d1"] or g["d2"]
    year = int(g["y1"] or g["y2"] or g["y3"])
    return _iso(year, month_number(name), int(day) if day else None)


def _from_numeric(value: str, month_first: bool = False) -> str | None:
    """D/M/Y or M/D/Y: whichever part can only be a day is one; when both could be,
    day-first ("10/03/2026" is 10 March, as most of the world writes it) unless
    ``month_first``. Dotted dates ("21.09.2025") are always day-first."""
    m = _NUMERIC.match(value)
    if not m:
        return None
    first, sep, second, year = int(m[1]), m[2], int(m[3]), int(m[4])
    if first > 12 >= second or (second <= 12 and sep == "." ):
        return _iso(year, second, first)
    if second > 12 >= first or month_first:
        return _iso(year, first, second)
    return _iso(year, second, first)


def numeric_ambiguity(value: str, month_first: bool = False) -> str | None:
    """A note when a numeric date could be read either way ("10/03/2026"), else None."""
    m = _NUMERIC.match(value.strip())
    if not m or m[2] == "." or int(m[1]) > 12 or int(m[3]) > 12 or m[1] == m[3]:
        return None
    taken = _from_numeric(value.strip(), month_first)
    other = _from_numeric(value.strip(), not month_first)
    order = "month-first" if month_first else "day-first"
    return (f"publication date {m.group(0)!r} is ambiguous: read {order} as {taken}"
            f" (the other order gives {other})")


def month_first_text(text: str, language: str | None = None) -> bool:
    """Whether a text writes numeric dates month-first: one of its dates can only be
    read so ("09/21/2025"), or its language is US English; day-first otherwise."""
    firsts = seconds = 0
    for m in _NUMERIC_ANY.finditer(text):
        if m[2] == ".":
            continue
        firsts += int(m[1]) > 12 >= int(m[3])
        seconds += int(m[3]) > 12 >= int(m[1])
    if firsts or seconds:
        return seconds > firsts
    return (language or "").lower().replace("_", "-") == "en-us"


def parse_date_value(value: str, month_first: bool = False) -> str | None:
    """A metadata date string as ISO 'YYYY-MM-DD' (or 'YYYY-MM'/'YYYY'), None when unreadable.

    The date is kept as written, whatever the time and offset ("...T23:30:00-05:00" stays
    on its own day). A numeric date that reads both ways is day-first unless
    ``month_first`` (see `numeric_ambiguity`); absurd years give None; nothing raises.
    """
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not value or len(value) > 100:
        return None
    return (_from_epoch(value) or _from_iso(value) or _from_numeric(value, month_first)
            or _from_words(value))


def parse_date_line(line: str, month_first: bool = False) -> str | None:
    """The date of a line that is only a date ("June 13, 2025", "Published: 13 June 2025 10:02").

    Markdown marks around the line and a "Published"/"Updated"/"Date:" lead are allowed;
    a line that says anything more is not a date line and gives None.
    """
    text = _EMPHASIS.sub("", line).strip(_MARKS)
    lead = _DATE_PREFIX.match(text)
    rest = text[lead.end():] if lead else text
    found = _DATE_EXPR.match(rest)
    if not found or not _DATE_TAIL.fullmatch(rest[found.end():]):
        return None
    return parse_date_value(found.group(0).strip(), month_first)


def date_line_text(line: str) -> str | None:
    """The date as written on a date line (for `numeric_ambiguity`), None if it is not one."""
    text = _EMPHASIS.sub("", line).strip(_MARKS)
    lead = _DATE_PREFIX.match(text)
    rest = text[lead.end():] if lead else text
    found = _DATE_EXPR.match(rest)
    return found.group(0).strip() if found else None


def date_marker(line: str) -> re.Match[str] | None:
    """A "date YYYY-MM-DD" token opening a line (group 1: the marker, group 2: the date)."""
    return _MARKER.match(line)


def _head_lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) for the non-empty lines of the head."""
    out: list[tuple[int, str]] = []
    offset = 0
    for line in text.split("\n"):
        if offset >= HEAD_CHARS or len(out) >= HEAD_LINES:
            break
        if line.strip():
            out.append((offset, line))
        offset += len(line) + 1
    return out


def _dateline_hit(line: str, offset: int) -> DateHit | None:
    m = _DATELINE.match(line)
    if not m or not _is_place(m["place"]):
        return None
    month = month_number(m["m"] or m["m_"]) or 0
    day = int(m["d"] or m["d_"])
    start, end = offset + m.start("place"), offset + m.end() - 1
    if m["y"]:
        value = _iso(int(m["y"]), month, day)
        return DateHit(value, None, start, end) if value else None
    if _iso(2000, month, day) is None:  # 2000 is a leap year: any real month-day passes
        return None
    return DateHit(None, (month, day), start, end)


def _is_place(place: str) -> bool:
    """A dateline place: upper case ("KYIV") or a few capitalised words ("Kyiv")."""
    words = place.split()
    return place.isupper() or (len(words) <= 3 and all(w[0].isupper() for w in words))


def _line_hits(offset: int, line: str, month_first: bool = False,
               ) -> list[tuple[int, DateHit]]:
    """Candidate hits on one head line, ranked: marker, date line, dateline, ISO stamp."""
    hits: list[tuple[int, DateHit]] = []
    marker = _MARKER.match(line)
    if marker:
        value = parse_date_value(marker[2])
        if value:
            hits.append((0, DateHit(value, None, offset + marker.start(1), offset + marker.end())))
    value = parse_date_line(line, month_first)
    if value:
        lead = len(line) - len(line.lstrip(_MARKS))
        end = len(line.rstrip(_MARKS))
        note = numeric_ambiguity(date_line_text(line) or "", month_first)
        hits.append((1, DateHit(value, None, offset + lead, offset + end, note)))
    dateline = _dateline_hit(line, offset)
    if dateline:
        hits.append((2 if dateline.value else 3, dateline))
    stamp = _STAMP.search(line)
    if stamp and (value := parse_date_value(stamp.group(0))):
        hits.append((4, DateHit(value, None, offset + stamp.start(), offset + stamp.end())))
    return hits


def find_date_in_text(text: str, language: str | None = None) -> DateHit | None:
    """The publication date written in the head of an article, or None.

    Looks only at the first lines: a "date YYYY-MM-DD" marker, a line that is only a
    date, a dateline ("KYIV, June 8, 2025 (Agency) —"; without a year it gives
    ``month_day``), or an ISO time stamp. Dates in body sentences are events, never used.
    A numeric date that reads both ways ("10/03/2026") is day-first unless the text's
    other dates or its language say month-first (`month_first_text`); ``note`` says so.
    """
    month_first = month_first_text(text, language)
    hits = [hit for offset, line in _head_lines(text)
            for hit in _line_hits(offset, line, month_first)]
    if not hits:
        return None
    return min(hits, key=lambda h: (h[0], h[1].start))[1]
