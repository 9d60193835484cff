"""Bounds-checked readers for the structures containers share.

- `byteorder`: TIFF's "II"/"MM" byte-order marks;
- `ifd`: the one TIFF-IFD walker (TIFF files, EXIF blobs, maker notes, orientation,
  the MPF index), strict or tolerant by the caller's choice; `fields`: TIFF field
  types and how a value's bytes read;
- `tags`: the TIFF/EXIF tag ids as data, and what a cleaned file may keep;
- `boxes`: the one ISOBMFF box reader and writer (HEIF, AVIF; later MP4/MOV);
- `inflate`: zlib decompression with a hard cap (compression bombs).

Nothing here knows a container family or a person: these modules import only
`thinktwice.errors`.
"""
