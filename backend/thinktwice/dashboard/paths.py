"""Which URLs belong to the dashboard, and which origins are the dashboard's own.

Stdlib only: the service's Origin guard imports this, and it must not load the
templates to decide whether a form post comes from the dashboard itself.
"""

from __future__ import annotations

from collections.abc import Iterable

# Pages and form targets, exactly; and the folders under which every path is ours.
PAGES = frozenset(
    {"/", "/history", "/export.csv", "/export.json", "/login", "/logout", "/settings/retention"}
)
FOLDERS = ("/history/", "/static/")


def is_dashboard_path(path: str) -> bool:
    """Whether `path` is one of the dashboard's pages, forms or static files."""
    return path in PAGES or path.startswith(FOLDERS)


def own_origins(hosts: Iterable[str]) -> frozenset[str]:
    """The origins of the dashboard's own pages, from the Host values the service
    answers to ("127.0.0.1:8765" -> "http://127.0.0.1:8765")."""
    return frozenset(f"http://{host}" for host in hosts)
