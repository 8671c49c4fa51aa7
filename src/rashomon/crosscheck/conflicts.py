"""Typed conflicts between mentions of one story: denial, quantity, date, place, detail, update.

Each detector compares two related units (aligned into one claim, or similar enough to be
about one event) and says how they differ, or nothing. What is *not* a conflict matters as
much: rounding and hedges, coarser precision, two names of one source, different events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as _date

from ..claims.lexicon import CLAIM_NOUNS, CONFIRM_VERBS, DENIAL_VERBS, REPORT_VERBS
from ..models import Article, ClaimMention, Quantity, When
from .measured import (
    CUMULATIVE,
    GENERIC_PEOPLE,
    OUTCOMES,
    different_places,
    measured,
    same_measured,
    thing_name,
)
from .negation import (
    agrees_with_denial,
    asks,
    doubts,
    no_answer,
    same_predicate,
)
from .one_voice import repeats, same_speaker
from .quantities import interval, intervals_disjoint, is_increment, point_differs
from .units import Unit

CANDIDATE = 0.2  # pairs below this are never compared (same-sentence figures are the floor)
RELATED = 0.25  # mixed similarity above which two figures for one named thing are compared
DENIAL = 0.42  # an assertion and a denial of it
NEGATION = 0.45  # an assertion and a negative statement with the same verb
NEGATION_ALONE = 0.52  # ... or with another verb ("they saw flames" / "there was no fire")
FIGURES = 0.5  # two figures for one thing (lower when both name the same kind of event)
SAME_EVENT = 0.58  # stricter: for date, place and detail differences
# ... or lower, when both clauses tell what happened to the same participant
# (`phrases.undergoer`): the same floor as RELATED, not tuned on its own.
SHARED_PARTICIPANT = RELATED
_UPDATE_CUES = re.compile(
    r"\b(?:rose|risen|rises|climbed|climbs|increased|jumped|grew|now|so far|has reached|"
    r"revised|updated|latest|new toll|fell|dropped|narrowed|widened)\b", re.I)
@dataclass(frozen=True, slots=True)
class Finding:
    """One typed difference between two units, with labels for each side."""

    kind: str
    a: int
    b: int
    label_a: str
    label_b: str
    summary: str
    topic: str = ""  # what differs, the head of the conflict's summary (`summaries`)

    def side_key(self, label: str) -> str:
        """Sides are grouped by role for denials and by label otherwise."""
        if self.kind == "denial":
            return "asserted" if label.startswith("asserted") else "doubted"
        return re.sub(r"^(?:about|around|some|roughly|nearly|almost|approximately|an "
                      r"estimated|more than|at least|over)\s+", "", label.lower())


def head_mention(unit: Unit) -> ClaimMention:
    """The mention a unit's clause is read from (its first)."""
    return unit.mentions[0]


def denial(a: Unit, b: Unit, i: int, j: int, same_source: bool, sim: float) -> Finding | None:
    """One side asserts, the other refutes, will not confirm, or states the opposite."""
    if same_source:
        return None
    strict = sim < NEGATION
    loose = sim >= NEGATION_ALONE
    doubt_a, doubt_b = doubts(a, b, strict, loose), doubts(b, a, strict, loose)
    if doubt_a == doubt_b:
        return None
    asserted, denied = (a, b) if doubt_b else (b, a)
    if head_mention(denied).speaker is None:
        return None  # the outlet's own negative line ("there was no X") disputes no one
    if asks(asserted) or no_answer(asserted) or agrees_with_denial(asserted, denied):
        return None  # a question or a refusal asserts nothing; see `agrees_with_denial`
    if same_speaker(asserted, denied) or repeats(asserted, denied):
        return None  # one voice on both sides disputes nothing (`one_voice`)
    ii, jj = (i, j) if asserted is a else (j, i)
    who = _who(denied)
    return Finding("denial", ii, jj, f"asserted by {_who(asserted)}", f"{who} denies",
                   f"{_who(asserted)} asserts it; {who} denies it", asserted.text)


