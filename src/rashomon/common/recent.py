"""A small, thread-safe, bounded memory of recently decoded values.

A server that keeps adding articles to one big story reads the same few hundred stored
annotations and cached claims back for every add; decoding them is a large part of the
add. Values are kept under keys that identify their content (a digest of the stored row,
a content-derived cache key), so a changed row is a new key and never served stale.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Recent(Generic[K, V]):
    """The ``size`` most recently used values by key (least recently used go first)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        """The value under ``key`` (now the most recently used), or None."""
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: K, value: V) -> None:
        """Remember ``value``, forgetting the least recently used beyond ``size``."""
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def get_or_make(self, key: K, make: Callable[[], V]) -> V:
        """The value under ``key``; made by ``make()`` and remembered when absent."""
        value = self.get(key)
        if value is None:
            value = make()
            self.put(key, value)
        return value

    def clear(self) -> None:
        """Forget everything."""
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


class RecentCalls(Generic[V]):
    """``compute(*args)`` remembered for the latest ``size`` argument tuples, told apart by
    identity: for immutable arguments too big to hash each time (an article's parsed
    tokens). The arguments are held while remembered, so their ids are not reused."""

    def __init__(self, size: int, compute: Callable[..., V]) -> None:
        self._recent: Recent[tuple[int, ...], tuple[tuple[object, ...], V]] = Recent(size)
        self._compute = compute

    def __call__(self, *args: object) -> V:
        key = tuple(map(id, args))
        hit = self._recent.get(key)
        if hit is not None and all(a is b for a, b in zip(hit[0], args, strict=True)):
            return hit[1]
        value = self._compute(*args)
        self._recent.put(key, (args, value))
        return value


def digest(values: Iterable[object]) -> bytes:
    """A 16-byte digest of the values' types and text forms (separated, so ("ab", "c")
    differs from ("a", "bc"), and None from "None")."""
    h = hashlib.blake2b(digest_size=16)
    for value in values:
        h.update(type(value).__name__.encode())
        h.update(b"\x01")
        h.update(str(value).encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.digest()
