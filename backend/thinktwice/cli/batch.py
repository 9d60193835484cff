"""Run one function over many files on all cores, with progress on a terminal."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, TextIO, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

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
) -> Iterator[R]:
    """Yield `func(item)` for each item, in order, using up to `jobs` processes (0: all cores).

    `func` must catch its own errors and report them in its result: one bad
    file never stops a batch.
    """
    stream = stream if stream is not None else sys.stderr
    bar = Progress(len(items), stream) if stream.isatty() and len(items) > 1 else None
    workers = min(jobs or os.cpu_count() or 1, len(items))
    if workers <= 1 or len(items) < MIN_PARALLEL:
        results: Iterator[R] = map(func, items)
    else:
        # Imported only for a pool: a small batch should not pay for it at start-up.
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # fork shares the already-imported engine with the workers: no re-import cost.
        context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
        chunk = max(1, len(items) // (workers * 4))
        results = _closing(pool, pool.map(func, items, chunksize=chunk))
    for item, result in zip(items, results, strict=True):
        if bar:
            bar.advance(label(item))
        yield result
    if bar:
        bar.finish()


def _closing(pool: ProcessPoolExecutor, results: Iterator[R]) -> Iterator[R]:
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
