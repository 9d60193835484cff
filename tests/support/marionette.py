"""Marionette, Firefox's own remote protocol: the few lines of client the tests need.

There is no geckodriver here (nor the `marionette_driver` package), and the
protocol is small: a TCP socket on which each message is `LENGTH:JSON`. On
connecting Firefox sends a greeting ({"applicationType": "gecko",
"marionetteProtocol": 3}); a command is `[0, id, name, params]`, its answer
`[1, id, error, result]` with `error` null or {error, message, stacktrace}.
Commands are WebDriver's, named "WebDriver:NewSession" and so on.
"""

from __future__ import annotations

import json
import socket
from typing import Any

# The key WebDriver uses for an element reference in answers and arguments.
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"


class MarionetteError(Exception):
    """Firefox answered a command with an error."""

    def __init__(self, command: str, error: dict[str, Any]) -> None:
        self.error = str(error.get("error", ""))
        super().__init__(f"{command}: {self.error}: {error.get('message', '')}")


class Marionette:
    """One Marionette connection: send a command, read its answer."""

    def __init__(self, port: int, timeout: float = 30.0) -> None:
        self._socket = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self._buffer = b""
        self._next = 0
        self.greeting = self._read()  # {"applicationType": "gecko", "marionetteProtocol": 3}

    def _read(self) -> Any:
        while b":" not in self._buffer:
            self._receive()
        length, _, rest = self._buffer.partition(b":")
        self._buffer = rest
        size = int(length)
        while len(self._buffer) < size:
            self._receive()
        body, self._buffer = self._buffer[:size], self._buffer[size:]
        return json.loads(body)

    def _receive(self) -> None:
        chunk = self._socket.recv(65536)
        if not chunk:
            raise ConnectionError("Marionette closed the connection")
        self._buffer += chunk

    def command(self, name: str, params: dict[str, Any] | None = None) -> Any:
        """Run `name` with `params`; its result, or MarionetteError."""
        self._next += 1
        body = json.dumps([0, self._next, name, params or {}]).encode()
        self._socket.sendall(str(len(body)).encode() + b":" + body)
        while True:
            kind, msgid, error, result = self._read()
            if kind == 1 and msgid == self._next:
                break
        if error is not None:
            raise MarionetteError(name, error)
        return result

    def close(self) -> None:
        self._socket.close()
