"""Counting independent origins: one ministry quoted by three outlets is one source.

Two sources are one origin when one's name is contained in the other's ("the police" and
"police in Ružomberok"); syndicated or near-duplicate articles count as one outlet.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from ..claims.lexicon import ANONYMOUS_ROLES
from ..claims.sources import source_key
from ..common.recent import Recent
from ..models import Article, ClaimMention, Source

_SHINGLE = 5
_NEAR_DUPLICATE = 0.5  # share of word 5-grams two copies of one story have in common
# Which mentions count_independent counts: the supporting ones, else the denials, else
# the hedged ones.
_STANCE_ORDER = ("supports", "refutes", "uncertain")


def origin_groups(sources: Sequence[Source]) -> dict[str, str]:
    """Source id -> representative id, merging sources whose name words nest."""
    names = {s.id: [set(source_key(n).split()) for n in (s.name, *s.aliases)] for s in sources}
    words = {s.id: names[s.id][0] for s in sources}
    parent = {s.id: s.id for s in sources}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]  # path halving: same roots, shorter walks
            x = parent[x]
        return x

    ordered = sorted(sources, key=lambda s: (len(words[s.id]), s.id))
    for i, j in _candidate_pairs([names[s.id] for s in ordered]):
        a, b = ordered[i].id, ordered[j].id
        # Already one group: merging again changes nothing, so the test can be skipped.
        if find(a) != find(b) and _nested(names[a], names[b]):
            parent[find(b)] = find(a)
    return {sid: find(sid) for sid in parent}


def _candidate_pairs(names: Sequence[list[set[str]]]) -> list[tuple[int, int]]:
    """Pairs (i < j) of name lists that may nest: every word of some name of one has a
    look-alike in the other. A big story has a thousand sources; comparing every pair,
    or every pair that merely shares a word, took seconds."""
    having: dict[str, set[int]] = {}
    for k, variants in enumerate(names):
        for words in variants:
            for w in words:
                having.setdefault(w, set()).add(k)
    alike = _look_alikes(list(having))
    reach = {w: set().union(*(having[v] for v in alike[w])) for w in having}
    pairs: set[tuple[int, int]] = set()
    for k, variants in enumerate(names):
        for words in variants:
            if not words:
                continue
            sets = sorted((reach[w] for w in words), key=len)
            for j in sets[0].intersection(*sets[1:]):
                if j != k:
                    pairs.add((min(j, k), max(j, k)))
    return sorted(pairs)


def _look_alikes(words: Sequence[str]) -> dict[str, set[str]]:
    """Each word -> the words `_same_word` accepts (itself included). Shared trigrams are
    counted through an index, and `_same_word`'s test (Jaccard >= 0.5) is applied to the
    counts: 2 |A & B| >= |A | B| = |A| + |B| - |A & B|."""
    grams = {w: _trigrams(w) for w in words if len(w) >= 5}
    by_trigram: dict[str, list[str]] = {}
    for w, trigrams in grams.items():
        for t in trigrams:
            by_trigram.setdefault(t, []).append(w)
    out = {w: {w} for w in words}
    for w, trigrams in grams.items():
        shared: Counter[str] = Counter()
        for t in trigrams:
            shared.update(by_trigram[t])
        size = len(trigrams)
        out[w].update(v for v, n in shared.items() if 3 * n >= size + len(grams[v]))
    return out


@lru_cache(maxsize=65536)
def _trigrams(word: str) -> frozenset[str]:
    return frozenset(word[i:i + 3] for i in range(len(word) - 2))


# Large stories compare the same source names over and over.
@lru_cache(maxsize=262144)
def _same_word(a: str, b: str) -> bool:
    """Equal, or spelled alike across languages ("gendarmerie"/"jandarmeria")."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5:
        return False
    ta, tb = _trigrams(a), _trigrams(b)
    return len(ta & tb) / len(ta | tb) >= 0.5


def _covers(big: set[str], small: set[str]) -> bool:
    return bool(small) and all(any(_same_word(w, v) for v in big) for w in small)


def _nested(small: list[set[str]], big: list[set[str]]) -> bool:
    """Some name of one is made of words that some name of the other contains."""
    return any(_covers(b, a) or _covers(a, b) for a in small for b in big)


def _shingles(text: str) -> np.ndarray:
    """The distinct word 5-grams of a text as sorted 64-bit digests: a fixed hash, so the
    same text gives the same digests in every process (a story with 10^5 distinct 5-grams
    has two of them share a digest with probability ~3e-10)."""
    words = re.findall(r"\w+", text.lower())
    grams = {" ".join(words[i:i + _SHINGLE]) for i in range(max(len(words) - _SHINGLE + 1, 0))}
    digests = [hashlib.blake2b(g.encode("utf-8"), digest_size=8).digest() for g in grams]
    return np.unique(np.frombuffer(b"".join(digests), dtype=np.uint64))


# Re-checking a story after an add shingles the same member texts again: keep them (4 KB
# an article) for as many articles as a few big stories hold. Keyed by the text itself
# (its hash is computed once per string): an id alone may be reused by an API caller.
_recent_shingles: Recent[str, np.ndarray] = Recent(4000)


