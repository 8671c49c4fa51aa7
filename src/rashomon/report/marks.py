"""Which sentences of an article to highlight, and in which colour.

Only the mentions of disputed or corroborated claims carry signal, so only they are
coloured, by the stance they take; every other quoted span (single-source claims,
conflict sides, timeline) keeps its mark and anchor, as ``st-other``, which the page
shows only when the reader asks for all quoted sentences.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..models import Mention, Story
from .sections import MARK_PRIORITY, Span

SIGNAL = frozenset({"disputed", "corroborated"})
_STANCE_CLASS = {"supports": "st-sup", "refutes": "st-ref", "uncertain": "st-unc"}
_RANK = {c: k for k, c in enumerate(MARK_PRIORITY)}


def stance_class(stance: str | None) -> str:
    """The mark class of a stance (a mention without one states its claim)."""
    return _STANCE_CLASS.get(stance or "supports", "st-sup")


def _put(marks: dict[str, dict[Span, str]], mention: Mention, cls: str) -> None:
    spans = marks.setdefault(mention.article_id, {})
    key = (mention.start, mention.end)
    old = spans.get(key)
    if old is None or _RANK[cls] < _RANK[old]:
        spans[key] = cls


def article_marks(stories: Sequence[Story]) -> dict[str, dict[Span, str]]:
    """Article id -> every quoted span of it -> its mark class."""
    marks: dict[str, dict[Span, str]] = {}
    for story in stories:
        for claim in story.claims:
            signal = claim.status in SIGNAL
            for m in claim.mentions:
                _put(marks, m, stance_class(m.stance) if signal else "st-other")
        others: list[Iterable[Mention]] = [s.mentions for x in story.conflicts for s in x.sides]
        others += [t.mentions for t in story.timeline]
        for group in others:
            for m in group:
                _put(marks, m, "st-other")
    return marks


MARKS_TOGGLE = ('<p class="filters"><button type="button" data-marks aria-pressed="false">'
                "Show all quoted sentences</button></p>")
