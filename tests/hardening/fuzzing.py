"""A plain mutation fuzzer for every format's read, strip and verify.

Each input is derived from (format, run seed, index) alone, so any failure is
reproduced by its index. Inputs run in worker processes: a per-input time limit
(an interval timer) catches hangs, an address-space limit bounds memory, and
every input goes through the whole contract:

- `inspect(data, pixels=False)` (read, pixel limit, decode, findings, strip,
  verify) and `clean(data)` raise nothing but `ThinkTwiceError` subclasses;
- whatever they return as cleaned is re-read, by the format it sniffs as, and
  holds nothing identifying (`formats.verify.residue` is empty).

Used by scripts/fuzz (long runs) and tests/hardening/test_fuzz_short.py.
"""

from __future__ import annotations

import os
import random
import resource
import signal
import struct
import time
import traceback
import zlib
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

FORMATS = ("jpeg", "png", "webp", "gif", "tiff", "heic", "avif")
INPUT_TIMEOUT_S = 5.0
MEMORY_LIMIT = 2 << 30  # address space of a worker: far over any legitimate need
MAX_INPUT = 1 << 20  # mutations that grow an input stop here
BATCH = 50  # inputs per task handed to a worker


class Hang(Exception):
    """An input ran past INPUT_TIMEOUT_S."""


# -- Seeds ---------------------------------------------------------------------------------


def seeds() -> dict[str, list[bytes]]:
    """Per format: the test suite's fully tagged sample and a plain encoder output."""
    from tests.conftest import BUILDERS
    from tests.formats import heif_samples
    from tests.support.images import encode, photo

    plain = {
        "jpeg": encode(photo(32, 24), "JPEG", quality=80),
        "png": encode(photo(32, 24, mode="RGBA"), "PNG"),
        "webp": encode(photo(32, 24), "WEBP", lossless=True),
        "gif": encode(photo(32, 24), "GIF", save_all=True, append_images=[photo(32, 24, seed=2)]),
        "tiff": encode(photo(32, 24), "TIFF", compression="tiff_deflate"),
        "heic": heif_samples.thumbnailed(),
        "avif": heif_samples.plain("avif"),
    }
    return {name: [BUILDERS[name][1](), plain[name]] for name in FORMATS}


# -- Mutations -----------------------------------------------------------------------------

INTERESTING = (0, 1, 2, 7, 8, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x10000,
               0x7FFFFFFF, 0x80000000, 0xFFFFFFFF)  # fmt: skip


def _flip(rng: random.Random, data: bytearray, _pool: Sequence[bytes]) -> None:
    for _ in range(rng.randint(1, 8)):
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)


def _set_byte(rng: random.Random, data: bytearray, _pool: Sequence[bytes]) -> None:
    for _ in range(rng.randint(1, 4)):
        data[rng.randrange(len(data))] = rng.choice((0, 0xFF, 0x7F, 0x80, rng.randrange(256)))


def _insert(rng: random.Random, data: bytearray, _pool: Sequence[bytes]) -> None:
    at = rng.randrange(len(data) + 1)
    data[at:at] = rng.randbytes(rng.choice((1, 2, 4, rng.randint(1, 512))))


def _delete(rng: random.Random, data: bytearray, _pool: Sequence[bytes]) -> None:
    at = rng.randrange(len(data))
    del data[at : at + rng.choice((1, 2, 4, rng.randint(1, 1024)))]


def _duplicate(rng: random.Random, data: bytearray, _pool: Sequence[bytes]) -> None:
    a = rng.randrange(len(data))
    b = min(len(data), a + rng.randint(1, 4096))
    at = rng.randrange(len(data) + 1)
    data[at:at] = data[a:b] * rng.randint(1, 4)


def _splice(rng: random.Random, data: bytearray, pool: Sequence[bytes]) -> None:
    other = rng.choice(pool)
    a = rng.randrange(len(other))
    b = min(len(other), a + rng.randint(1, 8192))
    at = rng.randrange(len(data) + 1)
    data[at : at + rng.randint(0, b - a)] = other[a:b]


def _length_field(rng: random.Random, data: bytearray, _pool: Sequence[bytes]) -> None:
    # Lengths, offsets, counts and sizes are 16- or 32-bit, either byte order.
    width = rng.choice((2, 4))
    if len(data) < width:
        return
    at = rng.randrange(len(data) - width + 1)
    fmt = rng.choice(("<", ">")) + ("H" if width == 2 else "I")
    (value,) = struct.unpack_from(fmt, data, at)
    new = rng.choice((rng.choice(INTERESTING), value + rng.randint(-16, 16), value * 2, len(data)))
    struct.pack_into(fmt, data, at, new % (1 << (8 * width)))


def _truncate(rng: random.Random, data: bytearray, _pool: Sequence[bytes]) -> None:
    del data[rng.randrange(len(data)) :]


MUTATIONS: tuple[Callable[[random.Random, bytearray, Sequence[bytes]], None], ...] = (
    _flip, _set_byte, _insert, _delete, _duplicate, _splice, _length_field, _length_field,
    _truncate,
)  # fmt: skip


