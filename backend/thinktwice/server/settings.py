"""The service's settings: where it listens, where it keeps its data, its limits.

Settings are checked when they are built, so an unsafe or unworkable value stops
the service before it listens, with a message naming the setting and its value.
The one unsafe setting is a non-loopback host: anyone on the network could then
reach the service, so it is refused unless `allow_remote` says it is meant.

A few settings a person may want to keep between runs (today: the retention
period, which the dashboard sets) are kept in DATA_DIR/settings.json;
command-line values win.
This module imports nothing heavy: the `token`, `pair` and `status` commands use it.
"""

from __future__ import annotations

import ipaddress
import json
import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from ..errors import ServiceError
from ..limits import Limits
from .private import write_private

MiB = 1024 * 1024
MAX_UPLOAD_BYTES = 64 * MiB  # the default; the extension does not send bigger files
# A video over SPARSE_VIDEO_BYTES is sent in part (formats/video/sparse.py): its metadata,
# index, telemetry and key frames; the whole may then be up to MAX_VIDEO_BYTES.
SPARSE_VIDEO_BYTES = 16 * MiB
MAX_VIDEO_BYTES = 4 * 1024 * MiB
APP_NAME = "thinktwice"
SETTINGS_FILE = "settings.json"
# Keys settings.json may hold: what a person sets once and keeps.
STORED_KEYS = ("retention_days",)


class SettingsError(ServiceError, ValueError):
    """A setting has a value the service cannot or must not run with (a ValueError too:
    it is one)."""

    code = "invalid_setting"


def default_data_dir() -> Path:
    """The user's data directory for ThinkTwice (e.g. ~/.local/share/thinktwice)."""
    import platformdirs  # only needed when no --data-dir is given

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_workers() -> int:
    """Engine threads: the cores, at most 4 (the engine is mostly GIL-bound Python)."""
    return max(1, min(4, os.cpu_count() or 1))


def is_loopback(host: str) -> bool:
    """Whether `host` names this machine only (127.0.0.0/8, ::1 or "localhost")."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the service needs to know to start; checked on creation."""

    host: str = "127.0.0.1"
    port: int = 8765
    data_dir: Path = field(default_factory=default_data_dir)
    allow_remote: bool = False
    max_upload_bytes: int = MAX_UPLOAD_BYTES
    max_pixels: int = 100_000_000
    timeout_s: float = 30.0
    cache_items: int = 32
    cache_bytes: int = 256 * MiB
    cache_ttl_s: float = 300.0
    retention_days: int = 90
    workers: int = field(default_factory=default_workers)
    # Pixel analysis (nudity, faces, codes, text) unless a request says otherwise.
    pixels: bool = True
    # Slow clients: how long a request head and each read of a body may take,
    # how many connections may be open, how many upload bytes may be held at once.
    head_timeout_s: float = 10.0
    body_timeout_s: float = 15.0
    max_connections: int = 3000
    inflight_bytes: int = 256 * MiB

    def __post_init__(self) -> None:
        object.__setattr__(self, "data_dir", Path(self.data_dir).expanduser())
        for name, (low, high) in _RANGES.items():
            value = getattr(self, name)
            number = isinstance(value, int | float) and not isinstance(value, bool)
            # Written as "not in range" rather than "out of range": NaN is in no range.
            if not number or not value >= low or (high is not None and not value <= high):
                bounds = f"at least {low:g}" if high is None else f"from {low:g} to {high:g}"
                raise SettingsError(f"Setting {name!r} has value {value!r}. Must be {bounds}.")
            if isinstance(value, float) and name not in _FRACTIONAL:
                raise SettingsError(f"Setting {name!r} has value {value!r}. Not a whole number.")
        if self.inflight_bytes < self.max_upload_bytes:
            raise SettingsError(
                f"Setting 'inflight_bytes' has value {self.inflight_bytes!r}. Must be at least "
                f"max_upload_bytes ({self.max_upload_bytes!r}), or the largest accepted "
                "upload could never be read."
            )
        if not self.host:
            raise SettingsError("Setting 'host' is empty. Use 127.0.0.1 for this machine only.")
        if not self.allow_remote and not is_loopback(self.host):
            raise SettingsError(
                f"Refusing to listen on {self.host}: it is not a loopback address, so other "
                "machines could reach the service and every photo sent to it. Use 127.0.0.1, "
                "or pass --allow-remote if that is really meant."
            )

    @property
    def loopback(self) -> bool:
        """Whether the service is reachable from this machine only."""
        return is_loopback(self.host)

    @property
    def limits(self) -> Limits:
        """The engine's limits: the upload cap and the pixel cap (decompression bombs)."""
        return Limits(max_bytes=self.max_upload_bytes, max_pixels=self.max_pixels)

    @property
    def video_limits(self) -> Limits:
        """The limits of a video sent in part: the whole file up to MAX_VIDEO_BYTES."""
        return Limits(max_bytes=MAX_VIDEO_BYTES, max_pixels=self.max_pixels)

    @property
    def allowed_hosts(self) -> frozenset[str]:
        """The Host header values the service answers to (DNS-rebinding defence)."""
        names = {"127.0.0.1", "localhost", "[::1]"}
        if not self.loopback and self.host not in ("0.0.0.0", "::"):
            names.add(f"[{self.host}]" if ":" in self.host else self.host.lower())
        hosts = {f"{name}:{self.port}" for name in names}
        if self.port == 80:  # browsers leave out the default port
            hosts |= names
        return frozenset(hosts)

    @property
    def token_path(self) -> Path:
        """DATA_DIR/token."""
        return self.data_dir / "token"

    @property
    def history_path(self) -> Path:
        """DATA_DIR/history.sqlite3."""
        return self.data_dir / "history.sqlite3"

    @property
    def settings_path(self) -> Path:
        """DATA_DIR/settings.json."""
        return self.data_dir / SETTINGS_FILE

    @classmethod
    def load(cls, data_dir: Path | str | None = None, **overrides: Any) -> Settings:
        """Settings for `data_dir`: defaults, then settings.json, then `overrides`.

        `None` overrides are ignored, so command-line options that were not
        given keep the stored or default value.
        """
        directory = Path(data_dir).expanduser() if data_dir is not None else default_data_dir()
        values: dict[str, Any] = read_stored(directory / SETTINGS_FILE)
        values.update({k: v for k, v in overrides.items() if v is not None})
        unknown = set(values) - {f.name for f in fields(cls)}
        if unknown:
            raise SettingsError(f"Unknown setting(s): {', '.join(sorted(unknown))}.")
        return cls(data_dir=directory, **values)


