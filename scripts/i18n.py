"""Extract the service's messages and bring every catalog up to date, or check them.

    .venv/bin/python scripts/i18n.py           write backend/thinktwice/i18n/thinktwice.pot
                                               and add new messages to each .po
    .venv/bin/python scripts/i18n.py --check   list untranslated, fuzzy or broken entries
                                               (exit 1 if any); tests/i18n runs the same

Then translate the new entries (empty msgstr) in
backend/thinktwice/i18n/locale/<language>/LC_MESSAGES/thinktwice.po.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "backend"))  # this tree's thinktwice, not an installed one
from thinktwice.i18n import LANGUAGES, SOURCE  # noqa: E402
from thinktwice.i18n.catalogs import po_path  # noqa: E402
from thinktwice.i18n.messages import TEMPLATE, extract, problems, update, write  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only check, write nothing")
    args = parser.parse_args()
    template = extract()
    found = []
    for language in LANGUAGES:
        if language == SOURCE:
            continue
        catalog = update(template, language)
        if not args.check:
            write(catalog, po_path(language))
        found += list(problems(template, catalog))
    if not args.check:
        write(template, TEMPLATE)
        print(f"{len(template)} messages; wrote {TEMPLATE.relative_to(ROOT)} and the catalogs")
    for line in found:
        print(line)
    if found:
        print(f"{len(found)} entries to translate or fix", file=sys.stderr)
    return 1 if found and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
