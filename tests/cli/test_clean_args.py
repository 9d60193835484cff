"""The plain clean command is read without argparse, and always as argparse reads it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thinktwice.cli import clean_args
from thinktwice.cli.parser import build_parser

FIELDS = ("paths", "output", "in_place", "recursive", "jobs", "quiet", "hide_faces")

# Words a command line may hold: every option, values, paths, and the forms the
# quick reader leaves to argparse.
WORDS = st.one_of(
    st.sampled_from(
        [
            "-r", "--recursive", "-q", "--quiet", "--in-place", "--hide-faces",
            "-o", "--output", "-j", "--jobs", "out", "3", "0", "-1", "+2", "1_0", "x",
            "a.jpg", "b c.jpg", "", "-", "--", "--out", "--output=o", "-rq", "-j2", "-h",
            "--help", "--version", "clean",
        ]
    ),
    st.text(max_size=6),
)  # fmt: skip


def argparse_reads(argv: list[str]) -> dict[str, object] | None:
    try:
        parsed = build_parser().parse_args(argv)
    except SystemExit:  # a usage error (argparse printed it)
        return None
    return {name: getattr(parsed, name) for name in FIELDS}


@pytest.mark.parametrize(
    "argv",
    [
        ["clean", "IMG_1.jpg"],
        ["clean", "-o", "out", "a.jpg", "b.jpg"],
        ["clean", "a.jpg", "b.jpg", "--output", "out"],
        ["clean", "--in-place", "-r", "photos"],
        ["clean", "-q", "-j", "2", "--hide-faces", "a.jpg"],
        ["clean", "--recursive", "--quiet", "--jobs", "4", "photos", "more"],
    ],
)
def test_the_forms_people_type_are_read_without_argparse(argv):
    quick = clean_args.parse(argv)
    assert quick is not None
    assert {name: getattr(quick, name) for name in FIELDS} == argparse_reads(argv)


@pytest.mark.parametrize(
    "argv",
    [
        ["clean"],  # no path: argparse says what is missing
        ["clean", "--help"],
        ["clean", "-o", "out", "--in-place", "a.jpg"],
        ["clean", "a.jpg", "-q", "b.jpg"],  # argparse refuses paths split by an option
        ["clean", "--out", "dir", "a.jpg"],  # an abbreviation
        ["clean", "-j", "two", "a.jpg"],
        ["clean", "-o"],
        ["clean", "-o", "-r", "a.jpg"],  # a value that looks like an option
        ["clean", "-j", "-1", "a.jpg"],  # argparse takes it; the quick reader need not
        ["scan", "a.jpg"],
    ],
)
def test_anything_else_is_left_to_argparse(argv):
    assert clean_args.parse(argv) is None


@settings(max_examples=1000)
@given(st.lists(WORDS, max_size=8))
def test_whatever_it_reads_argparse_reads_the_same(words):
    argv = ["clean", *words]
    quick = clean_args.parse(argv)
    if quick is not None:
        assert {name: getattr(quick, name) for name in FIELDS} == argparse_reads(argv)
