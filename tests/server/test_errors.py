"""One exception tree: every service error is a ServiceError, and each has its status."""

from __future__ import annotations

from pathlib import Path

import pytest

from thinktwice.errors import ServiceError, ThinkTwiceError
from thinktwice.history import HistoryUnavailable
from thinktwice.server.dashboard.pages import NotOnThisChannel, PageProblem
from thinktwice.server.errors import ApiError, status_of
from thinktwice.server.pairing import (
    AlreadyPaired,
    ExtensionOriginRequired,
    PairingCodeExpired,
    PairingCodeRequired,
    TooManyPairingAttempts,
    WrongPairingCode,
)
from thinktwice.server.settings import SettingsError
from thinktwice.server.workers import ProcessingTimeout


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (ApiError(404, "not_found", "No such id."), 404),
        (NotOnThisChannel(), 404),
        (PageProblem(400, "That period cannot be used", "Choose 1 to 3650 days."), 400),
        (ExtensionOriginRequired("Not an extension."), 403),
        (PairingCodeRequired("A code is needed."), 403),
        (AlreadyPaired("Paired already: run `thinktwice pair`."), 409),
        (WrongPairingCode("Wrong code."), 403),
        (PairingCodeExpired("Expired."), 403),
        (TooManyPairingAttempts("Too many."), 429),
        (ProcessingTimeout("Too slow."), 504),
        (HistoryUnavailable(Path("history.sqlite3"), "locked"), 503),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else str(value),
)
def test_each_service_error_is_a_service_error_with_its_status(
    error: ServiceError, status: int
) -> None:
    assert isinstance(error, ServiceError) and isinstance(error, ThinkTwiceError)
    assert status_of(error) == status


def test_a_bad_setting_is_a_service_error_and_a_value_error() -> None:
    assert issubclass(SettingsError, ServiceError) and issubclass(SettingsError, ValueError)
