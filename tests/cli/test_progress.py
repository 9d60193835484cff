"""The batch progress bar in a real terminal: per-file lines print above it, never on it."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

BAR = re.compile(r"\[[#.]{28}\] \d+/\d+")
FILE_LINE = "cleaned  "
# A control sequence (cursor moves, erasing) or any one character.
TOKEN = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|.", re.DOTALL)


def screen(raw: str) -> list[str]:
    """The lines a terminal shows after printing `raw`.

    Enough of a terminal for what tqdm writes: a carriage return goes back to the
    start of the line and what follows overwrites it, ESC[K erases to the end of
    the line, ESC[nA goes up n lines; other control sequences change nothing shown.
    """
    rows: list[list[str]] = [[]]
    row = col = 0
    for token in TOKEN.findall(raw):
        if token == "\r":
            col = 0
        elif token == "\n":
            row, col = row + 1, 0
            rows.extend([] for _ in range(row + 1 - len(rows)))
        elif token.endswith("K") and token.startswith("\x1b"):
            del rows[row][col:]
        elif token.endswith("A") and token.startswith("\x1b"):
            row = max(0, row - int(token[2:-1] or 1))
        elif token.startswith("\x1b") and len(token) > 1:
            continue
        else:
            line = rows[row]
            line.extend(" " * (col + 1 - len(line)))
            line[col] = token
            col += 1
    return ["".join(r).rstrip() for r in rows]


def test_screen_shows_what_is_overwritten_and_what_is_glued():
    assert screen("\r[bar] 1/2\r     \rcleaned  a\n") == ["cleaned  a", ""]
    assert screen("\r[bar] 1/2 a.jpg\x1b[Kcleaned  a\n") == ["[bar] 1/2 a.jpgcleaned  a", ""]


def _photos(folder: Path, data: bytes, count: int) -> list[str]:
    paths = []
    for i in range(count):
        path = folder / f"IMG_{i:02d}.jpg"
        path.write_bytes(data)
        paths.append(str(path))
    return paths


def _terminal() -> tuple[int, int]:
    """A pseudo-terminal 120 columns wide: (the side the test reads, the command's side)."""
    reader, command_side = pty.openpty()
    fcntl.ioctl(command_side, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    return reader, command_side


def _read_all(fd: int) -> str:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the command closed its side
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks).decode("utf-8", "replace")


def _clean_in_terminal(*args: str) -> str:
    """Run `thinktwice clean ARGS` with stdout and stderr on a terminal; what it showed."""
    reader, command_side = _terminal()
    command = subprocess.Popen(
        [sys.executable, "-m", "thinktwice", "clean", *args],
        stdin=subprocess.DEVNULL,
        stdout=command_side,
        stderr=command_side,
    )
    os.close(command_side)
    raw = _read_all(reader)
    assert command.wait(timeout=60) == 0, raw
    return raw


def test_file_lines_print_above_the_bar_in_a_terminal(tmp_path, samples):
    files = _photos(tmp_path, samples["jpeg"].data, 12)
    raw = _clean_in_terminal("-j", "2", "-o", str(tmp_path / "out"), *files)
    assert BAR.search(raw), raw  # the bar was drawn
    lines = screen(raw)
    assert sum(FILE_LINE in line for line in lines) == 12, lines
    assert [line for line in lines if BAR.search(line) and FILE_LINE in line] == []
    assert not any(BAR.search(line) for line in lines)  # and taken off at the end
    assert any(line.startswith("Cleaned 12 files") for line in lines), lines


def test_no_bar_when_stdout_is_not_a_terminal(tmp_path, samples):
    files = _photos(tmp_path, samples["jpeg"].data, 6)
    reader, command_side = _terminal()
    command = subprocess.run(
        [sys.executable, "-m", "thinktwice", "clean", "-o", str(tmp_path / "out"), *files],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=command_side,
        text=True,
        timeout=60,
        check=True,
    )
    os.close(command_side)
    errors = _read_all(reader)
    assert errors == ""
    lines = command.stdout.splitlines()
    assert [line.split(" -> ")[0] for line in lines[:-1]] == [f"{FILE_LINE}{f}" for f in files]
    assert lines[-1].startswith("Cleaned 6 files")


def test_quiet_prints_only_the_summary_in_a_terminal(tmp_path, samples):
    files = _photos(tmp_path, samples["jpeg"].data, 6)
    raw = _clean_in_terminal("-q", "-o", str(tmp_path / "out"), *files)
    shown = [line for line in screen(raw) if line]
    assert len(shown) == 1 and shown[0].startswith("Cleaned 6 files"), shown