# What a doubt says beyond "that claim": words of claiming, doubting and pointing.
_POINTING = CLAIM_NOUNS | DENIAL_VERBS | CONFIRM_VERBS | REPORT_VERBS | frozenset(
    "account accounts version story this that it either still yet".split())


def names_no_proposition(unit: Unit) -> bool:
    """Whether a doubt only points at a claim told elsewhere ("rejected the claim",
    "denies this", "has not confirmed either account") or names no more than its speaker:
    it has nothing to be similar by."""
    speaker = head_mention(unit).speaker
    named = set(re.findall(r"\w+", speaker.text.lower())) if speaker else set()
    return not unit.terms - _POINTING - named


_LIGHT_VERBS = frozenset("be have do say tell make take get".split())


def same_event_verb(a: Unit, b: Unit) -> bool:
    """`same_predicate`, for a verb that names an event rather than a light verb."""
    return same_predicate(a, b) and head_mention(a).frame.predicate not in _LIGHT_VERBS


def _who(unit: Unit) -> str:
    speaker = head_mention(unit).speaker
    return speaker.text if speaker else "the outlet"




def _comparable(q: Quantity, a: Unit, r: Quantity, b: Unit) -> bool:
    """Same unit, and the same measured thing when both clauses say what they measure."""
    if q.unit != r.unit or is_increment(q) or is_increment(r) or different_places(a, b):
        return False
    same = same_measured(q, a, r, b)
    if same is not None:
        return same
    if _one_of_several(q, a) or _one_of_several(r, b):
        return False
    if q.counted and r.counted and q.counted != r.counted:
        return q.counted in GENERIC_PEOPLE and r.counted in GENERIC_PEOPLE
    return True


def _one_of_several(q: Quantity, unit: Unit) -> bool:
    """A figure whose measured thing is unknown, in a clause with other figures: "six of
    the 14 people", "452 firefighters ... and two": it may count anything."""
    return measured(q, unit) is None and len(head_mention(unit).frame.quantities) > 1


def _on(q: Quantity, unit: Unit) -> str:
    """' on deaths' when the figure says what it measures, else nothing."""
    name = thing_name(q, unit)
    return f" on {name}" if name else ""


def _changed(q: Quantity, unit: Unit) -> str:
    """'Deaths changed over time' when the figure says what it measures."""
    name = thing_name(q, unit)
    return f"{name[:1].upper()}{name[1:]} changed over time" if name else \
        "The figure changed over time"


def _fmt(q: Quantity) -> str:
    return q.text


def quantity(a: Unit, b: Unit, i: int, j: int, articles: dict[str, Article],
             co_reported: set[FigurePair], same_origin: bool) -> Finding | None:
    """Numbers for the same thing that cannot both be right, or a figure that moved on
    (``same_origin``: one source or series, `one_voice.one_series`)."""
    for q in head_mention(a).frame.quantities:
        for r in head_mention(b).frame.quantities:
            if not _comparable(q, a, r, b) or not point_differs(q, r):
                continue
            together = figure_pair(q, r) in co_reported
            # A running count (deaths, cases, arrests) reported on a later day has moved on.
            outcome = (measured(q, a) or "").partition("/")[0]
            running = outcome in OUTCOMES and not (
                outcome in CUMULATIVE and _falls(a, b, q, r, articles))
            if not together and _is_update(a, b, articles, same_origin or running):
                early, late = _by_time(a, b, i, j, q, r, articles)
                return Finding("update", early[0], late[0], early[1], late[1],
                               f"The figure changed over time: {early[1]} then {late[1]}",
                               _changed(q, a))
            if intervals_disjoint(interval(q), interval(r)):
                return Finding("quantity", i, j, _fmt(q), _fmt(r),
                               f"Figures disagree{_on(q, a)}: '{_fmt(q)}' vs '{_fmt(r)}'",
                               f"Figures disagree{_on(q, a)}")
    return None


FigurePair = tuple[str, float, float]  # unit, smaller value, larger value


def figure_pair(q: Quantity, r: Quantity) -> FigurePair:
    """Two figures as an unordered pair in their unit."""
    x, y = q.value or 0.0, r.value or 0.0
    return (q.unit or "", x, y) if x <= y else (q.unit or "", y, x)


