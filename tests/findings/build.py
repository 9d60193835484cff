"""Metadata built directly, the way the decoders hand it to the findings."""

from __future__ import annotations

from thinktwice.findings.rule import Context, Rule
from thinktwice.models import Finding, Metadata
from thinktwice.records import Picture, Tag, TextEntry, Trailer


def metadata(
    *tags: tuple[str, str, object],
    text: tuple[tuple[str, str, str], ...] = (),
    pictures: tuple[Picture, ...] = (),
    trailer: Trailer | None = None,
    extra: tuple[str, ...] = (),
) -> Metadata:
    """A `Metadata` from (group, name, value) triples and the other parts."""
    return Metadata(
        format="jpeg",
        tags=[Tag(g, n, v) for g, n, v in tags],
        text=[TextEntry(s, k, v) for s, k, v in text],
        pictures=list(pictures),
        trailer=trailer,
        extra=list(extra),
    )


def run(rule: Rule, meta: Metadata, image: bytes | None = None) -> list[Finding]:
    """What one rule finds in `meta`."""
    return rule(meta, Context.of(meta, image))


def only(rule: Rule, meta: Metadata, image: bytes | None = None) -> Finding:
    """The one finding a rule gives for `meta` (failing if there is not exactly one)."""
    found = run(rule, meta, image)
    assert len(found) == 1, found
    return found[0]
