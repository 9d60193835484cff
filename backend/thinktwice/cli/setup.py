"""`thinktwice setup [--uninstall]`: let the browsers start ThinkTwice's native host."""

from __future__ import annotations

from pathlib import Path

from ..native import install
from ..server.settings import default_data_dir


def run_setup(
    *,
    data_dir: str | None,
    uninstall: bool,
    profiles: list[str],
    start_service: bool = True,
    extension_ids: tuple[str, ...] = (),
) -> int:
    """Register (or remove) the native host for Chrome, Chromium and Firefox; 0 when done."""
    directory = Path(data_dir).expanduser() if data_dir else default_data_dir()
    targets = [install.profile_target(Path(p).expanduser()) for p in profiles]
    targets = targets or install.default_targets()
    if uninstall:
        removed = install.uninstall(directory, targets)
        for path in removed:
            print(f"Removed {path}")
        if not removed:
            print("Nothing to remove: the native host was not registered.")
        return 0
    try:
        launcher = install.install(
            directory, targets, start_service=start_service, chrome_ids=extension_ids
        )
    except OSError as exc:
        print(f"thinktwice setup: {exc}")
        return 1
    for target in targets:
        print(f"{target.browser}: {target.manifest}")
    print(f"Native host: {launcher} (data in {directory})")
    print(
        "The extension now reaches the service through the browser, which starts it when "
        "needed; reload the extension if it is already open. `thinktwice setup --uninstall` "
        "undoes this."
    )
    return 0
