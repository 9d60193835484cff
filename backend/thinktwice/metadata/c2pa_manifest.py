"""A C2PA manifest store's JSON (as c2pa-python's Reader gives it) sorted into records.

Read from every manifest of the store, the active one first (the others are the
manifests of the files it was made from):

- `stds.schema-org.CreativeWork`: the authors' names, and their identifiers and
  profile links (`identifier`, `url`, `sameAs`) as accounts;
- `cawg.identity`: the verified identities' user names and profile links;
- `c2pa.actions` (v1 and v2): the actions, the software agents, and whether a
  digitalSourceType says a trained model made the picture;
- `stds.exif` and `stds.iptc`: XMP properties written as JSON-LD ("exif:GPSLatitude",
  "tiff:Make", "dc:creator"), returned as tags in the group XMP would give them
  ("XMP-exif"), so the rules that read XMP read them too;
- the active manifest's title (the file name it was signed under), its claim
  generators and its signing certificate's names; every ingredient's title;
- the thumbnails (the claim's, and each ingredient's) as references the reader
  fetches.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..records import Credentials, Tag

# IPTC digital source types that say a trained model generated or composited it.
AI_SOURCE_TYPES = frozenset({
    "trainedalgorithmicmedia", "compositewithtrainedalgorithmicmedia",
    "algorithmicallyenhanced",
})  # fmt: skip
_AUTHOR_KEYS = ("author", "creator")
_ACCOUNT_KEYS = ("identifier", "url", "sameAs")
_XMP_ASSERTIONS = ("stds.exif", "stds.iptc")
MAX_VALUE = 4096  # characters of one JSON-LD value kept as a tag


@dataclass(frozen=True, slots=True)
class ThumbnailRef:
    """A thumbnail the store holds: where it is (`identifier`) and what it shows."""

    source: str  # "C2PA" (the claim's) or "C2PA ingredient"
    identifier: str
    media_type: str | None


@dataclass(slots=True)
class StoreContent:
    """What `sort_store` found: the credentials, XMP-like tags, thumbnails to fetch."""

    credentials: Credentials
    tags: list[Tag] = field(default_factory=list)
    thumbnails: list[ThumbnailRef] = field(default_factory=list)


@dataclass(slots=True)
class _Gathered:
    authors: list[str] = field(default_factory=list)
    accounts: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    agents: list[str] = field(default_factory=list)
    ai_tools: list[str] = field(default_factory=list)
    ingredients: list[str] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    thumbnails: list[ThumbnailRef] = field(default_factory=list)


def sort_store(store: dict[str, object]) -> StoreContent:
    """The records in a manifest store's JSON; unknown or odd shapes are skipped."""
    manifests = _dict(store.get("manifests"))
    active_label = store.get("active_manifest")
    active = _dict(manifests.get(active_label)) if isinstance(active_label, str) else {}
    others = [_dict(m) for label, m in manifests.items() if label != active_label]
    found = _Gathered()
    for manifest in [active, *others]:
        _gather(manifest, found, is_active=manifest is active)
    generators = [_generator(info) for info in _list(active.get("claim_generator_info"))]
    if isinstance(active.get("claim_generator"), str):
        generators.append(str(active["claim_generator"]).split(" c2pa-rs/")[0])
    signature = _dict(active.get("signature_info"))
    credentials = Credentials(
        title=_text(active.get("title")),
        generators=_unique(g for g in generators if g),
        authors=_unique(found.authors),
        accounts=_unique(found.accounts),
        signer=_text(signature.get("common_name")),
        signer_org=_text(signature.get("issuer")),
        actions=_unique(found.actions),
        agents=_unique(found.agents),
        ai_tools=_unique(found.ai_tools),
        ingredients=_unique(found.ingredients),
        manifests=len(manifests),
    )
    return StoreContent(credentials, found.tags, found.thumbnails)


