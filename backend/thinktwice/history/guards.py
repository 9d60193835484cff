"""What may enter the history: checked values from closed vocabularies, host names only.

Everything the store writes passes through here first. A site is reduced to its
host name (the page's path and query can name a person or a conversation); ids,
kinds and formats must match short patterns, so no free text rides in them.
"""

from __future__ import annotations

import ipaddress
import math
import re
from dataclasses import replace
from datetime import datetime
from urllib.parse import urlsplit

from .models import DECISIONS, SEVERITIES, VERDICTS, HistoryFilter, Inspection

_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
_KIND = re.compile(r"[a-z][a-z0-9_]{0,63}")
_FORMAT = re.compile(r"[a-z0-9][a-z0-9_+.-]{0,31}")
_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")


def normalise_site(value: str) -> str:
    """The host name of a URL, an origin or a host[:port], lower-case and ASCII.

    "https://web.whatsapp.com/some/path" and "web.whatsapp.com:443" both give
    "web.whatsapp.com"; IP addresses are kept in their canonical form. Anything
    that is not a host raises ValueError.
    """
    text = value.strip() if isinstance(value, str) else ""
    refused = ValueError(f"site {value!r:.80} is not a host name, origin or URL")
    try:
        parts = urlsplit(text if "://" in text else "//" + text)
        host, _ = parts.hostname, parts.port  # .port raises on a bad port
    except ValueError:
        raise refused from None
    if not host:
        raise refused
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        pass
    try:
        host = host.rstrip(".").encode("idna").decode("ascii")
    except UnicodeError:
        raise refused from None
    if len(host) > 253 or not all(_LABEL.fullmatch(label) for label in host.split(".")):
        raise refused
    return host


def aware(name: str, value: datetime) -> datetime:
    """`value` in UTC; a naive datetime raises ValueError naming the field."""
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime, got {value!r}")
    return value


def one_of(name: str, value: object, allowed: tuple[str, ...]) -> str:
    """`value` when it is one of `allowed`, else ValueError listing them."""
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(f"{name} {value!r} is not one of {', '.join(allowed)}")
    return value


def checked_inspection(inspection: Inspection) -> Inspection:
    """`inspection` with its site reduced to a host, or ValueError naming the bad field."""
    _match("id", inspection.id, _ID)
    _match("format", inspection.format, _FORMAT)
    aware("created_at", inspection.created_at)
    one_of("verdict", inspection.verdict, VERDICTS)
    _not_negative("size", inspection.size, whole=True)
    _not_negative("latency_ms", inspection.latency_ms, whole=False)
    if inspection.decision is not None:
        one_of("decision", inspection.decision, DECISIONS)
    if inspection.decided_at is not None:
        aware("decided_at", inspection.decided_at)
    for position, finding in enumerate(inspection.findings):
        _match(f"findings[{position}].kind", finding.kind, _KIND)
        one_of(f"findings[{position}].severity", finding.severity, SEVERITIES)
    site = None if inspection.site is None else normalise_site(inspection.site)
    return replace(inspection, site=site)


def checked_filter(wanted: HistoryFilter) -> HistoryFilter:
    """`wanted` with its site reduced to a host, or ValueError naming the bad field."""
    if wanted.severity is not None:
        one_of("severity", wanted.severity, VERDICTS)
    if wanted.decision is not None:
        one_of("decision", wanted.decision, (*DECISIONS, "none"))
    if wanted.kind is not None and not isinstance(wanted.kind, str):
        raise ValueError(f"kind {wanted.kind!r} is not text")
    since = None if wanted.since is None else aware("since", wanted.since)
    until = None if wanted.until is None else aware("until", wanted.until)
    if since is not None and until is not None and since > until:
        raise ValueError(f"since {since.isoformat()} is after until {until.isoformat()}")
    site = None if wanted.site is None else normalise_site(wanted.site)
    return replace(wanted, site=site)


def _match(name: str, value: object, pattern: re.Pattern[str]) -> None:
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise ValueError(f"{name} {value!r:.80} does not match {pattern.pattern}")


def _not_negative(name: str, value: object, *, whole: bool) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or (whole and not isinstance(value, int))
        or not 0 <= value < math.inf  # False for NaN too
    ):
        kind = "whole number" if whole else "finite number"
        raise ValueError(f"{name} {value!r} must be a {kind}, not negative")
