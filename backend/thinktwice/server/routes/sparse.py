"""POST /v1/inspect/sparse: a video too big to send whole, checked from the parts that matter.

The extension sends every top-level box of the file but the payload of each 'mdat'
(the samples) — of a WebM or MKV, every top-level element but the frames in each
Cluster past its first bytes — in `file`, with `size` (the whole file's) and `pieces` (where each
run of the sent bytes sits in the file: [[offset, length], ...], in order). The
engine reads that as the file (formats/video/sparse.py); what it would read but was
not sent (a telemetry track's samples, the key frames) comes back in `needs`, and
the extension sends again with those added. Once nothing is missing the answer is
the report, as POST /v1/inspect gives it, with the edit plan the extension builds
the clean copy from (the file's own slices), and it is recorded in the history.
"""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

from fastapi import APIRouter, Depends

from ... import editplan
from ...formats.video.sparse import Piece, Sparse
from ..deps import PixelsDep, ServicesDep, UploadDep, WorkersDep, require_token
from ..engine import StillNeeded, inspect_sparse
from ..errors import ApiError, responses
from ..schemas import InspectResult, PartlySentResult, Timings
from ..upload import Upload, upload_body
from .inspect import record, since, site_of, wire

router = APIRouter(tags=["images"], dependencies=[Depends(require_token)])

PIECES_DOC = {
    "size": {"type": "integer", "description": "The whole file's size in bytes."},
    "pieces": {
        "type": "string",
        "description": "JSON [[offset, length], ...]: where each run of `file` sits in the file.",
    },
}


@router.post(
    "/inspect/sparse",
    summary="Inspect a video sent in part",
    responses=responses(401, 413, 415, 422, 504),
    openapi_extra=upload_body(with_site=True, extra=PIECES_DOC),
)
async def inspect_partly_sent(
    upload: UploadDep, services: ServicesDep, workers: WorkersDep, pixels: PixelsDep
) -> PartlySentResult:
    """What a video reveals, from its metadata, index, telemetry and key frames only.

    Answers `needs` (ranges to add) until it has what it reads, then `result`.
    """
    site = site_of(upload.fields.get("site"))
    sparse = sparse_of(upload)
    limits = services.settings.video_limits
    done = await workers.engine(inspect_sparse, sparse, upload.filename, limits, pixels=pixels)
    if isinstance(done, StillNeeded):
        return PartlySentResult(needs=done.ranges, result=None)
    steps = done.report.plan
    assert steps is not None  # a video's cleaner is its edit plan
    inspection_id = uuid.uuid4().hex
    history_started = time.perf_counter()
    problem = await record(services, inspection_id, site, sparse.size, done, since(upload.started))
    result = InspectResult.of(
        done,
        id=inspection_id,
        timings=Timings(
            total_ms=since(upload.started),
            receive_ms=round(upload.receive_ms, 3),
            engine_ms=round(done.engine_ms, 3),
            history_ms=since(history_started),
        ),
    )
    result.cleaned.size = editplan.size(steps)
    result.cleaned.plan = wire(steps)
    if problem:
        result.problems.append(problem)
    return PartlySentResult(needs=[], result=result)


def sparse_of(upload: Upload) -> Sparse:
    """The file `upload` sends in part; 422 `invalid_pieces` naming what does not add up."""
    try:
        size = int(upload.fields.get("size", ""))
        runs: Any = json.loads(upload.fields.get("pieces", ""))
    except ValueError:
        raise ApiError(
            422, "invalid_pieces", "A video sent in part needs `size` and `pieces` (JSON)."
        ) from None
    if not isinstance(runs, list) or not all(_run(r) for r in runs):
        raise ApiError(422, "invalid_pieces", "`pieces` must be a list of [offset, length].")
    if sum(length for _, length in runs) != len(upload.data):
        raise ApiError(
            422,
            "invalid_pieces",
            f"`pieces` add up to {sum(n for _, n in runs)} bytes; `file` has {len(upload.data)}.",
        )
    pieces, at = [], 0
    for offset, length in runs:
        pieces.append(Piece(offset, upload.data[at : at + length]))
        at += length
    return Sparse(size, pieces)


def _run(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in value)
    )
