"""Story clustering: group articles about one event, in the spirit of Miranda et al. (2018).

Each article is three TF-IDF vectors (title words, body words, named entities). An arriving
article is compared with the clusters that share one of its top-weighted terms (found
through an inverted index, so the work per article stays bounded) by a weighted sum of
per-family cosines to the cluster centroid, times a Gaussian decay on the day gap between
the article and the cluster's date span and the decays of `timeplace` (the years an
undated article's dates fall in, the places it names). Above the threshold it joins the
best cluster, otherwise it starts a new story. Document frequencies grow as articles
arrive, so adding articles one by one gives exactly what a batch run gives.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any

from ..common.recent import RecentCalls
from ..models import AnnotatedArticle
from .features import Bag, StoryDoc, content_terms, published_day, story_doc, unit_tf
from .timeplace import Cell, around, place_decay, year_factor

__all__ = ["ClusterOptions", "StoryDoc", "StoryIndex", "cluster_articles", "story_doc",
           "story_title"]

STATE_VERSION = 1
FAMILIES = ("title", "body", "entities")


@dataclass(frozen=True, slots=True)
class ClusterOptions:
    """Thresholds and weights of story clustering (defaults calibrated on the dev corpus)."""

    threshold: float = 0.17
    """Least score (weighted cosine x decay) for an article to join a story."""
    title_weight: float = 0.1
    """Weight of the title-word cosine (left out when either side has no title)."""
    body_weight: float = 0.5
    """Weight of the body-word cosine."""
    entity_weight: float = 0.4
    """Weight of the named-entity cosine (entities are the strongest event signal)."""
    title_boost: int = 2
    """Each title word also counts this many times among the body words (headlines name
    the event, but in different words than other outlets' headlines)."""
    decay_days: float = 21.0
    """Sigma, in days, of the Gaussian decay on the gap between article and story dates."""
    max_terms: int = 150
    """Terms per family an article keeps (highest TF-IDF first): bounds the work per article."""
    index_terms: int = 10
    """Terms per family an article puts in, and looks up from, the inverted index."""
    max_candidates: int = 16
    """Stories scored per article: those sharing the most index terms with it."""
    max_posting: int = 400
    """Index terms found in more stories than this are too common to retrieve with."""
    centroid_terms: int = 400
    """Terms per family a story's centroid keeps (pruned, strongest first, at twice this):
    big stories would otherwise make every comparison with them slower."""
    year_sigma: float = 1.0
    """Sigma, in years, of the Gaussian decay on how far the latest year an undated
    article's dates fall in lies outside the publication years of the story's dated
    articles (see `timeplace.year_gap`; 0 turns it off)."""
    year_floor: float = 0.5
    """Least factor of that decay where the year is a bare one: an undated article that
    names only background years ("the worst since 2018") still joins a story whose words
    it shares well. A year of a date precise to the month or better has no floor."""
    place_factor: float = 0.8
    """Score factor when none of the places an article names is near one the story names
    (1 turns it off)."""
    norm_refresh: float = 0.1
    """A story's centroid norm is recomputed once the corpus has grown by this fraction."""

    def weights(self) -> dict[str, float]:
        """Weight per feature family."""
        return {"title": self.title_weight, "body": self.body_weight,
                "entities": self.entity_weight}


@dataclass(slots=True)
class _Cluster:
    """A story under construction: members, summed unit TF vectors, date span, index keys."""

    ids: list[str]
    sums: dict[str, dict[str, float]]
    start: date | None = None
    end: date | None = None
    keys: set[str] = field(default_factory=set)
    norms: dict[str, float] = field(default_factory=dict)
    norm_n: int = 0
    years: dict[int, int] = field(default_factory=dict)  # year -> members whose dates name it
    cells: set[Cell] = field(default_factory=set)  # cells of the places its members name
    around: set[Cell] = field(default_factory=set, compare=False)  # `around` those cells
    # Changed since it was loaded: a store rewrites only the changed stories' rows.
    changed: bool = field(default=True, compare=False)

    def to_state(self) -> dict[str, Any]:
        return {"ids": self.ids, "sums": self.sums, "keys": sorted(self.keys),
                "start": self.start.isoformat() if self.start else None,
                "end": self.end.isoformat() if self.end else None,
                "norms": self.norms, "norm_n": self.norm_n,
                "years": {str(y): n for y, n in sorted(self.years.items())},
                "cells": [list(c) for c in sorted(self.cells)]}

    @classmethod
    def from_state(cls, data: dict[str, Any]) -> _Cluster:
        start, end = data.get("start"), data.get("end")
        cells = {(int(lat), int(lon)) for lat, lon in data.get("cells", [])}
        return cls(list(data["ids"]), {f: dict(v) for f, v in data["sums"].items()},
                   date.fromisoformat(start) if start else None,
                   date.fromisoformat(end) if end else None, set(data["keys"]),
                   dict(data.get("norms", {})), int(data.get("norm_n", 0)),
                   {int(y): int(n) for y, n in data.get("years", {}).items()},
                   cells, around(cells), changed=False)


@dataclass(frozen=True, slots=True)
class Query:
    """An arriving article: unit TF per family, the same weighted by IDF, norms, index keys."""

    doc: StoryDoc
    vectors: dict[str, dict[str, float]]
    weighted: dict[str, dict[str, float]]
    norms: dict[str, float]
    keys: list[str]


def _day_gap(day: date | None, start: date | None, end: date | None) -> float | None:
    if day is None or start is None or end is None:
        return None
    if start <= day <= end:
        return 0.0
    return float(min(abs((day - start).days), abs((day - end).days)))


class StoryIndex:
    """Incremental story clustering with an inverted index for candidate retrieval."""

    def __init__(self, options: ClusterOptions | None = None) -> None:
        """An empty index."""
        self.options = options or ClusterOptions()
        self.n_docs = 0
        self.df: dict[str, Counter[str]] = {f: Counter() for f in FAMILIES}
        self.clusters: list[_Cluster] = []
        self.postings: dict[str, set[int]] = {}
        self.comparisons = 0  # cluster scorings so far: shows retrieval is not all-pairs
        # Terms whose document frequency changed since the index was made or loaded.
        self.counted: dict[str, set[str]] = {f: set() for f in FAMILIES}

    # --- weighting -----------------------------------------------------------------

    def idf(self, family: str, term: str) -> float:
        """Smoothed inverse document frequency of a term over the articles seen so far."""
        return math.log((1 + self.n_docs) / (1 + self.df[family][term])) + 1.0

    def _vectors(self, doc: StoryDoc) -> dict[str, dict[str, float]]:
        # Keep each family's top terms by TF-IDF, then re-normalise the kept TF.
        out: dict[str, dict[str, float]] = {}
        for family, bag in zip(FAMILIES, self._bags(doc), strict=True):
            tf = unit_tf(bag)
            if len(tf) > self.options.max_terms:
                top = self._top(family, tf, self.options.max_terms)
                tf = _renorm(tf, top)
            out[family] = tf
        return out

    def _bags(self, doc: StoryDoc) -> tuple[Bag, Bag, Bag]:
        words = Counter(dict(doc.body))
        for term, count in doc.title:
            words[term] += count * self.options.title_boost
        return doc.title, tuple(sorted(words.items())), doc.entities

    def _top(self, family: str, tf: dict[str, float], limit: int) -> list[str]:
        ranked = sorted(tf, key=lambda t: (-tf[t] * self.idf(family, t), t))
        return ranked[:limit]

    def _keys(self, vectors: dict[str, dict[str, float]]) -> list[str]:
        keys: list[str] = []
        for family, tf in vectors.items():
            keys.extend(f"{family}:{t}" for t in self._top(family, tf, self.options.index_terms))
        return keys

    # --- retrieval and scoring -----------------------------------------------------

    def _candidates(self, keys: list[str]) -> list[int]:
        hits: Counter[int] = Counter()
        for key in keys:
            posting = self.postings.get(key)
            if posting and len(posting) <= self.options.max_posting:
                hits.update(posting)
        # Most shared keys first; among equals the newer story, which is likelier live.
        ranked = sorted(hits, key=lambda c: (-hits[c], -c))
        return ranked[: self.options.max_candidates]

    def _norm(self, cluster: _Cluster, family: str) -> float:
        stale = self.n_docs > cluster.norm_n * (1 + self.options.norm_refresh)
        if stale or family not in cluster.norms:
            if stale:
                cluster.norms.clear()
            for fam, sums in cluster.sums.items():
                cluster.norms[fam] = math.sqrt(
                    sum((v * self.idf(fam, t)) ** 2 for t, v in sums.items()))
            cluster.norm_n = self.n_docs
            cluster.changed = True
        return cluster.norms.get(family, 0.0)

    def query(self, doc: StoryDoc) -> Query:
        """The arriving article's vectors, weighted once with the current IDF."""
        vectors = self._vectors(doc)
        weighted: dict[str, dict[str, float]] = {}
        norms: dict[str, float] = {}
        for family, tf in vectors.items():
            idf = {t: self.idf(family, t) for t in tf}
            # w * idf^2: one factor for the article, one for the centroid's raw TF sums.
            weighted[family] = {t: w * idf[t] * idf[t] for t, w in tf.items()}
            norms[family] = math.sqrt(sum((w * idf[t]) ** 2 for t, w in tf.items()))
        return Query(doc, vectors, weighted, norms, self._keys(vectors))

    def _cosine(self, query: Query, family: str, cluster: _Cluster) -> float | None:
        sums = cluster.sums.get(family)
        weighted = query.weighted[family]
        if not weighted or not sums:
            return None
        dot = sum(w * sums.get(t, 0.0) for t, w in weighted.items())
        c_norm = self._norm(cluster, family)
        q_norm = query.norms[family]
        return dot / (q_norm * c_norm) if q_norm and c_norm else 0.0

    def decay(self, day: date | None, cluster: _Cluster) -> float:
        """Gaussian on the day gap to the story's span; 1 when either side is undated."""
        gap = _day_gap(day, cluster.start, cluster.end)
        if gap is None:
            return 1.0
        return math.exp(-0.5 * (gap / self.options.decay_days) ** 2)

    def elsewhere(self, doc: StoryDoc, cluster: _Cluster) -> float:
        """Decay for what the article's text says about its time and place: the years its
        dates fall in, for an undated article, and the places it names."""
        opts = self.options
        when = 1.0 if doc.published else year_factor(
            doc.years, doc.exact_years, cluster.start, cluster.end, cluster.years,
            opts.year_sigma, opts.year_floor)
        return when * place_decay(doc.cells, cluster.around, opts.place_factor)

    def score(self, query: Query, cid: int) -> float:
        """Weighted mean of the family cosines that both sides have, times the decays."""
        cluster = self.clusters[cid]
        total = weight = 0.0
        for family, w in self.options.weights().items():
            cos = self._cosine(query, family, cluster) if w > 0 else None
            if cos is not None:
                total += w * cos
                weight += w
        self.comparisons += 1
        return ((total / weight if weight else 0.0) * self.decay(query.doc.published, cluster)
                * self.elsewhere(query.doc, cluster))

    # --- adding --------------------------------------------------------------------

    def count(self, doc: StoryDoc) -> None:
        """Add the article to the document frequencies (without placing it in a story)."""
        self.n_docs += 1
        for family, bag in zip(FAMILIES, self._bags(doc), strict=True):
            terms = [t for t, c in bag if c > 0]
            self.df[family].update(terms)
            self.counted[family].update(terms)

    def best(self, query: Query) -> tuple[int | None, float]:
        """The best-scoring candidate story and its score (None when nothing shares a key)."""
        best_id, best_score = None, 0.0
        for cid in self._candidates(query.keys):
            value = self.score(query, cid)
            if best_id is None or value > best_score or (value == best_score and cid < best_id):
                best_id, best_score = cid, value
        return best_id, best_score

    def add(self, doc: StoryDoc) -> int:
        """Put one article in its story; return the story's index (new stories at the end)."""
        self.count(doc)
        return self.place(self.query(doc))

    def place(self, query: Query) -> int:
        """Put a counted and weighted article in its story; return the story's index."""
        cid, value = self.best(query)
        if cid is None or value < self.options.threshold:
            cid = len(self.clusters)
            self.clusters.append(_Cluster([], {f: {} for f in FAMILIES}))
        self._join(cid, query)
        return cid

    def _join(self, cid: int, query: Query) -> None:
        cluster, doc = self.clusters[cid], query.doc
        cluster.ids.append(doc.id)
        cluster.changed = True
        for family, tf in query.vectors.items():
            sums = cluster.sums[family]
            grown = 0.0
            for term, w in tf.items():
                old = sums.get(term, 0.0)
                sums[term] = old + w
                grown += (2 * old * w + w * w) * self.idf(family, term) ** 2
            if len(sums) > 2 * self.options.centroid_terms:
                cluster.sums[family] = _pruned(sums, self.options.centroid_terms)
                cluster.norms.pop(family, None)
            elif family in cluster.norms:
                # Kept up to date term by term: recomputing it over the whole centroid on
                # every join was most of the clustering time. The other terms' weights are
                # refreshed with the rest when the corpus has grown (see `_norm`).
                cluster.norms[family] = math.sqrt(max(0.0, cluster.norms[family] ** 2 + grown))
        if not cluster.cells.issuperset(doc.cells):
            cluster.cells.update(doc.cells)
            cluster.around.update(around(doc.cells))
        for year in doc.years:
            cluster.years[year] = cluster.years.get(year, 0) + 1
        if doc.published:
            cluster.start = min(cluster.start or doc.published, doc.published)
            cluster.end = max(cluster.end or doc.published, doc.published)
        for key in query.keys:
            if key not in cluster.keys:
                cluster.keys.add(key)
                self.postings.setdefault(key, set()).add(cid)

    def add_proposed(self, queries: Sequence[Query], pieces: Sequence[int]) -> None:
        """Add articles (in canonical order) that a block of a parallel run has already
        weighted and grouped: ``pieces[k]`` names the piece of ``queries[k]``. The block
        started from the frequencies of everything before it, so its queries are the ones
        this index would make. A piece's first article is placed as `add` would place it;
        each later one joins the same story when it scores above the threshold there (one
        scoring instead of a candidate search), else it is placed as `add` would place it."""
        home: dict[int, int] = {}
        for query, piece in zip(queries, pieces, strict=True):
            self.count(query.doc)
            cid = home.get(piece)
            if cid is not None and self.score(query, cid) >= self.options.threshold:
                self._join(cid, query)
            else:
                home.setdefault(piece, self.place(query))

    def stories(self) -> list[list[str]]:
        """Article ids per story, stories in creation order, members in arrival order."""
        return [list(c.ids) for c in self.clusters]

    # --- persistence ---------------------------------------------------------------

    def to_state(self) -> dict[str, Any]:
        """Plain JSON-able dict of the whole index (options, frequencies, stories)."""
        return {**self.to_state_meta(), "df": {f: dict(c) for f, c in self.df.items()},
                "clusters": [c.to_state() for c in self.clusters]}

    def mark_saved(self) -> None:
        """Forget what changed: everything up to now has been stored."""
        for cluster in self.clusters:
            cluster.changed = False
        self.counted = {f: set() for f in FAMILIES}

    def to_state_meta(self) -> dict[str, Any]:
        """`to_state` without the frequencies and the stories."""
        return {"version": STATE_VERSION, "options": asdict(self.options),
                "n_docs": self.n_docs, "comparisons": self.comparisons}

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> StoryIndex:
        """Rebuild an index saved by `to_state`; adding to it continues where it stopped."""
        if state.get("version") != STATE_VERSION:
            raise ValueError(f"unsupported story index state: {state.get('version')!r}")
        known = {f.name for f in fields(ClusterOptions)}
        opts = ClusterOptions(**{k: v for k, v in state["options"].items() if k in known})
        index = cls(opts)
        index.n_docs = int(state["n_docs"])
        index.df = {f: Counter(state["df"].get(f, {})) for f in FAMILIES}
        index.clusters = [_Cluster.from_state(c) for c in state["clusters"]]
        for cid, cluster in enumerate(index.clusters):
            for key in cluster.keys:
                index.postings.setdefault(key, set()).add(cid)
        index.comparisons = int(state.get("comparisons", 0))
        return index


def _pruned(sums: dict[str, float], keep: int) -> dict[str, float]:
    kept = sorted(sums.items(), key=lambda kv: (-kv[1], kv[0]))[:keep]
    return dict(sorted(kept))


def _renorm(tf: dict[str, float], kept: list[str]) -> dict[str, float]:
    norm = math.sqrt(sum(tf[t] ** 2 for t in kept)) or 1.0
    return {t: tf[t] / norm for t in sorted(kept)}


def canonical_order(docs: Sequence[StoryDoc]) -> list[StoryDoc]:
    """Dated articles oldest first, then undated ones (which join by content alone); ties by id.

    Undated articles go last so that every dated story exists before they look for theirs.
    """
    return sorted(docs, key=lambda d: (d.published is None, d.published or date.min, d.id))


def cluster_articles(annotated: Sequence[AnnotatedArticle],
                     options: ClusterOptions | None = None) -> list[list[str]]:
    """Group annotated articles into stories (article ids), fed in `canonical_order`."""
    index = StoryIndex(options)
    for doc in canonical_order([story_doc(a) for a in annotated]):
        index.add(doc)
    return index.stories()


def _similarity(a: dict[str, float], b: dict[str, float]) -> float:
    return sum(w * b.get(t, 0.0) for t, w in a.items())


# A story checked again after each add reads the same members' tokens again; dating an
# undated article copies the article but keeps its token and entity tuples.
_member_vector = RecentCalls(1000, lambda tokens, entities, title: unit_tf(
    content_terms(tokens, entities, title)))


def story_title(annotated_members: Sequence[AnnotatedArticle]) -> str:
    """A story's title: the headline of its most central article, else a shortened lead."""
    if not annotated_members:
        return "Untitled story"
    vecs = [_member_vector(a.tokens, a.entities, a.article.title) for a in annotated_members]
    # A member's summed similarity to all members is its similarity to their sum: one
    # pass instead of all pairs (a story of 500 articles made 250,000 comparisons).
    total: dict[str, float] = {}
    for v in vecs:
        for term, w in v.items():
            total[term] = total.get(term, 0.0) + w
    centrality = [_similarity(v, total) for v in vecs]
    days = [published_day(a) for a in annotated_members]
    order = sorted(range(len(vecs)), key=lambda i: (
        -round(centrality[i], 9), days[i] is None, days[i] or date.min,
        annotated_members[i].article.id))
    for i in order:
        title = (annotated_members[i].article.title or "").strip()
        if title:
            return title
    return _lead(annotated_members[order[0]]) or "Untitled story"


def _lead(annotated: AnnotatedArticle, limit: int = 90) -> str:
    text = annotated.sentences[0].text if annotated.sentences else annotated.article.text
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"
