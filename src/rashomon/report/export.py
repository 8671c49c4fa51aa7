"""Writers that turn a `Report` into JSON, HTML, Markdown or CSV text."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator

from ..models import Article, Claim, Conflict, Mention, Report, Story
from .assemble import report_json
from .html import render_html
from .map import DEFAULT_TILES

CSV_COLUMNS = ("story_id", "story_title", "claim_id", "claim", "status", "article_id",
               "outlet", "published", "quote", "stance", "source_id", "attributed_as",
               "start", "end")


def _md(text: str | None) -> str:
    """Text safe inside a Markdown line: no line breaks, no accidental markup."""
    flat = " ".join((text or "").split())
    for char in "\\`*_[]<>|":
        flat = flat.replace(char, "\\" + char)
    return flat


def _who(mention: Mention, articles: dict[str, Article]) -> str:
    article = articles.get(mention.article_id)
    outlet = (article.outlet if article else None) or mention.article_id
    return f"{mention.attributed_as} via {outlet}" if mention.attributed_as else outlet


def _claim_md(claim: Claim, articles: dict[str, Article]) -> Iterator[str]:
    yield (f"- **{claim.status}** — {_md(claim.text)} ({claim.outlets} outlets, "
           f"{claim.independent_sources} independent sources)")
    for m in claim.mentions:
        stance = f"{m.stance}: " if m.stance else ""
        yield f"  - {stance}“{_md(m.quote)}” — {_md(_who(m, articles))}"


def _conflict_md(conflict: Conflict, articles: dict[str, Article]) -> Iterator[str]:
    yield f"- **{conflict.kind}** — {_md(conflict.summary)}"
    for side in conflict.sides:
        yield f"  - *{_md(side.label)}*"
        for m in side.mentions:
            yield f"    - “{_md(m.quote)}” — {_md(_who(m, articles))}"


def _story_md(story: Story, articles: dict[str, Article]) -> Iterator[str]:
    period = story.period.to_dict() if story.period else {}
    span = " to ".join(v for v in period.values() if v) or "undated"
    yield f"## {_md(story.title)}"
    yield ""
    yield f"{len(story.article_ids)} articles · {span}"
    yield ""
    for aid in story.article_ids:
        a = articles.get(aid)
        if a:
            yield (f"- {_md(a.title or '(untitled)')} — {_md(a.outlet or 'unknown outlet')}, "
                   f"{a.published or 'undated'}")
    if story.claims:
        yield from ("", "### Claims", "")
        for claim in story.claims:
            yield from _claim_md(claim, articles)
    if story.conflicts:
        yield from ("", "### Conflicts", "")
        for conflict in story.conflicts:
            yield from _conflict_md(conflict, articles)
    yield ""


def render_markdown(report: Report) -> str:
    """A readable Markdown summary: per story, its claims with status and its conflicts."""
    articles = {a.id: a for a in report.articles}
    lines = ["# Rashomon report", "",
             f"{len(report.articles)} articles · {len(report.stories)} stories · "
             f"generated {report.generated_at or 'unknown'}", ""]
    for story in report.stories:
        lines.extend(_story_md(story, articles))
    return "\n".join(lines).rstrip("\n") + "\n"


def render_csv(report: Report) -> str:
    """One row per claim mention: story, claim, status, article, outlet, quote, stance, source."""
    articles = {a.id: a for a in report.articles}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for story in report.stories:
        for claim in story.claims:
            for m in claim.mentions:
                article = articles.get(m.article_id)
                writer.writerow((story.id, story.title, claim.id, claim.text, claim.status,
                                 m.article_id, article.outlet if article else None,
                                 article.published if article else None, m.quote, m.stance,
                                 m.source_id, m.attributed_as, m.start, m.end))
    return buffer.getvalue()


FORMATS: dict[str, Callable[[Report], str]] = {
    "json": report_json,
    "html": render_html,
    "md": render_markdown,
    "csv": render_csv,
}


def export_text(report: Report, fmt: str, tiles: str | None = DEFAULT_TILES) -> str:
    """The report in format ``fmt`` (one of `FORMATS`); ``tiles`` as for `render_html`."""
    try:
        writer = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}") \
            from None
    return render_html(report, tiles) if fmt == "html" else writer(report)
