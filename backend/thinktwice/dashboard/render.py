"""The Jinja2 environment: templates from this package, every value escaped.

Undefined names fail loudly (StrictUndefined): a template typo is a test failure,
not a silently empty cell. Every sentence goes through `_()` / `ngettext()` (Jinja's
i18n extension, new style: `_("%(n)s left", n=3)`), said in the request's language.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .. import i18n
from ..i18n.formats import decimal
from . import labels

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static"
# The one logo, the extension's icons/logo.svg byte for byte; drawn inline in every page
# (the extension's dashboard page loads nothing from the service but its stylesheet).
LOGO = STATIC / "logo.svg"


@functools.cache
def environment() -> Environment:
    """The one environment (templates are compiled once, on first use)."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=i18n._, ngettext=i18n.ngettext, newstyle=True
    )
    env.globals.update(
        KINDS=labels.KINDS,
        SEVERITY_FILTER=labels.SEVERITY_FILTER,
        DECISIONS=labels.DECISIONS,
        RANGES=labels.RANGES,
        RETENTION_CHOICES=labels.RETENTION_CHOICES,
        WARNING_SEVERITIES=labels.WARNING_SEVERITIES,
        VERDICTS=labels.VERDICTS,
        label=labels.label,
        entries=labels.entries,
        number=decimal,
        LOGO=Markup(LOGO.read_text(encoding="utf-8").strip()),
    )
    return env


def render(template: str, **context: Any) -> str:
    """The page `template` filled with `context`."""
    return environment().get_template(template).render(lang=i18n.current(), **context)
