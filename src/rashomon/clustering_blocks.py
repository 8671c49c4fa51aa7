"""Story clustering in blocks that run in parallel, then one merge (corpora past one machine).

The incremental index is sequential by nature: each article is scored against the
stories made before it. For a large corpus the articles, in canonical (date) order, are
cut into contiguous blocks. Each block is clustered on its own, by any worker, starting
from the document frequencies of every article before it, so its term weights are the
ones a sequential run would use. News stories are short-lived, so most stories fall
inside one block; a story that crosses a boundary comes out in pieces. The merge walks
the pieces in order and does for each what the sequential run did for its first article
but a block could not: score it against the stories of the earlier blocks, and join the
best one above the threshold.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .clustering import FAMILIES, ClusterOptions, StoryDoc, StoryIndex, _Cluster, canonical_order

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
    counter = StoryIndex(options)
    blocks = []
    size = max(1, block_size)
    for start in range(0, len(ordered), size):
        chunk = tuple(ordered[start:start + size])
        frozen = {f: dict(counter.df[f]) for f in FAMILIES}
        blocks.append(Block(chunk, counter.n_docs, frozen, options))
        for doc in chunk:
            counter.count(doc)
    return blocks


def cluster_block(block: Block) -> StoryState:
    """Cluster one block as the sequential index would, given what came before it."""
    index = StoryIndex(block.options)
    index.n_docs = block.n_before
    index.df = {f: Counter(block.df_before.get(f, {})) for f in FAMILIES}
    for doc in block.docs:
        index.add(doc)
    state = index.to_state()
    state["df"] = {}  # the merge recounts; the frequencies would only weigh on the wire
    return state


def merge_blocks(blocks: Sequence[Block], states: Sequence[StoryState]) -> StoryIndex:
    """One index holding every block's stories, pieces of one story joined."""
    if not blocks:
        return StoryIndex()
    merged = StoryIndex(blocks[0].options)
    for block, state in zip(blocks, states, strict=True):
        # Term weights as the sequential run had them when this block began.
        docs = {d.id: d for d in block.docs}
        before = len(merged.clusters)
        for piece in state["clusters"]:
            merged.absorb(_Cluster.from_state(piece), docs[piece["ids"][0]], before)
        for doc in block.docs:
            merged.count(doc)
    return merged


def cluster_in_blocks(docs: Sequence[StoryDoc], block_size: int,
                      options: ClusterOptions | None = None,
                      mapper: BlockMap | None = None) -> StoryIndex:
    """Stories of ``docs`` clustered block by block (``mapper`` runs the blocks, e.g. in
    parallel on Ray; by default one after another here) and merged."""
    blocks = make_blocks(docs, block_size, options)
    run: BlockMap = mapper or (lambda func, items: map(func, items))
    return merge_blocks(blocks, list(run(cluster_block, blocks)))
