"""Independent pieces of the one-core stages (claims, cross-check) on every usable core.

After annotation the pipeline extracts claims article by article and cross-checks story
by story, each piece independent of the others; in one process that leaves a second core
idle for a third of a cold run's non-encoder time. `fork_map` shares such pieces between
this process and forked children: they inherit the parent's annotations, claims and
vectors at no cost (nothing is pickled on the way in), compute, and send back only their
results. Children never touch the result cache's database (an SQLite connection must not cross a
fork) nor the encoder (torch's thread pools do not survive a fork): the parent reads and
writes the cache, and hands the children the vectors they need.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from threadpoolctl import threadpool_limits

from ..common.heap import long_lived
from ..common.lifeline import die_with_parent
from ..options import Options

T = TypeVar("T")
R = TypeVar("R")

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
    """``[func(item) for item in items]``, shared by this process and ``workers - 1``
    forked ones when there are enough items. This process works too (it would only
    wait): one child fewer is one copy fewer of the pages a child's work writes to
    (every object it reads, for its reference count). Each process takes the next item
    in turn; ``cost`` (an item's relative work) sends the largest first, so one big
    story taken last does not leave a core idle at the end. The results keep the items'
    order either way."""
    if not worth_forking(len(items), workers):
        return [func(item) for item in items]
    order = sorted(range(len(items)), key=lambda k: -cost(items[k])) if cost else \
        list(range(len(items)))
    taken = multiprocessing.get_context("fork").Value("i", 0)
    # Objects alive now are frozen out of cycle collection: a child's collector would
    # otherwise walk, and so copy, every page of the parent's heap. Frozen again inside
    # an enclosing block too, whose freeze left out what was made since (claims, units).
    with long_lived():
        gc.freeze()
        children = [_fork(func, items, order, taken) for _ in range(workers - 1)]
        made: dict[int, R] = {}
        try:
            with threadpool_limits(1):  # each process one BLAS thread: all cores are busy
                made.update(_take(func, items, order, taken))
        finally:
            for child in children:
                made.update(_collect(*child))
    return [made[k] for k in range(len(items))]


def _take(func: Callable[[T], R], items: Sequence[T], order: list[int],
          taken: Any) -> dict[int, R]:
    """Results of the items this process takes, one at a time, until none is left."""
    made: dict[int, R] = {}
    while True:
        with taken.get_lock():
            turn = taken.value
            taken.value += 1
        if turn >= len(order):
            return made
        made[order[turn]] = func(items[order[turn]])


def _fork(func: Callable[[T], R], items: Sequence[T], order: list[int],
          taken: Any) -> tuple[int, int]:
    """A child that takes items with this process and writes its results, pickled, to
    a pipe: (its pid, the pipe's reading end)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write)
        return pid, read
    os.close(read)
    code = 0
    try:
        die_with_parent(os.getppid())
        with threadpool_limits(1):
            sent: tuple[bool, Any] = (True, _take(func, items, order, taken))
    except BaseException as exc:  # noqa: BLE001 - sent to the parent, raised there
        sent, code = (False, f"{type(exc).__name__}: {exc}"), 1
    with os.fdopen(write, "wb") as pipe:
        pickle.dump(sent, pipe, protocol=pickle.HIGHEST_PROTOCOL)
    os._exit(code)  # no interpreter teardown: the parent's objects are not ours to free


def _collect(pid: int, read: int) -> dict[int, Any]:
    """A child's results; its error raised here."""
    with os.fdopen(read, "rb") as pipe:
        try:
            ok, sent = pickle.load(pipe)
        except EOFError:
            ok, sent = False, "worker ended without a result"
    os.waitpid(pid, 0)
    if not ok:
        raise RuntimeError(f"forked worker failed: {sent}")
    return dict(sent)
