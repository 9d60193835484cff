"""Pairing rules: every pairing, the first one and a repeated one, needs a fresh code."""

from __future__ import annotations

import json
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.server.conftest import EXTENSION, FIREFOX_EXTENSION, OTHER_EXTENSION
from tests.support.clock import Clock
from thinktwice.server.pairing import (
    CODE_ALPHABET,
    CODE_FILE,
    CODE_LENGTH,
    MAX_WRONG_CODES,
    PAIRED_FILE,
    AlreadyPaired,
    ExtensionOriginRequired,
    Pairing,
    PairingCodeExpired,
    PairingCodeRequired,
    TooManyPairingAttempts,
    WrongPairingCode,
    issue_code,
    read_paired,
)

THIRD_EXTENSION = "chrome-extension://" + "c" * 32


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 11, 21, 9, 0, tzinfo=UTC))


@pytest.fixture
def pairing(tmp_path: Path, clock: Clock) -> Pairing:
    """A pairing where EXTENSION has already paired, with a code."""
    p = Pairing(tmp_path, clock)
    p.pair(EXTENSION, issue_code(tmp_path, clock).code)
    return p


def test_the_first_extension_pairs_with_the_printed_code(tmp_path: Path, clock: Clock) -> None:
    issued = issue_code(tmp_path, clock)
    paired = Pairing(tmp_path, clock).pair(FIREFOX_EXTENSION, issued.code)
    assert (paired.origin, paired.method, paired.paired_at) == (
        FIREFOX_EXTENSION,
        "code",
        clock.now,
    )


def test_the_first_extension_is_not_trusted_without_a_code(tmp_path: Path) -> None:
    pairing = Pairing(tmp_path)
    with pytest.raises(PairingCodeRequired, match="thinktwice pair"):
        pairing.pair(EXTENSION, None)
    assert not pairing.is_paired(EXTENSION)
    assert not (tmp_path / PAIRED_FILE).exists()


def test_pairings_are_kept_private_on_disk(pairing: Pairing, tmp_path: Path) -> None:
    path = tmp_path / PAIRED_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.origin for p in read_paired(tmp_path)] == [EXTENSION]


def test_pairings_survive_a_restart(pairing: Pairing, tmp_path: Path) -> None:
    assert Pairing(tmp_path).is_paired(EXTENSION)


@pytest.mark.parametrize("code", [None, ""])
def test_a_paired_origin_without_a_code_is_refused(
    pairing: Pairing, code: str | None, tmp_path: Path
) -> None:
    # Any local program can send the real extension's Origin: claiming it proves nothing.
    before = (tmp_path / PAIRED_FILE).read_bytes()
    with pytest.raises(AlreadyPaired, match=r"already paired.*`thinktwice pair`") as refused:
        pairing.pair(EXTENSION, code)
    assert EXTENSION in str(refused.value)
    assert (tmp_path / PAIRED_FILE).read_bytes() == before


def test_a_paired_origin_without_a_code_is_refused_even_with_a_code_active(
    pairing: Pairing, tmp_path: Path
) -> None:
    issued = issue_code(tmp_path)
    with pytest.raises(AlreadyPaired):
        pairing.pair(EXTENSION, None)
    assert pairing.pair(OTHER_EXTENSION, issued.code).method == "code"  # not used up


def test_a_paired_origin_pairs_again_with_a_new_code(
    pairing: Pairing, tmp_path: Path, clock: Clock
) -> None:
    pairing.pair(OTHER_EXTENSION, issue_code(tmp_path, clock).code)
    clock.advance(minutes=5)
    again = pairing.pair(EXTENSION, issue_code(tmp_path, clock).code)
    assert (again.method, again.paired_at) == ("code", clock.now)
    # One record per origin, oldest first: the re-paired one is now the newest.
    assert [p.origin for p in read_paired(tmp_path)] == [OTHER_EXTENSION, EXTENSION]


def test_a_paired_origin_with_a_wrong_code_is_refused(pairing: Pairing, tmp_path: Path) -> None:
    issue_code(tmp_path)
    with pytest.raises(WrongPairingCode):
        pairing.pair(EXTENSION, "AAAA-AAAA")


def test_a_pairing_older_versions_made_on_first_use_stays_valid(tmp_path: Path) -> None:
    record = {"origin": EXTENSION, "paired_at": "2026-01-02T03:04:00+00:00", "method": "first_use"}
    (tmp_path / PAIRED_FILE).write_text(json.dumps([record]))
    (old,) = Pairing(tmp_path).paired()
    assert (old.origin, old.method) == (EXTENSION, "first_use")


