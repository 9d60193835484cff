"""POST /v1/decisions: what the person chose, recorded against the inspection."""

from __future__ import annotations

import httpx
import pytest

from tests.server.conftest import upload
from thinktwice.history import DECISIONS
from thinktwice.server.schemas import DecisionIn


@pytest.fixture
def inspection_id(client: httpx.Client, jpeg: bytes) -> str:
    response = client.post("/v1/inspect", **upload(jpeg, site="web.whatsapp.com"))
    return str(response.json()["id"])


def test_the_schema_offers_exactly_the_historys_decisions() -> None:
    assert DecisionIn.model_json_schema()["properties"]["action"]["enum"] == list(DECISIONS)


def test_the_old_name_of_send_with_face_hidden_is_refused(
    client: httpx.Client, inspection_id: str
) -> None:
    response = client.post("/v1/decisions", json={"id": inspection_id, "action": "sent_blurred"})
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_request"


@pytest.mark.parametrize("action", DECISIONS)
def test_a_decision_is_recorded(client: httpx.Client, inspection_id: str, action: str) -> None:
    response = client.post("/v1/decisions", json={"id": inspection_id, "action": action})
    assert response.status_code == 200
    row = response.json()
    assert (row["id"], row["decision"]) == (inspection_id, action)
    assert row["decided_at"] is not None
    listed = client.get("/v1/history", params={"decision": action}).json()["items"]
    assert inspection_id in {r["id"] for r in listed}


def test_an_unknown_id_is_404(client: httpx.Client) -> None:
    response = client.post("/v1/decisions", json={"id": "nope", "action": "cancelled"})
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


@pytest.mark.parametrize(
    "body",
    [{"id": "x", "action": "deleted_everything"}, {"id": "x"}, {"action": "cancelled"}, {}],
)
def test_a_malformed_decision_is_422(client: httpx.Client, body: dict[str, str]) -> None:
    response = client.post("/v1/decisions", json=body)
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_request"


def test_a_json_body_over_the_cap_is_413(client: httpx.Client) -> None:
    response = client.post("/v1/decisions", json={"id": "x" * 100_000, "action": "cancelled"})
    assert response.status_code == 413
