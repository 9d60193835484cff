"""Huawei: "HUAWEI\\0\\0", a TIFF header of its own at +8, the IFD after it, offsets
counted from that header (OpenHarmony's libexif; exiftool 12.57 reads none of it).
The id pairing a moving photo's still with its video is what links the two."""

from __future__ import annotations

import struct

import pytest

from tests.metadata.builders import IFD, SHORT, note_ifd
from thinktwice.models import Kind, Severity

from .notes import exiftool_maker_tags, findings, jpeg_with_note, longs, our_maker_tags, said, text

MOVING_PHOTO = "8c1a7f3e-52d4-4b0e-9f61-0d2b7c9e4a15"


def huawei(e: str, moving_photo: str = MOVING_PHOTO) -> object:
    """A P-series note: capture mode, a face sub-IFD, the moving photo's id (out of line)."""
    order = b"II" if e == "<" else b"MM"

    def build(at: int) -> bytes:
        face = [(0x0102, SHORT, 1, struct.pack(e + "H", 1))]  # one face found

        def main(face_at: int) -> list:
            return [longs(e, 0x0100, face_at, typ=IFD), (0x0200, SHORT, 1, struct.pack(e + "H", 3)),
                    text(0x0211, moving_photo)]  # fmt: skip

        # Offsets count from the TIFF header at +8: the main IFD sits at 8 from it.
        main_size = len(note_ifd(e, main(0), 8, 0))
        return (
            b"HUAWEI\0\0" + order + struct.pack(e + "HI", 42, 8)
            + note_ifd(e, main(8 + main_size), 8, 0)
            + note_ifd(e, face, 8 + main_size, 0)
        )  # fmt: skip

    return build


@pytest.mark.parametrize("e", ["<", ">"], ids=["II", "MM"])
def test_we_read_the_moving_photo_id_in_either_byte_order(e: str) -> None:
    jpeg = jpeg_with_note("HUAWEI", "ELE-L29", huawei(e), order=b"MM")
    assert our_maker_tags(jpeg) == {"MakerNoteVendor": "Huawei", "MovingPhotoId": MOVING_PHOTO}


def test_the_moving_photo_id_links_the_photo_to_its_video() -> None:
    found = findings(jpeg_with_note("HUAWEI", "ELE-L29", huawei("<")))[Kind.DEVICE_SERIAL]
    assert said(found) == (
        Severity.HIGH,
        "It carries a unique camera ID, which can link your photos together.",
    )
    assert found.evidence["MakerNotes-Huawei:MovingPhotoId"] == MOVING_PHOTO


def test_an_unset_id_is_no_finding() -> None:
    jpeg = jpeg_with_note("HUAWEI", "ELE-L29", huawei("<", "[None]"))
    assert our_maker_tags(jpeg) == {"MakerNoteVendor": "Huawei"}
    assert Kind.DEVICE_SERIAL not in findings(jpeg)


@pytest.mark.parametrize("e", ["<", ">"], ids=["II", "MM"])
def test_exiftool_finds_the_id_where_we_do(e: str) -> None:
    """exiftool 12.57 has no Huawei table, but its reader of unknown notes finds the IFD
    and follows the id's offset: the judge that the layout and origin are real."""
    jpeg = jpeg_with_note("HUAWEI", "ELE-L29", huawei(e))
    assert exiftool_maker_tags(jpeg) == {}  # nothing it has a name for
    theirs = exiftool_maker_tags(jpeg, unknown=True)
    assert theirs["Unknown_0x0211"] == MOVING_PHOTO == our_maker_tags(jpeg)["MovingPhotoId"]
