"""Stories stage. For now one story per input folder; clustering comes with its own issue."""

from __future__ import annotations

from collections.abc import Sequence

from .models import Article, Story, When, stable_id


def story_period(articles: Sequence[Article]) -> When | None:
    """The span of the articles' publication dates, or None when none is dated."""
    dates = sorted(a.published[:10] for a in articles if a.published)
    return When(start=dates[0], end=dates[-1]) if dates else None


def _story_title(articles: Sequence[Article], fallback: str) -> str:
    dated = sorted(articles, key=lambda a: (a.published is None, a.published or "", a.path or ""))
    titles = [a.title for a in dated if a.title]
    return titles[0] if titles else fallback


def group_by_folder(
    articles: Sequence[Article], groups: dict[str, str], labels: dict[str, str]
) -> tuple[Story, ...]:
    """One story per input folder, in the order folders first appear."""
    members: dict[str, list[Article]] = {}
    for article in articles:
        members.setdefault(groups.get(article.id, ""), []).append(article)
    stories = []
    for group, items in members.items():
        ids = tuple(a.id for a in items)
        title = _story_title(items, labels.get(group, group) or "Untitled story")
        stories.append(Story(stable_id("s", *ids), title, ids, story_period(items)))
    return tuple(stories)
