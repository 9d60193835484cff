"""What the extension must agree with the service on, defined once, here.

The extension cannot ask for these where it needs them: page-hook.js runs in the
page's own world before any page script and must hold its own copy from the
first moment. So `render()` writes them into classic scripts each world loads
first (FILES); `scripts/vocabulary.py` writes the files, and a test fails when a
committed one differs from what this module says.

    imageTypes      media types the extension holds back for a check: the formats'
                    own (formats/suffixes.py) and the other names browsers give them
    imageSuffixes   file-name suffixes that make an untyped file an image
    videoTypes      the same for videos: the formats' own
    videoSuffixes   file-name suffixes that make an untyped file a video
    partVideoTypes, partVideoSuffixes
                    the videos a big one of which is sent in part: every video family
                    (formats.MOVIES: MP4, MOV..., WebM and MKV)
    matroskaClusterHead
                    bytes of each Cluster, after its header, a big WebM or MKV sends
                    (formats/matroska/keyframes.py: where its first key frame is found)
    partChars       base64 characters per runtime message between a content script
                    and the worker (a photo travels in parts sent at once)
    maxUploadBytes  the service's upload cap: a bigger file is not sent to be checked
    decisions       what the dialog resolves to, as POST /v1/decisions records it
    severities      least severe first: the dialog ranks findings by them
    kinds           the kinds of finding (models.Kind), by name: the dialog treats
                    a visible face and nudity apart
"""

from __future__ import annotations

import json
import textwrap
from typing import Any

from ..formats import MOVIES
from ..formats.matroska.keyframes import CLUSTER_HEAD
from ..formats.suffixes import IMAGE_SUFFIXES, SUFFIXES, VIDEO_MEDIA_TYPES, VIDEO_SUFFIXES
from ..history import SEVERITIES, Decision
from ..models import Kind
from .settings import MAX_UPLOAD_BYTES, MAX_VIDEO_BYTES, SPARSE_VIDEO_BYTES

# Media types browsers report for some of those formats, besides "image/<format>".
BROWSER_MEDIA_TYPES = ("image/pjpeg", "image/heic-sequence", "image/heif-sequence")
# Parts of 512 Ki characters: small enough to overlap Chrome's per-message work.
PART_CHARS = 512 * 1024
GLOBAL = "thinkTwiceVocabulary"


def _camel(name: str) -> str:
    first, *rest = name.lower().split("_")
    return first + "".join(word.capitalize() for word in rest)


def vocabulary() -> dict[str, Any]:
    """Every value the extension shares with the service, by the names it uses."""
    return {
        "imageTypes": sorted({f"image/{name}" for name in SUFFIXES} | set(BROWSER_MEDIA_TYPES)),
        "imageSuffixes": sorted(suffix.lstrip(".") for suffix in IMAGE_SUFFIXES),
        "videoTypes": sorted(VIDEO_MEDIA_TYPES),
        "videoSuffixes": sorted(s.lstrip(".") for s in VIDEO_SUFFIXES),
        "partVideoTypes": sorted({kind.media_type for fmt in MOVIES for kind in fmt.KINDS}),
        "partVideoSuffixes": sorted(
            {s.lstrip(".") for fmt in MOVIES for kind in fmt.KINDS for s in kind.suffixes}
        ),
        "matroskaClusterHead": CLUSTER_HEAD,
        "partChars": PART_CHARS,
        "maxUploadBytes": MAX_UPLOAD_BYTES,
        "sparseVideoBytes": SPARSE_VIDEO_BYTES,
        "maxVideoBytes": MAX_VIDEO_BYTES,
        "decisions": {_camel(d.name): d.value for d in Decision},
        "severities": list(SEVERITIES),
        "kinds": {_camel(kind.name): kind.value for kind in Kind},
    }


# The generated files (under extension/), who loads them, and what each holds.
# Chrome injects a file into a frame once, whichever world asks for it: the
# page's world therefore has a file of its own.
FILES: dict[str, tuple[str, tuple[str, ...]]] = {
    "shared/vocabulary.js": (
        "loaded first among the isolated world's content scripts, and imported by the worker",
        (
            "imageTypes",
            "imageSuffixes",
            "videoTypes",
            "videoSuffixes",
            "partVideoTypes",
            "partVideoSuffixes",
            "matroskaClusterHead",
            "partChars",
            "maxUploadBytes",
            "sparseVideoBytes",
            "maxVideoBytes",
            "decisions",
            "severities",
            "kinds",
        ),
    ),
    "content/page-vocabulary.js": (
        "loaded first in the page's own world: page-hook.js, just after it, keeps its own "
        "reference and removes the global before any page script runs (hence configurable)",
        ("imageTypes", "imageSuffixes", "videoTypes", "videoSuffixes"),
    ),
}


def render(path: str) -> str:
    """The generated file `path` (a key of FILES): `globalThis.thinkTwiceVocabulary`,
    frozen all the way down."""
    readers, keys = FILES[path]
    every = vocabulary()
    values = json.dumps({key: every[key] for key in keys}, indent=2).replace("\n", "\n  ")
    why = textwrap.fill(
        f"A classic script, {readers}.", width=78, initial_indent=" * ", subsequent_indent=" * "
    )
    return f"""\
/*
 * GENERATED from the service's Python (thinktwice/server/vocabulary.py) by
 * scripts/vocabulary.py: do not edit. What the extension shares with the service.
 *
{why}
 */
(() => {{
  "use strict";
  const vocabulary = {values};
  const freeze = (value) => {{
    if (value !== null && typeof value === "object") Object.values(value).forEach(freeze);
    return Object.freeze(value);
  }};
  const property = {{ configurable: true, value: freeze(vocabulary) }};
  Object.defineProperty(globalThis, "{GLOBAL}", property);
}})();
"""
