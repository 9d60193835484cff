"""Which URLs are the dashboard's, read off its routes.

PageHeaders gives these paths the pages' security headers. The list is derived
from the pages router, so a new page is covered the moment it has a route.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from fastapi import APIRouter
from starlette.routing import BaseRoute, Route


class PagePaths:
    """The paths of `routes` (their templates, `{id}` parts included)."""

    def __init__(self, routes: Iterable[BaseRoute]) -> None:
        self.patterns: tuple[re.Pattern[str], ...] = tuple(
            route.path_regex for route in routes if isinstance(route, Route)
        )

    @classmethod
    def of(cls, router: APIRouter) -> PagePaths:
        """The paths of the dashboard's pages router (its stylesheet included)."""
        return cls(router.routes)

    def __call__(self, path: str) -> bool:
        """Whether `path` is one of the dashboard's pages, forms or its stylesheet."""
        return any(p.match(path) for p in self.patterns)
