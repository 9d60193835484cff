"""A history in a fresh SQLite file per test, on a clock the test controls."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from thinktwice.history import History

from .build import Clock


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "history.sqlite3"


@pytest.fixture
def history(db_path: Path, clock: Clock) -> Iterator[History]:
    with History(db_path, clock=clock) as opened:
        yield opened
