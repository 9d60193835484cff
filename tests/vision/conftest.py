"""The NudeNet model, loaded once per test process and shared by every pixel test."""

from __future__ import annotations

import pytest

from thinktwice.vision import model


@pytest.fixture(scope="session")
def detector() -> model.Model:
    """The shipped model, loaded (and run once) before the first test that needs it."""
    model.warm()
    return model.get()
