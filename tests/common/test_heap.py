"""Long steps keep the cycle collector off the objects they start with, and give them back."""

from __future__ import annotations

import gc

import pytest

from rashomon.common.heap import long_lived


def test_objects_alive_on_entry_are_frozen_until_exit() -> None:
    before = gc.get_freeze_count()
    with long_lived():
        assert gc.get_freeze_count() > before
    assert gc.get_freeze_count() == before


def test_nested_blocks_unfreeze_once_at_the_outermost_exit() -> None:
    with long_lived():
        frozen = gc.get_freeze_count()
        with long_lived():
            pass
        assert gc.get_freeze_count() == frozen
    assert gc.get_freeze_count() == 0


def test_an_error_still_unfreezes() -> None:
    with pytest.raises(ValueError), long_lived():
        raise ValueError("boom")
    assert gc.get_freeze_count() == 0


def test_cycles_made_garbage_inside_are_collected_after() -> None:
    class Node:
        other: object = None

    with long_lived():
        a, b = Node(), Node()
        a.other, b.other = b, a
        del a, b
    assert gc.collect() >= 2
