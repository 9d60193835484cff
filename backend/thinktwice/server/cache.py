"""The cleaned copies waiting to be fetched: in memory only, bounded, short-lived.

After `POST /v1/inspect` the dialog may ask for the cleaned copy a few seconds
later (`GET /v1/inspect/{id}/cleaned`). The copy stays here, never on disk,
until it expires (cache_ttl_s), or until newer copies push it out when there
are more than `max_items` or their total passes `max_bytes`. A copy larger
than `max_bytes` on its own is not kept at all. Oldest entries go first.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from ..models import Box


@dataclass(frozen=True, slots=True)
class CleanedCopy:
    """A cleaned image, what its download needs, and the faces found in it."""

    data: bytes
    media_type: str
    filename: str
    faces: tuple[Box, ...] = ()


class CleanedCache:
    """A thread-safe map id -> CleanedCopy, bounded by count and bytes, with expiry."""

    def __init__(
        self,
        max_items: int,
        max_bytes: int,
        ttl_s: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_items = max_items
        self.max_bytes = max_bytes
        self.ttl_s = ttl_s
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, tuple[float, CleanedCopy]] = OrderedDict()
        self._bytes = 0

    def put(self, key: str, copy: CleanedCopy) -> bool:
        """Keep `copy` under `key`, evicting the oldest as needed; False if too big to keep."""
        size = len(copy.data)
        if size > self.max_bytes:
            return False
        with self._lock:
            self._drop(key)
            self._expire()
            while self._entries and (
                len(self._entries) >= self.max_items or self._bytes + size > self.max_bytes
            ):
                self._drop(next(iter(self._entries)))
            self._entries[key] = (self._clock() + self.ttl_s, copy)
            self._bytes += size
        return True

    def get(self, key: str) -> CleanedCopy | None:
        """The copy kept under `key`, or None when unknown, evicted or expired."""
        with self._lock:
            self._expire()
            entry = self._entries.get(key)
            return None if entry is None else entry[1]

    def __len__(self) -> int:
        with self._lock:
            self._expire()
            return len(self._entries)

    @property
    def total_bytes(self) -> int:
        """The bytes held right now."""
        with self._lock:
            self._expire()
            return self._bytes

    def clear(self) -> None:
        """Forget every copy (the service is stopping)."""
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def _expire(self) -> None:
        # Entries are in insertion order and share one TTL, so expired ones lead.
        now = self._clock()
        while self._entries:
            key, (deadline, _) = next(iter(self._entries.items()))
            if deadline > now:
                break
            self._drop(key)

    def _drop(self, key: str) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self._bytes -= len(entry[1].data)
