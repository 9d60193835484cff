"""Files on their way to the service, received in chunks before the request that sends them.

The extension forwards each chunk of a photo as soon as the page hands it over,
so the photo crosses the browser's pipe while the rest is still on its way from
the page; the request then names the upload. Chunks are decoded as they come
(base64 chunks of a multiple of 4 characters decode alone). Bounded: at most
MAX_UPLOADS uploads and MAX_BYTES bytes are held, the oldest dropped first, and
an upload not sent within EXPIRY_S is forgotten.
"""

from __future__ import annotations

import binascii
import time
from dataclasses import dataclass, field

from .protocol import ProtocolError, is_upload_key

MAX_UPLOADS = 16
MAX_BYTES = 256 * 1024 * 1024
MAX_CHUNKS = 256  # 256 x 512 Ki characters of base64: beyond the service's 64 MiB cap
EXPIRY_S = 120.0


@dataclass
class _Upload:
    chunks: list[bytes | None]
    at: float = field(default_factory=time.monotonic)

    @property
    def size(self) -> int:
        return sum(len(c) for c in self.chunks if c is not None)


class Uploads:
    """The uploads of one browser connection (used from the host's reading thread only)."""

    def __init__(self) -> None:
        self._uploads: dict[str, _Upload] = {}

    def add(self, key: object, index: object, count: object, data: object) -> None:
        """Keep chunk `index` of `count` of upload `key`; ProtocolError naming what is wrong."""
        if not is_upload_key(key):
            raise ProtocolError(f"Field 'upload' is {str(key)[:80]!r}: not an upload key.")
        if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= MAX_CHUNKS:
            raise ProtocolError(f"Field 'count' is {count!r}: must be 1 to {MAX_CHUNKS}.")
        if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < count:
            raise ProtocolError(f"Field 'index' is {index!r}: not a chunk of {count}.")
        if not isinstance(data, str):
            raise ProtocolError("Field 'data' must be base64 text.")
        try:
            chunk = binascii.a2b_base64(data, strict_mode=True)
        except binascii.Error:
            raise ProtocolError(f"Chunk {index} of upload {key!r} is not base64.") from None
        self._sweep()
        upload = self._uploads.get(key)
        if upload is None or len(upload.chunks) != count:
            upload = self._uploads[key] = _Upload([None] * count)
        upload.chunks[index] = chunk
        while len(self._uploads) > MAX_UPLOADS or self._held() > MAX_BYTES:
            del self._uploads[next(iter(self._uploads))]  # the oldest goes first

    def take(self, key: str) -> bytes:
        """The whole of upload `key`, forgotten once taken; ProtocolError if incomplete."""
        upload = self._uploads.pop(key, None)
        if upload is None:
            raise ProtocolError(f"Upload {key!r} has not arrived (or was dropped).")
        missing = [i for i, chunk in enumerate(upload.chunks) if chunk is None]
        if missing:
            raise ProtocolError(f"Upload {key!r} lacks chunk {missing[0]} of {len(upload.chunks)}.")
        return b"".join(c for c in upload.chunks if c is not None)

    def drop(self, key: object) -> None:
        """Forget upload `key` (the photo will not be sent: a paused site)."""
        if isinstance(key, str):
            self._uploads.pop(key, None)

    def _held(self) -> int:
        return sum(u.size for u in self._uploads.values())

    def _sweep(self) -> None:
        now = time.monotonic()
        for key in [k for k, u in self._uploads.items() if now - u.at > EXPIRY_S]:
            del self._uploads[key]
