"""POST /v1/decisions: what the person chose in the dialog, recorded in the history."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from ..deps import HistoryDep, WorkersDep, require_token
from ..errors import ApiError, responses
from ..schemas import DecisionIn, HistoryItem

router = APIRouter(tags=["history"], dependencies=[Depends(require_token)])


@router.post(
    "/decisions",
    summary="Record the person's choice",
    responses=responses(400, 401, 404, 422, 503),
)
async def record_decision(
    decision: DecisionIn, history: HistoryDep, workers: WorkersDep
) -> HistoryItem:
    """Record `action` for inspection `id` (now); returns the updated history row."""
    row = await workers.history(history.decide, decision.id, decision.action)
    if row is None:
        raise ApiError(404, "not_found", "No inspection with this id in the history.")
    return HistoryItem.of(row)
