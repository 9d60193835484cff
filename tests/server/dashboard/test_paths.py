"""The dashboard's paths are read off its routes: every page and form, its static
files, and nothing under /v1."""

from __future__ import annotations

import pytest

from thinktwice.server.app import STATIC_PREFIX
from thinktwice.server.dashboard.paths import PagePaths
from thinktwice.server.dashboard.routes import pages

is_page = PagePaths.of(pages, STATIC_PREFIX)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/history",
        "/history/clear",
        "/history/3f2b8c1e9a7d4e0f",
        "/history/3f2b8c1e9a7d4e0f/delete",
        "/export.csv",
        "/export.json",
        "/login",
        "/logout",
        "/settings/retention",
        "/static/dashboard.css",
        "/static/icon.svg",
    ],
)
def test_every_page_form_and_static_file_is_the_dashboards(path: str) -> None:
    assert is_page(path)


@pytest.mark.parametrize(
    "path",
    ["/v1/health", "/v1/history", "/v1/dashboard/login-link", "/openapi.json", "/static", "/nope"],
)
def test_the_api_and_unknown_paths_are_not(path: str) -> None:
    assert not is_page(path)
