"""Which tags reveal what: the data the finding rules read.

Groups and names follow exiftool (-G1 groups, tag names). XMP struct fields are
the capitalised local names along the path ("HistorySoftwareAgent"); where
exiftool's own flattened name differs ("CreatorWorkEmail" for
CreatorContactInfo/CiEmailWork) both are listed. Free-text entries appear with
their source as group ("PNG tEXt", "JPEG COM") and their key as name; ImageMagick
copies EXIF into PNG text as "exif:<Name>" keys, so those are listed too.
"""

from __future__ import annotations

from typing import NamedTuple

from ..i18n import N_
from ..metadata.makernotes import Reveals, revealing
from .rule import TagTable, table

PNG_TEXT = "PNG*"  # PNG tEXt, iTXt and zTXt alike
# Video atoms (formats/video/atoms.py): QuickTime 'udta' text atoms, Apple 'mdta' keys,
# 'ilst' items, and the movie and track headers' times.
USER_DATA, KEYS, ITEM_LIST = "UserData", "Keys", "ItemList"
# Matroska and WebM (formats/matroska/read.py): Segment Info, Tags, track and chapter names.
MATROSKA = "Matroska"
IPTC_EXT = "XMP-iptcExt"
CONTACT_INFO = "XMP-iptcCore"


def _maker(what: Reveals) -> tuple[tuple[str, str], ...]:
    """The maker-note and vendor-block tags that reveal `what`, from the makers' tables
    (metadata.makernotes)."""
    return tuple(revealing(what))


# ---- location ----------------------------------------------------------------

# (latitude name, longitude name): a position when both sit in one group. The
# hemisphere, when separate, is the latitude/longitude name + "Ref".
COORDINATE_PAIRS: tuple[tuple[str, str], ...] = (
    ("GPSLatitude", "GPSLongitude"),
    ("LocationShownGPSLatitude", "LocationShownGPSLongitude"),
    ("LocationCreatedGPSLatitude", "LocationCreatedGPSLongitude"),
    ("exif:GPSLatitude", "exif:GPSLongitude"),
)
PRECISION_NAMES = ("GPSHPositioningError", "exif:GPSHPositioningError")
# Positions video atoms carry as text entries (read by gps.py, by the names above).
POSITION_TEXT = table(*(
    (group, name) for group in (KEYS, USER_DATA, MATROSKA)
    for name in ("GPSLatitude", "GPSLongitude", "GPSHPositioningError")
))  # fmt: skip

# Named places, finest first: the order builds "street, city, region, country".
PLACE_LEVELS: tuple[tuple[str, TagTable], ...] = (
    ("address", table(
        ("IPTC", "Sub-location"), ("XMP-iptcCore", "Location"),
        (IPTC_EXT, "LocationShownSublocation"), (IPTC_EXT, "LocationCreatedSublocation"),
        (CONTACT_INFO, "CreatorContactInfoCiAdrExtadr"), (CONTACT_INFO, "CreatorAddress"),
        (CONTACT_INFO, "CreatorContactInfoCiAdrPcode"), (CONTACT_INFO, "CreatorPostalCode"),
        (USER_DATA, "LocationName"), (MATROSKA, "LocationName"),
    )),
    ("city", table(
        ("IPTC", "City"), ("XMP-photoshop", "City"),
        (IPTC_EXT, "LocationShownCity"), (IPTC_EXT, "LocationCreatedCity"),
        (CONTACT_INFO, "CreatorContactInfoCiAdrCity"), (CONTACT_INFO, "CreatorCity"),
    )),
    ("region", table(
        ("IPTC", "Province-State"), ("XMP-photoshop", "State"),
        (IPTC_EXT, "LocationShownProvinceState"), (IPTC_EXT, "LocationCreatedProvinceState"),
        (CONTACT_INFO, "CreatorContactInfoCiAdrRegion"), (CONTACT_INFO, "CreatorRegion"),
        ("OPPO", "TravelName"), ("OnePlus", "TravelName"),  # a trip's destination
    )),
    ("country", table(
        ("IPTC", "Country-PrimaryLocationName"), ("XMP-photoshop", "Country"),
        (IPTC_EXT, "LocationShownCountryName"), (IPTC_EXT, "LocationCreatedCountryName"),
        (CONTACT_INFO, "CreatorContactInfoCiAdrCtry"), (CONTACT_INFO, "CreatorCountry"),
    )),
)  # fmt: skip
# A place named down to these levels pins the person down: HIGH; coarser: MEDIUM.
PRECISE_PLACE_LEVELS = frozenset({"address", "city"})
# Shown as evidence with a location, never used to build the place name.
LOCATION_EVIDENCE = table(
    ("IPTC", "Country-PrimaryLocationCode"), ("XMP-iptcCore", "CountryCode"),
    (IPTC_EXT, "LocationShownCountryCode"), (IPTC_EXT, "LocationCreatedCountryCode"),
    (IPTC_EXT, "LocationShownWorldRegion"), (IPTC_EXT, "LocationCreatedWorldRegion"),
    (KEYS, "GPSAltitude"), (USER_DATA, "GPSAltitude"), (MATROSKA, "GPSAltitude"),
)  # fmt: skip

