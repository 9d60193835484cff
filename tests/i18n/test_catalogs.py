"""Every sentence the code says is in every catalog, translated, with the same placeholders.

The messages are extracted from the code as `scripts/i18n.py` does; an English
sentence added without its Spanish, French and German fails here (run
`.venv/bin/python scripts/i18n.py`, translate the empty entries, run again).
"""

from __future__ import annotations

import pytest
from babel.messages.catalog import Catalog

from thinktwice.i18n import LANGUAGES, SOURCE
from thinktwice.i18n.catalogs import translations
from thinktwice.i18n.messages import extract, languages, placeholders, problems, read

TRANSLATED = [language for language in LANGUAGES if language != SOURCE]


@pytest.fixture(scope="module")
def template() -> Catalog:
    return extract()


def test_a_catalog_is_shipped_for_every_language_offered() -> None:
    assert languages() == sorted(TRANSLATED)


def test_the_code_says_findings_dashboard_and_cli_sentences(template: Catalog) -> None:
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in template if m.id}
    assert "It shows where it was taken: {where} ({source})." in ids  # findings
    assert "It shows where it was taken." in ids  # history sentences
    assert "Delete the whole history?" in ids  # dashboard templates
    assert "{path} ({format}): verdict {verdict}" in ids  # CLI
    assert "{n} point" in ids  # plural forms
    assert len(ids) > 250


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated_in_every_catalog(template: Catalog, language: str) -> None:
    found = list(problems(template, read(language)))
    assert not found, "\n".join(found[:40])


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_shipped_catalog_holds_only_messages_the_code_says(
    template: Catalog, language: str
) -> None:
    # An entry the code no longer says is dead weight: scripts/i18n.py drops it.
    stale = [m.id for m in read(language) if m.id and template.get(m.id, m.context) is None]
    assert not stale


def test_a_new_english_sentence_without_translation_is_reported(template: Catalog) -> None:
    grown = extract()
    grown.add("It shows a brand new thing: {what}.")
    grown.add(("{n} new thing", "{n} new things"))
    found = list(problems(grown, read("es")))
    assert found == [
        "es: 'It shows a brand new thing: {what}.' is missing",
        "es: '{n} new thing' is missing",
    ]


def test_a_translation_that_drops_a_placeholder_is_reported() -> None:
    template = Catalog()
    template.add("It names a place: {place}.")
    template.add(("{n} point", "{n} points"))
    catalog = Catalog(locale="es")
    catalog.add("It names a place: {place}.", "Nombra un lugar.")
    catalog.add(("{n} point", "{n} points"), ("{n} punto", "puntos", ""))
    found = list(problems(template, catalog))
    assert found == [
        "es: 'It names a place: {place}.' has placeholders [], not ['place']",
        "es: '{n} point' form 1 has placeholders []",
        "es: '{n} point' form 2 is not translated",
    ]


def test_placeholders_are_read_in_both_styles() -> None:
    assert placeholders("{where} ({source}), %(num)s entries, 100%% sure") == {
        "where", "source", "num",
    }  # fmt: skip


@pytest.mark.parametrize("language", TRANSLATED)
def test_plural_forms_follow_the_language(language: str) -> None:
    catalog = translations(language)
    one, many = (
        catalog.ngettext("{n} point", "{n} points", 1),
        catalog.ngettext("{n} point", "{n} points", 5),
    )
    assert one != many
    assert {"es": "{n} puntos", "fr": "{n} points", "de": "{n} Punkte"}[language] == many
    # French counts 0 as singular; Spanish and German do not.
    zero = catalog.ngettext("{n} point", "{n} points", 0)
    assert zero == (one if language == "fr" else many)
