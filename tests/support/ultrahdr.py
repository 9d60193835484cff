"""libultrahdr as an independent judge of HDR gain maps, through libvips (pyvips-binary
8.18 and later build it in): what it reads of an Ultra HDR JPEG."""

from __future__ import annotations

import pyvips

ULTRA_HDR_LOADER = "uhdrload_buffer"  # libvips' loader when libultrahdr finds a gain map
PLAIN_LOADER = "jpegload_buffer"


def libultrahdr(data: bytes) -> tuple[str, dict[str, object], bytes]:
    """The loader libvips picks for `data`, the gain-map parameters libultrahdr read
    (max/min content boost, gamma, offsets, HDR capacity...) and the gain map's pixels
    (b"" when it found none)."""
    image = pyvips.Image.new_from_buffer(data, "")
    fields = image.get_fields()
    params = {f: image.get(f) for f in fields if f.startswith("gainmap-") and f != "gainmap-data"}
    gain_map = image.get_gainmap() if "gainmap-data" in fields else None
    return image.get("vips-loader"), params, gain_map.write_to_memory() if gain_map else b""