# The mobile country code of the network a Samsung phone was on (findings/network.py).
NETWORK_CODES = table(("Samsung", "MCCData"))
# A route recorded in a video's telemetry track (formats/video/telemetry.py): the
# number of positions, and the first and last as "latitude, longitude".
ROUTE_POINTS = table(("Track*", "RoutePoints"))
ROUTE_ENDS = table(("Track*", "RouteStart"), ("Track*", "RouteEnd"))
# A video's other metadata tracks: what each declares it holds (findings/tracks.py).
METADATA_TRACKS = table(("Track*", "MetadataTrack"))
METADATA_KEYS = table(("Track*", "MetadataKeys"))
# ---- device ------------------------------------------------------------------

# Numbers unique to one camera body or lens: they link every photo it takes.
SERIAL_NUMBERS = table(
    ("*", "SerialNumber"), ("*", "BodySerialNumber"), ("*", "CameraSerialNumber"),
    ("*", "LensSerialNumber"), ("*", "InternalSerialNumber"), ("*", "exif:SerialNumber"),
    ("*", "exif:BodySerialNumber"), ("*", "exif:LensSerialNumber"), *_maker("serial"),
)  # fmt: skip
# Names given to one camera (a trail camera's label, often where it stands).
DEVICE_LABELS = table(*_maker("label"))
# Identifiers unique to one shot or burst (Apple Live Photo pairs, Google bursts).
CAPTURE_IDS = table(
    ("*", "ImageUniqueID"), ("*", "exif:ImageUniqueID"),
    ("MakerNotes*", "ContentIdentifier"), ("MakerNotes*", "MediaGroupUUID"),
    ("MakerNotes*", "ImageCaptureRequestID"), ("MakerNotes*", "PhotoIdentifier"),
    ("MakerNotes*", "BurstUUID"), ("XMP-*", "ContentIdentifier"), (KEYS, "ContentIdentifier"),
    ("XMP-GCamera", "BurstID"), ("XMP-GCamera", "CameraBurstID"), *_maker("capture_id"),
    (MATROSKA, "SegmentUUID"), (MATROSKA, "PrevUUID"), (MATROSKA, "NextUUID"),
)  # fmt: skip
# Apple's Live Photo pairing: the same identifier in the photo (maker note 0x0011,
# MediaGroupUUID to exiftool, once ContentIdentifier) and in its video's Keys.
LIVE_PHOTO_IDS = table(
    ("MakerNotes*", "ContentIdentifier"), ("MakerNotes-Apple", "MediaGroupUUID"),
    ("XMP-*", "ContentIdentifier"), (KEYS, "ContentIdentifier"),
)  # fmt: skip
# What names the device; the role says how the sentence uses it.
DEVICE_ROLES: tuple[tuple[str, TagTable], ...] = (
    ("make", table(("IFD0", "Make"), ("XMP-tiff", "Make"), ("*", "exif:Make"),
                   (KEYS, "Make"), (USER_DATA, "Make"), (MATROSKA, "Make"))),
    ("model", table(("IFD0", "Model"), ("XMP-tiff", "Model"), ("*", "exif:Model"),
                    ("ExifIFD", "XiaomiModel"), ("OnePlus", "Device"), ("OPPO", "Device"),
                    (PNG_TEXT, "Source"), (KEYS, "Model"), (USER_DATA, "Model"),
                    (MATROSKA, "Model"), *_maker("model"))),
    ("lens", table(("ExifIFD", "LensModel"), ("XMP-exifEX", "LensModel"), ("XMP-aux", "Lens"),
                   ("ExifIFD", "LensMake"), ("XMP-exifEX", "LensMake"), ("*", "exif:LensModel"))),
    ("host", table(("IFD0", "HostComputer"), ("XMP-tiff", "HostComputer"))),
)  # fmt: skip
# Trailing words of a maker's legal name, dropped before "Make Model".
MAKER_SUFFIXES = (
    "corporation", "corp.", "corp", "company", "co.", "co", "co.,ltd.", "co.,ltd", "ltd.",
    "ltd", "inc.", "inc", "imaging", "camera", "optical", "electric", "digital",
)  # fmt: skip

