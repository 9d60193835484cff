"""The extension in Firefox: native messaging reaches the host, the host the service.

Debian's Firefox ESR, headless, driven over Marionette (tests/support/firefox.py);
the unpacked extension loaded as a temporary add-on; the native host registered
where `thinktwice setup` registers it for Firefox (HOME/.mozilla/
native-messaging-hosts, HOME being the test's); the real service on its Unix
socket. The options page says what the extension's connection check found.
On a watched site a photo is held whether it is picked in an input, in an input
the page never adds to the document or in Dropzone (from npm), or dropped on the
page (trusted drag events, `Firefox.drop`); pickers a page opens are answered by
a stand-in for Firefox's file picker (`Firefox.will_pick`). The dialog is read
from Firefox's accessibility tree and answered with trusted keys; the site's
upload endpoint gets the cleaned copy, the original, or nothing, as chosen. With
no service the photo is "not checked". The popup's "Clean a file…" saves a clean
copy in the downloads.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.extension.actions import decision_recorded, eventually, nothing_arrives
from tests.extension.browser import EXTENSION, Service, serving_pid
from tests.extension.conftest import Photo
from tests.extension.webserver import Site
from tests.support.exiftool import assert_clean
from tests.support.firefox import ELEMENT, ENTER, ESCAPE, FIREFOX, TAB, Firefox
from tests.support.images import assert_same_pixels
from tests.support.service import stop_serving
from thinktwice.native import install

# The moz-extension:// UUID Firefox gives the add-on (fixed by a pref), so the
# tests can open its pages.
UUID = "8d3f6a2e-5b1c-4e7a-9c0d-2f4b6e8a1c3d"
ORIGIN = f"moz-extension://{UUID}"
MESSAGES = json.loads((EXTENSION / "_locales" / "en" / "messages.json").read_text())


class ExtensionInFirefox:
    """Firefox with the extension; its native host registered in Firefox's HOME."""

    def __init__(self, firefox: Firefox) -> None:
        self.firefox = firefox
        (self.target,) = [t for t in install.default_targets(firefox.home) if t.firefox]

    def register(self, data_dir: Path, *, start_service: bool = True) -> None:
        """Register the host for the service of `data_dir`, as `thinktwice setup` does;
        the extension's next call starts a new host."""
        install.install(data_dir, [self.target], start_service=start_service)
        self.background("t => t.reconnect()")

    def unregister(self) -> None:
        self.target.manifest.unlink()
        self.background("t => t.reconnect()")

    def background(self, function: str, arg: Any = None) -> Any:
        """Call `function(self.thinktwice, arg)` in the extension's background page."""
        self._on_extension_page()
        return self.firefox.execute(
            f"return browser.runtime.getBackgroundPage()"
            f".then(bg => ({function})(bg.thinktwice, arguments[0]))",
            arg,
        )

    def options_status(self, wanted: str) -> str:
        """Open the options page; its connection line once it says `wanted`."""
        self.firefox.open_privileged(f"{ORIGIN}/options/options.html")
        try:
            return self.firefox.wait_for_text("#connection", wanted)
        finally:
            self.firefox.close_tab()

    def _on_extension_page(self) -> None:
        # Only the extension's own pages may reach its background page. The help page,
        # unlike the options page, asks nothing of the service on its own: opening it
        # never starts a service through the host about to be replaced.
        if self.firefox.execute("return location.origin") != ORIGIN:
            self.firefox.open_privileged(f"{ORIGIN}/help/help.html")


@pytest.fixture(scope="module")
def firefox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ExtensionInFirefox]:
    """Firefox ESR in a fresh profile and HOME, the extension installed (temporarily)."""
    assert shutil.which(FIREFOX), "Debian's firefox-esr is required (scripts/test installs it)"
    browser = Firefox(
        tmp_path_factory.mktemp("firefox"), addon_uuids={install.GECKO_EXTENSION_ID: UUID}
    )
    try:
        assert browser.install_temporary_addon(EXTENSION) == install.GECKO_EXTENSION_ID
        yield ExtensionInFirefox(browser)
    finally:
        browser.close()


