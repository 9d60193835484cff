"""The dashboard in real headless Chromium, against a real service on a free port.

Signing in, being refused, the overview's charts over 500 entries, the filters
and paging (checked against History.query), deleting one and all, exports, and
forged or cross-origin forms. The service's history object is the real store,
so what a test expects is asked of it directly.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from tests.dashboard.conftest import cookie_name, login_link, sign_in
from tests.server.live import LiveServer
from thinktwice.history import History, HistoryFilter


def history_of(server: LiveServer) -> History:
    """The running service's own history store."""
    history: History = server.app.state.services.history
    return history


def nav(page: Page, name: str) -> Locator:
    """A link of the dashboard's navigation."""
    return page.get_by_role("navigation", name="Dashboard").get_by_role("link", name=name)


def card(page: Page, title: str) -> Locator:
    """The overview's card titled `title`."""
    return page.locator(".card").filter(has=page.locator("dt", has_text=re.compile(f"^{title}$")))


def midnight(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time()).astimezone()


# --- signing in ----------------------------------------------------------------------


def test_a_sign_in_link_works_once(browser: Browser, filled: LiveServer) -> None:
    url = login_link(filled)
    first = browser.new_context()
    try:
        page = first.new_page()
        page.goto(url)
        expect(page).to_have_url(filled.base_url + "/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Overview")
        (cookie,) = first.cookies()
        assert (cookie["name"], cookie["httpOnly"], cookie["sameSite"]) == (
            cookie_name(filled),
            True,
            "Strict",
        )
        assert page.evaluate("document.cookie") == ""  # out of reach of page scripts
    finally:
        first.close()
    second = browser.new_context()
    try:
        page = second.new_page()
        response = page.goto(url)
        assert response is not None and response.status == 401
        expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to your dashboard")
        expect(page.get_by_role("status")).to_contain_text("already been used or has expired")
        assert second.cookies() == []
    finally:
        second.close()


def test_an_expired_link_is_refused(context: BrowserContext, tmp_path: Path) -> None:
    server = LiveServer(tmp_path, login_link_ttl_s=0.3).start()
    try:
        url = login_link(server)
        time.sleep(0.5)
        page = context.new_page()
        response = page.goto(url)
        assert response is not None and response.status == 401
        expect(page.get_by_role("status")).to_contain_text("expired")
        assert context.cookies() == []
    finally:
        server.stop()


@pytest.mark.parametrize(
    "path", ["/", "/history", "/history?site=tinder.com", "/history/gen6-000001", "/history/clear"]
)
def test_without_a_session_pages_explain_how_to_sign_in_and_show_nothing(
    context: BrowserContext, filled: LiveServer, path: str
) -> None:
    page = context.new_page()
    response = page.goto(filled.base_url + path)
    assert response is not None and response.status == 401
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to your dashboard")
    expect(page.get_by_text("thinktwice open")).to_be_visible()
    expect(page.get_by_role("navigation")).to_have_count(0)
    html = page.content()
    assert "<table" not in html and '<svg class="chart"' not in html
    for data in ("gen6-", "tinder", "whatsapp", "Camera serial"):
        assert data not in html


def test_two_services_keep_their_own_sessions(
    context: BrowserContext, filled: LiveServer, fresh: LiveServer
) -> None:
    sign_in(context, filled)
    page = sign_in(context, fresh)
    for server in (filled, fresh):
        response = page.goto(server.base_url + "/history")
        assert response is not None and response.status == 200


def test_signing_out(context: BrowserContext, filled: LiveServer) -> None:
    page = sign_in(context, filled)
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("status")).to_have_text("You are signed out.")
    response = page.goto(filled.base_url + "/history")
    assert response is not None and response.status == 401


# --- the overview --------------------------------------------------------------------


def test_the_overview_shows_500_entries_in_cards_and_charts(
    reader: Page, filled: LiveServer
) -> None:
    stats = history_of(filled).stats()
    page = reader
    page.goto(filled.base_url + "/")
    expect(card(page, "Images checked").locator(".card-value")).to_have_text("500")
    expect(card(page, "Warnings").locator(".card-value")).to_have_text(f"{stats.warnings:,}")
    chart = page.get_by_role("img", name=re.compile(r"^Warnings per (day|week)"))
    expect(chart).to_be_visible()
    assert chart.evaluate("e => e.getBoundingClientRect().width") > 900
    page.get_by_text("Show the numbers").click()
    totals = page.locator("details table tbody tr td:last-child").all_inner_texts()
    assert sum(int(t) for t in totals) == stats.warnings
    assert chart.locator("g.bar").count() == len(totals)  # one bar per bucket with warnings
    kinds = page.get_by_role("table", name="Images with each kind of finding")
    expect(kinds.locator("tbody tr")).to_have_count(len(stats.per_kind))
    expect(page.get_by_role("table", name="Images checked per site").locator("tr")).to_have_count(
        1 + 8  # the header row and the top eight sites
    )


