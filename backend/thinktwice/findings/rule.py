"""What every finding rule shares: the context it reads, tag tables, evidence.

A rule is a function `(metadata, context) -> list[Finding]`. The context holds
the flat list of tags every rule reads, built once per image: the decoded tags
plus each free-text entry (JPEG COM, PNG tEXt...) as a tag whose group is its
source and whose name is its key, so one kind of table describes both. It also
holds what pixel work found about the embedded pictures, as plain answers: the
rules read metadata, never bytes.

The wording helpers (`listing`, `put`...) serve the pixel findings too.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from ..i18n import _, ngettext
from ..models import Finding, Metadata
from ..records import Tag

Rule = Callable[[Metadata, "Context"], list[Finding]]

EVIDENCE_LIMIT = 200  # characters of a value shown in the details view


@dataclass(slots=True)
class Context:
    """What the rules read besides the metadata: the flat tags and the comparisons.

    `tags` holds every tag, free-text entries included; `text` only the latter.
    `differs[i]` says whether `metadata.pictures[i]` shows another picture than the
    image (None: not compared); it is empty when nothing was compared. `keeps_hdr`
    says whether the clean copy keeps an HDR gain map (it does unless asked not to).
    """

    tags: list[Tag]
    text: list[Tag]
    differs: tuple[bool | None, ...] = ()
    keeps_hdr: bool = True

    @classmethod
    def of(
        cls, metadata: Metadata, differs: Sequence[bool | None] = (), *, keeps_hdr: bool = True
    ) -> Context:
        """The context for `metadata`, free-text entries included as tags.

        `differs` holds one answer per embedded picture, in `metadata.pictures` order,
        or none at all; raises `ValueError` for any other count.
        """
        if differs and len(differs) != len(metadata.pictures):
            raise ValueError(
                f"{len(differs)} picture comparisons given for"
                f" {len(metadata.pictures)} embedded pictures"
            )
        text = [Tag(entry.source, entry.key, entry.value) for entry in metadata.text]
        return cls(
            tags=[*metadata.tags, *text], text=text, differs=tuple(differs), keeps_hdr=keeps_hdr
        )

    def compared(self, index: int) -> bool | None:
        """Whether embedded picture `index` shows another picture (None: not compared)."""
        return self.differs[index] if self.differs else None


@dataclass(frozen=True, slots=True)
class TagTable:
    """A set of (group pattern, tag name) pairs: which tags say one kind of thing.

    A group pattern is a group name ("IFD0"), a prefix ending in "*" ("XMP-*",
    "MakerNotes*") or "*" for any group. A name of "*" takes every tag of the
    matching groups (JPEG comments have no meaningful name).
    """

    specs: tuple[tuple[str, str], ...]
    _by_name: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)
    _any_name: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_name: dict[str, list[str]] = {}
        for group, name in self.specs:
            by_name.setdefault(name, []).append(group)
        object.__setattr__(self, "_any_name", tuple(by_name.pop("*", ())))
        object.__setattr__(self, "_by_name", {k: tuple(v) for k, v in by_name.items()})

    def matches(self, tag: Tag) -> bool:
        """Whether `tag` is one this table lists."""
        groups = self._by_name.get(tag.name)
        if groups is not None and _any_group_matches(groups, tag.group):
            return True
        return _any_group_matches(self._any_name, tag.group)

    def select(self, tags: Iterable[Tag]) -> list[Tag]:
        """The tags this table lists, in their original order."""
        if self._any_name:
            return [tag for tag in tags if self.matches(tag)]
        # The rules select dozens of times per image: most tags fail the name lookup alone.
        by_name = self._by_name
        return [
            tag
            for tag in tags
            if (groups := by_name.get(tag.name)) is not None
            and _any_group_matches(groups, tag.group)
        ]


def table(*specs: tuple[str, str]) -> TagTable:
    """A `TagTable` from (group pattern, name) pairs."""
    return TagTable(specs)


def _any_group_matches(patterns: tuple[str, ...], group: str) -> bool:
    for pattern in patterns:
        if group.startswith(pattern[:-1]) if pattern.endswith("*") else group == pattern:
            return True
    return False


# ---- values -----------------------------------------------------------------

# A number as files write it in text: "5", "-2.5", "1884/100".
NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?)?")


def texts(value: object) -> list[str]:
    """The text pieces in a tag value (a list gives several), cleaned of NULs and blanks."""
    items = value if isinstance(value, tuple | list) else (value,)
    out = []
    for item in items:
        if isinstance(item, str):
            cleaned = " ".join(item.replace("\x00", " ").split())
            if cleaned:
                out.append(cleaned)
    return out


def text(value: object) -> str:
    """A tag value as one line of text ("" for binary or empty values)."""
    return ", ".join(texts(value))


def number(value: object) -> float | None:
    """A finite number from an int, a float or a string like "5", "2.5" or "50/10"."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        result = float(value)
    elif isinstance(value, str):
        match = NUMBER.fullmatch(value.strip())
        if not match:
            return None
        result = rational(match.group())
    elif isinstance(value, tuple | list) and len(value) == 1:
        return number(value[0])
    else:
        return None
    return result if math.isfinite(result) else None