def _fix_png_crcs(data: bytearray) -> None:
    """Recompute every chunk's CRC, so mutants get past the check and into the parser."""
    at = 8
    while at + 12 <= len(data):
        (length,) = struct.unpack_from(">I", data, at)
        end = at + 8 + length
        if end + 4 > len(data):
            return
        struct.pack_into(">I", data, end, zlib.crc32(data[at + 4 : end]))
        at = end + 4


def mutant(pool: Sequence[bytes], run_seed: int, fmt: str, index: int) -> bytes:
    """Input `index` of format `fmt` in run `run_seed`: a seed under 1 to 4 mutations."""
    rng = random.Random(f"{run_seed}:{fmt}:{index}")
    data = bytearray(rng.choice(pool))
    for _ in range(rng.choice((1, 1, 1, 2, 2, 3, 4))):
        if data:
            rng.choice(MUTATIONS)(rng, data, pool)
    if fmt == "png" and rng.random() < 0.75:
        _fix_png_crcs(data)
    return bytes(data[:MAX_INPUT])


# -- The oracle ----------------------------------------------------------------------------


def check(data: bytes) -> None:
    """Run the whole contract on `data`; raise AssertionError (or anything) on a violation."""
    import thinktwice
    from thinktwice import formats
    from thinktwice.errors import ThinkTwiceError
    from thinktwice.formats.verify import residue

    def inspected() -> bytes:
        cleaned: bytes = thinktwice.inspect(data, pixels=False).cleaned
        return cleaned

    def cleaned_only() -> bytes:
        return thinktwice.clean(data)

    for run in (inspected, cleaned_only):
        try:
            cleaned = run()
        except ThinkTwiceError:
            continue
        fmt = formats.detect(cleaned)
        left = residue(fmt.read(cleaned))
        assert not left, f"returned as clean, but the re-read finds {left}"


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise Hang(f"no answer within {INPUT_TIMEOUT_S} s")


def _worker_start() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    signal.signal(signal.SIGALRM, _on_alarm)


@dataclass
class Failure:
    fmt: str
    index: int
    data: bytes
    error: str


@dataclass
class BatchResult:
    fmt: str
    done: int
    failures: list[Failure] = field(default_factory=list)
    slowest_s: float = 0.0


_POOL: dict[str, list[bytes]] = {}


def _set_pool(pool: dict[str, list[bytes]]) -> None:
    _POOL.update(pool)
    _worker_start()
    for data in (seed for seeds in pool.values() for seed in seeds):
        check(data)  # imports and first-use loading are not counted as an input's time


def run_batch(fmt: str, run_seed: int, first: int, count: int, deadline: float) -> BatchResult:
    """Inputs first..first+count-1 of `fmt`, stopping early past `deadline` (time.time())."""
    result = BatchResult(fmt, 0)
    for index in range(first, first + count):
        if time.time() > deadline:
            break
        data = mutant(_POOL[fmt], run_seed, fmt, index)
        start = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, INPUT_TIMEOUT_S)
        try:
            check(data)
        except BaseException:  # every escape is a finding, even a KeyboardInterrupt-like one
            result.failures.append(Failure(fmt, index, data, traceback.format_exc()))
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        result.slowest_s = max(result.slowest_s, time.perf_counter() - start)
        result.done += 1
    return result


@dataclass
class Summary:
    inputs: dict[str, int]
    seconds: dict[str, float]
    slowest_s: dict[str, float]
    failures: list[Failure]


def fuzz(
    per_format: int,
    *,
    run_seed: int = 0,
    seconds: float | None = None,
    workers: int | None = None,
    formats: Sequence[str] = FORMATS,
    progress: Callable[[str], None] | None = None,
) -> Summary:
    """Fuzz `per_format` inputs of each format (or until `seconds` per format have passed)."""
    pool = seeds()
    summary = Summary({}, {}, {}, [])
    with ProcessPoolExecutor(
        max_workers=workers or os.cpu_count() or 1, initializer=_set_pool, initargs=(pool,)
    ) as executor:
        for fmt in formats:
            start = time.time()
            deadline = start + seconds if seconds else float("inf")
            tasks = [
                executor.submit(run_batch, fmt, run_seed, first, min(BATCH, per_format - first),
                                deadline)
                for first in range(0, per_format, BATCH)
            ]  # fmt: skip
            done = slowest = 0.0
            for task in tasks:
                result = task.result()
                done += result.done
                slowest = max(slowest, result.slowest_s)
                summary.failures += result.failures
            elapsed = time.time() - start
            summary.inputs[fmt], summary.seconds[fmt] = int(done), elapsed
            summary.slowest_s[fmt] = slowest
            if progress:
                progress(
                    f"{fmt:5} {int(done):>8} inputs in {elapsed:7.1f} s"
                    f" = {done / elapsed:7.0f}/s, slowest {slowest * 1000:6.1f} ms,"
                    f" failures {sum(f.fmt == fmt for f in summary.failures)}"
                )
    return summary


def save(failures: Sequence[Failure], directory: Path) -> Iterator[Path]:
    """Write each failing input and its traceback under `directory`; the input paths."""
    directory.mkdir(parents=True, exist_ok=True)
    for failure in failures:
        stem = directory / f"{failure.fmt}-{failure.index}"
        stem.with_suffix(".bin").write_bytes(failure.data)
        stem.with_suffix(".txt").write_text(failure.error)
        yield stem.with_suffix(".bin")
