"""Each kind of finding from a real JPEG: tags written by exiftool, read by the engine.

These run the whole metadata path: formats.jpeg.read -> metadata.decode -> analyse.
(Thumbnails compared with the picture are pixel work: tests/vision/test_thumbnails.py.)
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from tests.support.images import FULL_METADATA, IPTC_METADATA, with_metadata
from thinktwice.findings import analyse
from thinktwice.formats import jpeg
from thinktwice.metadata.decode import decode
from thinktwice.models import Finding, Kind, Severity

from .build import IMAGE, mp4


def findings(data: bytes) -> dict[Kind, Finding]:
    """The findings for a JPEG, by kind."""
    found = analyse(decode(jpeg.read(data)))
    return {f.kind: f for f in found}


def tagged(*args: str) -> dict[Kind, Finding]:
    return findings(with_metadata(IMAGE, ".jpg", *args))


@pytest.mark.parametrize(
    ("args", "kind", "severity", "message"),
    [
        (("-GPSLatitude=48.8219", "-GPSLatitudeRef=N", "-GPSLongitude=2.289",
          "-GPSLongitudeRef=E", "-GPSHPositioningError=5"),
         Kind.LOCATION, Severity.HIGH,
         "It shows where it was taken: in Vanves, Île-de-France, France (GPS, ±5 m)."),
        (("-XMP-exif:GPSLatitude=48.8219", "-XMP-exif:GPSLongitude=2.289",
          "-XMP-exif:GPSLatitudeRef=N", "-XMP-exif:GPSLongitudeRef=E"),
         Kind.LOCATION, Severity.HIGH,
         "It shows where it was taken: in Vanves, Île-de-France, France (GPS)."),
        (("-GPSLatitude=0", "-GPSLatitudeRef=N", "-GPSLongitude=0", "-GPSLongitudeRef=E"),
         Kind.LOCATION, Severity.MEDIUM,
         "It has GPS location fields, but they hold no usable position."),
        (("-IPTC:City=Vanves", "-IPTC:Country-PrimaryLocationName=France"),
         Kind.LOCATION, Severity.HIGH, "It names a place: Vanves, France (IPTC location fields)."),
        (("-SerialNumber=SN-4815162342",), Kind.DEVICE_SERIAL, Severity.HIGH,
         "It carries your camera's serial number, which can link your photos together."),
        (("-XMP-aux:SerialNumber=123456",), Kind.DEVICE_SERIAL, Severity.HIGH,
         "It carries your camera's serial number, which can link your photos together."),
        (("-ImageUniqueID=0123456789abcdef0123456789abcdef",), Kind.DEVICE_SERIAL, Severity.HIGH,
         "It carries a unique camera ID, which can link your photos together."),
        (("-Make=Canon", "-Model=Canon EOS 40D"), Kind.DEVICE_MODEL, Severity.LOW,
         "It names your camera: Canon EOS 40D."),
        (("-Artist=Alice Example",), Kind.PERSON_NAME, Severity.HIGH,
         "It names a person: Alice Example."),
        (("-XMP-mwg-rs:RegionName=Bob Martin", "-XMP-mwg-rs:RegionType=Face"),
         Kind.PERSON_NAME, Severity.HIGH, "It names a person: Bob Martin."),
        ((r"-XMP-xmpMM:HistoryParameters=saved to C:\Users\alice\Desktop\a.psd",),
         Kind.PERSON_NAME, Severity.HIGH, "It contains your user name 'alice' in a file path."),
        (("-XMP-iptcCore:CreatorWorkEmail=alice@example.com",
          "-XMP-iptcCore:CreatorWorkTelephone=+33 1 23 45 67 89"),
         Kind.CONTACT_INFO, Severity.HIGH,
         "It contains contact details: an email address and a phone number."),
        (("-UserComment=call 06 12 34 56 78",), Kind.CONTACT_INFO, Severity.HIGH,
         "It contains contact details: a phone number."),
        (("-DateTimeOriginal=2024:03:14 18:02:11", "-OffsetTimeOriginal=+01:00"),
         Kind.CAPTURE_TIME, Severity.MEDIUM,
         "It shows when it was taken: 14 March 2024, 18:02 (UTC+01:00)."),
        (("-IPTC:DateCreated=2024:03:14", "-IPTC:TimeCreated=18:02:11+01:00"),
         Kind.CAPTURE_TIME, Severity.MEDIUM,
         "It shows when it was taken: 14 March 2024, 18:02 (UTC+01:00)."),
        (("-Software=Adobe Photoshop 25.0 (Windows)", "-XMP-xmpMM:HistoryAction=saved"),
         Kind.EDITING_HISTORY, Severity.LOW,
         "It records the editing software: Adobe Photoshop 25.0 (Windows), with an editing "
         "history (1 step)."),
        (("-ImageDescription=Our flat, 3rd floor",), Kind.COMMENT, Severity.MEDIUM,
         "It contains a description: “Our flat, 3rd floor”."),
        (("-Comment=meet me at 8",), Kind.COMMENT, Severity.MEDIUM,
         "It contains a comment: “meet me at 8”."),
    ],
)  # fmt: skip
def test_a_tag_written_by_exiftool_gives_its_finding(
    args: tuple[str, ...], kind: Kind, severity: Severity, message: str
) -> None:
    found = tagged(*args)
    assert kind in found, f"no {kind.value} finding in {[f.message for f in found.values()]}"
    assert (found[kind].severity, found[kind].message) == (severity, message)


def test_a_camera_stock_description_gives_no_comment() -> None:
    assert Kind.COMMENT not in tagged("-ImageDescription=OLYMPUS DIGITAL CAMERA")


GOOGLE_XMP = """<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:GCamera="http://ns.google.com/photos/1.0/camera/"
    xmlns:Container="http://ns.google.com/photos/1.0/container/"
    xmlns:Item="http://ns.google.com/photos/1.0/container/item/"
    xmlns:GDepth="http://ns.google.com/photos/1.0/depthmap/"
    GCamera:MotionPhoto="1" GDepth:Format="RangeInverse" GDepth:Data="iVBORw0KGgo=">
   <Container:Directory>
    <rdf:Seq>
     <rdf:li rdf:parseType="Resource">
      <Container:Item Item:Semantic="Primary" Item:Mime="image/jpeg"/>
     </rdf:li>
     <rdf:li rdf:parseType="Resource">
      <Container:Item Item:Semantic="MotionPhoto" Item:Mime="video/mp4" Item:Length="{length}"/>
     </rdf:li>
    </rdf:Seq>
   </Container:Directory>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


