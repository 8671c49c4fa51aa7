"""When and where an article is, as far as story clustering can tell, and how far apart.

Two reports of the same kind of event (two earthquakes, two arrests, last year's fire in
the same district) share most of their vocabulary; what tells them apart is that they
happened at another time or in another place. Publication dates already weigh in (the
Gaussian decay on the day gap); this module adds what the text itself says:

* the years its dates fall in: an undated article naming 2008 and nothing later is
  unlikely to report a story whose articles were published in 2012, unless the story
  itself talks about 2008 (a background year, "founded in 1961", is no evidence). An
  undated article often names no year of its own ("on Sunday" cannot be resolved), only
  background ones ("the worst since 2018"), so a bare year is weak evidence: it at most
  halves the score, and a report whose words match the story well still joins it. A
  date precise to the month or better ("on 3 August 2021") usually is the event's own
  date, and counts in full;
* the places it names, as whole-degree latitude/longitude cells (about 100 km): an
  article none of whose towns lies in or next to a cell of the story's towns is likely
  about another event. Geocoding is noisy, so this only lowers the score a little.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from datetime import date

from ..models import PlaceRef, TimeExpr

Cell = tuple[int, int]

# Time expressions that name a calendar year (not a decade, a duration or a range).
_YEAR_PRECISIONS = frozenset({"time", "day", "week", "month", "season", "quarter", "year"})
_EXACT_PRECISIONS = frozenset({"time", "day", "week", "month"})
_YEAR = re.compile(r"^(\d{4})(?:$|-)")
_PRECISE = frozenset({"city", "point"})


def named_years(times: Iterable[TimeExpr], exact: bool = False) -> tuple[int, ...]:
    """The years the text's dates fall in ("in 2012", "7 July 2012"), sorted; with
    ``exact``, only those of dates precise to the month or better. Relative ones ("on
    Saturday") only count where the publication date resolved them."""
    years = set()
    wanted = _EXACT_PRECISIONS if exact else _YEAR_PRECISIONS
    for t in times:
        if t.precision not in wanted or not t.value:
            continue
        if match := _YEAR.match(t.value):
            years.add(int(match.group(1)))
    return tuple(sorted(years))


def place_cells(places: Iterable[PlaceRef]) -> tuple[Cell, ...]:
    """Whole-degree (latitude, longitude) cells of the towns and points the text names."""
    cells = {(math.floor(p.lat), math.floor(p.lon)) for p in places
             if p.precision in _PRECISE and p.lat is not None and p.lon is not None}
    return tuple(sorted(cells))


def year_gap(years: tuple[int, ...], start: date | None, end: date | None,
             story_years: Mapping[int, int]) -> int:
    """Years between an undated article's latest named year and the publication years of
    the story's dated articles (``start``..``end``); 0 when it cannot tell (no years on
    either side) or when a member of the story names that year too."""
    if not years or start is None or end is None:
        return 0
    latest = years[-1]
    if story_years.get(latest):
        return 0
    return max(start.year - latest, latest - end.year, 0)


def year_factor(years: tuple[int, ...], exact_years: tuple[int, ...], start: date | None,
                end: date | None, story_years: Mapping[int, int], sigma: float,
                floor: float) -> float:
    """Score factor of an undated article (``years`` its dates fall in, ``exact_years``
    those of its dates precise to the month or better) against a story (see
    `year_gap`): a Gaussian on the gap, never below ``floor`` unless the latest year
    comes from a precise date."""
    gap = year_gap(years, start, end, story_years)
    return year_decay(gap, sigma, 0.0 if years[-1:] and years[-1] in exact_years else floor)


def year_decay(gap: int, sigma: float, floor: float = 0.0) -> float:
    """Gaussian on a gap in years, never below ``floor`` (1 when ``sigma`` is 0: the
    decay is off)."""
    if sigma <= 0 or gap <= 0:
        return 1.0
    return max(floor, math.exp(-0.5 * (gap / sigma) ** 2))


def around(cells: Iterable[Cell]) -> set[Cell]:
    """The cells and their eight neighbours (what counts as near them)."""
    return {(lat + dlat, lon + dlon) for lat, lon in cells
            for dlat in (-1, 0, 1) for dlon in (-1, 0, 1)}


def place_decay(cells: tuple[Cell, ...], story_around: set[Cell], factor: float) -> float:
    """``factor`` when both sides name places and none of the article's cells is in
    ``story_around`` (`around` the story's cells), else 1."""
    if factor >= 1 or not cells or not story_around or not story_around.isdisjoint(cells):
        return 1.0
    return factor
