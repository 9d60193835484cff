"""People: names in author, copyright and owner fields, in face regions, and the
account names that file paths carry (C:\\Users\\alice\\..., /Users/alice/...)."""

from __future__ import annotations

import re

from ..i18n import _, ngettext
from ..models import Finding, Kind, Metadata, Severity
from ..records import Tag
from .credentials import ai_credit_tool
from .device import device_tags
from .rule import Context, distinct, every_string, evidence, listing, text, texts, unique
from .tables import (
    GENERIC_ACCOUNTS,
    OWNER_NAMES,
    PEOPLE_SHOWN,
    PERSON_NAMES,
    PLACEHOLDER_NAMES,
)

# What surrounds a name in a copyright line: "© 2024 Alice Example. All rights reserved."
_COPYRIGHT_NOISE = re.compile(
    r"(?i)©|\(c\)|\bcopyright\b|\ball rights reserved\b|\bby\b"
    r"|\b(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?\b"
)
MIN_DEVICE_NAME = 3  # shorter make/model strings ("HP") could sit inside real names
_ACCOUNT = r"([^\\/\r\n\"<>|:*?]{1,64}?)(?=[\\/]|$)"
# Home folders: Windows drive or UNC paths, macOS /Users and Linux /home.
ACCOUNT_PATHS = (
    re.compile(rf"(?i)\b[a-z]:[\\/]+(?:users|documents and settings)[\\/]+{_ACCOUNT}"),
    re.compile(rf"(?i)\\\\[^\\/\s]+\\(?:[^\\/\s]+\\)*?users\\{_ACCOUNT}"),
    re.compile(rf"(?<![\w.])(?:/[\w.-]+)*/(?:Users|home)/{_ACCOUNT}"),
)
# A web address around the match ("https://example.com/home/bob") is no local path.
_IN_URL = re.compile(r"(?i)\b(?!file:)[a-z][\w+.-]*://\S*$")


def person_name(metadata: Metadata, context: Context) -> list[Finding]:
    """Names of people, and account names inside file paths."""
    device = _device_names(context)
    named = [t for t in [*PERSON_NAMES.select(context.tags), *PEOPLE_SHOWN.select(context.tags)]
             if _names(t, device)]  # fmt: skip
    names = unique(name for tag in named for name in _names(tag, device))
    path_tags, accounts = _accounts(context.tags)
    if not names and not accounts:
        return []
    quoted = listing([f"'{a}'" for a in accounts])
    if names and accounts:
        if len(names) == 1:
            message = ngettext(
                "It names a person ({names}) and contains your user name {accounts}"
                " in a file path.",
                "It names a person ({names}) and contains your user names {accounts}"
                " in a file path.",
                len(accounts),
            )
        else:
            message = ngettext(
                "It names people ({names}) and contains your user name {accounts} in a file path.",
                "It names people ({names}) and contains your user names {accounts} in a file path.",
                len(accounts),
            )
    elif len(names) == 1 and all(OWNER_NAMES.matches(tag) for tag in named):
        message = _("It carries the camera's owner name '{names}'.")
    elif len(names) == 1:
        message = _("It names a person: {names}.")
    elif names:
        message = _("It names people: {names}.")
    else:
        message = ngettext(
            "It contains your user name {accounts} in a file path.",
            "It contains your user names {accounts} in file paths.",
            len(accounts),
        )
    message = message.format(names=listing(names), accounts=quoted)
    details = evidence(distinct([*named, *path_tags]))
    return [Finding(Kind.PERSON_NAME, Severity.HIGH, message, details)]


def user_names(value: str) -> list[str]:
    """Account names inside the file paths in `value`."""
    found = (
        m.group(1).strip()
        for pattern in ACCOUNT_PATHS
        for m in pattern.finditer(value)
        if not _IN_URL.search(value, 0, m.end())
    )
    return unique(name for name in found if name and name.casefold() not in GENERIC_ACCOUNTS)


def _names(tag: Tag, device: list[str]) -> list[str]:
    out = []
    for piece in texts(tag.value):
        name = " ".join(_COPYRIGHT_NOISE.sub(" ", piece).split()).strip(" ,.;:-")
        folded = name.casefold()
        # Cameras fill Artist with their own name: "KODAK DC240 ZOOM DIGITAL CAMERA";
        # "Made with Google AI" credits a tool (credentials.py says so).
        if (
            name
            and folded not in PLACEHOLDER_NAMES
            and not any(d in folded for d in device)
            and ai_credit_tool(piece) is None
        ):
            out.append(name)
    return out


def _device_names(context: Context) -> list[str]:
    names = (text(tag.value).casefold() for tag in device_tags(context))
    return [name for name in names if len(name) >= MIN_DEVICE_NAME]


def _accounts(tags: list[Tag]) -> tuple[list[Tag], list[str]]:
    found_in: list[Tag] = []
    accounts: list[str] = []
    for tag, piece in every_string(tags):
        names = user_names(piece)
        if names:
            found_in.append(tag)
            accounts.extend(names)
    return distinct(found_in), unique(accounts)