# ---- people ------------------------------------------------------------------

PERSON_NAMES = table(
    ("IFD0", "Artist"), ("IFD0", "Copyright"), ("IFD0", "XPAuthor"),
    ("ExifIFD", "OwnerName"), ("ExifIFD", "CameraOwnerName"), *_maker("owner"),
    ("XMP-aux", "OwnerName"), ("XMP-exifEX", "CameraOwnerName"),
    ("XMP-tiff", "Artist"), ("XMP-tiff", "Copyright"),
    ("XMP-dc", "Creator"), ("XMP-dc", "Rights"), ("XMP-dc", "Contributor"),
    ("XMP-xmpRights", "Owner"), ("XMP-xmp", "Author"),
    ("XMP-photoshop", "CaptionWriter"), ("XMP-photoshop", "Credit"),
    ("XMP-plus", "ImageCreatorName"), ("XMP-plus", "CopyrightOwnerName"),
    ("XMP-plus", "LicensorName"),
    (KEYS, "Author"), (KEYS, "Artist"), (KEYS, "Copyright"), (USER_DATA, "Author"),
    (USER_DATA, "Artist"), (USER_DATA, "Copyright"), (USER_DATA, "Director"),
    (USER_DATA, "Producer"), (USER_DATA, "Performer"), (ITEM_LIST, "Artist"),
    (ITEM_LIST, "Author"), (ITEM_LIST, "Copyright"), (MATROSKA, "Artist"),
    (MATROSKA, "Author"), (MATROSKA, "Composer"), (MATROSKA, "Director"),
    (MATROSKA, "Producer"), (MATROSKA, "Performer"), (MATROSKA, "Copyright"),
    (MATROSKA, "Publisher"),
    ("IPTC", "By-line"), ("IPTC", "CopyrightNotice"), ("IPTC", "Writer-Editor"),
    ("IPTC", "Credit"),
    (PNG_TEXT, "Author"), (PNG_TEXT, "Copyright"),
    ("*", "exif:Artist"), ("*", "exif:Copyright"),
)  # fmt: skip
# The name the owner typed into the camera: said as the camera's owner.
OWNER_NAMES = table(
    ("ExifIFD", "OwnerName"), ("ExifIFD", "CameraOwnerName"), *_maker("owner"),
    ("XMP-aux", "OwnerName"), ("XMP-exifEX", "CameraOwnerName"),
)  # fmt: skip
# People tagged in the picture itself: face regions and "person shown".
PEOPLE_SHOWN = table(
    ("XMP-mwg-rs", "RegionsRegionListName"), ("XMP-mwg-rs", "RegionName"),
    ("XMP-MP", "RegionInfoRegionsPersonDisplayName"), ("XMP-MP", "RegionPersonDisplayName"),
    (IPTC_EXT, "PersonInImage"), (IPTC_EXT, "PersonInImageWDetailsPersonName"),
)  # fmt: skip
# Values that stand where a name would be but name nobody.
PLACEHOLDER_NAMES = frozenset({
    "unknown", "none", "n/a", "-", "author", "artist", "owner", "photographer",
    "copyright", "user", "default", "public domain", "all rights reserved", "credit",
    "by-line", "byline", "creator", "name",
})  # fmt: skip
# Credit lines that name the tool that generated a picture, not a person ("Made with
# Google AI", which Google writes as the IPTC and XMP Credit); group 1 is the tool.
AI_CREDIT_LINES = (r"(?i)^(?:made|created|generated|edited)\s+(?:with|by|using)\s+(.*\bAI\b.*)$",)
# Tags that say how the picture came to be, as an IPTC digital source type URL.
DIGITAL_SOURCE_TYPES = table(("XMP-iptcExt", "DigitalSourceType"), ("IPTC", "DigitalSourceType"))
# Account names that appear in paths but belong to no one in particular.
GENERIC_ACCOUNTS = frozenset({
    "public", "default", "default user", "all users", "shared", "guest", "administrator",
})  # fmt: skip

