"""The token file, the constant-time compare, and what counts as an extension origin."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from thinktwice.server.security import (
    is_extension_origin,
    load_or_create_token,
    tokens_match,
)


def test_the_token_is_created_private_and_strong(tmp_path: Path) -> None:
    path = tmp_path / "data" / "token"
    token = load_or_create_token(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert len(token) >= 43


def test_the_token_is_created_once(tmp_path: Path) -> None:
    path = tmp_path / "token"
    assert load_or_create_token(path) == load_or_create_token(path)


def test_a_token_file_others_can_read_is_tightened(tmp_path: Path) -> None:
    path = tmp_path / "token"
    load_or_create_token(path)
    path.chmod(0o644)
    load_or_create_token(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_an_empty_token_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "token"
    path.write_text("\n")
    with pytest.raises(ValueError, match="no usable token"):
        load_or_create_token(path)


@pytest.mark.parametrize(
    ("given", "expected"),
    [("secret", True), ("Secret", False), ("secre", False), ("secret ", False), (None, False),
     ("", False), ("sécret", False)],
)  # fmt: skip
def test_tokens_match_exactly(given: str | None, expected: bool) -> None:
    assert tokens_match(given, "secret") is expected


@pytest.mark.parametrize(
    ("origin", "expected"),
    [
        ("chrome-extension://abcdefghijklmnopabcdefghijklmnop", True),
        ("moz-extension://0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9", True),
        ("chrome-extension://abcdefghijklmnopabcdefghijklmnoq", False),
        ("chrome-extension://abcdefghijklmnopabcdefghijklmnop/", False),
        ("CHROME-EXTENSION://abcdefghijklmnopabcdefghijklmnop", False),
        ("https://abcdefghijklmnopabcdefghijklmnop", False),
        ("null", False),
        (None, False),
    ],
)
def test_extension_origins_are_recognised_exactly(origin: str | None, expected: bool) -> None:
    assert is_extension_origin(origin) is expected
