"""TIFF/EXIF tag tables as data: ids to exiftool names, and what a cleaned file may keep.

The one table for the formats (which check what a cleaned file keeps) and the
metadata decoders (which name what a file holds).

Names are exiftool's (`exiftool -listx -EXIF:All`), so a tag reads the same here,
in the findings and in the exiftool judge. IFD0, IFD1, ExifIFD, SubIFD and
InteropIFD share one id space (as in exiftool's Exif::Main); the GPS IFD has its
own. Tags missing from the tables are still decoded, named "Exif_0x1234".
"""

from __future__ import annotations

# fmt: off
EXIF_TAGS: dict[int, str] = {
    0x0001: "InteropIndex", 0x0002: "InteropVersion", 0x000B: "ProcessingSoftware",
    0x00FE: "SubfileType", 0x00FF: "OldSubfileType", 0x0100: "ImageWidth", 0x0101: "ImageHeight",
    0x0102: "BitsPerSample", 0x0103: "Compression", 0x0106: "PhotometricInterpretation",
    0x0107: "Thresholding", 0x0108: "CellWidth", 0x0109: "CellLength", 0x010A: "FillOrder",
    0x010D: "DocumentName", 0x010E: "ImageDescription", 0x010F: "Make", 0x0110: "Model",
    0x0111: "StripOffsets", 0x0112: "Orientation", 0x0115: "SamplesPerPixel",
    0x0116: "RowsPerStrip", 0x0117: "StripByteCounts", 0x0118: "MinSampleValue",
    0x0119: "MaxSampleValue", 0x011A: "XResolution", 0x011B: "YResolution",
    0x011C: "PlanarConfiguration", 0x011D: "PageName", 0x011E: "XPosition", 0x011F: "YPosition",
    0x0120: "FreeOffsets", 0x0121: "FreeByteCounts", 0x0122: "GrayResponseUnit",
    0x0123: "GrayResponseCurve", 0x0124: "T4Options", 0x0125: "T6Options",
    0x0128: "ResolutionUnit", 0x0129: "PageNumber", 0x012C: "ColorResponseUnit",
    0x012D: "TransferFunction", 0x0131: "Software", 0x0132: "ModifyDate", 0x013B: "Artist",
    0x013C: "HostComputer", 0x013D: "Predictor", 0x013E: "WhitePoint",
    0x013F: "PrimaryChromaticities", 0x0140: "ColorMap", 0x0141: "HalftoneHints",
    0x0142: "TileWidth", 0x0143: "TileLength", 0x0144: "TileOffsets", 0x0145: "TileByteCounts",
    0x014C: "InkSet", 0x014D: "InkNames", 0x014E: "NumberofInks", 0x0150: "DotRange",
    0x0151: "TargetPrinter", 0x0152: "ExtraSamples", 0x0153: "SampleFormat",
    0x0154: "SMinSampleValue", 0x0155: "SMaxSampleValue", 0x0156: "TransferRange",
    0x0157: "ClipPath", 0x0158: "XClipPathUnits", 0x0159: "YClipPathUnits", 0x015A: "Indexed",
    0x015B: "JPEGTables", 0x015F: "OPIProxy", 0x01B5: "JPEGTables", 0x0200: "JPEGProc",
    0x0201: "ThumbnailOffset", 0x0202: "ThumbnailLength", 0x0203: "JPEGRestartInterval",
    0x0205: "JPEGLosslessPredictors", 0x0206: "JPEGPointTransforms", 0x0207: "JPEGQTables",
    0x0208: "JPEGDCTables", 0x0209: "JPEGACTables", 0x0211: "YCbCrCoefficients",
    0x0212: "YCbCrSubSampling", 0x0213: "YCbCrPositioning", 0x0214: "ReferenceBlackWhite",
    0x022F: "StripRowCounts", 0x02BC: "ApplicationNotes", 0x1000: "RelatedImageFileFormat",
    0x1001: "RelatedImageWidth", 0x1002: "RelatedImageHeight", 0x4746: "Rating",
    0x4747: "XP_DIP_XML", 0x4749: "RatingPercent", 0x800D: "ImageID", 0x827D: "Model2",
    0x828D: "CFARepeatPatternDim", 0x828E: "CFAPattern2", 0x828F: "BatteryLevel",
    0x8298: "Copyright", 0x829A: "ExposureTime", 0x829D: "FNumber", 0x830E: "PixelScale",
    0x83BB: "IPTC-NAA", 0x8482: "ModelTiePoint", 0x85D8: "ModelTransform",
    0x87AF: "GeoTiffDirectory", 0x87B0: "GeoTiffDoubleParams", 0x87B1: "GeoTiffAsciiParams",
    0x8649: "PhotoshopSettings", 0x8773: "ICC_Profile", 0x8822: "ExposureProgram",
    0x8824: "SpectralSensitivity", 0x8827: "ISO",
    0x8828: "Opto-ElectricConvFactor", 0x8829: "Interlace", 0x882A: "TimeZoneOffset",
    0x882B: "SelfTimerMode", 0x8830: "SensitivityType", 0x8831: "StandardOutputSensitivity",
    0x8832: "RecommendedExposureIndex", 0x8833: "ISOSpeed", 0x8834: "ISOSpeedLatitudeyyy",
    0x8835: "ISOSpeedLatitudezzz", 0x9000: "ExifVersion", 0x9003: "DateTimeOriginal",
    0x9004: "CreateDate", 0x9009: "GooglePlusUploadCode", 0x9010: "OffsetTime",
    0x9011: "OffsetTimeOriginal", 0x9012: "OffsetTimeDigitized", 0x9101: "ComponentsConfiguration",
    0x9102: "CompressedBitsPerPixel", 0x9201: "ShutterSpeedValue", 0x9202: "ApertureValue",
    0x9203: "BrightnessValue", 0x9204: "ExposureCompensation", 0x9205: "MaxApertureValue",
    0x9206: "SubjectDistance", 0x9207: "MeteringMode", 0x9208: "LightSource", 0x9209: "Flash",
    0x920A: "FocalLength", 0x920B: "FlashEnergy", 0x920C: "SpatialFrequencyResponse",
    0x920D: "Noise", 0x920E: "FocalPlaneXResolution", 0x920F: "FocalPlaneYResolution",
    0x9210: "FocalPlaneResolutionUnit", 0x9211: "ImageNumber", 0x9212: "SecurityClassification",
    0x9213: "ImageHistory", 0x9214: "SubjectArea", 0x9215: "ExposureIndex",
    0x9216: "TIFF-EPStandardID", 0x9217: "SensingMethod", 0x927C: "MakerNote",
    0x9286: "UserComment", 0x9290: "SubSecTime", 0x9291: "SubSecTimeOriginal",
    0x9292: "SubSecTimeDigitized", 0x932F: "MSDocumentText", 0x935C: "ImageSourceData",
    0x9400: "AmbientTemperature", 0x9401: "Humidity", 0x9402: "Pressure", 0x9403: "WaterDepth",
    0x9404: "Acceleration", 0x9405: "CameraElevationAngle", 0x9999: "XiaomiSettings",
    0x9A00: "XiaomiModel", 0x9C9B: "XPTitle", 0x9C9C: "XPComment",
    0x9C9D: "XPAuthor", 0x9C9E: "XPKeywords", 0x9C9F: "XPSubject", 0xA000: "FlashpixVersion",
    0xA001: "ColorSpace", 0xA002: "ExifImageWidth", 0xA003: "ExifImageHeight",
    0xA004: "RelatedSoundFile", 0xA20B: "FlashEnergy", 0xA20C: "SpatialFrequencyResponse",
    0xA20D: "Noise", 0xA20E: "FocalPlaneXResolution", 0xA20F: "FocalPlaneYResolution",
    0xA210: "FocalPlaneResolutionUnit", 0xA211: "ImageNumber", 0xA212: "SecurityClassification",
    0xA213: "ImageHistory", 0xA214: "SubjectLocation", 0xA215: "ExposureIndex",
    0xA216: "TIFF-EPStandardID", 0xA217: "SensingMethod", 0xA300: "FileSource",
    0xA301: "SceneType", 0xA302: "CFAPattern", 0xA401: "CustomRendered", 0xA402: "ExposureMode",
    0xA403: "WhiteBalance", 0xA404: "DigitalZoomRatio", 0xA405: "FocalLengthIn35mmFormat",
    0xA406: "SceneCaptureType", 0xA407: "GainControl", 0xA408: "Contrast", 0xA409: "Saturation",
    0xA40A: "Sharpness", 0xA40B: "DeviceSettingDescription", 0xA40C: "SubjectDistanceRange",
    0xA420: "ImageUniqueID", 0xA430: "OwnerName", 0xA431: "SerialNumber", 0xA432: "LensInfo",
    0xA433: "LensMake", 0xA434: "LensModel", 0xA435: "LensSerialNumber", 0xA460: "CompositeImage",
    0xA461: "CompositeImageCount", 0xA462: "CompositeImageExposureTimes", 0xA480: "GDALMetadata",
    0xA481: "GDALNoData", 0xA500: "Gamma", 0xC44F: "Annotations", 0xC4A5: "PrintIM",
    0xC573: "OriginalFileName", 0xC612: "DNGVersion", 0xC613: "DNGBackwardVersion",
    0xC614: "UniqueCameraModel", 0xC615: "LocalizedCameraModel", 0xC62F: "CameraSerialNumber",
    0xC630: "DNGLensInfo", 0xC634: "DNGPrivateData", 0xC635: "MakerNoteSafety",
    0xC65D: "RawDataUniqueID", 0xC68B: "OriginalRawFileName", 0xC68C: "OriginalRawFileData",
    0xC6F3: "CameraCalibrationSig", 0xC6F4: "ProfileCalibrationSig", 0xC6F6: "AsShotProfileName",
    0xC6F8: "ProfileName", 0xC6FE: "ProfileCopyright", 0xC716: "PreviewApplicationName",
    0xC717: "PreviewApplicationVersion", 0xC718: "PreviewSettingsName", 0xC71B: "PreviewDateTime",
    0xC763: "TimeCodes", 0xC789: "ReelName", 0xC7A1: "CameraLabel", 0xEA1C: "Padding",
    0xEA1D: "OffsetSchema", 0xFDE8: "OwnerName", 0xFDE9: "SerialNumber", 0xFDEA: "Lens",
}

