"""The extension speaks the browser's language: English, Spanish, French and German.

- Every message of `_locales/en` is in every other catalog, with the same `$1`...`$n`
  and `placeholders`, and a sentence is never left in English.
- No English is hard-coded in what the extension shows: the HTML pages' text and
  attributes come from `data-i18n`, and in the scripts of the dialog, notice, popup,
  options, help and dashboard no string literal reaches the screen (`textContent`,
  `title`, `h(...)`'s children, `append`...) other than through `t(...)` /
  `i18n.getMessage(...)`. The scripts are read by acorn (a real JavaScript parser).
- Chromium in Spanish shows the dialog, the popup, the options and the dashboard's own
  words in Spanish. The findings' sentences and the dashboard's pages come from the
  service, in English until its gettext catalogs.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import Page, Playwright, expect

from tests.extension.actions import pick_with_input
from tests.extension.browser import EXTENSION, Browser, Dialog, Service, close_page, pointing_at
from tests.extension.conftest import Photo
from tests.extension.webserver import NODE_MODULES, Site

LOCALES = EXTENSION / "_locales"
OTHERS = ["es", "fr", "de"]
# Where the person reads words: the pages, and the scripts that draw the dialog and notice.
PAGES = sorted(EXTENSION.glob("*/*.html"))
SCRIPTS = sorted(
    [
        *EXTENSION.glob("content/dialog*.js"),
        EXTENSION / "content/frame-dialog.js",
        EXTENSION / "content/notice.js",
        *EXTENSION.glob("popup/*.js"),
        *EXTENSION.glob("options/*.js"),
        *EXTENSION.glob("help/*.js"),
        *EXTENSION.glob("dashboard/*.js"),
        *EXTENSION.glob("shared/*.js"),
    ]
)
SUBSTITUTION = re.compile(r"\$(\d)")
# Words that are the same in every language: the product's name, and web addresses.
NOT_ENGLISH = re.compile(r"https?://\S+|\bThinkTwice\b")
WORD = re.compile(r"[^\W\d_]{2,}")
SHOWN_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label", "aria-description"}
UNTRANSLATED_TAGS = {"script", "style", "code"}  # commands people type stay as they are


def _catalog(code: str) -> dict[str, dict[str, object]]:
    return dict(json.loads((LOCALES / code / "messages.json").read_text(encoding="utf-8")))


def _words(text: str) -> list[str]:
    return WORD.findall(NOT_ENGLISH.sub("", text))


@pytest.mark.parametrize("code", OTHERS)
def test_every_english_message_is_translated(code: str) -> None:
    english, other = _catalog("en"), _catalog(code)
    missing = sorted(set(english) - set(other))
    assert not missing, f"_locales/{code} lacks {len(missing)} message(s): {', '.join(missing)}"
    assert not set(other) - set(english), f"_locales/{code} has messages English has not"


@pytest.mark.parametrize("code", OTHERS)
def test_translations_keep_their_substitutions(code: str) -> None:
    english, other = _catalog("en"), _catalog(code)
    for key in english.keys() & other.keys():
        said, meant = str(other[key]["message"]), str(english[key]["message"])
        assert set(SUBSTITUTION.findall(said)) == set(SUBSTITUTION.findall(meant)), key
        assert other[key].get("placeholders") == english[key].get("placeholders"), key
        # A `$` that is no $n, no `$$` and no declared $name$ breaks the message in Chrome.
        named = set(other[key].get("placeholders", {}))  # type: ignore[arg-type]
        for name in re.findall(r"\$([A-Za-z_]\w*)\$", said):
            assert name.lower() in {n.lower() for n in named}, (key, name)
        assert not re.search(r"\$(?![\d$]|[A-Za-z_]\w*\$)", said.replace("$$", "")), key


@pytest.mark.parametrize("code", OTHERS)
def test_no_sentence_is_left_in_english(code: str) -> None:
    english, other = _catalog("en"), _catalog(code)
    same = [
        key
        for key in english.keys() & other.keys()
        if other[key]["message"] == english[key]["message"]
        and len(_words(str(english[key]["message"]))) >= 2
    ]
    assert not same, f"_locales/{code} still says these in English: {same}"


def test_english_numbers_its_substitutions_from_one() -> None:
    for entry in _catalog("en").values():
        used = sorted({int(n) for n in SUBSTITUTION.findall(str(entry["message"]))})
        # statusError is given [version, message] by describeConnection: it says only $2.
        assert not used or used in (list(range(1, used[-1] + 1)), [2]), entry["message"]


class _PageText(HTMLParser):
    """English a page shows without data-i18n: text and shown attributes, and keys used."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, bool]] = []  # (tag, filled by data-i18n)
        self.english: list[str] = []
        self.keys: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        self.keys |= {v for n, v in found.items() if n.startswith("data-i18n")}
        for name in SHOWN_ATTRIBUTES & found.keys():
            if _words(found[name]) and f"data-i18n-{name}" not in found:
                self.english.append(f'<{tag} {name}="{found[name]}">')
        if tag not in {"meta", "link", "img", "input", "br"}:
            self.stack.append((tag, "data-i18n" in found))

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        tags = {tag for tag, _ in self.stack}
        filled = bool(self.stack) and self.stack[-1][1]
        if tags & UNTRANSLATED_TAGS or not (_words(data) or (filled and data.strip())):
            return
        self.english.append(data.strip())


