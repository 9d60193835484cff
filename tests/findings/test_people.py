"""People: names in author, copyright, owner and face fields; user names in paths."""

from __future__ import annotations

import pytest

from thinktwice.findings.people import person_name, user_names
from thinktwice.models import Kind, Severity

from .build import metadata, only, run


@pytest.mark.parametrize(
    ("group", "name", "value"),
    [
        ("IFD0", "Artist", "Alice Example"),
        ("IFD0", "Copyright", "(c) Alice Example"),
        ("IFD0", "Copyright", "© 2024 Alice Example. All rights reserved."),
        ("IFD0", "XPAuthor", "Alice Example"),
        ("XMP-dc", "Creator", ("Alice Example",)),
        ("XMP-dc", "Rights", "Copyright 2020-2024 by Alice Example"),
        ("XMP-photoshop", "Credit", "Alice Example"),
        ("IPTC", "By-line", "Alice Example"),
        ("IPTC", "CopyrightNotice", "Alice Example"),
        ("IPTC", "Writer-Editor", "Alice Example"),
        ("XMP-mwg-rs", "RegionsRegionListName", ("Alice Example",)),
        ("XMP-MP", "RegionInfoRegionsPersonDisplayName", ("Alice Example",)),
        ("XMP-iptcExt", "PersonInImage", ("Alice Example",)),
        ("PNG tEXt", "Author", "Alice Example"),
        ("PNG iTXt", "Copyright", "Alice Example"),
    ],
)
def test_names_are_high_and_shown_without_copyright_noise(
    group: str, name: str, value: object
) -> None:
    finding = only(person_name, metadata((group, name, value)))
    assert (finding.kind, finding.severity) == (Kind.PERSON_NAME, Severity.HIGH)
    assert finding.message == "It names a person: Alice Example."
    assert f"{group}:{name}" in finding.evidence


@pytest.mark.parametrize(
    ("group", "name"),
    [("ExifIFD", "OwnerName"), ("ExifIFD", "CameraOwnerName"), ("MakerNotes-Canon", "OwnerName"),
     ("XMP-aux", "OwnerName")],
)  # fmt: skip
def test_an_owner_name_is_said_as_the_cameras_owner(group: str, name: str) -> None:
    finding = only(person_name, metadata((group, name, "Chris Smith")))
    assert (finding.kind, finding.severity) == (Kind.PERSON_NAME, Severity.HIGH)
    assert finding.message == "It carries the camera's owner name 'Chris Smith'."
    assert f"{group}:{name}" in finding.evidence


def test_an_owner_name_beside_other_names_is_one_of_the_people_named() -> None:
    meta = metadata(("MakerNotes-Canon", "OwnerName", "Chris Smith"),
                    ("IFD0", "Artist", "Alice Example"))  # fmt: skip
    assert only(person_name, meta).message == "It names people: Chris Smith and Alice Example."


def test_several_names_are_listed_once_each() -> None:
    meta = metadata(
        ("IFD0", "Artist", "Alice Example"),
        ("XMP-dc", "Creator", ("alice example",)),
        ("XMP-mwg-rs", "RegionsRegionListName", ("Bob Martin", "Carol Smith")),
    )
    assert only(person_name, meta).message == (
        "It names people: Alice Example, Bob Martin and Carol Smith."
    )


@pytest.mark.parametrize("value", ["", "  ", "Copyright 2024", "©", "Unknown", "Photographer",
                                   "All rights reserved", "CREDIT"])  # fmt: skip
def test_values_naming_nobody_are_ignored(value: str) -> None:
    assert run(person_name, metadata(("IFD0", "Copyright", value))) == []


@pytest.mark.parametrize(
    "artist", ["KODAK DC240 ZOOM DIGITAL CAMERA", "RDC-5300 User", "Canon EOS 40D owner"]
)
def test_a_camera_naming_itself_as_artist_names_nobody(artist: str) -> None:
    meta = metadata(
        ("IFD0", "Make", "RICOH"),
        ("IFD0", "Model", "RDC-5300"),
        ("ExifIFD", "LensModel", "Canon EOS 40D"),
        ("PNG tEXt", "Source", "KODAK DC240 ZOOM DIGITAL CAMERA"),
        ("IFD0", "Artist", artist),
    )
    assert run(person_name, meta) == []


@pytest.mark.parametrize(
    ("path", "account"),
    [
        (r"C:\Users\alice\Desktop\flat.psd", "alice"),
        (r"C:/Users/Alice Example/Pictures/x.jpg", "Alice Example"),
        (r"D:\Documents and Settings\gus\My Documents\a.jpg", "gus"),
        (r"\\nas\photos\Users\bob\x.jpg", "bob"),
        ("/Users/carol/Pictures/IMG_1.HEIC", "carol"),
        ("file:///Users/dave/Desktop/x.psd", "dave"),
        ("/home/erin/Pictures/x.png", "erin"),
        ("saved as /mnt/c/Users/frank/x.jpg", "frank"),
    ],
)
def test_user_names_are_found_in_windows_macos_and_linux_paths(path: str, account: str) -> None:
    assert user_names(path) == [account]


@pytest.mark.parametrize(
    "value",
    [
        r"C:\Users\Public\Pictures\x.jpg",
        "https://example.com/home/bob/profile",
        "example.com/Users/zed/",
        "/usr/share/pixmaps/x.png",
        "Users and home are just words",
    ],
)
def test_shared_folders_and_web_addresses_are_no_user_names(value: str) -> None:
    assert user_names(value) == []


def test_a_path_in_the_xmp_history_reveals_the_user_name() -> None:
    meta = metadata(
        ("XMP-xmpMM", "HistoryParameters", ("converted", r"saved to C:\Users\alice\Desktop\a.psd"))
    )
    finding = only(person_name, meta)
    assert finding.message == "It contains your user name 'alice' in a file path."
    assert "XMP-xmpMM:HistoryParameters" in finding.evidence


def test_a_path_in_free_text_counts_too() -> None:
    meta = metadata(text=(("PNG tEXt", "Comment", "/home/erin/shots/a.png"),))
    assert "'erin'" in only(person_name, meta).message


def test_names_and_user_names_make_one_finding() -> None:
    meta = metadata(
        ("IFD0", "Artist", "Alice Example"),
        ("XMP-xmp", "CreatorTool", "/Users/alice/bin/tool"),
    )
    assert only(person_name, meta).message == (
        "It names a person (Alice Example) and contains your user name 'alice' in a file path."
    )
