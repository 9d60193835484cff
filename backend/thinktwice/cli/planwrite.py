"""Writing a video's edit plan into a file: the original's kept ranges copied by the
kernel, on several threads at once, each straight to its place in the copy.

A plan says where every byte of the copy comes from, so where each step goes is
known before anything is written. The big ranges (a video's samples) are cut into
pieces that threads copy at the same time with copy_file_range, each at its own
offset. Moving a gigabyte through the page cache is memory copying and page
allocation (in a VM, memory the host has to give back): bound by one core on one
thread, as `cp` is, it takes about half as long on two. Nothing of the samples
passes through Python: where the kernel cannot copy between the two files (two
file systems), each piece goes through pread/pwrite in WRITE_PIECE buffers.
"""

from __future__ import annotations

import errno
import os
import threading
from collections.abc import Iterable, Iterator

from ..editplan import Copy, Step

# Output is written in pieces this size. One multi-megabyte write() has the kernel
# allocate large page-cache folios, which in a VM that reports free memory to its
# host come from pages the host took back: here that made cleaning a 40-photo
# batch after a pause twice as slow. Smaller pieces cost nothing measurable.
WRITE_PIECE = 256 * 1024
# What one thread copies at a time: big enough that a piece costs nothing to hand
# out, small enough that the threads finish together.
COPY_PIECE = 32 * 1024 * 1024
MAX_THREADS = 4
# copy_file_range's "not between these two files": copied through here instead.
NOT_IN_KERNEL = (errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP)

# (offset in the original, offset in the copy, length)
Piece = tuple[int, int, int]


def write_plan(source: int, dest: int, steps: Iterable[Step], *, piece: int = COPY_PIECE) -> int:
    """Write the copy `steps` make of the file open as `source` into the empty file
    `dest`, the inserted bytes first, then the copied ranges `piece` bytes at a time
    on up to MAX_THREADS threads; the copy's size."""
    pieces: list[Piece] = []
    at = 0
    for step in steps:
        if isinstance(step, Copy):
            pieces.extend(_cut(step, at, piece))
            at += step.length
        else:
            write_at(dest, step, at)
            at += len(step)
    _copy_all(source, dest, pieces)
    return at


def _cut(step: Copy, at: int, piece: int) -> Iterator[Piece]:
    """`step`, going to `at` in the copy, in pieces that end on multiples of `piece`
    in the copy (page-aligned ends, whatever the inserted bytes did to the offsets)."""
    done = 0
    while done < step.length:
        end = min(step.length, (at + done) // piece * piece + piece - at)
        yield step.offset + done, at + done, end - done
        done = end


def _copy_all(source: int, dest: int, pieces: list[Piece]) -> None:
    """Copy every piece, on as many threads as there are cores (at most MAX_THREADS, and
    never more than pieces); the first failure is raised once all threads have stopped."""
    threads = min(len(pieces), MAX_THREADS, len(os.sched_getaffinity(0)))
    if threads <= 1:
        for p in pieces:
            copy_at(source, dest, *p)
        return
    todo = iter(pieces)
    lock = threading.Lock()
    failures: list[BaseException] = []

    def work() -> None:
        while not failures:
            with lock:
                p = next(todo, None)
            if p is None:
                return
            try:
                copy_at(source, dest, *p)
            except BaseException as exc:  # raised again in the caller's thread
                failures.append(exc)

    workers = [threading.Thread(target=work, name=f"copy-{i}") for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    if failures:
        raise failures[0]


def copy_at(source: int, dest: int, offset: int, at: int, length: int) -> None:
    """Copy `length` bytes of `source` from `offset` to `at` in `dest`, in the kernel where
    it can (copy_file_range shares or copies the blocks without passing them through here)."""
    done = 0
    kernel = True
    while done < length:
        sent = 0
        if kernel:
            try:
                sent = os.copy_file_range(source, dest, length - done, offset + done, at + done)
            except OSError as exc:
                if exc.errno not in NOT_IN_KERNEL:
                    raise
                kernel = False
        if sent == 0:  # not in the kernel, or the original ends early: pread tells which
            chunk = os.pread(source, min(WRITE_PIECE, length - done), offset + done)
            if not chunk:
                raise OSError(errno.EIO, "the original got shorter while it was copied")
            write_at(dest, chunk, at + done)
            sent = len(chunk)
        done += sent


def write_at(fd: int, data: bytes | memoryview, at: int) -> None:
    """Write all of `data` at `at` in `fd` (pwrite may take less than asked)."""
    view = memoryview(data)
    while view:
        written = os.pwrite(fd, view[:WRITE_PIECE], at)
        view, at = view[written:], at + written
