"""Content Credentials (C2PA) and AI credit lines, in people's words.

What the manifests say (metadata.c2pa reads them) becomes findings of the kinds
the dialog already has, each saying it comes from the Content Credentials:

- person_name, HIGH: the creators' names, their accounts and profile links, and the
  signing certificate's name when it is not a company's (a company signing is
  only part of the editing trail);
- editing_history, LOW: made with AI (a digitalSourceType of trained algorithmic
  media, or a credit line "Made with Google AI"), the tools and what they did;
- thumbnail, MEDIUM: the thumbnails inside the manifests, when no other block holds
  one (pictures.py then words them all, and says HIGH when one shows another picture);
- comment, LOW: the file name it was signed under and the names of the files it
  was made from.

The GPS, device and time in a manifest's exif assertion reach the location,
device and time rules as XMP tags (metadata.c2pa_manifest), like any XMP.
"""

from __future__ import annotations

import re

from ..i18n import _, ngettext
from ..metadata.c2pa_manifest import AI_SOURCE_TYPES
from ..models import Finding, Kind, Metadata, Severity
from ..records import Credentials, Tag
from .rule import Context, evidence, listing, put, texts, unique
from .tables import AI_CREDIT_LINES, DIGITAL_SOURCE_TYPES, PERSON_NAMES, SIGNING_COMPANIES

_AI_CREDITS = tuple(re.compile(pattern) for pattern in AI_CREDIT_LINES)
_WORDS = re.compile(r"[\w.]+")
# Actions by the verb the sentence uses ("c2pa.edited" -> "edited").
_ACTION_PREFIX = "c2pa."


def credentials(metadata: Metadata, context: Context) -> list[Finding]:
    """What the Content Credentials and AI credit lines reveal, one finding per kind."""
    found = list(metadata.credentials)
    ai_credit, credit_tags = ai_credits(context)
    findings = [*_people(found), *_editing(found, ai_credit, credit_tags)]
    findings += _thumbnails(metadata) + _file_names(found)
    return findings


def ai_credits(context: Context) -> tuple[list[str], list[Tag]]:
    """The AI tools credit lines and digital source types name outside C2PA, and their tags.

    A credit line "Made with Google AI" gives "Google AI"; a digital source type
    of trained algorithmic media gives "" (an unnamed tool).
    """
    tools: list[str] = []
    tags: list[Tag] = []
    for tag in PERSON_NAMES.select(context.tags):
        names = [name for piece in texts(tag.value) if (name := ai_credit_tool(piece))]
        if names:
            tools += names
            tags.append(tag)
    for tag in DIGITAL_SOURCE_TYPES.select(context.tags):
        if any(p.rsplit("/", 1)[-1].casefold() in AI_SOURCE_TYPES for p in texts(tag.value)):
            tools.append("")
            tags.append(tag)
    return tools, tags


def ai_credit_tool(piece: str) -> str | None:
    """The tool a credit line like "Made with Google AI" names, or None for other text."""
    for pattern in _AI_CREDITS:
        match = pattern.match(piece.strip())
        if match:
            return match.group(1).strip(" .")
    return None


def _people(found: list[Credentials]) -> list[Finding]:
    authors = unique(name for c in found for name in c.authors)
    accounts = unique(account for c in found for account in c.accounts)
    signers = unique(c.signer for c in found if c.signer and not _company(c))
    if not (authors or accounts or signers):
        return []
    named = []
    if authors:
        creators = ngettext("its creator {names}", "its creators {names}", len(authors))
        named.append(creators.format(names=_quoted(authors)))
    if accounts:
        account = ngettext("the account {names}", "the accounts {names}", len(accounts))
        named.append(account.format(names=_quoted(accounts)))
    if named:
        message = _("It names {who} (in its Content Credentials).").format(who=_both(named))
    else:
        message = _("Its Content Credentials are signed in the name of {names}.").format(
            names=_quoted(signers)
        )
    details: dict[str, str] = {}
    for name in authors:
        put(details, "C2PA:Author", name)
    for account in accounts:
        put(details, "C2PA:Account", account)
    for c in found:
        if c.signer:
            put(details, "C2PA:Signer", ", ".join(n for n in (c.signer, c.signer_org) if n))
    return [Finding(Kind.PERSON_NAME, Severity.HIGH, message, details)]


