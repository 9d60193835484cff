"""A generated history: varied sites, kinds, severities, decisions and dates.

Seeded, so every run builds the same rows; written through History itself, the
way the service records inspections. Used by the dashboard tests and by
scripts/bench_dashboard.py.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from thinktwice.history import FindingRecord, History, Inspection

SITES = (
    "web.whatsapp.com",
    "web.telegram.org",
    "tinder.com",
    "bumble.com",
    "www.instagram.com",
    "discord.com",
    "hinge.co",
    "www.messenger.com",
    "app.slack.com",
    "mail.proton.me",
)
FORMATS = ("jpeg", "jpeg", "jpeg", "png", "heic", "webp", "gif")
# kind -> the severities it comes with (the history keeps no more of a finding).
FINDINGS: dict[str, tuple[str, ...]] = {
    "location": ("high", "medium"),
    "device_serial": ("high",),
    "device_model": ("low",),
    "person_name": ("high",),
    "contact_info": ("high",),
    "capture_time": ("medium",),
    "thumbnail": ("medium", "high"),
    "hidden_image": ("medium",),
    "appended_data": ("high",),
    "editing_history": ("low",),
    "comment": ("medium",),
    "nudity": ("high",),
    "face": ("high", "critical"),
    "code": ("medium",),
    "text": ("medium",),
}
SEVERITY_ORDER = ("info", "low", "medium", "high", "critical")
DECISIONS = (
    ("sent_cleaned", 50),
    ("sent_original", 14),
    ("cancelled", 14),
    ("sent_faces_hidden", 6),
    (None, 16),
)
DAYS = 80  # within the history's default 90-day retention


def generate(count: int, *, now: datetime, seed: int = 6) -> list[Inspection]:
    """`count` inspections over the `DAYS` days before `now`, more of them recently."""
    rng = random.Random(seed)
    kinds = list(FINDINGS)
    decisions, weights = zip(*DECISIONS, strict=True)
    rows = []
    for i in range(count):
        age = timedelta(days=DAYS * rng.random() ** 1.6, seconds=rng.randrange(86_400))
        created = now - min(age, timedelta(days=DAYS))
        findings = []
        if rng.random() > 0.14:  # some photos carry nothing at all
            for kind in rng.sample(kinds, rng.choice((1, 1, 2, 2, 3, 4))):
                findings.append(FindingRecord(kind, rng.choice(FINDINGS[kind])))
        findings.sort(key=lambda f: -SEVERITY_ORDER.index(f.severity))
        verdict = findings[0].severity if findings else "none"
        decision = rng.choices(decisions, weights)[0] if findings else "sent_cleaned"
        rows.append(
            Inspection(
                id=f"gen{seed}-{i:06d}",
                created_at=created,
                site=None if rng.random() < 0.03 else rng.choice(SITES),
                format=rng.choice(FORMATS),
                size=rng.randrange(40_000, 9_000_000),
                verdict=verdict,
                findings=tuple(findings),
                latency_ms=round(rng.uniform(4, 60), 3),
                decision=decision,
                decided_at=None if decision is None else created + timedelta(seconds=5),
            )
        )
    return rows


def fill(
    data_dir: Path, count: int, *, now: datetime | None = None, seed: int = 6
) -> list[Inspection]:
    """Write `count` generated inspections into DATA_DIR/history.sqlite3; returns them."""
    rows = generate(count, now=now or datetime.now(UTC), seed=seed)
    with History(data_dir / "history.sqlite3") as history:
        for row in rows:
            history.add(row)
    return rows
