"""What a figure measures: deaths, cases, evacuees, an area... so that only figures for
the same measured thing are compared, whatever noun or verb carries them.

"three patients had died", "two deaths" and "the toll rose to 5" all measure deaths;
"14 people had been infected" and "19 confirmed cases" measure cases; "six of them were
treated in hospital" measures something else, and so does "people detained" against
"people arrested". The measured thing comes from the counted noun when it names the
outcome, else from the clause's verb (its lemma, from spaCy), else from the one outcome
the clause names; a figure in a unit measures that unit's dimension.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from ..annotate.timex_cal import month_end
from ..models import Quantity, When
from .units import Unit

# Outcomes a running count counts, each with the lemmas and counted nouns that name it.
# Not "rescue": it is mostly a modifier ("rescue boats", "rescue workers").
_OUTCOMES = {
    "dead": "die dead death deaths kill killed toll fatality fatalities body bodies lives",
    "injured": "injure injured injury injuries wound wounded hurt",
    "cases": "infect infected infection infections case cases sicken sickened",
    "hospitalised": "hospitalise hospitalize hospitalised hospitalized hospitalisation "
                    "hospitalization",
    "missing": "missing miss unaccounted",  # spaCy lemmatises "are missing" to "miss"
    "detained": "detain detained detention custody",
    "arrested": "arrest arrested",
    "evacuated": "evacuate evacuated evacuee evacuees evacuation flee fled displace "
                 "displaced",
}
_OUTCOME_OF = {w: k for k, words in _OUTCOMES.items() for w in words.split()}
OUTCOMES = frozenset(_OUTCOMES)
# Outcomes counted as things that happened (a total that can only grow: deaths, arrests);
# the rest are states that also fall (missing, in hospital, in custody).
CUMULATIVE = frozenset("dead injured cases arrested evacuated".split())
# Nouns that count people without saying what happened to them: they take the outcome of
# their clause. Other nouns ("homes", "aircraft") are the measured thing themselves.
_PEOPLE = frozenset(
    "people persons individuals residents civilians inhabitants patients passengers victims "
    "children women men adults workers villagers tourists migrants students soldiers "
    "troops protesters demonstrators firefighters customers households".split())
# Nouns for people in general: "600 residents" and "2,000 people" can count the same.
GENERIC_PEOPLE = frozenset("people persons residents evacuees civilians inhabitants "
                           "individuals".split())


def outcome_of_clause(unit: Unit, bare: bool = False) -> str | None:
    """The one outcome a clause names, if any: its verb's, or the one its other words
    name ("the evacuation of 600 residents"). For a bare number (``bare``) in a clause
    with other figures, only the verb's: the words may belong to another figure ("six of
    the 14 people confirmed as infected": the six were treated, not infected)."""
    frame = unit.mentions[0].frame
    if frame.predicate and frame.predicate in _OUTCOME_OF:
        return _OUTCOME_OF[frame.predicate]
    if bare and len(frame.quantities) > 1:
        return None
    found = {_OUTCOME_OF[t] for t in unit.terms if t in _OUTCOME_OF}
    return found.pop() if len(found) == 1 else None


def measured(q: Quantity, unit: Unit) -> str | None:
    """What one figure of a clause measures, or None when the clause does not say. A
    named group takes its clause's outcome as "outcome/group" ("dead/patients")."""
    if q.unit:
        return "unit:" + q.unit
    counted = q.counted
    if counted and counted in _OUTCOME_OF:
        return _OUTCOME_OF[counted]
    if counted is None or counted in _PEOPLE:
        outcome = outcome_of_clause(unit, bare=counted is None)
        if outcome:
            return outcome if counted in (None, *GENERIC_PEOPLE) else f"{outcome}/{counted}"
    return "counted:" + counted if counted else None


_SUBGROUP_RATIO = 2.0  # a group's count and the total differ more than this: a part of it


def _parts(thing: str) -> tuple[str | None, str | None]:
    """(outcome, group) of a measured thing: "dead/patients" -> ("dead", "patients"),
    "dead" -> ("dead", None), "counted:passengers" -> (None, "passengers")."""
    if thing.startswith("counted:"):
        return None, thing.removeprefix("counted:")
    outcome, _, group = thing.partition("/")
    return outcome, group or None


