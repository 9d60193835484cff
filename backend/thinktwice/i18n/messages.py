"""The catalogs' upkeep: extract every message from the code, update each .po, check them.

    .venv/bin/python scripts/i18n.py           extract, update the .pot and every .po
    .venv/bin/python scripts/i18n.py --check   say what is missing, exit 1 if anything

Messages are the first arguments of `_()`, `N_()` and `ngettext()` in Python (the
package, this module's own package left out) and in the dashboard's templates.
A catalog entry is complete when it is translated (every plural form), not fuzzy,
and keeps the message's placeholders ("{place}", "%(num)s"): tests/i18n checks
every catalog against the code, so an English sentence added without its
translations fails there.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from .catalogs import DOMAIN, LOCALE_DIR, po_path

PACKAGE = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).resolve().parent / f"{DOMAIN}.pot"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
METHODS = [
    ("i18n/**.py", "ignore"),
    ("**.py", "python"),
    ("dashboard/templates/**.html", "jinja2.ext:babel_extract"),
]
OPTIONS = {"dashboard/templates/**.html": {"extensions": "jinja2.ext.i18n"}}
WIDTH = 100
# Fixed, so that running the extraction again changes a file only when a message changed.
CREATED = datetime(2026, 12, 1, tzinfo=UTC)
HEADER = """\
# {language} translations of ThinkTwice's sentences (findings, history, dashboard, CLI).
# Distributed under the same license as ThinkTwice (AGPL-3.0-or-later).
# Update with: .venv/bin/python scripts/i18n.py
#"""
NAMES = {"es": "Spanish", "fr": "French", "de": "German"}
_PLACEHOLDER = re.compile(r"\{(\w*)\}|%\((\w+)\)[sd]")


def extract() -> Catalog:
    """Every message the code says, as a catalog template (no translations)."""
    template = Catalog(
        domain=DOMAIN, project="ThinkTwice", version="", fuzzy=False, creation_date=CREATED,
        header_comment=HEADER.format(language="Template for the"),
        copyright_holder="ThinkTwice contributors",
    )  # fmt: skip
    found = extract_from_dir(
        PACKAGE, METHODS, OPTIONS, keywords=KEYWORDS, comment_tags=("i18n:",),
        strip_comment_tags=True,
    )  # fmt: skip
    for filename, lineno, message, comments, context in found:
        template.add(
            message, None, [(f"thinktwice/{filename}", lineno)], auto_comments=comments,
            context=context,
        )  # fmt: skip
    return template


def languages() -> list[str]:
    """The languages a catalog is shipped for."""
    return sorted(p.name for p in LOCALE_DIR.iterdir() if po_path(p.name).is_file())


def read(language: str) -> Catalog:
    """The shipped catalog of `language`."""
    with po_path(language).open("rb") as f:
        return read_po(f, locale=language, domain=DOMAIN)


def update(template: Catalog, language: str) -> Catalog:
    """`language`'s catalog brought up to `template`: new messages added untranslated,
    gone ones dropped, translations kept."""
    path = po_path(language)
    if path.is_file():
        catalog = read(language)
    else:
        catalog = Catalog(locale=language, domain=DOMAIN, fuzzy=False)
    # No fuzzy matching: a guessed translation of a changed sentence says the old thing.
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    catalog.header_comment = HEADER.format(language=NAMES.get(language, language))
    catalog.project, catalog.version = "ThinkTwice", ""
    catalog.revision_date = catalog.creation_date = CREATED
    catalog.last_translator = "ThinkTwice contributors"
    catalog.language_team = NAMES.get(language, language)
    return catalog


def write(catalog: Catalog, path: Path) -> None:
    """`catalog` as a .po (or .pot) file, sorted by message, stable across runs."""
    out = io.BytesIO()
    write_po(out, catalog, width=WIDTH, sort_output=True, ignore_obsolete=True,
             omit_header=False, include_lineno=False)  # fmt: skip
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())


def placeholders(text: str) -> set[str]:
    """The placeholders in a message: "{place}" and "%(num)s" give {"place", "num"}."""
    return {a or b for a, b in _PLACEHOLDER.findall(text)}


def problems(template: Catalog, catalog: Catalog) -> Iterator[str]:
    """What keeps `catalog` from saying every message of `template`, one sentence each."""
    language = str(catalog.locale)
    for wanted in template:
        if not wanted.id:
            continue
        found = catalog.get(wanted.id, wanted.context)
        name = _name(wanted)
        if found is None:
            yield f"{language}: {name} is missing"
        elif found.fuzzy:
            yield f"{language}: {name} is fuzzy"
        else:
            yield from _translation(language, name, _forms(wanted.id), _forms(found.string),
                                    catalog.num_plurals)  # fmt: skip


def _translation(
    language: str, name: str, ids: tuple[str, ...], strings: tuple[str, ...], plurals: int
) -> Iterator[str]:
    """What is wrong with one entry: `ids` (singular, and plural if any), its `strings`."""
    if len(ids) == 1:
        if len(strings) != 1 or not strings[0]:
            yield f"{language}: {name} is not translated"
        elif placeholders(strings[0]) != placeholders(ids[0]):
            yield (
                f"{language}: {name} has placeholders {sorted(placeholders(strings[0]))}, "
                f"not {sorted(placeholders(ids[0]))}"
            )
        return
    if len(strings) != plurals:
        yield f"{language}: {name} has {len(strings)} plural forms, {plurals} wanted"
    expected = placeholders(ids[1])
    # The singular may say the count in words ("a depth map"); the other forms must not.
    allowed = expected | placeholders(ids[0])
    for index, text in enumerate(strings):
        found = placeholders(text)
        if not text:
            yield f"{language}: {name} form {index} is not translated"
        elif (found != expected) if index else not found <= allowed:
            yield f"{language}: {name} form {index} has placeholders {sorted(found)}"


def _forms(value: str | tuple[str, ...] | list[str] | None) -> tuple[str, ...]:
    if value is None:
        return ("",)
    return (value,) if isinstance(value, str) else tuple(value)


def _name(message: Message) -> str:
    text = _forms(message.id)[0]
    return repr(text if len(text) <= 70 else text[:67] + "...")
