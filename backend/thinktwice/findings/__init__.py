"""What the metadata reveals, in people's words.

Each rule reads the decoded metadata and returns findings of one kind (or one
small family): one finding per kind, combining every tag that says the same
thing, so the dialog stays short and the details view shows all the evidence.

    location         GPS and place names           location.py (+ gps, gazetteer),
                     a video's GPS route           route.py
                     the mobile network's country  network.py
    device_serial    serial numbers, capture IDs   device.py
    device_model     make, model, lens             device.py
    person_name      names, user names in paths    people.py
    contact_info     email, phone, address         contact.py
    capture_time     when it was taken             capture_time.py
    thumbnail        embedded thumbnail/preview    pictures.py
    hidden_image     extra images, depth maps      pictures.py
    appended_data    bytes after the image         appended.py
                     a video's metadata tracks     tracks.py (by appended.py)
    editing_history  software, history, IDs        editing.py
    comment          titles, descriptions, notes   comments.py
    (several)        Content Credentials, AI       credentials.py

Which tags say what is data, in tables.py.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..models import Finding, Kind, Metadata
from .appended import appended_data
from .capture_time import capture_time
from .comments import comment
from .contact import contact_info
from .credentials import credentials
from .device import device_model, device_serial
from .editing import editing_history
from .people import person_name
from .pictures import hidden_image, thumbnail
from .route import location_and_route
from .rule import Context, Rule, put

RULES: tuple[Rule, ...] = (
    location_and_route,
    device_serial,
    device_model,
    person_name,
    contact_info,
    capture_time,
    credentials,  # before thumbnail, editing_history and comment: its sentence leads among equals
    thumbnail,
    hidden_image,
    appended_data,
    editing_history,
    comment,
)

_KIND_ORDER = {kind: i for i, kind in enumerate(Kind)}


def analyse(
    metadata: Metadata, differs: Sequence[bool | None] = (), *, keeps_hdr: bool = True
) -> list[Finding]:
    """Every finding the metadata gives, worst first, one per kind.

    `differs` says, for each of `metadata.pictures` in order, whether it shows
    another picture than the image (None: not compared), as pixel work found
    (`vision.thumbnails.compare`); without it thumbnails are reported but not compared.
    `keeps_hdr=False` says the clean copy drops an HDR gain map (the sentence says so).
    """
    context = Context.of(metadata, differs, keeps_hdr=keeps_hdr)
    findings = [finding for rule in RULES for finding in rule(metadata, context)]
    return sorted(collapse(findings), key=lambda f: (-f.severity, _KIND_ORDER[f.kind]))


def collapse(findings: list[Finding]) -> list[Finding]:
    """One finding per kind: the most severe one's sentence, everyone's evidence."""
    by_kind: dict[Kind, list[Finding]] = {}
    for finding in findings:
        by_kind.setdefault(finding.kind, []).append(finding)
    out = []
    for kind, group in by_kind.items():
        lead = max(group, key=lambda f: f.severity)  # the first among equals
        details: dict[str, str] = {}
        for finding in [lead, *(f for f in group if f is not lead)]:
            for name, value in finding.evidence.items():
                if details.get(name) != value:
                    put(details, name, value)
        out.append(Finding(kind, lead.severity, lead.message, details))
    return out


__all__ = ["RULES", "Context", "analyse", "collapse"]
