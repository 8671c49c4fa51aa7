"""Independent pieces run in forked workers give what one process gives, in order."""

from __future__ import annotations

import os

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


def test_enough_items_run_in_other_processes() -> None:
    made = forked.fork_map(_square_and_pid, list(range(forked.MIN_PIECES)), 2)
    assert os.getpid() not in {pid for _, pid in made}


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
