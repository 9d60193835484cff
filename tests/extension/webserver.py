"""The websites the extension is tested on: pages on 127.0.0.1 that upload like real sites.

A small stdlib server in a thread serves the test pages, the upload widgets
from the npm project (node_modules) and the bundles built at set-up, and
receives uploads: every file part of a multipart POST to /upload is kept, so a
test checks the very bytes that reached the site.
"""

from __future__ import annotations

import mimetypes
import threading
import time
from dataclasses import dataclass
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAGES = HERE / "pages"
NODE_MODULES = HERE / "node_modules"
# Only these packages' files are served from node_modules.
SERVED_PACKAGES = (
    "dropzone/dist/",
    "filepond/dist/",
    "jquery/dist/",
    "blueimp-file-upload/js/",
    "resumablejs/resumable.js",
    "quill/dist/",
    "tinymce/",
)


@dataclass(frozen=True)
class Upload:
    """One file the site received: its form field, name, declared type and bytes."""

    field: str
    filename: str
    content_type: str
    data: bytes
    path: str


class Uploads:
    """What the site has received so far; tests wait on it."""

    def __init__(self) -> None:
        self._items: list[Upload] = []
        self._changed = threading.Condition()

    def add(self, items: list[Upload]) -> None:
        with self._changed:
            self._items.extend(items)
            self._changed.notify_all()

    def clear(self) -> None:
        with self._changed:
            self._items.clear()

    def snapshot(self) -> list[Upload]:
        with self._changed:
            return list(self._items)

    def wait(self, count: int, timeout: float = 15.0) -> list[Upload]:
        """The first `count` uploads, waiting for them; fails with what did arrive."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(self._items) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    names = [u.filename for u in self._items]
                    raise AssertionError(f"expected {count} upload(s), the site received {names}")
                self._changed.wait(left)
            return list(self._items)


def parse_multipart(content_type: str, body: bytes, path: str) -> list[Upload]:
    """The file parts of a multipart/form-data body."""
    message = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
    )
    uploads = []
    for part in message.iter_parts():
        filename = part.get_filename()
        if filename is None:
            continue
        params = part.get_params(header="content-disposition") or []
        field = next((v for k, v in params if k == "name"), "")
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        uploads.append(Upload(field, filename, part.get_content_type(), data, path))
    return uploads


class Site(ThreadingHTTPServer):
    """The test site on `host` (127.0.0.1; a free port), serving `extra` directories by prefix.

    Every loopback address reaches it by name too: http://localhost:PORT is the
    same site as another origin, one the extension's manifest grants. Another
    loopback host (127.0.0.2) is a site the extension holds no permission for.
    """

    daemon_threads = True

    def __init__(self, extra: dict[str, Path], host: str = "127.0.0.1") -> None:
        super().__init__((host, 0), _Handler)
        self.uploads = Uploads()
        self.extra = extra
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def origin(self) -> str:
        return f"http://{self.server_address[0]}:{self.server_address[1]}"

    def url(self, page: str) -> str:
        return f"{self.origin}/{page}"

    def start(self) -> Site:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: Site

    def log_message(self, format: str, *args: object) -> None:  # quiet tests
        pass

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0].lstrip("/")
        file = self._resolve(path)
        if file is None:
            self._send(404, b"not found", "text/plain")
            return
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if kind in ("text/javascript", "application/javascript", "text/html", "text/css"):
            kind += "; charset=utf-8"
        self._send(200, file.read_bytes(), kind)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        path = self.path.split("?", 1)[0]
        received = parse_multipart(self.headers.get("Content-Type", ""), body, path)
        self.server.uploads.add(received)
        names = ", ".join(u.filename for u in received) or "nothing"
        if path == "/upload-form":  # a classic form post navigates to the answer
            self._send(200, f"<!doctype html><p id=done>Received {names}</p>".encode(), "text/html")
        else:
            self._send(200, b'{"ok": true}', "application/json")

    def _resolve(self, path: str) -> Path | None:
        if path.startswith("node_modules/"):
            rest = path.removeprefix("node_modules/")
            if not rest.startswith(SERVED_PACKAGES):
                return None
            return _inside(NODE_MODULES, rest)
        for prefix, root in self.server.extra.items():
            if path.startswith(prefix + "/"):
                return _inside(root, path.removeprefix(prefix + "/"))
        return _inside(PAGES, path or "index.html")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def _inside(root: Path, relative: str) -> Path | None:
    """`root/relative` if it is a file inside `root` (no way out with ..)."""
    candidate = (root / relative).resolve()
    if candidate.is_file() and candidate.is_relative_to(root.resolve()):
        return candidate
    return None
