"""Visible text: emails, phone numbers and street addresses, read by tesseract if present.

Text recognition is optional (Debian's `tesseract-ocr`). When its library is not
there, the report says so in its problems; that is not an error.

Tesseract's library is called in the process (tesseract.py: the model stays
loaded, the pixels are handed over as a buffer, nothing touches the disk), and
only on the lines of text found first (textlines.py): a 1170x2532 phone
screenshot went from about 1 s with the `tesseract` program reading it whole to
the figure `scripts/bench_vision.py` prints. The lines are read in
`concurrency` blocks at once, each by its own engine. Each line is turned dark
on light first (dark mode, a blue bubble), which spares tesseract its own second
try at it.

Cost is what decides when it runs. Tesseract takes 0.1-0.8 s on a 1000-pixel
picture, so it only reads pictures that look like a screen or a page: a uniform
background (at least 60% of the pixels within 8 grey levels of the commonest one),
some marks on it (0.3-35% of the pixels 80 levels away from it) and lines of
such marks (at least 3% of the rows cross 6 or more of them). Every photograph of
people, animals or things in scikit-image's samples and the benchmark photo fail
that test in 1-10 ms; rendered text and chat screenshots pass; so do a brick wall
and a deep-sky photograph, which then cost one OCR run, while a photographed page
under uneven light does not (its text goes unread). It reads at most `ocr_size`
pixels per side and is stopped after `ocr_timeout` seconds.
"""

from __future__ import annotations

import contextlib
import re
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from PIL import Image

from ..findings.contact import EMAIL_PATTERN, phone_numbers
from ..findings.rule import listing, put
from ..i18n import N_, _
from ..limits import Limits
from ..models import Finding, Kind, Severity
from . import decode, tesseract, textlines
from .options import VisionOptions

SOURCE = "OCR"  # the evidence keys' prefix
NOT_INSTALLED = "Text recognition is not installed (tesseract-ocr)."

# The "looks like a screen or a page" test (see the module docstring).
BACKGROUND_BAND = 8  # grey levels either side of the commonest one
BACKGROUND_SHARE = 0.6
MARK_DISTANCE = textlines.DISTANCE  # grey levels from the background that make a mark
MARK_SHARE = (0.003, 0.35)
MARKS_PER_ROW = 6
TEXT_ROWS = 0.03

# Street names: a number then capitalised words ending in a street word (English),
# a number then a street word then a name (French), a street word then a name then
# a number (Italian, Spanish, Portuguese), or a name ending in a street word then
# a number (German, Dutch). Names must be capitalised: "by the way" is no address.
_EN = (
    r"street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|place|pl|way"
    r"|terrace|close|crescent|square|sq|highway|hwy"
)
_ROMANCE = (
    r"rue|avenue|av|boulevard|bd|chemin|allée|impasse|place|quai|route|via|viale|piazza"
    r"|corso|calle|avenida|plaza|paseo|rua|travessa"
)
_PARTICLES = r"(?:(?:de|du|des|la|le|les|l'|l’|d'|d’|del|della|di|do|da)\s*)*"
_GERMANIC = r"straße|strasse|str\.|weg|gasse|platz|allee|damm|laan|straat|gracht|plein"
_NAME = r"[A-ZÀ-ÝÄÖÜ][\w'’.-]*"
ADDRESS_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"\b\d{{1,5}}[A-Za-z]?,?\s+(?:{_NAME}\s+){{1,4}}(?i:{_EN})\b\.?"),
    re.compile(rf"\b\d{{1,5}}(?:\s?(?:bis|ter))?,?\s+(?i:{_ROMANCE})\.?\s+{_PARTICLES}{_NAME}"),
    re.compile(rf"\b(?i:{_ROMANCE})\.?\s+{_PARTICLES}{_NAME}(?:\s+{_NAME}){{0,3}},?\s+\d{{1,5}}\b"),
    re.compile(rf"\b{_NAME}(?i:{_GERMANIC})\s+\d{{1,4}}[a-z]?\b"),
)

# What was found: its phrase, its evidence key and the severity it gives (an address
# says where someone lives; an email or a phone number how to reach them).
EMAIL, PHONE, ADDRESS = N_("an email address"), N_("a phone number"), N_("a street address")
KINDS: dict[str, tuple[str, Severity]] = {
    ADDRESS: ("address", Severity.HIGH),
    EMAIL: ("email", Severity.MEDIUM),
    PHONE: ("phone", Severity.MEDIUM),
}


class OcrUnavailable(Exception):
    """Tesseract could not read the picture; the message is the report's problem line."""


def warm(options: VisionOptions) -> None:
    """Load the English model into the engines a read uses at once, so the first
    screenshot after start does not wait for it (0.1-0.2 s an engine). Without
    tesseract there is nothing to load: the inspections say so."""
    if options.ocr:
        with contextlib.suppress(tesseract.TesseractMissing):
            tesseract.pool(options.tesseract_library).warm(options.concurrency)


