"""Contact details: email addresses, phone numbers, postal addresses, websites.

Structured contact fields (IPTC Core's CreatorContactInfo) say what they hold;
elsewhere email addresses are found in any text, and phone numbers only in text
people write (comments, descriptions, names, contact fields), where a long run
of digits is not a serial number or a date.
"""

from __future__ import annotations

import re

from ..i18n import N_, _
from ..models import Finding, Kind, Metadata, Severity
from ..records import Tag
from .rule import Context, TagTable, distinct, every_string, evidence, listing, text
from .tables import (
    COMMENT_FIELDS,
    CONTACT_FIELDS,
    CONTACT_TEXT,
    PEOPLE_SHOWN,
    PERSON_NAMES,
)

EMAIL = N_("an email address")
PHONE = N_("a phone number")
CONTACT = N_("a contact name")  # a contact field holding neither an email nor a phone

EMAIL_PATTERN = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
_PHONE_CANDIDATE = re.compile(r"(?<![\w+])\+?(?:\(\d{1,4}\)[\s.-]?)?\d[\d\s().-]{5,22}\d(?!\w)")
_NOT_A_PHONE = (
    re.compile(r"^\d{4}[-./ ]\d{1,2}[-./ ]\d{1,2}\b"),  # 2024-03-14 18...
    re.compile(r"^\d{1,2}[-./ ]\d{1,2}[-./ ]\d{4}\b"),  # 14.03.2024
    re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$"),  # 192.168.1.10
)
PHONE_DIGITS = (8, 15)  # ITU E.164 allows at most 15 digits; fewer than 8 is no number
_SEPARATOR_GROUPS = re.compile(r"[\s().-]+")

# Where people write words: the only places a run of digits may be a phone number.
FREE_TEXT: tuple[TagTable, ...] = (
    PERSON_NAMES, PEOPLE_SHOWN, CONTACT_TEXT, *(t for _, t in CONTACT_FIELDS),
    *(t for _, t in COMMENT_FIELDS),
)  # fmt: skip


def contact_info(metadata: Metadata, context: Context) -> list[Finding]:
    """Email addresses, phone numbers and postal addresses, wherever they are."""
    kinds: dict[str, list[Tag]] = {}
    for phrase, table in CONTACT_FIELDS:
        for tag in table.select(context.tags):
            if text(tag.value):
                kinds.setdefault(phrase, []).append(tag)
    free = {id(tag) for tag in context.text}
    free.update(id(tag) for table in FREE_TEXT for tag in table.select(context.tags))
    for tag, piece in every_string(context.tags):
        if EMAIL_PATTERN.search(piece):
            kinds.setdefault(EMAIL, []).append(tag)
        if id(tag) in free and phone_numbers(piece):
            kinds.setdefault(PHONE, []).append(tag)
    classified = {id(tag) for tags in kinds.values() for tag in tags}
    for tag in CONTACT_TEXT.select(context.tags):
        if text(tag.value) and id(tag) not in classified:
            kinds.setdefault(CONTACT, []).append(tag)
    if not kinds:
        return []
    order = [phrase for phrase, _ in CONTACT_FIELDS] + [EMAIL, PHONE, CONTACT]
    phrases = [p for p in dict.fromkeys(order) if p in kinds]
    message = _("It contains contact details: {details}.").format(
        details=listing([_(phrase) for phrase in phrases], limit=4)
    )
    details = evidence(distinct(tag for tags in kinds.values() for tag in tags))
    return [Finding(Kind.CONTACT_INFO, Severity.HIGH, message, details)]


def phone_numbers(value: str) -> list[str]:
    """The phone numbers written in `value` ("+33 1 23 45 67 89", "(555) 123-4567")."""
    out = []
    for match in _PHONE_CANDIDATE.finditer(value):
        candidate = match.group().strip()
        digits = sum(c.isdigit() for c in candidate)
        if not PHONE_DIGITS[0] <= digits <= PHONE_DIGITS[1]:
            continue
        if candidate.count("(") != candidate.count(")"):
            continue  # "25.0.1 (20231004": a version and a build, not a number
        if any(p.search(candidate) for p in _NOT_A_PHONE):
            continue
        # A bare run of digits is more likely an ID: want a "+", a trunk "0" or grouping.
        groups = len(_SEPARATOR_GROUPS.split(candidate.strip("+()")))
        if candidate.startswith("+") or groups >= 3 or (candidate[0] == "0" and groups == 2):
            out.append(candidate)
    return out
