"""Exports hold every matching entry, faithfully, and nothing a spreadsheet would run."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from tests.dashboard.history_data import generate
from thinktwice.dashboard import export
from thinktwice.history import FindingRecord, History, HistoryFilter, Inspection

NOW = datetime.now(UTC)


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith("\ufeff".encode())  # spreadsheets need the BOM to read UTF-8
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[History]:
    """A history of more than two of its own pages of entries."""
    with History(tmp_path_factory.mktemp("export") / "h.sqlite3") as history:
        for row in generate(1203, now=NOW):
            history.add(row)
        yield history


@pytest.mark.parametrize("wanted", [HistoryFilter(), HistoryFilter(severity="high")])
def test_every_matching_entry_is_exported_across_pages(big: History, wanted: HistoryFilter) -> None:
    rows = big.all(wanted)  # what the export routes write
    total = big.query(wanted).total
    assert len(rows) == total > 500
    assert len({r.id for r in rows}) == total
    assert [r.created_at for r in rows] == sorted((r.created_at for r in rows), reverse=True)


def test_csv_and_json_hold_the_same_rows_as_the_history() -> None:
    rows = generate(40, now=NOW)
    from_csv = read_csv(export.to_csv(rows))
    from_json = json.loads(export.to_json(rows, NOW))
    assert from_json["total"] == 40
    assert [r["id"] for r in from_csv] == [r["id"] for r in from_json["items"]]
    assert [r["id"] for r in from_csv] == [r.id for r in rows]
    for original, line, item in zip(rows, from_csv, from_json["items"], strict=True):
        assert line["verdict"] == item["verdict"] == original.verdict
        assert line["decision"] == (original.decision or "")
        assert item["decision"] == original.decision
        assert line["site"] == (original.site or "")
        assert line["kinds"] == "; ".join(f.kind for f in original.findings)
        assert [f["message"] for f in item["findings"]] == [f.message for f in original.findings]
        parsed = datetime.fromisoformat(item["created_at"])
        assert parsed == original.created_at.replace(microsecond=parsed.microsecond)


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1 555", "-2+3", "@SUM(A1)", "\tx"])
def test_a_cell_a_spreadsheet_would_run_is_defused(text: str) -> None:
    row = Inspection(
        id=text,
        created_at=NOW,
        site=None,
        format="png",
        size=1,
        verdict="medium",
        findings=(FindingRecord("comment", "medium"),),
        latency_ms=1.0,
    )
    (line,) = read_csv(export.to_csv([row]))
    assert line["id"] == "'" + text


def test_the_file_names_say_what_and_when() -> None:
    moment = datetime(2026, 3, 14, 12, tzinfo=UTC)
    assert (
        export.filename("csv", moment) == f"thinktwice-history-{moment.astimezone():%Y-%m-%d}.csv"
    )