def _gather(manifest: dict[str, object], found: _Gathered, *, is_active: bool) -> None:
    if not is_active and _text(manifest.get("title")):
        found.ingredients.append(str(manifest["title"]))
    thumbnail = _dict(manifest.get("thumbnail"))
    if is_active and _text(thumbnail.get("identifier")):
        found.thumbnails.append(_thumbnail_ref("C2PA", thumbnail))
    for ingredient in map(_dict, _list(manifest.get("ingredients"))):
        title = _text(ingredient.get("title"))
        if title:
            found.ingredients.append(title)
        picture = _dict(ingredient.get("thumbnail"))
        if _text(picture.get("identifier")):
            found.thumbnails.append(_thumbnail_ref("C2PA ingredient", picture))
    generator = _text(_first(_list(manifest.get("claim_generator_info")))) or ""
    for assertion in map(_dict, _list(manifest.get("assertions"))):
        label = _text(assertion.get("label")) or ""
        data = _dict(assertion.get("data"))
        if label.startswith("stds.schema-org.CreativeWork"):
            _creative_work(data, found)
        elif label.startswith("cawg.identity"):
            _identity(data, found)
        elif label.startswith("c2pa.actions"):
            _actions(data, found, generator)
        elif label.startswith(_XMP_ASSERTIONS):
            found.tags += _xmp_tags(data)


def _creative_work(data: dict[str, object], found: _Gathered) -> None:
    for key in _AUTHOR_KEYS:
        for person in _list(data.get(key)):
            if isinstance(person, str):
                found.authors.append(person)
                continue
            person = _dict(person)
            name = _text(person.get("name"))
            if name:
                found.authors.append(name)
            for account_key in _ACCOUNT_KEYS:
                found.accounts += [a for a in map(_text, _list(person.get(account_key))) if a]


def _identity(data: dict[str, object], found: _Gathered) -> None:
    """User names and profile links of a CAWG identity assertion, wherever they nest
    (an identity claims aggregation lists them as `verifiedIdentities`)."""
    for node in _walk(data):
        for identity in map(_dict, _list(node.get("verifiedIdentities"))):
            name = _text(identity.get("name"))
            if name:
                found.authors.append(name)
            found.accounts += [
                a for a in (_text(identity.get("username")), _text(identity.get("uri"))) if a
            ]


def _actions(data: dict[str, object], found: _Gathered, generator: str) -> None:
    agents = [_agent(a) for a in _list(data.get("softwareAgents"))]
    for action in map(_dict, _list(data.get("actions"))):
        name = _text(action.get("action"))
        if name:
            found.actions.append(name)
        agent = _agent(action.get("softwareAgent"))
        index = action.get("softwareAgentIndex")
        if not agent and isinstance(index, int) and 0 <= index < len(agents):
            agent = agents[index]
        if agent:
            found.agents.append(agent)
        source = (_text(action.get("digitalSourceType")) or "").rsplit("/", 1)[-1]
        if source.casefold() in AI_SOURCE_TYPES:
            found.ai_tools.append(agent or generator)


def _xmp_tags(data: dict[str, object]) -> list[Tag]:
    """`"exif:GPSLatitude": "48,51.3N"` as Tag("XMP-exif", "GPSLatitude", "48,51.3N")."""
    tags = []
    for key, value in data.items():
        prefix, _, name = key.partition(":")
        if key.startswith("@") or not name:
            continue
        flat = _flat(value)
        if flat is not None:
            tags.append(Tag(f"XMP-{prefix}", name, flat))
    return tags


def _flat(value: object) -> str | int | float | tuple[str, ...] | None:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return value
    if isinstance(value, str):
        return value[:MAX_VALUE]
    if isinstance(value, list):
        items = tuple(str(v)[:MAX_VALUE] for v in value if isinstance(v, str | int | float))
        return items or None
    return None


def _thumbnail_ref(source: str, thumbnail: dict[str, object]) -> ThumbnailRef:
    return ThumbnailRef(source, str(thumbnail["identifier"]), _text(thumbnail.get("format")))


def _generator(info: object) -> str:
    if isinstance(info, str):
        return info
    info = _dict(info)
    return " ".join(t for t in (_text(info.get("name")), _text(info.get("version"))) if t)


def _agent(agent: object) -> str:
    return _generator(agent) if isinstance(agent, dict | str) else ""


def _walk(node: object) -> Iterator[dict[str, object]]:
    """Every dict inside `node`, itself included, depth first."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            yield item
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _dict(value: object) -> dict[str, object]:
    return value if isinstance(value, dict) else {}


def _list(value: object) -> list[object]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _first(values: list[object]) -> object:
    if not values:
        return None
    first = values[0]
    return _dict(first).get("name") if isinstance(first, dict) else first


def _text(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()[:MAX_VALUE]
    return None


def _unique(values: Iterator[str] | list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))
