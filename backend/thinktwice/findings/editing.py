"""The editing trail: software, XMP history, document IDs, content credentials.

Software names are mild (LOW) but the trail links copies together: document
IDs follow a picture from editor to editor, and an XMP history lists each save.
"""

from __future__ import annotations

import re

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
        [piece for tag in software_tags for piece in texts(tag.value)]
        + [name for _, name in tool_comments]
    )
    steps = max((len(tag.value) if isinstance(tag.value, tuple | list) else 1
                 for tag in history), default=0)  # fmt: skip
    details = evidence([*software_tags, *history, *ids, *settings])
    evidence((tag for tag, _ in tool_comments), details)
    for block in blocks:
        put(details, "Extra:block", block)
    return [Finding(Kind.EDITING_HISTORY, Severity.LOW, _sentence(tools, steps, ids, blocks),
                    details)]  # fmt: skip


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
    history = f"an editing history ({steps} step{'s' if steps != 1 else ''})"
    editors = [tool for tool in tools if not _FIRMWARE.match(tool)]
    if editors:
        tail = f", with {history}" if steps else ""
        return f"It records the editing software: {listing(editors, limit=2)}{tail}."
    if steps:
        return f"It records {history}."
    if tools:
        return f"It records the device's software version: {listing(tools, limit=2)}."
    if blocks:
        return "It carries a content credentials record (C2PA) of how it was made."
    if ids:
        return "It carries document IDs that can link it to other copies of the file."
    return "It records settings from the software that edited it."
