"""Ingest stage: read every input into `Article` objects, collecting problems per input."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal, cast

from ..errors import InputError, InputWarning
from ..models import Article, Problem
from ..options import Options
from .decode import decode_reported
from .draft import Draft, to_article
from .feeds import read_feed
from .fetch import fetch_url
from .htmlpage import read_html
from .plaintext import read_plaintext
from .records import read_records
from .sniff import declares_entities, sniff_format
from .sources import InputItem, expand_inputs

log = logging.getLogger(__name__)

# A year-less dateline takes the year that puts it nearest the corpus's dated articles,
# but only when that lands this close to one of them; otherwise it stays unknown.
_YEAR_WINDOW_DAYS = 120


@dataclass(frozen=True, slots=True)
class IngestResult:
    """Articles in input order, the folder each came from, and what went wrong."""

    articles: tuple[Article, ...]
    groups: dict[str, str]
    problems: tuple[Problem, ...]


def read_document(text: str, item: InputItem, options: Options) -> list[Draft | InputError]:
    """Read one decoded file into drafts (several for feeds, JSONL and CSV)."""
    if declares_entities(text):
        raise InputError(item.path, "XML with entity declarations in its DTD (<!ENTITY>): "
                                    "refused, as entity expansion and external entities are "
                                    "unsafe to read")
    fmt = sniff_format(item.path, text)
    if fmt in ("text", "markdown"):
        return [read_plaintext(text, path=item.path, markdown=fmt == "markdown")]
    if fmt == "html":
        return [read_html(text, path=item.path, url=item.url)]
    if fmt in ("rss", "atom"):
        return list(read_feed(text, path=item.path))
    records_fmt = cast(Literal["json", "jsonl", "csv", "tsv"], fmt)
    return list(read_records(text, records_fmt, path=item.path, options=options))


def _read_item(item: InputItem, options: Options) -> list[Draft | InputError]:
    try:
        text, replaced = decode_reported(item.load(), item.where)
        drafts = read_document(text, item, options)
    except InputError as exc:
        return [exc]
    if item.url:
        drafts = [d.merged(url=item.url) if isinstance(d, Draft) else d for d in drafts]
    if replaced:
        drafts.insert(0, InputWarning(item.where, f"{replaced} invalid UTF-8 byte(s) replaced "
                                                  "with U+FFFD; the rest read as UTF-8"))
    return drafts


def _draft_error(draft: Draft, options: Options) -> InputError | None:
    where = draft.path or draft.url or "<input>"
    if len(draft.text) > options.max_article_chars:
        # Past the cap an article would take minutes and gigabytes; the rest still runs.
        return InputError(where, f"article text is {len(draft.text):,} characters, over the "
                                 f"{options.max_article_chars:,} limit (--max-article-chars); "
                                 "skipped")
    if draft.text.strip():
        return None
    return InputError(where, "no article text after cleaning")


def _year_for(month_day: tuple[int, int], anchors: list[date]) -> int | None:
    best: tuple[int, int] | None = None
    for year in sorted({a.year + d for a in anchors for d in (-1, 0, 1)}):
        try:
            candidate = date(year, *month_day)
        except ValueError:
            continue
        gap = min(abs((candidate - a).days) for a in anchors)
        if best is None or gap < best[0]:
            best = (gap, year)
    return best[1] if best and best[0] <= _YEAR_WINDOW_DAYS else None


def _anchor_dates(drafts: Iterable[Draft]) -> list[date]:
    anchors = []
    for d in drafts:
        if d.published and len(d.published) >= 10:
            try:
                anchors.append(date.fromisoformat(d.published[:10]))
            except ValueError:
                continue
    return anchors


def complete_years(drafts: list[Draft]) -> list[Draft]:
    """Give year-less datelines the year of the corpus around them (marked 'inferred')."""
    anchors = _anchor_dates(drafts)
    out = []
    for d in drafts:
        needs_year = d.month_day and not d.published and anchors
        year = _year_for(d.month_day, anchors) if needs_year and d.month_day else None
        if year and d.month_day:
            month, day = d.month_day
            d = replace(d, published=f"{year:04d}-{month:02d}-{day:02d}", published_from="inferred")
        out.append(d)
    return out


def _collect(
    items: Iterable[InputItem | InputError], options: Options
) -> Iterator[tuple[InputItem, Draft] | InputError]:
    for item in items:
        if isinstance(item, InputError):
            yield item
            continue
        for result in _read_item(item, options):
            error = result if isinstance(result, InputError) else _draft_error(result, options)
            yield error if error else (item, cast(Draft, result))


def _fetcher(options: Options) -> Callable[[str], bytes]:
    return lambda url: fetch_url(
        url, timeout=options.fetch_timeout, max_bytes=options.fetch_max_bytes,
        allow_private=options.allow_private_urls)


def ingest(args: list[str], options: Options | None = None) -> IngestResult:
    """Read files, folders, globs, '-' (stdin) and URLs into articles; never raises on bad input."""
    options = options or Options()
    problems: list[Problem] = []
    pairs: list[tuple[InputItem, Draft]] = []
    for result in _collect(expand_inputs(args, options.max_file_bytes, _fetcher(options)), options):
        if isinstance(result, InputError):
            warning = isinstance(result, InputWarning)
            problems.append(Problem(result.where, result.problem,
                                    "warning" if warning else "error"))
        else:
            pairs.append(result)
    drafts = complete_years([d for _, d in pairs])
    return _finish(pairs, drafts, problems)


def _finish(
    pairs: list[tuple[InputItem, Draft]], drafts: list[Draft], problems: list[Problem]
) -> IngestResult:
    articles: list[Article] = []
    groups: dict[str, str] = {}
    for (item, _), draft in zip(pairs, drafts, strict=True):
        article = to_article(draft)
        if article.id in groups:
            problems.append(Problem(item.where, "same article given twice; kept once", "warning"))
            continue
        groups[article.id] = item.group
        articles.append(article)
        problems.extend(Problem(item.where, note, "warning") for note in draft.notes)
    return IngestResult(tuple(articles), groups, tuple(problems))