def test_the_options_page_reaches_the_service_through_the_native_host(
    firefox: ExtensionInFirefox, service: Service
) -> None:
    firefox.register(service.data_dir, start_service=False)  # only the running one can answer
    status = firefox.options_status("Connected")
    assert status == "Connected to the ThinkTwice service (version 0.1.0)."
    assert serving_pid(service.data_dir) == service.pid


def test_opening_the_options_page_starts_a_stopped_service(
    firefox: ExtensionInFirefox, tmp_path: Path, service: Service
) -> None:
    stopped = tmp_path / "data"
    assert serving_pid(stopped) is None
    firefox.register(stopped)  # the default launcher: the host may start the service
    try:
        status = firefox.options_status("Connected")
        assert status == "Connected to the ThinkTwice service (version 0.1.0)."
        started = serving_pid(stopped)
        assert started is not None and started != service.pid
    finally:
        stop_serving(stopped)  # the host started it in a session of its own
        firefox.register(service.data_dir)


def test_a_stopped_service_the_host_may_not_start_is_reported_not_running(
    firefox: ExtensionInFirefox, tmp_path: Path, service: Service
) -> None:
    stopped = tmp_path / "data"
    firefox.register(stopped, start_service=False)  # `thinktwice setup --no-start`
    try:
        not_running = MESSAGES["statusNotRunning"]["message"]
        assert firefox.options_status("could not be started") == not_running
        assert serving_pid(stopped) is None
    finally:
        firefox.register(service.data_dir)


def test_without_the_host_manifest_the_options_page_says_not_set_up(
    firefox: ExtensionInFirefox, service: Service
) -> None:
    firefox.register(service.data_dir)
    firefox.unregister()
    try:
        not_set_up = MESSAGES["statusNotSetUp"]["message"]
        assert firefox.options_status("not set up") == not_set_up
        assert firefox.background("t => t.connection()")["state"] == "not_set_up"
    finally:
        firefox.register(service.data_dir)


@pytest.fixture
def watching(firefox: ExtensionInFirefox, service: Service, site: Site) -> Firefox:
    """Firefox with the extension reaching `service` and watching `site`, which has
    received nothing yet."""
    firefox.register(service.data_dir)
    firefox.background("(t, origin) => t.addWatchedSite(origin)", site.origin)
    site.uploads.clear()
    return firefox.firefox


def _asks_about(browser: Firefox, photo: Photo) -> None:
    view = browser.wait_for_dialog(focused="Send cleaned copy")
    assert view.name == f"Think twice before sending {photo.name}"
    assert view.buttons == ["Send cleaned copy", "Send original anyway", "Cancel"]
    assert "It shows where it was taken: in Vanves, Île-de-France, France (GPS)." in view.texts


def _received_cleaned(site: Site, service: Service, photo: Photo) -> None:
    (received,) = site.uploads.wait(1)
    assert (received.filename, received.content_type) == (photo.name, "image/jpeg")
    assert received.data != photo.data
    assert_clean(received.data, ".jpg")
    assert_same_pixels(photo.data, received.data)
    decision_recorded(service, "sent_cleaned")


def _picked(watching: Firefox, url: str, photo: Photo) -> Photo:
    """`photo` picked in the #file input of the page at `url`, once the dialog asks."""
    watching.navigate(url)
    watching.send_keys("#file", str(photo.path))  # the person picks the file
    _asks_about(watching, photo)
    return photo


def test_a_photo_picked_in_an_input_reaches_the_site_cleaned_after_enter(
    watching: Firefox, service: Service, site: Site, photos: dict[str, Photo]
) -> None:
    original = _picked(watching, site.url("input.html"), photos["IMG_2041.jpg"])
    watching.press(ENTER)
    _received_cleaned(site, service, original)