def same_counted(a: Unit, b: Unit) -> bool:
    """Both give a figure for the same specific thing ("168 passengers", "182 passengers")."""
    counted_a = {q.counted for q in head_mention(a).frame.quantities if q.counted}
    counted_b = {q.counted for q in head_mention(b).frame.quantities if q.counted}
    return bool((counted_a & counted_b) - GENERIC_PEOPLE)


def same_thing_measured(a: Unit, b: Unit) -> bool:
    """Both give a figure for one measured thing that says what it measures
    (`measured.same_measured`: "burned 1,500 hectares" / "scorched 32 square kilometres")."""
    return any(same_measured(q, a, r, b) for q in head_mention(a).frame.quantities
               for r in head_mention(b).frame.quantities)


def on_other_days(a: Unit, b: Unit, articles: dict[str, Article]) -> bool:
    """Whether the two units come from reports published on different days."""
    day_a, day_b = _published(a, articles), _published(b, articles)
    return bool(day_a and day_b and day_a != day_b)


def close_figures(a: Unit, b: Unit) -> bool:
    """Two sizeable figures within a quarter of each other: rival counts of one thing
    ("168 passengers" / "182 passengers") rather than counts of different things."""
    for q in head_mention(a).frame.quantities:
        for r in head_mention(b).frame.quantities:
            sizeable = q.value and r.value and min(q.value, r.value) >= 10
            if sizeable and q.counted == r.counted and q.value and r.value and \
                    max(q.value, r.value) / min(q.value, r.value) <= 1.25:
                return True
    return False


def tells_change(unit: Unit) -> bool:
    """Whether the clause says a figure has moved ("rose to", "has reached", "now")."""
    return _UPDATE_CUES.search(unit.text) is not None


def _published(unit: Unit, articles: dict[str, Article]) -> str:
    return (articles[unit.article_id].published or "")[:10]


def _is_update(a: Unit, b: Unit, articles: dict[str, Article], moves: bool) -> bool:
    """A later report with a new figure and words of change, or (``moves``) the same
    source or a running count moving on."""
    if not on_other_days(a, b, articles):
        return False
    later = b if _published(b, articles) > _published(a, articles) else a
    return tells_change(later) or moves


def _falls(a: Unit, b: Unit, q: Quantity, r: Quantity, articles: dict[str, Article]) -> bool:
    """Whether the later report's figure is below the earlier one's. A total of things
    that happened (deaths, evacuations, arrests: `CUMULATIVE`) does not go down, so a
    lower figure from another origin is a rival account, not the count moving on (one
    origin revising its own figure is still an update, through ``same_origin``); the
    missing and those in hospital do go down."""
    if not on_other_days(a, b, articles):
        return False
    early, late = (q, r) if _published(a, articles) < _published(b, articles) else (r, q)
    return (late.value or 0.0) < (early.value or 0.0)


def _by_time(a: Unit, b: Unit, i: int, j: int, q: Quantity, r: Quantity,
             articles: dict[str, Article]) -> tuple[tuple[int, str], tuple[int, str]]:
    first, second = (i, q.text), (j, r.text)
    return (first, second) if _published(a, articles) <= _published(b, articles) else (
        second, first)


def _day_span(when: When | None) -> tuple[str, str] | None:
    if when is None:
        return None
    if when.date and len(when.date) >= 10:
        return when.date[:10], when.date[:10]
    if when.start and when.end and len(when.start) >= 10 and len(when.end) >= 10:
        first, last = date_of(when.start), date_of(when.end)
        if first and last and (last - first).days <= 7:
            return when.start[:10], when.end[:10]
    return None


def _overlap(span_a: tuple[str, str], span_b: tuple[str, str]) -> bool:
    """Whether two day spans (ISO first and last days) share a day."""
    return span_a[1] >= span_b[0] and span_b[1] >= span_a[0]


