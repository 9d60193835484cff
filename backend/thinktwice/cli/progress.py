"""A batch's progress bar on a terminal (tqdm), and the per-file lines printed with it.

The bar is drawn on stderr while the per-file lines go to stdout; in a terminal
both land on the same screen line unless every line is printed through tqdm,
which clears the bar, prints the line and redraws the bar below it.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import TextIO

# Labels longer than this are cut from the left: the end of a path names the file.
LABEL_WIDTH = 40


class Progress:
    """Counts the files of a batch on a bar, when a person is watching.

    With `bar=None` the bar is drawn when there is more than one file and both
    stdout and `stream` are terminals; otherwise `print` prints plain lines and
    nothing else is written.
    """

    WIDTH = 28

    def __init__(
        self,
        total: int,
        stream: TextIO | None = None,
        *,
        bar: bool | None = None,
        refresh_s: float = 0.1,
    ) -> None:
        stream = sys.stderr if stream is None else stream
        if bar is None:
            bar = total > 1 and sys.stdout.isatty() and stream.isatty()
        self._bar = None
        if bar:
            # Only here: scripts and pipes never draw a bar, so they never load tqdm.
            from tqdm import tqdm

            # No monitor thread: `scan` forks its workers while the bar is up.
            tqdm.monitor_interval = 0
            self._bar = tqdm(
                total=total,
                file=stream,
                bar_format=f"[{{bar:{self.WIDTH}}}] {{n_fmt}}/{{total_fmt}} {{desc}}",
                ascii=".#",
                leave=False,
                mininterval=refresh_s,
                dynamic_ncols=True,
            )

    def advance(self, label: str) -> None:
        """Count one more file done, `label` naming it."""
        if self._bar is not None:
            name = label if len(label) <= LABEL_WIDTH else "…" + label[-(LABEL_WIDTH - 1) :]
            self._bar.set_description_str(name, refresh=False)
            self._bar.update()

    def print(self, line: str) -> None:
        """Print `line` on stdout, above the bar when there is one."""
        if self._bar is None:
            print(line)
        else:
            self._bar.write(line, file=sys.stdout)

    def close(self) -> None:
        """Take the bar off the screen."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
