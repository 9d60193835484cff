"""Who may see the dashboard: one-time sign-in links, sessions, CSRF tokens.

- A sign-in link carries a random code (256 bits). The service keeps only the
  code's SHA-256 and when it expires (60 s by default): the link works once,
  because redeeming it removes it, and a leaked old link is worthless.
- Redeeming starts a session: a random id the browser keeps in an HttpOnly,
  SameSite=Strict cookie, and the service keeps, again by hash, with the
  session's CSRF token and its expiry (12 hours). Sessions live in memory only:
  restarting the service signs everyone out. Browsers share a host's cookies
  between its ports, so the cookie's name carries the port: two services on one
  machine keep their own sessions. (Pages on other ports of 127.0.0.1 count as
  the same site too: that is why forms also need the CSRF token and the
  dashboard's own Origin.)
- Every form carries the session's CSRF token, compared in constant time.

Both tables are bounded (the oldest entry goes first), so asking for links in a
loop cannot grow the service's memory. The clock is monotonic (a seam for tests):
changing the system time neither extends nor ends a session.
Used from the event loop only, so no locking.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from ..security import tokens_match

COOKIE = "thinktwice_session"
LINK_TTL_S = 60.0
SESSION_TTL_S = 12 * 3600.0
MAX_LINKS = 16
MAX_SESSIONS = 32
SECRET_BYTES = 32  # token_urlsafe(32): 43 characters
MAX_SECRET_CHARS = 128  # anything longer is not one of ours; no need to hash it

V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class Session:
    """One signed-in browser: its CSRF token and when it ends (clock seconds)."""

    csrf: str
    expires_at: float

    def allows(self, given: str | None) -> bool:
        """Whether a form's CSRF token is this session's (constant-time compare)."""
        return tokens_match(given, self.csrf)


class DashboardAuth:
    """The pending sign-in links and the open sessions of one running service."""

    def __init__(
        self,
        port: int,
        link_ttl_s: float = LINK_TTL_S,
        session_ttl_s: float = SESSION_TTL_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.cookie = f"{COOKIE}_{port}"
        self.link_ttl_s = link_ttl_s
        self.session_ttl_s = session_ttl_s
        self._clock = clock
        self._links: dict[str, float] = {}  # sha256(code) -> expires at
        self._sessions: dict[str, Session] = {}  # sha256(session id) -> session

    def issue_code(self) -> str:
        """A new single-use sign-in code, valid for `link_ttl_s` seconds."""
        now = self._clock()
        self._drop_expired(now)
        code = secrets.token_urlsafe(SECRET_BYTES)
        _bounded_put(self._links, _digest(code), now + self.link_ttl_s, MAX_LINKS)
        return code

    def redeem(self, code: str | None) -> str | None:
        """The new session's id for a valid unused code (which is then spent), else None."""
        if not code or len(code) > MAX_SECRET_CHARS:
            return None
        now = self._clock()
        expires_at = self._links.pop(_digest(code), None)
        if expires_at is None or expires_at <= now:
            return None
        session_id = secrets.token_urlsafe(SECRET_BYTES)
        session = Session(secrets.token_urlsafe(SECRET_BYTES), now + self.session_ttl_s)
        self._drop_expired(now)
        _bounded_put(self._sessions, _digest(session_id), session, MAX_SESSIONS)
        return session_id

    def session(self, session_id: str | None) -> Session | None:
        """The open session with this id, or None (unknown, ended or expired)."""
        if not session_id or len(session_id) > MAX_SECRET_CHARS:
            return None
        key = _digest(session_id)
        found = self._sessions.get(key)
        if found is None:
            return None
        if found.expires_at <= self._clock():
            del self._sessions[key]
            return None
        return found

    def end(self, session_id: str | None) -> None:
        """Sign this session out (nothing happens for an unknown id)."""
        if session_id and len(session_id) <= MAX_SECRET_CHARS:
            self._sessions.pop(_digest(session_id), None)

    def _drop_expired(self, now: float) -> None:
        for key in [k for k, at in self._links.items() if at <= now]:
            del self._links[key]
        for key in [k for k, s in self._sessions.items() if s.expires_at <= now]:
            del self._sessions[key]


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "replace")).hexdigest()


def _bounded_put(table: dict[str, V], key: str, value: V, limit: int) -> None:
    """Insert, dropping the oldest entries (dicts keep insertion order) past `limit`."""
    table[key] = value
    while len(table) > limit:
        del table[next(iter(table))]
