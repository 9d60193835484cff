"""A short, deterministic fuzzing run: scripts/fuzz runs the long campaigns."""

from __future__ import annotations

import time

import pytest

from tests.hardening import fuzzing

PER_FORMAT = 300


@pytest.fixture(scope="module")
def summary() -> tuple[fuzzing.Summary, float]:
    start = time.perf_counter()
    result = fuzzing.fuzz(PER_FORMAT, run_seed=20240314, workers=2)
    return result, time.perf_counter() - start


def test_every_format_ran_every_input(summary: tuple[fuzzing.Summary, float]) -> None:
    assert summary[0].inputs == dict.fromkeys(fuzzing.FORMATS, PER_FORMAT)


def test_no_input_escapes_the_contract(summary: tuple[fuzzing.Summary, float]) -> None:
    failures = summary[0].failures
    assert not failures, "\n\n".join(f"{f.fmt} #{f.index}:\n{f.error}" for f in failures[:3])


def test_no_input_comes_near_the_time_limit(summary: tuple[fuzzing.Summary, float]) -> None:
    # Workers load the engine before their first input, so this is an input's own time.
    assert max(summary[0].slowest_s.values()) < fuzzing.INPUT_TIMEOUT_S / 2


def test_the_run_fits_in_the_suite(summary: tuple[fuzzing.Summary, float]) -> None:
    assert summary[1] < 60


def test_mutants_are_reproducible_from_their_index() -> None:
    pool = [b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4]
    assert fuzzing.mutant(pool, 1, "jpeg", 42) == fuzzing.mutant(pool, 1, "jpeg", 42)
    assert fuzzing.mutant(pool, 1, "jpeg", 42) != fuzzing.mutant(pool, 1, "jpeg", 43)
