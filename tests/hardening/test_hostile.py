"""Hostile files: each is refused with a clear reason or handled within the limits.

Every case runs under tracemalloc and a stopwatch. The bounds are generous: they
are safety properties (nothing is decoded, nothing is expanded, nothing loops),
not speed goals. The fixtures are built in code by tests/hardening/hostile.py.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TypeVar

import pytest

import thinktwice
from tests.hardening import hostile as h
from tests.server.live import LiveServer
from thinktwice import formats
from thinktwice.errors import CorruptImage, ImageTooLarge, ThinkTwiceError
from thinktwice.formats.verify import residue
from thinktwice.models import Kind

MiB = 1 << 20
TIME_BOUND_S = 5.0
MEMORY_BOUND = 64 * MiB
BOMB = 256 * MiB  # what the compression bombs inflate to: 32 times the engine's cap

T = TypeVar("T")


@dataclass(frozen=True)
class Measured:
    seconds: float
    peak: int


def measured(work: Callable[[], T]) -> tuple[T | ThinkTwiceError, Measured]:
    """`work()`'s result (or the typed error it raised), its time and its peak allocation."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        result: T | ThinkTwiceError = work()
    except ThinkTwiceError as exc:
        result = exc
    finally:
        seconds = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return result, Measured(seconds, peak)


def within_bounds(cost: Measured, memory: int = MEMORY_BOUND) -> None:
    assert cost.seconds < TIME_BOUND_S, f"took {cost.seconds:.2f} s"
    assert cost.peak < memory, f"allocated {cost.peak / MiB:.1f} MiB at peak"


# -- Refused: inspect raises a typed error naming the reason ----------------------------

REFUSED: dict[str, tuple[Callable[[], bytes], type[ThinkTwiceError], str]] = {
    "png-huge-dimensions": (h.huge_png, ImageTooLarge, "100000x100000"),
    "gif-huge-dimensions": (h.huge_gif, ImageTooLarge, "65535x65535"),
    "webp-vp8-huge-dimensions": (h.huge_webp_vp8, ImageTooLarge, "16383x16383"),
    "webp-vp8x-huge-canvas": (h.huge_webp_vp8x, ImageTooLarge, "16777216x16777216"),
    "tiff-huge-dimensions": (h.huge_tiff, ImageTooLarge, "100000x100000"),
    "heic-huge-ispe": (h.huge_heic, ImageTooLarge, "100000x100000"),
    "tiff-looping-ifds": (h.looping_tiff, CorruptImage, "loops back"),
    "png-ztxt-bomb": (lambda: h.ztxt_bomb(BOMB), ImageTooLarge, "inflates past 8 MiB"),
    "png-itxt-bomb": (lambda: h.itxt_bomb(BOMB), ImageTooLarge, "inflates past 8 MiB"),
    "jpeg-70000-app-segments": (lambda: h.app_flood(70_000), CorruptImage, "65536 segments"),
}


@cache
def built(name: str) -> bytes:
    """A hostile file, built once per session (the bombs take a second to deflate)."""
    builder = {**{k: v[0] for k, v in REFUSED.items()}, **{k: v[0] for k, v in HANDLED.items()}}
    return builder[name]()


@pytest.mark.parametrize("name", REFUSED)
def test_inspect_refuses_with_a_typed_error_and_a_reason(name: str) -> None:
    _, error, reason = REFUSED[name]
    data = built(name)
    result, cost = measured(lambda: thinktwice.inspect(data, pixels=False))
    assert isinstance(result, error), result
    assert reason in str(result)
    within_bounds(cost)


HUGE_DIMENSIONS = [name for name in REFUSED if "huge" in name]


@pytest.mark.parametrize("name", HUGE_DIMENSIONS)
def test_huge_dimensions_are_refused_before_any_decoding(name: str) -> None:
    # Decoding 10^8+ pixels would allocate gigabytes; the refusal costs almost nothing.
    data = built(name)
    _, cost = measured(lambda: thinktwice.inspect(data, pixels=True))
    within_bounds(cost, memory=8 * MiB)


@pytest.mark.parametrize("name", HUGE_DIMENSIONS)
def test_clean_strips_huge_images_without_decoding_them(name: str) -> None:
    # clean() edits the container and never decodes, so the declared size is no threat:
    # it works, quickly, and its output declares the same size with nothing else left.
    data = built(name)
    cleaned, cost = measured(lambda: thinktwice.clean(data))
    assert isinstance(cleaned, bytes), cleaned
    within_bounds(cost, memory=8 * MiB)
    before, after = formats.detect(data).read(data), formats.detect(cleaned).read(cleaned)
    assert (after.width, after.height) == (before.width, before.height)
    assert residue(after) == []


@pytest.mark.parametrize("name", ["png-ztxt-bomb", "png-itxt-bomb"])
def test_clean_drops_compression_bombs_without_inflating_them(name: str) -> None:
    data = built(name)
    cleaned, cost = measured(lambda: thinktwice.clean(data))
    assert isinstance(cleaned, bytes), cleaned
    within_bounds(cost, memory=4 * MiB)
    assert len(cleaned) < 1024
    assert residue(formats.detect(cleaned).read(cleaned)) == []


# -- Handled: inspect answers, says what it skipped, and the copy is clean ---------------

