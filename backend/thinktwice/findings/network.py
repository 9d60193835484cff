"""The country of the mobile network a phone was on when it took the photo.

Samsung phones write the network's mobile country code into their SEF trailer
(metadata/sef.py gives it as the tag Samsung:MCCData). A country is a coarse place,
MEDIUM like a named country in IPTC or XMP: it still tells a stranger where you live
or travel. The codes are data, in mcc.py.
"""

from __future__ import annotations

from ..i18n import _
from ..models import Finding, Kind, Metadata, Severity
from .mcc import COUNTRIES
from .rule import Context, evidence, text
from .tables import NETWORK_CODES


def network_country(metadata: Metadata, context: Context) -> list[Finding]:
    """The mobile network's country, from its code."""
    codes = [tag for tag in NETWORK_CODES.select(context.tags) if text(tag.value).isdigit()]
    if not codes:
        return []
    code = text(codes[0].value)
    country = COUNTRIES.get(int(code))
    if country is None:
        message = _("It records the code of the mobile network it was taken on ({code}).")
    else:
        message = _("It names the country of the mobile network it was taken on: {country}.")
    message = message.format(code=code, country=country)
    return [Finding(Kind.LOCATION, Severity.MEDIUM, message, evidence(codes))]
