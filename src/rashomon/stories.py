"""Story helpers shared by the pipeline (clustering itself lives in `clustering.py`)."""

from __future__ import annotations

from collections.abc import Sequence

from .models import Article, When


def story_period(articles: Sequence[Article]) -> When | None:
    """The span of the articles' publication dates, or None when none is dated."""
    dates = sorted(a.published[:10] for a in articles if a.published)
    return When(start=dates[0], end=dates[-1]) if dates else None