def _editing(found: list[Credentials], ai_credit: list[str], tags: list[Tag]) -> list[Finding]:
    ai_tools = [*(t for c in found for t in c.ai_tools), *ai_credit]
    tools = unique(tool for c in found for tool in (*c.generators, *c.agents))
    if not (found or ai_tools):
        return []
    named = unique(t for t in ai_tools if t)
    if not found:
        # AI credit lines alone: no Content Credentials to speak of.
        if named:
            message = _("It says it was made with AI ({tools}).").format(tools=listing(named))
        else:
            message = _("It says it was made with AI.")
    else:
        parts = []
        if ai_tools and named:
            parts.append(_("say it was made with AI ({tools})").format(tools=listing(named)))
        elif ai_tools:
            parts.append(_("say it was made with AI"))
        tools = [t for t in tools if t not in ai_tools]
        if tools:
            parts.append(_("name the tools that made it: {tools}").format(tools=listing(tools)))
        companies = unique(c.signer_org or c.signer or "" for c in found if _company(c))
        if companies and not parts:
            signed = listing([c for c in companies if c])
            parts.append(_("are signed by {companies}").format(companies=signed))
        if parts:
            message = _("Its Content Credentials {things}.").format(things=_both(parts))
        else:
            message = _("It carries Content Credentials (C2PA) that record how it was made.")
    details = evidence(tags)
    for c in found:
        for action in c.actions:
            put(details, "C2PA:Action", action.removeprefix(_ACTION_PREFIX))
        for tool in (*c.generators, *c.agents):
            put(details, "C2PA:Tool", tool)
    for tool in unique(t or "unnamed" for t in ai_tools):
        put(details, "AI:Tool", tool)
    return [Finding(Kind.EDITING_HISTORY, Severity.LOW, message, details)]


def _thumbnails(metadata: Metadata) -> list[Finding]:
    sources = [p.source for p in metadata.pictures if p.kind == "thumbnail"]
    inside = [s for s in sources if s.startswith("C2PA")]
    if not inside or len(inside) < len(sources):
        return []
    if "C2PA ingredient" in inside:
        message = _(
            "It carries a thumbnail of the original it was made from inside its"
            " Content Credentials."
        )
    else:
        message = _("It carries a thumbnail of the picture inside its Content Credentials.")
    details: dict[str, str] = {}
    for source in inside:
        put(details, f"{source}:thumbnail", "image")
    return [Finding(Kind.THUMBNAIL, Severity.MEDIUM, message, details)]


def _file_names(found: list[Credentials]) -> list[Finding]:
    titles = unique(c.title for c in found if c.title)
    earlier = [t for t in unique(n for c in found for n in c.ingredients) if t not in titles]
    if not (titles or earlier):
        return []
    parts = []
    if titles:
        parts.append(_("its original file name {names}").format(names=_quoted(titles)))
    if earlier:
        parts.append(
            _("the names of the files it was made from: {names}").format(names=_quoted(earlier))
        )
    message = _("Its Content Credentials keep {things}.").format(things=_both(parts))
    details: dict[str, str] = {}
    for title in titles:
        put(details, "C2PA:Title", title)
    for name in earlier:
        put(details, "C2PA:IngredientTitle", name)
    return [Finding(Kind.COMMENT, Severity.LOW, message, details)]


def _company(c: Credentials) -> bool:
    """Whether the signing certificate names a company (its common name or organisation)."""
    words = " ".join(_WORDS.findall(f"{c.signer or ''} {c.signer_org or ''}".casefold()))
    padded = f" {words} "
    return any(f" {company} " in padded or f" {company}. " in padded
               for company in SIGNING_COMPANIES)  # fmt: skip


def _quoted(values: list[str]) -> str:
    return listing([f"'{v}'" for v in values])


def _both(parts: list[str]) -> str:
    """One or two phrases of a sentence: "a" or "a and b"."""
    return listing(parts, limit=2)
