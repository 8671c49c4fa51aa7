"""Story clustering in blocks that run in parallel, then one merge (corpora past one machine).

The incremental index is sequential by nature: each article is scored against the
stories made before it. For a large corpus the articles, in canonical (date) order, are
cut into contiguous blocks. Each block is clustered on its own, by any worker, starting
from the document frequencies of every article before it, so its term weights are the
ones a sequential run would use. News stories are short-lived, so most stories fall
inside one block. The blocks propose pieces of stories; the merge then walks all
articles in order, as the sequential run does, but cheaply: the first article of a piece
is placed by the full candidate search (which is how a story that crosses a block
boundary is joined back), and each later one only checks that it still scores above the
threshold with the story its piece went to, falling back to the full search when not.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .clustering import FAMILIES, ClusterOptions, StoryDoc, StoryIndex, canonical_order

Frequencies = dict[str, dict[str, int]]
StoryState = dict[str, Any]
BlockMap = Callable[[Callable[["Block"], StoryState], Sequence["Block"]], Iterable[StoryState]]


@dataclass(frozen=True, slots=True)
class Block:
    """Consecutive articles to cluster alone, with the frequencies of all articles before."""

    docs: tuple[StoryDoc, ...]
    n_before: int
    df_before: Frequencies
    options: ClusterOptions


def make_blocks(docs: Sequence[StoryDoc], block_size: int,
                options: ClusterOptions | None = None) -> list[Block]:
    """Cut the articles (put in canonical order) into blocks of ``block_size``."""
    options = options or ClusterOptions()
    ordered = canonical_order(docs)
    before: dict[str, Counter[str]] = {f: Counter() for f in FAMILIES}
    blocks = []
    size = max(1, block_size)
    for start in range(0, len(ordered), size):
        chunk = tuple(ordered[start:start + size])
        own = StoryIndex(options)
        for doc in chunk:
            own.count(doc)
        # A block only ever weighs its own articles' terms: it gets their frequencies
        # alone, so a corpus of many blocks does not copy the whole vocabulary each time.
        known = {f: {t: before[f][t] for t in own.df[f] if t in before[f]} for f in FAMILIES}
        blocks.append(Block(chunk, start, known, options))
        for f in FAMILIES:
            before[f].update(own.df[f])
    return blocks


def cluster_block(block: Block) -> StoryState:
    """Cluster one block as the sequential index would, given what came before it."""
    index = StoryIndex(block.options)
    index.n_docs = block.n_before
    index.df = {f: Counter(block.df_before.get(f, {})) for f in FAMILIES}
    queries = []
    for doc in block.docs:
        index.count(doc)
        queries.append(index.query(doc))
        index.place(queries[-1])
    return {"pieces": [c.ids for c in index.clusters], "queries": queries}


def merge_blocks(blocks: Sequence[Block], states: Sequence[StoryState]) -> StoryIndex:
    """One index holding every article, placed in order as the blocks proposed."""
    if not blocks:
        return StoryIndex()
    merged = StoryIndex(blocks[0].options)
    for block, state in zip(blocks, states, strict=True):
        piece_of = {aid: k for k, ids in enumerate(state["pieces"]) for aid in ids}
        merged.add_proposed(state["queries"], [piece_of[d.id] for d in block.docs])
    return merged


def cluster_in_blocks(docs: Sequence[StoryDoc], block_size: int,
                      options: ClusterOptions | None = None,
                      mapper: BlockMap | None = None) -> StoryIndex:
    """Stories of ``docs`` clustered block by block (``mapper`` runs the blocks, e.g. in
    parallel on Ray; by default one after another here) and merged."""
    blocks = make_blocks(docs, block_size, options)
    run: BlockMap = mapper or (lambda func, items: map(func, items))
    return merge_blocks(blocks, list(run(cluster_block, blocks)))
