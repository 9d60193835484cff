"""Run one function over many files on all cores.

Cleaning spends its time in file I/O, memchr and memcpy, which release the GIL,
so threads use every core. Inspecting runs Python findings code, which holds
the GIL, so it takes processes: forked where the platform allows, because the
engine is already imported and forked workers share it instead of importing it
again.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items a worker pool costs more than it saves.
MIN_PARALLEL = 4


def run(
    func: Callable[[T], R], items: list[T], jobs: int = 0, *, processes: bool = False
) -> Iterator[R]:
    """Yield `func(item)` for each item, in order, on up to `jobs` workers (0: all cores).

    Workers are threads, or processes with `processes`. `func` must catch its
    own errors and report them in its result: one bad file never stops a batch.
    """
    workers = min(jobs or os.cpu_count() or 1, len(items))
    if workers <= 1 or len(items) < MIN_PARALLEL:
        yield from map(func, items)
        return
    pool: Executor
    if processes:
        method = "fork" if sys.platform == "linux" else "spawn"
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method))
        chunk = max(1, len(items) // (workers * 4))  # fewer round trips to the workers
    else:
        pool = ThreadPoolExecutor(workers)
        chunk = 1
    try:
        yield from pool.map(func, items, chunksize=chunk)
    finally:
        # A consumer that stops early stops the workers after the file each holds.
        pool.shutdown(cancel_futures=True)