def test_another_origin_needs_a_code(pairing: Pairing) -> None:
    with pytest.raises(PairingCodeRequired):
        pairing.pair(OTHER_EXTENSION, None)
    assert not pairing.is_paired(OTHER_EXTENSION)


def test_another_origin_pairs_with_the_printed_code(
    pairing: Pairing, tmp_path: Path, clock: Clock
) -> None:
    issued = issue_code(tmp_path, clock)
    assert pairing.pair(OTHER_EXTENSION, issued.code).method == "code"
    assert pairing.is_paired(OTHER_EXTENSION)


@pytest.mark.parametrize("spell", [str.lower, lambda c: f"{c[:4]}-{c[4:]}", lambda c: f" {c} "])
def test_a_code_may_be_typed_loosely(pairing: Pairing, tmp_path: Path, spell: object) -> None:
    issued = issue_code(tmp_path)
    assert callable(spell)
    assert pairing.pair(OTHER_EXTENSION, spell(issued.code)).origin == OTHER_EXTENSION


def test_a_code_works_once(pairing: Pairing, tmp_path: Path) -> None:
    issued = issue_code(tmp_path)
    pairing.pair(OTHER_EXTENSION, issued.code)
    with pytest.raises(PairingCodeRequired, match="No pairing code is active"):
        pairing.pair(THIRD_EXTENSION, issued.code)


def test_a_wrong_code_is_refused(pairing: Pairing, tmp_path: Path) -> None:
    issue_code(tmp_path)
    with pytest.raises(WrongPairingCode):
        pairing.pair(OTHER_EXTENSION, "AAAA-AAAA")


def test_too_many_wrong_codes_burn_the_code(pairing: Pairing, tmp_path: Path) -> None:
    issued = issue_code(tmp_path)
    for _ in range(MAX_WRONG_CODES - 1):
        with pytest.raises(WrongPairingCode):
            pairing.pair(OTHER_EXTENSION, "AAAA-AAAA")
    with pytest.raises(TooManyPairingAttempts):
        pairing.pair(OTHER_EXTENSION, "AAAA-AAAA")
    with pytest.raises(TooManyPairingAttempts):
        pairing.pair(OTHER_EXTENSION, issued.code)  # even the right one, now


def test_a_new_code_ends_the_lockout(pairing: Pairing, tmp_path: Path) -> None:
    issue_code(tmp_path)
    for _ in range(MAX_WRONG_CODES):
        with pytest.raises((WrongPairingCode, TooManyPairingAttempts)):
            pairing.pair(OTHER_EXTENSION, "AAAA-AAAA")
    fresh = issue_code(tmp_path)
    assert pairing.pair(OTHER_EXTENSION, fresh.code).method == "code"


def test_a_code_expires_after_ten_minutes(pairing: Pairing, tmp_path: Path, clock: Clock) -> None:
    issued = issue_code(tmp_path, clock)
    clock.advance(minutes=10, seconds=1)
    with pytest.raises(PairingCodeExpired):
        pairing.pair(OTHER_EXTENSION, issued.code)


@pytest.mark.parametrize(
    "origin",
    [
        None,
        "https://web.whatsapp.com",
        "http://127.0.0.1:8765",
        "null",
        "chrome-extension://short",
        "chrome-extension://" + "a" * 32 + "/path",
        "chrome-extension://" + "z" * 32,  # Chrome ids use the letters a-p only
        "moz-extension://not-a-uuid",
    ],
)
def test_only_an_extension_origin_can_ever_pair(tmp_path: Path, origin: str | None) -> None:
    with pytest.raises(ExtensionOriginRequired):
        Pairing(tmp_path).pair(origin, issue_code(tmp_path).code)
    assert not (tmp_path / PAIRED_FILE).exists()


def test_codes_are_short_and_unambiguous(tmp_path: Path) -> None:
    codes = {issue_code(tmp_path).code for _ in range(50)}
    assert len(codes) == 50
    assert all(len(c) == CODE_LENGTH and set(c) <= set(CODE_ALPHABET) for c in codes)
    assert not set("01IO") & set(CODE_ALPHABET)


def test_only_the_codes_hash_is_stored(tmp_path: Path) -> None:
    issued = issue_code(tmp_path)
    path = tmp_path / CODE_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert issued.code not in path.read_text()
    assert set(json.loads(path.read_text())) == {"salt", "sha256", "expires_at"}


def test_a_damaged_pairing_file_is_named(tmp_path: Path) -> None:
    (tmp_path / PAIRED_FILE).write_text("{not json")
    with pytest.raises(ValueError, match=PAIRED_FILE):
        Pairing(tmp_path)
