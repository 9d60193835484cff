"""Every address outside /v1 is the dashboard's (its pages, forms and stylesheet, and the
page that says an address is unknown); /v1 is the API's."""

from __future__ import annotations

import pytest

from thinktwice.server.dashboard.paths import is_api, is_dashboard


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/history",
        "/history/clear",
        "/history/3f2b8c1e9a7d4e0f",
        "/history/3f2b8c1e9a7d4e0f/delete",
        "/export.csv",
        "/settings/retention",
        "/dashboard.css",
        "/nope",
        "/v1x",
        "/v2/health",
    ],
)
def test_pages_forms_and_unknown_addresses_outside_v1_are_the_dashboards(path: str) -> None:
    assert is_dashboard(path) and not is_api(path)


@pytest.mark.parametrize("path", ["/v1", "/v1/", "/v1/health", "/v1/history/x", "/v1/nope"])
def test_the_api_is_not(path: str) -> None:
    assert is_api(path) and not is_dashboard(path)
