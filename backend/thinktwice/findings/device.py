"""The device: serial numbers, capture IDs and labels (which link photos), make and model."""

from __future__ import annotations

import re

from ..i18n import _
from ..models import Finding, Kind, Metadata, Severity
from ..records import Tag
from .rule import Context, TagTable, evidence, text, texts
from .tables import (
    CAPTURE_IDS,
    DEVICE_LABELS,
    DEVICE_ROLES,
    KEYS,
    LIVE_PHOTO_IDS,
    MAKER_SUFFIXES,
    SERIAL_NUMBERS,
)

# Serials cameras write when they have none to give.
_PLACEHOLDER = re.compile(r"(?i)^(?:[0\s.:_-]*|unknown|none|n/?a|not set|serial number)$")


def device_serial(metadata: Metadata, context: Context) -> list[Finding]:
    """Serial numbers, unique capture IDs and camera labels: they tie photos to one
    camera or shot."""
    serials = [t for t in SERIAL_NUMBERS.select(context.tags) if _real(t)]
    ids = [t for t in CAPTURE_IDS.select(context.tags) if _real(t)]
    labels = [t for t in DEVICE_LABELS.select(context.tags) if _real(t)]
    if not serials and not ids and not labels:
        return []
    if serials:
        message = _("It carries your camera's serial number, which can link your photos together.")
    elif live := [tag for tag in ids if LIVE_PHOTO_IDS.matches(tag)]:
        # The still names its video; the video (its 'mdta' Keys) names its still.
        if live[0].group == KEYS:
            message = _("It carries an identifier that links it to its Live Photo still photo.")
        else:
            message = _("It carries an identifier that links it to its Live Photo video.")
    elif ids:
        message = _("It carries a unique camera ID, which can link your photos together.")
    else:
        message = _(
            "It carries the name given to your camera, which can link your photos together."
        )
    details = evidence([*serials, *ids, *labels])
    return [Finding(Kind.DEVICE_SERIAL, Severity.HIGH, message, details)]


def device_model(metadata: Metadata, context: Context) -> list[Finding]:
    """The camera, lens or computer the photo names."""
    roles = {role: found for role, table in DEVICE_ROLES if (found := _first(table, context))}
    if not roles:
        return []
    shown = [tag for tag in device_tags(context) if texts(tag.value)]
    if "make" in roles or "model" in roles:
        name = camera_name(roles.get("make"), roles.get("model"))
        message = _("It names your camera: {camera}.").format(camera=name)
    elif "lens" in roles:
        message = _("It names your camera lens: {lens}.").format(lens=roles["lens"])
    else:
        message = _("It names your device: {device}.").format(device=roles["host"])
    return [Finding(Kind.DEVICE_MODEL, Severity.LOW, message, evidence(shown))]


def device_tags(context: Context) -> list[Tag]:
    """The make, model, lens and host tags, role by role (a tag in two roles comes twice)."""
    return [tag for _, table in DEVICE_ROLES for tag in table.select(context.tags)]


def camera_name(make: str | None, model: str | None) -> str:
    """The camera's name from make and model: "Apple iPhone 15 Pro", never "Canon Canon".

    The maker's legal suffixes go ("NIKON CORPORATION" -> "NIKON"), and a model
    that already starts with one of the maker's words stands alone.
    """
    maker = _short_maker(make or "")
    if not model:
        return maker
    first_word = model.split()[0].casefold()
    if not maker or first_word in {w.casefold() for w in (make or "").split()}:
        return model
    return f"{maker} {model}"


def _short_maker(make: str) -> str:
    words = make.split()
    while len(words) > 1 and words[-1].rstrip(",").casefold() in MAKER_SUFFIXES:
        words.pop()
    return " ".join(words).rstrip(",")


def _first(table: TagTable, context: Context) -> str | None:
    for tag in table.select(context.tags):
        value = text(tag.value)
        if value:
            return value
    return None


def _real(tag: Tag) -> bool:
    # Some maker notes store the serial as a number.
    numeric = isinstance(tag.value, int) and not isinstance(tag.value, bool)
    value = str(tag.value) if numeric else text(tag.value)
    return bool(value) and not _PLACEHOLDER.match(value)
