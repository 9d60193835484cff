"""POST /v1/inspect, GET /v1/inspect/{id}/cleaned and POST /v1/inspect/{id}/hide-faces:
the dialog's calls.

Inspecting runs the engine off the event loop, keeps the verified clean copy in
the in-memory cache for the dialog to fetch, and records one history row: the
page's host, the findings' kinds, severities and sentences, never their
evidence, never the image. A history that cannot record does not fail the
inspection (the person still needs the dialog); the report says so in `problems`.
"""

from __future__ import annotations

import base64
import time
import uuid
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import Response

from ... import editplan
from ...history import FindingRecord, HistoryUnavailable, Inspection, normalise_site
from ..cache import CleanedCopy
from ..deps import DropHdrDep, PixelsDep, ServicesDep, UploadDep, WorkersDep, require_token
from ..engine import (
    Inspected,
    clean_filename,
    content_disposition,
    hide_faces_in,
    plan_for,
)
from ..errors import ApiError, responses
from ..schemas import InspectResult, Timings
from ..services import Services
from ..upload import upload_body
from .clean import inspect_in_pool

router = APIRouter(tags=["images"], dependencies=[Depends(require_token)])

BINARY = {"schema": {"type": "string", "format": "binary"}}


@router.post(
    "/inspect",
    summary="Inspect an image before it is sent",
    responses=responses(401, 413, 415, 422, 504),
    openapi_extra=upload_body(with_site=True),
)
async def inspect_image(
    upload: UploadDep,
    services: ServicesDep,
    workers: WorkersDep,
    pixels: PixelsDep,
    drop_hdr: DropHdrDep,
    plan: Annotated[
        bool, Query(description="Also say how to rebuild the clean copy from the upload.")
    ] = False,
) -> InspectResult:
    """What the image reveals, and a handle on its verified clean copy.

    Send multipart/form-data with the image in `file` (with its file name) and
    the page it is being sent to in `site`. The clean copy stays in memory for a
    few minutes at `cleaned.url`; the inspection is recorded in the history.
    With `plan=true`, `cleaned.plan` says how to rebuild it from the uploaded
    bytes, when that is short: the extension then need not fetch it. With
    `drop_hdr=true` the clean copy loses an HDR gain map too, and the findings say so.
    """
    site = site_of(upload.fields.get("site"))
    limits = services.settings.limits
    inspected = await inspect_in_pool(workers, upload, limits, pixels=pixels, drop_hdr=drop_hdr)
    report = inspected.report
    inspection_id = uuid.uuid4().hex
    filename = clean_filename(upload.filename, report.format)
    kept = services.cache.put(
        inspection_id, CleanedCopy(report.cleaned, report.media_type, filename, report.faces)
    )
    latency_ms = since(upload.started)
    history_started = time.perf_counter()
    problem = await record(services, inspection_id, site, len(upload.data), inspected, latency_ms)
    result = InspectResult.of(
        inspected,
        f"/v1/inspect/{inspection_id}/cleaned" if kept else None,
        id=inspection_id,
        timings=Timings(
            total_ms=since(upload.started),
            receive_ms=round(upload.receive_ms, 3),
            engine_ms=round(inspected.engine_ms, 3),
            history_ms=since(history_started),
        ),
    )
    if plan:
        steps = await workers.engine(plan_for, upload.data, report)
        result.cleaned.plan = None if steps is None else wire(steps)
    if problem:
        result.problems.append(problem)
    return result


def wire(steps: tuple[editplan.Step, ...]) -> list[tuple[int, int] | str]:
    """An edit plan as JSON: [offset, length] to copy, base64 to insert."""
    return [
        (s.offset, s.length) if isinstance(s, editplan.Copy) else base64.b64encode(s).decode()
        for s in steps
    ]


@router.get(
    "/inspect/{inspection_id}/cleaned",
    summary="The cleaned copy of an inspected image",
    response_class=Response,
    responses={
        200: {"description": "The cleaned image.", "content": {"image/*": BINARY}},
        **responses(401, 404),
    },
)
async def cleaned_copy(
    inspection_id: Annotated[str, Path(max_length=64)], services: ServicesDep
) -> Response:
    """The verified clean copy, named `name.clean.ext`; 404 once it has expired."""
    copy = _cached(services, inspection_id)
    return Response(
        copy.data,
        media_type=copy.media_type,
        headers={"Content-Disposition": content_disposition(copy.filename)},
    )


@router.post(
    "/inspect/{inspection_id}/hide-faces",
    summary="The cleaned copy with every face covered",
    response_class=Response,
    responses={
        200: {"description": "The covered image (re-encoded).", "content": {"image/*": BINARY}},
        **responses(401, 404, 415, 422, 503, 504),
    },
)
async def hidden_faces_copy(
    inspection_id: Annotated[str, Path(max_length=64)],
    services: ServicesDep,
    workers: WorkersDep,
) -> Response:
    """The cleaned copy with the faces the inspection found covered by an opaque fill.

    For "Send with face hidden". The image is re-encoded, so it is not lossless:
    `X-ThinkTwice-Lossless` is false and `X-ThinkTwice-Faces-Covered` counts the
    faces. A POST because it does real work; it changes nothing on the service.
    """
    copy = _cached(services, inspection_id)
    covered = await workers.engine(hide_faces_in, copy, services.settings.limits)
    return Response(
        covered.data,
        media_type=covered.media_type,
        headers={
            "Content-Disposition": content_disposition(copy.filename),
            "X-ThinkTwice-Faces-Covered": str(len(covered.boxes)),
            "X-ThinkTwice-Lossless": "true" if covered.lossless else "false",
        },
    )


def _cached(services: Services, inspection_id: str) -> CleanedCopy:
    """The cached clean copy for `inspection_id`; 404 once it has expired."""
    copy = services.cache.get(inspection_id)
    if copy is None:
        minutes = services.settings.cache_ttl_s / 60
        raise ApiError(
            404,
            "not_found",
            f"No cleaned copy for this id: copies are kept {minutes:g} minute(s) in memory "
            "only, so it has expired, or the id is unknown.",
        )
    return copy


def site_of(value: str | None) -> str | None:
    """The page's host name; 422 `invalid_site` when it is not a URL, origin or host."""
    if value is None or not value.strip():
        return None
    try:
        return normalise_site(value)
    except ValueError as exc:
        raise ApiError(422, "invalid_site", str(exc)) from None


async def record(
    services: Services,
    inspection_id: str,
    site: str | None,
    size: int,
    inspected: Inspected,
    latency_ms: float,
) -> str | None:
    """Add the history row; a sentence for `problems` when it could not be added."""
    report = inspected.report
    row = Inspection(
        id=inspection_id,
        created_at=datetime.now(UTC),
        site=site,
        format=report.format,
        size=size,
        verdict=report.verdict,
        findings=tuple(FindingRecord(f.kind.value, f.severity.label) for f in report.findings),
        latency_ms=round(latency_ms, 3),
    )
    try:
        history = services.open_history()
        await services.running_workers().history(history.add, row)
    except (HistoryUnavailable, ValueError) as exc:
        return f"Not recorded in the history: {exc}"
    return None


def since(start: float) -> float:
    """Milliseconds since `start` (a time.perf_counter() value), rounded."""
    return round((time.perf_counter() - start) * 1000, 3)
