"""Find numbers of things in raw text: values, ranges, hedges, units and what is counted.

Rule based over the raw text (no spaCy), so offsets are exact: ``q.text ==
text[q.start:q.end]``. One compiled scan finds candidate numbers; each is then grown left
(hedge word, "between", currency sign) and right (scale, range, unit, a converted figure in
parentheses, the counted noun) with anchored matches, which keeps a 2,500-character article
well under a millisecond.

Choices worth knowing:

* A range ("between 10 and 15", "10-15", "10 to 15") has ``value=None`` and ``low``/``high``;
  "from 10 to 15" is a change, not a range, so it stays two figures.
* Vague words ("dozens", "thousands", "several hundred") have ``value=None``,
  ``approx="vague"`` and an order-of-magnitude ``low``/``high``.
* ``low``/``high`` are set only for ranges and vague words; a hedge lives in ``approx``.
* Imperial units are converted (miles -> km, feet -> m, lb -> kg, inches -> mm, F -> C).
  A figure followed by its conversion in parentheses is ONE quantity whose span covers the
  parentheses, and the metric figure as written wins ("four miles (six kilometers)" -> 6 km):
  it is what a metric-writing source prints, so it compares best across reports.
* ``counted`` is the noun in a canonical plural form ("1 soldier" -> "soldiers") with
  synonyms folded ("killed", "deaths" -> "dead"; "wounded" -> "injured"); it is included in
  the span. Measures and money have no ``counted``.
* Ages ("a 58-year-old woman") are not quantities; years, dates, clock times, ordinals, ids
  ("Flight 417", "Article 5", "F-16"), phone numbers and "one" used as a pronoun are skipped.
* Attached "m" is million ("3m people", "$3m") unless it reads as metres ("a 3m wall",
  "8,848m", "3m (10ft)"). Negative numbers are not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..models import Quantity
from .quantities_lex import (
    _APPROX,
    _DURATIONS,
    _FEW,
    _ID_WORDS,
    _MONTHS,
    _NOT_ENDINGS,
    _NOT_PLURAL,
    _NOUNS,
    _ONES,
    _SCALES,
    _SIGNS,
    _STOP_SET,
    _TENS,
    _UNITS,
    _VAGUE,
    is_age,
)

_I = re.IGNORECASE


def _alt(words: Iterable[str]) -> str:
    """Regex alternation, longest first so "seventeen" is tried before "seven"."""
    items = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


_WSCALE = "hundred|thousand|million|billion|trillion|dozen"
_WORDNUM = (
    rf"(?:(?:{_alt(_TENS)})(?:[\s-](?:{_alt([w for w, v in _ONES.items() if v < 10])}))?"
    rf"|{_alt(_ONES)})(?:\s+(?:{_WSCALE}))?|an?\s+(?:{_WSCALE})|half\s+an?\s+(?:million|billion)"
)
_FEW_ALT = r"(?:several|a\s+few|many)\s+(?:hundred|thousand|million|billion|dozen)"
_VAGUE_ALT = _alt([k for k in _VAGUE if k != "scores"]) + r"|scores(?=\s+of\b)"
# Digits glued to a word, a slash, a colon or a code ("F-16", "I/18", "11:48") and ordinals
# ("90th") are names, ids or times, not counts.
_DIGITS = (
    r"(?<![\w/.,:#])(?<!\w-)(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
    r"(?!\.?\d)(?!,\d{3})(?!:\d)(?!/\d)(?!(?:st|nd|rd|th)\b)"
)
_CORE = re.compile(
    rf"(?P<vague>\b(?:{_FEW_ALT}|{_VAGUE_ALT})\b)|(?P<word>\b(?:{_WORDNUM})\b)|(?P<dig>{_DIGITS})",
    _I,
)
_CUR = r"(?-i:US\$|C\$|A\$|HK\$|[$€£¥₴₽₹]|USD\s|EUR\s|GBP\s)"
_LEFT = re.compile(
    rf"(?:\b(?P<from>from)\s+|\b(?P<between>between)\s+|\b(?P<approx>{_alt(_APPROX)})\s+)?"
    rf"(?P<cur>{_CUR})?\s?$",
    _I,
)
_SCALE = re.compile(
    r"\s+(?P<w>hundred|thousand|million|billion|trillion|mln|bn|lakhs?|crores?)\b"
    r"|(?P<a>mln|mn|bn|tn|m|k|b)\b",
    _I,
)
_RANGE = re.compile(
    rf"(?P<sep>\s*[-–—]\s*|\s+to\s+|\s+and\s+)(?P<cur>{_CUR})?"
    rf"(?:(?P<dig>(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?)(?![\d:])|(?P<word>\b(?:{_WORDNUM})\b))",
    _I,
)
# What after a number shows it is an age, a clock time or a day of a month, not a count.
_NOT_A_COUNT = re.compile(
    r"[\s-]*(?:years?|months?|weeks?|days?)[\s-]+old\b"
    r"|\s*(?:[ap]\.m\.|[ap]m\b|GMT\b|UTC\b|BST\b|CET\b|EST\b|local\s+time|o'clock)"
    rf"|(?P<month>\s+(?:of\s+)?(?-i:{_MONTHS})\b)",
    _I,
)
_UNIT_ALT = _alt(_UNITS)
# Up to four unit-like tokens, looked up in _UNITS in Python (a regex alternation of every
# unit surface costs ~7 us per try; this costs ~1 us).
_UNIT_WORDS = re.compile(
    r"(?:-|\s?)(%|[°º][CcFf](?!\w)|[A-Za-z][A-Za-z0-9²³/]*)" + r"(?:\s+([A-Za-z]+))?" * 3
)
_PAREN = re.compile(
    rf"\s*\(\s*(?:(?:{_alt(_APPROX)})\s+)?(?P<cur>{_CUR})?"
    rf"(?P<num>(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?|\b(?:{_WORDNUM}))"
    rf"(?P<scale>\s*(?:million|billion|mln|bn|m|k|b)\b)?(?:(?:-|\s?)(?P<u>{_UNIT_ALT}))?"
    r"(?!\w)\s*\)",
    _I,
)
# Up to four words after a number (after "of"/"of the"), looked up in _NOUNS in Python:
# dict look-ups are much faster than one regex alternation of every noun.
_NEXT_WORDS = re.compile(
    r"(?:\s+of(?:\s+the)?(?=\s))?" + r"(?:\s+([A-Za-z][\w'’-]*))?" * 4, _I
)
_PHONE = re.compile(r"\+\d[\d\s().-]{6,}\d|\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b|\d{3}-\d{4}\b")
# Cheap first pass: where a number could start (digit runs, and these words found with
# str.find); _CORE then runs anchored at each candidate only, never as a scan.
_START_WORDS = [*_ONES, *_TENS, "tens", "hundreds", "thousands", "millions", "billions",
                "dozens", "scores", "several", "many", "half", "a few", "a dozen", "a hundred",
                "a thousand", "a million", "a billion"]
_STEMS = tuple(w for w in _START_WORDS if not any(o != w and w.startswith(o) for o in _START_WORDS))
_DIGIT_RUN = re.compile(r"[0-9]+")
_MONTH_SET = frozenset(_MONTHS.split("|"))
_LEFT_LAST = frozenset(
    [p.split()[-1] for p in _APPROX] + ["between", "from"] + [c.lower() for c in _SIGNS]
)
_SIGN_CHARS = frozenset("$€£¥₴₽₹")


@dataclass(slots=True)
class _Draft:
    """A quantity being grown; frozen into a :class:`Quantity` when done."""

    start: int
    end: int
    value: float | None
    digits: bool
    low: float | None = None
    high: float | None = None
    approx: str = "exact"
    unit: str | None = None
    counted: str | None = None
    scaled: bool = False
    currency: bool = False
    converted: bool = False
    between: bool = False
    after_from: bool = False
    fallback_start: int = 0


def find_quantities(text: str) -> list[Quantity]:
    """Return the quantities in ``text``: sorted by start, non-overlapping, exact spans."""
    out: list[Quantity] = []
    floor = 0
    for start in _candidates(text):
        if start < floor:
            continue
        phone = _phone_at(text, start)
        if phone:
            floor = phone
            continue
        m = _CORE.match(text, start)
        draft = _grow(text, m, floor) if m else None
        if m is None or draft is None or _excluded(text, draft, m):
            continue
        quantity = _finish(text, draft)
        if not _month_year(text, quantity) and not is_age(text, quantity):
            out.append(quantity)
        floor = draft.end
    return out


_MONTH_BEFORE = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s*(?:\d{1,2},?\s*)?$",
    re.IGNORECASE)


def _month_year(text: str, q: Quantity) -> bool:
    """'in June 2010': the number is the year of a date, not a quantity."""
    is_year = q.value is not None and q.value.is_integer() and 1800 <= q.value <= 2100
    return is_year and not q.unit and not q.counted and bool(
        _MONTH_BEFORE.search(text[max(0, q.start - 20) : q.start]))


def _candidates(text: str) -> list[int]:
    """Offsets where a number may start (a superset; _CORE decides)."""
    out = [m.start() for m in _DIGIT_RUN.finditer(text)]
    low = text.lower()
    if len(low) != len(text):  # lower() changed the length: offsets would drift
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    for stem in _STEMS:  # str.find per stem beats one regex alternation by ~10x
        i = low.find(stem)
        while i >= 0:
            if i == 0 or not low[i - 1].isalpha():
                out.append(i)
            i = low.find(stem, i + 1)
    return sorted(out)


def _phone_at(text: str, start: int) -> int:
    """End of a phone number starting at ``start`` (or its "+"/"(" just before), else 0."""
    if not text[start].isdigit():
        return 0
    at = start - 1 if start and text[start - 1] in "+(" else start
    if at and text[at - 1].isalnum():
        return 0
    m = _PHONE.match(text, at)
    return m.end() if m else 0


def _grow(text: str, m: re.Match[str], floor: int) -> _Draft | None:
    """Grow one core number into a full draft; ``None`` when it is not a quantity."""
    d = _core(m)
    _left(text, d, floor)
    if d.digits:
        _scale(text, d)
    if d.approx != "vague":
        _range(text, d)
    stop = _NOT_A_COUNT.match(text, d.end)
    if stop and (not stop.group("month") or d.digits and not d.scaled):
        return None  # "58-year-old", "11 pm", "2 June"
    if not d.currency:
        _unit(text, d)
    if d.digits and d.end < len(text) and text[d.end].isalpha():
        return None  # "1990s", "5G", "4x4": a name, not a count
    if d.unit:
        _paren(text, d)
    elif text.startswith("-strong", d.end):
        d.end += len("-strong")  # "a 1,000-strong force" counts troops
    elif text.startswith("-", d.end) and text[d.end + 1 : d.end + 2].isalpha():
        return None  # "a five-story building", "two-thirds": an attribute, not a count
    else:
        _counted(text, d)
    return d


def _core(m: re.Match[str]) -> _Draft:
    """The bare number: a value, or the low/high of a vague word."""
    s = m.group()
    if m.group("vague"):
        low, high = _vague_range(s)
        return _Draft(m.start(), m.end(), None, False, low, high, "vague")
    if m.group("word"):
        return _Draft(m.start(), m.end(), _word_value(s), False)
    return _Draft(m.start(), m.end(), float(s.replace(",", "")), True)


def _left(text: str, d: _Draft, floor: int) -> None:
    """Take a hedge word, "between"/"from" and a currency sign just before the number."""
    d.fallback_start = d.start
    near = text[max(floor, d.start - 2) : d.start]
    if _prev_word(text, d.start).lower() not in _LEFT_LAST and not _SIGN_CHARS & set(near):
        return  # nothing a left phrase could end with: skip the costlier matching
    m = _left_match(text, max(floor, d.start - 40), d.start)
    if m is None:
        return
    if m.group("cur"):
        d.unit, d.currency = _SIGNS[m.group("cur").strip()], True
        d.start = d.fallback_start = m.start("cur")
    if m.group("approx") and d.approx != "vague":
        d.approx = _APPROX[_norm(m.group("approx"))]
    if m.group("approx"):
        d.start = m.start()
    d.between = m.group("between") is not None
    d.after_from = m.group("from") is not None
    if d.between:
        d.start = m.start()  # kept only if a range follows


def _left_match(text: str, lo: int, end: int) -> re.Match[str] | None:
    """Longest non-empty _LEFT match ending at ``end``, tried at the last few word starts."""
    starts = [end]
    while len(starts) < 5 and starts[-1] > lo:
        space = text.rfind(" ", lo, starts[-1] - 1)
        starts.append(max(space + 1, lo))
        if space < 0:
            break
    for at in reversed(starts):
        m = _LEFT.match(text, at, end)
        if m is not None and m.end() > m.start():
            return m
    return None


def _scale(text: str, d: _Draft) -> None:
    """Apply a scale word or suffix to a digit number: "1 million", "3.2bn", "3m"."""
    m = _SCALE.match(text, d.end)
    if m is None or d.value is None:
        return
    word = (m.group("w") or m.group("a")).lower()
    if word == "m" and not d.currency and (d.value >= 1000 or not _noun_after(text, m.end())):
        return  # "8,848m", "a 3m wall": metres unless people or things are counted
    d.value = _round(d.value * _SCALES[word])
    d.end, d.scaled = m.end(), True


def _range(text: str, d: _Draft) -> None:
    """Turn "10-15", "10 to 15" and "between 10 and 15" into low/high."""
    m = _RANGE.match(text, d.end)
    high = _range_high(text, m, d) if m is not None else None
    if m is None or high is None or d.value is None or high[0] <= d.value:
        if d.between:
            d.start, d.between = d.fallback_start, False
        return
    d.low, d.high, d.value, d.end = _round(d.value), _round(high[0]), None, high[1]


def _range_high(text: str, m: re.Match[str], d: _Draft) -> tuple[float, int] | None:
    """The upper end of a range and where it stops; ``None`` if this is no range."""
    sep = m.group("sep").strip().lower()
    if (sep == "and") != d.between or d.after_from or d.value is None:
        return None
    if d.digits and _is_year(d.value):
        return None  # "2014-15" is a span of years
    high = float(m.group("dig").replace(",", "")) if m.group("dig") else _word_value(m["word"])
    s = _SCALE.match(text, m.end()) if m.group("dig") else None
    if s is None or (s.group("a") or "").lower() == "m" and not d.currency:
        return high, m.end()
    factor = _SCALES[(s.group("w") or s.group("a")).lower()]
    if not d.scaled and d.value * factor <= high * factor:
        d.value, d.scaled = d.value * factor, True  # "1 to 2 million": the scale is shared
    return high * factor, s.end()


def _unit(text: str, d: _Draft) -> None:
    """Read the unit after the number and convert the figures to its SI-ish name."""
    found = _unit_at(text, d.end)
    if found is None:
        return
    surface, end = found
    unit, factor, offset = _UNITS[surface]
    if surface == "pounds" and d.scaled:
        unit, factor = "gbp", 1.0  # "5 million pounds" is money, "200 pounds" a weight
    d.unit, d.end, d.converted = unit, end, factor != 1.0 or offset != 0.0
    d.currency = unit in _SIGNS.values()
    d.value = _convert(d.value, factor, offset)
    d.low, d.high = _convert(d.low, factor, offset), _convert(d.high, factor, offset)


def _unit_at(text: str, pos: int) -> tuple[str, int] | None:
    """The longest unit surface starting at ``pos`` (after "-" or one space) and its end."""
    m = _UNIT_WORDS.match(text, pos)
    if m is None:
        return None
    words = [w.lower() for w in m.groups() if w]
    for n in range(len(words), 0, -1):
        phrase = " ".join(words[:n])
        if phrase in _UNITS:
            return phrase, m.end(n)
    return None


def _paren(text: str, d: _Draft) -> None:
    """Fold a conversion in parentheses ("(87 miles)", "($6.5m)") into this quantity."""
    m = _PAREN.match(text, d.end) if "(" in text[d.end : d.end + 3] else None
    if m is None:
        return
    if d.currency:
        if m.group("cur") or (m.group("u") and _UNITS[_norm(m.group("u"))][0] in _SIGNS.values()):
            d.end = m.end()
        return
    if not m.group("u") or _UNITS[_norm(m.group("u"))][0] != d.unit:
        return
    d.end = m.end()
    unit, factor, offset = _UNITS[_norm(m.group("u"))]
    if d.converted and factor == 1.0 and offset == 0.0 and d.value is not None:
        num = m.group("num")
        d.value = float(num.replace(",", "")) if num[0].isdigit() else _word_value(num)


def _counted(text: str, d: _Draft) -> None:
    """Attach what is counted: "12 dead", "168 passengers", "dozens of drones"."""
    found = _noun_after(text, d.end)
    if found is not None:
        d.counted, d.end = found


def _noun_after(text: str, pos: int) -> tuple[str, int] | None:
    """The counted noun after ``pos`` and where it ends: a known noun within two modifier
    words ("49 Shahed drones", "12 were killed"), else a plural right after ("9 relatives")."""
    m = _NEXT_WORDS.match(text, pos)
    if m is None:
        return None
    words = [w.lower() for w in m.groups() if w]
    for i in range(min(3, len(words))):
        for n in (3, 2, 1):
            phrase = " ".join(words[i : i + n])
            if i + n <= len(words) and phrase in _NOUNS:
                return _NOUNS[phrase], m.end(i + n)
        if words[i] in _STOP_SET:
            break
    first, raw = (words[0], m.group(1)) if words else ("", "")
    if raw[:1].isupper() and raw.endswith(("ans", "is")):
        return first, m.end(1)  # "6 million Ukrainians", "300 Israelis"
    if first.endswith("s") and first not in _NOT_PLURAL and not first.endswith(_NOT_ENDINGS):
        return (first, m.end(1)) if first.isalpha() and first == raw else None
    return None


def _excluded(text: str, d: _Draft, core: re.Match[str]) -> bool:
    """True for years, dates, ids and pronoun "one": numbers that count nothing."""
    if core.group("word"):
        one = d.value == 1 and (d.unit is None or d.unit in _DURATIONS)
        return one and (d.counted is None or text.startswith(" of", core.end()))
    if not core.group("dig"):
        return False
    word = _prev_word(text, core.start()).rstrip(".")
    if not d.scaled and word in _MONTH_SET:
        return d.value is None or d.value <= 31  # "June 2", "May 16"
    word = word if d.approx == "exact" and word.isalpha() else ""
    if word[:1].isupper() and word.lower() in _ID_WORDS and not d.scaled:
        return True  # "Flight 417", "Article 5"
    if d.unit is not None or d.counted is not None or d.scaled or d.low is not None:
        return False
    if d.value is not None and _is_year(d.value) and "," not in core.group():
        return True  # "in 2022", "since 2010", even "around 2010"
    # A bare number after a name is an id ("Boeing 737"); after "A"/"In" it is not.
    return word[:1].isupper() and word.lower() not in _STOP_SET


def _prev_word(text: str, start: int) -> str:
    """The word just before ``start`` (separated by one space), else ""."""
    if start < 2 or text[start - 1] != " ":
        return ""
    return text[text.rfind(" ", 0, start - 1) + 1 : start - 1]


def _finish(text: str, d: _Draft) -> Quantity:
    """Freeze a draft into the public dataclass."""
    return Quantity(
        text=text[d.start : d.end], start=d.start, end=d.end, value=d.value, low=d.low,
        high=d.high, approx=d.approx, unit=d.unit, counted=d.counted,  # type: ignore[arg-type]
    )


# --- Small helpers ------------------------------------------------------------------------


def _norm(s: str) -> str:
    """Lowercase with single spaces, as the word-list keys are written."""
    return " ".join(s.lower().split())


def _word_value(s: str) -> float:
    """Value of a spelled-out number: "twenty-one", "two hundred", "a dozen", "half a million"."""
    total = 0.0
    for tok in re.split(r"[\s-]+", s.lower()):
        if tok in _ONES or tok in _TENS:
            total += _ONES.get(tok) or _TENS[tok]
        elif tok == "half":
            total = 0.5
        elif tok in ("a", "an"):
            total = total or 1.0
        elif tok in _SCALES:
            total = (total or 1.0) * _SCALES[tok]
    return _round(total)


def _vague_range(s: str) -> tuple[float, float]:
    """Order-of-magnitude bounds for "thousands", "several hundred", "a few dozen"."""
    key = _norm(s)
    if key in _VAGUE:
        return _VAGUE[key]
    few, _, scale = key.rpartition(" ")
    low, high = _FEW[few]
    return low * _SCALES[scale], high * _SCALES[scale]


def _is_year(value: float) -> bool:
    """A whole number that reads as a calendar year."""
    return value.is_integer() and 1800 <= value <= 2100


def _convert(value: float | None, factor: float, offset: float) -> float | None:
    """Apply a unit conversion, keeping ``None``."""
    return None if value is None else _round(value * factor + offset)


def _round(value: float) -> float:
    """Trim float noise from scaling and conversion (3 decimals is finer than any report)."""
    return float(round(value, 3))
