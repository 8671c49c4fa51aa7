"""The public pipeline: ingest -> stories -> report. Each stage is usable on its own."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .annotate.stage import annotate_all
from .claims.sources import build_sources
from .claims.stage import extract_claims
from .crosscheck import build_story
from .embeddings import embed
from .ingest import group_label, ingest
from .models import AnnotatedArticle, ArticleClaims, Problem, Report, Source
from .options import Options
from .report import build_report
from .stories import group_by_folder


def analyze(inputs: Sequence[str], options: Options | None = None) -> Report:
    """Analyse files, folders, globs, '-' and URLs into a report; problems ride along."""
    options = options or Options()
    result = ingest(list(inputs), options)
    annotated = annotate_all(result.articles, options)
    items, _, _ = claims_of(annotated)
    labels = {g: group_label(g) for g in set(result.groups.values())}
    by_article = {i.annotated.article.id: i for i in items}
    stories = [
        build_story(story, [by_article[a] for a in story.article_ids], embed)
        for story in group_by_folder(result.articles, result.groups, labels)
    ]
    return build_report(result.articles, stories, result.problems)


@dataclass(frozen=True, slots=True)
class Annotations:
    """The annotate stage's output for a set of inputs, with the input problems."""

    articles: tuple[AnnotatedArticle, ...]
    problems: tuple[Problem, ...]


def annotate_inputs(inputs: Sequence[str], options: Options | None = None) -> Annotations:
    """Ingest and annotate inputs (what `rashomon annotate` shows)."""
    options = options or Options()
    result = ingest(list(inputs), options)
    return Annotations(tuple(annotate_all(result.articles, options)), result.problems)


@dataclass(frozen=True, slots=True)
class ClaimsResult:
    """The claims stage's output for a set of inputs: per-article claims and sources."""

    articles: tuple[ArticleClaims, ...]
    sources: tuple[Source, ...]
    source_ids: dict[str, str]
    problems: tuple[Problem, ...]


def claims_of(annotated: Sequence[AnnotatedArticle]) -> tuple[list[ArticleClaims], list[Source],
                                                               dict[str, str]]:
    """Run the claims stage over annotated articles and canonicalise their speakers."""
    outlets = sorted({a.article.outlet for a in annotated if a.article.outlet})
    items = [extract_claims(a, outlets) for a in annotated]
    sources, ids = build_sources(items)
    return items, sources, ids


def claims_inputs(inputs: Sequence[str], options: Options | None = None) -> ClaimsResult:
    """Ingest, annotate and extract claims (what `rashomon claims` shows)."""
    annotated = annotate_inputs(inputs, options)
    items, sources, ids = claims_of(annotated.articles)
    return ClaimsResult(tuple(items), tuple(sources), ids, annotated.problems)
