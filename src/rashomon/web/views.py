"""What the page templates show: a story, an article, search hits, as ready-made values.

Quotes link to the article page, where the quoted span is highlighted; timeline, map
and matrix come from the HTML report's own helpers, so both views agree.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlencode

from markupsafe import Markup

from ..models import Article, Claim, Conflict, Mention, Story, TimelineEntry
from ..report.cards import conflict_html
from ..report.glossary import MARK_HELP, STATUS_HELP, badge_html, kind_html, legend_html
from ..report.html import matrix_html
from ..report.map import DEFAULT_TILES, map_html
from ..report.marks import MARKS_TOGGLE
from ..report.sections import (
    StoryContext,
    anchor,
    cite_html,
    e,
    outlet_of,
    quote_html,
    status_rank,
    timeline_entries,
    when_text,
)
from .pages import source_link, speakers_html, stance_html

STATUSES = ("disputed", "corroborated", "single-source")


def source_href(source_id: str) -> str:
    """The page of everything a source said."""
    return f"/sources/{source_id}"


def mention_href(mention: Mention) -> str:
    """The article page with this mention highlighted and scrolled to."""
    query = urlencode({"start": mention.start, "end": mention.end})
    return f"/articles/{mention.article_id}?{query}#{anchor(mention.article_id, mention.start)}"


@dataclass(frozen=True, slots=True)
class StoryView:
    """A story with the look-ups and pre-rendered parts its page needs."""

    story: Story
    ctx: StoryContext
    articles: list[Article]
    tiles: str | None = DEFAULT_TILES

    @classmethod
    def build(cls, story: Story, articles: dict[str, Article],
              tiles: str | None = DEFAULT_TILES) -> StoryView:
        """Index the story for rendering (``tiles``: the map's optional backdrop)."""
        members = [articles[a] for a in story.article_ids if a in articles]
        return cls(story, StoryContext.build(story, articles), members, tiles)

    def claims(self) -> list[Claim]:
        """Disputed first, then corroborated, then single-source."""
        return sorted(self.story.claims, key=status_rank)

    def counts(self) -> dict[str, int]:
        """Claims per status, in display order."""
        counts: Counter[str] = Counter(c.status for c in self.story.claims)
        return {s: counts[s] for s in STATUSES if counts[s]}

    def located(self) -> int:
        """How many places have coordinates."""
        return sum(p.lat is not None and p.lon is not None for p in self.story.places)

    def timeline(self) -> list[TimelineEntry]:
        """Dated statements in date order."""
        return timeline_entries(self.story)

    def map(self) -> Markup:
        """The SVG map of the story's places."""
        return Markup(map_html(self.story.places, self.tiles))

    def matrix(self) -> Markup:
        """The outlet × claim matrix."""
        return Markup(matrix_html(self.story, self.ctx))

    def quote(self, mention: Mention, in_sentence: bool = False) -> Markup:
        """A quote (optionally in its sentence, the quote marked) linking to its article."""
        return Markup(quote_html(self.ctx, mention, in_sentence, href=mention_href(mention)))

    def cite(self, mention: Mention) -> Markup:
        """Who said it, in which outlet."""
        return Markup(cite_html(self.ctx, mention))

    def speakers(self, mentions: tuple[Mention, ...], stance: str) -> Markup:
        """The distinct speakers of the mentions with this stance, linked to their pages."""
        return speakers_html(self.ctx, mentions, stance)

    def conflict(self, conflict: Conflict) -> Markup:
        """A conflict card, as the report draws it, its quotes linking to article pages."""
        return Markup(conflict_html(conflict, self.ctx, href=mention_href,
                                    source_href=source_href))


_MARKS = re.compile(r"\[([^\[\]]*)\]")


def snippet_html(snippet: str) -> Markup:
    """A search snippet with its ``[matched]`` words marked (everything else escaped)."""
    return Markup(_MARKS.sub(lambda m: f"<mark>{m.group(1)}</mark>", e(snippet)))


def badge(status: str) -> Markup:
    """A claim's status badge with its definition as the tooltip."""
    return Markup(badge_html(status))


def kind_badge(kind: str) -> Markup:
    """A conflict kind's label with its definition as the tooltip."""
    return Markup(kind_html(kind))


def legend() -> Markup:
    """The collapsible "How to read this" legend."""
    return Markup(legend_html())


JINJA_GLOBALS = {"when_text": when_text, "outlet_of": outlet_of, "STATUSES": STATUSES,
                 "snippet_html": snippet_html, "badge": badge,
                 "kind_badge": kind_badge, "legend": legend, "MARK_HELP": MARK_HELP,
                 "mention_href": mention_href,
                 "source_link": source_link,
                 "stance_html": stance_html, "MARKS_TOGGLE": Markup(MARKS_TOGGLE),
                 "STATUS_HELP_DISPUTED": STATUS_HELP["disputed"]}