def check_setting(name: str, value: object) -> None:
    """Raise SettingsError if setting `name` cannot have `value`, every other at its default.

    The command line checks its options with this while parsing, so a bad value
    is refused naming the option, by the very rules the service starts with.
    """
    overrides: dict[str, Any] = {name: value}
    Settings(data_dir=Path(), **overrides)  # a relative dir: nothing is read or created


# Numeric settings and their bounds (None: no upper bound).
_RANGES: dict[str, tuple[float, float | None]] = {
    "port": (1, 65535),
    "max_upload_bytes": (1, None),
    "max_pixels": (1, None),
    "timeout_s": (0.001, None),
    "cache_items": (1, None),
    "cache_bytes": (1, None),
    "cache_ttl_s": (0.001, None),
    "retention_days": (1, 3650),  # the history's own bounds
    "workers": (1, 256),
    # Without these bounds a slow client could hold a connection or its bytes for ever.
    "head_timeout_s": (0.001, 300),
    "body_timeout_s": (0.001, 600),
    "max_connections": (1, 100_000),
    "inflight_bytes": (1, None),
}
_FRACTIONAL = frozenset({"timeout_s", "cache_ttl_s", "head_timeout_s", "body_timeout_s"})


def read_stored(path: Path) -> dict[str, Any]:
    """The settings kept in `path` (settings.json), or {} when there is none."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    try:
        stored = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SettingsError(f"{path} is not valid JSON ({exc}).") from None
    if not isinstance(stored, dict):
        raise SettingsError(f"{path} must hold a JSON object, not {type(stored).__name__}.")
    unknown = set(stored) - set(STORED_KEYS)
    if unknown:
        raise SettingsError(
            f"{path} has unknown key(s) {', '.join(sorted(unknown))}; "
            f"it may hold: {', '.join(STORED_KEYS)}."
        )
    return stored


def write_stored(path: Path, **values: Any) -> None:
    """Keep `values` in `path` (settings.json) with what it already holds.

    Written atomically, mode 0600; only STORED_KEYS may be kept (SettingsError otherwise).
    """
    unknown = set(values) - set(STORED_KEYS)
    if unknown:
        raise SettingsError(
            f"Only {', '.join(STORED_KEYS)} can be stored, not {', '.join(sorted(unknown))}."
        )
    stored = read_stored(path)
    stored.update(values)
    write_private(path, (json.dumps(stored, indent=2, sort_keys=True) + "\n").encode("utf-8"))
