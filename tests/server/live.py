"""A real service on a real socket: uvicorn in a background thread, for the tests.

The listening socket is bound first (port 0: the kernel picks a free one) and
handed to uvicorn, so there is no window in which another process can take the
port. uvicorn installs no signal handlers outside the main thread.
"""

from __future__ import annotations

import dataclasses
import socket
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from thinktwice.server.app import create_app
from thinktwice.server.security import TOKEN_HEADER
from thinktwice.server.settings import Settings

START_TIMEOUT_S = 15.0


class LiveServer:
    """The service for `data_dir`, listening on 127.0.0.1 on a free port."""

    def __init__(self, data_dir: Path, **settings: Any) -> None:
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", 0))
        port = self._socket.getsockname()[1]
        self.settings = Settings(host="127.0.0.1", port=port, data_dir=data_dir, **settings)
        self.app = create_app(self.settings)
        config = uvicorn.Config(self.app, log_level="warning", access_log=False, lifespan="on")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True
        )

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.settings.port}"

    @property
    def token(self) -> str:
        return self.settings.token_path.read_text().strip()

    def start(self) -> LiveServer:
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT_S
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the service did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(START_TIMEOUT_S)
        self._socket.close()

    def client(self, *, token: bool = True, **kwargs: Any) -> httpx.Client:
        """An httpx client for this service, sending the token unless told not to."""
        headers = {TOKEN_HEADER: self.token} if token else {}
        headers.update(kwargs.pop("headers", {}))
        return httpx.Client(base_url=self.base_url, headers=headers, timeout=60, **kwargs)

    def restarted(self) -> LiveServer:
        """A new service on the same data directory (this one is stopped first)."""
        self.stop()
        fields = dataclasses.asdict(self.settings)
        for name in ("host", "port", "data_dir"):
            fields.pop(name)
        return LiveServer(self.settings.data_dir, **fields).start()
