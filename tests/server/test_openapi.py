"""schemathesis against the service's own OpenAPI schema, over a real socket.

Every operation gets generated requests, valid and invalid, with the token; the
service must never answer 5xx and every answer must match the schema (status
codes, content types, headers and bodies as documented).

The schema is read from an app built at collection time (schemathesis needs it
to create one test per operation); the requests go to a running service.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from schemathesis import Case

from tests.server.live import LiveServer
from thinktwice.server.app import create_app
from thinktwice.server.security import TOKEN_HEADER
from thinktwice.server.settings import Settings

MAX_EXAMPLES = 25


def _openapi() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        return create_app(Settings(data_dir=Path(tmp))).openapi()


schema = schemathesis.openapi.from_dict(
    _openapi(),
    config=schemathesis.Config.from_dict(
        {
            "generation": {
                "max-examples": MAX_EXAMPLES,
                "mode": "all",
                "database": "none",
                # Unknown query parameters are ignored, as by most HTTP APIs (and FastAPI).
                "allow-extra-parameters": False,
                # The same cases on every run: a failure is a change, not luck. (Some
                # negative cases cannot fail a correct service: a query "array" of one
                # value is sent exactly like the scalar it replaces.)
                "deterministic": True,
            },
            "phases": {"stateful": {"enabled": False}},
            # Where the schema cannot say everything that makes a request valid, a
            # refusal of schema-valid data is the right answer: any bytes match
            # `format: binary` but only images are accepted; any string matches a
            # `site` filter but only host names are, and `since` must not be after `until`;
            # a video's `pieces` must add up to its `file`.
            "operations": [
                {
                    "include-path-regex": "^/v1/(inspect|inspect/sparse|clean)$",
                    "checks": {
                        "positive_data_acceptance": {"expected-statuses": ["2XX", 413, 415, 422]}
                    },
                },
                {
                    "include-path-regex": "^/v1/(history|stats)$",
                    "checks": {"positive_data_acceptance": {"expected-statuses": ["2XX", 422]}},
                },
            ],
        }
    ),
)


@pytest.fixture(scope="module")
def fuzzed_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    # Its own service: the fuzzer deletes the history and sends garbage.
    server = LiveServer(tmp_path_factory.mktemp("fuzzed")).start()
    yield server
    server.stop()


@schema.parametrize()
def test_every_operation_conforms_to_its_schema(case: Case, fuzzed_service: LiveServer) -> None:
    case.call_and_validate(
        base_url=fuzzed_service.base_url, headers={TOKEN_HEADER: fuzzed_service.token}
    )
