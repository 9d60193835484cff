"""Which language is spoken: from a tag, an Accept-Language value or the environment."""

from __future__ import annotations

import pytest

from thinktwice.i18n import _, current, from_environment, negotiate, ngettext, using


@pytest.mark.parametrize(
    ("asked", "spoken"),
    [
        ("es", "es"),
        ("es-419", "es"),
        ("fr-CA", "fr"),
        ("de_DE.UTF-8", "de"),
        ("de-CH, de;q=0.9, en;q=0.8", "de"),
        ("pt-BR, fr;q=0.5, en;q=0.4", "fr"),  # the first supported one by quality
        ("en;q=0.3, es;q=0.9", "es"),
        ("es;q=0, fr", "fr"),  # q=0 means "not this one"
        ("pt-BR", "en"),  # no catalog: English
        ("xx, yy", "en"),
        ("", "en"),
        (None, "en"),
        ("*", "en"),
        ("es;q=abc", "en"),  # a broken quality refuses that language
        ("<script>", "en"),
    ],
)
def test_the_best_supported_language_is_chosen(asked: str | None, spoken: str) -> None:
    assert negotiate(asked) == spoken


@pytest.mark.parametrize(
    ("environ", "spoken"),
    [
        ({"LANG": "es_ES.UTF-8"}, "es"),
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "fr_FR.UTF-8", "LC_ALL": "de_DE.UTF-8"}, "de"),
        ({"LANG": "de_DE.UTF-8", "LANGUAGE": "pt:es:en"}, "es"),  # a list, first supported
        ({"LANG": "C", "LANGUAGE": "es"}, "en"),  # gettext ignores LANGUAGE under C
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LANG": "ja_JP.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_the_command_line_follows_the_environment(environ: dict[str, str], spoken: str) -> None:
    assert from_environment(environ) == spoken


def test_a_block_speaks_its_language_and_then_the_previous_one() -> None:
    assert current() == "en"
    with using("es"):
        assert _("It shows where it was taken.") == "Muestra dónde se hizo."
        with using("de"):
            assert _("It shows where it was taken.") == "Es zeigt, wo es aufgenommen wurde."
        with using(None):  # None keeps the language in force
            assert current() == "es"
        assert current() == "es"
    assert current() == "en"
    assert _("It shows where it was taken.") == "It shows where it was taken."


def test_an_unknown_language_speaks_english() -> None:
    with using("pt-BR") as spoken:
        assert spoken == "en"
        assert ngettext("{n} point", "{n} points", 2) == "{n} points"
