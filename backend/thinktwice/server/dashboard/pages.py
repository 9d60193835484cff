"""Pages as HTTP responses: rendering with the shared context, and refusals as pages.

A dashboard route raises `SignInNeeded` or `PageProblem` (or lets the history's
HistoryUnavailable through); `PageRoute` turns each into a page people can read,
never the service's JSON errors: a browser, not a program, is on the other end.
Notices after an action are named by a key in the redirect and looked up here,
so nothing from the URL is ever echoed.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from fastapi.routing import APIRoute

from ...dashboard.render import render
from ...history import HistoryUnavailable
from ..errors import ApiError, status_of
from .session import Session

NOTICES = {
    "deleted": "The entry was deleted.",
    "cleared": "The whole history was deleted.",
    "retention": "Saved. The history keeps entries for the period shown below.",
    "signed_out": "You are signed out.",
}
SIGN_IN_NOTICES = {
    "link": "That sign-in link has already been used or has expired. Ask for a new one.",
    "ended": "Your session has ended. Sign in again to continue.",
}


class SignInNeeded(ApiError):
    """No valid session (401): answer with the sign-in page, which shows no data.

    `reason` keys SIGN_IN_NOTICES: a spent link, an ended session, or None.
    """

    def __init__(self, reason: str | None = None) -> None:
        super().__init__(401, "sign_in_needed", "Sign in to see the dashboard.")
        self.reason = reason


class PageProblem(ApiError):
    """A refusal or failure a person should read: a page with a title and a sentence."""

    def __init__(self, status: int, title: str, message: str) -> None:
        super().__init__(status, "page_problem", message)
        self.title = title


class PageRoute(APIRoute):
    """A dashboard route: the refusals above, and an unavailable history, become pages."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()

        async def handle_page(request: Request) -> Response:
            try:
                return await handle(request)
            except SignInNeeded as exc:
                notice = _sign_in_notice(request, exc.reason)
                return page("signin.html", status_of(exc), notice=notice)
            except PageProblem as exc:
                status = status_of(exc)
                return page("message.html", status, title=exc.title, message=exc.message)
            except HistoryUnavailable as exc:
                title = "The history is unavailable"
                return page("message.html", status_of(exc), title=title, message=str(exc))

        return handle_page


def page(
    template: str,
    status: int,
    request: Request | None = None,
    session: Session | None = None,
    **context: Any,
) -> HTMLResponse:
    """`template` rendered; with a `session`, signed in (navigation, CSRF token, and
    the notice `?done=` names)."""
    notice = context.pop("notice", None)
    if notice is None and request is not None and session is not None:
        notice = NOTICES.get(request.query_params.get("done", ""))
    html = render(
        template,
        signed_in=session is not None,
        csrf=session.csrf if session is not None else "",
        nav=context.pop("nav", ""),
        notice=notice,
        **context,
    )
    return HTMLResponse(html, status_code=status)


def _sign_in_notice(request: Request, reason: str | None) -> str | None:
    if reason is not None:
        return SIGN_IN_NOTICES[reason]
    return NOTICES["signed_out"] if request.query_params.get("done") == "signed_out" else None
