"""POST /v1/inspect/{id}/hide-faces: "Send with face hidden" gets the faces covered."""

from __future__ import annotations

import io

import httpx
from PIL import Image

from tests.server.conftest import upload
from tests.support.exiftool import assert_clean
from tests.vision.build import astronaut, png


def _inspect(client: httpx.Client, data: bytes, name: str) -> dict[str, object]:
    response = client.post("/v1/inspect", **upload(data, name, site="https://tinder.com"))
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


def test_the_faces_found_are_covered_and_nothing_else_changes(client: httpx.Client) -> None:
    original = png(astronaut())
    report = _inspect(client, original, "me.png")
    faces = report["pixels"]["faces"]  # type: ignore[index]
    assert faces, "the astronaut's face is found"
    response = client.post(f"/v1/inspect/{report['id']}/hide-faces")
    assert response.status_code == 200, response.text
    assert response.headers["x-thinktwice-lossless"] == "false"
    assert response.headers["x-thinktwice-faces-covered"] == str(len(faces))
    assert "me.clean.png" in response.headers["content-disposition"]
    assert_clean(response.content, ".png")
    with (
        Image.open(io.BytesIO(original)) as before,
        Image.open(io.BytesIO(response.content)) as after,
    ):
        assert after.size == before.size
        box = faces[0]
        centre = (box["x"] + box["width"] // 2, box["y"] + box["height"] // 2)
        assert after.getpixel(centre) != before.getpixel(centre)
        assert after.getpixel((5, 5)) == before.getpixel((5, 5))


def test_a_photo_without_faces_comes_back_as_the_lossless_clean(
    client: httpx.Client, jpeg: bytes
) -> None:
    report = _inspect(client, jpeg, "IMG_2041.jpg")
    response = client.post(f"/v1/inspect/{report['id']}/hide-faces")
    assert response.status_code == 200
    assert response.headers["x-thinktwice-faces-covered"] == "0"
    cleaned = client.get(f"/v1/inspect/{report['id']}/cleaned")
    assert response.content == cleaned.content


def test_an_unknown_or_expired_id_is_404(client: httpx.Client) -> None:
    response = client.post("/v1/inspect/" + "0" * 32 + "/hide-faces")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_it_needs_the_token(anonymous: httpx.Client) -> None:
    assert anonymous.post("/v1/inspect/" + "0" * 32 + "/hide-faces").status_code == 401
