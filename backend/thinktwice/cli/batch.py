"""Run one function over many files on all cores, in the pool the command chooses.

Cleaning spends its time in file I/O, memchr and memcpy, which release the GIL,
so it runs on threads (the default pool). Inspecting runs Python findings code,
which holds the GIL, so `scan` passes a pool of processes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Executor

T = TypeVar("T")
R = TypeVar("R")

# Below this many items a worker pool costs more than it saves.
MIN_PARALLEL = 4


def run(
    func: Callable[[T], R],
    items: list[T],
    jobs: int = 0,
    *,
    pool: Callable[[int], Executor] | None = None,
) -> Iterator[R]:
    """Yield `func(item)` for each item, in order, on up to `jobs` workers (0: all cores).

    `pool(workers)` makes the executor (threads when not given). `func` must
    catch its own errors and report them in its result: one bad file never
    stops a batch.
    """
    workers = min(jobs or os.cpu_count() or 1, len(items))
    if workers <= 1 or len(items) < MIN_PARALLEL:
        yield from map(func, items)
        return
    if pool is None:
        # Imported here: concurrent.futures brings logging, ~8 ms a one-file run never uses.
        from concurrent.futures import ThreadPoolExecutor

        pool = ThreadPoolExecutor
    executor = pool(workers)
    # Processes get items in chunks, fewer round trips (threads ignore chunksize).
    chunk = max(1, len(items) // (workers * 4))
    try:
        yield from executor.map(func, items, chunksize=chunk)
    finally:
        # A consumer that stops early stops the workers after the file each holds.
        executor.shutdown(cancel_futures=True)
