"""Every `thinktwice` command the extension, the dashboard or the README tells a person to
run exists.

A command is named in code: an inline `code span`, a line of a fenced block, <code> in
the extension's pages, or a “quoted” command in its messages. Each `thinktwice WORD
[--flag...]` found there must be a subcommand of the command line's parser, with flags
it takes; so must a README usage line such as `scan PATH... [--json] [-r]`.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from thinktwice.cli.parser import build_parser

ROOT = Path(__file__).resolve().parents[1]
EXTENSION = ROOT / "extension"
README = ROOT / "README.md"
DASHBOARD = ROOT / "backend" / "thinktwice" / "dashboard" / "templates"

# `thinktwice` first in a span or after a prompt (`$ `, `$(`), then a lowercase word (a
# placeholder such as COMMAND is not a command); its arguments end at a comment, a
# closing parenthesis or the end of the span. (`pipx inject thinktwice X` is pipx's.)
COMMAND = re.compile(r"(?:^\s*|\$ |\$\()thinktwice ([a-z][\w-]*)([^#)]*)")
FLAG = re.compile(r"(?<![\w-])(--?[A-Za-z][\w-]*)")
INLINE = re.compile(r"`([^`]+)`|“([^”\n]+)”|<code>(.*?)</code>", re.S)


@dataclass(frozen=True)
class Mention:
    """A command named somewhere: where, the subcommand, the flags given with it."""

    where: str
    command: str
    flags: tuple[str, ...]


def subcommands() -> dict[str, argparse.ArgumentParser]:
    """The parser's subcommands by name."""
    parser = build_parser()
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


def spans(text: str) -> list[str]:
    """The pieces of `text` that are code: fenced lines, inline spans, quoted commands."""
    found: list[str] = []
    for index, part in enumerate(text.split("```")):
        if index % 2:  # inside a fenced block: its lines, and spans quoted in them
            found += part.splitlines()
        found += [next(g for g in m.groups() if g is not None) for m in INLINE.finditer(part)]
    return found


def mentions(path: Path, *, usage_lines: bool) -> list[Mention]:
    """The commands `path` names; with `usage_lines`, also spans that start with one."""
    names = subcommands()
    where = str(path.relative_to(ROOT))
    found = []
    for span in spans(path.read_text()):
        for match in COMMAND.finditer(span):
            found.append(Mention(where, match[1], tuple(FLAG.findall(match[2]))))
        first, _, rest = span.partition(" ")
        if usage_lines and first in names and rest and "thinktwice" not in span:
            found.append(Mention(where, first, tuple(FLAG.findall(rest))))
    return found


def extension_mentions() -> list[Mention]:
    """What the extension's pages, scripts and messages name, and the dashboard's pages."""
    files = [p for p in EXTENSION.rglob("*") if p.suffix in {".html", ".js", ".json"}]
    files += DASHBOARD.glob("*.html")
    return [m for path in sorted(files) for m in mentions(path, usage_lines=False)]


README_MENTIONS = mentions(README, usage_lines=True)
EXTENSION_MENTIONS = extension_mentions()


def test_the_extension_and_the_readme_name_commands() -> None:
    # The search finds what it is meant to: not a vacuous pass.
    assert Mention("README.md", "setup", ("--uninstall",)) in README_MENTIONS
    assert (
        Mention(
            "README.md",
            "clean",
            ("-o", "--in-place", "-r", "-j", "-q", "--hide-faces", "--drop-hdr"),
        )
        in README_MENTIONS
    )
    assert {m.command for m in EXTENSION_MENTIONS} >= {"setup", "status"}
    assert any(m.where.startswith("backend/") for m in EXTENSION_MENTIONS)


@pytest.mark.parametrize(
    "mention", README_MENTIONS + EXTENSION_MENTIONS, ids=lambda m: f"{m.where}:{m.command}"
)
def test_every_command_named_exists_with_its_flags(mention: Mention) -> None:
    names = subcommands()
    assert mention.command in names, f"{mention.where} names `thinktwice {mention.command}`"
    options = {s for action in names[mention.command]._actions for s in action.option_strings}
    assert set(mention.flags) <= options, f"{mention.where}: {mention}"


def test_the_extension_never_asks_to_run_the_service_by_hand() -> None:
    # The browser starts it through the native host: the person's one step is `setup`.
    assert [m for m in EXTENSION_MENTIONS if m.command in {"serve", "pair", "token"}] == []


def test_the_readme_documents_every_pixel_option() -> None:
    usage = {(m.command, flag) for m in README_MENTIONS for flag in m.flags}
    assert {("scan", "--no-pixels"), ("clean", "--hide-faces")} <= usage
