"""Writing a video's edit plan into a file: the original's kept ranges copied by the
kernel, each straight to its place in the copy, nothing of the samples through Python.

copy_file_range shares the blocks where the file system can (Btrfs, XFS with
reflinks) and otherwise copies them in the kernel, page cache to page cache, as
`cp` does. Where the kernel cannot copy between the two files (two file systems),
the range goes through pread/pwrite in WRITE_PIECE buffers. One thread: several
copying into the same file were measured no faster on ext4 (each buffered write
holds the file's inode lock, so the copies take turns).
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable

from ..editplan import Copy, Step

# Output is written in pieces this size. One multi-megabyte write() has the kernel
# allocate large page-cache folios, which in a VM that reports free memory to its
# host come from pages the host took back: here that made cleaning a 40-photo
# batch after a pause twice as slow. Smaller pieces cost nothing measurable.
WRITE_PIECE = 256 * 1024
# copy_file_range's "not between these two files": copied through here instead.
NOT_IN_KERNEL = (errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP)


def write_plan(source: int, dest: int, steps: Iterable[Step]) -> int:
    """Write the copy `steps` make of the file open as `source` into the empty file
    `dest`; the copy's size."""
    at = 0
    for step in steps:
        if isinstance(step, Copy):
            copy_at(source, dest, step.offset, at, step.length)
            at += step.length
        else:
            write_at(dest, step, at)
            at += len(step)
    return at


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
