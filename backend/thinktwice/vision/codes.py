"""QR codes and barcodes in the picture (zxing-cpp), named by kind, never by content.

Tickets, boarding passes, parcel labels and vaccination passes carry a name and a
booking reference in their code: anyone who receives the photo can scan it. The
finding says which kind of code is visible and where; what the code says stays
out of the report (it is the very thing not to spread, and the history keeps
sentences).

zxing reads the grey analysis picture (1000 pixels, enough for a code that fills a
tenth of a 12-megapixel photo) with its defaults: rotated and inverted codes
included, 5-20 ms on a photograph.
"""

from __future__ import annotations

import zxingcpp

from ..findings.rule import listing, put
from ..i18n import N_, _
from ..models import Finding, Kind, Severity
from .bodies import describe
from .decode import Decoded

# zxing format names -> the noun a sentence uses; any other format is N_("a barcode").
NOUNS: dict[str, str] = {
    "QRCode": N_("a QR code"),
    "QRCodeModel1": N_("a QR code"),
    "QRCodeModel2": N_("a QR code"),
    "MicroQRCode": N_("a QR code"),
    "RMQRCode": N_("a QR code"),
    "Aztec": N_("an Aztec code"),
    "AztecCode": N_("an Aztec code"),
    "PDF417": N_("a PDF417 code"),
    "CompactPDF417": N_("a PDF417 code"),
    "MicroPDF417": N_("a PDF417 code"),
    "DataMatrix": N_("a Data Matrix code"),
    "MaxiCode": N_("a MaxiCode"),
}
BARCODE = N_("a barcode")
SOURCE = "zxing"  # the evidence keys' prefix


def findings(decoded: Decoded) -> list[Finding]:
    """One `code` finding naming every kind of code visible, with their positions."""
    found = zxingcpp.read_barcodes(decoded.image.convert("L"))
    if not found:
        return []
    details: dict[str, str] = {}
    nouns: list[str] = []
    for code in found:
        name = code.format.name
        noun = NOUNS.get(name, BARCODE)
        if noun not in nouns:
            nouns.append(noun)
        at = code.position
        corners = (at.top_left, at.top_right, at.bottom_left, at.bottom_right)
        xs, ys = [p.x for p in corners], [p.y for p in corners]
        box = decoded.box(min(xs), min(ys), max(xs), max(ys))
        put(details, f"{SOURCE}:{name}", f"{code.format}, {describe(box)}")
    message = _("It shows {codes}: tickets and boarding passes carry your name.").format(
        codes=listing([_(noun) for noun in nouns])
    )
    return [Finding(Kind.CODE, Severity.MEDIUM, message, details)]
