"""Hidden pictures: thumbnails and previews, extra images, depth maps, mattes, gain maps.

A thumbnail is expected in camera files and only MEDIUM, unless it shows
something else than the image (a crop or an edit forgot to update it): then it
is the uncropped original, HIGH (whether it does is pixel work: vision/thumbnails.py
compares, and the rule reads its answers). Extra images, depth maps and the mattes
that outline a person (Apple's portrait, skin, hair, teeth and glasses mattes)
are HIGH; a sky matte is MEDIUM. An HDR gain map is only INFO: it is a brightness
map derived from the same picture, not another view of the scene, and cleaning keeps
it (de-identified) so the photo still looks HDR; the sentence says so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from ..i18n import N_, _, ngettext
from ..models import Finding, Kind, Metadata, Severity
from ..records import Picture, Tag
from ..units import size_label
from .rule import Context, evidence, listing, put, text, texts, unique
from .tables import HIDDEN_IMAGE_DECLARATIONS, SEMANTICS, THUMBNAIL_TAGS

THUMBNAIL_KINDS = ("thumbnail", "preview")
# Hidden picture kinds: the sentence's noun for a count, and the severity.
HIDDEN_KINDS: dict[str, tuple[Callable[[int], str], Severity]] = {
    "extra_image": (lambda n: ngettext("1 more image", "{n} more images", n), Severity.HIGH),
    "depth_map": (lambda n: ngettext("a depth map", "{n} depth maps", n), Severity.HIGH),
    "portrait_matte": (
        lambda n: ngettext("a portrait matte", "{n} portrait mattes", n), Severity.HIGH),
    "skin_matte": (lambda n: ngettext("a skin matte", "{n} skin mattes", n), Severity.HIGH),
    "hair_matte": (lambda n: ngettext("a hair matte", "{n} hair mattes", n), Severity.HIGH),
    "teeth_matte": (lambda n: ngettext("a teeth matte", "{n} teeth mattes", n), Severity.HIGH),
    "glasses_matte": (
        lambda n: ngettext("a glasses matte", "{n} glasses mattes", n), Severity.HIGH),
    "matte": (
        lambda n: ngettext("a segmentation matte", "{n} segmentation mattes", n), Severity.HIGH),
    "sky_matte": (lambda n: ngettext("a sky matte", "{n} sky mattes", n), Severity.MEDIUM),
}  # fmt: skip
THUMBNAIL_NOUNS: dict[str, Callable[[int], str]] = {
    "thumbnail": lambda n: ngettext("a hidden thumbnail", "{n} hidden thumbnails", n),
    "preview": lambda n: ngettext("a hidden preview", "{n} hidden previews", n),
}
GAIN_MAP = "gain_map"
KEPT_GAIN_MAP = N_("It keeps its HDR look (a gain map).")
DROPPED_GAIN_MAP = N_("Its HDR gain map is removed: HDR screens will show it less bright.")
# Blocks named in people's words where the first word would not do.
PLAIN_SOURCES = {
    "EXIF MakerNote": N_("the camera's maker notes"),
    "InfiRay thermal data": N_("the thermal camera's imaging data"),
}
# What the details view adds after a compared thumbnail.
COMPARISON_NOTES = {True: ", shows a different picture", False: ", same picture", None: ""}


def thumbnail(metadata: Metadata, context: Context) -> list[Finding]:
    """An embedded thumbnail or preview, and whether it shows a different picture."""
    pictures = [p for p in metadata.pictures if p.kind in THUMBNAIL_KINDS]
    declared = [t for t in THUMBNAIL_TAGS.select(context.tags) if _present(t.value)]
    if not pictures and not declared:
        return []
    details: dict[str, str] = {}
    different = False
    for index, picture in enumerate(metadata.pictures):
        if picture.kind not in THUMBNAIL_KINDS:
            continue
        verdict = context.compared(index)
        different = different or verdict is True
        note = COMPARISON_NOTES[verdict]
        put(details, f"{picture.source}:{picture.kind}", _described(picture) + note)
    evidence(declared, details)
    if different:
        message = _(
            "Its hidden thumbnail shows a different picture — likely the uncropped "
            "or unedited original."
        )
        return [Finding(Kind.THUMBNAIL, Severity.HIGH, message, details)]
    counts = Counter(p.kind for p in pictures) or Counter({"thumbnail": 1})
    nouns = [THUMBNAIL_NOUNS[kind](n).format(n=n) for kind, n in counts.items()]
    sources = unique(_plain(where) for where in [p.source for p in pictures] or
                     [t.group for t in declared])  # fmt: skip
    message = _("It carries {pictures} of the photo ({sources}).").format(
        pictures=listing(nouns), sources=", ".join(sources)
    )
    return [Finding(Kind.THUMBNAIL, Severity.MEDIUM, message, details)]


def hidden_image(metadata: Metadata, context: Context) -> list[Finding]:
    """Extra images, depth maps and mattes stored beside the main image; and an HDR
    gain map, said as kept (cleaning keeps it)."""
    pictures = [p for p in metadata.pictures if p.kind in HIDDEN_KINDS or p.kind == GAIN_MAP]
    counts: Counter[str] = Counter(p.kind for p in pictures)
    sources: list[tuple[str, str]] = [(p.kind, _plain(p.source)) for p in pictures]
    declared: list[Tag] = []
    # XMP may announce pictures the container did not list (Google's GContainer).
    for kind, table in HIDDEN_IMAGE_DECLARATIONS:
        tags = [t for t in table.select(context.tags) if _announces(t, kind)]
        declared += tags
        if tags and kind not in counts and _has_room_for(kind, metadata):
            counts[kind] = 1
            sources.append((kind, "XMP"))
    if not counts:
        return []
    details: dict[str, str] = {}
    for picture in pictures:
        put(details, f"{picture.source}:{picture.kind}", _described(picture))
    evidence(declared, details)
    sentences = []
    nouns = [noun(counts[k]).format(n=counts[k]) for k, (noun, _s) in HIDDEN_KINDS.items()
             if counts[k]]  # fmt: skip
    if nouns:
        where = unique(source for kind, source in sources if kind != GAIN_MAP)
        sentences.append(
            _("It hides {pictures} ({sources}).").format(
                pictures=listing(nouns), sources=", ".join(where)
            )
        )
    if counts[GAIN_MAP]:
        sentences.append(_(KEPT_GAIN_MAP if context.keeps_hdr else DROPPED_GAIN_MAP))
    severity = max((HIDDEN_KINDS[k][1] for k in counts if k in HIDDEN_KINDS), default=Severity.INFO)
    return [Finding(Kind.HIDDEN_IMAGE, severity, " ".join(sentences), details)]


def _has_room_for(kind: str, metadata: Metadata) -> bool:
    """Whether the file holds bytes an XMP-announced picture could be.

    A gain map's XMP (hdrgm) stays behind when an editor drops the map itself,
    so for a gain map the file must also carry data after the image or another
    picture; other kinds can be inline in the XMP (GDepth:Data, GImage:Data).
    """
    if kind != GAIN_MAP:
        return True
    others = any(p.kind not in THUMBNAIL_KINDS for p in metadata.pictures)
    return others or metadata.trailer is not None


def _announces(tag: Tag, kind: str) -> bool:
    # Directory item semantics name what each item is; other tags announce by presence.
    if tag.name.endswith("Semantic"):
        return any(SEMANTICS.get(value.casefold()) == kind for value in texts(tag.value))
    return _present(tag.value)


def _present(value: object) -> bool:
    # A length of 0 or an empty string announces nothing.
    if isinstance(value, bytes | bytearray | memoryview):
        return len(value) > 0
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value > 0
    return bool(text(value))


def _described(picture: Picture) -> str:
    kind = picture.media_type or "picture"
    return f"{kind}, {size_label(len(picture.data))}" if picture.data else kind


def _plain(source: str) -> str:
    # The dialog names the block, not its inner structure: "EXIF IFD1" -> "EXIF".
    if source in PLAIN_SOURCES:
        return _(PLAIN_SOURCES[source])
    first = source.split()[0] if source.strip() else "file"
    return "EXIF" if first == "IFD1" else first
