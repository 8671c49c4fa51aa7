"""The public pipeline: ingest -> stories -> report. Each stage is usable on its own."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .align_units import Unit, article_units
from .annotate.stage import annotate_all
from .cache import ResultCache, claims_key
from .claims.sources import build_sources
from .claims.stage import extract_claims, retime
from .clustering import StoryDoc, StoryIndex, canonical_order, story_doc, story_title
from .crosscheck import build_story
from .embeddings import DEFAULT_MODEL as DEFAULT_ENCODER
from .embeddings import embed
from .errors import UsageError
from .heap import long_lived
from .ingest import ingest
from .models import (
    AnnotatedArticle,
    Article,
    ArticleClaims,
    Problem,
    Report,
    Source,
    Story,
    stable_id,
)
from .options import Options
from .report import build_report
from .stories import story_period
from .undated import WindowFinder, apply_window, story_days, windows_in

ENGINES = ("local", "ray")


class Analyzer:
    """A growing corpus: `add` ingests and places new articles, `report` cross-checks.

    Adding articles one batch at a time gives the same stories as one batch with the same
    articles in the same order, because stories are built by an incremental index.
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
        self.cache = ResultCache.from_options(self.options)
        self._embed = self.cache.embedder(embed, DEFAULT_ENCODER) if self.cache else embed

    def add(self, inputs: Sequence[str]) -> list[str]:
        """Ingest inputs and add their new articles; returns the ids that were new."""
        result = ingest(list(inputs), self.options)
        self.problems.extend(result.problems)
        return self.add_articles(result.articles)

    def add_articles(self, articles: Sequence[Article]) -> list[str]:
        """Annotate and place articles not seen before (re-adding one changes nothing)."""
        fresh = [a for a in dict.fromkeys(articles) if a.id not in self.annotated]
        done = 0

        def advance(count: int) -> None:
            nonlocal done
            done += count
            if self.progress:
                self.progress(done, len(fresh))

        cached = self.cache.get_annotations(fresh, self.options) if self.cache else {}
        if cached:
            advance(len(cached))
        todo = [a for a in fresh if a.id not in cached]
        made = self._annotate(todo, advance)
        if self.cache:
            self.cache.put_annotations(made, self.options)
        done_by_id = {**cached, **{item.article.id: item for item in made}}
        for article in fresh:
            self.annotated[article.id] = done_by_id[article.id]
        self._place([story_doc(self.annotated[a.id]) for a in fresh])
        return [a.id for a in fresh]

    def _place(self, docs: list[StoryDoc]) -> None:
        """Put new articles into stories: one by one, or, for a large new corpus on Ray,
        in blocks clustered in parallel and merged."""
        size = self.options.cluster_block_size
        if self.options.engine == "ray" and self.index.n_docs == 0 and 0 < size < len(docs):
            from .engine_ray import cluster_with_ray

            self.index = cluster_with_ray(docs, self.options)
            return
        for doc in canonical_order(docs):
            self.index.add(doc)

    def _annotate(self, articles: Sequence[Article],
                  advance: Callable[[int], None]) -> list[AnnotatedArticle]:
        if self.options.engine == "ray" and articles:
            from .engine_ray import annotate_with_ray

            return annotate_with_ray(articles, self.options, progress=advance)
        return annotate_all(articles, self.options, progress=advance)

    def report(self) -> Report:
        """Cross-check every story and assemble the report."""
        stories, dated, notes = self.check(self.ordered(self.index.stories()))
        articles = [dated[aid] for aid in self.annotated]
        return build_report(articles, stories, (*self.problems, *notes))

    def check(self, groups: Sequence[Sequence[str]],
              ) -> tuple[list[Story], dict[str, Article], list[Problem]]:
        """Cross-check the given stories (article ids as `ordered` gives them): the
        stories, their articles as the report shows them (with inferred publication
        windows), and a note for each inferred window."""
        members = [self.annotated[aid] for ids in groups for aid in ids]
        finder = self.cache.window_finder(windows_in) if self.cache else windows_in
        annotated, notes = date_undated(members, groups, finder)
        items, keys = self._claims(members, annotated)
        by_article = {i.annotated.article.id: i for i in items}
        stories = [self._story(ids, by_article, keys) for ids in groups]
        return stories, {a.article.id: a.article for a in annotated}, notes

    def _claims(self, members: Sequence[AnnotatedArticle],
                annotated: Sequence[AnnotatedArticle],
                ) -> tuple[list[ArticleClaims], dict[str, str]]:
        """Claims of ``annotated`` (``members`` as annotated, before undated ones got a
        window), from the result cache where it has them: re-checking a story after an
        add would otherwise extract every member's claims again. Also each article's
        claims key (none without a cache)."""
        outlets = self.outlets()
        if self.cache is None:
            return [extract_claims(a, outlets) for a in annotated], {}
        keys = [claims_key(m.article, outlets, self.options) for m in members]
        found = self.cache.get_claims(dict(zip(keys, members, strict=True)))
        made = {k: extract_claims(m, outlets)
                for k, m in zip(keys, members, strict=True) if k not in found}
        self.cache.put_claims(made.items())
        # An undated article's times change whenever its story's window does: its claims
        # are re-timed rather than extracted again.
        items = [c if a is m else retime(c, a) for m, a, c in zip(
            members, annotated, (found[k] if k in found else made[k] for k in keys),
            strict=True)]
        return items, {a.article.id: k for a, k in zip(annotated, keys, strict=True)}

    def _units(self, items: Sequence[ArticleClaims], keys: dict[str, str],
               ) -> dict[str, list[Unit]]:
        """Alignment units of ``items`` by article id, from the result cache where it has
        them (building them is most of a mid-size story's alignment); empty without one."""
        if self.cache is None or not items:
            return {}
        keyed = {keys[i.annotated.article.id]: i for i in items}
        found = self.cache.get_units(keyed)
        made = {k: article_units(i) for k, i in keyed.items() if k not in found}
        self.cache.put_units((k, keyed[k], units) for k, units in made.items())
        return {i.annotated.article.id: found[k] if k in found else made[k]
                for k, i in keyed.items()}

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

    def _story(self, ids: Sequence[str], by_article: dict[str, ArticleClaims],
               keys: dict[str, str]) -> Story:
        key = tuple(ids)
        if key not in self._built:
            members = [by_article[a] for a in ids]
            # Units story by story: all of a big corpus's at once would hold ~0.6 GB.
            units = self._units(members, keys)
            known = [u for a in ids for u in units[a]] if units else None
            self._built[key] = build_story(skeleton(ids, by_article), members, self._embed,
                                           known)
        return self._built[key]


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


