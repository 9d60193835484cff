"""Edit plans: a cleaned copy described as pieces of the original it was made from.

The extension already holds the original photo; sending the cleaned copy back
to it whole through native messaging costs Chrome about 30 ms a megabyte. A
plan lets it rebuild the copy itself: a list of steps, each a `Copy` of a run
of the original or bytes to insert. Lossless cleaning keeps the original's
bytes in order and only drops or rewrites small parts, so a JPEG's plan is a
handful of steps. `plan_of` gives up (None) when it cannot find a short plan
cheaply; the copy then travels whole. Whoever applies a plan checks the
result's SHA-256 against the cleaned copy's: a plan is a shortcut, never a
second cleaner.

Pure bytes: imports nothing of the engine.
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_COPY = 16  # shorter common runs are inserted: a step costs more than the bytes
MAX_SEARCHES = 24  # anchor searches through the original before giving up
MAX_INSERTED = 64 * 1024  # a plan inserting more is no shortcut
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class Copy:
    """Copy `length` bytes of the original from `offset`."""

    offset: int
    length: int


Step = Copy | bytes


def plan_of(original: bytes, cleaned: bytes) -> tuple[Step, ...] | None:
    """Steps that rebuild `cleaned` from `original`, or None when none is cheap to find."""
    steps: list[Step] = []
    i = j = 0  # where we are in the original, in the cleaned copy
    inserted = searches = 0
    while j < len(cleaned):
        run = _common_run(original, i, cleaned, j)
        if run >= MIN_COPY:
            steps.append(Copy(i, run))
            i, j = i + run, j + run
            continue
        # cleaned[j:] does not go on from original[i]: find where it goes on from, looking
        # up anchors every MIN_COPY bytes and walking back to where the match starts.
        found = None
        anchor = j
        while found is None and anchor + MIN_COPY <= len(cleaned):
            searches += 1
            if searches > MAX_SEARCHES or anchor - j > MAX_INSERTED:
                return None
            at = original.find(cleaned[anchor : anchor + MIN_COPY], i)
            if at != -1:
                back = 0
                while (
                    anchor - back > j
                    and at - back > i
                    and (original[at - back - 1] == cleaned[anchor - back - 1])
                ):
                    back += 1
                found = (at - back, anchor - back)
            else:
                anchor += MIN_COPY
        start, resume = found if found is not None else (i, len(cleaned))
        if resume > j:
            steps.append(cleaned[j:resume])
            inserted += resume - j
            if inserted > MAX_INSERTED:
                return None
        i, j = start, resume
    return tuple(_merged(steps))


def size(steps: tuple[Step, ...]) -> int:
    """How many bytes `steps` make."""
    return sum(s.length if isinstance(s, Copy) else len(s) for s in steps)


def apply(original: bytes, steps: tuple[Step, ...]) -> bytes:
    """The bytes `steps` make from `original` (what the extension does, in JavaScript)."""
    out = bytearray()
    for step in steps:
        if isinstance(step, Copy):
            if step.offset < 0 or step.offset + step.length > len(original):
                raise ValueError(f"Step {step} reaches past the original's {len(original)} bytes.")
            out += original[step.offset : step.offset + step.length]
        else:
            out += step
    return bytes(out)


def _common_run(a: bytes, i: int, b: bytes, j: int) -> int:
    """How many bytes a[i:] and b[j:] have in common at their start."""
    limit = min(len(a) - i, len(b) - j)
    done = 0
    while done < limit:
        size = min(_CHUNK, limit - done)
        if a[i + done : i + done + size] == b[j + done : j + done + size]:
            done += size
            continue
        # The first difference is in this chunk: the first `low` bytes are equal,
        # the first `high` are not; narrow down until they are one apart.
        low, high = 0, size
        while high - low > 1:
            middle = (low + high) // 2
            if a[i + done : i + done + middle] == b[j + done : j + done + middle]:
                low = middle
            else:
                high = middle
        return done + low
    return done


def _merged(steps: list[Step]) -> list[Step]:
    out: list[Step] = []
    for step in steps:
        last = out[-1] if out else None
        if isinstance(step, Copy) and isinstance(last, Copy):
            if last.offset + last.length == step.offset:
                out[-1] = Copy(last.offset, last.length + step.length)
                continue
        elif isinstance(step, bytes) and isinstance(last, bytes):
            out[-1] = last + step
            continue
        out.append(step)
    return out
