"""Pages as HTTP responses: rendering with the shared context, and refusals as pages.

A dashboard route raises `PageProblem` (or lets the history's HistoryUnavailable
through); `PageRoute` turns each into a page people can read, never the
service's JSON errors: a person, not a program, reads the answer (in the
extension's dashboard page). `NotOnThisChannel` is the exception: a request that
did not come over the Unix socket gets a plain sentence and nothing else.
Notices after an action are named by a key in the redirect and looked up here,
so nothing from the URL is ever echoed. An address outside /v1 that no route
serves (or not with this method) is a page too, over the socket: `refusal_page`.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException

from ...dashboard.render import render
from ...history import HistoryUnavailable
from ...i18n import N_, _
from ..channel import is_channel
from ..errors import ApiError, http_error, status_of
from .paths import is_api

NOTICES = {
    "deleted": N_("The entry was deleted."),
    "cleared": N_("The whole history was deleted."),
    "retention": N_("Saved. The history keeps entries for the period shown below."),
}
# Starlette's own refusals of a dashboard address, in people's words: (title, sentence).
REFUSALS = {
    404: (
        N_("No such page"),
        N_(
            "This address is not one of the dashboard's pages: it may be mistyped, "
            "or come from an older version of ThinkTwice."
        ),
    ),
    405: (
        N_("This page cannot be opened"),
        N_("This address belongs to a button on another page: go back and use that button."),
    ),
}
ELSEWHERE = (
    "The ThinkTwice dashboard is not served over HTTP. Open it from the browser "
    "extension: its toolbar button, then Dashboard.\n"
)


class NotOnThisChannel(ApiError):
    """A dashboard path asked for over TCP (404): only the Unix socket serves the pages."""

    def __init__(self) -> None:
        super().__init__(404, "dashboard_elsewhere", ELSEWHERE.strip())


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
            except NotOnThisChannel as exc:
                return PlainTextResponse(ELSEWHERE, status_code=status_of(exc))
            except PageProblem as exc:
                status = status_of(exc)
                return page("message.html", status, title=exc.title, message=exc.message)
            except HistoryUnavailable as exc:
                title = _("The history is unavailable")
                return page("message.html", status_of(exc), title=title, message=str(exc))

        return handle_page


def page(
    template: str, status: int, request: Request | None = None, **context: Any
) -> HTMLResponse:
    """`template` rendered, with the navigation and the notice `?done=` names."""
    notice = context.pop("notice", None)
    if notice is None and request is not None:
        known = NOTICES.get(request.query_params.get("done", ""))
        notice = _(known) if known else None
    html = render(template, nav=context.pop("nav", ""), notice=notice, **context)
    return HTMLResponse(html, status_code=status)


async def refusal_page(request: Request, exc: Exception) -> Response:
    """An unknown dashboard address (or method) over the socket, as a page in its look.

    The API (/v1) keeps the JSON errors programs read, and so does every request
    over TCP: no page of the dashboard is ever drawn there.
    """
    assert isinstance(exc, HTTPException)
    words = REFUSALS.get(exc.status_code)
    if words is None or is_api(request.url.path) or not is_channel(request.scope):
        return await http_error(request, exc)
    title, message = words
    answer = page("message.html", exc.status_code, title=_(title), message=_(message))
    answer.headers.update(exc.headers or {})  # a 405's Allow, as Starlette names it
    return answer