GPS_TAGS: dict[int, str] = {
    0x0000: "GPSVersionID", 0x0001: "GPSLatitudeRef", 0x0002: "GPSLatitude",
    0x0003: "GPSLongitudeRef", 0x0004: "GPSLongitude", 0x0005: "GPSAltitudeRef",
    0x0006: "GPSAltitude", 0x0007: "GPSTimeStamp", 0x0008: "GPSSatellites", 0x0009: "GPSStatus",
    0x000A: "GPSMeasureMode", 0x000B: "GPSDOP", 0x000C: "GPSSpeedRef", 0x000D: "GPSSpeed",
    0x000E: "GPSTrackRef", 0x000F: "GPSTrack", 0x0010: "GPSImgDirectionRef",
    0x0011: "GPSImgDirection", 0x0012: "GPSMapDatum", 0x0013: "GPSDestLatitudeRef",
    0x0014: "GPSDestLatitude", 0x0015: "GPSDestLongitudeRef", 0x0016: "GPSDestLongitude",
    0x0017: "GPSDestBearingRef", 0x0018: "GPSDestBearing", 0x0019: "GPSDestDistanceRef",
    0x001A: "GPSDestDistance", 0x001B: "GPSProcessingMethod", 0x001C: "GPSAreaInformation",
    0x001D: "GPSDateStamp", 0x001E: "GPSDifferential", 0x001F: "GPSHPositioningError",
}
# fmt: on

