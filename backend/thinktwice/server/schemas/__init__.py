"""What goes over the wire: one pydantic model per request and response body.

They are the OpenAPI schema's source, so each field says what it means and each
model carries an example. Engine and history records are converted here, in
`of()` class methods, so the routes stay short.

    common.py    the error body, health, verdicts, severities, actions
    images.py    inspect, and clean's summary
    history.py   decisions, the history and its filters, the stats
    pairing.py   pairing
"""

from __future__ import annotations

from .common import Action, ErrorBody, Health, Severity, Verdict
from .history import (
    DayCounts,
    DecisionIn,
    Deleted,
    HistoryFinding,
    HistoryItem,
    HistoryPage,
    HistoryQuery,
    StatsOut,
)
from .images import (
    BoxOut,
    CleanedInfo,
    FindingOut,
    ImageReport,
    InspectResult,
    PartlySentResult,
    PixelsOut,
    Timings,
)
from .pairing import Paired, PairIn

__all__ = [
    "Action",
    "BoxOut",
    "CleanedInfo",
    "DayCounts",
    "DecisionIn",
    "Deleted",
    "ErrorBody",
    "FindingOut",
    "Health",
    "HistoryFinding",
    "HistoryItem",
    "HistoryPage",
    "HistoryQuery",
    "ImageReport",
    "InspectResult",
    "PairIn",
    "Paired",
    "PartlySentResult",
    "PixelsOut",
    "Severity",
    "StatsOut",
    "Timings",
    "Verdict",
]
