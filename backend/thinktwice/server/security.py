"""Who may talk to the service: the token, and which origins count as the extension.

- The token is a random secret kept in DATA_DIR/token (mode 0600, created once).
  Every API call but health and pairing carries it in `X-ThinkTwice-Token`; a
  custom header, so a browser must send a CORS preflight before any such call.
  It is compared in constant time.
- An origin is either an extension's (`chrome-extension://<32 letters a-p>`,
  `moz-extension://<uuid>`), which may pair and use the API once paired, or
  anything else (a web page, "null"), which never gets anything.

Stdlib only: the `token` and `pair` commands import this without loading FastAPI.
"""

from __future__ import annotations

import hmac
import os
import re
import secrets
from pathlib import Path

from .private import ensure_private_dir

TOKEN_HEADER = "X-ThinkTwice-Token"
TOKEN_BYTES = 32  # secrets.token_urlsafe(32): 43 characters, 256 bits

# Chrome (and Edge, Brave...) derive a 32-letter id in a-p; Firefox gives each
# installation a random UUID. Anything else claiming an extension scheme is refused.
_EXTENSION_ORIGIN = re.compile(
    r"chrome-extension://[a-p]{32}"
    r"|moz-extension://[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
)


def is_extension_origin(origin: str | None) -> bool:
    """Whether `origin` is a browser extension's origin (exactly, no path, no port)."""
    return origin is not None and _EXTENSION_ORIGIN.fullmatch(origin) is not None


def tokens_match(given: str | None, expected: str) -> bool:
    """Whether `given` is the token, compared in constant time."""
    if given is None:
        return False
    return hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8"))


def load_or_create_token(path: Path) -> str:
    """The token stored in `path`, created (0600, never readable by others) if missing.

    Creation uses O_EXCL, so two processes starting at once agree on one token.
    A file others can read is tightened to 0600 before the token is used.
    """
    ensure_private_dir(path.parent)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_token(path)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(token + "\n")
    return token


def _read_token(path: Path) -> str:
    if path.stat().st_mode & 0o077:
        os.chmod(path, 0o600)
    token = path.read_text(encoding="ascii").strip()
    if len(token) < TOKEN_BYTES:
        raise ValueError(
            f"{path} holds no usable token ({len(token)} characters); delete it and "
            "start the service again to create a new one (the extension will need pairing)."
        )
    return token
