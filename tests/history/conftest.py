"""A history in a fresh SQLite file per test, on a clock the test controls."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.clock import Clock
from thinktwice.history import History

from .build import ROWS, T0


@pytest.fixture
def clock() -> Clock:
    return Clock(T0)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "history.sqlite3"


@pytest.fixture
def history(db_path: Path, clock: Clock) -> Iterator[History]:
    with History(db_path, clock=clock) as opened:
        yield opened


@pytest.fixture
def filled(history: History) -> History:
    """The history holding ROWS: five inspections over four days."""
    for row in ROWS:
        history.add(row)
    return history
