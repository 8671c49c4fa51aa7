"""The pipeline: ingest -> annotate -> stories, then claims -> cross-check -> report.

Claims come after stories because an undated article's times depend on the window its
story implies. Each stage is usable on its own; `Analyzer` runs them over a growing corpus.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from ..annotate.stage import annotate_all
from ..claims.sources import build_sources
from ..claims.stage import extract_claims, retime
from ..common.heap import long_lived
from ..crosscheck.alignment import texts_to_embed
from ..crosscheck.story import build_story
from ..crosscheck.units import Unit
from ..errors import UsageError
from ..ingest import ingest
from ..ingest.language import ANALYSED_LANGUAGES, is_analysed
from ..models import (
    AnnotatedArticle,
    Article,
    ArticleClaims,
    Problem,
    Report,
    Source,
    Story,
)
from ..options import Options
from ..report.assemble import build_report
from ..stories.clustering import StoryDoc, StoryIndex, canonical_order, story_doc
from ..stories.periods import story_frame
from ..stories.undated import date_undated
from .stages import Stages

ENGINES = ("local", "ray")
# Distinct texts embedded in one call before their stories are built: enough for the
# encoder's batches to be full and of one length, few enough that the vectors stay in
# the result cache's memory of recent vectors (40,000) until their stories read them.
EMBED_RUN = 20_000


class Analyzer:
    """A growing corpus: `add` ingests and places new articles, `report` cross-checks.

    Each stage runs once per batch, in order: ingest -> annotate -> stories (on `add`),
    then claims -> cross-check -> report (on `report`). The result cache sits inside the
    stage functions (`Stages`), not between them. Adding articles one batch at a time
    gives the same stories as one batch with the same articles in the same order,
    because stories are built by an incremental index.
    """

    def __init__(self, options: Options | None = None,
                 progress: Callable[[int, int], None] | None = None) -> None:
        self.options = options or Options()
        if self.options.engine not in ENGINES:
            raise UsageError(f"unknown engine '{self.options.engine}' "
                             f"(choose one of: {', '.join(ENGINES)})")
        self.progress = progress  # called as (articles annotated so far, total)
        self.index = StoryIndex()
        self.annotated: dict[str, AnnotatedArticle] = {}
        self.problems: list[Problem] = []
        self._built: dict[tuple[str, ...], Story] = {}
        # Outlets of articles this analyzer does not hold (the rest of a store): claim
        # extraction depends on every outlet name in the corpus.
        self.other_outlets: set[str] = set()
        self.stages = Stages(self.options)

    def add(self, inputs: Sequence[str]) -> list[str]:
        """Ingest inputs and add their new articles; returns the ids that were new."""
        result = ingest(list(inputs), self.options)
        self.problems.extend(result.problems)
        return self.add_articles(result.articles)

    def add_articles(self, articles: Sequence[Article]) -> list[str]:
        """Annotate and place articles not seen before (re-adding one changes nothing).

        Articles in a language the pipeline does not analyse are kept (they are in the
        report and the store) with a warning, but in no story, so they make no claims."""
        fresh = [a for a in dict.fromkeys(articles) if a.id not in self.annotated]
        analysed = [a for a in fresh if is_analysed(a.language)]
        done = 0

        def advance(count: int) -> None:
            nonlocal done
            done += count
            if self.progress:
                self.progress(done, len(analysed))

        for item in self._annotate(analysed, advance):
            self.annotated[item.article.id] = item
        for article in fresh:
            if article.id not in self.annotated:
                self.annotated[article.id], note = not_analysed(article)
                self.problems.append(note)
        self._place([story_doc(self.annotated[a.id]) for a in analysed])
        return [a.id for a in fresh]

    def _place(self, docs: list[StoryDoc]) -> None:
        """Put new articles into stories: one by one, or, for a large new corpus on Ray,
        in blocks clustered in parallel and merged."""
        size = self.options.cluster_block_size
        if self.options.engine == "ray" and self.index.n_docs == 0 and 0 < size < len(docs):
            from .ray_engine import cluster_with_ray

            self.index = cluster_with_ray(docs, self.options)
            return
        for doc in canonical_order(docs):
            self.index.add(doc)

    def _annotate(self, articles: Sequence[Article],
                  advance: Callable[[int], None]) -> list[AnnotatedArticle]:
        if self.options.engine != "ray":
            return self.stages.annotate(articles, advance)
        from .ray_engine import annotate_with_ray

        def on_ray(batch: Sequence[Article]) -> list[AnnotatedArticle]:
            return annotate_with_ray(batch, self.options, progress=advance)

        return self.stages.annotate(articles, advance, on_ray)

    def report(self) -> Report:
        """Cross-check every story and assemble the report."""
        stories, dated, notes = self.check(self.ordered(self.index.stories()))
        articles = [dated.get(aid, item.article) for aid, item in self.annotated.items()]
        return build_report(articles, stories, (*self.problems, *notes))

    def check(self, groups: Sequence[Sequence[str]],
              ) -> tuple[list[Story], dict[str, Article], list[Problem]]:
        """Cross-check the given stories (article ids as `ordered` gives them): the
        stories, their articles as the report shows them (with inferred publication
        windows), and a note for each inferred window."""
        members = [self.annotated[aid] for ids in groups for aid in ids]
        annotated, notes = date_undated(members, groups, self.stages.windows)
        items, keys = self._claims(members, annotated)
        by_article = {i.annotated.article.id: i for i in items}
        stories = [self._story(ids, by_article, keys, units)
                   for ids, units in self._embedded(groups, by_article, keys)]
        return stories, {a.article.id: a.article for a in annotated}, notes

    def _embedded(self, groups: Sequence[Sequence[str]], by_article: dict[str, ArticleClaims],
                  keys: dict[str, str]) -> Iterator[tuple[Sequence[str], list[Unit] | None]]:
        """The stories in order, each with its alignment units (None for one built
        before), after every text their cross-check compares has been embedded.

        Stories are taken in runs of about `EMBED_RUN` texts, and each run's texts are
        embedded in one call: the encoder then batches texts of like length from many
        stories instead of padding each story's few texts to its longest. A run, not the
        whole corpus: units and vectors of all the stories of a big corpus would not fit
        the memories that keep them (and ~0.6 GB of units)."""
        run: list[tuple[Sequence[str], list[Unit] | None]] = []
        texts: dict[str, None] = {}
        for ids in groups:
            units = None
            if tuple(ids) not in self._built:
                self._stored(ids, by_article, keys)
            if tuple(ids) not in self._built:
                units = self.stages.units([by_article[a] for a in ids], keys)
                texts.update(dict.fromkeys(texts_to_embed(units)))
            run.append((ids, units))
            if len(texts) >= EMBED_RUN:
                self.stages.embed(list(texts))
                yield from run
                run, texts = [], {}
        if texts:
            self.stages.embed(list(texts))
        yield from run

    def _claims(self, members: Sequence[AnnotatedArticle],
                annotated: Sequence[AnnotatedArticle],
                ) -> tuple[list[ArticleClaims], dict[str, str]]:
        """Claims of ``annotated`` (``members`` as annotated, before undated ones got a
        window), and each article's claims key (none without a cache). Claims are taken
        from the members, whose annotations the cache knows; an undated article's times
        change whenever its story's window does, so its claims are re-timed rather than
        extracted again."""
        found, keys = self.stages.claims(members, self.outlets())
        items = [c if a is m else retime(c, a)
                 for m, a, c in zip(members, annotated, found, strict=True)]
        return items, {a.article.id: k for a, k in zip(annotated, keys, strict=False)}

    def outlets(self) -> list[str]:
        """Every outlet name of the corpus, sorted."""
        held = {a.article.outlet for a in self.annotated.values() if a.article.outlet}
        return sorted(held | self.other_outlets)

    def reuse_stories(self, stories: Sequence[Story]) -> None:
        """Take already built stories (e.g. from a store) so unchanged ones are not rebuilt."""
        self._built.update({tuple(s.article_ids): s for s in stories})

    def ordered(self, groups: Sequence[Sequence[str]]) -> list[list[str]]:
        """Stories and their articles in date order, whatever order they arrived in."""
        def key(aid: str) -> tuple[bool, str, str, str]:
            article = self.annotated[aid].article
            return date_order(article.published, article.path, aid)

        members = [sorted(ids, key=key) for ids in groups]
        return sorted(members, key=lambda ids: key(ids[0]))

    def _stored(self, ids: Sequence[str], by_article: dict[str, ArticleClaims],
                keys: dict[str, str]) -> None:
        """Take the story of ``ids`` from the result cache when an earlier run checked
        the same members with the same claims, windows, encoder and code."""
        story = self.stages.stored_story(self.stages.story_key([by_article[a] for a in ids],
                                                               keys))
        if story is not None:
            self._built[tuple(ids)] = story

    def _story(self, ids: Sequence[str], by_article: dict[str, ArticleClaims],
               keys: dict[str, str], units: list[Unit] | None = None) -> Story:
        key = tuple(ids)
        if key not in self._built:
            members = [by_article[a] for a in ids]
            # Units story by story: all of a big corpus's at once would hold ~0.6 GB.
            units = self.stages.units(members, keys) if units is None else units
            frame = story_frame(ids, [m.annotated for m in members])
            self._built[key] = build_story(frame, members, self.stages.embed, units)
            self.stages.keep_story(self.stages.story_key(members, keys), self._built[key])
        return self._built[key]


def not_analysed(article: Article) -> tuple[AnnotatedArticle, Problem]:
    """An article in a language the pipeline does not analyse, without annotations, and
    the warning that says so."""
    why = (f"language '{article.language}' is not analysed (only "
           f"{', '.join(ANALYSED_LANGUAGES)}); stored, left out of stories and claims")
    where = article.path or article.url or article.id
    return AnnotatedArticle(article, warnings=(why,)), Problem(where, why, "warning")


def date_order(published: str | None, path: str | None, article_id: str,
               ) -> tuple[bool, str, str, str]:
    """Sort key of an article in date order (undated last), the order of a story's
    articles and of the report's stories (by their first article)."""
    return (published is None, published or "", path or "", article_id)


