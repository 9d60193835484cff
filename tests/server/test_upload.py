"""Bad uploads: each gets a 4xx with {"error", "message"}, never a crash, never an echo."""

from __future__ import annotations

import struct
import zlib

import httpx
import pytest

from tests.server.conftest import upload
from tests.support.containers import png_chunk

MARKER = b"SECRET-MARKER-7f3a9c"


def pixel_bomb() -> bytes:
    """A tiny valid PNG whose header declares 100000 x 100000 pixels."""
    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(b"\0" * 301))
        + png_chunk(b"IEND", b"")
    )


def corrupt_png() -> bytes:
    """A PNG whose first chunk claims more bytes than the file has."""
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 10_000) + b"IHDR" + MARKER


@pytest.mark.parametrize(
    ("data", "status", "error"),
    [
        (b"", 415, "unsupported_format"),
        (b"just some text " + MARKER, 415, "unsupported_format"),
        (b"%PDF-1.4\n" + MARKER, 415, "unsupported_format"),
        (pixel_bomb(), 413, "image_too_large"),
        (corrupt_png(), 422, "corrupt_image"),
    ],
    ids=["empty", "text", "pdf", "pixel-bomb", "corrupt-png"],
)
@pytest.mark.parametrize("path", ["/v1/inspect", "/v1/clean"])
def test_bad_images_get_a_4xx_with_a_reason(
    client: httpx.Client, path: str, data: bytes, status: int, error: str
) -> None:
    response = client.post(path, **upload(data))
    assert response.status_code == status
    body = response.json()
    assert body["error"] == error
    assert body["message"]
    assert MARKER.decode() not in response.text


@pytest.mark.parametrize("cut", [20, 100, 0.5])
def test_a_truncated_jpeg_is_corrupt(client: httpx.Client, jpeg: bytes, cut: float) -> None:
    end = int(len(jpeg) * cut) if isinstance(cut, float) else cut
    response = client.post("/v1/inspect", **upload(jpeg[:end]))
    assert response.status_code == 422
    assert response.json()["error"] == "corrupt_image"
    assert "JPEG" in response.json()["message"]


def test_errors_never_echo_the_upload(client: httpx.Client, jpeg: bytes) -> None:
    # The marker sits inside the JPEG's metadata, which the truncation breaks.
    poisoned = jpeg[:200] + MARKER * 50
    response = client.post("/v1/inspect", **upload(poisoned))
    assert response.status_code == 422
    assert MARKER.decode() not in response.text
    assert set(response.json()) == {"error", "message"}


@pytest.mark.parametrize(
    "kwargs",
    [
        {"content": b"\xff\xd8\xff", "headers": {"content-type": "image/jpeg"}},
        {"json": {"file": "abc"}},
        {"content": b"x", "headers": {"content-type": "multipart/form-data"}},  # no boundary
    ],
    ids=["raw-image", "json", "no-boundary"],
)
def test_a_body_that_is_not_multipart_is_415(
    client: httpx.Client, kwargs: dict[str, object]
) -> None:
    response = client.post("/v1/inspect", **kwargs)  # type: ignore[arg-type]
    assert response.status_code == 415
    assert response.json()["error"] == "unsupported_media_type"


def test_a_missing_file_field_is_422(client: httpx.Client) -> None:
    response = client.post("/v1/inspect", files={"picture": ("a.jpg", b"x")})
    assert response.status_code == 422
    assert "`file`" in response.json()["message"]


def test_two_files_are_422(client: httpx.Client, jpeg: bytes) -> None:
    files = [("file", ("a.jpg", jpeg)), ("file", ("b.jpg", jpeg))]
    assert client.post("/v1/inspect", files=files).status_code == 422


def test_a_multipart_body_cut_short_is_422(client: httpx.Client, jpeg: bytes) -> None:
    body = b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\n' + jpeg
    response = client.post(
        "/v1/inspect", content=body, headers={"content-type": "multipart/form-data; boundary=b"}
    )
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_multipart"


def test_garbage_after_the_boundary_header_is_422(client: httpx.Client) -> None:
    response = client.post(
        "/v1/inspect",
        content=b"this is not multipart at all",
        headers={"content-type": "multipart/form-data; boundary=b"},
    )
    assert response.status_code == 422


def test_an_oversized_text_field_is_422(client: httpx.Client, jpeg: bytes) -> None:
    response = client.post("/v1/inspect", **upload(jpeg, site="a" * 10_000))
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_multipart"
