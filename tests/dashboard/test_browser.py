"""The dashboard in real headless Chromium: the extension's page, through the native host.

The page at chrome-extension://<id>/dashboard/dashboard.html asks the worker,
which asks the service over its Unix socket (the host registered in the test
profile). The overview's charts over 500 entries, the filters and paging
(checked against History.query), one entry, deleting one and all, the
retention period, exports, back and forward, reload, and what the page says
when it cannot reach the service. The service's history object is the real
store, so what a test expects is asked of it directly.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.dashboard.conftest import dashboard, dashboard_url, goto, reading, shown
from tests.dashboard.service import ChannelServer
from tests.extension.browser import Browser, close_page, pointing_at
from thinktwice.history import HistoryFilter


def nav(page: Page, name: str) -> Locator:
    """A link of the dashboard's navigation."""
    return page.get_by_role("navigation", name="Dashboard").get_by_role("link", name=name)


def card(page: Page, title: str) -> Locator:
    """The overview's card titled `title`."""
    return page.locator(".card").filter(has=page.locator("dt", has_text=re.compile(f"^{title}$")))


def midnight(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time()).astimezone()


def path_shown(page: Page) -> str:
    """The service path the dashboard page shows (its address's hash)."""
    return str(page.evaluate("location.hash")).removeprefix("#")


# --- the overview --------------------------------------------------------------------


def test_the_overview_shows_500_entries_in_cards_and_charts(
    tab: Page, filled: ChannelServer
) -> None:
    stats = filled.history.stats()
    page = tab
    expect(page.get_by_role("heading", level=1)).to_have_text("Overview")
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


def test_the_period_switch_narrows_the_overview_and_back_returns(
    tab: Page, filled: ChannelServer
) -> None:
    page = tab
    page.get_by_role("link", name="7 days").click()
    expect(page.get_by_role("link", name="7 days")).to_have_attribute("aria-current", "page")
    assert path_shown(page) == "/?range=7"
    since = midnight(datetime.now().date() - timedelta(days=6))
    total = filled.history.query(HistoryFilter(since=since)).total
    expect(card(page, "Images checked").locator(".card-value")).to_have_text(f"{total:,}")
    expect(page.get_by_role("img", name=re.compile("^Warnings per day"))).to_be_visible()
    page.reload()
    shown(page)
    expect(card(page, "Images checked").locator(".card-value")).to_have_text(f"{total:,}")
    page.go_back()
    expect(card(page, "Images checked").locator(".card-value")).to_have_text("500")
    page.go_forward()
    expect(card(page, "Images checked").locator(".card-value")).to_have_text(f"{total:,}")


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
    tab: Page, filled: ChannelServer, values: dict[str, str]
) -> None:
    page = tab
    nav(page, "History").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("History")
    for name in ("site", "severity", "kind", "decision"):
        if name in values:
            page.locator(f"select[name={name}]").select_option(values[name])
    for name in ("date_from", "date_to"):
        if name in values:
            page.locator(f"input[name={name}]").fill(values[name])
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r"#/history\?"))
    total = filled.history.query(expected_filter(values)).total
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


def test_paging_walks_every_matching_entry_once(
    tab: Page, chromium: Browser, filled: ChannelServer
) -> None:
    wanted = HistoryFilter(kind="location")
    expected = [row.id for row in filled.history.query(wanted, 1, 500).items]
    pages = math.ceil(len(expected) / 50)
    assert pages >= 2
    page = tab
    goto(page, chromium, "/history?kind=location")
    seen: list[str] = []
    for number in range(1, pages + 1):
        expect(page.locator(".pager-where")).to_have_text(f"Page {number} of {pages}")
        links = page.locator("td.when a").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        )
        seen += [link.removeprefix("#/history/").split("?")[0] for link in links]
        if number < pages:
            page.get_by_role("link", name="Older").click()
    expect(page.get_by_role("link", name="Older")).to_have_count(0)
    assert seen == expected
    page.get_by_role("link", name="Newer").click()
    expect(page.locator(".pager-where")).to_have_text(f"Page {pages - 1} of {pages}")
    goto(page, chromium, f"/history?kind=location&page={pages + 1}")
    expect(page.get_by_text("This page is past the end.")).to_be_visible()


