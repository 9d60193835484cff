"""The dashboard: the pages people open in their browser, and the sign-in link API.

POST /v1/dashboard/login-link  (token) a one-time sign-in link: `thinktwice open`, the popup
GET  /login?code=               spend the link, start a session (cookie), 303 to /
POST /logout                    end the session
GET  /                          the overview (?range=7|30|90|all)
GET  /history                   the table: filters, paging
GET  /history/{id}              one entry;  POST /history/{id}/delete forgets it
GET  /history/clear             asks to confirm;  POST /history/clear forgets everything
POST /settings/retention        how many days the history keeps entries (kept in settings.json)
GET  /export.csv, /export.json  the filtered entries as a download

Without a session every page is the sign-in page (401) and shows no data. Every
form posts the session's CSRF token and must come from the dashboard's own
origin. Failures are pages too, never JSON: people read them, not programs.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, cast
from urllib.parse import parse_qsl

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from ...dashboard import export, views
from ...dashboard.filters import Filters, parse_page
from ...history import History
from ..deps import HistoryDep, ServicesDep, WorkersDep, require_token
from ..errors import responses
from ..settings import SettingsError, write_stored
from ..workers import Workers
from .pages import PageProblem, PageRoute, SignInNeeded, page
from .paths import own_origins
from .session import DashboardAuth, Session

api = APIRouter(tags=["dashboard"], dependencies=[Depends(require_token)])
pages = APIRouter(route_class=PageRoute, include_in_schema=False)


# --- who is asking ---------------------------------------------------------------------


async def get_auth(request: Request) -> DashboardAuth:
    """The sign-in links and sessions `create_app` put on the application."""
    return cast(DashboardAuth, request.app.state.dashboard)


AuthDep = Annotated[DashboardAuth, Depends(get_auth)]


async def signed_in(request: Request, auth: AuthDep) -> Session:
    """The request's session; SignInNeeded without a valid one."""
    cookie = request.cookies.get(auth.cookie)
    session = auth.session(cookie)
    if session is None:
        raise SignInNeeded("ended" if cookie else None)
    return session


SessionDep = Annotated[Session, Depends(signed_in)]


async def checked_form(request: Request, session: SessionDep, services: ServicesDep) -> FormData:
    """The posted form, once its Origin is the dashboard's own and its CSRF token the
    session's; a page saying why otherwise (403)."""
    origin = request.headers.get("origin")
    if origin not in own_origins(services.settings.allowed_hosts):
        raise PageProblem(
            403,
            "This form did not come from the dashboard",
            "Forms are accepted only from the dashboard's own pages. Open the dashboard "
            "and try again there.",
        )
    form = await request.form()
    token = form.get("csrf")
    if not session.allows(token if isinstance(token, str) else None):
        raise PageProblem(
            403,
            "This form has expired",
            "The form was not sent from the current sign-in (it may be older than the "
            "session). Go back, reload the page, and try again.",
        )
    return form


FormDep = Annotated[FormData, Depends(checked_form)]


# --- signing in ------------------------------------------------------------------------


class LoginLink(BaseModel):
    """A one-time link that opens the dashboard signed in."""

    url: str = Field(description="Open it in the browser; it works once.")
    expires_in: float = Field(description="Seconds the link stays valid.")


@api.post(
    "/dashboard/login-link",
    summary="A one-time sign-in link to the dashboard",
    responses=responses(401),
)
async def login_link(request: Request, auth: AuthDep) -> LoginLink:
    """A link that signs the browser opening it in to the dashboard, once, for a
    short while. `thinktwice open` and the extension's popup ask for it."""
    host = request.headers["host"]  # HostGuard let it through: one of our own names
    return LoginLink(
        url=f"http://{host}/login?code={auth.issue_code()}", expires_in=auth.link_ttl_s
    )


@pages.get("/login")
async def login(request: Request, auth: AuthDep) -> Response:
    """Spend the link's code: a session cookie and the overview, or the sign-in page."""
    code = request.query_params.get("code")
    session_id = auth.redeem(code)
    if session_id is None:
        raise SignInNeeded("link" if code else None)
    auth.end(request.cookies.get(auth.cookie))
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(
        auth.cookie,
        session_id,
        max_age=int(auth.session_ttl_s),
        path="/",
        httponly=True,
        samesite="strict",
    )
    return response


@pages.post("/logout")
async def logout(request: Request, auth: AuthDep, _: FormDep) -> Response:
    """End the session and forget the cookie."""
    auth.end(request.cookies.get(auth.cookie))
    response = RedirectResponse("/?done=signed_out", status_code=303)
    response.delete_cookie(auth.cookie, path="/", httponly=True, samesite="strict")
    return response


# --- pages -----------------------------------------------------------------------------


