"""Pairing: how an extension gets the token, and who decides which extension may.

- Every pairing needs the short code `thinktwice pair` prints, the first one
  too: 8 characters, valid 10 minutes, single use. The command writes the
  code's salted hash and expiry to DATA_DIR/pairing-code.json; the service
  reads it, compares in constant time and deletes it once used. Five wrong
  codes burn it (429 until a new code is printed).
- No trust on first use: any local program can reach the port and forge an
  Origin header, so being first proves nothing. Typing the code does: only
  someone who can run `thinktwice pair` as this user can read it.
- An origin that already paired never gets the token again without a code
  (AlreadyPaired): the origin may be forged, replaying the real extension's
  id. With a valid code it pairs again (its extension lost the token).
- Only extension origins pair; a web page or a request without an Origin never can.

Records written by older versions may say "first_use"; they stay valid.

Paired origins live in DATA_DIR/paired.json (0600). Stdlib only: the CLI uses it.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

from ..errors import ServiceError
from .private import write_private
from .security import is_extension_origin

PAIRED_FILE = "paired.json"
CODE_FILE = "pairing-code.json"
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud, typed by hand
CODE_LENGTH = 8
CODE_TTL = timedelta(minutes=10)
MAX_WRONG_CODES = 5

# "first_use" only in records older versions wrote; every new pairing is "code".
Method = Literal["first_use", "code"]
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


class PairingError(ServiceError):
    """A pairing request was refused; `code` names why for the JSON error."""

    code = "pairing_refused"


class ExtensionOriginRequired(PairingError):
    """The request does not come from a browser extension's origin."""

    code = "extension_origin_required"


class PairingCodeRequired(PairingError):
    """No code was given: pairing needs the one `thinktwice pair` prints."""

    code = "pairing_code_required"


class AlreadyPaired(PairingError):
    """The origin claims to be paired already: without a code it gets nothing again."""

    code = "already_paired"


class WrongPairingCode(PairingError):
    """The code given is not the active one."""

    code = "wrong_pairing_code"


class PairingCodeExpired(PairingError):
    """The code was right but is older than CODE_TTL."""

    code = "pairing_code_expired"


class TooManyPairingAttempts(PairingError):
    """Too many wrong codes: the active one is burned until a new one is printed."""

    code = "too_many_attempts"


@dataclass(frozen=True, slots=True)
class PairedOrigin:
    """An extension origin allowed to use the service, since when, and how."""

    origin: str
    paired_at: datetime
    method: Method

    def to_json(self) -> dict[str, str]:
        """The record as paired.json keeps it."""
        return {
            "origin": self.origin,
            "paired_at": self.paired_at.isoformat(),
            "method": self.method,
        }


@dataclass(frozen=True, slots=True)
class IssuedCode:
    """A pairing code as `thinktwice pair` shows it, and when it stops working."""

    code: str
    expires_at: datetime

    @property
    def display(self) -> str:
        """The code split in two halves, easier to read and type ("ABCD-EFGH")."""
        half = CODE_LENGTH // 2
        return f"{self.code[:half]}-{self.code[half:]}"


@dataclass(frozen=True, slots=True)
class _StoredCode:
    salt: str
    digest: str
    expires_at: datetime


def issue_code(data_dir: Path, clock: Clock = utc_now) -> IssuedCode:
    """Create a fresh pairing code, replacing any earlier one; only its hash is stored."""
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    salt = secrets.token_hex(16)
    expires_at = clock() + CODE_TTL
    record = {"salt": salt, "sha256": _digest(salt, code), "expires_at": expires_at.isoformat()}
    write_private(data_dir / CODE_FILE, json.dumps(record).encode())
    return IssuedCode(code, expires_at)


def read_paired(data_dir: Path) -> list[PairedOrigin]:
    """The paired origins recorded in DATA_DIR/paired.json, oldest first."""
    path = data_dir / PAIRED_FILE
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
        return [
            PairedOrigin(r["origin"], datetime.fromisoformat(r["paired_at"]), r["method"])
            for r in records
        ]
    except FileNotFoundError:
        return []
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError(
            f"{path} is damaged ({exc!r}); delete it to pair the extension again."
        ) from None


