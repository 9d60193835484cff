"""What may enter the history: sites reduced to a host, checked fields, no coordinates."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from thinktwice.history import (
    FindingRecord,
    History,
    Inspection,
    contains_coordinates,
    normalise_site,
)

from .build import VANVES, inspection


@pytest.mark.parametrize(
    ("given", "host"),
    [
        ("web.whatsapp.com", "web.whatsapp.com"),
        ("https://web.whatsapp.com/some/path", "web.whatsapp.com"),
        ("https://web.whatsapp.com", "web.whatsapp.com"),
        ("web.whatsapp.com:443", "web.whatsapp.com"),
        ("  WEB.WhatsApp.COM.  ", "web.whatsapp.com"),
        ("https://alice:secret@m.tinder.com:8443/app?user=alice#chat", "m.tinder.com"),
        ("web.whatsapp.com/some/path", "web.whatsapp.com"),
        ("http://127.0.0.1:8765/", "127.0.0.1"),
        ("[::1]:8765", "::1"),
        ("https://bücher.example/", "xn--bcher-kva.example"),
        ("moz-extension://4a6c1e5b-2f6a-4d8e-9c1f-3b2a1d0e9f8c/popup.html",
         "4a6c1e5b-2f6a-4d8e-9c1f-3b2a1d0e9f8c"),
    ],
)  # fmt: skip
def test_a_site_is_reduced_to_its_host(given: str, host: str) -> None:
    assert normalise_site(given) == host


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        "   ",
        "not a host!",
        "http://",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "web.whatsapp.com:99999",
        "-bad-.example",
        "a" * 64 + ".example",
        "exa mple.com",
        "https://[::1/",
    ],
)
def test_anything_else_is_refused(garbage: str) -> None:
    with pytest.raises(ValueError, match=r"^site .* is not a host name"):
        normalise_site(garbage)


def test_add_stores_the_host_only(history: History) -> None:
    history.add(inspection(site="https://web.whatsapp.com/chat/+33612345678"))
    stored = history.get("a")
    assert stored is not None
    assert stored.site == "web.whatsapp.com"


def test_add_refuses_a_site_that_is_not_a_host(history: History) -> None:
    with pytest.raises(ValueError, match=r"^site "):
        history.add(inspection(site="<script>"))
    assert history.query().total == 0


@pytest.mark.parametrize(
    "message",
    [
        "It was taken at 48.8219, 2.2890.",
        "It was taken at 48,8219 N 2,2890 E.",
        "Position -33.86785 151.20732",
        "It was taken at 48°49'18\" N, 2°17'20\" E.",
        "GPS 48 deg 49' 18.84\" N",
        "It contains a comment: “48°49′18.8″N”.",
        "XMP says 48,49.314N",
    ],
)
def test_a_sentence_with_coordinates_is_refused(history: History, message: str) -> None:
    assert contains_coordinates(message)
    leaky = inspection(findings=(FindingRecord("comment", "medium", message),))
    with pytest.raises(ValueError, match=r"findings\[0\]\.message looks like it holds coordinates"):
        history.add(leaky)
    assert history.query().total == 0


@pytest.mark.parametrize(
    "message",
    [
        VANVES.message,
        "It shows where it was taken: about 12 km from Lyon, France (GPS, ±1.5 km).",
        "It records the editing software: Adobe Photoshop 25.0 (Windows).",
        "It shows when it was taken: 14 March 2024, 18:02 (UTC+01:00).",
        "It hides 3.4 MB after the end of the image.",
        "It carries your camera's serial number, which can link your photos together.",
    ],
)
def test_the_engines_kind_of_sentence_passes(message: str) -> None:
    assert not contains_coordinates(message)


NAIVE = datetime(2026, 11, 21, 9, 30)


@pytest.mark.parametrize(
    ("bad", "named"),
    [
        (inspection(id=""), "id"),
        (inspection(id="a b"), "id"),
        (replace(inspection(), format="JPEG image"), "format"),
        (inspection(at=NAIVE), "created_at"),
        (inspection(verdict="severe"), "verdict"),
        (replace(inspection(), size=-1), "size"),
        (replace(inspection(), size=True), "size"),
        (replace(inspection(), latency_ms=float("nan")), "latency_ms"),
        (replace(inspection(), latency_ms=-0.5), "latency_ms"),
        (inspection(decision="kept"), "decision"),
        (inspection(decision="cancelled", decided_at=NAIVE), "decided_at"),
        (inspection(findings=(FindingRecord("Location!", "high", "x"),)), r"findings\[0\]\.kind"),
        (inspection(findings=(VANVES, FindingRecord("comment", "none", "x"))),
         r"findings\[1\]\.severity"),
        (inspection(findings=(FindingRecord("comment", "low", "x" * 1001),)),
         r"findings\[0\]\.message"),
    ],
)  # fmt: skip
def test_a_bad_field_is_refused_by_name(history: History, bad: Inspection, named: str) -> None:
    with pytest.raises(ValueError, match=f"^{named} "):
        history.add(bad)
    assert history.query().total == 0