# A motion photo's video: the MP4 header, then (zeroed) frames in their 'mdat'.
VIDEO = mp4(3) + struct.pack(">I4s", 208, b"mdat") + b"\x00" * 200


def _google_photo(tmp_path: Path, video: bytes) -> bytes:
    path = tmp_path / "google.xmp"
    path.write_text(GOOGLE_XMP.format(length=len(video)))
    return with_metadata(IMAGE, ".jpg", f"-XMP<={path}") + video


def test_a_depth_map_announced_in_xmp_is_a_hidden_image(tmp_path: Path) -> None:
    found = findings(_google_photo(tmp_path, VIDEO))
    assert found[Kind.HIDDEN_IMAGE].severity is Severity.HIGH
    assert found[Kind.HIDDEN_IMAGE].message == "It hides a depth map (XMP)."


def test_a_motion_photo_video_after_the_image_is_appended_data(tmp_path: Path) -> None:
    found = findings(_google_photo(tmp_path, VIDEO))
    assert found[Kind.APPENDED_DATA].severity is Severity.HIGH
    assert found[Kind.APPENDED_DATA].message == (
        "It holds a 3-second video (a motion photo, 264 bytes)."
    )


def test_bytes_after_the_image_are_appended_data() -> None:
    found = findings(IMAGE + b"secret archive" * 100)
    assert found[Kind.APPENDED_DATA].message == (
        "It has 1.4 KB of hidden data after the end of the image."
    )


def test_a_phone_photo_reveals_every_kind_of_metadata_finding() -> None:
    data = with_metadata(IMAGE, ".jpg", *FULL_METADATA, *IPTC_METADATA)
    found = findings(data)
    assert set(found) >= {
        Kind.LOCATION, Kind.DEVICE_SERIAL, Kind.DEVICE_MODEL, Kind.PERSON_NAME,
        Kind.CONTACT_INFO, Kind.CAPTURE_TIME, Kind.EDITING_HISTORY, Kind.COMMENT,
    }  # fmt: skip
    assert found[Kind.LOCATION].message.startswith("It shows where it was taken: in Vanves")


def test_a_plain_photo_reveals_nothing() -> None:
    assert findings(IMAGE) == {}
