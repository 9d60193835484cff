"""exiftool as the independent judge that a cleaned file reveals nothing.

The judge is an allowlist: every tag exiftool reports (`exiftool -a -G1 -s`) must
be one that rendering needs or that describes the file itself. Anything else,
in any group, is identifying and fails the test.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

EXIFTOOL = shutil.which("exiftool")

# Groups that only describe the file or the tool, or are the kept ICC profile.
SAFE_GROUP_PREFIXES = ("ExifTool", "System", "File", "ICC")
# exiftool files JPEG and GIF comments, and an IPTC digest, under the File group.
UNSAFE_IN_SAFE_GROUPS = {"Comment", "CurrentIPTCDigest"}

# Tags allowed per group (exiftool -G1 family-1 group names).
TIFF_STRUCTURE = {
    "SubfileType", "OldSubfileType", "ImageWidth", "ImageHeight", "BitsPerSample",
    "Compression", "PhotometricInterpretation", "Thresholding", "FillOrder",
    "StripOffsets", "Orientation", "SamplesPerPixel", "RowsPerStrip", "StripByteCounts",
    "XResolution", "YResolution", "PlanarConfiguration", "ResolutionUnit",
    "TransferFunction", "Predictor", "WhitePoint", "PrimaryChromaticities", "ColorMap",
    "TileWidth", "TileLength", "TileOffsets", "TileByteCounts", "ExtraSamples",
    "SampleFormat", "JPEGTables", "YCbCrCoefficients", "YCbCrSubSampling",
    "YCbCrPositioning", "ReferenceBlackWhite", "PageNumber", "InkSet", "T4Options",
    "T6Options", "CellWidth", "CellLength", "GrayResponseUnit", "GrayResponseCurve",
}  # fmt: skip
ALLOWED: dict[str, set[str]] = {
    "Composite": {"ImageSize", "Megapixels"},
    "JFIF": {"JFIFVersion", "ResolutionUnit", "XResolution", "YResolution"},
    "Adobe": {"DCTEncodeVersion", "APP14Flags0", "APP14Flags1", "ColorTransform"},
    "PNG": {
        "ImageWidth", "ImageHeight", "BitDepth", "ColorType", "Compression", "Filter",
        "Interlace", "ProfileName", "Palette", "Transparency", "Gamma", "WhitePointX",
        "WhitePointY", "RedX", "RedY", "GreenX", "GreenY", "BlueX", "BlueY",
        "SRGBRendering", "SignificantBits", "BackgroundColor", "AnimationFrames",
        "AnimationPlays", "ColorPrimaries", "TransferCharacteristics",
        "MatrixCoefficients", "VideoFullRangeFlag",
    },
    "PNG-pHYs": {"PixelsPerUnitX", "PixelsPerUnitY", "PixelUnits"},
    "GIF": {
        "GIFVersion", "ImageWidth", "ImageHeight", "HasColorMap", "ColorResolutionDepth",
        "BitsPerPixel", "BackgroundColor", "PixelAspectRatio", "AnimationIterations",
        "Duration", "FrameCount", "TransparentColor",
    },
    "RIFF": {
        "WebP_Flags", "ImageWidth", "ImageHeight", "VP8Version", "HorizontalScale",
        "VerticalScale", "AlphaPreprocessing", "AlphaFiltering", "AlphaCompression",
        "BackgroundColor", "AnimationLoopCount", "Duration", "FrameCount",
    },
    "QuickTime": {
        "MajorBrand", "MinorVersion", "CompatibleBrands", "HandlerType",
        "ImageSpatialExtent", "ImagePixelDepth", "AV1ConfigurationVersion",
        "SeqProfile", "SeqLevelIdx0", "SeqTier0", "HighBitDepth", "TwelveBit",
        "ChromaFormat", "ChromaSubsamplingX", "ChromaSubsamplingY",
        "ChromaSamplePosition", "InitialDelaySamples", "Monochrome",
        "ColorProfiles", "ColorPrimaries", "TransferCharacteristics",
        "MatrixCoefficients", "VideoFullRangeFlag", "MediaDataSize", "MediaDataOffset",
        "HEVCConfigurationVersion", "GeneralProfileSpace", "GeneralTierFlag",
        "GeneralProfileIDC", "GenProfileCompatibilityFlags", "ConstraintIndicatorFlags",
        "GeneralLevelIDC", "MinSpatialSegmentationIDC", "ParallelismType",
        "BitDepthLuma", "BitDepthChroma", "AverageFrameRate", "ConstantFrameRate",
        "NumTemporalLayers", "TemporalIDNested", "CleanAperture", "Rotation",
        "ImageMirror", "AuxiliaryImageType", "PixelAspectRatio", "ContentLightLevel",
        "MasteringDisplayColorVolume",
        # The mdat payload itself, and what exiftool 12.57 has no name for: the imir
        # (mirror) property, nclx's full-range flag, hvcC's VPS/SPS/PPS arrays.
        "MediaData", "QuickTime_ColorRep_0x000a", "Unknown_imir",
        *(f"QuickTime_HEVCConfig_0x{i:04x}" for i in range(0x16, 0x400)),
    },
    # Unknown_grpl: entity groups (item ids only), an ISO 21496-1 gain map's 'altr'.
    "Meta": {"PrimaryItemReference", "MetaImageSize", "Unknown_grpl"},
    "IFD0": TIFF_STRUCTURE,
}  # fmt: skip
# Later pages of a multi-page TIFF are IFD1, IFD2...: the same structure is allowed.
PAGE_GROUP_PREFIX = "IFD"


def read_tags(data: bytes, suffix: str) -> list[tuple[str, str, object]]:
    """Every tag exiftool reports for `data` as (group, name, value)."""
    assert EXIFTOOL, "exiftool is required (Debian: libimage-exiftool-perl)"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"judged{suffix}"
        path.write_bytes(data)
        out = subprocess.run(
            [EXIFTOOL, "-j", "-a", "-G1", "-s", "-u", "-U", str(path)],
            check=True,
            capture_output=True,
        ).stdout
    (record,) = json.loads(out)
    tags = []
    for key, value in record.items():
        if key == "SourceFile":
            continue
        group, _, name = key.partition(":")
        tags.append((group, name, value))
    return tags


def _allowed(group: str, name: str, is_tiff: bool) -> bool:
    if name in UNSAFE_IN_SAFE_GROUPS:
        return False
    if group.startswith(SAFE_GROUP_PREFIXES):
        return True
    if group in ALLOWED:
        return name in ALLOWED[group]
    if is_tiff and group.startswith(PAGE_GROUP_PREFIX) and group[3:].isdigit():
        return name in TIFF_STRUCTURE
    return False


def identifying_tags(data: bytes, suffix: str) -> list[str]:
    """The tags exiftool still finds that are not rendering or file structure."""
    is_tiff = suffix.lower() in (".tif", ".tiff")
    return [
        f"[{group}] {name} = {value!r}"
        for group, name, value in read_tags(data, suffix)
        if not _allowed(group, name, is_tiff)
    ]


# What a kept HDR gain map shows exiftool: its parameters and the MPF index that finds it.
GAIN_MAP_GROUPS = ("XMP-hdrgm", "XMP-Container", "XMP-HDRGainMap", "XMP-apdi", "MPF0", "MPImage")
GAIN_MAP_NAMES = ("AuxiliaryImageType",)  # Apple's map type, in a HEIC's QuickTime group


def beyond_gain_maps(data: bytes, suffix: str) -> list[str]:
    """`identifying_tags` less what a kept gain map shows (GAIN_MAP_GROUPS), and nothing
    else of it."""
    return [
        tag
        for tag in identifying_tags(data, suffix)
        if not tag.startswith(_GAIN_MAP_PREFIXES) and not any(n in tag for n in GAIN_MAP_NAMES)
    ]


_GAIN_MAP_PREFIXES = tuple(f"[{group}" for group in GAIN_MAP_GROUPS)


def mp_image(data: bytes, number: int = 2) -> bytes:
    """The JPEG's MPF image `number` as exiftool extracts it (-b -MPImage2), b"" if none."""
    assert EXIFTOOL, "exiftool is required (Debian: libimage-exiftool-perl)"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "judged.jpg"
        path.write_bytes(data)
        run = subprocess.run([EXIFTOOL, "-b", f"-MPImage{number}", str(path)],
                             capture_output=True, check=True)  # fmt: skip
    return run.stdout


def assert_clean(data: bytes, suffix: str) -> None:
    """Fail with the offending tags if exiftool finds anything identifying."""
    leftovers = identifying_tags(data, suffix)
    assert not leftovers, "exiftool still finds:\n" + "\n".join(leftovers)


def write_tags(data: bytes, suffix: str, *args: str) -> bytes:
    """`data` with tags written by exiftool (e.g. "-Artist=Alice", "-GPSLatitude=48.8")."""
    assert EXIFTOOL, "exiftool is required (Debian: libimage-exiftool-perl)"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"fixture{suffix}"
        path.write_bytes(data)
        subprocess.run(
            [EXIFTOOL, "-q", "-m", "-overwrite_original", *args, str(path)],
            check=True,
            capture_output=True,
        )
        return path.read_bytes()
