"""Keep Python's cycle collector off the big, long-lived data of a long step.

A store of 20,000 articles holds millions of objects (the story index, annotations,
caches). Each full collection walks all of them, about a second, and a step that
allocates much (decoding a story's tokens, building its claims) triggers several:
measured on `add`, up to a third of its time. Objects alive when the step starts are
frozen (skipped by the collector) for its duration, then given back, so nothing that
becomes garbage is kept for good.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_LOCK = threading.Lock()
_DEPTH = 0


@contextmanager
def long_lived() -> Iterator[None]:
    """Skip the objects alive now in cycle collection until the block ends (nested or
    concurrent blocks share one freeze, released when the last one ends)."""
    global _DEPTH
    with _LOCK:
        if _DEPTH == 0:
            gc.freeze()
        _DEPTH += 1
    try:
        yield
    finally:
        with _LOCK:
            _DEPTH -= 1
            if _DEPTH == 0:
                gc.unfreeze()