# ---- contact details ---------------------------------------------------------

# Structured contact fields, by what they reveal (the phrase the sentence uses).
CONTACT_FIELDS: tuple[tuple[str, TagTable], ...] = (
    (N_("an email address"), table(
        (CONTACT_INFO, "CreatorContactInfoCiEmailWork"), (CONTACT_INFO, "CreatorWorkEmail"),
    )),
    (N_("a phone number"), table(
        (CONTACT_INFO, "CreatorContactInfoCiTelWork"), (CONTACT_INFO, "CreatorWorkTelephone"),
    )),
    (N_("a postal address"), table(
        (CONTACT_INFO, "CreatorContactInfoCiAdrExtadr"), (CONTACT_INFO, "CreatorAddress"),
        (CONTACT_INFO, "CreatorContactInfoCiAdrCity"), (CONTACT_INFO, "CreatorCity"),
        (CONTACT_INFO, "CreatorContactInfoCiAdrPcode"), (CONTACT_INFO, "CreatorPostalCode"),
        (CONTACT_INFO, "CreatorContactInfoCiAdrRegion"), (CONTACT_INFO, "CreatorRegion"),
        (CONTACT_INFO, "CreatorContactInfoCiAdrCtry"), (CONTACT_INFO, "CreatorCountry"),
    )),
    (N_("a website"), table(
        (CONTACT_INFO, "CreatorContactInfoCiUrlWork"), (CONTACT_INFO, "CreatorWorkURL"),
    )),
)  # fmt: skip
# Free-form contact fields: what they hold is told by the email/phone patterns.
CONTACT_TEXT = table(
    ("IPTC", "Contact"),
)

# ---- time --------------------------------------------------------------------


class TimeSource(NamedTuple):
    """Where a time is written: the date tag, and the time and offset tags that go with it."""

    verb: str  # what the time says about the photo: "taken", "created", "last saved"
    date: TagTable  # a date, or a date and time
    time: TagTable | None = None  # the time of day when the date tag holds only a date
    offset: TagTable | None = None  # the UTC offset when kept apart from the time
    utc: bool = False  # GPS clocks run on UTC


