"""The bounded memory of recently decoded values."""

from __future__ import annotations

import threading

from rashomon.common.recent import Recent, RecentCalls, digest


def test_keeps_the_most_recently_used_values_up_to_its_size() -> None:
    recent: Recent[str, int] = Recent(2)
    recent.put("a", 1)
    recent.put("b", 2)
    assert recent.get("a") == 1  # "a" is now the most recently used
    recent.put("c", 3)
    assert recent.get("b") is None
    assert (recent.get("a"), recent.get("c"), len(recent)) == (1, 3, 2)


def test_a_new_value_under_a_known_key_replaces_the_old_one() -> None:
    recent: Recent[str, int] = Recent(2)
    recent.put("a", 1)
    recent.put("a", 5)
    assert recent.get("a") == 5 and len(recent) == 1
    recent.clear()
    assert recent.get("a") is None


def test_digest_tells_apart_values_that_join_to_the_same_text() -> None:
    assert digest(("ab", "c")) != digest(("a", "bc"))
    assert digest((None,)) != digest(("None",)) and digest((1,)) != digest(("1",))
    assert digest(("a", None, 3)) == digest(("a", None, 3))
    assert len(digest(["x"])) == 16


def test_threads_can_share_it() -> None:
    recent: Recent[int, int] = Recent(50)

    def work(offset: int) -> None:
        for k in range(2000):
            recent.put(offset + k % 100, k)
            recent.get(offset + (k + 1) % 100)

    threads = [threading.Thread(target=work, args=(n * 1000,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(recent) == 50


def test_recent_calls_compute_once_per_identical_arguments() -> None:
    calls: list[tuple[int, ...]] = []

    def total(values: tuple[int, ...]) -> int:
        calls.append(values)
        return sum(values)

    remembered = RecentCalls(1, total)
    first, equal_copy = (1, 2, 3), tuple([1, 2, 3])
    assert remembered(first) == remembered(first) == 6
    assert len(calls) == 1
    assert remembered(equal_copy) == 6  # equal but not the same object: computed again
    assert remembered(first) == 6  # evicted by the copy (size 1): computed again
    assert len(calls) == 3


def test_get_or_make_makes_only_what_it_does_not_hold() -> None:
    recent: Recent[str, int] = Recent(2)
    made: list[str] = []

    def make(key: str) -> int:
        made.append(key)
        return len(key)

    assert [recent.get_or_make(k, lambda k=k: make(k)) for k in ("ab", "ab", "abc")] == [2, 2, 3]
    assert made == ["ab", "abc"]
