"""The extension's shared vocabulary is the service's: generated from Python, committed."""

from __future__ import annotations

import pytest

from tests.extension.browser import EXTENSION
from thinktwice.server.vocabulary import FILES, render


@pytest.mark.parametrize("path", FILES)
def test_the_committed_vocabulary_is_what_python_says(path: str) -> None:
    committed = (EXTENSION / path).read_text()
    assert committed == render(path), (
        f"extension/{path} differs from thinktwice/server/vocabulary.py: "
        "run .venv/bin/python scripts/vocabulary.py"
    )
