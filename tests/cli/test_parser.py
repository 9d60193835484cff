"""The command line's grammar: argparse's help, laid out for the terminal."""

from __future__ import annotations

import pytest

from thinktwice.cli import main


def test_help_still_fits_the_terminal(monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "60")
    with pytest.raises(SystemExit):
        main(["clean", "--help"])
    lines = capsys.readouterr().out.splitlines()
    assert any("--in-place" in line for line in lines)
    assert max(len(line) for line in lines) <= 60
