"""Blocked story clustering: blocks see the frequencies before them, pieces of a story
that crosses a block boundary are merged back, unrelated stories are not."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rashomon.stories.blocks import cluster_in_blocks, make_blocks
from rashomon.stories.clustering import StoryDoc, StoryIndex, canonical_order

EVENTS = {
    "quake": "quake tremor magnitude epicentre rubble aftershock collapsed rescuers",
    "merger": "merger shareholder acquisition bid board takeover premium regulator",
    "flood": "flood river dam levee evacuated rainfall sandbags overflow",
    "strike": "strike union wages walkout picket negotiations pay dispute",
}


def _doc(doc_id: str, event: str, day: date, drop: int) -> StoryDoc:
    words = EVENTS[event].split()
    kept = [w for k, w in enumerate(words) if k != drop % len(words)]
    bag = tuple(sorted((w, 1 + (k + drop) % 3) for k, w in enumerate(kept)))
    return StoryDoc(doc_id, day, body=bag, entities=bag[:3])


def corpus() -> list[StoryDoc]:
    """Four events, their reports interleaved over two weeks."""
    start = date(2025, 3, 1)
    docs = []
    for k in range(24):
        event = list(EVENTS)[k % 4]
        docs.append(_doc(f"{event}-{k}", event, start + timedelta(days=k // 2), k))
    return docs


def sequential(docs: list[StoryDoc]) -> list[set[str]]:
    index = StoryIndex()
    for doc in canonical_order(docs):
        index.add(doc)
    return sorted(map(set, index.stories()), key=min)


@pytest.mark.parametrize("block_size", [1, 3, 5, 7, 24, 100])
def test_blocks_give_the_sequential_stories(block_size: int) -> None:
    docs = corpus()
    blocked = cluster_in_blocks(docs, block_size)
    assert sorted(map(set, blocked.stories()), key=min) == sequential(docs)
    assert len(sequential(docs)) == 4


def test_blocks_start_from_the_frequencies_before_them() -> None:
    blocks = make_blocks(corpus(), 10)
    assert [len(b.docs) for b in blocks] == [10, 10, 4]
    assert [b.n_before for b in blocks] == [0, 10, 20]
    assert blocks[1].df_before["body"]["tremor"] == 3  # quake-0, -4 and -8 came before


def test_merge_keeps_stories_months_apart_separate() -> None:
    early = [_doc(f"a{k}", "flood", date(2024, 1, 1 + k), k) for k in range(3)]
    late = [_doc(f"b{k}", "flood", date(2024, 9, 1 + k), k) for k in range(3)]
    blocked = cluster_in_blocks(early + late, 3)
    assert sorted(map(sorted, blocked.stories())) == [["a0", "a1", "a2"], ["b0", "b1", "b2"]]


def test_merged_index_keeps_growing_like_a_sequential_one() -> None:
    docs = corpus()
    blocked = cluster_in_blocks(docs[:20], 6)
    assert blocked.n_docs == 20
    for doc in canonical_order(docs[20:]):
        blocked.add(doc)
    assert sorted(map(set, blocked.stories()), key=min) == sequential(docs)


def test_no_documents_no_stories() -> None:
    assert cluster_in_blocks([], 10).stories() == []
