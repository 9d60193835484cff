"""Nothing the photo says reaches the disk, and what is deleted is gone from every file."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from uuid import uuid4

import pytest

import thinktwice
from tests.support.clock import Clock
from tests.support.images import LATITUDE, LONGITUDE, PERSON, SERIAL, tagged_jpeg
from tests.support.leaks import contains_coordinates, leaks
from thinktwice.history import FindingRecord, History, Inspection, sentence
from thinktwice.history.migrations import MIGRATIONS, schema_version
from thinktwice.history.sentences import SENTENCES
from thinktwice.models import Kind

from .build import T0, files_containing, inspection

# Every way the test photo's position could be written down: decimal degrees as
# exiftool wrote them, and the degrees-minutes-seconds the engine decodes.
GPS_NEEDLES = (
    str(LATITUDE).encode(),
    str(LONGITUDE).encode(),
    *(b"48.82", b"2.28", b"49'", b"18.84", b'20.4"'),
)
IMAGE_NEEDLES = (b"\xff\xd8\xff", b"Exif\x00\x00", b"JFIF")
# What FULL_METADATA says that the dialog repeats: a name, a serial, places, comments.
WORDS = (PERSON, SERIAL, "Vanves", "12 Rue Example", "for your eyes only", "Our flat")


def _record(data: bytes, site: str) -> Inspection:
    """What the server will store for one inspected upload."""
    report = thinktwice.inspect(data, "IMG_2041.jpg")
    said = " ".join(f.message for f in report.findings)
    evidence = " ".join(v for f in report.findings for v in f.evidence.values())
    assert str(LATITUDE) in evidence  # the report does hold the position...
    assert PERSON in said and "Vanves" in said  # ...and the dialog names a person and a place
    return Inspection(
        id=uuid4().hex,
        created_at=T0,
        site=site,
        format=report.format,
        size=len(data),
        verdict=report.verdict,
        findings=tuple(FindingRecord(f.kind.value, f.severity.label) for f in report.findings),
        latency_ms=8.0,
    )


def test_every_kind_has_a_generic_sentence_that_names_nothing() -> None:
    assert set(SENTENCES) == set(Kind)
    assert sentence("future_kind") == "It reveals something: future kind."
    assert FindingRecord("person_name", "high").message == "It names a person."


def test_no_file_holds_what_the_photo_says(db_path: Path, clock: Clock) -> None:
    data = tagged_jpeg()
    record = _record(data, "https://web.whatsapp.com/chat")
    history = History(db_path, clock=clock)
    history.add(record)
    history.decide(record.id, "sent_cleaned")
    kept = history.query().items[0].findings
    assert {f.kind for f in kept} >= {"location", "person_name", "device_serial", "comment"}
    assert {f.message for f in kept} <= set(SENTENCES.values())
    history.stats()
    # ...but no file does, neither while open (-wal, -shm) nor after closing.
    for needle in GPS_NEEDLES:
        assert files_containing(db_path.parent, needle) == [], needle
    assert leaks(db_path.parent, WORDS) == {}
    history.close()
    for needle in (*GPS_NEEDLES, *IMAGE_NEEDLES):
        assert files_containing(db_path.parent, needle) == [], needle
    assert leaks(db_path.parent, (*WORDS, "/chat")) == {}


SECRET_SITE = "meet-me-at-the-blue-door.example"


@pytest.mark.parametrize("forget", ["delete", "clear", "prune"])
def test_forgotten_rows_leave_no_trace_on_disk(db_path: Path, clock: Clock, forget: str) -> None:
    with History(db_path, clock=clock) as history:
        history.add(inspection(site=SECRET_SITE))
        history.add(inspection("kept", site="tinder.com", findings=()))
    with History(db_path, clock=clock) as history:  # the rows now live in the main file
        assert leaks(db_path.parent, [SECRET_SITE]) == {SECRET_SITE: [db_path.name]}
        if forget == "prune":
            clock.advance(days=91)
        forgotten = {"delete": lambda: int(history.delete("a")), "clear": history.clear}
        assert forgotten.get(forget, history.prune)() >= 1
        assert leaks(db_path.parent, [SECRET_SITE]) == {}


# Sentences the dialog said, as schema version 2 kept them word for word.
OLD_SENTENCES = {
    "location": "It names a place: 221B Baker Street, London (GPS 51.5237, -0.1585).",
    "person_name": "It names Sherlock Holmes.",
    "device_serial": "It carries your camera's serial number: SN-221B-1887.",
    "comment": "It contains a comment: “the key is under the mat”.",
}
OLD_SECRETS = (
    "221B Baker Street", "Sherlock Holmes", "SN-221B-1887", "the key is under the mat",
    "51.5237", "0.1585", "a deleted secret",
)  # fmt: skip


def _version_2_file(db_path: Path) -> sqlite3.Connection:
    """A database as schema 2 left it: two inspections with specific sentences, and a
    third deleted without secure_delete, its text left in the file's free space."""
    db_path.parent.mkdir(parents=True)
    raw = sqlite3.connect(db_path, isolation_level=None)
    raw.execute("PRAGMA journal_mode = WAL").fetchone()
    raw.execute("PRAGMA secure_delete = OFF")
    for step in MIGRATIONS[:2]:
        step(raw)
    raw.execute("PRAGMA user_version = 2")
    for id, site in (("a", "web.whatsapp.com"), ("b", None), ("gone", "tinder.com")):
        raw.execute(
            "INSERT INTO inspections VALUES (?, '2026-11-21T09:30:00.000000Z', ?, "
            "'jpeg', 10, 'high', 1.0, 'sent_cleaned', NULL)",
            (id, site),
        )
    findings = [
        ("a", n, kind, "high", text) for n, (kind, text) in enumerate(OLD_SENTENCES.items())
    ]
    findings.append(("gone", 0, "comment", "medium", "It says “a deleted secret”." * 40))
    raw.executemany("INSERT INTO findings VALUES (?, ?, ?, ?, ?)", findings)
    raw.execute("DELETE FROM findings WHERE inspection_id = 'gone'")
    return raw


