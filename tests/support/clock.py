"""A clock the test moves by hand, for the code's datetime clock seams."""

from __future__ import annotations

from datetime import datetime, timedelta


class Clock:
    """Calling it gives `now`, which only `advance` (or the test) moves."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        """Move `now` on by `timedelta(**delta)`."""
        self.now += timedelta(**delta)
