"""Detail conflicts: another attribute of one event differs (a unit's echelon, which
named thing, a model number, "for the first time" against "not the first time")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .conflicts import Finding, head_mention
from .negation import words
from .units import Unit

DESIGNATION = 0.4  # model numbers are specific enough on their own
# A first-time claim: "for the first time", "it was / marked the first time" (not "the
# first time it happened was in April", which dates an earlier one).
_FIRST_TIME = re.compile(r"\bfor the first time\b|\b(?:is|was|be|been|marks?|marked|marking)\s+"
                         r"(?:\w+\s+){0,2}the first time\b", re.I)
# "Not the first", and a first that is qualified by a time since which it is first
# ("first time since 2022", "first time in three years"): both say it happened before.
_NOT_FIRST = re.compile(r"(?:\bnot|n['’]t)\s+(?:\w+\s+){0,2}the first\b"
                        r"|\bfirst\s+time\s+(?:[\w'’-]+\s+){0,6}since\b|\bfirst\s+\w+\s+since\b"
                        r"|\bfirst\s+time\s+in\s+(?:\w+\s+){0,2}(?:years?|decades?|months?|weeks?"
                        r"|centur(?:y|ies))\b", re.I)
_MODEL = re.compile(r"\b[A-Z][A-Za-z]{0,2}-?\d{2,4}[a-z]{0,4}\b")


def detail(a: Unit, b: Unit, i: int, j: int,
           first_texts: tuple[str, str] | None = None) -> Finding | None:
    """Another attribute differs: unit echelon, 'first time' (read from ``first_texts``,
    see `first_time_texts`; the clauses by default), which named thing."""
    texts = first_texts or (a.text, b.text)
    for finding in (_echelon(a, b, i, j), _first_time(i, j, texts), _modifier(a, b, i, j)):
        if finding:
            return finding
    return None


def designation(a: Unit, b: Unit, i: int, j: int) -> Finding | None:
    """Model numbers differ ("A320neo" vs "A321neo")."""
    return _model(a, b, i, j)


def _modifier(a: Unit, b: Unit, i: int, j: int) -> Finding | None:
    """The same kind of thing, named differently: 'Ministry of Finance' vs 'of Labour'.
    A clause may name several things of one kind ("from the Donetsk region into the
    Dnipropetrovsk region"): they differ only when no name of one matches one of the other."""
    for head in dict.fromkeys(h for h, _ in a.phrases):
        mine = [m for h, m in a.phrases if h == head]
        theirs = [m for h, m in b.phrases if h == head]
        if not theirs or any(x & y for x in mine for y in theirs):
            continue
        x, y = mine[0], theirs[0]
        if len(x) <= 3 and len(y) <= 3:
            la, lb = " ".join(sorted(x)) + " " + head, " ".join(sorted(y)) + " " + head
            return Finding("detail", i, j, la, lb, f"Accounts differ on the {head}: "
                           f"'{la}' vs '{lb}'", f"Accounts differ on the {head}")
    return None


def _echelon(a: Unit, b: Unit, i: int, j: int) -> Finding | None:
    for u in head_mention(a).frame.units:
        for v in head_mention(b).frame.units:
            if u.key == v.key and u.echelon != v.echelon:
                return Finding("detail", i, j, u.text, v.text,
                               f"Unit designation differs: '{u.text}' vs '{v.text}'",
                               "Unit designation differs")
    return None


def names_model(unit: Unit) -> bool:
    """Whether the clause names a model number ("A320neo", "Su-34"), the only thing a
    designation difference compares."""
    return _MODEL.search(unit.text) is not None


def _model(a: Unit, b: Unit, i: int, j: int) -> Finding | None:
    found_a, found_b = set(_MODEL.findall(a.text)), set(_MODEL.findall(b.text))
    ma, mb = found_a - found_b, found_b - found_a
    if ma and mb:
        x, y = sorted(ma)[0], sorted(mb)[0]
        if x[:1] == y[:1]:
            return Finding("detail", i, j, x, y, f"Designation differs: '{x}' vs '{y}'",
                           "Designation differs")
    return None


@lru_cache(maxsize=1 << 14)
def _first_flags(text: str) -> tuple[bool, str | None]:
    """Whether a clause says "for the first time", and its "not the first" phrase if any
    (kept per text: a big story asks about one clause for hundreds of pairs)."""
    not_first = _NOT_FIRST.search(text)
    return (not_first is None and _FIRST_TIME.search(text) is not None,
            not_first.group(0) if not_first else None)


def _first_time(i: int, j: int, texts: tuple[str, str]) -> Finding | None:
    """One clause says "for the first time", the other "not the first" or "first ... since"."""
    (fa, na), (fb, nb) = _first_flags(texts[0]), _first_flags(texts[1])
    if (fa and nb) or (fb and na):
        first, other = (i, j) if fa else (j, i)
        # One label for "not the first" and "first ... since": both say it happened
        # before, so reports that say either stand on one side.
        return Finding("detail", first, other, "for the first time", "not the first time",
                       "One report calls it the first time; another says it is not",
                       "Whether it happened for the first time")
    return None


# Words a clause may hold and still be nothing but the phrase ("It wasn't even the first time").
_FIRST_PHRASE_WORDS = frozenset(
    "first time the this that it is was be been being will would could not n t isn wasn s "
    "even also hardly for".split())


def first_time_texts(units: Sequence[Unit]) -> list[str]:
    """The text each unit's "first time" is read from. A clause that is only the phrase
    ("This is not the first time") says it of the clause it introduces ("Russian forces
    have reached the region"), which gets the phrase; the bare clause itself gets nothing,
    since it is as similar to every other such clause as to its own event."""
    texts = [u.text for u in units]
    by_sentence: dict[tuple[str, int], list[int]] = {}
    for k, unit in enumerate(units):
        by_sentence.setdefault((unit.article_id, head_mention(unit).start), []).append(k)
    for members in by_sentence.values():
        members.sort(key=lambda k: head_mention(units[k]).content_start)
        for k, following in zip(members, members[1:] + [None], strict=True):
            if _first_flags(units[k].text) == (False, None) or set(
                    words(units[k].text)) - _FIRST_PHRASE_WORDS:
                continue
            texts[k] = ""
            if following is not None:
                texts[following] = f"{units[k].text} {units[following].text}"
    return texts


def has_detail(unit: Unit, first_text: str | None = None) -> bool:
    """Whether the clause has something a detail difference compares: a military unit,
    a modified noun, or a "first time" statement either way (in ``first_text``, see
    `first_time_texts`; the clause by default)."""
    text = unit.text if first_text is None else first_text
    return bool(head_mention(unit).frame.units or unit.phrases) or _first_flags(text) != (
        False, None)