def _shingles_of(article: Article) -> np.ndarray:
    """`_shingles` of an article's text, remembered for recent texts."""
    return _recent_shingles.get_or_make(article.text, lambda: _shingles(article.text))


def _shared_counts(sets: Sequence[np.ndarray]) -> Any:
    """Sparse (articles x articles) counts of the 5-grams each pair shares."""
    from scipy import sparse

    rows = np.repeat(np.arange(len(sets)), [len(s) for s in sets])
    values = np.concatenate(sets) if sets else np.zeros(0, dtype=np.uint64)
    _, cols = np.unique(values, return_inverse=True)
    present = sparse.csr_matrix((np.ones(len(rows), dtype=np.int64), (rows, cols.ravel())),
                                shape=(len(sets), int(cols.max(initial=-1)) + 1))
    return (present @ present.T).tocsr()


def syndication_groups(articles: Sequence[Article]) -> dict[str, str]:
    """Article id -> id of the first near-identical copy (itself when unique): an article
    joins the group of the earliest earlier article that shares at least half of the
    5-grams of the smaller of the two."""
    sets = [_shingles_of(a) for a in articles]
    sizes = np.array([len(s) for s in sets])
    shared = _shared_counts(sets)
    group: dict[str, str] = {}
    for i, a in enumerate(articles):
        group[a.id] = a.id
        lo, hi = shared.indptr[i], shared.indptr[i + 1]
        cols, counts = shared.indices[lo:hi], shared.data[lo:hi]
        # A pair is stored only when it shares a 5-gram, so both sides have some.
        near = (cols < i) & (counts >= _NEAR_DUPLICATE * np.minimum(sizes[cols], sizes[i]))
        if near.any():
            group[a.id] = group[articles[int(cols[near].min())].id]
    return group


@dataclass(frozen=True, slots=True)
class Origins:
    """Who a mention's word ultimately comes from: the one notion of origin that claim
    status, independence counts and conflicts share. A named source is its group of
    nesting names (`origin_groups`); the outlet's own voice is the outlet of the first of
    its near-identical copies (`syndication_groups`), so a wire story run by three
    outlets is one origin, and so are two articles of one outlet."""

    source_ids: dict[str, str]  # speaker text -> source id
    groups: dict[str, str]      # source id -> representative source id
    copies: dict[str, str]      # article id -> id of its first copy
    outlets: dict[str, str]     # article id -> outlet (the article id when unknown)

    def source_of(self, mention: ClaimMention) -> str | None:
        """The source id of a mention's speaker, or None for the outlet's own voice."""
        return self.source_ids.get(mention.speaker.text) if mention.speaker else None

    def of(self, mention: ClaimMention) -> str:
        """The origin of one mention: its speaker's group of nesting names, or the outlet
        whose copy it is."""
        sid = self.source_of(mention)
        return "source:" + self.groups.get(sid, sid) if sid else self._outlet(mention)

    def speaker_of(self, mention: ClaimMention) -> str:
        """Who says it, before nesting names are merged: conflicts oppose speakers, since
        a spokesperson and the body it speaks for can contradict each other (a retraction),
        and one speaker's figure moving over time is an update."""
        sid = self.source_of(mention)
        return "source:" + sid if sid else self._outlet(mention)

    def _outlet(self, mention: ClaimMention) -> str:
        first = self.copies.get(mention.article_id, mention.article_id)
        return "outlet:" + self.outlets.get(first, first)


def story_origins(sources: Sequence[Source], source_ids: dict[str, str],
                  articles: Sequence[Article]) -> Origins:
    """The origins of a story's mentions, from its sources and articles."""
    return Origins(source_ids, origin_groups(sources), syndication_groups(articles),
                   {a.id: a.outlet or a.id for a in articles})


def count_independent(group: Sequence[ClaimMention], origins: Origins) -> int:
    """Distinct origins among supporting mentions. Named sources count by origin; an
    outlet's own voice counts only when no named source supports it, since unattributed
    lines usually relay the named source; an unnamed role ("a spokesman", "officials") only
    when no source with a name does, for the same reason."""
    stances = {m.stance for m in group}
    # A claim nobody supports counts the origins of the denial itself, and one that is
    # only ever hedged ("appeared to") the origins of the hedge: someone still said it,
    # so it has at least one source, never zero.
    counted = next((s for s in _STANCE_ORDER if s in stances), "supports")
    named: set[str] = set()
    anonymous: set[str] = set()
    own_voice: set[str] = set()
    for m in group:
        if m.stance != counted:
            continue
        if not origins.source_of(m):
            own_voice.add(origins.of(m))
        elif m.speaker and anonymous_role(m.speaker.text):
            anonymous.add(origins.of(m))
        else:
            named.add(origins.of(m))
    return len(next((s for s in (named, anonymous) if s), own_voice))


_QUANTIFIERS = frozenset("a an the one two three some several other".split())


def anonymous_role(speaker: str) -> bool:
    """"A spokesman", "officials": the voice of a body the phrase leaves unnamed, most
    often one the article names nearby."""
    words = speaker.split()
    if words and words[0].lower() in _QUANTIFIERS:
        words = words[1:]
    return len(words) == 1 and words[0].lower() in ANONYMOUS_ROLES
