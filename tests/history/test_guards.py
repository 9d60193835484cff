"""What may enter the history: sites reduced to a host, fields checked by name."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from thinktwice.history import FindingRecord, History, Inspection, normalise_site

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
        (inspection(findings=(FindingRecord("Location!", "high"),)), r"findings\[0\]\.kind"),
        (inspection(findings=(VANVES, FindingRecord("comment", "none"))),
         r"findings\[1\]\.severity"),
    ],
)  # fmt: skip
def test_a_bad_field_is_refused_by_name(history: History, bad: Inspection, named: str) -> None:
    with pytest.raises(ValueError, match=f"^{named} "):
        history.add(bad)
    assert history.query().total == 0
