"""The one sentence the history shows for each kind of finding.

The dialog says what a photo reveals in detail ("It names a place: 12 Rue de la
Paix"), in memory, to the person choosing. The history keeps no such detail: a
finding is remembered by its kind and severity, and its sentence is derived from
the kind when read, from this table. Nothing specific can reach the disk because
nothing specific is stored.
"""

from __future__ import annotations

from ..i18n import N_, _
from ..models import Kind

SENTENCES: dict[str, str] = {
    Kind.LOCATION: N_("It shows where it was taken."),
    Kind.DEVICE_SERIAL: N_("It carries your camera's serial number."),
    Kind.DEVICE_MODEL: N_("It names your camera or phone."),
    Kind.PERSON_NAME: N_("It names a person."),
    Kind.CONTACT_INFO: N_("It holds contact details."),
    Kind.CAPTURE_TIME: N_("It shows when it was taken."),
    Kind.THUMBNAIL: N_("It hides a small copy of the picture."),
    Kind.HIDDEN_IMAGE: N_("It hides other pictures inside the file."),
    Kind.APPENDED_DATA: N_("It carries hidden data after the image."),
    Kind.EDITING_HISTORY: N_("It keeps a trail of how it was edited."),
    Kind.COMMENT: N_("It carries a comment or description."),
    Kind.NUDITY: N_("It shows intimate content."),
    Kind.FACE: N_("It shows a face."),
    Kind.CODE: N_("It shows a QR code or barcode."),
    Kind.TEXT: N_("It shows readable text."),
}


def sentence(kind: str) -> str:
    """The history's sentence for `kind`, in the current language; a kind this table
    does not know yet (from a newer engine) is named in words: "It reveals something:
    future kind."."""
    known = SENTENCES.get(kind)
    if known:
        return _(known)
    return _("It reveals something: {kind}.").format(kind=kind.replace("_", " "))