def findings(
    decoded: decode.Decoded, data: bytes, limits: Limits, options: VisionOptions
) -> tuple[list[Finding], list[str]]:
    """The `text` finding for `data` (if any) and problem lines (OCR missing or failing)."""
    if not options.ocr:
        return [], []
    try:
        engines = tesseract.pool(options.tesseract_library)
    except tesseract.TesseractMissing:
        return [], [NOT_INSTALLED]
    if not looks_like_text(decoded.image):
        return [], []
    try:
        words = read(_ocr_grey(decoded, data, limits, options), engines, options.ocr_timeout,
                     options.concurrency)  # fmt: skip
    except OcrUnavailable as exc:
        return [], [str(exc)]
    return _findings(words), []


def looks_like_text(image: Image.Image) -> bool:
    """Whether `image` looks like a screen or a page: marks in lines on a uniform ground."""
    grey = np.asarray(image.convert("L"), dtype=np.int16)
    ground = _ground(grey)
    if ground is None:
        return False
    marks = np.abs(grey - ground) >= MARK_DISTANCE
    if not MARK_SHARE[0] <= marks.mean() <= MARK_SHARE[1]:
        return False
    starts = (np.diff(marks.astype(np.int8), axis=1) == 1).sum(axis=1)
    return bool((starts >= MARKS_PER_ROW).mean() >= TEXT_ROWS)


def read(grey: np.ndarray, engines: tesseract.Pool, timeout: float, workers: int) -> str:
    """The text of the lines found in `grey` (8-bit, height x width), read by `workers`
    engines at once, top to bottom; raises `OcrUnavailable` when they could not finish
    in `timeout` seconds."""
    found = _lines(grey)
    if not found:
        return ""
    blocks = textlines.blocks(grey, found, workers)
    deadline = time.monotonic() + timeout
    try:
        with ThreadPoolExecutor(len(blocks), thread_name_prefix="thinktwice-ocr") as pool:
            return "\n".join(pool.map(lambda block: engines.read(block, deadline), blocks))
    except tesseract.TesseractStopped as exc:
        raise OcrUnavailable(f"Text recognition was stopped after {timeout:g} s.") from exc
    except tesseract.TesseractMissing as exc:
        raise OcrUnavailable(str(exc)) from exc


def lines(image: Image.Image) -> list[textlines.Line]:
    """The pieces of lines of text in `image`, top to bottom: what `read` reads."""
    return _lines(np.asarray(image.convert("L")))


def _lines(grey: np.ndarray) -> list[textlines.Line]:
    ground = _ground(grey)
    return [] if ground is None else textlines.find(grey, ground)


def _ocr_grey(
    decoded: decode.Decoded, data: bytes, limits: Limits, options: VisionOptions
) -> np.ndarray:
    # The picture the lines are read from, grey, its longest side at most `ocr_size`.
    picture = decoded.whole or decoded.image
    longest = max(decoded.width, decoded.height)
    if longest > max(picture.size):
        # A JPEG decoded small for analysis: decode a sharper one, reduced only by what
        # libjpeg does for free (its 1/2, 1/4, 1/8 scales) and resized once grey: one
        # channel costs a third of three.
        whole = -(-longest // max(1, longest // options.ocr_size))
        picture = decode.for_analysis(data, whole, limits, options.max_decoded_pixels).image
    grey = picture.convert("L")
    if max(grey.size) > options.ocr_size:
        grey.thumbnail((options.ocr_size, options.ocr_size), Image.Resampling.BILINEAR)
    return np.asarray(grey)


def _ground(grey: np.ndarray) -> int | None:
    # The background's grey level, when enough of the picture is near it.
    share = np.bincount(grey.ravel(), minlength=256) / grey.size
    band = np.convolve(share, np.ones(2 * BACKGROUND_BAND + 1), mode="same")
    ground = int(band.argmax())
    return ground if band[ground] >= BACKGROUND_SHARE else None


def _findings(words: str) -> list[Finding]:
    found: dict[str, list[str]] = {kind: [] for kind in KINDS}
    for line in words.splitlines():
        found[EMAIL] += EMAIL_PATTERN.findall(line)
        found[PHONE] += phone_numbers(line)
        found[ADDRESS] += [m.group().strip() for p in ADDRESS_PATTERNS for m in p.finditer(line)]
    kinds = [kind for kind in KINDS if found[kind]]
    if not kinds:
        return []
    details: dict[str, str] = {}
    for kind in kinds:
        for value in dict.fromkeys(found[kind]):
            put(details, f"{SOURCE}:{KINDS[kind][0]}", value[:200])
    severity = max(KINDS[kind][1] for kind in kinds)
    message = _("Its visible text shows {what}.").format(what=listing([_(k) for k in kinds]))
    return [Finding(Kind.TEXT, severity, message, details)]