@pages.get("/")
async def overview_page(
    request: Request, session: SessionDep, history: HistoryDep, workers: WorkersDep
) -> Response:
    """Totals, the chart of warnings over time, kinds, sites and choices."""
    wanted = request.query_params.get("range", "")
    shown = await workers.history(views.overview, history, wanted, datetime.now(UTC))
    return page("overview.html", 200, request, session, nav="overview", view=shown)


@pages.get("/history")
async def history_page(
    request: Request, session: SessionDep, history: HistoryDep, workers: WorkersDep
) -> Response:
    """One page of the table, filtered."""
    filters = Filters.parse(request.query_params)
    number = parse_page(request.query_params.get("page"))
    shown = await workers.history(views.history_page, history, filters, number)
    return page("history.html", 200, request, session, nav="history", view=shown)


@pages.get("/history/clear")
async def confirm_clear(
    request: Request, session: SessionDep, history: HistoryDep, workers: WorkersDep
) -> Response:
    """Ask before deleting everything."""
    return await _clear_page(request, session, history, workers, 200, problem=None)


@pages.post("/history/clear")
async def clear(
    request: Request, session: SessionDep, form: FormDep, history: HistoryDep, workers: WorkersDep
) -> Response:
    """Delete every entry, once the confirmation box is ticked."""
    if form.get("confirm") != "yes":
        problem = "Tick the box to confirm, or go back to the history."
        return await _clear_page(request, session, history, workers, 400, problem=problem)
    await workers.history(history.clear)
    return RedirectResponse("/history?done=cleared", status_code=303)


@pages.get("/history/{inspection_id}")
async def detail(
    inspection_id: str,
    request: Request,
    session: SessionDep,
    history: HistoryDep,
    workers: WorkersDep,
) -> Response:
    """One entry: everything the history keeps about it."""
    found = await workers.history(history.get, inspection_id[:128])
    if found is None:
        raise _not_found()
    back = Filters.parse(dict(parse_qsl(request.query_params.get("back", "")))).query()
    return page(
        "detail.html", 200, request, session, nav="history", row=views.Row.of(found), back=back
    )


@pages.post("/history/{inspection_id}/delete")
async def delete(
    inspection_id: str, form: FormDep, history: HistoryDep, workers: WorkersDep
) -> Response:
    """Forget one entry, then back to the table with the same filters."""
    if not await workers.history(history.delete, inspection_id[:128]):
        raise _not_found()
    back = Filters.parse(dict(parse_qsl(str(form.get("back", ""))))).query(done="deleted")
    return RedirectResponse(f"/history?{back}", status_code=303)


@pages.post("/settings/retention")
async def retention(
    services: ServicesDep, form: FormDep, history: HistoryDep, workers: WorkersDep
) -> Response:
    """Keep entries for the posted number of days, now and after a restart."""
    try:
        days = int(str(form.get("days", "")))
        await workers.history(history.set_retention, days)
    except ValueError:
        raise PageProblem(
            400, "That period cannot be used", "Choose a number of days from 1 to 3650."
        ) from None
    try:
        await run_in_threadpool(write_stored, services.settings.settings_path, retention_days=days)
    except (OSError, SettingsError) as exc:
        raise PageProblem(
            500,
            "The period applies until the service restarts",
            f"It could not be saved in {services.settings.settings_path}: {exc}",
        ) from None
    return RedirectResponse("/history?done=retention#retention", status_code=303)


@pages.get("/export.csv")
async def export_csv(
    request: Request, _: SessionDep, history: HistoryDep, workers: WorkersDep
) -> Response:
    """The filtered entries as CSV."""
    return await _export(request, history, workers, "csv", "text/csv; charset=utf-8")


@pages.get("/export.json")
async def export_json(
    request: Request, _: SessionDep, history: HistoryDep, workers: WorkersDep
) -> Response:
    """The filtered entries as JSON."""
    return await _export(request, history, workers, "json", "application/json")


# --- helpers ---------------------------------------------------------------------------


async def _export(
    request: Request, history: History, workers: Workers, kind: str, media_type: str
) -> Response:
    wanted = Filters.parse(request.query_params).history_filter()
    rows = await workers.history(history.all, wanted)
    now = datetime.now(UTC)
    body = export.to_csv(rows) if kind == "csv" else export.to_json(rows, now)
    disposition = f'attachment; filename="{export.filename(kind, now)}"'
    return Response(body, media_type=media_type, headers={"Content-Disposition": disposition})


async def _clear_page(
    request: Request,
    session: Session,
    history: History,
    workers: Workers,
    status: int,
    problem: str | None,
) -> Response:
    total = await workers.history(history.count)
    return page("clear.html", status, request, session, nav="history", total=total, problem=problem)


def _not_found() -> PageProblem:
    return PageProblem(
        404,
        "No such entry",
        "It may have been deleted, or removed when it passed the retention period.",
    )