class Pairing:
    """The paired origins (kept in memory, written through) and the pairing rules."""

    def __init__(self, data_dir: Path, clock: Clock = utc_now) -> None:
        self._data_dir = data_dir
        self._clock = clock
        self._lock = threading.Lock()
        self._origins = {p.origin: p for p in read_paired(data_dir)}
        self._wrong = 0  # wrong codes tried against the current code
        self._code_salt: str | None = None  # which code `_wrong` counts for
        self._burned: str | None = None  # the salt of a code burned by wrong tries

    def paired(self) -> tuple[PairedOrigin, ...]:
        """Every paired origin, oldest first."""
        return tuple(self._origins.values())

    def is_paired(self, origin: str) -> bool:
        """Whether `origin` has paired."""
        return origin in self._origins

    @property
    def any_paired(self) -> bool:
        """Whether some extension has paired."""
        return bool(self._origins)

    def pair(self, origin: str | None, code: str | None) -> PairedOrigin:
        """Pair `origin` with the code `thinktwice pair` printed, or raise a PairingError.

        An origin that paired before pairs again (a fresh record, method "code");
        without a valid code it is refused like any other (AlreadyPaired).
        """
        if origin is None or not is_extension_origin(origin):
            raise ExtensionOriginRequired(
                "Only the ThinkTwice browser extension can pair, from its own origin "
                f"(chrome-extension:// or moz-extension://); got {_shown(origin)}."
            )
        with self._lock:
            self._check_code(code, origin)
            paired = PairedOrigin(origin, self._clock(), "code")
            self._origins.pop(origin, None)  # a re-pairing is the newest: oldest first stays true
            self._origins[origin] = paired
            records = [p.to_json() for p in self._origins.values()]
            write_private(self._data_dir / PAIRED_FILE, json.dumps(records, indent=2).encode())
            return paired

    def _check_code(self, code: str | None, origin: str) -> None:
        stored = _read_code(self._data_dir / CODE_FILE)
        salt = stored.salt if stored else None
        if self._burned is not None and salt in (None, self._burned):
            raise TooManyPairingAttempts(
                "Too many wrong pairing codes. Run `thinktwice pair` for a new code."
            )
        if salt != self._code_salt:  # a new code was printed: a fresh count
            self._code_salt, self._wrong, self._burned = salt, 0, None
        if not code and origin in self._origins:
            raise AlreadyPaired(
                f"{_shown(origin)} is already paired; its token is not handed out again "
                "without a code. Run `thinktwice pair` and enter the code it prints to pair "
                "it again."
            )
        if not code:
            raise PairingCodeRequired(
                f"Pairing {_shown(origin)} needs a code. Run `thinktwice pair` and enter the "
                "code it prints."
            )
        if stored is None:
            raise PairingCodeRequired("No pairing code is active. Run `thinktwice pair` first.")
        given = "".join(ch for ch in code.upper() if ch.isalnum())
        if not hmac.compare_digest(_digest(stored.salt, given), stored.digest):
            self._wrong += 1
            if self._wrong >= MAX_WRONG_CODES:
                self._burned = stored.salt
                self._discard_code()
                raise TooManyPairingAttempts(
                    f"{MAX_WRONG_CODES} wrong pairing codes: the code is no longer valid. "
                    "Run `thinktwice pair` for a new one."
                )
            left = MAX_WRONG_CODES - self._wrong
            raise WrongPairingCode(f"That pairing code is wrong ({left} attempt(s) left).")
        self._discard_code()  # single use, right or expired
        if stored.expires_at <= self._clock():
            raise PairingCodeExpired("That pairing code has expired. Run `thinktwice pair` again.")

    def _discard_code(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            (self._data_dir / CODE_FILE).unlink()


def _read_code(path: Path) -> _StoredCode | None:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        return _StoredCode(
            str(record["salt"]), str(record["sha256"]), datetime.fromisoformat(record["expires_at"])
        )
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, TypeError):
        return None  # a damaged code file is no code: `thinktwice pair` writes a new one


def _digest(salt: str, code: str) -> str:
    return hashlib.sha256(f"{salt}:{code}".encode()).hexdigest()


def _shown(origin: str | None) -> str:
    return "no Origin header" if origin is None else repr(origin[:100])