HANDLED: dict[str, tuple[Callable[[], bytes], str, int]] = {
    # name: (builder, the problem line inspect reports ("" for none), peak memory bound)
    "jpeg-exif-looping-ifds": (lambda: h.exif_jpeg(h.looping_exif()), "a loop", MEMORY_BOUND),
    "jpeg-exif-2000-nested-ifds": (
        lambda: h.exif_jpeg(h.chained_exif(2000)), "more than 64 IFDs", MEMORY_BOUND,
    ),
    "jpeg-exif-3000-chained-ifds": (
        lambda: h.exif_jpeg(h.long_chain_exif(3000)), "more than 64 IFDs", MEMORY_BOUND,
    ),
    "tiff-3000-nested-ifds": (lambda: h.nested_tiff(3000), "more than 64 IFDs", MEMORY_BOUND),
    # A 20 MiB packet is copied a few times while it is assembled and measured.
    "jpeg-20mib-extended-xmp": (
        lambda: h.extended_xmp_jpeg(20 * MiB), "over the 16 MiB limit", 96 * MiB,
    ),
    "png-20mib-itxt-xmp": (lambda: h.huge_xmp_png(20 * MiB), "over the 16 MiB limit", 96 * MiB),
    "jpeg-billion-laughs-xmp": (h.laughs_jpeg, "DTD/entities", MEMORY_BOUND),
    "png-billion-laughs-xmp": (h.laughs_png, "DTD/entities", MEMORY_BOUND),
    "jpeg-20000-app-segments": (lambda: h.app_flood(20_000), "", MEMORY_BOUND),
    # The trailer is never copied: the report keeps a prefix, the copy drops it.
    "jpeg-100mb-trailer": (lambda: h.trailer_jpeg(100 * MiB), "", 16 * MiB),
}  # fmt: skip


@pytest.mark.parametrize("name", HANDLED)
def test_inspect_handles_within_limits_and_says_what_it_skipped(name: str) -> None:
    _, problem, memory = HANDLED[name]
    data = built(name)
    report, cost = measured(lambda: thinktwice.inspect(data, pixels=False))
    assert isinstance(report, thinktwice.Report), report
    within_bounds(cost, memory)
    if problem:
        assert any(problem in line for line in report.problems), report.problems


@pytest.mark.parametrize("name", HANDLED)
def test_the_copy_of_a_handled_file_is_small_and_clean(name: str) -> None:
    report = thinktwice.inspect(built(name), pixels=False)
    assert len(report.cleaned) < 16 * 1024  # every hostile payload is gone
    again = formats.detect(report.cleaned).read(report.cleaned)
    assert residue(again) == []


def test_entities_are_refused_not_expanded() -> None:
    # Expanded, &lol9; is 3 * 10^9 bytes; refused, the reading allocates next to nothing.
    data = h.laughs_jpeg()
    report, cost = measured(lambda: thinktwice.inspect(data, pixels=False))
    assert isinstance(report, thinktwice.Report)
    within_bounds(cost, memory=4 * MiB)
    assert not any("lol" in str(f.evidence) for f in report.findings)


def test_a_100mb_trailer_is_reported_by_its_length_and_a_prefix() -> None:
    data = built("jpeg-100mb-trailer")
    trailer = formats.detect(data).read(data).trailer
    assert trailer is not None
    assert trailer.length == 100 * MiB
    assert 0 < len(trailer.data) <= 64 * 1024
    assert data[trailer.offset :].startswith(trailer.data)
    report = thinktwice.inspect(data, pixels=False)
    assert Kind.APPENDED_DATA in {f.kind for f in report.findings}
    assert report.cleaned == thinktwice.clean(h.small_jpeg())


# -- Over HTTP: the same files give 4xx with {"error", "message"}, or a clean answer ------


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = LiveServer(tmp_path_factory.mktemp("data"), pixels=False).start()
    yield server
    server.stop()


HTTP_REFUSED = {
    name: 413 if error is ImageTooLarge else 422 for name, (_, error, _) in REFUSED.items()
}
HTTP_REFUSED["jpeg-100mb-trailer"] = 413  # over the service's 64 MiB upload cap


def post(service: LiveServer, data: bytes) -> tuple[int, dict[str, object]]:
    with service.client() as client:
        response = client.post(
            "/v1/inspect", files={"file": ("hostile.bin", data, "application/octet-stream")}
        )
    body: dict[str, object] = response.json()
    return response.status_code, body


@pytest.mark.parametrize("name", HTTP_REFUSED)
def test_the_service_refuses_with_a_status_and_a_reason(service: LiveServer, name: str) -> None:
    status, body = post(service, built(name))
    assert status == HTTP_REFUSED[name], body
    assert set(body) >= {"error", "message"}
    assert isinstance(body["message"], str) and body["message"]


@pytest.mark.parametrize("name", [n for n in HANDLED if n not in HTTP_REFUSED])
def test_the_service_answers_handled_files_with_a_clean_copy(
    service: LiveServer, name: str
) -> None:
    status, body = post(service, built(name))
    assert status == 200, body
    cleaned = body["cleaned"]
    assert isinstance(cleaned, dict) and cleaned["size"] < 16 * 1024


def test_the_service_still_answers_after_the_hostile_files(
    service: LiveServer, tmp_path: Path
) -> None:
    status, body = post(service, h.exif_jpeg(h.minimal_tiff()))
    assert status == 200, body
    assert body["verdict"] != "none"