def _page_text(html: str) -> _PageText:
    parser = _PageText()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(EXTENSION)))
def test_pages_take_their_words_from_the_catalog(page: Path) -> None:
    found = _page_text(page.read_text(encoding="utf-8"))
    assert not found.english, f"{page.name} shows English of its own: {found.english}"
    assert found.keys <= _catalog("en").keys(), found.keys - _catalog("en").keys()


def test_the_page_check_finds_english() -> None:
    found = _page_text(
        '<title data-i18n="x">Options</title><p>Hello there</p><input placeholder="Your name">'
        "<pre><code>thinktwice setup</code></pre><p>ThinkTwice: https://a.example/</p>"
    )
    assert found.english == ["Options", "Hello there", '<input placeholder="Your name">']


# Acorn (tests/extension/node_modules) parses each script; this walks the tree for string
# literals that reach the screen, and for t("key") calls (their keys must exist).
SCAN = r"""
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
const [acornPath, ...files] = process.argv.slice(2);
const acorn = createRequire(import.meta.url)(acornPath);
const SHOWN = new Set(["textContent", "innerText", "innerHTML", "title", "placeholder", "alt"]);
const ATTRS = new Set(["title", "alt", "placeholder", "aria-label", "aria-description"]);
const CHILDREN = { h: 2, cell: 1, showProblem: 0, say: 1 }; // function -> first shown argument
const APPENDS = new Set(["append", "prepend", "replaceChildren", "before", "after"]);
APPENDS.add("createTextNode");
// Where literals hide inside an expression (calls show what they return: t() is one).
const PARTS = ["consequent", "alternate", "left", "right", "expressions", "elements", "argument"];
const OPAQUE = ["CallExpression", "NewExpression", "MemberExpression", "ObjectExpression"];
const name = (n) =>
  n?.type === "Identifier" ? n.name : n?.type === "MemberExpression" ? n.property.name : null;
const isT = (n) => n.type === "CallExpression" && ["t", "getMessage"].includes(name(n.callee));
const found = { shown: [], keys: [] };

function parse(src) {
  const options = { ecmaVersion: "latest", locations: true };
  try {
    return acorn.parse(src, { ...options, sourceType: "module" });
  } catch {
    return acorn.parse(src, { ...options, sourceType: "script" });
  }
}
function walk(node, visit) {
  if (!node || typeof node.type !== "string") return;
  visit(node);
  for (const [key, value] of Object.entries(node)) {
    if (key === "loc") continue;
    for (const child of [value].flat()) if (child?.type) walk(child, visit);
  }
}
function literals(node, out = []) {
  if (!node || node.type.includes("Function") || OPAQUE.includes(node.type)) return out;
  if (node.type === "Literal" && typeof node.value === "string") out.push(node);
  if (node.type === "TemplateLiteral") {
    out.push(...node.quasis.map((q) => ({ ...q, value: q.value.cooked })));
  }
  for (const key of [...PARTS, "expression"]) {
    for (const child of [node[key]].flat()) if (child) literals(child, out);
  }
  return out;
}
function shown(file, node) {
  for (const lit of literals(node)) found.shown.push([file, lit.loc.start.line, lit.value]);
}
for (const file of files) {
  walk(parse(readFileSync(file, "utf8")), (n) => {
    if (n.type === "AssignmentExpression" && SHOWN.has(name(n.left))) shown(file, n.right);
    if (n.type === "Property" && ATTRS.has(n.key.value ?? n.key.name)) shown(file, n.value);
    if (n.type !== "CallExpression") return;
    if (isT(n) && n.arguments[0]?.type === "Literal") found.keys.push(n.arguments[0].value);
    const callee = name(n.callee);
    const first =
      n.callee.type === "Identifier" ? CHILDREN[callee] : APPENDS.has(callee) ? 0 : undefined;
    if (first !== undefined) n.arguments.slice(first).forEach((a) => shown(file, a));
    const attr = n.arguments[0]?.value;
    if (callee === "setAttribute" && ATTRS.has(attr)) shown(file, n.arguments[1]);
  });
}
console.log(JSON.stringify(found));
"""