# Most telling first: the first source with a usable time writes the sentence.
TIME_SOURCES: tuple[TimeSource, ...] = (
    TimeSource("taken", table(("ExifIFD", "DateTimeOriginal")),
               offset=table(("ExifIFD", "OffsetTimeOriginal"))),
    TimeSource("taken", table(("XMP-exif", "DateTimeOriginal"), ("XMP-photoshop", "DateCreated"))),
    TimeSource("taken", table(("ExifIFD", "CreateDate")),
               offset=table(("ExifIFD", "OffsetTimeDigitized"))),
    TimeSource("taken", table(("XMP-exif", "DateTimeDigitized"), ("XMP-xmp", "CreateDate"))),
    TimeSource("taken", table(("IPTC", "DateCreated")), time=table(("IPTC", "TimeCreated"))),
    TimeSource("taken", table(("IPTC", "DigitalCreationDate")),
               time=table(("IPTC", "DigitalCreationTime"))),
    TimeSource("taken", table(("GPS", "GPSDateStamp")), time=table(("GPS", "GPSTimeStamp")),
               utc=True),
    TimeSource("taken", table(("XMP-exif", "GPSTimeStamp")), utc=True),  # a full date-time
    TimeSource("taken", table(("Samsung", "TimeStamp")), utc=True),  # Samsung's SEF trailer
    # The camera's own record, in its maker note (Pentax, Ricoh, trail cameras)
    TimeSource("taken", table(*_maker("date")), time=table(*_maker("time"))),
    TimeSource("taken", table(("*", "exif:DateTimeOriginal")),
               offset=table(("*", "exif:OffsetTimeOriginal"))),
    TimeSource("filmed", table((KEYS, "CreationDate"), (USER_DATA, "ContentCreateDate"),
                               (ITEM_LIST, "ContentCreateDate"), (MATROSKA, "DateRecorded"))),
    TimeSource("filmed", table((MATROSKA, "DateTimeOriginal")), utc=True),
    TimeSource("filmed", table(("QuickTime", "CreateDate"), ("Track*", "TrackCreateDate"),
                               ("Track*", "MediaCreateDate")), utc=True),
    TimeSource("created", table((PNG_TEXT, "Creation Time"), ("*", "date:create"))),
    TimeSource("last saved", table(("IFD0", "ModifyDate")),
               offset=table(("ExifIFD", "OffsetTime"))),
    TimeSource("last saved", table(("XMP-xmp", "ModifyDate"), ("PNG tIME", "*"),
                                   ("*", "date:modify"))),
    TimeSource("last saved", table(("QuickTime", "ModifyDate"), ("Track*", "TrackModifyDate"),
                                   ("Track*", "MediaModifyDate")), utc=True),
)  # fmt: skip
# Shown as evidence with a time, never used for the sentence.
TIME_EVIDENCE = table(
    ("ExifIFD", "SubSecTimeOriginal"), ("ExifIFD", "SubSecTimeDigitized"),
    ("ExifIFD", "SubSecTime"), ("XMP-xmp", "MetadataDate"),
)  # fmt: skip

# ---- hidden pictures ---------------------------------------------------------

# Tags that say a thumbnail or preview is there (when not empty), for containers
# that do not hand the picture itself over.
THUMBNAIL_TAGS = table(
    ("IFD1", "ThumbnailImage"), ("IFD1", "ThumbnailLength"), ("IFD1", "PreviewImage"),
    ("Photoshop", "PhotoshopThumbnail"), ("Photoshop", "ThumbnailImage"),
)  # fmt: skip
# XMP that announces pictures beside the main one (Google's camera formats).
# Directory items name what they hold in their Semantic field (see SEMANTICS);
# the other tags announce a picture by being there.
# Dynamic Depth (XMP-Device) nests the same directory one level deeper.
_DIRECTORY_ITEMS = (("XMP-*", "DirectoryItemSemantic"), ("XMP-*", "ContainerDirectoryItemSemantic"))
HIDDEN_IMAGE_DECLARATIONS: tuple[tuple[str, TagTable], ...] = (
    ("extra_image", table(("XMP-GImage", "Data"))),
    ("depth_map", table(*_DIRECTORY_ITEMS, ("XMP-GDepth", "Data"),
                        ("XMP-Device", "CamerasCameraDepthMapItemSemantic"),
                        ("XMP-Device", "CameraDepthMapItemSemantic"))),
    ("gain_map", table(*_DIRECTORY_ITEMS, ("XMP-hdrgm", "Version"))),
)  # fmt: skip
SEMANTICS = {"depth": "depth_map", "gainmap": "gain_map"}  # casefolded item semantic -> kind
# The directory item that is a video: a motion photo (see appended.py).
MOTION_PHOTO_SEMANTIC = "motionphoto"
MOTION_PHOTO_FLAGS = table(
    ("XMP-GCamera", "MicroVideo"), ("XMP-GCamera", "MotionPhoto"), *_DIRECTORY_ITEMS,
)  # fmt: skip

