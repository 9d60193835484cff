"""Stopping when nobody needs the service: the native host starts it on demand.

`Activity` is ASGI middleware that counts requests in flight and remembers when
the last one ended; `stop_when_idle` ends the server once nothing has been asked
for `idle_s` seconds (and nothing is being answered), so a service the browser
started does not stay in memory, with its models loaded, for days.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Protocol

from starlette.types import ASGIApp, Receive, Scope, Send

log = logging.getLogger("uvicorn.error")  # the logger uvicorn configures and prints


class Stoppable(Protocol):
    """What `stop_when_idle` needs of uvicorn's Server."""

    should_exit: bool
    started: bool


class Activity:
    """Requests in flight and when the last one ended (one per service)."""

    def __init__(self) -> None:
        self.in_flight = 0
        self.last = time.monotonic()

    def idle_for(self) -> float:
        """Seconds since the last request ended; 0 while one is being answered."""
        return 0.0 if self.in_flight else time.monotonic() - self.last


class TrackActivity:
    """ASGI middleware keeping `activity` up to date."""

    def __init__(self, app: ASGIApp, activity: Activity) -> None:
        self.app = app
        self.activity = activity

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self.activity.in_flight += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.activity.in_flight -= 1
            self.activity.last = time.monotonic()


async def stop_when_idle(server: Stoppable, activity: Activity, idle_s: float) -> None:
    """Set `server.should_exit` once `activity` has been idle `idle_s` seconds."""
    tick = min(5.0, idle_s / 4)
    while not server.started and not server.should_exit:
        await asyncio.sleep(0.05)
    activity.last = time.monotonic()  # idle from now: starting up (history, models) is not
    while not server.should_exit:
        await asyncio.sleep(tick)
        if activity.idle_for() >= idle_s:
            log.info("No request for %.0f s: stopping (the browser starts it again).", idle_s)
            server.should_exit = True
