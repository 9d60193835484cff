"""The server calls the history from a thread pool: concurrent calls all land."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from thinktwice.history import History

from .build import T0, inspection

THREADS, EACH = 8, 200


def test_eight_threads_adding_two_hundred_rows_each_store_all(history: History) -> None:
    def work(thread: int) -> None:
        for n in range(EACH):
            id = f"t{thread}-{n}"
            history.add(inspection(id, at=T0 + timedelta(milliseconds=n)))
            if n % 50 == 0:  # readers interleave with the writers
                assert history.get(id) is not None
                history.query(per_page=10)

    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(work, range(THREADS)))
    page = history.query(per_page=500)
    assert page.total == THREADS * EACH == history.stats().total
    assert len({i.id for i in page.items}) == 500
