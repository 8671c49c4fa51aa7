"""Independent pieces run in forked workers give what one process gives, in order."""

from __future__ import annotations

import os
import time

import pytest

from rashomon.engine import forked
from rashomon.options import Options


def _square_and_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


@pytest.mark.parametrize("workers", [1, 2])
def test_results_keep_the_order_of_the_items(workers: int) -> None:
    items = list(range(20))
    # The largest items go first, but the results follow the items.
    made = forked.fork_map(_square_and_pid, items, workers, cost=lambda n: n)
    assert [square for square, _ in made] == [n * n for n in items]


def _slow(n: int) -> tuple[int, int]:
    time.sleep(0.05)
    return _square_and_pid(n)


def test_enough_items_are_shared_with_a_forked_process() -> None:
    made = forked.fork_map(_slow, list(range(forked.MIN_PIECES)), 2)
    assert len({pid for _, pid in made}) == 2 and os.getpid() in {pid for _, pid in made}


def _fails(n: int) -> int:
    time.sleep(0.05)
    if n == 0 or os.getpid() != PARENT:
        raise ValueError("no such piece")
    return n


PARENT = os.getpid()


def test_an_error_in_either_process_is_raised_here() -> None:
    with pytest.raises((ValueError, RuntimeError), match="no such piece"):
        forked.fork_map(_fails, list(range(forked.MIN_PIECES)), 2)


@pytest.mark.parametrize("count, workers", [(forked.MIN_PIECES - 1, 2), (30, 1)])
def test_few_items_or_one_worker_stay_in_this_process(count: int, workers: int) -> None:
    made = forked.fork_map(_square_and_pid, list(range(count)), workers)
    assert {pid for _, pid in made} <= {os.getpid()}


def test_a_worker_sees_what_the_parent_held_when_it_forked() -> None:
    held = {n: f"piece {n}" for n in range(12)}
    assert forked.fork_map(lambda n: held[n], list(held), 2) == list(held.values())


@pytest.mark.parametrize("options, expected", [
    (Options(workers=1), 1),
    (Options(workers=64), len(os.sched_getaffinity(0))),
    (Options(workers=64, engine="ray"), 1),
])
def test_usable_workers(options: Options, expected: int) -> None:
    assert forked.usable_workers(options) == expected
