"""What the routes share: settings, token, pairing, the cleaned-copy cache, the
worker pools and the history, built by `create_app` and opened by its lifespan."""

from __future__ import annotations

from dataclasses import dataclass

from ..history import History, HistoryUnavailable
from .cache import CleanedCache
from .pairing import Pairing
from .settings import Settings
from .workers import Workers


@dataclass(slots=True)
class Services:
    """One service instance's state; `workers` and `history` exist while it runs."""

    settings: Settings
    token: str
    pairing: Pairing
    cache: CleanedCache
    workers: Workers | None = None
    history: History | None = None
    history_problem: str | None = None  # why the history could not be opened

    def running_workers(self) -> Workers:
        """The worker pools (they exist between start-up and shutdown)."""
        if self.workers is None:
            raise RuntimeError("the service is not running (its lifespan has not started)")
        return self.workers

    def open_history(self) -> History:
        """The history, or HistoryUnavailable saying why it could not be opened."""
        if self.history is None:
            raise HistoryUnavailable(
                self.settings.history_path, self.history_problem or "it is not open"
            )
        return self.history
