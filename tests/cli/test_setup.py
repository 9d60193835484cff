"""`thinktwice setup`: the browsers may start the native host, and only for ThinkTwice."""

from __future__ import annotations

import json
import os
import stat
import struct
import subprocess
from pathlib import Path

import pytest

from thinktwice.cli import main
from thinktwice.native.install import CHROME_EXTENSION_ID, GECKO_EXTENSION_ID, HOST_NAME


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A person's home folder with nothing registered in it yet."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    return tmp_path / "home"


def manifests(home: Path) -> dict[str, Path]:
    name = f"{HOST_NAME}.json"
    return {
        "Chrome": home / ".config" / "google-chrome" / "NativeMessagingHosts" / name,
        "Chromium": home / ".config" / "chromium" / "NativeMessagingHosts" / name,
        "Firefox": home / ".mozilla" / "native-messaging-hosts" / name,
    }


def test_setup_registers_the_host_for_chrome_chromium_and_firefox(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    assert main(["setup", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    launcher = data / "thinktwice-host"
    for browser, path in manifests(home).items():
        assert f"{browser}: {path}" in out
        manifest = json.loads(path.read_text())
        assert manifest["name"] == HOST_NAME and manifest["type"] == "stdio"
        assert manifest["path"] == str(launcher)
    chrome = json.loads(manifests(home)["Chrome"].read_text())
    assert chrome["allowed_origins"] == [f"chrome-extension://{CHROME_EXTENSION_ID}/"]
    firefox = json.loads(manifests(home)["Firefox"].read_text())
    assert firefox["allowed_extensions"] == [GECKO_EXTENSION_ID]
    assert "allowed_origins" not in firefox
    assert stat.S_IMODE(launcher.stat().st_mode) == 0o700
    assert stat.S_IMODE(data.stat().st_mode) == 0o700


def test_the_launcher_starts_the_host_for_this_data_dir(home: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert main(["setup", "--data-dir", str(data), "--no-start"]) == 0
    hello = json.dumps({"type": "hello", "protocol": 1}).encode()
    request = json.dumps({"type": "request", "id": 1, "method": "GET", "path": "/v1/health"})
    frames = struct.pack("=I", len(hello)) + hello
    frames += struct.pack("=I", len(request)) + request.encode()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # as a browser starts it
    done = subprocess.run(
        [str(data / "thinktwice-host"), f"chrome-extension://{CHROME_EXTENSION_ID}/"],
        input=frames,
        capture_output=True,
        timeout=60,
        env=env,
        check=True,
    )
    first = struct.unpack("=I", done.stdout[:4])[0]
    assert json.loads(done.stdout[4 : 4 + first])["app"] == "thinktwice"
    error = json.loads(done.stdout[8 + first :])
    assert error["reason"] == "not_running" and str(data) in error["message"]  # --no-start


def test_a_chromium_profile_can_be_registered_instead(home: Path, tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    data = tmp_path / "data"
    assert main(["setup", "--data-dir", str(data), "--chromium-profile", str(profile)]) == 0
    assert (profile / "NativeMessagingHosts" / f"{HOST_NAME}.json").is_file()
    assert not any(path.exists() for path in manifests(home).values())


def test_uninstall_removes_everything_setup_wrote(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    main(["setup", "--data-dir", str(data)])
    capsys.readouterr()
    assert main(["setup", "--uninstall", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert not any(path.exists() for path in manifests(home).values())
    assert not (data / "thinktwice-host").exists()
    assert out.count("Removed ") == 4
    assert main(["setup", "--uninstall", "--data-dir", str(data)]) == 0
    assert "Nothing to remove" in capsys.readouterr().out


def test_a_store_installed_copy_is_let_in_by_its_id(home: Path, tmp_path: Path) -> None:
    store_id = "abcdefghijklmnopabcdefghijklmnop"
    args = ["setup", "--data-dir", str(tmp_path / "data"), "--extension-id", store_id]
    assert main(args) == 0
    for browser in ("Chrome", "Chromium"):
        chrome = json.loads(manifests(home)[browser].read_text())
        assert chrome["allowed_origins"] == [
            f"chrome-extension://{CHROME_EXTENSION_ID}/",
            f"chrome-extension://{store_id}/",
        ]
    firefox = json.loads(manifests(home)["Firefox"].read_text())
    assert firefox["allowed_extensions"] == [GECKO_EXTENSION_ID]  # Firefox ids are fixed


@pytest.mark.parametrize(
    "bad", ["ABCDEFGHIJKLMNOPABCDEFGHIJKLMNOP", "abc", "qrstuvwxyzqrstuvwxyzqrstuvwxyzqr"]
)
def test_an_extension_id_that_is_not_one_is_refused_by_name(
    home: Path, tmp_path: Path, bad: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["setup", "--data-dir", str(tmp_path / "data"), "--extension-id", bad])
    assert exit_.value.code == 2
    assert (
        f"{bad!r} is not a Chrome extension id (32 letters from a to p)" in capsys.readouterr().err
    )
    assert not manifests(home)["Chrome"].exists()  # nothing written