def test_send_original_gives_the_site_the_identical_bytes(
    watching: Firefox, service: Service, site: Site, photos: dict[str, Photo]
) -> None:
    original = _picked(watching, site.url("input.html"), photos["IMG_2041.jpg"])
    watching.press(TAB, ENTER)  # from "Send cleaned copy" to "Send original anyway"
    (received,) = site.uploads.wait(1)
    assert (received.filename, received.data) == (original.name, original.data)
    decision_recorded(service, "sent_original")


def test_cancel_gives_the_site_nothing(
    watching: Firefox, service: Service, site: Site, photos: dict[str, Photo]
) -> None:
    watching.navigate(site.url("input.html"))
    watching.send_keys("#file", str(photos["IMG_2041.jpg"].path))
    _asks_about(watching, photos["IMG_2041.jpg"])
    watching.press(ESCAPE)
    nothing_arrives(site)
    assert watching.execute("return window.received") == []
    assert watching.dialog() is None
    decision_recorded(service, "cancelled")


def test_a_detached_input_is_held_too(
    watching: Firefox, service: Service, site: Site, photos: dict[str, Photo]
) -> None:
    original = photos["IMG_2041.jpg"]
    watching.navigate(site.url("detached.html"))  # an input never added to the page
    watching.will_pick(original.path)
    watching.click("#pick")
    _asks_about(watching, original)
    watching.press(ENTER)
    _received_cleaned(site, service, original)


def test_a_cover_in_the_pages_closed_shadow_root_is_put_back_under_the_dialog(
    watching: Firefox, service: Service, site: Site, photos: dict[str, Photo]
) -> None:
    # Firefox has no IntersectionObserver v2, and the page's closed root keeps its
    # popover's events from the window: the dialog watches inside such roots itself.
    original = _picked(watching, site.url("cover.html"), photos["IMG_2041.jpg"])
    x, y = watching.execute("return [innerWidth / 2, innerHeight / 2]")
    watching.execute("window.coverAt(arguments[0], arguments[1], { where: 'shadow root' })", x, y)
    seen = watching.pixel(x - 150, y)  # inside the fake button, if it is on top
    assert seen != (255, 0, 0) and seen != (255, 0, 255), f"the page's cover is on top: {seen}"
    watching.press(ENTER)
    _received_cleaned(site, service, original)


def test_a_click_through_a_late_cover_presses_nothing_in_firefox(
    watching: Firefox, service: Service, site: Site, photos: dict[str, Photo]
) -> None:
    # A closed root attached once the dialog is up: nothing tells the dialog until the
    # click, which then finds the root's popover on top and does not count.
    original = _picked(watching, site.url("cover.html"), photos["IMG_2041.jpg"])
    x, y = watching.button_centre("Send original anyway")
    watching.execute("window.coverAt(arguments[0], arguments[1], { where: 'late' })", x, y)
    assert watching.pixel(x - 150, y) == (255, 0, 0), "the person sees the page's fake button"

    watching.click_at(x, y)  # on the fake "Send cleaned copy (safe)"
    nothing_arrives(site, wait=1.0)
    covered = "Something on the page covered this dialog; click again."
    eventually(lambda: covered in getattr(watching.dialog(), "texts", []))  # shown anew on top
    assert service.history()[0]["decision"] is None

    watching.execute("window.uncover()")
    x, y = watching.button_centre("Send cleaned copy")
    watching.click_at(x, y)  # the dialog is back on top and seen: this click counts
    _received_cleaned(site, service, original)


@pytest.mark.parametrize("answer", ["cleaned", "original", "cancel"])
def test_a_dropped_photo_reaches_the_pages_drop_handler_only_as_chosen(
    watching: Firefox, service: Service, site: Site, photos: dict[str, Photo], answer: str
) -> None:
    original = photos["IMG_2041.jpg"]
    watching.navigate(site.url("drop.html"))
    watching.drop("#zone", original.path, "image/jpeg")
    _asks_about(watching, original)
    assert watching.execute("return window.received") == []  # the page's handler waits
    if answer == "cleaned":
        watching.press(ENTER)
        _received_cleaned(site, service, original)
    elif answer == "original":
        watching.press(TAB, ENTER)
        (received,) = site.uploads.wait(1)
        assert (received.filename, received.data) == (original.name, original.data)
        decision_recorded(service, "sent_original")
    else:
        watching.press(ESCAPE)
        nothing_arrives(site)
        decision_recorded(service, "cancelled")
    received_by_page = watching.execute("return window.received")
    assert [r["via"] for r in received_by_page] == ([] if answer == "cancel" else ["drop"])