def analyze(inputs: Sequence[str], options: Options | None = None,
            progress: Callable[[int, int], None] | None = None) -> Report:
    """Analyse files, folders, globs, '-' and URLs into a report; problems ride along."""
    analyzer = Analyzer(options, progress)
    analyzer.add(inputs)
    with long_lived():  # the annotations, kept until the report is made
        return analyzer.report()


@dataclass(frozen=True, slots=True)
class Annotations:
    """The annotate stage's output for a set of inputs, with the input problems."""

    articles: tuple[AnnotatedArticle, ...]
    problems: tuple[Problem, ...]


def annotate_inputs(inputs: Sequence[str], options: Options | None = None) -> Annotations:
    """Ingest and annotate inputs (what `rashomon annotate` shows)."""
    options = options or Options()
    result = ingest(list(inputs), options)
    made = iter(annotate_all([a for a in result.articles if is_analysed(a.language)], options))
    items, notes = [], []
    for article in result.articles:
        if is_analysed(article.language):
            items.append(next(made))
        else:
            item, note = not_analysed(article)
            items.append(item)
            notes.append(note)
    return Annotations(tuple(items), (*result.problems, *notes))


@dataclass(frozen=True, slots=True)
class ClaimsResult:
    """The claims stage's output for a set of inputs: per-article claims and sources."""

    articles: tuple[ArticleClaims, ...]
    sources: tuple[Source, ...]
    source_ids: dict[str, str]
    problems: tuple[Problem, ...]


def claims_of(annotated: Sequence[AnnotatedArticle], outlets: Sequence[str] | None = None,
              ) -> tuple[list[ArticleClaims], list[Source], dict[str, str]]:
    """Run the claims stage over annotated articles and canonicalise their speakers;
    ``outlets`` are the corpus's outlet names (default: those of ``annotated``)."""
    if outlets is None:
        outlets = sorted({a.article.outlet for a in annotated if a.article.outlet})
    items = [extract_claims(a, outlets) for a in annotated]
    sources, ids = build_sources(items)
    return items, sources, ids


def claims_inputs(inputs: Sequence[str], options: Options | None = None) -> ClaimsResult:
    """Ingest, annotate and extract claims (what `rashomon claims` shows)."""
    annotated = annotate_inputs(inputs, options)
    items, sources, ids = claims_of([a for a in annotated.articles
                                     if is_analysed(a.article.language)])
    return ClaimsResult(tuple(items), tuple(sources), ids, annotated.problems)
