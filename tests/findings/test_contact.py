"""Contact details: structured contact fields, and emails or phones written anywhere."""

from __future__ import annotations

import pytest

from thinktwice.findings.contact import contact_info, phone_numbers
from thinktwice.models import Kind, Severity

from .build import metadata, only, run


@pytest.mark.parametrize(
    ("tags", "message"),
    [
        ([("XMP-iptcCore", "CreatorContactInfoCiEmailWork", "alice@example.com")],
         "It contains contact details: an email address."),
        ([("XMP-iptcCore", "CreatorWorkEmail", "alice@example.com"),
          ("XMP-iptcCore", "CreatorWorkTelephone", "+33 1 23 45 67 89")],
         "It contains contact details: an email address and a phone number."),
        ([("XMP-iptcCore", "CreatorContactInfoCiAdrExtadr", "12 Rue Example"),
          ("XMP-iptcCore", "CreatorContactInfoCiAdrPcode", "92170"),
          ("XMP-iptcCore", "CreatorContactInfoCiUrlWork", "https://alice.example")],
         "It contains contact details: a postal address and a website."),
        ([("IPTC", "Contact", "alice@example.com")],
         "It contains contact details: an email address."),
        ([("IPTC", "Contact", "+33 1 23 45 67 89")],
         "It contains contact details: a phone number."),
        ([("IPTC", "Contact", "Alice's agent")],
         "It contains contact details: a contact name."),
    ],
)  # fmt: skip
def test_contact_fields_say_what_they_reveal(
    tags: list[tuple[str, str, object]], message: str
) -> None:
    finding = only(contact_info, metadata(*tags))
    assert (finding.kind, finding.severity) == (Kind.CONTACT_INFO, Severity.HIGH)
    assert finding.message == message


@pytest.mark.parametrize(
    ("group", "name", "value", "message"),
    [
        ("IFD0", "ImageDescription", "write to alice@example.com",
         "It contains contact details: an email address."),
        ("ExifIFD", "UserComment", "call me on 06 12 34 56 78",
         "It contains contact details: a phone number."),
        ("IFD0", "Copyright", "Alice, +1 (555) 123-4567, alice@example.com",
         "It contains contact details: an email address and a phone number."),
        ("XMP-dc", "Description", ("Tel. (555) 123-4567",),
         "It contains contact details: a phone number."),
        ("IFD0", "Software", "support@vendor.example",  # emails count in any field
         "It contains contact details: an email address."),
    ],
)  # fmt: skip
def test_emails_and_phones_in_free_text_are_found(
    group: str, name: str, value: object, message: str
) -> None:
    finding = only(contact_info, metadata((group, name, value)))
    assert finding.message == message
    assert f"{group}:{name}" in finding.evidence


def test_phones_in_text_entries_are_found() -> None:
    meta = metadata(text=(("JPEG COM", "", "ring +44 20 7946 0958"),))
    assert only(contact_info, meta).message == "It contains contact details: a phone number."


@pytest.mark.parametrize(
    ("group", "name", "value"),
    [
        ("ExifIFD", "SerialNumber", "0123 4567 8901"),  # not free text: digits are an ID
        ("ExifIFD", "DateTimeOriginal", "2024:03:14 18:02:11"),
        ("XMP-xmpMM", "DocumentID", "xmp.did:7f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"),
        ("IFD0", "ImageDescription", "taken 2024-03-14 18:02, 1/40 s, f/2.8, ISO 100"),
        ("IFD0", "ImageDescription", "Adobe Photoshop 25.0.1 (20231004.r.1234)"),
        ("IFD0", "ImageDescription", "router at 192.168.1.10"),
    ],
)
def test_numbers_that_are_no_phone_numbers_are_ignored(
    group: str, name: str, value: object
) -> None:
    assert run(contact_info, metadata((group, name, value))) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("+33 1 23 45 67 89", ["+33 1 23 45 67 89"]),
        ("call 01 23 45 67 89 tonight", ["01 23 45 67 89"]),
        ("(555) 123-4567", ["(555) 123-4567"]),
        ("+1-555-123-4567", ["+1-555-123-4567"]),
        ("07700 900123", ["07700 900123"]),
        ("5551234567", []),  # a bare run of digits is more likely an ID
        ("14.03.2024", []),
        ("12 34", []),
    ],
)
def test_phone_numbers_need_a_plus_a_trunk_zero_or_grouping(text: str, found: list[str]) -> None:
    assert phone_numbers(text) == found
