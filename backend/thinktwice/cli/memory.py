"""Keep freed memory in the process for batches of large files.

Each file is read into a fresh buffer and cleaned into another, a few megabytes
each. By default glibc hands such buffers back to the kernel when they are
freed, so every file pays again for zero-filled pages: about 1 700 page faults
for a 12-megapixel JPEG, which in a virtual machine costs more than cleaning
it. Raising the mmap and trim thresholds makes the allocator reuse the memory
instead. It pays where the batch runs on one thread (`-j 1`, a one-core
machine, or a batch below batch.MIN_PARALLEL files): there a folder of 300
12-megapixel JPEGs was cleaned 2.1 to 2.4 times as fast (scripts/bench, "the
allocator setting"), with 4 600 page faults in all instead of 490 000. On two
threads it made no difference (0.9 to 1.0 times): the worker threads' arenas
keep their memory anyway (6 400 page faults with it, 9 600 without).
"""

from __future__ import annotations

import sys

M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 64 * 1024 * 1024  # buffers below this come from the reusable heap
TRIM_THRESHOLD = 512 * 1024 * 1024  # free memory kept before giving any back


def keep_freed_memory() -> bool:
    """Tune glibc's allocator for large per-file buffers; False where that is not possible."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None)
        mmap_ok: int = libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)
        trim_ok: int = libc.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD)
    except (OSError, AttributeError):  # not glibc (musl has no mallopt)
        return False
    return mmap_ok == 1 and trim_ok == 1