def rational(token: str) -> float:
    """A number token ("18.84" or "1884/100") as a float; NaN for a zero denominator."""
    num, _, den = token.partition("/")
    if not den:
        return float(num)
    return float(num) / float(den) if float(den) else math.nan


def show(value: object) -> str:
    """A value as the details view shows it, cut to `EVIDENCE_LIMIT` characters."""
    if isinstance(value, bytes | bytearray | memoryview):
        shown = _("({n} bytes of binary data)").format(n=len(value))
    elif isinstance(value, tuple | list):
        shown = ", ".join(show(item) for item in value)
    else:
        shown = str(value)
    return shown[:EVIDENCE_LIMIT]


def key(tag: Tag) -> str:
    """The evidence key of a tag: "group:name"."""
    return f"{tag.group}:{tag.name}"


def evidence(tags: Iterable[Tag], into: dict[str, str] | None = None) -> dict[str, str]:
    """Evidence entries for `tags`; a repeated key gets " #2", " #3"... appended."""
    out = {} if into is None else into
    for tag in tags:
        put(out, key(tag), show(tag.value))
    return out


def put(out: dict[str, str], name: str, value: str) -> None:
    """Add one evidence entry without overwriting an earlier one of the same name."""
    candidate, n = name, 1
    while candidate in out:
        n += 1
        candidate = f"{name} #{n}"
    out[candidate] = value


def unique(values: Iterable[str]) -> list[str]:
    """`values` without case-insensitive repeats, in first-seen order."""
    seen: set[str] = set()
    out = []
    for value in values:
        folded = value.casefold()
        if folded not in seen:
            seen.add(folded)
            out.append(value)
    return out


def distinct(tags: Iterable[Tag]) -> list[Tag]:
    """`tags` without repeats of the same tag object, in first-seen order."""
    seen: set[int] = set()
    out = []
    for tag in tags:
        if id(tag) not in seen:
            seen.add(id(tag))
            out.append(tag)
    return out


def listing(items: list[str], limit: int = 3) -> str:
    """Items joined for a sentence, in the current language: "a", "a and b",
    "a, b and 2 more"."""
    if len(items) > limit:
        return ngettext("{items} and {n} more", "{items} and {n} more", len(items) - limit).format(
            items=_(", ").join(items[:limit]), n=len(items) - limit
        )
    if len(items) > 1:
        return _("{items} and {last}").format(items=_(", ").join(items[:-1]), last=items[-1])
    return items[0] if items else ""


def quote(value: str, limit: int = 60) -> str:
    """`value` in quotes for a sentence, cut at a word boundary near `limit` characters."""
    if len(value) > limit:
        cut = value[:limit].rsplit(" ", 1)[0] if " " in value[:limit] else value[:limit]
        value = cut.rstrip(" ,.;:") + "…"
    return _("“{text}”").format(text=value)


def every_string(tags: Iterable[Tag]) -> Iterator[tuple[Tag, str]]:
    """Each text piece of each tag, with its tag (lists give one piece per item)."""
    for tag in tags:
        for piece in texts(tag.value):
            yield tag, piece
