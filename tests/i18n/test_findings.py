"""What a photo reveals, said in Spanish, French and German; place names and values as they are."""

from __future__ import annotations

import pytest

from tests.support.images import tagged_jpeg
from thinktwice.findings.rule import listing
from thinktwice.history.sentences import sentence
from thinktwice.i18n import using
from thinktwice.models import Kind, Report
from thinktwice.pipeline import inspect


@pytest.fixture(scope="module")
def photo() -> bytes:
    """A JPEG with GPS in Vanves, a serial number, a name, contact details, a capture time."""
    return tagged_jpeg()


def said(photo: bytes, language: str) -> dict[str, str]:
    with using(language):
        report: Report = inspect(photo, "IMG_2041.jpg", pixels=False)
    return {f.kind.value: f.message for f in report.findings}


@pytest.mark.parametrize(
    ("language", "location", "time"),
    [
        ("es", "Muestra dónde se hizo: en Vanves, Île-de-France, Francia (GPS).",
         "Muestra cuándo se hizo: 14 de marzo de 2024, 18:02 (UTC+01:00)."),
        ("fr", "Elle montre où elle a été prise\u00a0: à Vanves, Île-de-France, France (GPS).",
         "Elle montre quand elle a été prise\u00a0: 14 mars 2024, 18:02 (UTC+01:00)."),
        ("de", "Es zeigt, wo es aufgenommen wurde: in Vanves, Île-de-France, Frankreich (GPS).",
         "Es zeigt, wann es aufgenommen wurde: 14. März 2024, 18:02 (UTC+01:00)."),
        ("en", "It shows where it was taken: in Vanves, Île-de-France, France (GPS).",
         "It shows when it was taken: 14 March 2024, 18:02 (UTC+01:00)."),
    ],
)  # fmt: skip
def test_a_gps_photo_is_described_in_the_language_asked(
    photo: bytes, language: str, location: str, time: str
) -> None:
    found = said(photo, language)
    assert found["location"] == location
    assert found["capture_time"] == time


def test_every_finding_changes_language_but_names_and_values_do_not(photo: bytes) -> None:
    english, spanish = said(photo, "en"), said(photo, "es")
    assert english.keys() == spanish.keys()
    for kind in english:
        assert spanish[kind] != english[kind], kind
    assert spanish["person_name"] == "Nombra a una persona: Alice Example."
    assert spanish["device_model"] == "Nombra tu cámara: Apple iPhone 15 Pro."
    assert spanish["contact_info"] == (
        "Contiene datos de contacto: una dirección de correo electrónico, un número de "
        "teléfono y una dirección postal."
    )


def test_counts_take_the_languages_plural_forms(photo: bytes) -> None:
    # The editing history has one step; the comment finding counts two more texts.
    assert "(1 paso)" in said(photo, "es")["editing_history"]
    assert "(und 2 weitere Texte)" in said(photo, "de")["comment"]
    assert "(1 étape)" in said(photo, "fr")["editing_history"]


def test_an_unknown_language_gives_english(photo: bytes) -> None:
    assert said(photo, "pt-BR") == said(photo, "en")


def test_lists_are_joined_the_languages_way() -> None:
    with using("es"):
        assert listing(["a", "b"]) == "a y b"
        assert listing(["a", "b", "c", "d", "e"]) == "a, b, c y 2 más"
    with using("de"):
        assert listing(["a", "b", "c", "d"]) == "a, b, c und 1 weiteres"


def test_the_history_sentences_are_translated() -> None:
    with using("fr"):
        assert sentence(Kind.LOCATION) == "Elle montre où elle a été prise."
        assert sentence("future_kind") == "Elle révèle quelque chose\u00a0: future kind."
