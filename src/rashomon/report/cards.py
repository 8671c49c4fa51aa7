"""Conflict cards that read as sentences, for the report and the web app alike.

The heading names the claim in dispute; each side is headed by its speakers and the
value or position they hold; one line says why this is a conflict. They are built from
the conflict's structure (kind, sides, stances, cited claims), not from its ``summary``,
whose wording the cross-check may change; the summary stays as the heading's tooltip.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from ..models import Claim, Conflict, ConflictSide, Mention
from .glossary import badge_html, kind_html
from .sections import StoryContext, cite_html, e, quote_html

QUOTES_SHOWN = 8  # per side; the rest are one click away in the claims
_NAMES_SHOWN = 4
# What a side of a denial does to the claim, by the stance most of its mentions take.
_POSITIONS = {"supports": ("says so", "say so"), "refutes": ("denies it", "deny it"),
              "uncertain": ("does not confirm it", "do not confirm it"),
              "mixed": ("denies or does not confirm it", "deny or do not confirm it")}
_WHY = {
    "denial": "one side states the claim above; the other {verb}.",
    "unconfirmed": "one side states the claim above; the other, who would know, {verb}.",
    "quantity": "the figures given for the same thing differ: {values}.",
    "date": "the same event is dated differently: {values}.",
    "place": "the same event is placed differently: {values}.",
    "detail": "the accounts differ on a detail: {values}.",
    "update": "a figure changed between earlier and later reports ({values}): news that "
              "moved on, not necessarily a contradiction.",
}
_BY_STANCE = ("denial", "unconfirmed")

Href = Callable[[Mention], str] | None
SourceHref = Callable[[str], str] | None  # a source id -> its page (the web app has them)


def contested(conflict: Conflict, ctx: StoryContext) -> Claim | None:
    """The claim the conflict is about: of the claims it cites, the one whose mentions
    the sides quote most (the first on a tie)."""
    quoted = {(m.article_id, m.start) for s in conflict.sides for m in s.mentions}
    cited = [ctx.claims[c] for c in conflict.claim_ids if c in ctx.claims]
    if not cited:
        return None
    return max(cited, key=lambda c: sum((m.article_id, m.start) in quoted for m in c.mentions))


def speakers(side: ConflictSide, ctx: StoryContext) -> list[tuple[str, str | None]]:
    """Who holds a side, as (name, source id): its named sources, else the speakers of
    its mentions (no id)."""
    named: list[tuple[str, str | None]] = [
        (ctx.sources[s].name, s) for s in side.source_ids if s in ctx.sources]
    return named or [(n, None) for n in dict.fromkeys(ctx.speaker(m) for m in side.mentions)]


def _names(names: Sequence[tuple[str, str | None]], source_href: SourceHref) -> str:
    def one(name: str, source_id: str | None) -> str:
        if source_id and source_href:
            return f'<a class="source" href="{e(source_href(source_id))}">{e(name)}</a>'
        return e(name)

    shown = ", ".join(one(*n) for n in names[:_NAMES_SHOWN])
    more = len(names) - _NAMES_SHOWN
    return f"{shown} and {more} more" if more > 0 else shown


def _stance(side: ConflictSide) -> str:
    """The side's stance: most of its mentions', "mixed" when it both denies and doubts."""
    counts = Counter(m.stance or "supports" for m in side.mentions)
    if counts["refutes"] and counts["uncertain"] and not counts["supports"]:
        return "mixed"
    return counts.most_common(1)[0][0] if counts else "supports"


def position(conflict: Conflict, side: ConflictSide, plural: bool) -> str:
    """What a side holds: its stance to the claim for a denial, else its value."""
    if conflict.kind in _BY_STANCE:
        return _POSITIONS.get(_stance(side), _POSITIONS["supports"])[plural]
    return f'say{"" if plural else "s"}: <span class="value">{e(side.label)}</span>'


def _ordered(conflict: Conflict, ctx: StoryContext) -> list[ConflictSide]:
    """An update's sides from earliest to latest report; other kinds as given."""
    if conflict.kind != "update":
        return list(conflict.sides)

    def first_date(side: ConflictSide) -> str:
        dates = [a.published for m in side.mentions
                 if (a := ctx.articles.get(m.article_id)) and a.published]
        return min(dates, default="9999")

    return sorted(conflict.sides, key=first_date)


def why(conflict: Conflict, sides: Sequence[ConflictSide]) -> str:
    """One line: the kind and what differs (the summary for a kind this does not know)."""
    template = _WHY.get(conflict.kind)
    if template is None:
        return e(conflict.summary)
    against = [s for s in sides if _stance(s) != "supports"]
    verb = _POSITIONS.get(_stance(against[0]) if against else "refutes", _POSITIONS["refutes"])[0]
    joiner = ", then " if conflict.kind == "update" else " vs "
    values = joiner.join(f"“{e(s.label)}”" for s in sides)
    return template.format(verb=verb, values=values)


def _quotes(side: ConflictSide, ctx: StoryContext, href: Href) -> str:
    shown = side.mentions[:QUOTES_SHOWN]
    quotes = "".join(
        f"<blockquote>{quote_html(ctx, m, in_sentence=True, href=href(m) if href else None)}"
        f"<br>{cite_html(ctx, m)}</blockquote>" for m in shown)
    more = len(side.mentions) - len(shown)
    return quotes + (f'<p class="meta">and {more} more</p>' if more > 0 else "")


def side_html(conflict: Conflict, side: ConflictSide, ctx: StoryContext, href: Href,
              source_href: SourceHref = None) -> str:
    """One side: "<speakers> <position>" as its heading, then its quotes."""
    names = speakers(side, ctx)
    head = (f'<span class="who">{_names(names, source_href)}</span> '
            f'<span class="pos">{position(conflict, side, len(names) > 1)}</span>')
    return f'<div class="side"><h5>{head}</h5>{_quotes(side, ctx, href)}</div>'


def conflict_html(conflict: Conflict, ctx: StoryContext, href: Href = None,
                  source_href: SourceHref = None) -> str:
    """A conflict as a card; ``href`` sends quotes elsewhere than the page's own anchors,
    ``source_href`` links each named speaker to a page of its own."""
    claim = contested(conflict, ctx)
    thing = f"“{e(claim.text)}”" if claim else e(conflict.summary)
    sides = _ordered(conflict, ctx)
    related = "".join(f'<li>{badge_html(c.status)} <a href="#{e(c.id)}">{e(c.text)}</a></li>'
                      for c in (ctx.claims.get(i) for i in conflict.claim_ids) if c)
    rel = (f'<details class="related"><summary>{len(conflict.claim_ids)} related claims'
           f"</summary><ul>{related}</ul></details>" if related else "")
    body = "".join(side_html(conflict, s, ctx, href, source_href) for s in sides)
    return (f'<div class="conflict" id="{e(conflict.id)}">'
            f'<h4 title="{e(conflict.summary)}">{kind_html(conflict.kind)} {thing}</h4>'
            f'<p class="why"><b>Why this is a conflict:</b> {why(conflict, sides)}</p>'
            f'<div class="sides">{body}</div>{rel}</div>')