def skeleton(article_ids: Sequence[str], by_article: dict[str, ArticleClaims]) -> Story:
    """A story's identity, title and period, before claims are filled in."""
    members = [by_article[a].annotated for a in article_ids]
    return Story(stable_id("s", *sorted(article_ids)), story_title(members), tuple(article_ids),
                 story_period([m.article for m in members]))


def date_undated(annotated: Sequence[AnnotatedArticle], groups: Sequence[Sequence[str]],
                 find_windows: WindowFinder = windows_in,
                 ) -> tuple[list[AnnotatedArticle], list[Problem]]:
    """Give undated articles the publication window their story implies (and say so);
    ``find_windows`` is `windows_in` or a cached equivalent."""
    by_id = {a.article.id: a for a in annotated}
    notes = []
    for ids in groups:
        members = [by_id[i] for i in ids]
        undated = [item for item in members if not item.article.published]
        days = story_days(members) if undated else None
        if days is None:
            continue
        windows = find_windows([item.article.text for item in undated], days)
        for item, window in zip(undated, windows, strict=True):
            if window:
                by_id[item.article.id] = apply_window(item, window)
                notes.append(Problem(item.article.path or item.article.id,
                                     f"no publication date; inferred {window.start} to "
                                     f"{window.end} from its story", "warning"))
    return [by_id[a.article.id] for a in annotated], notes


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
    items, sources, ids = claims_of(annotated.articles)
    return ClaimsResult(tuple(items), tuple(sources), ids, annotated.problems)
