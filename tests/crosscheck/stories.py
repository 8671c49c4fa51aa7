"""Small fictional stories for the cross-check tests: articles from (outlet, date, text)
triples, their claims, and the story the cross-check builds of them."""

from __future__ import annotations

from functools import lru_cache

from rashomon.annotate.stage import AnnotateContext, annotate
from rashomon.claims.stage import extract_claims
from rashomon.common.encoder import embed
from rashomon.crosscheck.story import build_story
from rashomon.models import Article, ArticleClaims, Story, stable_id
from rashomon.options import Options

Doc = tuple[str, str | None, str]  # outlet, published, text


@lru_cache(maxsize=1)
def annotate_context() -> AnnotateContext:
    """One annotation context (the spaCy model) for every test of the package."""
    return AnnotateContext.from_options(Options())


def articles_of(docs: list[Doc]) -> list[Article]:
    """An article per (outlet, published, text), named 0.txt, 1.txt, ..."""
    return [Article(stable_id("a", str(i), text), f"{i}.txt", text, outlet=outlet,
                    published=published) for i, (outlet, published, text) in enumerate(docs)]


def items_of(articles: list[Article]) -> list[ArticleClaims]:
    """The articles' claims, every outlet of the story known to each."""
    outlets = sorted({a.outlet for a in articles if a.outlet})
    return [extract_claims(annotate(a, annotate_context()), outlets) for a in articles]


def story_of(articles: list[Article]) -> Story:
    """The cross-checked story of the articles (all of them in one story)."""
    skeleton = Story(stable_id("s", *(a.id for a in articles)), "test",
                     tuple(a.id for a in articles))
    return build_story(skeleton, items_of(articles), embed)


def denials(assertion: str, negative: str) -> int:
    """Denial conflicts in the story of two same-day articles by two outlets."""
    story = story_of(articles_of([("Valley Post", "2024-04-02", assertion),
                                  ("River Herald", "2024-04-02", negative)]))
    return sum(c.kind == "denial" for c in story.conflicts)