def test_dropzone_gets_the_original_only_when_the_person_says_so(
    watching: Firefox, service: Service, site: Site, photos: dict[str, Photo]
) -> None:
    original = photos["IMG_2041.jpg"]
    watching.navigate(site.url("dropzone.html"))  # Dropzone from npm: its own picker
    watching.will_pick(original.path)
    watching.click("#zone")
    _asks_about(watching, original)
    watching.press(TAB, ENTER)
    (received,) = site.uploads.wait(1)
    assert (received.filename, received.data) == (original.name, original.data)
    decision_recorded(service, "sent_original")


def test_without_the_service_the_dialog_says_not_checked_and_cancel_sends_nothing(
    firefox: ExtensionInFirefox,
    watching: Firefox,
    site: Site,
    photos: dict[str, Photo],
    tmp_path: Path,
    service: Service,
) -> None:
    firefox.register(tmp_path / "stopped", start_service=False)  # no service, none started
    try:
        watching.navigate(site.url("input.html"))
        watching.send_keys("#file", str(photos["IMG_2041.jpg"].path))
        view = watching.wait_for_dialog(focused="Cancel", name="This photo was not checked")
        assert view.buttons == ["Cancel", "Send original anyway"]
        assert watching.execute("return window.received") == []
        watching.press(ENTER)  # on Cancel
        nothing_arrives(site)
        assert watching.dialog() is None
    finally:
        firefox.register(service.data_dir)


def test_the_popup_cleans_a_file_into_the_downloads(
    firefox: ExtensionInFirefox, service: Service, photos: dict[str, Photo]
) -> None:
    firefox.register(service.data_dir)
    original = photos["IMG_2041.jpg"]
    browser = firefox.firefox
    browser.open_privileged(f"{ORIGIN}/popup/popup.html")
    try:
        browser.send_keys("#file", str(original.path))  # "Clean a file…" opens this input
        said = browser.wait_for_text("#clean-result", "Saved")
        assert said == "Saved IMG_2041.clean.jpg to your downloads."
    finally:
        browser.close_tab()
    saved = browser.downloads / "IMG_2041.clean.jpg"
    eventually(saved.is_file)
    assert_clean(saved.read_bytes(), ".jpg")
    assert_same_pixels(original.data, saved.read_bytes())


def test_a_photo_picked_in_another_sites_frame_in_firefox_is_held(
    watching: Firefox, service: Service, site: Site, photos: dict[str, Photo]
) -> None:
    # The frame (localhost) is not a watched site: the worker injects the scripts into it.
    browser = watching
    original = photos["IMG_2041.jpg"]
    browser.navigate(site.url("embed.html?page=input.html"))
    browser.command("WebDriver:SwitchToFrame", {"element": browser.find("#frame")[ELEMENT]})
    try:
        # The worker injects the scripts once the frame has committed, which can be
        # after it loaded: wait for them (page-hook.js wraps click), as a person would.
        eventually(
            lambda: browser.execute(
                "return !String(HTMLElement.prototype.click).includes('[native code]')"
            )
        )
        browser.send_keys("#file", str(original.path))
    finally:
        browser.command("WebDriver:SwitchToParentFrame")
    view = browser.wait_for_dialog(focused="Send cleaned copy")
    assert view.name == "Think twice before sending IMG_2041.jpg"
    assert browser.execute("return document.querySelector('thinktwice-dialog') !== null")
    browser.press(ENTER)  # the top frame asks: the keys go there
    (received,) = site.uploads.wait(1)
    assert received.data != original.data
    assert_clean(received.data, ".jpg")
