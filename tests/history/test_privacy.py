"""Nothing precise reaches the disk, and what is deleted is gone from every file."""

from __future__ import annotations

from pathlib import Path
from uuid import uuid4

import pytest

import thinktwice
from tests.support.clock import Clock
from tests.support.images import LATITUDE, LONGITUDE, tagged_jpeg
from thinktwice.history import FindingRecord, History, Inspection

from .build import T0, files_containing, inspection

# Every way the test photo's position could be written down: decimal degrees as
# exiftool wrote them, and the degrees-minutes-seconds the engine decodes.
GPS_NEEDLES = (
    str(LATITUDE).encode(),
    str(LONGITUDE).encode(),
    *(b"48.82", b"2.28", b"49'", b"18.84", b'20.4"'),
)
IMAGE_NEEDLES = (b"\xff\xd8\xff", b"Exif\x00\x00", b"JFIF")


def _record(data: bytes, site: str) -> Inspection:
    """What the server will store for one inspected upload."""
    report = thinktwice.inspect(data, "IMG_2041.jpg")
    evidence = " ".join(v for f in report.findings for v in f.evidence.values())
    assert str(LATITUDE) in evidence  # the report does hold the position...
    return Inspection(
        id=uuid4().hex,
        created_at=T0,
        site=site,
        format=report.format,
        size=len(data),
        verdict=report.verdict,
        findings=tuple(
            FindingRecord(f.kind.value, f.severity.label, f.message) for f in report.findings
        ),
        latency_ms=8.0,
    )


def test_no_file_holds_the_gps_position_or_image_bytes(db_path: Path, clock: Clock) -> None:
    data = tagged_jpeg()
    record = _record(data, "https://web.whatsapp.com/chat")
    history = History(db_path, clock=clock)
    history.add(record)
    history.decide(record.id, "sent_cleaned")
    assert history.query().items[0].findings[0].kind == "location"
    history.stats()
    # ...but no file does, neither while open (-wal, -shm) nor after closing.
    for needle in GPS_NEEDLES:
        assert files_containing(db_path.parent, needle) == [], needle
    history.close()
    for needle in (*GPS_NEEDLES, *IMAGE_NEEDLES):
        assert files_containing(db_path.parent, needle) == [], needle
    assert files_containing(db_path.parent, b"near Vanves") == [db_path.name]


SECRET = "meet me at the blue door"


@pytest.mark.parametrize("forget", ["delete", "clear", "prune"])
def test_forgotten_rows_leave_no_trace_on_disk(db_path: Path, clock: Clock, forget: str) -> None:
    secret = inspection(findings=(FindingRecord("comment", "medium", f"It says “{SECRET}”."),))
    with History(db_path, clock=clock) as history:
        history.add(secret)
        history.add(inspection("kept", findings=()))
    with History(db_path, clock=clock) as history:  # the rows now live in the main file
        assert files_containing(db_path.parent, SECRET.encode()) == [db_path.name]
        if forget == "prune":
            clock.advance(days=91)
        forgotten = {"delete": lambda: int(history.delete("a")), "clear": history.clear}
        assert forgotten.get(forget, history.prune)() >= 1
        assert files_containing(db_path.parent, SECRET.encode()) == []