# Pointers to other IFDs: followed, never emitted as tags.
EXIF_IFD, GPS_IFD, INTEROP_IFD, SUB_IFDS = 0x8769, 0x8825, 0xA005, 0x014A

MAKER_NOTE = 0x927C
MAKE = 0x010F
ORIENTATION_TAG = 0x0112
THUMBNAIL_OFFSET, THUMBNAIL_LENGTH = 0x0201, 0x0202

# Whole metadata blocks stored as TIFF tags: decoded by their own decoders (or routed
# by the TIFF format module), never emitted as EXIF tags.
XMP_TAG, IPTC_TAG, PHOTOSHOP_TAG, ICC_TAG = 0x02BC, 0x83BB, 0x8649, 0x8773
EMBEDDED_BLOCKS = frozenset({XMP_TAG, IPTC_TAG, PHOTOSHOP_TAG, ICC_TAG})

# UCS-2 little-endian text in BYTE arrays (Windows Explorer's XP* tags).
XP_TAGS = frozenset({0x9C9B, 0x9C9C, 0x9C9D, 0x9C9E, 0x9C9F})

# Text behind an 8-byte character-code prefix ("ASCII\0\0\0", "UNICODE\0"...).
CHARSET_TEXT_TAGS = frozenset({0x9286})  # UserComment
GPS_CHARSET_TEXT_TAGS = frozenset({0x001B, 0x001C})  # GPSProcessingMethod, GPSAreaInformation

# Per-strip and per-tile tables: long in big TIFFs and meaningless to a person, so
# past a few entries they are summarised as "<N values>".
LAYOUT_TABLES = frozenset({0x0111, 0x0117, 0x0144, 0x0145, 0x0120, 0x0121})
LAYOUT_TABLE_SHOWN = 4

# What a cleaned file may keep (ids and exiftool names, both in one set): Orientation,
# the colour profile, and the structure a TIFF image needs to be decoded at all
# (the same list as the exiftool judge's TIFF_STRUCTURE). formats/verify.py checks
# cleaned output against it.
RENDERING_IDS = frozenset((
    ORIENTATION_TAG,
    0x00FE, 0x00FF, 0x0100, 0x0101, 0x0102, 0x0103, 0x0106, 0x0107, 0x0108, 0x0109,
    0x010A, 0x0111, 0x0115, 0x0116, 0x0117, 0x011A, 0x011B, 0x011C, 0x0122, 0x0123,
    0x0124, 0x0125, 0x0128, 0x0129, 0x012D, 0x013D, 0x013E, 0x013F, 0x0140, 0x0142,
    0x0143, 0x0144, 0x0145, 0x014C, 0x0152, 0x0153, 0x015B, 0x0211, 0x0212, 0x0213,
    0x0214,
    ICC_TAG,
))  # fmt: skip
RENDERING_TAGS: frozenset[int | str] = frozenset(
    (*RENDERING_IDS, *(EXIF_TAGS[i] for i in RENDERING_IDS), "NewSubfileType")
)
