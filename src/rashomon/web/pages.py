"""What the article and source pages show: an article's claims and conflicts, and
everything one source said across stories, each linked to the story, the article and
the source it comes from."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..models import Article, Claim, Conflict, Mention, Source, Story
from ..report.cards import contested
from ..report.marks import article_marks
from ..report.sections import StoryContext, e, highlight, status_rank

STANCE_WORDS = {"supports": ("states", "sup"), "refutes": ("denies", "ref"),
                "uncertain": ("hedges", "unc")}


def source_link(ctx: StoryContext, mention: Mention) -> Markup:
    """The mention's speaker, linked to its source page when it is a named source."""
    name = e(ctx.speaker(mention))
    if mention.source_id and mention.source_id in ctx.sources:
        return Markup(f'<a class="source" href="/sources/{e(mention.source_id)}">{name}</a>')
    return Markup(name)


def speakers_html(ctx: StoryContext, mentions: Iterable[Mention], stance: str) -> Markup:
    """The distinct speakers of the mentions with this stance, each linked to its page."""
    links = {ctx.speaker(m): source_link(ctx, m) for m in mentions
             if (m.stance or "supports") == stance}
    return Markup(", ".join(links.values()))


def conflict_title(conflict: Conflict, ctx: StoryContext) -> str:
    """What a conflict is about: the claim its card names, else its summary."""
    claim = contested(conflict, ctx)
    return f"“{claim.text}”" if claim else conflict.summary


def stance_html(mention: Mention) -> Markup:
    """The stance a mention takes, as a coloured word."""
    word, css = STANCE_WORDS.get(mention.stance or "supports", STANCE_WORDS["supports"])
    return Markup(f'<span class="lbl {css}">{word}</span>')


@dataclass(frozen=True, slots=True)
class Said:
    """One mention with the story and claim (or conflict) it belongs to."""

    story: Story
    claim: Claim | None
    mention: Mention
    ctx: StoryContext


@dataclass(frozen=True, slots=True)
class OnSide:
    """A conflict someone is on a side of, with that side's label and what it is about."""

    story: Story
    conflict: Conflict
    label: str
    title: str


@dataclass(frozen=True, slots=True)
class ArticleView:
    """An article with the claims it takes part in and the conflicts it is on a side of."""

    article: Article
    stories: list[Story]

    def claims(self) -> list[Said]:
        """Each claim with a mention in this article (its first), disputed first."""
        out = []
        for story in self.stories:
            ctx = StoryContext.build(story, {self.article.id: self.article})
            for claim in story.claims:
                mine = next((m for m in claim.mentions if m.article_id == self.article.id), None)
                if mine:
                    out.append(Said(story, claim, mine, ctx))
        return sorted(out, key=lambda s: status_rank(s.claim) if s.claim else (9, 0))

    def conflicts(self) -> list[OnSide]:
        """Each conflict with a side quoting this article, and that side's label."""
        out = []
        for story in self.stories:
            ctx = StoryContext.build(story, {})
            for conflict in story.conflicts:
                side = next((s for s in conflict.sides
                             if any(m.article_id == self.article.id for m in s.mentions)), None)
                if side:
                    out.append(OnSide(story, conflict, side.label,
                                      conflict_title(conflict, ctx)))
        return out

    def text(self, start: int | None, end: int | None) -> Markup:
        """The text with its claims' sentences marked by stance, and ``[start, end)``."""
        marks = dict(article_marks(self.stories).get(self.article.id, {}))
        if start is not None and end is not None and start < end:
            marks[(start, end)] = "st-target"  # the quote the reader came from
        return Markup(highlight(self.article.id, self.article.text, marks, marks))


@dataclass(frozen=True, slots=True)
class SourceView:
    """Everything one source said, across the stories that quote it."""

    source: Source
    said: list[Said]
    conflicts: list[OnSide]

    @classmethod
    def build(cls, source_id: str, stories: Sequence[Story],
              articles: dict[str, Article]) -> SourceView:
        """Gather the source's mentions, claims and conflict sides from its stories."""
        said: list[Said] = []
        conflicts: list[OnSide] = []
        found: list[Source] = []
        for story in stories:
            ctx = StoryContext.build(story, articles)
            found += [s for s in story.sources if s.id == source_id]
            said += [Said(story, c, m, ctx) for c in sorted(story.claims, key=status_rank)
                     for m in c.mentions if m.source_id == source_id]
            conflicts += [OnSide(story, x, side.label, conflict_title(x, ctx))
                          for x in story.conflicts for side in x.sides
                          if source_id in side.source_ids]
        first = found[0]
        aliases = tuple(dict.fromkeys(a for s in found for a in (s.name, *s.aliases)
                                      if a != first.name))
        return cls(Source(first.id, first.name, first.kind, aliases), said, conflicts)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data: the source object, its statements and its conflict sides."""
        said = [{"story_id": s.story.id, "claim_id": s.claim.id if s.claim else None,
                 "claim_text": s.claim.text if s.claim else None,
                 "status": s.claim.status if s.claim else None, "mention": s.mention.to_dict()}
                for s in self.said]
        sides = [{"story_id": c.story.id, "conflict_id": c.conflict.id,
                  "kind": c.conflict.kind, "label": c.label} for c in self.conflicts]
        return {**self.source.to_dict(), "statements": said, "conflicts": sides}

    def stances(self) -> dict[str, int]:
        """How many of its statements state, deny and hedge."""
        counts = {word: 0 for word, _ in STANCE_WORDS.values()}
        for s in self.said:
            counts[STANCE_WORDS.get(s.mention.stance or "supports", ("states", ""))[0]] += 1
        return counts
