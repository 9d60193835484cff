"""Per-connection log messages, at most a few a minute.

uvicorn logs "Invalid HTTP request received." once per bad connection, and
asyncio logs every failed accept(); a client opening connections in a loop
could fill the disk with them. `Throttle` lets through at most `burst` records
of each message per `window_s` seconds and drops the rest, saying how many it
dropped on the next record it lets through.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

THROTTLED_LOGGERS = ("uvicorn.error", "asyncio")
MAX_MESSAGES = 256  # distinct messages tracked; past it, tracking starts over


@dataclass(slots=True)
class _Window:
    started: float
    passed: int = 0
    dropped: int = 0


@dataclass
class Throttle(logging.Filter):
    """A logging filter: `burst` records per message per `window_s`, the rest dropped."""

    burst: int = 5
    window_s: float = 60.0
    clock: Callable[[], float] = time.monotonic
    _windows: dict[str, _Window] = field(default_factory=dict)

    def __post_init__(self) -> None:
        logging.Filter.__init__(self)

    def filter(self, record: logging.LogRecord) -> bool:
        now = self.clock()
        key = str(record.msg)  # the template: the same message from any client
        window = self._windows.get(key)
        if window is None and len(self._windows) >= MAX_MESSAGES:
            self._windows.clear()  # messages with a client's details in them: keep it bounded
        if window is None or now - window.started >= self.window_s:
            dropped = window.dropped if window is not None else 0
            window = self._windows[key] = _Window(now)
            if dropped:
                record.msg = f"{record.msg} ({dropped} more like it were not logged)"
        if window.passed >= self.burst:
            window.dropped += 1
            return False
        window.passed += 1
        return True


def throttle_service_logs(throttle: Throttle | None = None) -> None:
    """Install `throttle` (a default one) on the loggers that log once per connection."""
    throttle = throttle if throttle is not None else Throttle()
    for name in THROTTLED_LOGGERS:
        logging.getLogger(name).addFilter(throttle)