def _scan(tmp_path: Path, *scripts: Path) -> dict[str, list[list[object]]]:
    acorn = NODE_MODULES / "acorn"
    assert shutil.which("node") and acorn.is_dir(), "node and tests/extension's acorn are needed"
    scan = tmp_path / "scan.mjs"
    scan.write_text(SCAN, encoding="utf-8")
    done = subprocess.run(
        ["node", str(scan), str(acorn), *map(str, scripts)],
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(done.stdout))


def test_no_english_literal_reaches_the_screen(tmp_path: Path) -> None:
    found = _scan(tmp_path, *SCRIPTS)
    english = [
        f"{Path(str(f)).relative_to(EXTENSION)}:{line}: {text!r}"
        for f, line, text in found["shown"]
        if _words(str(text))
    ]
    assert not english, "English shown without chrome.i18n:\n" + "\n".join(english)
    assert set(map(str, found["keys"])) <= _catalog("en").keys()


def test_the_script_check_finds_english(tmp_path: Path) -> None:
    script = tmp_path / "ui.js"
    script.write_text(
        'el.textContent = ok ? t("buttonCancel") : "Not now";\n'
        'root.append(h("p", { class: "note", "aria-label": "Close it" }, `Sent ${n} photos`));\n'
        'h("span", {}, t("dialogDetails"), ": ", name);\n'
        'button.setAttribute("title", "Remove this");\n',
        encoding="utf-8",
    )
    shown = [(line, text) for _, line, text in _scan(tmp_path, script)["shown"]]
    assert sorted(s for s in shown if _words(str(s[1]))) == [
        (1, "Not now"),
        (2, " photos"),
        (2, "Close it"),
        (2, "Sent "),
        (4, "Remove this"),
    ]


# --- Chromium in Spanish ----------------------------------------------------------------


@pytest.fixture(scope="module")
def spanish(
    playwright: Playwright, tmp_path_factory: pytest.TempPathFactory, service: Service, site: Site
) -> Iterator[Browser]:
    """Chromium set to Spanish, with the extension watching the test site."""
    profile, downloads = (tmp_path_factory.mktemp(f"{n}-es") for n in ("profile", "downloads"))
    browser = Browser(playwright, profile, downloads, service.data_dir, lang="es")
    assert browser.call("() => chrome.i18n.getMessage('buttonCancel')") == "Cancelar"
    browser.call("o => self.thinktwice.addWatchedSite(o)", site.origin)
    yield browser
    browser.close()


@pytest.fixture
def tab(spanish: Browser) -> Iterator[Page]:
    page = spanish.context.new_page()
    yield page
    close_page(page)


