"""Many clients at once against a real `thinktwice serve` process: no error, no lost
history row, flat memory. scripts/fuzz --load runs the full 50 x 1 000."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.hardening.load import LoadResult, Service, images, load, serve

CLIENTS, REQUESTS, WARM_UP = 20, 200, 20
MEMORY_GROWTH_KIB = 100 * 1024


@pytest.fixture(scope="module")
def loaded(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Service, LoadResult, int, int]]:
    files = images()
    with serve(tmp_path_factory.mktemp("data")) as service:
        warm = load(service, 4, WARM_UP, files)  # imports and caches are not growth
        assert not warm.errors, warm.errors
        before = service.rss_kib()
        result = load(service, CLIENTS, REQUESTS, files)
        after = service.rss_kib()
        yield service, result, before, after


def test_every_inspection_succeeds(loaded: tuple[Service, LoadResult, int, int]) -> None:
    _, result, _, _ = loaded
    assert result.errors == []
    assert len(result.latencies_ms) == REQUESTS


def test_no_history_row_is_lost(loaded: tuple[Service, LoadResult, int, int]) -> None:
    service = loaded[0]
    assert service.history_rows() == WARM_UP + REQUESTS


def test_memory_stays_flat(loaded: tuple[Service, LoadResult, int, int]) -> None:
    _, _, before, after = loaded
    assert after - before < MEMORY_GROWTH_KIB, f"RSS grew from {before} KiB to {after} KiB"


def test_the_run_fits_in_the_suite(loaded: tuple[Service, LoadResult, int, int]) -> None:
    assert loaded[1].seconds < 60
