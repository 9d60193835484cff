"""Write the extension's vocabulary files from the service's Python.

The values the extension shares with the service (image types, part size, upload
cap, decisions, severities) are defined in backend/thinktwice/server/vocabulary.py;
run this after changing them (tests/extension/test_vocabulary.py fails until then):

    .venv/bin/python scripts/vocabulary.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "backend"))  # this tree's thinktwice, not an installed one
from thinktwice.server.vocabulary import FILES, render  # noqa: E402

if __name__ == "__main__":
    for path in FILES:
        (ROOT / "extension" / path).write_text(render(path))
        print(f"wrote extension/{path}")
