"""Where blocking work runs, so the event loop only ever moves bytes.

- The engine runs in a bounded thread pool: uploads beyond its size wait in
  its queue rather than piling threads up, so 20 concurrent uploads all complete.
  Each job has a deadline; past it the request gets a timeout error, a job
  still queued is dropped, and one already running finishes with its result
  thrown away (a Python thread cannot be killed; the engine's own limits keep
  every job bounded).
- The history runs on one dedicated thread: SQLite connections belong to the
  thread that opened them, and one writer at a time is what SQLite wants anyway.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

from ..errors import ServiceError

P = ParamSpec("P")
T = TypeVar("T")


class ProcessingTimeout(ServiceError):
    """A job ran past the service's per-request deadline."""

    code = "processing_timeout"


class Workers:
    """The engine's thread pool (bounded, with a deadline) and the history's thread."""

    def __init__(self, engine_threads: int, timeout_s: float) -> None:
        self.timeout_s = timeout_s
        self._engine = ThreadPoolExecutor(engine_threads, thread_name_prefix="thinktwice-engine")
        self._history = ThreadPoolExecutor(1, thread_name_prefix="thinktwice-history")

    async def engine(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run `fn` in the engine pool, in the caller's context (its language);
        `ProcessingTimeout` past the deadline."""
        context = contextvars.copy_context()
        future = self._engine.submit(context.run, functools.partial(fn, *args, **kwargs))
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout_s)
        except TimeoutError:
            future.cancel()
            raise ProcessingTimeout(
                f"Processing took longer than {self.timeout_s:g} s and was abandoned."
            ) from None

    async def history(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run `fn` on the history's own thread, in the caller's context (its language)."""
        context = contextvars.copy_context()
        job = functools.partial(fn, *args, **kwargs)
        return await asyncio.wrap_future(self._history.submit(context.run, job))

    def close(self) -> None:
        """Stop both pools: queued engine jobs are dropped, history work is finished."""
        self._engine.shutdown(wait=False, cancel_futures=True)
        self._history.shutdown(wait=True)