# --- one entry, deleting, retention --------------------------------------------------


def test_the_detail_view_and_deleting_one_entry(chromium: Browser, fresh: ChannelServer) -> None:
    history = fresh.history
    newest = history.query(HistoryFilter(severity="low"), 1, 1).items[0]
    with reading(chromium, fresh):
        page = dashboard(chromium, "/history?severity=low")
        try:
            page.locator("td.when a").first.click()
            expect(page.get_by_role("heading", level=1)).to_contain_text("Photo checked")
            found = page.locator(".findings li")
            expect(found).to_have_count(len(newest.findings))
            for finding in newest.findings:
                expect(page.get_by_text(finding.message).first).to_be_visible()
            page.get_by_role("button", name="Delete this entry").click()
            expect(page.get_by_role("status")).to_have_text("The entry was deleted.")
            assert "severity=low" in path_shown(page)  # back to the same filtered view
        finally:
            close_page(page)
    assert history.get(newest.id) is None
    assert history.query().total == 39


def test_deleting_everything_asks_first_then_empties_the_history(
    chromium: Browser, fresh: ChannelServer
) -> None:
    with reading(chromium, fresh):
        page = dashboard(chromium, "/history")
        try:
            page.get_by_role("link", name="Delete all entries…").click()
            expect(page.get_by_role("heading", level=1)).to_have_text("Delete the whole history?")
            page.get_by_role("button", name="Delete everything").click()  # the box is unticked
            assert path_shown(page) == "/history/clear"
            assert fresh.history.query().total == 40
            page.get_by_label("Yes, delete all 40 entries").check()
            page.get_by_role("button", name="Delete everything").click()
            expect(page.get_by_role("status")).to_have_text("The whole history was deleted.")
            expect(page.get_by_role("heading", name="Nothing here yet")).to_be_visible()
            assert fresh.history.query().total == 0
            nav(page, "Overview").click()
            expect(page.get_by_role("heading", name="Nothing here yet")).to_be_visible()
        finally:
            close_page(page)


def test_the_retention_period_is_saved_from_the_page(
    chromium: Browser, fresh: ChannelServer
) -> None:
    with reading(chromium, fresh):
        page = dashboard(chromium, "/history")
        try:
            page.get_by_label("Keep entries for").fill("30")
            page.get_by_role("button", name="Save").click()
            expect(page.get_by_role("status")).to_contain_text("Saved.")
            expect(page.get_by_label("Keep entries for")).to_have_value("30")
            assert path_shown(page) == "/history?done=retention"
        finally:
            close_page(page)
    assert fresh.history.retention_days == 30


# --- exports -------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["CSV", "JSON"])
def test_exports_download_the_filtered_entries(
    tab: Page, chromium: Browser, filled: ChannelServer, kind: str, tmp_path: Path
) -> None:
    wanted = HistoryFilter(kind="face")
    expected = [r.id for r in filled.history.query(wanted, 1, 500).items]
    page = tab
    goto(page, chromium, "/history?kind=face")
    with page.expect_download() as started:
        page.get_by_role("link", name=f"Export {kind}").click()
    download = started.value
    assert re.fullmatch(
        rf"thinktwice-history-\d{{4}}-\d\d-\d\d\.{kind.lower()}", download.suggested_filename
    )
    assert path_shown(page) == "/history?kind=face"  # the page stays where it was
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


# --- what only the extension may do ---------------------------------------------------


def test_without_the_service_the_page_says_so(
    chromium: Browser, tmp_path_factory: pytest.TempPathFactory
) -> None:
    nothing = tmp_path_factory.mktemp("nothing")
    with pointing_at(chromium, nothing):  # no service there, and none may be started
        page = dashboard(chromium)
        try:
            expect(page.get_by_role("heading", level=1)).to_have_text(
                "The dashboard cannot reach ThinkTwice"
            )
            expect(page.get_by_text("thinktwice setup")).to_be_visible()
            assert "<table" not in page.content()
        finally:
            close_page(page)


