"""The translation catalogs: the shipped .po files, compiled in memory when first used.

Shipping the .po files alone keeps one source of truth (no stale .mo beside it);
compiling one with Babel takes 40-100 ms, once per language per process (English,
the source, needs none).
"""

from __future__ import annotations

import functools
import gettext
import io
from pathlib import Path

DOMAIN = "thinktwice"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def po_path(language: str) -> Path:
    """Where the catalog of `language` lives."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalog for `language`; English (the source) translates to itself."""
    path = po_path(language)
    if not path.is_file():
        return gettext.NullTranslations()
    # Imported here: English, and `thinktwice clean`, never load Babel's catalog code.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as f:
        catalog = read_po(f, locale=language, domain=DOMAIN)
    buffer = io.BytesIO()
    # Fuzzy entries are guesses a translator has not confirmed: English is better.
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)
