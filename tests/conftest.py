"""Shared fixtures: one image per supported format, carrying full metadata."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from hypothesis import settings
from playwright.sync_api import Playwright, sync_playwright

from tests.support.images import (
    FULL_METADATA,
    IPTC_METADATA,
    encode,
    photo,
    srgb_icc,
    with_metadata,
)

# The engine's sentences follow the system's language in the CLI (thinktwice.i18n):
# the tests assert English ones, whatever this machine's locale.
os.environ["LANGUAGE"] = "en"

# CI runs the same examples every time, so a red build is always reproducible;
# local runs explore new ones (and scripts/fuzz runs long campaigns).
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@dataclass(frozen=True)
class Sample:
    """A generated image file: its bytes and the suffix exiftool needs."""

    name: str
    suffix: str
    data: bytes


def _jpeg() -> bytes:
    data = encode(photo(), "JPEG", quality=90, icc_profile=srgb_icc())
    return with_metadata(data, ".jpg", *FULL_METADATA, *IPTC_METADATA, "-Comment=hello")


def _simple(fmt: str, suffix: str, **params: object) -> Callable[[], bytes]:
    return lambda: with_metadata(encode(photo(), fmt, **params), suffix)


BUILDERS: dict[str, tuple[str, Callable[[], bytes]]] = {
    "jpeg": (".jpg", _jpeg),
    "png": (".png", _simple("PNG", ".png", icc_profile=srgb_icc())),
    "webp": (".webp", _simple("WEBP", ".webp", quality=90, icc_profile=srgb_icc())),
    "gif": (".gif", _simple("GIF", ".gif")),
    "tiff": (".tiff", _simple("TIFF", ".tiff", icc_profile=srgb_icc())),
    "heic": (".heic", _simple("HEIF", ".heic", quality=90)),
    "avif": (".avif", _simple("AVIF", ".avif", quality=90)),
}


@pytest.fixture(scope="session")
def samples() -> dict[str, Sample]:
    """Every supported format, each with the full set of identifying tags."""
    return {name: Sample(name, suffix, build()) for name, (suffix, build) in BUILDERS.items()}


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    """One Playwright per test process, shared by the browser suites.

    Its sync API keeps an event loop in the main thread while it runs and refuses
    to start a second time beside it, so the extension and dashboard suites must
    share this one when they land in the same worker. (Code under test that needs
    asyncio.run() runs it in a thread of its own, as test_workers.py does.)
    """
    with sync_playwright() as started:
        yield started
