"""The tag tables are well-formed data."""

from __future__ import annotations

import re

import pytest

from thinktwice.findings import tables
from thinktwice.findings.comments import CLAIMED
from thinktwice.findings.rule import TagTable

ALL_TABLES = [
    value
    for name, value in vars(tables).items()
    if isinstance(value, TagTable) and not name.startswith("_")
] + list(CLAIMED)


@pytest.mark.parametrize("tag_table", ALL_TABLES)
def test_every_spec_is_a_group_pattern_and_a_name(tag_table: TagTable) -> None:
    for group, name in tag_table.specs:
        assert group and name, (group, name)
        assert "*" not in group[:-1], f"only a trailing * is a pattern: {group}"


def test_place_levels_run_from_fine_to_coarse() -> None:
    assert [level for level, _ in tables.PLACE_LEVELS] == ["address", "city", "region", "country"]
    assert {"address", "city"} == tables.PRECISE_PLACE_LEVELS


@pytest.mark.parametrize("pattern", [*tables.EDITOR_COMMENTS, *tables.MEANINGLESS_COMMENT_PATTERNS])
def test_comment_patterns_compile(pattern: str) -> None:
    re.compile(pattern)


def test_editor_patterns_capture_the_tool_name() -> None:
    assert all(re.compile(p).groups == 1 for p in tables.EDITOR_COMMENTS)


def test_stock_phrases_are_stored_casefolded() -> None:
    assert all(p == p.casefold() for p in tables.MEANINGLESS_COMMENTS)
    assert all(p == p.casefold() for p in tables.PLACEHOLDER_NAMES | tables.GENERIC_ACCOUNTS)