def test_a_web_page_cannot_ask_the_worker_for_a_dashboard_page(chromium: Browser) -> None:
    page = chromium.context.new_page()
    try:
        page.route(
            "http://attacker.test/**",
            lambda route: route.fulfill(body="<h1>Win a prize</h1>", content_type="text/html"),
        )
        page.goto("http://attacker.test/")
        # Web pages have no chrome.runtime for an extension that does not list them
        # in externally_connectable; the extension lists nobody.
        reachable = page.evaluate(
            "() => typeof chrome !== 'undefined' && !!chrome.runtime?.sendMessage"
        )
        assert reachable is False
    finally:
        close_page(page)


def test_the_worker_relays_only_dashboard_paths(chromium: Browser) -> None:
    page = dashboard(chromium)
    try:
        answers = page.evaluate(
            """async () => {
                const ask = (path) => chrome.runtime.sendMessage(
                    {type: "dashboardPage", method: "GET", path});
                return Promise.all(["/v1/history", "/v1/stats", "//evil", "/history"].map(ask));
            }"""
        )
    finally:
        close_page(page)
    refused, *rest, allowed = answers
    for answer in (refused, *rest):
        assert answer["ok"] is False and "malformed" in answer["error"]
    assert allowed["ok"] is True and allowed["value"]["status"] == 200


def test_links_open_in_a_new_tab_as_dashboard_pages(tab: Page, chromium: Browser) -> None:
    href = nav(tab, "History").get_attribute("href")
    assert href == "#/history"
    page = chromium.context.new_page()
    try:
        page.goto(dashboard_url(chromium, "/history"))
        expect(page.get_by_role("heading", level=1)).to_have_text("History")
    finally:
        close_page(page)


HOSTILE = """<!doctype html><html lang="en"><head><title>T</title>
<script>window.ran = 1</script><link rel="stylesheet" href="https://evil.example/x.css">
<meta http-equiv="refresh" content="0; url=https://evil.example/"></head>
<body><main id="main"><h1 onclick="window.ran = 2">Title</h1>
<img src="https://evil.example/pixel.png" onerror="window.ran = 3" alt="">
<a id="away" href="https://evil.example/">away</a><a id="js" href="javascript:window.ran=4">js</a>
<a id="home" href="/history?kind=face">home</a><a id="skip" href="#main">skip</a>
<form id="f" action="https://evil.example/steal"></form><iframe src="https://evil.example/"></iframe>
<svg><a id="svg" href="https://evil.example/">x</a><script>window.ran = 5</script></svg>
</main></body></html>"""


def test_a_page_is_cleaned_before_it_is_shown(tab: Page) -> None:
    # content.js is the only way a page reaches the screen; feed it what the service never sends.
    cleaned = tab.evaluate(
        """async (html) => {
            const { parsePage, show } = await import("./content.js");
            show(parsePage(html));
            const attr = (id, name) => document.getElementById(id)?.getAttribute(name) ?? null;
            return {
                ran: window.ran ?? null,
                scripts: document.querySelectorAll("body script").length,
                loaders: document.body.querySelectorAll("iframe, link, meta, object, embed").length,
                handlers: [...document.body.querySelectorAll("*")].some(
                    (e) => [...e.attributes].some((a) => a.name.startsWith("on"))),
                img: document.querySelector("img").getAttribute("src"),
                away: attr("away", "href"), js: attr("js", "href"), svg: attr("svg", "href"),
                home: attr("home", "href"), skip: attr("skip", "href"),
                action: attr("f", "action"),
            };
        }""",
        HOSTILE,
    )
    assert cleaned == {
        "ran": None,
        "scripts": 0,
        "loaders": 0,
        "handlers": False,
        "img": None,
        "away": None,
        "js": None,
        "svg": None,
        "home": "#/history?kind=face",  # a service path: followed in the page
        "skip": "#main",
        "action": None,
    }


def test_an_unknown_entry_is_an_error_page_in_the_dashboard(tab: Page, chromium: Browser) -> None:
    goto(tab, chromium, "/history/no-such-entry")
    expect(tab.get_by_role("heading", level=1)).to_have_text("No such entry")
    tab.get_by_role("link", name="Back to the overview").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Overview")
    assert path_shown(tab) == "/"
