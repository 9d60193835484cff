"""Who else can see it: the table of which services encrypt end to end, and where it shows.

The table (extension/shared/encryption.js) is read by Node as the browser reads it (a
classic script, run in a fresh context); it must answer for every site watched by
default, each answer with its note, source and date. The dialog says it for the site at
hand: a report rendered on a page served at the real site's address (Playwright answers
the request, so the extension's content scripts run there as on the real site). The
help page shows the whole table.
"""

from __future__ import annotations

import json
import re
import subprocess
from datetime import date
from typing import Any

import pytest
from playwright.sync_api import Page, Route

from tests.extension.browser import EXTENSION, ROOT, Browser, Dialog, close_page
from tests.extension.webserver import Site

ARTIFACTS = ROOT / "artifacts"
MESSAGES = json.loads((EXTENSION / "_locales" / "en" / "messages.json").read_text())
ANSWERS = {"yes", "partly", "no"}
# Read the table in a fresh context, and ask it about each host given.
READ_TABLE = """
const vm = require("vm"), fs = require("fs");
const context = vm.createContext({});
vm.runInContext(fs.readFileSync(process.argv[1], "utf8"), context);
const table = context.thinkTwiceEncryption;
const hosts = JSON.parse(process.argv[2]);
console.log(JSON.stringify({
  services: table.services,
  answers: Object.fromEntries(hosts.map((h) => [h, table.serviceFor(h)?.name ?? null])),
}));
"""


def _watched_by_default() -> list[tuple[str, bool]]:
    """DEFAULTS in background/sites.js: [host, with its subdomains]."""
    source = (EXTENSION / "background" / "sites.js").read_text()
    block = source[
        source.index("const DEFAULTS") : source.index("];", source.index("const DEFAULTS"))
    ]
    return [
        (host, sub == "true") for host, sub in re.findall(r'\["([^"]+)", (true|false)\]', block)
    ]


def _read(hosts: list[str]) -> dict[str, Any]:
    script = EXTENSION / "shared" / "encryption.js"
    out = subprocess.run(
        ["node", "-e", READ_TABLE, str(script), json.dumps(hosts)],
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(out.stdout))


def test_every_site_watched_by_default_has_an_answer() -> None:
    sites = _watched_by_default()
    assert len(sites) >= 25
    hosts = [host for host, _ in sites] + [f"www.{host}" for host, sub in sites if sub]
    answers = _read([*hosts, "example.org", "nottinder.com"])["answers"]
    assert [h for h in hosts if answers[h] is None] == []
    assert answers["example.org"] is None and answers["nottinder.com"] is None


def test_each_answer_has_a_note_a_source_and_the_date_it_was_checked() -> None:
    services = _read([])["services"]
    assert len({s["name"] for s in services}) == len(services)
    for service in services:
        assert service["e2e"] in ANSWERS, service
        assert MESSAGES[service["note"]]["message"].endswith("."), service
        assert re.match(r"https://[a-z0-9.-]+\.[a-z]+/", service["source"]), service
        assert date.fromisoformat(service["checked"]) <= date(2026, 12, 2), service


def test_its_words_and_the_tag_words_are_in_the_locale() -> None:
    """The ids test_manifest.py's scan does not know: answers and notes (enc...), and the
    Details' tag names in words (tag...)."""
    used: set[str] = set()
    for name in ("shared/encryption.js", "help/help.js", "content/dialog-rows.js"):
        used |= set(re.findall(r'"((?:enc|tag)[A-Z]\w*)"', (EXTENSION / name).read_text()))
    assert len(used) > 30
    assert sorted(k for k in used if k not in MESSAGES) == []


def test_the_answers_people_ask_about_first() -> None:
    answers = {s["name"]: s["e2e"] for s in _read([])["services"]}
    assert {name: answers[name] for name in ("WhatsApp", "Signal", "Messenger")} == dict.fromkeys(
        ("WhatsApp", "Signal", "Messenger"), "yes"
    )
    dating = ("Tinder", "Bumble", "Hinge", "OkCupid", "Match", "Grindr", "Feeld", "Hily", "Badoo")
    for name in (*dating, "Telegram", "Instagram", "Discord", "Gmail", "Outlook"):
        assert answers[name] == "no", name


def serve_at(page: Page, origin: str) -> None:
    """Open a page at `origin` (a real site's address), answered by the test."""

    def answer(route: Route) -> None:
        route.fulfill(
            status=200,
            content_type="text/html",
            body='<!doctype html><html lang="en"><title>chat</title></html>',
        )

    page.route(f"{origin}/**", answer)
    page.goto(f"{origin}/chat")


def _render(browser: Browser, page: Page, count: int = 1) -> list[str]:
    """The dialog's texts for a report of `count` photos that show where they were taken."""
    finding = {
        "kind": "gps",
        "severity": "high",
        "message": "It shows where it was taken.",
        "evidence": {},
    }
    items = [
        {"name": f"photo{i}.jpg", "status": "checked", "findings": [finding], "faces": 0}
        for i in range(count)
    ]
    shown = browser.in_content_script(
        page, f"(globalThis.thinkTwiceDialog.create().ask({json.dumps(items)}), true)"
    )
    assert shown is True
    return Dialog(page).wait_open().texts


SITES = {
    "https://tinder.com": "Tinder can see this photo: its messages are not end-to-end encrypted.",
    "https://web.whatsapp.com": (
        "WhatsApp messages are end-to-end encrypted; "
        "the person you send it to can still keep and forward it."
    ),
    "https://web.snapchat.com": (
        "Snapchat may be able to see what you send: "
        "Snaps are end-to-end encrypted; other things you share may not be."
    ),
}


@pytest.mark.parametrize("origin", SITES, ids=[o.removeprefix("https://") for o in SITES])
def test_the_dialog_says_who_else_can_see_it_on_the_site_at_hand(
    browser: Browser, page: Page, origin: str
) -> None:
    serve_at(page, origin)
    assert SITES[origin] in _render(browser, page)


def test_the_dialog_speaks_of_several_photos_as_these(browser: Browser, page: Page) -> None:
    serve_at(page, "https://www.bumble.com")
    texts = _render(browser, page, count=2)
    assert "Bumble can see these photos: its messages are not end-to-end encrypted." in texts


def test_a_site_the_table_does_not_know_gets_no_claim(
    browser: Browser, page: Page, site: Site
) -> None:
    page.goto(site.url("input.html"))  # a site the person added: 127.0.0.1
    texts = _render(browser, page)
    assert not [t for t in texts if "end-to-end" in t]


def test_the_help_page_shows_the_whole_table_with_sources_and_dates(browser: Browser) -> None:
    services = _read([])["services"]
    help_page = browser.extension_page("help/help.html")
    try:
        rows = help_page.locator("#seen tbody tr")
        assert rows.count() == len(services)
        tinder = help_page.locator('#seen tr[data-service="Tinder"]')
        assert tinder.locator("td").first.inner_text() == "No"
        assert tinder.locator("a").get_attribute("href") == "https://policies.tinder.com/privacy"
        assert tinder.locator("time").get_attribute("datetime") == "2026-12-02"
        signal = help_page.locator('#seen tr[data-service="Signal"]')
        assert "no web app" in signal.locator("th").inner_text()
        ARTIFACTS.mkdir(exist_ok=True)
        help_page.locator("#seen").screenshot(path=ARTIFACTS / "extension-help-who-can-see.png")
    finally:
        close_page(help_page)
