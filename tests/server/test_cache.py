"""The cleaned-copy cache: in memory, bounded by count and bytes, expiring."""

from __future__ import annotations

import threading

from thinktwice.server.cache import CleanedCache, CleanedCopy


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def copy(size: int) -> CleanedCopy:
    return CleanedCopy(b"x" * size, "image/jpeg", "a.clean.jpg")


def test_a_copy_is_kept_until_it_expires() -> None:
    clock = Clock()
    cache = CleanedCache(max_items=4, max_bytes=100, ttl_s=10, clock=clock)
    cache.put("a", copy(5))
    clock.now = 9.9
    assert cache.get("a") == copy(5)
    clock.now = 10.0
    assert cache.get("a") is None
    assert cache.total_bytes == 0


def test_the_oldest_copies_go_past_the_count() -> None:
    cache = CleanedCache(max_items=2, max_bytes=100, ttl_s=10)
    for key in "abc":
        cache.put(key, copy(1))
    assert [cache.get(k) is not None for k in "abc"] == [False, True, True]


def test_the_oldest_copies_go_past_the_bytes() -> None:
    cache = CleanedCache(max_items=10, max_bytes=10, ttl_s=10)
    cache.put("a", copy(4))
    cache.put("b", copy(4))
    cache.put("c", copy(4))
    assert cache.get("a") is None
    assert cache.total_bytes == 8


def test_a_copy_larger_than_the_cache_is_not_kept() -> None:
    cache = CleanedCache(max_items=10, max_bytes=10, ttl_s=10)
    cache.put("small", copy(2))
    assert cache.put("huge", copy(11)) is False
    assert cache.get("huge") is None
    assert cache.get("small") is not None


def test_replacing_a_key_counts_its_bytes_once() -> None:
    cache = CleanedCache(max_items=10, max_bytes=10, ttl_s=10)
    cache.put("a", copy(6))
    cache.put("a", copy(6))
    assert (len(cache), cache.total_bytes) == (1, 6)


def test_concurrent_use_keeps_the_bounds() -> None:
    cache = CleanedCache(max_items=8, max_bytes=64, ttl_s=10)

    def work(n: int) -> None:
        for i in range(200):
            cache.put(f"{n}-{i}", copy(1 + i % 7))
            cache.get(f"{n}-{i - 1}")

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(cache) <= 8
    assert cache.total_bytes <= 64
