"""The native host's loop: one browser connection, many requests in flight.

Messages are read on the main thread; each complete request is relayed on a
thread of its own (an inspection takes a while, and a decision or a health
check must not wait behind it); answers are written whole, one at a time.
The host ends when the browser closes its stdin, once the requests already
sent are done: a decision posted as the tab closed is still recorded.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .. import __version__
from ..server.channel import socket_path
from . import protocol
from .framing import FramingError, encode_message, read_message
from .launch import IDLE_EXIT_S, ensure_running
from .protocol import ProtocolError, Request
from .relay import NotOurService, ServiceUnreachable, send

MAX_PENDING = 8  # requests waiting for their file's parts


@dataclass
class _Pending:
    request: Request
    parts: list[str | None] = field(default_factory=list)


class Host:
    """Relays one browser connection's requests to the service of `data_dir`."""

    def __init__(
        self,
        data_dir: Path,
        out: IO[bytes],
        *,
        start_service: bool = True,
        idle_exit_s: float = IDLE_EXIT_S,
    ) -> None:
        self.data_dir = data_dir
        self.start_service = start_service
        self.idle_exit_s = idle_exit_s
        self._out = out
        self._writing = threading.Lock()
        self._pending: dict[int, _Pending] = {}
        self._threads: list[threading.Thread] = []

    def run(self, stream: IO[bytes]) -> int:
        """Serve messages from `stream` until the browser closes it; 1 on a broken message."""
        while True:
            try:
                message = read_message(stream)
            except FramingError as exc:
                print(f"thinktwice host: {exc}", file=sys.stderr)
                return 1
            if message is None:
                for thread in self._threads:
                    thread.join()  # each is bounded by its request's timeout
                return 0
            self.handle(message)

    def handle(self, message: dict[str, Any]) -> None:
        """Act on one message from the extension."""
        kind = message.get("type")
        try:
            if kind == "hello":
                self._write(protocol.hello(__version__))
            elif kind == "request":
                self._request(Request.parse(message))
            elif kind == "part":
                self._part(message)
            else:
                raise ProtocolError(f"Field 'type' is {str(kind)[:40]!r}: not a message type.")
        except ProtocolError as exc:
            ident = message.get("id")
            self._write(
                protocol.error(ident if isinstance(ident, int) else -1, "rejected", str(exc))
            )

    def _request(self, request: Request) -> None:
        if request.file is None:
            self._start(request, None)
            return
        if len(self._pending) >= MAX_PENDING or request.id in self._pending:
            raise ProtocolError(f"Request {request.id} cannot wait for its file: too many waiting.")
        self._pending[request.id] = _Pending(request, [None] * request.file.parts)

    def _part(self, message: dict[str, Any]) -> None:
        ident, index, data = message.get("id"), message.get("index"), message.get("data")
        pending = self._pending.get(ident) if isinstance(ident, int) else None
        if pending is None:
            raise ProtocolError(f"A part for request {ident!r}, which is not waiting for one.")
        if not isinstance(index, int) or not 0 <= index < len(pending.parts):
            raise ProtocolError(f"Field 'index' is {index!r}: not a part of request {ident}.")
        if not isinstance(data, str):
            raise ProtocolError("Field 'data' must be base64 text.")
        pending.parts[index] = data
        if all(part is not None for part in pending.parts):
            del self._pending[pending.request.id]
            self._start(pending.request, "".join(p for p in pending.parts if p is not None))

    def _start(self, request: Request, file_base64: str | None) -> None:
        thread = threading.Thread(target=self._relay, args=(request, file_base64), daemon=True)
        self._threads = [t for t in self._threads if t.is_alive()]
        self._threads.append(thread)
        thread.start()

    def _relay(self, request: Request, file_base64: str | None) -> None:
        try:
            data = (
                None if file_base64 is None else binascii.a2b_base64(file_base64, strict_mode=True)
            )
            ensure_running(self.data_dir, start=self.start_service, idle_exit_s=self.idle_exit_s)
            answer = send(socket_path(self.data_dir), request, data)
        except binascii.Error:
            self._write(protocol.error(request.id, "rejected", "The file's parts are not base64."))
        except ServiceUnreachable as exc:
            self._write(protocol.error(request.id, "not_running", str(exc)))
        except NotOurService as exc:
            self._write(protocol.error(request.id, "failed", str(exc)))
        except TimeoutError:
            message = f"The service did not answer within {request.timeout_s:g} s."
            self._write(protocol.error(request.id, "timeout", message))
        except OSError as exc:  # the service went away mid-answer (killed, crashed)
            message = f"The connection to the service broke: {exc.strerror or exc}."
            self._write(protocol.error(request.id, "not_running", message))
        else:
            body = base64.b64encode(answer.body).decode("ascii")
            for part in protocol.response_parts(request.id, answer.status, answer.headers, body):
                self._write(part)

    def _write(self, message: dict[str, Any]) -> None:
        framed = encode_message(message)
        with self._writing, contextlib.suppress(BrokenPipeError):  # the browser went away
            self._out.write(framed)
            self._out.flush()
