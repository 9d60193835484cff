"""The connection limits uvicorn lacks: a cap on open connections, a request-head timeout.

uvicorn never times out a connection that has sent nothing, or half a request
head: its keep-alive timer runs only after a response, and stops at the first
byte of the next request. So thousands of idle or half-sent connections (no
token needed) would each hold a file handle for ever. `guarded_protocol` gives
uvicorn an h11 protocol that

- closes a connection at once when `max_connections` are already open, so the
  service never runs out of file handles, whatever clients do;
- closes a connection whose request head has not arrived `head_timeout_s` after
  it opened, or after the previous response on it was sent.

A request being answered is never cut: the head timer only watches for the
next head. Reading a body slowly is bounded by `BodyTimeout` instead.

On the Unix socket (channel.py) the protocol also drops a connection from
another account (its peer uid is not ours) and marks every request on the
others as the channel's.
"""

from __future__ import annotations

import asyncio
import os
import socket
from dataclasses import dataclass

from starlette.types import ASGIApp, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol, RequestResponseCycle

from .channel import mark_channel, peer_uid


@dataclass(frozen=True, slots=True)
class ConnectionLimits:
    """At most `max_connections` open; a request head within `head_timeout_s`."""

    max_connections: int
    head_timeout_s: float


def guarded_protocol(limits: ConnectionLimits) -> type[H11Protocol]:
    """uvicorn's h11 protocol, with `limits` enforced (pass it as uvicorn's `http`)."""

    class GuardedH11Protocol(H11Protocol):
        _head_timer: asyncio.TimerHandle | None = None

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            if len(self.connections) > limits.max_connections:
                transport.abort()  # refused before anything is read: nothing to answer
                return
            sock = transport.get_extra_info("socket")
            if sock is not None and sock.family == socket.AF_UNIX:
                if peer_uid(sock) != os.getuid():
                    transport.abort()  # another account: not even an error page
                    return
                self.app = _channel_app(self.app)
            self._await_head()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            self._await_head()

        def connection_lost(self, exc: Exception | None) -> None:
            self._stop_head_timer()
            super().connection_lost(exc)

        def _await_head(self) -> None:
            self._stop_head_timer()
            if not self.transport.is_closing():
                self._head_timer = self.loop.call_later(
                    limits.head_timeout_s, self._head_overdue, self.cycle
                )

        def _head_overdue(self, waited_since: RequestResponseCycle | None) -> None:
            # A head that arrived made a new cycle; the same one means none came.
            if self.cycle is waited_since and not self.transport.is_closing():
                self.transport.close()

        def _stop_head_timer(self) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
                self._head_timer = None

    return GuardedH11Protocol


def _channel_app(app: ASGIApp) -> ASGIApp:
    """`app`, with every request it is given marked as the channel's."""

    async def channel(scope: Scope, receive: Receive, send: Send) -> None:
        mark_channel(scope)
        await app(scope, receive, send)

    return channel
