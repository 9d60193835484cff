"""Which URLs are the dashboard's, read off its routes, and its own origins.

The Origin guard lets the dashboard's own origin reach these paths (and only
these: never /v1), and PageHeaders gives them the pages' security headers. The
list is derived from the pages router and the static mount, so a new page is
covered the moment it has a route.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from fastapi import APIRouter
from starlette.routing import BaseRoute, Route


class PagePaths:
    """The paths of `routes` (their templates, `{id}` parts included) and every
    path under `static` (a mount's prefix, e.g. "/static")."""

    def __init__(self, routes: Iterable[BaseRoute], static: str) -> None:
        self.patterns: tuple[re.Pattern[str], ...] = tuple(
            route.path_regex for route in routes if isinstance(route, Route)
        )
        self.static = static.rstrip("/") + "/"

    @classmethod
    def of(cls, router: APIRouter, static: str) -> PagePaths:
        """The paths of the dashboard's pages router and of its static files."""
        return cls(router.routes, static)

    def __call__(self, path: str) -> bool:
        """Whether `path` is one of the dashboard's pages, forms or static files."""
        return path.startswith(self.static) or any(p.match(path) for p in self.patterns)


def own_origins(hosts: Iterable[str]) -> frozenset[str]:
    """The origins of the dashboard's own pages, from the Host values the service
    answers to ("127.0.0.1:8765" -> "http://127.0.0.1:8765")."""
    return frozenset(f"http://{host}" for host in hosts)
