"""The shared pieces: tag tables, the context, and how values are shown."""

from __future__ import annotations

import pytest

from thinktwice.findings.rule import (
    Context,
    evidence,
    listing,
    number,
    quote,
    show,
    table,
    texts,
)
from thinktwice.records import Picture, Tag

from .build import metadata


@pytest.mark.parametrize(
    ("spec", "tag", "matches"),
    [
        (("IFD0", "Artist"), Tag("IFD0", "Artist", "x"), True),
        (("IFD0", "Artist"), Tag("IFD1", "Artist", "x"), False),
        (("IFD0", "Artist"), Tag("IFD0", "Artists", "x"), False),
        (("XMP-*", "SerialNumber"), Tag("XMP-aux", "SerialNumber", "x"), True),
        (("XMP-*", "SerialNumber"), Tag("ExifIFD", "SerialNumber", "x"), False),
        (("MakerNotes*", "OwnerName"), Tag("MakerNotes-Canon", "OwnerName", "x"), True),
        (("MakerNotes*", "OwnerName"), Tag("MakerNotes:Canon", "OwnerName", "x"), True),
        (("*", "SerialNumber"), Tag("anything", "SerialNumber", "x"), True),
        (("JPEG COM", "*"), Tag("JPEG COM", "", "x"), True),
        (("JPEG COM", "*"), Tag("PNG tEXt", "", "x"), False),
    ],
)
def test_tables_match_groups_exactly_by_prefix_or_any(
    spec: tuple[str, str], tag: Tag, matches: bool
) -> None:
    assert table(spec).matches(tag) is matches


def test_select_keeps_the_tags_order() -> None:
    tags = [Tag("IFD0", "Model", "b"), Tag("IFD0", "Make", "a"), Tag("IFD0", "Artist", "c")]
    selected = table(("IFD0", "Make"), ("IFD0", "Model")).select(tags)
    assert [t.name for t in selected] == ["Model", "Make"]


def test_the_context_turns_text_entries_into_tags() -> None:
    meta = metadata(("IFD0", "Make", "Canon"), text=(("PNG tEXt", "Author", "Alice"),))
    context = Context.of(meta)
    assert context.tags == [Tag("IFD0", "Make", "Canon"), Tag("PNG tEXt", "Author", "Alice")]
    assert context.text == [Tag("PNG tEXt", "Author", "Alice")]


def test_the_context_answers_each_pictures_comparison() -> None:
    meta = metadata(pictures=(Picture("thumbnail", "EXIF"), Picture("preview", "MPF")))
    assert [Context.of(meta, (True, None)).compared(i) for i in (0, 1)] == [True, None]
    assert Context.of(meta).compared(0) is None  # nothing compared


@pytest.mark.parametrize(
    ("value", "pieces"),
    [
        ("  Alice\x00\x00 ", ["Alice"]),
        (("a", "", "b  c"), ["a", "b c"]),
        (42, []),
        (b"bytes", []),
        (None, []),
    ],
)
def test_texts_are_the_cleaned_text_pieces_of_a_value(value: object, pieces: list[str]) -> None:
    assert texts(value) == pieces


@pytest.mark.parametrize(
    ("value", "result"),
    [(5, 5.0), (2.5, 2.5), ("5", 5.0), ("50/10", 5.0), ((7,), 7.0), ("1/0", None),
     ("abc", None), (float("nan"), None), (True, None), (None, None)],
)  # fmt: skip
def test_number_reads_ints_floats_and_rationals(value: object, result: float | None) -> None:
    assert number(value) == result


@pytest.mark.parametrize(
    ("value", "shown"),
    [("Alice", "Alice"), ((48.0, 49.0, 18.84), "48.0, 49.0, 18.84"), (b"\xff\xd8" * 10,
     "(20 bytes of binary data)"), ("x" * 500, "x" * 200)],
)  # fmt: skip
def test_show_writes_values_for_the_details_view_cut_to_200_characters(
    value: object, shown: str
) -> None:
    assert show(value) == shown


def test_repeated_evidence_keys_are_numbered_not_overwritten() -> None:
    tags = [Tag("IPTC", "Keywords", "a"), Tag("IPTC", "Keywords", "b")]
    assert evidence(tags) == {"IPTC:Keywords": "a", "IPTC:Keywords #2": "b"}


@pytest.mark.parametrize(
    ("items", "text"),
    [([], ""), (["a"], "a"), (["a", "b"], "a and b"), (["a", "b", "c"], "a, b and c"),
     (["a", "b", "c", "d", "e"], "a, b, c and 2 more")],
)  # fmt: skip
def test_listing_reads_as_a_sentence(items: list[str], text: str) -> None:
    assert listing(items) == text


def test_quote_cuts_long_text_at_a_word() -> None:
    assert quote("short") == "“short”"
    assert quote("one two three four", limit=10) == "“one two…”"
    assert quote("x" * 20, limit=10) == "“xxxxxxxxxx…”"
