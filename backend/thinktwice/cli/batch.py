"""Run one function over many files on all cores, with progress on a terminal.

Cleaning spends its time in file I/O, memchr and memcpy, all outside the GIL,
so threads use every core at almost no start-up cost. Inspecting runs Python
findings code, so it takes processes (forked: the engine is already imported).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, TextIO, TypeVar

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
    label: Callable[[T], str] = str,
    stream: TextIO | None = None,
    processes: bool = False,
) -> Iterator[R]:
    """Yield `func(item)` for each item, in order, on up to `jobs` workers (0: all cores).

    Workers are threads, or forked processes with `processes`.

    `func` must catch its own errors and report them in its result: one bad
    file never stops a batch.
    """
    stream = stream if stream is not None else sys.stderr
    bar = Progress(len(items), stream) if stream.isatty() and len(items) > 1 else None
    workers = min(jobs or os.cpu_count() or 1, len(items))
    if workers <= 1 or len(items) < MIN_PARALLEL:
        results: Iterator[R] = map(func, items)
    else:
        pool = _pool(workers, processes)
        chunk = max(1, len(items) // (workers * 4)) if processes else 1
        results = _closing(pool, pool.map(func, items, chunksize=chunk))
    for item, result in zip(items, results, strict=True):
        if bar:
            bar.advance(label(item))
        yield result
    if bar:
        bar.finish()


def _pool(workers: int, processes: bool) -> Executor:
    # Imported only for a pool: a small batch should not pay for it at start-up.
    if not processes:
        from concurrent.futures import ThreadPoolExecutor

        return ThreadPoolExecutor(max_workers=workers)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork shares the already-imported engine with the workers: no re-import cost.
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)


def _closing(pool: Executor, results: Iterator[R]) -> Iterator[R]:
    try:
        yield from results
    finally:
        pool.shutdown(cancel_futures=True)


class Progress:
    """A one-line progress bar redrawn in place on a terminal."""

    WIDTH = 28

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total = total
        self.done = 0
        self.stream = stream

    def advance(self, label: str) -> None:
        self.done += 1
        filled = self.WIDTH * self.done // self.total
        bar = "#" * filled + "." * (self.WIDTH - filled)
        name = label if len(label) <= 40 else "…" + label[-39:]
        self.stream.write(f"\r[{bar}] {self.done}/{self.total} {name}\x1b[K")
        self.stream.flush()

    def finish(self) -> None:
        self.stream.write("\r\x1b[K")
        self.stream.flush()
