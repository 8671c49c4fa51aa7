"""Independent pieces of the one-core stages (claims, cross-check) on every usable core.

After annotation the pipeline extracts claims article by article and cross-checks story
by story, each piece independent of the others; in one process that leaves a second core
idle for a third of a cold run's non-encoder time. `fork_map` runs such pieces in forked
workers: they inherit the parent's annotations, claims and vectors at no cost (nothing is
pickled on the way in, only each piece's index), compute, and send back only the result.
Workers never touch the result cache's database (an SQLite connection must not cross a
fork) nor the encoder (torch's thread pools do not survive a fork): the parent reads and
writes the cache, and hands the workers the vectors they need.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

from ..common.heap import long_lived
from ..common.lifeline import die_with_parent
from ..options import Options

T = TypeVar("T")
R = TypeVar("R")

# The work of the pool being started: set in the parent just before it forks, so that
# workers find the function and its items in their copy of the parent's memory.
_TASK: tuple[Callable[[Any], Any], Sequence[Any]] | None = None
# Fewer pieces than this are not worth a pool (forking a large parent costs ~0.1 s).
MIN_PIECES = 8


def usable_workers(options: Options) -> int:
    """How many processes the one-core stages may use: the option's workers, at most the
    cores this process may run on; one on Ray (a process holding a Ray connection must
    not fork) or where processes cannot be forked."""
    if options.engine != "local" or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(options.workers, cores))


def worth_forking(pieces: int, workers: int) -> bool:
    """Whether ``pieces`` independent pieces are worth a pool of ``workers`` processes."""
    return workers > 1 and pieces >= MIN_PIECES


def fork_map(func: Callable[[T], R], items: Sequence[T], workers: int,
             cost: Callable[[T], int] | None = None) -> list[R]:
    """``[func(item) for item in items]``, in ``workers`` forked processes when there are
    enough items. ``cost`` (an item's relative work) sends the largest items first, so
    one big story started last does not leave a core idle at the end; the results keep
    the items' order either way."""
    if not worth_forking(len(items), workers):
        return [func(item) for item in items]
    global _TASK
    order = sorted(range(len(items)), key=lambda k: -cost(items[k])) if cost else \
        list(range(len(items)))
    _TASK = (func, items)
    try:
        # Objects alive now are frozen out of cycle collection: a worker's collector would
        # otherwise walk, and so copy, every page of the parent's heap.
        with long_lived(), ProcessPoolExecutor(
                max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                initializer=_start_worker, initargs=(os.getpid(),)) as pool:
            futures = {k: pool.submit(_run, k) for k in order}
            return [futures[k].result() for k in range(len(items))]
    finally:
        _TASK = None


def _start_worker(parent: int) -> None:
    """Workers end with the parent, and each uses one BLAS thread: the workers already
    use every core between them."""
    from threadpoolctl import threadpool_limits

    die_with_parent(parent)
    threadpool_limits(1)


def _run(index: int) -> Any:
    assert _TASK is not None, "worker started without a task"
    func, items = _TASK
    return func(items[index])