# ---- editing -----------------------------------------------------------------

SOFTWARE = table(
    ("IFD0", "Software"), ("IFD0", "ProcessingSoftware"), ("XMP-tiff", "Software"),
    ("XMP-xmp", "CreatorTool"), ("XMP-xmpMM", "HistorySoftwareAgent"),
    ("IPTC", "OriginatingProgram"), (PNG_TEXT, "Software"), ("*", "exif:Software"),
    (KEYS, "Software"), (KEYS, "AndroidVersion"), (KEYS, "Encoder"), (USER_DATA, "Software"),
    (USER_DATA, "Encoder"), (USER_DATA, "EncodedBy"), (ITEM_LIST, "Encoder"),
    (ITEM_LIST, "EncodedBy"), (MATROSKA, "MuxingApp"), (MATROSKA, "WritingApp"),
    (MATROSKA, "Encoder"), (MATROSKA, "EncodedBy"), (MATROSKA, "CodecName"),
)  # fmt: skip
# Software tags that hold a bare version number of a system: the name said before it.
SYSTEM_VERSIONS = {"AndroidVersion": "Android"}
HISTORY = table(
    ("XMP-xmpMM", "HistoryAction"), ("XMP-xmpMM", "HistoryWhen"),
    ("XMP-xmpMM", "HistoryChanged"), ("XMP-xmpMM", "HistoryParameters"),
    ("XMP-xmpMM", "HistoryInstanceID"), ("XMP-xmpMM", "HistorySoftwareAgent"),
)  # fmt: skip
DOCUMENT_IDS = table(
    ("XMP-xmpMM", "DocumentID"), ("XMP-xmpMM", "InstanceID"),
    ("XMP-xmpMM", "OriginalDocumentID"), ("XMP-xmpMM", "DerivedFromDocumentID"),
    ("XMP-xmpMM", "DerivedFromInstanceID"), ("XMP-xmpMM", "DerivedFromOriginalDocumentID"),
    ("XMP-xmpMM", "IngredientsDocumentID"), ("XMP-xmpMM", "IngredientsInstanceID"),
    ("XMP-photoshop", "DocumentAncestors"),
)  # fmt: skip
# Raw-development and editor settings: they show editing without naming a tool.
EDIT_SETTINGS = table(("XMP-crs", "*"), ("XMP-lr", "*"), ("IPTC", "ProgramVersion"))
# Non-rendering blocks (Metadata.extra) that record how a picture was made.
PROVENANCE_BLOCKS = ("c2pa", "jumbf")
# Who signs Content Credentials as a company, not a person: words of a signing
# certificate's common name or organisation (compared casefolded).
SIGNING_COMPANIES = (
    "adobe", "google", "microsoft", "openai", "truepic", "samsung", "sony", "nikon",
    "canon", "leica", "fujifilm", "qualcomm", "meta platforms", "tiktok", "linkedin",
    "shutterstock", "getty", "bing", "midjourney", "stability ai", "amazon", "apple",
    "content authenticity", "c2pa", "inc", "llc", "ltd", "gmbh",
    "corporation", "corp", "plc",
)  # fmt: skip
# What cameras and phones write as Software: a bare firmware version ("8.3", "Ver.1.00").
FIRMWARE_VERSION = r"(?i)^(?:v|ver\.?|version|android)?\s*[\d][\w.+-]*$"
# Comments editors write about themselves; group 1 is the tool's name.
EDITOR_COMMENTS = (
    r"(?i)^(?:created|made|edited|saved|generated|compressed|optimi[sz]ed|processed|resized)"
    r" (?:with|by|in|using) (.+)$",
    r"(?i)^creator: (.+?)(?:, quality = \d+)?$",
    r"(?i)^file written by (.+)$",
)

