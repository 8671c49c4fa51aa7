"""Undated articles: infer a publication window from the story they belong to.

An undated article's relative dates ("on Sunday", "last week") only make sense against some
publication day. We try every day around the story's dated articles and keep the days on
which the most of its relative dates land on days the story's dated articles mention.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ..annotate.timex import find_times, sentence_time
from ..models import AnnotatedArticle, Problem, Sentence, TimeExpr, Token, When

_BEFORE_DAYS = 3  # an undated report may predate the story's first dated one slightly
_AFTER_DAYS = 30  # ... or follow its last one by up to a month


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value and len(value) >= 10 else None
    except ValueError:
        return None


def _mentioned_days(members: Sequence[AnnotatedArticle]) -> set[date]:
    days = set()
    for item in members:
        for t in item.times:
            if t.precision in ("day", "time") and (d := _day(t.value)):
                days.add(d)
    return days


# A day that lands on a known day says more than a week or a month that contains one.
_WEIGHT = {"time": 3, "day": 3, "week": 2, "month": 1}


def _deictic(t: TimeExpr) -> bool:
    """'now', 'today', 'this week': tied to the anchor itself, they cannot place it."""
    words = t.text.lower()
    return t.value == "PRESENT_REF" or words.startswith("this ") or words in (
        "now", "today", "tonight", "currently", "at present")


def _counts(t: TimeExpr) -> bool:
    """Whether an expression can place the anchor (relative, and a day to a month)."""
    return t.relative and t.precision in _WEIGHT and not _deictic(t)


def _score(text: str, anchor: date, known: set[date]) -> int:
    hits = 0
    for t in find_times(text, anchor):
        if not _counts(t):
            continue
        span = t.when
        low = _day(span.date or span.start) if span else _day(t.value)
        high = _day(span.date or span.end) if span else _day(t.value)
        if not low or not high:
            continue
        if any(low <= k <= high for k in known):
            hits += _WEIGHT[t.precision]
    return hits


@dataclass(frozen=True, slots=True)
class StoryDays:
    """What a story says about when it happened: its first and last publication days
    and the days its dated articles mention."""

    first: date
    last: date
    known: frozenset[date]


# `windows_in`, or a cached equivalent
WindowFinder = Callable[[Sequence[str], StoryDays], list[When | None]]


def story_days(members: Sequence[AnnotatedArticle]) -> StoryDays | None:
    """The story's days, or None when no dated article pins them."""
    dated = sorted(d for m in members if (d := _day(m.article.published)))
    known = _mentioned_days([m for m in members if m.article.published])
    return StoryDays(dated[0], dated[-1], frozenset(known)) if dated and known else None


def infer_window(item: AnnotatedArticle, members: Sequence[AnnotatedArticle]) -> When | None:
    """The publication days consistent with the story, or None when nothing pins them."""
    days = story_days(members)
    return window_in(item.article.text, days) if days else None


def window_in(text: str, story: StoryDays) -> When | None:
    """The publication days on which an undated text's relative dates best land on the
    story's days, or None when none of them can."""
    first = story.first - timedelta(days=_BEFORE_DAYS)
    days = [first + timedelta(days=k) for k in range((story.last - first).days + _AFTER_DAYS)]
    # Whether an expression is relative does not depend on the anchor: an article with
    # none that counts scores 0 on every day (a third of the undated ones in a big
    # synthetic story).
    if not any(_counts(t) for t in find_times(text, days[0])):
        return None
    known = set(story.known)
    scores = {d: _score(text, d, known) for d in days}
    best = max(scores.values(), default=0)
    if best == 0:
        return None
    chosen = [d for d in days if scores[d] == best]
    return When(start=chosen[0].isoformat(), end=chosen[-1].isoformat())


def windows_in(texts: Sequence[str], story: StoryDays) -> list[When | None]:
    """`window_in` of each of a story's undated texts."""
    return [window_in(text, story) for text in texts]


def _window_times(text: str, window: When, tokens: Sequence[Token] = ()) -> list[TimeExpr]:
    """Times resolved against both ends of the window; where they disagree, a range."""
    start, end = _day(window.start), _day(window.end)
    assert start and end
    early = find_times(text, start, tokens)
    late = {(t.start, t.end): t for t in find_times(text, end, tokens)}
    out = []
    for t in early:
        other = late.get((t.start, t.end))
        if other is None or other.value == t.value or not t.relative:
            out.append(t)
        else:
            span = When(start=t.value, end=other.value)
            out.append(replace(t, value=None, precision="range", when=span))
    return out


def _published_label(window: When) -> str:
    """The window at the precision it supports: a month, else a year."""
    start, end = window.start or "", window.end or ""
    if start[:7] == end[:7]:
        return start[:7]
    return start[:4] if start[:4] == end[:4] else start[:4]


def apply_window(item: AnnotatedArticle, window: When) -> AnnotatedArticle:
    """Re-resolve an undated article's times against its inferred window."""
    times = _window_times(item.article.text, window, item.tokens)
    sentences = []
    for s in item.sentences:
        inside = [t for t in times if t.start >= s.start and t.end <= s.end]
        when = sentence_time(inside) if inside else None
        sentences.append(Sentence(s.start, s.end, s.text, when))
    article = replace(item.article, published=_published_label(window),
                      published_from="inferred")
    return replace(item, article=article, times=tuple(times), sentences=tuple(sentences))


def date_undated(annotated: Sequence[AnnotatedArticle], groups: Sequence[Sequence[str]],
                 find_windows: WindowFinder = windows_in,
                 ) -> tuple[list[AnnotatedArticle], list[Problem]]:
    """Give undated articles the publication window their story implies (and say so);
    ``find_windows`` is `windows_in` or a cached equivalent."""
    by_id = {a.article.id: a for a in annotated}
    notes = []
    for ids in groups:
        members = [by_id[i] for i in ids]
        undated = [item for item in members if not item.article.published]
        days = story_days(members) if undated else None
        if days is None:
            continue
        windows = find_windows([item.article.text for item in undated], days)
        for item, window in zip(undated, windows, strict=True):
            if window:
                by_id[item.article.id] = apply_window(item, window)
                notes.append(Problem(item.article.path or item.article.id,
                                     f"no publication date; inferred {window.start} to "
                                     f"{window.end} from its story", "warning"))
    return [by_id[a.article.id] for a in annotated], notes
