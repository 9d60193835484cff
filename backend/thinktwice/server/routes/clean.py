"""POST /v1/clean: an image in, its verified clean copy out (context menu, popup).

Two ways to get the findings with the bytes:
- by default the body is the cleaned image itself, and the summary rides in
  headers: X-ThinkTwice-Verdict, X-ThinkTwice-Findings (how many),
  X-ThinkTwice-Kinds (comma-separated kinds), X-ThinkTwice-Lossless,
  X-ThinkTwice-Sha256 and X-ThinkTwice-Pixel-Analysis (off, done, unavailable),
  with a Content-Disposition naming `name.clean.ext`;
- with `?format=json`, the whole report as JSON with the bytes in base64.
Nothing is recorded in the history: the history is of warnings at upload time.
"""

from __future__ import annotations

import base64
from typing import Annotated, Literal, cast

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from ..deps import PixelsDep, ServicesDep, UploadDep, WorkersDep, require_token
from ..engine import clean_filename, content_disposition, inspect_upload
from ..errors import responses
from ..schemas import CleanedInfo, CleanReport, FindingOut, PixelsOut, Verdict
from ..upload import upload_body

router = APIRouter(tags=["images"], dependencies=[Depends(require_token)])


def _header(description: str) -> dict[str, object]:
    return {"description": description, "schema": {"type": "string"}}


SUMMARY_HEADERS = {
    "X-ThinkTwice-Verdict": _header("The worst severity found, or none."),
    "X-ThinkTwice-Findings": _header("How many findings there were."),
    "X-ThinkTwice-Kinds": _header(
        "The kinds found, comma-separated (e.g. location,device_serial)."
    ),
    "X-ThinkTwice-Lossless": _header("true when the pixels are untouched."),
    "X-ThinkTwice-Sha256": _header("Hex SHA-256 of the body."),
    "X-ThinkTwice-Pixel-Analysis": _header("off, done or unavailable (see `pixels`)."),
    "Content-Disposition": _header('attachment; filename="name.clean.ext"'),
}


@router.post(
    "/clean",
    summary="Clean an image",
    response_model=CleanReport,
    responses={
        200: {
            "description": "The cleaned image (default), or with `format=json` the report "
            "with the cleaned bytes in base64.",
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
    response_format: Annotated[
        Literal["image", "json"],
        Query(alias="format", description="`image` (the default) or `json`."),
    ] = "image",
) -> Response | CleanReport:
    """The image with everything identifying removed, its pixels untouched.

    Send multipart/form-data with the image in `file`. The findings summary is
    in the X-ThinkTwice-* headers, or ask `format=json` for the full report.
    """
    inspected = await workers.engine(
        inspect_upload, upload.data, upload.filename, services.settings.limits, pixels=pixels
    )
    report = inspected.report
    filename = clean_filename(upload.filename, report.format)
    if response_format == "json":
        return CleanReport(
            verdict=cast(Verdict, report.verdict),
            findings=[FindingOut.of(f) for f in report.findings],
            format=report.format,
            media_type=report.media_type,
            width=report.width,
            height=report.height,
            filename=filename,
            cleaned=CleanedInfo.of(report, inspected.sha256),
            pixels=PixelsOut.of(report),
            problems=list(report.problems),
            data=base64.b64encode(report.cleaned).decode("ascii"),
        )
    return Response(
        report.cleaned,
        media_type=report.media_type,
        headers={
            "Content-Disposition": content_disposition(filename),
            "X-ThinkTwice-Verdict": report.verdict,
            "X-ThinkTwice-Findings": str(len(report.findings)),
            "X-ThinkTwice-Kinds": ",".join(f.kind.value for f in report.findings),
            "X-ThinkTwice-Lossless": "true" if report.lossless else "false",
            "X-ThinkTwice-Sha256": inspected.sha256,
            "X-ThinkTwice-Pixel-Analysis": report.pixel_analysis,
        },
    )
