"""Which URLs are the API's, and which the dashboard's: everything outside /v1.

The dashboard's routes, and the page that answers any other address outside /v1
(pages.refusal_page), carry the pages' security headers (PageHeaders); /v1 is
the API and answers JSON.
"""

from __future__ import annotations

API_PREFIX = "/v1"


def is_api(path: str) -> bool:
    """Whether `path` is under the API's prefix (/v1 or /v1/...)."""
    return path == API_PREFIX or path.startswith(f"{API_PREFIX}/")


def is_dashboard(path: str) -> bool:
    """Whether `path` is the dashboard's: one of its pages, forms or files, or an unknown one."""
    return not is_api(path)
