"""Decoders for the metadata blocks containers carry: EXIF (with maker notes), XMP,
IPTC-IIM and Photoshop image resources. `decode.decode(container)` turns a
`Container`'s raw blocks into the flat `Metadata` view the findings read.

Each decoder is its own module, imported only where it is used: the clean path
needs the EXIF decoder alone.
"""
