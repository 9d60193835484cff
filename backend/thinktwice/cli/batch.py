"""Run one function over many files on all cores, with progress on a terminal.

Cleaning spends its time in file I/O, memchr and memcpy, all outside the GIL,
so threads use every core at almost no start-up cost: `_thread` ones, because
concurrent.futures (logging behind it) and even threading (functools and
collections) cost more to import than cleaning a photo, once per batch.
Inspecting runs Python findings code, so it takes processes (forked: the
engine is already imported).
"""

from __future__ import annotations

import _thread
import os
import sys

TYPE_CHECKING = False  # typing is not imported at run time (see records.py)
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import TextIO, TypeVar

    T = TypeVar("T")
    R = TypeVar("R")

# Below this many items a worker pool costs more than it saves.
MIN_PARALLEL = 4


def run(
    func: Callable[[T], R],
    items: list[T],
    jobs: int = 0,
    label: Callable[[T], str] = str,
    processes: bool = False,
) -> Iterator[R]:
    """Yield `func(item)` for each item, in order, on up to `jobs` workers (0: all cores).

    Workers are threads, or forked processes with `processes`.

    `func` must catch its own errors and report them in its result: one bad
    file never stops a batch.
    """
    bar = Progress(len(items), sys.stderr) if sys.stderr.isatty() and len(items) > 1 else None
    workers = min(jobs or os.cpu_count() or 1, len(items))
    if workers <= 1 or len(items) < MIN_PARALLEL:
        results: Iterator[R] = map(func, items)
    elif processes:
        results = _in_processes(func, items, workers)
    else:
        results = _in_threads(func, items, workers)
    for item, result in zip(items, results, strict=True):
        if bar:
            bar.advance(label(item))
        yield result
    if bar:
        bar.finish()


def _in_threads(func: Callable[[T], R], items: list[T], workers: int) -> Iterator[R]:
    """`func` over `items` on `workers` threads, results in order as each is ready."""
    # Each item's lock is held until its result is in: taking it waits for the result.
    ready = [_thread.allocate_lock() for _ in items]
    for lock in ready:
        lock.acquire()
    # (result,) once done, so that a result of None is told from "not yet".
    results: list[tuple[R] | BaseException | None] = [None] * len(items)
    pending = list(reversed(range(len(items))))
    take = _thread.allocate_lock()

    def work() -> None:
        while True:
            with take:
                if not pending:
                    return
                i = pending.pop()
            try:
                results[i] = (func(items[i]),)
            except BaseException as exc:  # handed to the caller, raised there
                results[i] = exc
            ready[i].release()

    for _ in range(workers):
        _thread.start_new_thread(work, ())
    try:
        for i, lock in enumerate(ready):
            lock.acquire()
            outcome, results[i] = results[i], None  # each result is freed once taken
            if isinstance(outcome, BaseException):
                raise outcome
            assert outcome is not None
            yield outcome[0]
    finally:
        with take:  # a consumer that stops early stops the workers after their file
            pending.clear()


def _in_processes(func: Callable[[T], R], items: list[T], workers: int) -> Iterator[R]:
    """`func` over `items` in forked worker processes, results in order."""
    # Imported only here: concurrent.futures and multiprocessing are slow to load.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork shares the already-imported engine with the workers: no re-import cost.
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    try:
        yield from pool.map(func, items, chunksize=max(1, len(items) // (workers * 4)))
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
