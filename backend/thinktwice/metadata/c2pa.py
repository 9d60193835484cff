"""C2PA Content Credentials, read with the official bindings (c2pa-python), offline.

The container hands over the manifest store alone (formats.jumbf finds it); it
is read from memory as a sidecar store ("application/c2pa"), so the picture's
bytes are neither hashed nor written anywhere, and nothing is validated: the
findings want what the manifests say, not whether they are trustworthy. The
settings keep the library off the network (no remote manifest, no OCSP, no
timestamp or trust-list checks, no allowed host). c2pa_manifest.py sorts what it
reads into records; this is the only module that imports c2pa (a native library
that costs 0.1 s to load: imported on the first store, never otherwise).
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..records import Credentials, Picture, Tag
from .c2pa_manifest import ThumbnailRef, sort_store

SIDECAR = "application/c2pa"
# Every setting that could reach the network, off (c2pa-rs Settings: core, verify).
SETTINGS: dict[str, dict[str, object]] = {
    "core": {"allowed_network_hosts": []},
    "verify": {
        "verify_after_reading": False,
        "verify_trust": False,
        "verify_timestamp_trust": False,
        "ocsp_fetch": False,
        "remote_manifest_fetch": False,
    },
}
MAX_THUMBNAILS = 8  # a store lists one per manifest and ingredient; real ones hold a few
MAX_THUMBNAIL_BYTES = 4 << 20


@dataclass(slots=True)
class CredentialsData:
    """One manifest store read: its credentials (None when unreadable), the XMP-like
    tags of its exif/iptc assertions, its thumbnails, and what could not be read."""

    credentials: Credentials | None = None
    tags: list[Tag] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def decode(store: bytes) -> CredentialsData:
    """What the manifest store `store` says. Never raises for malformed input."""
    import c2pa

    out = CredentialsData()
    try:
        with c2pa.Reader(SIDECAR, io.BytesIO(store), context=_context()) as reader:
            content = sort_store(json.loads(reader.json()))
            out.pictures = [p for ref in content.thumbnails[:MAX_THUMBNAILS]
                            if (p := _thumbnail(reader, ref, out.problems))]  # fmt: skip
    except (c2pa.C2paError, ValueError) as exc:  # ValueError: JSON the library cannot give
        out.problems.append(
            f"C2PA manifest store of {len(store):,} bytes could not be read"
            f" ({type(exc).__name__.lstrip('_')}: {exc})"
        )
        return out
    out.credentials, out.tags = content.credentials, content.tags
    return out


def _thumbnail(reader: Any, ref: ThumbnailRef, problems: list[str]) -> Picture | None:
    import c2pa

    buffer = io.BytesIO()
    try:
        reader.resource_to_stream(ref.identifier, buffer)
    except c2pa.C2paError as exc:
        problems.append(f"C2PA thumbnail {ref.identifier!r} could not be read ({exc})")
        return None
    data = buffer.getvalue()
    if not data or len(data) > MAX_THUMBNAIL_BYTES:
        return Picture("thumbnail", ref.source, None, ref.media_type)
    return Picture("thumbnail", ref.source, data, ref.media_type)


@cache
def _context() -> Any:
    """The one offline c2pa Context every read shares (it carries settings only)."""
    import c2pa

    return c2pa.Context(settings=c2pa.Settings.from_dict(SETTINGS))
