"""Firefox in Spanish: the extension and the service's findings follow its language.

Debian's Firefox ESR with its Spanish language pack (firefox-esr-l10n-es-es, which
scripts/test installs) and `intl.locale.requested` set to es-ES, as a person's
Spanish Firefox is; the rest as in test_firefox.py.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.extension.actions import decision_recorded
from tests.extension.browser import EXTENSION, Service
from tests.extension.conftest import Photo
from tests.extension.test_firefox import UUID, ExtensionInFirefox
from tests.extension.webserver import Site
from tests.support.firefox import ESCAPE, FIREFOX, Firefox
from thinktwice.native import install

LANGUAGE_PACK = Path(
    "/usr/lib/firefox-esr/browser/extensions/langpack-es-ES@firefox-esr.mozilla.org.xpi"
)


@pytest.fixture(scope="module")
def spanish(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ExtensionInFirefox]:
    """Firefox ESR in Spanish, in a fresh profile and HOME, the extension installed."""
    assert shutil.which(FIREFOX), "Debian's firefox-esr is required (scripts/test installs it)"
    assert LANGUAGE_PACK.is_file(), "firefox-esr-l10n-es-es is required (scripts/test installs it)"
    browser = Firefox(
        tmp_path_factory.mktemp("firefox-es"),
        addon_uuids={install.GECKO_EXTENSION_ID: UUID},
        prefs={"intl.locale.requested": "es-ES"},
    )
    try:
        first = browser.command("WebDriver:GetWindowHandles")
        assert browser.install_temporary_addon(EXTENSION) == install.GECKO_EXTENSION_ID
        _close_the_welcome_tab(browser, first)
        yield ExtensionInFirefox(browser)
    finally:
        browser.close()


def _close_the_welcome_tab(browser: Firefox, first: list[str]) -> None:
    # Installing opens the help page in a tab of its own, a moment later: were it to open
    # while a test's page is up, it would take the focus the dialog is read by.
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        opened = set(browser.command("WebDriver:GetWindowHandles")) - set(first)
        if opened:
            browser.command("WebDriver:SwitchToWindow", {"handle": opened.pop()})
            browser.close_tab()
            return
        time.sleep(0.05)


def test_the_extension_takes_firefoxs_language(spanish: ExtensionInFirefox) -> None:
    ui = spanish.background(
        "() => [browser.i18n.getUILanguage(), browser.i18n.getMessage('htmlLang')]"
    )
    assert ui == ["es-ES", "es"]


def test_the_dialog_and_its_findings_are_in_spanish(
    spanish: ExtensionInFirefox, service: Service, site: Site, photos: dict[str, Photo]
) -> None:
    spanish.register(service.data_dir)
    spanish.background("(t, origin) => t.addWatchedSite(origin)", site.origin)
    site.uploads.clear()
    browser = spanish.firefox
    photo = photos["IMG_2041.jpg"]  # GPS, serial, a name...
    browser.navigate(site.url("input.html"))
    browser.send_keys("#file", str(photo.path))
    view = browser.wait_for_dialog(focused="Enviar copia limpia")
    assert view.name == f"Piénsalo dos veces antes de enviar {photo.name}"
    assert view.buttons == ["Enviar copia limpia", "Enviar el original igualmente", "Cancelar"]
    assert "Muestra dónde se hizo: en Vanves, Île-de-France, Francia (GPS)." in view.texts
    assert "Lleva el número de serie de tu cámara, que puede vincular tus fotos entre sí." in (
        view.texts
    )
    assert not [text for text in view.texts if text.startswith("It ")]
    browser.press(ESCAPE)
    decision_recorded(service, "cancelled")
