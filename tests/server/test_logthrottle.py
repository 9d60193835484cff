"""Per-connection log messages pass a few a minute; the rest are dropped and counted."""

from __future__ import annotations

import logging

from thinktwice.server.logthrottle import MAX_MESSAGES, Throttle


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def record(message: str) -> logging.LogRecord:
    return logging.LogRecord("uvicorn.error", logging.WARNING, __file__, 1, message, None, None)


def test_a_burst_of_one_message_passes_then_the_rest_are_dropped() -> None:
    throttle = Throttle(burst=3, window_s=60, clock=Clock())
    passed = [throttle.filter(record("Invalid HTTP request received.")) for _ in range(1000)]
    assert passed.count(True) == 3
    assert passed[:3] == [True, True, True]


def test_different_messages_are_counted_apart() -> None:
    throttle = Throttle(burst=1, window_s=60, clock=Clock())
    assert throttle.filter(record("one"))
    assert throttle.filter(record("two"))
    assert not throttle.filter(record("one"))


def test_the_next_window_says_how_many_were_dropped() -> None:
    clock = Clock()
    throttle = Throttle(burst=1, window_s=60, clock=clock)
    for _ in range(5):
        throttle.filter(record("Invalid HTTP request received."))
    clock.now = 61
    later = record("Invalid HTTP request received.")
    assert throttle.filter(later)
    assert later.getMessage() == "Invalid HTTP request received. (4 more like it were not logged)"


def test_the_messages_tracked_stay_bounded() -> None:
    throttle = Throttle(burst=1, window_s=60, clock=Clock())
    for n in range(MAX_MESSAGES * 3):
        throttle.filter(record(f"error from client {n}"))
    assert len(throttle._windows) <= MAX_MESSAGES
