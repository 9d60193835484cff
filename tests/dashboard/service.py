"""The service as the dashboard meets it: in this process, on its Unix socket and on TCP.

`ChannelServer` is the tests' LiveServer (the real app under uvicorn in a
background thread, on a free 127.0.0.1 port) that also listens on
DATA_DIR/service.sock, with the h11 protocol `thinktwice serve` uses (so
requests over the socket are marked as the channel's and other accounts are
dropped): the tests ask over the socket what the extension's page sees, and
over TCP what anyone else gets. It holds DATA_DIR/service.lock as the real
service does, so a native host registered for DATA_DIR uses it rather than
starting another one.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import IO, Any

import httpx
import uvicorn

from tests.server.live import LiveServer
from thinktwice.history import History
from thinktwice.server import channel
from thinktwice.server.connections import ConnectionLimits, guarded_protocol


class ChannelServer(LiveServer):
    """The service for `data_dir`, on DATA_DIR/service.sock and 127.0.0.1:<free port>."""

    def __init__(self, data_dir: Path, **settings: Any) -> None:
        super().__init__(data_dir, **settings)
        self.socket = channel.socket_path(data_dir)
        self._lock: IO[bytes] = channel.hold_lock(data_dir)
        self._unix = channel.bind(self.socket)
        limits = ConnectionLimits(self.settings.max_connections, self.settings.head_timeout_s)
        config = uvicorn.Config(
            self.app,
            http=guarded_protocol(limits),
            log_level="warning",
            access_log=False,
            lifespan="on",
        )
        # The same app, served by a server that listens on both sockets.
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._unix, self._socket]}, daemon=True
        )

    @property
    def data_dir(self) -> Path:
        return self.settings.data_dir

    @property
    def history(self) -> History:
        """The running service's own history store."""
        history: History = self.app.state.services.history
        return history

    def stop(self) -> None:
        super().stop()
        self._unix.close()
        with contextlib.suppress(FileNotFoundError):
            self.socket.unlink()
        self._lock.close()

    def channel(self, **kwargs: Any) -> httpx.Client:
        """A client over the Unix socket: what the extension's page reaches, no token."""
        return httpx.Client(
            transport=httpx.HTTPTransport(uds=str(self.socket)),
            base_url="http://thinktwice",
            timeout=60,
            **kwargs,
        )

    def tcp(self, *, token: bool = False, **kwargs: Any) -> httpx.Client:
        """A client over TCP, as any program on this machine (another account's too)."""
        return self.client(token=token, **kwargs)
