"""A single self-contained HTML page for a report.

The page works offline: its CSS and script are inlined from ``static/`` and a Content
Security Policy forbids every other resource, so nothing is fetched unless the reader
switches on the map's tiles (the only other origin the policy admits). Every string
that comes from an article is escaped, and the policy only runs the page's own script
(by hash), so even a missed escape could not execute. Output depends only on the report.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources

from ..models import Article, Claim, Mention, Report, Story
from .cards import conflict_html
from .glossary import MARK_HELP, badge_html, kind_html, legend_html
from .map import DEFAULT_TILES, map_html, tile_origin
from .marks import MARKS_TOGGLE, article_marks
from .sections import (
    Span,
    StoryContext,
    e,
    highlight,
    mention_item,
    outlet_of,
    status_rank,
    timeline_html,
    when_text,
)

_KINDS = ("denial", "quantity", "date", "place", "detail", "update")
_STATUSES = ("disputed", "corroborated", "single-source")
_SYMBOLS = {"supports": ("✓", "sup"), "refutes": ("✗", "ref"), "uncertain": ("?", "unc")}
MATRIX_ROWS = 400  # beyond this a matrix is unreadable and only bloats the page


@cache
def _static(name: str) -> str:
    return resources.files("rashomon.report").joinpath("static", name).read_text(encoding="utf-8")


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _head(title: str, css: str, js: str, tiles: str | None = None) -> str:
    origin = tile_origin(tiles)
    images = f"data: {origin}" if origin else "data:"
    policy = (f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(js)}; "
              f"img-src {images}; base-uri 'none'; form-action 'none'")
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<meta name="referrer" content="no-referrer">'
            f"<title>{e(title)}</title><style>{css}</style></head>")


# --- Header ---------------------------------------------------------------------------


def _all_claims(report: Report) -> list[Claim]:
    return [c for s in report.stories for c in s.claims]


def _stat(value: int, label: str) -> str:
    return f"<li><b>{value}</b><span>{e(label)}</span></li>"


def _header(report: Report) -> str:
    claims = _all_claims(report)
    kinds: Counter[str] = Counter(x.kind for s in report.stories for x in s.conflicts)
    stats = (_stat(len(report.articles), "articles"), _stat(len(report.stories), "stories"),
             _stat(len(claims), "claims"),
             _stat(sum(c.status == "disputed" for c in claims), "disputed claims"),
             _stat(sum(c.status == "corroborated" for c in claims), "corroborated"),
             _stat(sum(kinds.values()), "conflicts"))
    by_kind = " ".join(f"{kind_html(k)} {kinds[k]}" for k in _KINDS if kinds[k])
    stamp = f" · generated {e(report.generated_at)}" if report.generated_at else ""
    return ('<header class="top"><div class="wrap"><h1>Rashomon report</h1>'
            f'<p class="meta">rashomon {e(report.generator_version)}{stamp}</p>'
            f'<ul class="stats">{"".join(stats)}</ul>'
            + (f'<p class="kinds">Conflicts by kind: {by_kind}</p>' if by_kind else "")
            + "</div></header>")


def _toc(report: Report) -> str:
    items = "".join(f'<li><a href="#{e(s.id)}">{e(s.title)}</a> <span class="meta">'
                    f"{len(s.article_ids)} articles · {len(s.claims)} claims · "
                    f"{len(s.conflicts)} conflicts</span></li>" for s in report.stories)
    problems = "".join(f'<li class="{e(p.severity)}">{e(p)}</li>' for p in report.problems)
    tools = ('<p class="filters"><button type="button" data-toggle="open">Expand all</button>'
             '<button type="button" data-toggle="close">Collapse all</button></p>')
    return (f'<nav class="toc"><b>Stories</b><ol>{items}</ol>'
            '<a href="#articles">All articles</a>'
            + (f'<ul class="problems">{problems}</ul>' if problems else "")
            + f"{tools}</nav>")


# --- Story ----------------------------------------------------------------------------


def _section(ident: str, title: str, count: int | str, body: str) -> str:
    return (f'<details class="sec" id="{e(ident)}" open><summary><h3>{e(title)}</h3>'
            f'<span class="count">{e(count)}</span></summary>{body}</details>')


def _published(article: Article) -> str:
    if not article.published:
        return f'<span class="inferred" title="{e(MARK_HELP["undated"])}">undated</span>'
    if article.published_from == "inferred":
        return (f'{e(article.published)} <span class="inferred" '
                f'title="{e(MARK_HELP["(inferred)"])}">(inferred)</span>')
    return e(article.published)


def _articles_table(story: Story, ctx: StoryContext) -> str:
    rows = "".join(f'<tr><td>{e(outlet_of(a))}</td><td>{_published(a)}</td>'
                   f'<td><a href="#{e(a.id)}">{e(a.title or "(untitled)")}</a></td></tr>'
                   for a in (ctx.articles.get(i) for i in story.article_ids) if a)
    return ("<table><thead><tr><th>Outlet</th><th>Published</th><th>Title</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")


def _names(ctx: StoryContext, mentions: Iterable[Mention]) -> str:
    return ", ".join(e(n) for n in dict.fromkeys(ctx.speaker(m) for m in mentions))


def _who(claim: Claim, ctx: StoryContext) -> str:
    rows = []
    for stance, label, css in (("supports", "Supported by", "sup"),
                               ("refutes", "Refuted by", "ref"),
                               ("uncertain", "Uncertain", "unc")):
        group = [m for m in claim.mentions if (m.stance or "supports") == stance]
        if group:
            rows.append(f'<div class="who"><span class="lbl {css}">{label}</span> '
                        f"{_names(ctx, group)}</div>")
    return "".join(rows)


def _claim_item(claim: Claim, ctx: StoryContext) -> str:
    when = f" · {e(when_text(claim.when))}" if claim.when else ""
    plural = "" if claim.independent_sources == 1 else "s"
    quotes = "".join(mention_item(ctx, m) for m in claim.mentions)
    return (f'<li class="claim" id="{e(claim.id)}" data-status="{e(claim.status)}">'
            f'{badge_html(claim.status)} <span class="claim-text">{e(claim.text)}</span>'
            f'<div class="meta">{claim.outlets} outlet{"" if claim.outlets == 1 else "s"} · '
            f"{claim.independent_sources} independent source{plural}{when}</div>"
            f"{_who(claim, ctx)}<details class=\"quotes\"><summary>{len(claim.mentions)} "
            f'quote{"" if len(claim.mentions) == 1 else "s"}</summary>'
            f'<ul class="quotes">{quotes}</ul></details></li>')


def _claims(story: Story, ctx: StoryContext) -> str:
    counts: Counter[str] = Counter(c.status for c in story.claims)
    list_id = f"claims-{story.id}"
    buttons = "".join(f'<button type="button" data-status="{s}" aria-pressed="false">'
                      f"{s} ({counts[s]})</button>" for s in _STATUSES if counts[s])
    bar = (f'<div class="filters" data-list="{e(list_id)}">'
           f'<button type="button" data-status="all" aria-pressed="true">all '
           f'({len(story.claims)})</button>{buttons}'
           '<input type="search" placeholder="Filter claims…" aria-label="Filter claims"></div>')
    items = "".join(_claim_item(c, ctx) for c in sorted(story.claims, key=status_rank))
    return f'{bar}<ul class="claims" id="{e(list_id)}">{items}</ul>'


def _story(story: Story, articles: dict[str, Article], tiles: str | None) -> str:
    ctx = StoryContext.build(story, articles)
    disputed = sum(c.status == "disputed" for c in story.claims)
    located = sum(p.lat is not None and p.lon is not None for p in story.places)
    conflicts = "".join(conflict_html(x, ctx) for x in story.conflicts)
    sections = (
        ("articles", "Articles", len(story.article_ids), _articles_table(story, ctx)),
        ("conflicts", "Conflicts", len(story.conflicts),
         conflicts or '<p class="meta">No conflicts found.</p>'),
        ("claims", "Claims", len(story.claims), _claims(story, ctx)),
        ("timeline", "Timeline", "", timeline_html(story, ctx)),
        ("map", "Map", f"{located} of {len(story.places)} places located",
         map_html(story.places, tiles)),
        ("matrix", "Who carries what", "corroborated and disputed claims × outlets",
         matrix_html(story, ctx)),
    )
    body = "".join(_section(f"{story.id}-{key}", title, count, html)
                   for key, title, count, html in sections)
    return (f'<section class="story" id="{e(story.id)}"><h2>{e(story.title)}</h2>'
            f'<p class="meta">{e(when_text(story.period) or "undated")} · '
            f"{len(story.article_ids)} articles · {len(story.claims)} claims "
            f"({disputed} disputed) · {len(story.conflicts)} conflicts</p>{body}</section>")


# --- Source x claim matrix ------------------------------------------------------------


def matrix_html(story: Story, ctx: StoryContext) -> str:
    """Which outlets carry (✓), refute (✗), hedge (?) or omit (blank) each shared claim."""
    claims = sorted((c for c in story.claims if c.status != "single-source"), key=status_rank)
    if not claims:
        return '<p class="meta">No corroborated or disputed claims.</p>'
    outlets = list(dict.fromkeys(outlet_of(ctx.articles[a]) for a in story.article_ids
                                 if a in ctx.articles))
    head = "".join(f'<th class="col" title="{e(o)}"><span>{e(o)}</span></th>' for o in outlets)
    rows = "".join(_matrix_row(c, outlets, ctx) for c in claims[:MATRIX_ROWS])
    note = (f'<p class="meta">Showing {MATRIX_ROWS} of {len(claims)} claims.</p>'
            if len(claims) > MATRIX_ROWS else "")
    return (f'<p class="legend">✓ supports · ✗ refutes · ? uncertain · blank = omitted</p>'
            f'<div class="matrix-wrap"><table class="matrix"><thead><tr><th>Claim</th>{head}'
            f"</tr></thead><tbody>{rows}</tbody></table></div>{note}")


def _matrix_row(claim: Claim, outlets: Sequence[str], ctx: StoryContext) -> str:
    stances: dict[str, set[str]] = {}
    for m in claim.mentions:
        # A mention with no stance is the text asserting the claim.
        stances.setdefault(ctx.outlet(m), set()).add(m.stance or "supports")
    cells = "".join(_matrix_cell(stances.get(o, set())) for o in outlets)
    return (f'<tr><td><a href="#{e(claim.id)}">{e(claim.text)}</a> '
            f"{badge_html(claim.status)}</td>{cells}</tr>")


def _matrix_cell(stances: set[str]) -> str:
    if not stances:
        return '<td class="c om"></td>'
    marks = [_SYMBOLS[s] for s in ("supports", "refutes", "uncertain") if s in stances]
    css = marks[0][1] if len(marks) == 1 else "mix"
    return f'<td class="c {css}">{"".join(sym for sym, _ in marks)}</td>'


# --- Articles -------------------------------------------------------------------------


def _url(url: str | None) -> str:
    if not url:
        return ""
    if url.lower().startswith(("http://", "https://")):
        # A plain link the reader may follow; the page itself never loads it.
        return (f'<a class="url" href="{e(url)}" rel="noopener noreferrer nofollow"'
                f' target="_blank">{e(url)}</a>')
    return f'<span class="url">{e(url)}</span>'


def _article(article: Article, marks: dict[Span, str]) -> str:
    path = article.path if article.path != outlet_of(article) else None
    facts = [e(outlet_of(article)), _published(article), e(article.byline), e(path),
             _url(article.url)]
    meta = " · ".join(f for f in facts if f)
    return (f'<article class="doc" id="{e(article.id)}">'
            f'<h3>{e(article.title or "(untitled)")}</h3><p class="meta">{meta}</p>'
            f'<div class="text quiet">{highlight(article.id, article.text, marks, marks)}</div>'
            "</article>")


def _articles(report: Report) -> str:
    marks = article_marks(report.stories)
    docs = "".join(_article(a, marks.get(a.id, {})) for a in report.articles)
    return ('<section class="articles" id="articles"><h2>Articles</h2>'
            '<p class="meta">Highlighted: sentences that mention a disputed or corroborated '
            "claim, coloured by stance (green states, red denies, amber hedges). Every quote "
            f"above links here.</p>{MARKS_TOGGLE}{docs}</section>")


def render_html(report: Report, tiles: str | None = DEFAULT_TILES) -> str:
    """The report as one self-contained HTML page that works offline and never runs
    article text; the same report always gives the same page. ``tiles`` is the map
    backdrop a reader may switch on when online (None: outlines only, nothing fetched)."""
    css, js = _static("report.css"), _static("report.js")
    articles = {a.id: a for a in report.articles}
    stories = "".join(_story(s, articles, tiles) for s in report.stories)
    return (f"{_head('Rashomon report', css, js, tiles)}<body>{_header(report)}<main>"
            f"{legend_html()}{_toc(report)}{stories}{_articles(report)}"
            f"<footer>Generated by rashomon {e(report.generator_version)}</footer></main>"
            f"<script>{js}</script></body></html>\n")
