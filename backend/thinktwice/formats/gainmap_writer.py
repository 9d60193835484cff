"""A fresh XMP packet for an HDR gain map: the properties `gainmap` read, and for a
primary image its GContainer directory, and nothing else (no toolkit name, no
other namespace)."""

from __future__ import annotations

from .gainmap import CONTAINER, ITEM, PREFIXES, RDF, DirectoryItem, Property


def kept_xmp(
    properties: list[Property],
    directory: tuple[DirectoryItem, ...] = (),
    *,
    elements: bool = False,
) -> bytes:
    """A fresh XMP packet holding `properties` and, if given, a GContainer directory;
    b"" when there is nothing to hold.

    Single values are written as attributes (as libultrahdr writes them), or with
    `elements` as child elements (as exiftool does): the same RDF either way.
    """
    if not properties and not directory:
        return b""
    used = {p.namespace for p in properties}
    declarations = [f'xmlns:{PREFIXES[ns]}="{ns}"' for ns in PREFIXES if ns in used]
    simple = [p for p in properties if isinstance(p.value, str)]
    attributes = (
        []
        if elements
        else [f"{PREFIXES[p.namespace]}:{p.name}={quoteattr(str(p.value))}" for p in simple]
    )
    singles = [
        f"<{PREFIXES[p.namespace]}:{p.name}>{escape(str(p.value))}</{PREFIXES[p.namespace]}:{p.name}>"
        for p in simple
        if elements
    ]
    children = [
        f"<{PREFIXES[p.namespace]}:{p.name}><rdf:Seq>"
        + "".join(f"<rdf:li>{escape(value)}</rdf:li>" for value in p.value)
        + f"</rdf:Seq></{PREFIXES[p.namespace]}:{p.name}>"
        for p in properties
        if isinstance(p.value, tuple)
    ]
    children = singles + children
    if directory:
        declarations += [f'xmlns:Container="{CONTAINER}"', f'xmlns:Item="{ITEM}"']
        children.append(_directory(directory))
    head = " ".join(['<rdf:Description rdf:about=""', *declarations, *attributes])
    return (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        f'<rdf:RDF xmlns:rdf="{RDF}">{head}>{"".join(children)}</rdf:Description>'
        "</rdf:RDF></x:xmpmeta>"
    ).encode()


def _directory(items: tuple[DirectoryItem, ...]) -> str:
    entries = []
    for item in items:
        length = f" Item:Length={quoteattr(str(item.length))}" if item.length else ""
        entries.append(
            '<rdf:li rdf:parseType="Resource"><Container:Item '
            f"Item:Semantic={quoteattr(item.semantic)} Item:Mime={quoteattr(item.mime)}"
            f"{length}/></rdf:li>"
        )
    return f"<Container:Directory><rdf:Seq>{''.join(entries)}</rdf:Seq></Container:Directory>"


def escape(text: str) -> str:
    """`text` as XML character data. (xml.sax.saxutils would do, but importing it loads
    urllib and http: 60 ms of every photo scan's start.)"""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def quoteattr(text: str) -> str:
    """`text` as a double-quoted XML attribute value."""
    return '"' + escape(text).replace('"', "&quot;") + '"'
