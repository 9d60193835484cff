"""The dashboard: the pages the extension's dashboard page shows, over the Unix socket.

GET  /                          the overview (?range=7|30|90|all)
GET  /history                   the table: filters, paging
GET  /history/{id}              one entry;  POST /history/{id}/delete forgets it
GET  /history/clear             asks to confirm;  POST /history/clear forgets everything
POST /settings/retention        how many days the history keeps entries (kept in settings.json)
GET  /export.csv, /export.json  the filtered entries as a download
GET  /dashboard.css             the pages' stylesheet

Who may ask: only a request over the service's Unix socket (`is_channel`); over
TCP every one of these paths answers 404 with a sentence saying where the
dashboard opens. The socket is this account's alone (0600 in a 0700 directory,
peer uid checked), and the browser reaches it only through the native host,
which the browser starts for this extension only, whose worker relays only its
own pages' requests (it checks the sender). So there is no session to steal
and no cross-site form to forge: a web page cannot reach the socket at all, nor
can another account's process. That is why the forms carry no CSRF token and
no cookie exists. Failures are pages too, never JSON: people read them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated
from urllib.parse import parse_qsl

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from ...dashboard import export, views
from ...dashboard.filters import Filters, parse_page
from ...dashboard.render import STATIC
from ...history import History
from ...i18n import _
from ..channel import is_channel
from ..deps import HistoryDep, ServicesDep, WorkersDep
from ..settings import SettingsError, write_stored
from ..workers import Workers
from .pages import NotOnThisChannel, PageProblem, PageRoute, page


async def over_the_channel(request: Request) -> None:
    """Refuse (404, a plain sentence) a request that did not come over the Unix socket."""
    if not is_channel(request.scope):
        raise NotOnThisChannel


async def posted_form(request: Request) -> FormData:
    """The posted form (urlencoded, as the native host sends the page's fields)."""
    return await request.form()


FormDep = Annotated[FormData, Depends(posted_form)]
pages = APIRouter(
    route_class=PageRoute, include_in_schema=False, dependencies=[Depends(over_the_channel)]
)


# --- pages -----------------------------------------------------------------------------


@pages.get("/")
async def overview_page(request: Request, history: HistoryDep, workers: WorkersDep) -> Response:
    """Totals, the chart of warnings over time, kinds, sites and choices."""
    wanted = request.query_params.get("range", "")
    shown = await workers.history(views.overview, history, wanted, datetime.now(UTC))
    return page("overview.html", 200, request, nav="overview", view=shown)


@pages.get("/history")
async def history_page(request: Request, history: HistoryDep, workers: WorkersDep) -> Response:
    """One page of the table, filtered."""
    filters = Filters.parse(request.query_params)
    number = parse_page(request.query_params.get("page"))
    shown = await workers.history(views.history_page, history, filters, number)
    return page("history.html", 200, request, nav="history", view=shown)


@pages.get("/history/clear")
async def confirm_clear(request: Request, history: HistoryDep, workers: WorkersDep) -> Response:
    """Ask before deleting everything."""
    return await _clear_page(request, history, workers, 200, problem=None)


@pages.post("/history/clear")
async def clear(
    request: Request, form: FormDep, history: HistoryDep, workers: WorkersDep
) -> Response:
    """Delete every entry, once the confirmation box is ticked."""
    if form.get("confirm") != "yes":
        problem = _("Tick the box to confirm, or go back to the history.")
        return await _clear_page(request, history, workers, 400, problem=problem)
    await workers.history(history.clear)
    return RedirectResponse("/history?done=cleared", status_code=303)


@pages.get("/history/{inspection_id}")
async def detail(
    inspection_id: str,
    request: Request,
    history: HistoryDep,
    workers: WorkersDep,
) -> Response:
    """One entry: everything the history keeps about it."""
    found = await workers.history(history.get, inspection_id[:128])
    if found is None:
        raise _not_found()
    back = Filters.parse(dict(parse_qsl(request.query_params.get("back", "")))).query()
    return page("detail.html", 200, request, nav="history", row=views.Row.of(found), back=back)


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
            400, _("That period cannot be used"), _("Choose a number of days from 1 to 3650.")
        ) from None
    try:
        await run_in_threadpool(write_stored, services.settings.settings_path, retention_days=days)
    except (OSError, SettingsError) as exc:
        raise PageProblem(
            500,
            _("The period applies until the service restarts"),
            _("It could not be saved in {path}: {error}").format(
                path=services.settings.settings_path, error=exc
            ),
        ) from None
    return RedirectResponse("/history?done=retention#retention", status_code=303)


@pages.get("/export.csv")
async def export_csv(request: Request, history: HistoryDep, workers: WorkersDep) -> Response:
    """The filtered entries as CSV."""
    return await _export(request, history, workers, "csv", "text/csv; charset=utf-8")


@pages.get("/export.json")
async def export_json(request: Request, history: HistoryDep, workers: WorkersDep) -> Response:
    """The filtered entries as JSON."""
    return await _export(request, history, workers, "json", "application/json")


@pages.get("/dashboard.css")
async def stylesheet() -> Response:
    """The pages' stylesheet: the extension's page adopts it (light and dark, phone width)."""
    return FileResponse(STATIC / "dashboard.css", media_type="text/css; charset=utf-8")


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
    history: History,
    workers: Workers,
    status: int,
    problem: str | None,
) -> Response:
    total = await workers.history(history.count)
    return page("clear.html", status, request, nav="history", total=total, problem=problem)


def _not_found() -> PageProblem:
    return PageProblem(
        404,
        _("No such entry"),
        _("It may have been deleted, or removed when it passed the retention period."),
    )
