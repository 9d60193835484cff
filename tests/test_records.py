"""Records: values compare and hash by their fields; a Container is filled in while read."""

from __future__ import annotations

import dataclasses

import pytest

from thinktwice.records import Container, Picture, Tag, TextEntry, Trailer


def test_records_are_values():
    assert Tag("IFD0", "Artist", "Alice") == Tag("IFD0", "Artist", "Alice")
    assert len({Tag("IFD0", "Artist", "Alice"), Tag("IFD0", "Artist", "Alice")}) == 1
    assert Picture("thumbnail", "JFIF") == Picture("thumbnail", "JFIF", None, None)
    assert TextEntry("JPEG COM", "Comment", "hi") != TextEntry("JPEG COM", "Comment", "ho")
    assert repr(Trailer(10, 3, b"abc")) == (
        "Trailer(offset=10, length=3, data=b'abc', blocks=(), clip=None)"
    )


def test_records_are_immutable():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Tag("IFD0", "Artist", "Alice").value = "Bob"  # type: ignore[misc]


def test_a_container_is_mutable_and_so_not_hashable():
    found = Container(format="jpeg", media_type="image/jpeg")
    found.width = 4000
    found.note("APP12 Ducky")
    found.note("APP12 Ducky")
    assert found.extra == ["APP12 Ducky"]
    assert found == Container("jpeg", "image/jpeg", width=4000, extra=["APP12 Ducky"])
    with pytest.raises(TypeError):
        hash(found)


def test_containers_do_not_share_their_lists():
    first, second = Container("png", "image/png"), Container("png", "image/png")
    first.exif.append(b"II*\0")
    assert second.exif == []
