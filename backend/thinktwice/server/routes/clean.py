"""POST /v1/clean: an image in, its verified clean copy out (context menu, popup).

The body is the cleaned image itself, named `name.clean.ext` by its
Content-Disposition; what it revealed is summed up in headers, read off the
same ImageReport that POST /v1/inspect answers with: X-ThinkTwice-Verdict,
X-ThinkTwice-Findings (how many) and X-ThinkTwice-Lossless.
Nothing is recorded in the history: the history is of warnings at upload time.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from ...limits import Limits
from ..deps import DropHdrDep, PixelsDep, ServicesDep, UploadDep, WorkersDep, require_token
from ..engine import Inspected, clean_filename, content_disposition, inspect_upload
from ..errors import responses
from ..schemas import ImageReport
from ..upload import Upload, upload_body
from ..workers import Workers

router = APIRouter(tags=["images"], dependencies=[Depends(require_token)])


def _header(description: str) -> dict[str, object]:
    return {"description": description, "schema": {"type": "string"}}


SUMMARY_HEADERS = {
    "X-ThinkTwice-Verdict": _header("The worst severity found, or none."),
    "X-ThinkTwice-Findings": _header("How many findings there were."),
    "X-ThinkTwice-Lossless": _header("true: the pixels are untouched."),
    "Content-Disposition": _header('attachment; filename="name.clean.ext"'),
}


async def inspect_in_pool(
    workers: Workers, upload: Upload, limits: Limits, *, pixels: bool, drop_hdr: bool
) -> Inspected:
    """`inspect_upload` of `upload` in the engine's pool (for /v1/inspect and /v1/clean)."""
    return await workers.engine(
        inspect_upload, upload.data, upload.filename, limits, pixels=pixels, drop_hdr=drop_hdr
    )


def summary_headers(summary: ImageReport, filename: str) -> dict[str, str]:
    """The headers that carry `summary` beside the cleaned bytes."""
    return {
        "Content-Disposition": content_disposition(filename),
        "X-ThinkTwice-Verdict": summary.verdict,
        "X-ThinkTwice-Findings": str(len(summary.findings)),
        "X-ThinkTwice-Lossless": "true" if summary.cleaned.lossless else "false",
    }


@router.post(
    "/clean",
    summary="Clean an image",
    response_class=Response,
    responses={
        200: {
            "description": "The cleaned image.",
            "content": {"image/*": {"schema": {"type": "string", "format": "binary"}}},
            "headers": SUMMARY_HEADERS,
        },
        **responses(401, 413, 415, 422, 504),
    },
    openapi_extra=upload_body(with_site=False),
)
async def clean_image(
    upload: UploadDep,
    services: ServicesDep,
    workers: WorkersDep,
    pixels: PixelsDep,
    drop_hdr: DropHdrDep,
) -> Response:
    """The image with everything identifying removed, its pixels untouched.

    Send multipart/form-data with the image in `file`. The findings summary is
    in the X-ThinkTwice-* headers. With `drop_hdr=true` an HDR gain map goes too.
    """
    limits = services.settings.limits
    inspected = await inspect_in_pool(workers, upload, limits, pixels=pixels, drop_hdr=drop_hdr)
    report = inspected.report
    filename = clean_filename(upload.filename, report.format)
    headers = summary_headers(ImageReport.of(inspected), filename)
    return Response(report.cleaned, media_type=report.media_type, headers=headers)
