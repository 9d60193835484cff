"""The person's language: which catalog the sentences come from, chosen per request.

English is the source language (every message id is the English sentence) and the
fallback. Spanish, French and German come from the gettext catalogs beside this
module (`locale/<language>/LC_MESSAGES/thinktwice.po`), compiled in memory when
first used (catalogs.py). The language is a context variable: the service sets it
for each request from what the extension sends (or the browser's Accept-Language),
the command line from LANGUAGE, LC_ALL, LC_MESSAGES and LANG; code that speaks
calls `_()` and `ngettext()` and never passes a language around.

    from ..i18n import N_, _, ngettext
    _("It names a person: {name}.").format(name=name)
    ngettext("{n} point", "{n} points", n).format(n=n)
    N_("a title")  # marked for the catalogs, translated where it is used: _(noun)

Messages use named `{placeholders}` (str.format) in Python, `%(name)s` in templates;
a translation keeps the same placeholders (tests/i18n checks it).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

from .catalogs import translations

SOURCE = "en"
LANGUAGES = ("en", "es", "fr", "de")  # the source first, then every catalog shipped

_language: ContextVar[str | None] = ContextVar("thinktwice_language", default=None)
_default = SOURCE
_TAG = re.compile(r"^[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*$")


def _(message: str) -> str:
    """`message` (an English sentence) in the current language."""
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form that fits `n`, in the current language's plural rules."""
    return translations(current()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark `message` for the catalogs without translating it (tables built at import)."""
    return message


def current() -> str:
    """The language sentences are said in now: the request's, else the process default."""
    return _language.get() or _default


def set_default(language: str) -> None:
    """The language of this process when no request chose one (the command line's)."""
    global _default
    _default = negotiate(language)


@contextmanager
def using(language: str | None) -> Iterator[str]:
    """Speak `language` (any tag or Accept-Language value; None keeps the current one)
    inside the block; yields the language chosen."""
    if language is None:
        yield current()
        return
    token = _language.set(negotiate(language))
    try:
        yield current()
    finally:
        _language.reset(token)


def negotiate(accept: str | None) -> str:
    """The supported language that best fits `accept`: a tag ("es", "fr-CA", "de_DE.UTF-8")
    or an Accept-Language value ("fr-CH, fr;q=0.9, en;q=0.8"). English when none fits."""
    wanted: list[tuple[float, int, str]] = []
    for index, part in enumerate((accept or "").split(",")):
        tag, _sep, params = part.strip().partition(";")
        tag = tag.split(".")[0].split("@")[0].strip()  # POSIX "es_ES.UTF-8@euro"
        quality = 1.0
        for param in params.split(";"):
            name, _eq, value = param.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if tag and _TAG.match(tag) and quality > 0:
            wanted.append((-quality, index, tag.replace("_", "-").lower()))
    for _q, _i, tag in sorted(wanted):
        primary = tag.split("-")[0]
        if primary in LANGUAGES:
            return primary
    return SOURCE


def from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The system's language as gettext reads it: LANGUAGE (a colon-separated list),
    LC_ALL, LC_MESSAGES, then LANG; "C" and "POSIX" mean English."""
    env = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "").strip()
        if not value:
            continue
        if name == "LANGUAGE":
            # Only a real locale switches gettext's LANGUAGE on (GNU gettext's rule).
            if env.get("LC_ALL", env.get("LC_MESSAGES", env.get("LANG", ""))) in ("C", "POSIX"):
                continue
            return negotiate(", ".join(value.split(":")))
        return SOURCE if value in ("C", "POSIX") else negotiate(value)
    return SOURCE


__all__ = [
    "LANGUAGES",
    "N_",
    "SOURCE",
    "_",
    "current",
    "from_environment",
    "negotiate",
    "ngettext",
    "set_default",
    "using",
]
