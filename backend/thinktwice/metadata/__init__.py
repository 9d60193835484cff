"""Decoders for the metadata blocks containers carry: EXIF (with maker notes), XMP,
IPTC-IIM and Photoshop image resources. `decode.decode(container)` turns a
`Container`'s raw blocks into the flat `Metadata` view the findings read.

TIFF-structured blocks (EXIF, maker notes) are read through the one IFD walker of
`thinktwice.structure.ifd`, tolerant; tag ids and names come from
`thinktwice.structure.tags`. Each decoder is its own module.
"""