def test_an_old_file_loses_its_specific_sentences(db_path: Path, clock: Clock) -> None:
    with closing(_version_2_file(db_path)):
        # The text sits in the WAL; the old program still has the file open.
        assert set(leaks(db_path.parent, OLD_SECRETS)) == set(OLD_SECRETS)
        with History(db_path, clock=clock) as history:
            rows = {row.id: row for row in history.all()}
            assert leaks(db_path.parent, OLD_SECRETS) == {}
    assert rows["a"].findings == tuple(FindingRecord(kind, "high") for kind in OLD_SENTENCES)
    assert [f.message for f in rows["a"].findings] == [
        "It shows where it was taken.",
        "It names a person.",
        "It carries your camera's serial number.",
        "It carries a comment or description.",
    ]
    assert (rows["b"].findings, rows["gone"].findings) == ((), ())
    assert leaks(db_path.parent, OLD_SECRETS) == {}
    with closing(sqlite3.connect(db_path)) as raw:
        assert schema_version(raw) == len(MIGRATIONS)
        columns = [row[1] for row in raw.execute("PRAGMA table_info(findings)")]
    assert columns == ["inspection_id", "position", "kind", "severity"]


@pytest.mark.parametrize(
    "text",
    [
        "It was taken at 48.8219, 2.2890.",
        "It was taken at 48,8219 N 2,2890 E.",
        "Position -33.86785 151.20732",
        "It was taken at 48°49'18\" N, 2°17'20\" E.",
        "GPS 48 deg 49' 18.84\" N",
        "It contains a comment: “48°49′18.8″N”.",
        "XMP says 48,49.314N",
    ],
)
def test_the_leak_check_knows_a_position_when_it_sees_one(text: str) -> None:
    assert contains_coordinates(text)


@pytest.mark.parametrize(
    "text",
    [
        *SENTENCES.values(),
        "It shows where it was taken: about 12 km from Lyon, France (GPS, ±1.5 km).",
        "It shows when it was taken: 14 March 2024, 18:02 (UTC+01:00).",
        "It hides 3.4 MB after the end of the image.",
    ],
)
def test_the_leak_check_lets_place_names_and_sizes_pass(text: str) -> None:
    assert not contains_coordinates(text)
