"""The editing trail: software, XMP history, document IDs, content credentials.

Software names are mild (LOW) but the trail links copies together: document
IDs follow a picture from editor to editor, and an XMP history lists each save.
"""

from __future__ import annotations

import re

from ..i18n import _, ngettext
from ..models import Finding, Kind, Metadata, Severity
from ..records import Tag
from .rule import Context, evidence, listing, put, texts, unique
from .tables import (
    COMMENT_FIELDS,
    DOCUMENT_IDS,
    EDIT_SETTINGS,
    EDITOR_COMMENTS,
    FIRMWARE_VERSION,
    HISTORY,
    PROVENANCE_BLOCKS,
    SOFTWARE,
    SYSTEM_VERSIONS,
)

_EDITOR_COMMENTS = tuple(re.compile(pattern) for pattern in EDITOR_COMMENTS)
_FIRMWARE = re.compile(FIRMWARE_VERSION)


def editing_history(metadata: Metadata, context: Context) -> list[Finding]:
    """Which software made or edited the picture, and the history it recorded."""
    software_tags = SOFTWARE.select(context.tags)
    history = HISTORY.select(context.tags)
    ids = DOCUMENT_IDS.select(context.tags)
    settings = EDIT_SETTINGS.select(context.tags)
    comments = [tag for _, table in COMMENT_FIELDS for tag in table.select(context.tags)]
    tool_comments = [(tag, name) for tag in comments for name in editor_names(tag)]
    # Content Credentials that could be read are worded by credentials.py.
    blocks = [b for b in metadata.extra if any(p in b.casefold() for p in PROVENANCE_BLOCKS)
              and not metadata.credentials]  # fmt: skip
    if not (software_tags or history or ids or settings or tool_comments or blocks):
        return []
    tools = unique(
        [_system(tag, piece) for tag in software_tags for piece in texts(tag.value)]
        + [name for _tag, name in tool_comments]
    )
    steps = max((len(tag.value) if isinstance(tag.value, tuple | list) else 1
                 for tag in history), default=0)  # fmt: skip
    details = evidence([*software_tags, *history, *ids, *settings])
    evidence((tag for tag, _name in tool_comments), details)
    for block in blocks:
        put(details, "Extra:block", block)
    return [Finding(Kind.EDITING_HISTORY, Severity.LOW, _sentence(tools, steps, ids, blocks),
                    details)]  # fmt: skip


def _system(tag: Tag, version: str) -> str:
    """ "Android 12" for Android's bare "12"; any other software as it is written."""
    system = SYSTEM_VERSIONS.get(tag.name)
    return f"{system} {version}" if system and version[:1].isdigit() else version


def editor_names(tag: Tag) -> list[str]:
    """Tool names in comments editors write about themselves ("Created with GIMP")."""
    out = []
    for piece in texts(tag.value):
        for pattern in _EDITOR_COMMENTS:
            match = pattern.match(piece)
            if match:
                out.append(match.group(1).strip())
                break
    return out


def _sentence(tools: list[str], steps: int, ids: list[Tag], blocks: list[str]) -> str:
    editors = [tool for tool in tools if not _FIRMWARE.match(tool)]
    if editors and steps:
        return ngettext(
            "It records the editing software: {tools}, with an editing history ({n} step).",
            "It records the editing software: {tools}, with an editing history ({n} steps).",
            steps,
        ).format(tools=listing(editors, limit=2), n=steps)
    if editors:
        return _("It records the editing software: {tools}.").format(
            tools=listing(editors, limit=2)
        )
    if steps:
        return ngettext(
            "It records an editing history ({n} step).",
            "It records an editing history ({n} steps).",
            steps,
        ).format(n=steps)
    if tools:
        return _("It records the device's software version: {tools}.").format(
            tools=listing(tools, limit=2)
        )
    if blocks:
        return _("It carries a content credentials record (C2PA) of how it was made.")
    if ids:
        return _("It carries document IDs that can link it to other copies of the file.")
    return _("It records settings from the software that edited it.")
