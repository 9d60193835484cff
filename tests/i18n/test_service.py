"""The service speaks each request's language: findings, the dashboard, through the native host.

The extension sends its UI language with every request; the native host turns it
into Accept-Language, which the service reads per request (a Spanish browser and
an English script can use one service at once).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser

import httpx
import pytest

from tests.dashboard.history_data import fill
from tests.dashboard.service import ChannelServer
from tests.server.conftest import upload
from tests.support.images import tagged_jpeg
from thinktwice.history import HistoryFilter
from thinktwice.native import relay
from thinktwice.native.protocol import FileSpec, ProtocolError, Request


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChannelServer]:
    """A running service (socket and TCP) whose history holds 40 entries."""
    data_dir = tmp_path_factory.mktemp("i18n")
    fill(data_dir, 40, seed=7)
    server = ChannelServer(data_dir).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def photo() -> bytes:
    return tagged_jpeg()


def inspected(service: ChannelServer, photo: bytes, **headers: str) -> httpx.Response:
    with service.client(headers=headers) as client:
        response = client.post("/v1/inspect?pixels=false", **upload(photo))
    assert response.status_code == 200, response.text
    return response


def location(response: httpx.Response) -> str:
    return next(f["message"] for f in response.json()["findings"] if f["kind"] == "location")


@pytest.mark.parametrize(
    ("accept", "start", "spoken"),
    [
        ("es-ES,es;q=0.9", "Muestra dónde se hizo: en Vanves", "es"),
        ("fr", "Elle montre où elle a été prise\u00a0: à Vanves", "fr"),
        ("de-DE", "Es zeigt, wo es aufgenommen wurde: in Vanves", "de"),
        ("pt-BR", "It shows where it was taken: in Vanves", "en"),
    ],
)
def test_an_inspection_is_said_in_the_requests_language(
    service: ChannelServer, photo: bytes, accept: str, start: str, spoken: str
) -> None:
    response = inspected(service, photo, **{"Accept-Language": accept})
    assert location(response).startswith(start)
    assert response.headers["content-language"] == spoken


def test_without_a_language_the_service_speaks_english(
    service: ChannelServer, photo: bytes
) -> None:
    response = inspected(service, photo)
    assert location(response).startswith("It shows where it was taken: in Vanves")
    assert response.headers["content-language"] == "en"


def test_the_dashboard_is_in_the_requests_language(service: ChannelServer) -> None:
    with service.channel(headers={"Accept-Language": "es"}) as client:
        overview = client.get("/").text
        history = client.get("/history").text
    assert '<html lang="es">' in overview
    assert "Lo que ThinkTwice notó en las fotos" in overview
    assert "Avisos a lo largo del tiempo" in overview
    assert "<h1>Historial</h1>" in history
    assert re.search(r"Se muestran 1–\d+ de \d+ entradas\.", history)
    assert "Cuánto tiempo guardar las entradas" in history
    # The words the history table holds come from the vocabularies, translated too.
    assert any(word in history for word in ("Ubicación", "Nombres", "Datos de contacto"))
    assert "Location" not in history and "Nothing found" not in history


class _Texts(HTMLParser):
    """The words a page shows: text nodes and the attributes people hear or see."""

    SHOWN = ("aria-label", "title", "data-label", "placeholder")

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._code = 0  # inside <code>, <style>: commands and CSS stay as they are

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._code += tag in ("code", "style", "script")
        self.texts += [v for k, v in attrs if k in self.SHOWN and v]

    def handle_endtag(self, tag: str) -> None:
        self._code -= tag in ("code", "style", "script")

    def handle_data(self, data: str) -> None:
        if not self._code and data.strip():
            self.texts.append(" ".join(data.split()))


def _shown(html: str) -> set[str]:
    parser = _Texts()
    parser.feed(html)
    # Host names are data, the same in every language.
    return {t for t in parser.texts if not re.fullmatch(r"[\w.-]+\.[a-z]{2,}", t)}


@pytest.mark.parametrize("language", ["es", "fr", "de"])
def test_no_english_sentence_is_left_on_a_dashboard_page(
    service: ChannelServer, language: str
) -> None:
    entry = service.history.query(HistoryFilter(), 1, 1).items[0]
    paths = ["/", "/?range=7", "/history", "/history?severity=zzz&date_from=x", "/history/clear",
             f"/history/{entry.id}", "/history/nope", "/history?page=99"]  # fmt: skip
    left = {}
    for path in paths:
        with service.channel(headers={"Accept-Language": "en"}) as client:
            english = _shown(client.get(path).text)
        with service.channel(headers={"Accept-Language": language}) as client:
            other = _shown(client.get(path).text)
        same = [t for t in english & other if len(re.findall(r"[^\W\d_]{3,}", t)) >= 2]
        if same:
            left[path] = same
    assert not left


def test_a_dashboard_entry_says_its_findings_and_date_in_the_language(
    service: ChannelServer,
) -> None:
    entry = service.history.query(HistoryFilter(), 1, 1).items[0]
    with service.channel(headers={"Accept-Language": "de"}) as client:
        page = client.get(f"/history/{entry.id}").text
    assert "Zurück zum Verlauf" in page
    if entry.findings:
        assert "Was gefunden wurde" in page
    months = ("Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.",
              "Nov.", "Dez.")  # fmt: skip
    assert any(month in page for month in months)


def test_the_native_host_passes_the_extensions_language_on(
    service: ChannelServer, photo: bytes
) -> None:
    request = Request.parse({
        "type": "request", "id": 1, "method": "POST", "path": "/v1/inspect?pixels=false",
        "file": {"field": "file", "name": "IMG_2041.jpg", "type": "image/jpeg", "upload": "k"},
        "language": "es-419",
    })  # fmt: skip
    assert request.file == FileSpec("file", "IMG_2041.jpg", "image/jpeg", "k")
    answer = relay.send(service.socket, request, photo)
    assert answer.status == 200
    findings = json.loads(answer.body)["findings"]
    assert findings[0]["message"].startswith("Muestra dónde se hizo: en Vanves")


@pytest.mark.parametrize("language", ["", "es es", "x" * 65, 5, "es;q=1", "../etc"])
def test_the_native_host_refuses_a_language_that_is_no_tag(language: object) -> None:
    message = {"type": "request", "id": 1, "method": "GET", "path": "/", "language": language}
    with pytest.raises(ProtocolError, match="'language'"):
        Request.parse(message)