# ---- comments ----------------------------------------------------------------

# Free text, by the noun the sentence uses; the first noun found leads the sentence.
COMMENT_FIELDS: tuple[tuple[str, TagTable], ...] = (
    (N_("a title"), table(
        ("XMP-dc", "Title"), ("IFD0", "XPTitle"), ("IPTC", "ObjectName"), ("IPTC", "Headline"),
        ("XMP-photoshop", "Headline"), (PNG_TEXT, "Title"), (KEYS, "Title"),
        (USER_DATA, "Title"), (ITEM_LIST, "Title"), (MATROSKA, "Title"),
        (MATROSKA, "TrackName"), (MATROSKA, "ChapterName"), (MATROSKA, "SegmentFilename"),
        (MATROSKA, "PrevFilename"), (MATROSKA, "NextFilename"),
    )),
    (N_("a description"), table(
        ("IFD0", "ImageDescription"), ("XMP-tiff", "ImageDescription"), ("XMP-dc", "Description"),
        ("IPTC", "Caption-Abstract"), (PNG_TEXT, "Description"), ("*", "exif:ImageDescription"),
        (KEYS, "Description"), (USER_DATA, "Description"), (USER_DATA, "LongDescription"),
        (ITEM_LIST, "Description"), (MATROSKA, "Description"),
        (MATROSKA, "AttachmentDescription"),
    )),
    (N_("a comment"), table(
        ("ExifIFD", "UserComment"), ("XMP-exif", "UserComment"), ("IFD0", "XPComment"),
        ("JPEG COM", "*"), ("GIF comment", "*"), ("File", "Comment"), (PNG_TEXT, "Comment"),
        ("*", "exif:UserComment"), (KEYS, "Comment"), (USER_DATA, "Comment"),
        (USER_DATA, "Information"), (ITEM_LIST, "Comment"), (MATROSKA, "Comment"),
    )),
    (N_("a subject"), table(("IFD0", "XPSubject"),)),
    (N_("keywords"), table(
        ("IFD0", "XPKeywords"), ("XMP-dc", "Subject"), ("IPTC", "Keywords"),
        ("XMP-lr", "HierarchicalSubject"), ("XMP-MicrosoftPhoto", "LastKeywordXMP"),
        (KEYS, "Keywords"), (USER_DATA, "Keywords"), (MATROSKA, "Keywords"),
    )),
    (N_("a note"), table(
        ("IPTC", "SpecialInstructions"), ("XMP-photoshop", "Instructions"),
        (PNG_TEXT, "Disclaimer"), (PNG_TEXT, "Warning"),
    )),
)  # fmt: skip
# What cameras and tools write when nobody wrote anything (compared casefolded).
MEANINGLESS_COMMENTS = frozenset({
    "default", "olympus digital camera", "sony dsc", "lead technologies inc. v1.01",
    "applemark", "exif_jpeg_picture", "digital camera", "screenshot", "picasa",
    "image", "photo", "picture", "untitled", "jpeg", "ascii", "unicode", "charset=ascii",
    "camera", "description", "title", "comment", "user comment", "no comment",
})  # fmt: skip
MEANINGLESS_COMMENT_PATTERNS = (
    r"(?i)^.* digital (?:still )?camera$",
    # OPPO and OnePlus cameras' feature bits in UserComment ("oplus_8388608": a motion photo).
    r"^oplus_\d+$",
)
# Free-text keys that hold encoded blocks (decoded elsewhere) or machine copies of
# tags (ImageMagick's "exif:*", "date:*"), not words a person wrote.
MACHINE_TEXT_KEYS = ("XML:com.adobe.xmp", "Raw profile type", "icc", "ICC", "exif:", "date:")
