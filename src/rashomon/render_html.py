"""A single self-contained HTML page for a report; every article string is escaped."""

from __future__ import annotations

from html import escape

from .models import Article, Claim, Conflict, Report, Story

_STYLE = """
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.6rem}h2{border-bottom:1px solid #ccc;padding-bottom:.2rem;margin-top:2.5rem}
.meta{color:#666;font-size:.9rem}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #eee;padding:.3rem .5rem;text-align:left;vertical-align:top}
.badge{display:inline-block;padding:0 .4rem;border-radius:.3rem;font-size:.8rem;background:#eee}
.disputed{background:#fbd5d5}.corroborated{background:#d5f5dd}
article.text{white-space:pre-wrap;background:#fafafa;padding:1rem;border-left:3px solid #ccc}
""".strip()


def _e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def _article_row(article: Article) -> str:
    title = article.title or "(untitled)"
    cells = (f'<a href="#{_e(article.id)}">{_e(title)}</a>', _e(article.outlet or "—"),
             _e(article.published or "undated"), _e(article.path))
    return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def _claim_row(claim: Claim) -> str:
    return (f'<tr><td><span class="badge {_e(claim.status)}">{_e(claim.status)}</span></td>'
            f"<td>{_e(claim.text)}</td><td>{claim.outlets}</td>"
            f"<td>{claim.independent_sources}</td></tr>")


def _conflict_item(conflict: Conflict) -> str:
    sides = " <b>vs</b> ".join(_e(side.label) for side in conflict.sides)
    return f"<li><b>{_e(conflict.kind)}</b>: {_e(conflict.summary)} ({sides})</li>"


def _story_section(story: Story, by_id: dict[str, Article]) -> str:
    period = story.period.to_dict() if story.period else {}
    span = " – ".join(v for v in (period.get("start"), period.get("end")) if v) or "undated"
    rows = "".join(_article_row(by_id[a]) for a in story.article_ids if a in by_id)
    parts = [f'<section id="{_e(story.id)}"><h2>{_e(story.title)}</h2>',
             f'<p class="meta">{len(story.article_ids)} articles · {_e(span)}</p>',
             "<table><tr><th>Title</th><th>Outlet</th><th>Published</th><th>File</th></tr>",
             rows, "</table>"]
    if story.claims:
        parts += ["<h3>Claims</h3><table><tr><th>Status</th><th>Claim</th><th>Outlets</th>",
                  "<th>Independent sources</th></tr>",
                  "".join(_claim_row(c) for c in story.claims), "</table>"]
    if story.conflicts:
        parts += ["<h3>Conflicts</h3><ul>",
                  "".join(_conflict_item(x) for x in story.conflicts), "</ul>"]
    parts.append("</section>")
    return "\n".join(parts)


def _article_section(article: Article) -> str:
    meta = " · ".join(_e(v) for v in (article.outlet, article.byline, article.published,
                                        article.path) if v)
    return (f'<section id="{_e(article.id)}"><h3>{_e(article.title or "(untitled)")}</h3>'
            f'<p class="meta">{meta}</p><article class="text">{_e(article.text)}</article>'
            "</section>")


def render_html(report: Report) -> str:
    """The report as one HTML page that works offline (no scripts, no external files)."""
    by_id = {a.id: a for a in report.articles}
    stories = "\n".join(_story_section(s, by_id) for s in report.stories)
    articles = "\n".join(_article_section(a) for a in report.articles)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Rashomon report</title><style>{_STYLE}</style></head><body>"
        f"<h1>Rashomon report</h1><p class=\"meta\">{len(report.articles)} articles · "
        f"{len(report.stories)} stories · generated {_e(report.generated_at)}</p>"
        f"{stories}<h2>Articles</h2>{articles}</body></html>\n"
    )
