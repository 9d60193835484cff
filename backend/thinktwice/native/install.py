"""Registering the native host with the browsers (`thinktwice setup`), and undoing it.

A browser starts a native host only when a manifest in the user's profile
names it and lists the calling extension: Chrome and Chromium by origin
(`allowed_origins`), Firefox by add-on id (`allowed_extensions`). Setup writes

- DATA_DIR/thinktwice-host, a launcher (0700) running this Python with
  `-m thinktwice.native --data-dir DATA_DIR`: a browser passes no arguments
  of ours, so the launcher carries them;
- HOST_NAME.json for Chrome, Chromium and Firefox (Linux and macOS paths), or
  in `<DIR>/NativeMessagingHosts` for a Chromium profile run with
  `--user-data-dir DIR`.

The extension's ids are fixed: Chrome's comes from the public key in
extension/manifest.json (tests check the two agree), Firefox's is the gecko id.
A copy installed from the Chrome Web Store has the id the store gave it, which
`--extension-id` adds to the Chrome manifests. Stdlib only.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shlex
import site
import sys
from dataclasses import dataclass
from pathlib import Path

from .. import __file__ as _package_file

HOST_NAME = "org.thinktwice.host"
CHROME_EXTENSION_ID = "pjkbminpbkaimcnhjllfkhblfnibfmac"
GECKO_EXTENSION_ID = "thinktwice@thinktwice"
LAUNCHER_NAME = "thinktwice-host"
DESCRIPTION = "ThinkTwice: checks photos before they are sent (relays to the local service)"
CHROME_ID_PATTERN = re.compile(r"[a-p]{32}")  # Chrome's ids: 32 letters from a to p


@dataclass(frozen=True, slots=True)
class Target:
    """One browser's folder of native host manifests, and which key lists the extension."""

    browser: str
    folder: Path
    firefox: bool = False

    @property
    def manifest(self) -> Path:
        """The host manifest's path in this browser's folder."""
        return self.folder / f"{HOST_NAME}.json"


def default_targets(home: Path | None = None) -> list[Target]:
    """Where Chrome, Chromium and Firefox look for a user's host manifests."""
    home = home if home is not None else Path.home()
    if sys.platform == "darwin":
        support = home / "Library" / "Application Support"
        return [
            Target("Chrome", support / "Google" / "Chrome" / "NativeMessagingHosts"),
            Target("Chromium", support / "Chromium" / "NativeMessagingHosts"),
            Target("Firefox", support / "Mozilla" / "NativeMessagingHosts", firefox=True),
        ]
    config = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
    return [
        Target("Chrome", config / "google-chrome" / "NativeMessagingHosts"),
        Target("Chromium", config / "chromium" / "NativeMessagingHosts"),
        Target("Firefox", home / ".mozilla" / "native-messaging-hosts", firefox=True),
    ]


def profile_target(user_data_dir: Path) -> Target:
    """The manifest folder of a Chromium started with `--user-data-dir user_data_dir`."""
    return Target(f"Chromium profile {user_data_dir}", user_data_dir / "NativeMessagingHosts")


def chrome_extension_id(text: str) -> str:
    """`text` as a Chrome extension id; ValueError naming it when it is not one."""
    if not CHROME_ID_PATTERN.fullmatch(text):
        raise ValueError(f"{text!r} is not a Chrome extension id (32 letters from a to p)")
    return text


def host_manifest(
    target: Target, launcher: Path, chrome_ids: tuple[str, ...] = ()
) -> dict[str, object]:
    """The manifest that lets only ThinkTwice's extension start the launcher: its own
    id, and in Chrome's the ids in `chrome_ids` (a store-installed copy's)."""
    manifest: dict[str, object] = {
        "name": HOST_NAME,
        "description": DESCRIPTION,
        "path": str(launcher),
        "type": "stdio",
    }
    if target.firefox:
        manifest["allowed_extensions"] = [GECKO_EXTENSION_ID]
    else:
        ids = dict.fromkeys((CHROME_EXTENSION_ID, *chrome_ids))
        manifest["allowed_origins"] = [f"chrome-extension://{id_}/" for id_ in ids]
    return manifest


def launcher_script(data_dir: Path, *, start_service: bool = True) -> str:
    """The launcher's text: this Python, this package, this data directory."""
    command = [sys.executable, "-m", "thinktwice.native", "--data-dir", str(data_dir)]
    if not start_service:
        command.append("--no-start")
    lines = ["#!/bin/sh", "# Written by `thinktwice setup`; the browser runs it."]
    source = str(Path(_package_file).resolve().parent.parent)
    if source not in [*site.getsitepackages(), site.getusersitepackages()]:
        lines.append(f"PYTHONPATH={shlex.quote(source)}; export PYTHONPATH")  # a checkout
    lines.append(f'exec {" ".join(shlex.quote(part) for part in command)} "$@"')
    return "\n".join(lines) + "\n"


def install(
    data_dir: Path,
    targets: list[Target],
    *,
    start_service: bool = True,
    chrome_ids: tuple[str, ...] = (),
) -> Path:
    """Write the launcher and every target's manifest; the launcher's path."""
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    launcher = data_dir / LAUNCHER_NAME
    _write(launcher, launcher_script(data_dir, start_service=start_service), 0o700)
    for target in targets:
        target.folder.mkdir(parents=True, exist_ok=True)
        text = json.dumps(host_manifest(target, launcher, chrome_ids), indent=2) + "\n"
        _write(target.manifest, text, 0o644)
    return launcher


def uninstall(data_dir: Path, targets: list[Target]) -> list[Path]:
    """Remove the manifests and the launcher; the files that were there."""
    removed = []
    for path in [t.manifest for t in targets] + [data_dir / LAUNCHER_NAME]:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed.append(path)
    return removed


def _write(path: Path, text: str, mode: int) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.chmod(tmp, mode)
    os.replace(tmp, path)
