"""GET /v1/health: whether the service runs, and its version; no token, nothing else."""

from __future__ import annotations

from fastapi import APIRouter

from ... import __version__
from ..schemas import Health

router = APIRouter(tags=["service"])


@router.get("/health", summary="Whether the service runs")
async def health() -> Health:
    """Says only that the service runs and its version, so it needs no token."""
    return Health(status="ok", version=__version__)
