"""A story's frame: its identity, title and period, before the cross-check fills it."""

from __future__ import annotations

from collections.abc import Sequence

from ..models import AnnotatedArticle, Article, Story, When, stable_id
from .clustering import story_title


def story_period(articles: Sequence[Article]) -> When | None:
    """The span of the articles' publication dates, or None when none is dated."""
    dates = sorted(a.published[:10] for a in articles if a.published)
    return When(start=dates[0], end=dates[-1]) if dates else None


def story_frame(article_ids: Sequence[str], members: Sequence[AnnotatedArticle]) -> Story:
    """A story's identity, title and period (``members``: its articles, annotated, in
    ``article_ids`` order), before claims are filled in."""
    return Story(stable_id("s", *sorted(article_ids)), story_title(members), tuple(article_ids),
                 story_period([m.article for m in members]))
