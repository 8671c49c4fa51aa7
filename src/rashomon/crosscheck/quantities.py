"""Compare quantities as intervals: rounding and hedges widen them, bounds open them."""

from __future__ import annotations

import math
import re
from dataclasses import replace

from ..models import Quantity

_HEDGE_SHARE = 0.05  # "about 2,300" covers +-5 %


def _rounding(q: Quantity) -> float:
    """Half the unit of the last written digit: '2,300' -> 50, '54.8' -> 0.05."""
    digits = re.search(r"\d[\d,]*(?:\.(\d+))?", q.text)
    if q.value is None or not digits:
        return 0.0
    written = float(digits.group(0).replace(",", "")) or 1.0
    scale = abs(q.value / written) if q.value else 1.0  # "1.5 million": written 1.5
    if digits.group(1):
        return 0.5 * 10 ** -len(digits.group(1)) * scale
    whole = digits.group(0).replace(",", "")
    zeros = len(whole) - len(whole.rstrip("0"))
    return 0.5 * 10 ** min(zeros, max(len(whole) - 1, 0)) * scale


def interval(q: Quantity) -> tuple[float, float]:
    """The values a quantity allows, given its approximation."""
    if q.value is None:
        low = q.low if q.low is not None else -math.inf
        high = q.high if q.high is not None else math.inf
        return low, high
    x, r = q.value, _rounding(q)
    spread = max(r, abs(x) * _HEDGE_SHARE)
    return {
        "exact": (x - r, x + r),
        "about": (x - spread, x + spread),
        "vague": (x - spread, x + spread),
        "at_least": (x, math.inf),
        "more_than": (x + 1e-9, math.inf),
        "at_most": (-math.inf, x),
        "less_than": (-math.inf, x - 1e-9),
    }.get(q.approx, (x - r, x + r))


def intervals_disjoint(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether no value satisfies both."""
    return a[1] < b[0] or b[1] < a[0]


def same_figure(q: Quantity, r: Quantity) -> bool:
    """Whether two quantities can state the same figure (their intervals meet)."""
    return q.unit == r.unit and not intervals_disjoint(interval(q), interval(r))


def point_differs(q: Quantity, r: Quantity) -> bool:
    """Whether the stated figures differ, ignoring 'at least'/'more than' bounds."""
    if q.value is None or r.value is None:
        return False
    return abs(q.value - r.value) > max(_rounding(q), _rounding(r))


def as_point(q: Quantity) -> Quantity:
    """A bound ("at least three") read as the figure it names, hedged: three dead then
    seven is two figures, though seven is at least three."""
    bound = q.approx in ("at_least", "more_than", "at_most", "less_than")
    return replace(q, approx="about") if bound and q.value is not None else q


# "four more passengers", "12 additional cases": the figure counts what was added to a
# total, not the total ("more than" is a bound, not an addition).
_INCREMENT = re.compile(r"^\S+\s+(?:more|additional|further|extra)\b(?!\s+than\b)", re.I)


def is_increment(q: Quantity) -> bool:
    """Whether a figure counts an addition ("four more passengers"): it neither rivals
    nor supersedes a total ("three passengers" the day before, "at least 10 shots")."""
    return _INCREMENT.match(q.text) is not None