def test_the_period_switch_narrows_the_overview(reader: Page, filled: LiveServer) -> None:
    page = reader
    page.goto(filled.base_url + "/")
    page.get_by_role("link", name="7 days").click()
    expect(page.get_by_role("link", name="7 days")).to_have_attribute("aria-current", "page")
    since = midnight(datetime.now().date() - timedelta(days=6))
    total = history_of(filled).query(HistoryFilter(since=since)).total
    expect(card(page, "Images checked").locator(".card-value")).to_have_text(f"{total:,}")
    expect(page.get_by_role("img", name=re.compile("^Warnings per day"))).to_be_visible()


# --- the history: filters, paging ----------------------------------------------------

TODAY = datetime.now().date()


def days_ago(first: int, last: int) -> dict[str, str]:
    """A date-range filter from `first` days ago to `last` days ago."""
    return {
        "date_from": f"{TODAY - timedelta(days=first):%Y-%m-%d}",
        "date_to": f"{TODAY - timedelta(days=last):%Y-%m-%d}",
    }


FILTERS: list[dict[str, str]] = [
    {"site": "tinder.com"},
    {"severity": "high"},
    {"kind": "location"},
    {"decision": "none"},
    {"decision": "cancelled", "severity": "critical"},
    {"site": "bumble.com", "severity": "medium", "kind": "face"},
    days_ago(20, 5),
    {**days_ago(10, 0), "kind": "nudity"},
    days_ago(400, 300),  # before the history starts: nothing
]


def expected_filter(values: dict[str, str]) -> HistoryFilter:
    since = until = None
    if "date_from" in values:
        since = midnight(date.fromisoformat(values["date_from"]))
        until = midnight(date.fromisoformat(values["date_to"]) + timedelta(days=1))
    return HistoryFilter(
        site=values.get("site"),
        severity=values.get("severity"),
        kind=values.get("kind"),
        decision=values.get("decision"),
        since=since,
        until=until,
    )


@pytest.mark.parametrize("values", FILTERS, ids=lambda v: ",".join(v))
def test_the_filters_show_what_the_history_matches(
    reader: Page, filled: LiveServer, values: dict[str, str]
) -> None:
    page = reader
    page.goto(filled.base_url + "/")
    nav(page, "History").click()
    for name in ("site", "severity", "kind", "decision"):
        if name in values:
            page.locator(f"select[name={name}]").select_option(values[name])
    for name in ("date_from", "date_to"):
        if name in values:
            page.locator(f"input[name={name}]").fill(values[name])
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r"/history\?"))
    total = history_of(filled).query(expected_filter(values)).total
    rows = page.locator("table.rows tbody tr")
    if total:
        plural = "entry" if total == 1 else "entries"
        expect(page.locator("#summary")).to_contain_text(
            f"of {total:,} {plural} matching the filters"
        )
        expect(rows).to_have_count(min(total, 50))
    else:
        expect(page.locator("#summary")).to_have_text(re.compile("^No entries match"))
        expect(rows).to_have_count(0)
    if "site" in values:
        assert set(rows.locator("td.site").all_inner_texts()) <= {values["site"]}


def test_paging_walks_every_matching_entry_once(reader: Page, filled: LiveServer) -> None:
    wanted = HistoryFilter(kind="location")
    expected = [row.id for row in history_of(filled).query(wanted, 1, 500).items]
    pages = math.ceil(len(expected) / 50)
    assert pages >= 2
    page = reader
    page.goto(filled.base_url + "/")
    page.goto(filled.base_url + "/history?kind=location")
    seen: list[str] = []
    for number in range(1, pages + 1):
        expect(page.locator(".pager-where")).to_have_text(f"Page {number} of {pages}")
        links = page.locator("td.when a").evaluate_all("links => links.map(a => a.pathname)")
        seen += [link.removeprefix("/history/") for link in links]
        if number < pages:
            page.get_by_role("link", name="Older").click()
    expect(page.get_by_role("link", name="Older")).to_have_count(0)
    assert seen == expected
    page.get_by_role("link", name="Newer").click()
    expect(page.locator(".pager-where")).to_have_text(f"Page {pages - 1} of {pages}")
    page.goto(filled.base_url + f"/history?kind=location&page={pages + 1}")
    expect(page.get_by_text("This page is past the end.")).to_be_visible()


# --- one entry, deleting -------------------------------------------------------------


