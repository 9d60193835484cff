"""What `thinktwice clean` was asked, read without argparse when the words are plain.

Every batch pays the command's start-up, and argparse (with re, enum, gettext
and locale behind it) is about 6 ms of it here. `parse` reads the forms people
type: `clean [-o DIR | --in-place] [-r] [-j N] [--hide-faces] [-q] PATH...`,
options before or after the paths. Anything else (help, an abbreviation,
`--output=DIR`, bundled `-rq`, a missing or dash-led value, both `-o` and
`--in-place`, paths split by options...) gives None, and argparse parses it, or
explains the mistake, as always. tests/cli/test_clean_args.py holds the two to
the same answers.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing is not imported at run time (see records.py)
if TYPE_CHECKING:
    from collections.abc import Sequence

_FLAGS = {
    "-r": "recursive",
    "--recursive": "recursive",
    "-q": "quiet",
    "--quiet": "quiet",
    "--in-place": "in_place",
    "--hide-faces": "hide_faces",
}
_VALUES = {"-o": "output", "--output": "output", "-j": "jobs", "--jobs": "jobs"}


class CleanArgs:
    """The clean command's arguments, named as argparse names them."""

    __slots__ = ("hide_faces", "in_place", "jobs", "output", "paths", "quiet", "recursive")

    def __init__(self) -> None:
        self.paths: list[str] = []
        self.output: str | None = None
        self.in_place = False
        self.recursive = False
        self.jobs = 0
        self.quiet = False
        self.hide_faces = False


def parse(argv: Sequence[str]) -> CleanArgs | None:
    """`argv` (without the program name) read as a plain clean command, or None."""
    if not argv or argv[0] != "clean":
        return None
    args = CleanArgs()
    words = list(argv[1:])
    paths_done = False
    while words:
        word = words.pop(0)
        if not word.startswith("-"):
            if paths_done:  # argparse takes the paths as one run
                return None
            args.paths.append(word)
            continue
        paths_done = bool(args.paths)
        if word in _FLAGS:
            setattr(args, _FLAGS[word], True)
        elif word in _VALUES and words and not words[0].startswith("-"):
            value = words.pop(0)
            if _VALUES[word] == "output":
                args.output = value
                continue
            try:
                args.jobs = int(value)  # what argparse's type=int does
            except ValueError:
                return None
        else:
            return None
    if not args.paths or (args.output is not None and args.in_place):
        return None
    return args