def days_agree(a: Unit, b: Unit) -> bool:
    """Whether two statements can be one fact by their days: unless each writes a date
    for its own event (`Unit.own_day`), to a day or a span of a few days, and the days do
    not meet ("began on Monday" / "had in fact started on Friday"), they can."""
    if not (a.own_day and b.own_day):
        return True
    span_a, span_b = _day_span(head_mention(a).frame.when), _day_span(head_mention(b).frame.when)
    return not (span_a and span_b) or _overlap(span_a, span_b)


def date_of(value: str) -> _date | None:
    """An ISO day, or None."""
    try:
        return _date.fromisoformat(value[:10])
    except ValueError:
        return None


def date(a: Unit, b: Unit, i: int, j: int, same_participant: bool = False) -> Finding | None:
    """The same event placed on different days (coarser dates never conflict): the same
    verb, or (``same_participant``) the same thing it happened to, told with another verb
    ("the river crested" / "the river peaked")."""
    span_a, span_b = _day_span(head_mention(a).frame.when), _day_span(head_mention(b).frame.when)
    if not span_a or not span_b or len(shared_terms(a, b)) < 2 or not (
            same_participant or same_predicate(a, b)):
        return None
    if _overlap(span_a, span_b):
        return None
    la, lb = span_a[0], span_b[0]
    return Finding("date", i, j, la, lb, f"The same event is dated {la} in one report and "
                   f"{lb} in another", "The same event is dated differently")


def shared_terms(a: Unit, b: Unit) -> frozenset[str]:
    """The content words two clauses share, with the noun both their events happen to
    (`Unit.undergoer`, same role) where the terms leave it out for being also a verb of
    saying ("the recall began" / "the recall started", "the report", "the claim")."""
    shared = a.terms & b.terms
    head = a.undergoer.split(":", 1)[1] if a.undergoer else None
    if head in REPORT_VERBS and a.undergoer == b.undergoer:
        shared |= {head}
    return shared


def same_day(a: Unit, b: Unit) -> bool:
    """Whether the two statements are told of one day (``ClaimMention.when``: the
    clause's own time or its sentence's, to a day or a span of days that overlap)."""
    span_a, span_b = _day_span(head_mention(a).when), _day_span(head_mention(b).when)
    return bool(span_a and span_b and _overlap(span_a, span_b))


def place(a: Unit, b: Unit, i: int, j: int) -> Finding | None:
    """The same event placed in different places, both named precisely."""
    pa, pb = _towns(head_mention(a).frame.places), _towns(head_mention(b).frame.places)
    if not pa and not pb:
        pa = {"name:" + n for n in a.locations}
        pb = {"name:" + n for n in b.locations}
    if not pa or not pb or pa & pb:
        return None
    resolved = {p.startswith("name:") for p in pa | pb}
    if len(resolved) != 1:
        return None  # one named, one unknown to the gazetteer: cannot compare
    la, lb = _place_label(a, pa), _place_label(b, pb)
    return Finding("place", i, j, la, lb, f"Placed at {la} in one report and {lb} in another",
                   "The same event is placed differently")


def _local(ids: tuple[str, ...]) -> set[str]:
    """Places below the country: a country contains its towns, it does not rival them."""
    return {i for i in ids if not i.startswith("iso3166:")}


# Gazetteer ids of areas: countries and ISO regions, GeoNames-only regions and
# second-level units, US counties.
_AREA_IDS = ("iso3166:", "geonames-admin1:", "geonames-admin2:", "fips:")


def _towns(ids: tuple[str, ...]) -> set[str]:
    """Town-level places only: a region or county contains its towns, it does not rival
    them ("Laconia" and a village of Laconia)."""
    return {i for i in ids if not i.startswith(_AREA_IDS)}


def _place_label(unit: Unit, ids: set[str]) -> str:
    return ", ".join(sorted(i.split(":", 1)[1] if i.startswith("name:") else i for i in ids))


def has_day(unit: Unit) -> bool:
    """Whether the clause is dated to a day or a short span (a date difference needs it)."""
    return _day_span(head_mention(unit).frame.when) is not None


def has_place(unit: Unit) -> bool:
    """Whether the clause names a place (a place difference needs it on both sides)."""
    return bool(_local(head_mention(unit).frame.places) or unit.locations)
