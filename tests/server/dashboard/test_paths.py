"""The dashboard's paths are read off its routes: every page, form and the
stylesheet, and nothing under /v1."""

from __future__ import annotations

import pytest

from thinktwice.server.dashboard.paths import PagePaths
from thinktwice.server.dashboard.routes import pages

is_page = PagePaths.of(pages)


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
        "/settings/retention",
        "/dashboard.css",
    ],
)
def test_every_page_form_and_the_stylesheet_are_the_dashboards(path: str) -> None:
    assert is_page(path)


@pytest.mark.parametrize(
    "path",
    ["/v1/health", "/v1/history", "/openapi.json", "/login", "/logout", "/static/x", "/nope"],
)
def test_the_api_and_unknown_paths_are_not(path: str) -> None:
    assert not is_page(path)