def same_measured(q: Quantity, a: Unit, r: Quantity, b: Unit) -> bool | None:
    """Whether two figures measure the same thing; None when either does not say.

    The same group counts the same thing unless the clauses name different outcomes
    ("60 passengers evacuated", "40 passengers taken off"). A group's count ("three
    patients died") measures a total ("two deaths") only when the two are close: "120
    patients evacuated" is a part of "2,300 evacuees", not a rival figure."""
    mq, mr = measured(q, a), measured(r, b)
    if mq is None or mr is None:
        return None
    if mq == mr:
        return True
    (oq, gq), (or_, gr) = _parts(mq), _parts(mr)
    if oq and or_ and oq != or_:
        return False
    if gq and gr:
        return gq == gr or (gq in GENERIC_PEOPLE and gr in GENERIC_PEOPLE)
    if not (oq and or_) or not (q.value and r.value):
        return False
    return max(q.value, r.value) / min(q.value, r.value) <= _SUBGROUP_RATIO


def outcomes(unit: Unit) -> frozenset[str]:
    """The outcomes a clause's figures measure (deaths, cases...)."""
    return frozenset(m.partition("/")[0] for q in unit.mentions[0].frame.quantities
                     if (m := measured(q, unit)) and m.partition("/")[0] in OUTCOMES)


_OCCASIONS_APART = 45  # days between two clauses' times beyond which they are two occasions


def _bounds(value: str, last: bool) -> date | None:
    """The first (or last) day an ISO date of any precision covers: "2025-06" -> June."""
    try:
        parts = [int(p) for p in value[:10].split("-")]
    except ValueError:
        return None
    year, month, day = (parts + [0, 0])[:3]
    month = month or (12 if last else 1)
    try:
        return date(year, month, day) if day else (month_end(year, month) if last
                                                   else date(year, month, 1))
    except ValueError:
        return None


@lru_cache(maxsize=4096)  # a story's clauses share few times; pairs ask for them again
def _span(when: When | None) -> tuple[date, date] | None:
    if when is None:
        return None
    first, last = (when.date, when.date) if when.date else (when.start, when.end)
    if not first or not last:
        return None
    lo, hi = _bounds(first, last=False), _bounds(last, last=True)
    return (lo, hi) if lo and hi else None


def different_occasions(a: Unit, b: Unit) -> bool:
    """Whether two clauses are dated to times too far apart to be one occasion ("last
    summer a fire burned 900 hectares" against this week's fire): their figures measure
    different things, neither rivals nor an update."""
    sa, sb = _span(a.mentions[0].frame.when), _span(b.mentions[0].frame.when)
    if sa is None or sb is None:
        return False
    gap = max(sa[0], sb[0]) - min(sa[1], sb[1])
    return gap.days > _OCCASIONS_APART


def different_places(a: Unit, b: Unit) -> bool:
    """Whether two clauses name places and none in common: a figure for one place (a
    city's population, one district's dead) measures something else than a figure for
    another (the region's, another district's)."""
    pa, pb = set(a.mentions[0].frame.places), set(b.mentions[0].frame.places)
    return bool(pa) and bool(pb) and not pa & pb


# How a summary names an outcome alone ("deaths") and after a group ("patients dead").
_THING_NAMES = {"dead": ("deaths", "dead"), "injured": ("injured", "injured"),
                "cases": ("cases", "infected"), "hospitalised": ("in hospital", "in hospital"),
                "missing": ("missing", "missing"), "detained": ("detained", "detained"),
                "arrested": ("arrests", "arrested"), "evacuated": ("evacuated", "evacuated")}


def thing_name(q: Quantity, unit: Unit) -> str | None:
    """A short name for what a figure measures ("deaths", "passengers evacuated"), if
    known; a unit's dimension is left to its figures ("3,200 hectares")."""
    found = measured(q, unit)
    if found is None or found.startswith("unit:"):
        return None
    outcome, group = _parts(found)
    if outcome:
        alone, after = _THING_NAMES.get(outcome, (outcome, outcome))
        return f"{group} {after}" if group else alone
    return group
