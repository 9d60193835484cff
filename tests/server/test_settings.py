"""Settings refuse what is unsafe or unworkable, naming the setting and its value."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from thinktwice.server.settings import Settings, SettingsError, check_setting


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_loopback_hosts_are_accepted(tmp_path: Path, host: str) -> None:
    assert Settings(host=host, data_dir=tmp_path).loopback


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "example.com"])
def test_a_non_loopback_host_is_refused_by_default(tmp_path: Path, host: str) -> None:
    with pytest.raises(SettingsError, match=f"Refusing to listen on {host}"):
        Settings(host=host, data_dir=tmp_path)


def test_a_non_loopback_host_is_allowed_when_asked(tmp_path: Path) -> None:
    settings = Settings(host="192.168.1.10", data_dir=tmp_path, allow_remote=True)
    assert not settings.loopback
    assert "192.168.1.10:8765" in settings.allowed_hosts


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("port", 0),
        ("port", 70000),
        ("port", 8765.5),
        ("max_upload_bytes", 0),
        ("max_pixels", -1),
        ("timeout_s", 0),
        ("cache_items", 0),
        ("retention_days", 0),
        ("retention_days", 4000),
        ("workers", 0),
        ("workers", True),
        ("head_timeout_s", 0),
        ("head_timeout_s", 3600),
        ("head_timeout_s", float("nan")),  # in no range, so it must not slip through
        ("body_timeout_s", 0),
        ("body_timeout_s", 3600),
        ("max_connections", 0),
        ("max_connections", 1.5),
        ("inflight_bytes", 0),
    ],
)
def test_out_of_range_values_are_refused_by_name(tmp_path: Path, name: str, value: object) -> None:
    with pytest.raises(SettingsError, match=f"'{name}' has value {value!r}"):
        Settings(data_dir=tmp_path, **{name: value})  # type: ignore[arg-type]


def test_one_setting_can_be_checked_alone_by_the_same_rules() -> None:
    check_setting("body_timeout_s", 2.5)
    with pytest.raises(SettingsError, match=r"'inflight_bytes' has value 1000\. Must be at least"):
        check_setting("inflight_bytes", 1000)  # below the default max_upload_bytes


def test_the_slow_client_limits_have_safe_defaults(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    assert settings.head_timeout_s == 10
    assert settings.body_timeout_s == 15
    assert settings.inflight_bytes == 256 * 1024 * 1024
    assert 1000 <= settings.max_connections <= 5000


def test_an_in_flight_budget_below_one_upload_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="'inflight_bytes' has value 1000"):
        Settings(data_dir=tmp_path, max_upload_bytes=2000, inflight_bytes=1000)


def test_the_host_header_names_are_loopback_with_the_port(tmp_path: Path) -> None:
    assert Settings(port=9000, data_dir=tmp_path).allowed_hosts == {
        "127.0.0.1:9000",
        "localhost:9000",
        "[::1]:9000",
    }


def test_the_engine_limits_follow_the_settings(tmp_path: Path) -> None:
    limits = Settings(max_upload_bytes=1000, max_pixels=50, data_dir=tmp_path).limits
    assert (limits.max_bytes, limits.max_pixels) == (1000, 50)


def test_stored_settings_are_read_and_options_win(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text(json.dumps({"retention_days": 30}))
    assert Settings.load(tmp_path).retention_days == 30
    assert Settings.load(tmp_path, retention_days=7).retention_days == 7
    assert Settings.load(tmp_path, port=None).port == 8765


@pytest.mark.parametrize(
    ("text", "match"),
    [("{nope", "not valid JSON"), ("[1]", "JSON object"), ('{"host": "0.0.0.0"}', "host")],
)
def test_bad_stored_settings_are_named(tmp_path: Path, text: str, match: str) -> None:
    (tmp_path / "settings.json").write_text(text)
    with pytest.raises(SettingsError, match=match):
        Settings.load(tmp_path)