def test_the_detail_view_and_deleting_one_entry(context: BrowserContext, fresh: LiveServer) -> None:
    history = history_of(fresh)
    newest = history.query(HistoryFilter(severity="low"), 1, 1).items[0]
    page = sign_in(context, fresh)
    page.goto(fresh.base_url + "/history?severity=low")
    page.locator("td.when a").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Photo checked")
    found = page.locator(".findings li")
    expect(found).to_have_count(len(newest.findings))
    for finding in newest.findings:
        expect(page.get_by_text(finding.message).first).to_be_visible()
    page.get_by_role("button", name="Delete this entry").click()
    expect(page.get_by_role("status")).to_have_text("The entry was deleted.")
    assert "severity=low" in page.url  # back to the same filtered view
    assert history.get(newest.id) is None
    assert history.query().total == 39


def test_deleting_everything_asks_first_then_empties_the_history(
    context: BrowserContext, fresh: LiveServer
) -> None:
    page = sign_in(context, fresh)
    page.goto(fresh.base_url + "/history")
    page.get_by_role("link", name="Delete all entries…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete the whole history?")
    page.get_by_role("button", name="Delete everything").click()  # the box is not ticked
    expect(page).to_have_url(fresh.base_url + "/history/clear")
    assert history_of(fresh).query().total == 40
    page.get_by_label("Yes, delete all 40 entries").check()
    page.get_by_role("button", name="Delete everything").click()
    expect(page.get_by_role("status")).to_have_text("The whole history was deleted.")
    expect(page.get_by_role("heading", name="Nothing here yet")).to_be_visible()
    assert history_of(fresh).query().total == 0
    nav(page, "Overview").click()
    expect(page.get_by_role("heading", name="Nothing here yet")).to_be_visible()


# --- exports -------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["CSV", "JSON"])
def test_exports_download_the_filtered_entries(
    reader: Page, filled: LiveServer, kind: str, tmp_path: Path
) -> None:
    expected = [r.id for r in history_of(filled).query(HistoryFilter(kind="face"), 1, 500).items]
    page = reader
    page.goto(filled.base_url + "/")
    page.goto(filled.base_url + "/history?kind=face")
    with page.expect_download() as started:
        page.get_by_role("link", name=f"Export {kind}").click()
    download = started.value
    assert re.fullmatch(
        rf"thinktwice-history-\d{{4}}-\d\d-\d\d\.{kind.lower()}", download.suggested_filename
    )
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    if kind == "CSV":
        rows = list(csv.DictReader(io.StringIO(saved.read_text("utf-8-sig"), newline="")))
        assert all("face" in row["kinds"] for row in rows)
        ids = [row["id"] for row in rows]
    else:
        body = json.loads(saved.read_text("utf-8"))
        assert body["total"] == len(expected)
        ids = [item["id"] for item in body["items"]]
    assert ids == expected


# --- forged and cross-origin forms ---------------------------------------------------


@pytest.mark.parametrize("forgery", ["wrong token", "no token"])
def test_a_form_with_a_forged_csrf_token_is_refused(
    context: BrowserContext, fresh: LiveServer, forgery: str
) -> None:
    page = sign_in(context, fresh)
    page.goto(fresh.base_url + "/history/clear")
    token = page.locator("main input[name=csrf]")
    if forgery == "no token":
        token.evaluate("input => input.remove()")
    else:
        token.evaluate("input => { input.value = 'forged-' + input.value.slice(7) }")
    page.get_by_label(re.compile("^Yes, delete all")).check()
    with page.expect_response(fresh.base_url + "/history/clear") as answered:
        page.get_by_role("button", name="Delete everything").click()
    assert answered.value.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("This form has expired")
    assert history_of(fresh).query().total == 40


def test_a_form_posted_from_another_site_is_refused(
    context: BrowserContext, fresh: LiveServer
) -> None:
    page = sign_in(context, fresh)
    page.goto(fresh.base_url + "/history/clear")
    csrf = page.locator("main input[name=csrf]").input_value()  # even the right token
    attacker = (
        f'<form method="post" action="{fresh.base_url}/history/clear">'
        f'<input name="csrf" value="{csrf}"><input name="confirm" value="yes">'
        "<button>Win a prize</button></form>"
    )
    context.route(
        "http://attacker.test/**",
        lambda route: route.fulfill(body=attacker, content_type="text/html"),
    )
    evil = context.new_page()
    evil.goto("http://attacker.test/")
    with evil.expect_response(fresh.base_url + "/history/clear") as answered:
        evil.get_by_role("button", name="Win a prize").click()
    assert answered.value.status == 403
    assert "origin_not_allowed" in answered.value.text()
    assert history_of(fresh).query().total == 40
