"""The history of past inspections: list, count, forget.

GET    /v1/history        one page, newest first, filtered
DELETE /v1/history        forget everything
DELETE /v1/history/{id}   forget one inspection
GET    /v1/stats          counts per day, kind, site and decision, filtered
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from ...history import MAX_PER_PAGE, HistoryFilter
from ..deps import HistoryDep, WorkersDep, require_token
from ..errors import ApiError, responses
from ..schemas import Deleted, HistoryPage, HistoryQuery, StatsOut

router = APIRouter(tags=["history"], dependencies=[Depends(require_token)])

Filters = Annotated[HistoryQuery, Query()]


@router.get("/history", summary="Past inspections", responses=responses(401, 422, 503))
async def list_history(
    filters: Filters,
    history: HistoryDep,
    workers: WorkersDep,
    page: Annotated[int, Query(ge=1, le=1_000_000_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE)] = 50,
) -> HistoryPage:
    """One page of past inspections, newest first, narrowed by every filter given."""
    wanted = _filter(filters)
    try:
        found = await workers.history(history.query, wanted, page, per_page)
    except ValueError as exc:
        raise ApiError(422, "invalid_filter", str(exc)) from None
    return HistoryPage.of(found)


@router.delete("/history", summary="Forget every inspection", responses=responses(401, 503))
async def clear_history(history: HistoryDep, workers: WorkersDep) -> Deleted:
    """Delete the whole history; says how many inspections were forgotten."""
    return Deleted(deleted=await workers.history(history.clear))


@router.delete(
    "/history/{inspection_id}",
    summary="Forget one inspection",
    responses=responses(401, 404, 503),
)
async def delete_inspection(
    inspection_id: Annotated[str, Path(max_length=128)],
    history: HistoryDep,
    workers: WorkersDep,
) -> Deleted:
    """Delete one inspection; 404 when the id is unknown."""
    if not await workers.history(history.delete, inspection_id):
        raise ApiError(404, "not_found", "No inspection with this id in the history.")
    return Deleted(deleted=1)


@router.get("/stats", summary="Counts for the charts", responses=responses(401, 422, 503))
async def stats(filters: Filters, history: HistoryDep, workers: WorkersDep) -> StatsOut:
    """Counts per UTC day, per kind, per site and per decision over the filtered history."""
    wanted = _filter(filters)
    try:
        counted = await workers.history(history.stats, wanted)
    except ValueError as exc:
        raise ApiError(422, "invalid_filter", str(exc)) from None
    return StatsOut.of(counted)


def _filter(filters: HistoryQuery) -> HistoryFilter:
    return HistoryFilter(
        site=filters.site,
        severity=filters.severity,
        kind=filters.kind.value if filters.kind is not None else None,
        decision=filters.decision,
        since=filters.since,
        until=filters.until,
    )
