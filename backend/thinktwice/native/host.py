"""The native host's loop: one browser connection, many requests in flight.

Messages are read on the main thread, where a file's chunks are kept until
its request comes (uploads.py); each request is relayed on a thread of its
own (an inspection takes a while, and a decision or a health check must not
wait behind it); answers are written whole, one at a time.
The host ends when the browser closes its stdin, once the requests already
sent are done: a decision posted as the tab closed is still recorded.
"""

from __future__ import annotations

import base64
import contextlib
import sys
import threading
from pathlib import Path
from typing import IO, Any

from .. import __version__
from ..server.channel import socket_path
from . import protocol
from .framing import FramingError, encode_message, read_message
from .launch import IDLE_EXIT_S, ensure_running
from .protocol import ProtocolError, Request
from .relay import NotOurService, ServiceUnreachable, send
from .uploads import Uploads


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
        self._uploads = Uploads()
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
            elif kind == "chunk":
                self._uploads.add(
                    message.get("upload"),
                    message.get("index"),
                    message.get("count"),
                    message.get("data"),
                )
            elif kind == "drop":
                self._uploads.drop(message.get("upload"))
            else:
                raise ProtocolError(f"Field 'type' is {str(kind)[:40]!r}: not a message type.")
        except ProtocolError as exc:
            ident = message.get("id")
            self._write(
                protocol.error(ident if isinstance(ident, int) else -1, "rejected", str(exc))
            )

    def _request(self, request: Request) -> None:
        data = None if request.file is None else self._uploads.take(request.file.upload)
        thread = threading.Thread(target=self._relay, args=(request, data), daemon=True)
        self._threads = [t for t in self._threads if t.is_alive()]
        self._threads.append(thread)
        thread.start()

    def _relay(self, request: Request, data: bytes | None) -> None:
        try:
            ensure_running(self.data_dir, start=self.start_service, idle_exit_s=self.idle_exit_s)
            answer = send(socket_path(self.data_dir), request, data)
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
