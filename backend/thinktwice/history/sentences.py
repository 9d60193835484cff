"""The one sentence the history shows for each kind of finding.

The dialog says what a photo reveals in detail ("It names a place: 12 Rue de la
Paix"), in memory, to the person choosing. The history keeps no such detail: a
finding is remembered by its kind and severity, and its sentence is derived from
the kind when read, from this table. Nothing specific can reach the disk because
nothing specific is stored.
"""

from __future__ import annotations

from ..models import Kind

SENTENCES: dict[str, str] = {
    Kind.LOCATION: "It shows where it was taken.",
    Kind.DEVICE_SERIAL: "It carries your camera's serial number.",
    Kind.DEVICE_MODEL: "It names your camera or phone.",
    Kind.PERSON_NAME: "It names a person.",
    Kind.CONTACT_INFO: "It holds contact details.",
    Kind.CAPTURE_TIME: "It shows when it was taken.",
    Kind.THUMBNAIL: "It hides a small copy of the picture.",
    Kind.HIDDEN_IMAGE: "It hides other pictures inside the file.",
    Kind.APPENDED_DATA: "It carries hidden data after the image.",
    Kind.EDITING_HISTORY: "It keeps a trail of how it was edited.",
    Kind.COMMENT: "It carries a comment or description.",
    Kind.NUDITY: "It shows intimate content.",
    Kind.FACE: "It shows a face.",
    Kind.CODE: "It shows a QR code or barcode.",
    Kind.TEXT: "It shows readable text.",
}


def sentence(kind: str) -> str:
    """The history's sentence for `kind`; a kind this table does not know yet (from a
    newer engine) is named in words: "It reveals something: future kind."."""
    return SENTENCES.get(kind) or f"It reveals something: {kind.replace('_', ' ')}."
