"""The models (NudeNet and the face detector), loaded once per test process and shared."""

from __future__ import annotations

import pytest

from thinktwice.vision import model


@pytest.fixture(scope="session")
def detector() -> model.Model:
    """The shipped NudeNet model, loaded (and run once, with the face detector) first."""
    model.warm()
    return model.get()