def test_the_dialog_speaks_spanish(tab: Page, site: Site, photos: dict[str, Photo]) -> None:
    tab.goto(site.url("input.html"))
    pick_with_input(tab, [photos["IMG_2041.jpg"].path])  # GPS, serial, a name...
    dialog = Dialog(tab)
    deadline = time.monotonic() + 20
    view = dialog.read()
    while (view is None or view.name.startswith("Revisando")) and time.monotonic() < deadline:
        time.sleep(0.05)
        view = dialog.read()
    assert view is not None
    assert view.name == "Piénsalo dos veces antes de enviar IMG_2041.jpg"
    assert view.description.startswith("Esta foto lleva más que la imagen.")
    assert view.buttons == ["Enviar copia limpia", "Enviar el original igualmente", "Cancelar"]
    assert "Todavía no se ha enviado nada." in view.texts
    assert {"ALTO", "BAJO"} <= {text.upper() for text in view.texts}
    dialog.press("Tab", "Tab", "Tab")  # the original, Cancel, then round to the first Details
    dialog.wait_focus("Detalles")
    dialog.press("Enter")
    assert {"Latitud GPS", "Ciudad"} <= set(dialog.wait_for("GPS:GPSLatitude").texts)
    dialog.press("Escape")
    dialog.wait_closed()


def test_the_popup_and_options_speak_spanish(spanish: Browser) -> None:
    popup = spanish.extension_page("popup/popup.html")
    options = spanish.extension_page("options/options.html")
    try:
        popup.wait_for_function(
            "document.getElementById('connection').textContent.startsWith('Conectado')"
        )
        texts = popup.evaluate(
            "['connection', 'clean-file', 'dashboard'].map((id) => document.getElementById(id)"
            ".textContent).concat(document.documentElement.lang)"
        )
        assert texts[0].startswith("Conectado al servicio de ThinkTwice (versión ")
        assert texts[1:] == ["Limpiar un archivo…", "Panel", "es"]
        assert options.title() == "Opciones de ThinkTwice"
        assert options.locator("h2").all_inner_texts()[:2] == ["Conexión", "El cuadro de aviso"]
    finally:
        close_page(popup)
        close_page(options)


def test_the_dashboard_shell_speaks_spanish(
    spanish: Browser, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # Its pages are the service's (test_the_dashboard_pages_speak_spanish); what the
    # extension says itself, when no page comes, is in the browser's language.
    with pointing_at(spanish, tmp_path_factory.mktemp("nothing")):  # no service there
        page = spanish.extension_page("dashboard/dashboard.html")
        try:
            heading = page.get_by_role("heading", level=1)
            expect(heading).to_have_text("El panel no puede conectar con ThinkTwice")
            expect(page.get_by_text("Comprueba que ThinkTwice está configurado")).to_be_visible()
            assert page.title() == "El panel no puede conectar con ThinkTwice · ThinkTwice"
        finally:
            close_page(page)


def test_the_dialogs_findings_come_in_spanish(
    tab: Page, site: Site, photos: dict[str, Photo]
) -> None:
    # The sentences are the service's: the extension sends its UI language with the request.
    tab.goto(site.url("input.html"))
    pick_with_input(tab, [photos["IMG_2041.jpg"].path])
    dialog = Dialog(tab)
    deadline = time.monotonic() + 20
    view = dialog.read()
    while time.monotonic() < deadline and not (
        view and any(text.startswith("Muestra dónde se hizo") for text in view.texts)
    ):
        time.sleep(0.05)
        view = dialog.read()
    assert view is not None
    assert "Muestra dónde se hizo: en Vanves, Île-de-France, Francia (GPS)." in view.texts
    assert "Lleva el número de serie de tu cámara, que puede vincular tus fotos entre sí." in (
        view.texts
    )
    assert not [text for text in view.texts if text.startswith("It ")]
    dialog.press("Escape")
    dialog.wait_closed()


def test_the_dashboard_pages_speak_spanish(spanish: Browser) -> None:
    page = spanish.extension_page("dashboard/dashboard.html")
    try:
        expect(page.get_by_role("heading", level=1)).to_have_text("Resumen")
        expect(page.get_by_role("link", name="Historial", exact=True)).to_be_visible()
        expect(page.get_by_role("heading", name="Avisos a lo largo del tiempo")).to_be_visible()
        assert page.evaluate("document.documentElement.lang") == "es"
    finally:
        close_page(page)
