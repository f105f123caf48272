"""Reads from the local disk with O_DIRECT, one request in flight, sequential and random.

Standard library only. O_DIRECT bypasses the page cache, so the numbers are the drive's (and
the filesystem's), not host memory's. Where the filesystem refuses O_DIRECT (tmpfs, some
overlay mounts) the reads fall back to buffered I/O after posix_fadvise(DONTNEED) and never
read an offset twice, and the series says so in its notes.
"""

import errno
import mmap
import os
import random
import time

ALIGN = 4096
CHUNK = 8 << 20


def filesystem_of(path):
    """(mount point, filesystem type, device) of the mount that holds ``path``, from /proc/mounts."""
    best = ("", "unknown", "unknown")
    real = os.path.realpath(path)
    try:
        with open("/proc/mounts") as f:
            for line in f:
                dev, mnt, fstype = line.split()[:3]
                if (real == mnt or real.startswith(mnt.rstrip("/") + "/")) and len(mnt) >= len(best[0]):
                    best = (mnt, fstype, dev)
    except OSError:
        pass
    return best


class ProbeFile:
    """A file of ``size`` bytes of incompressible data, written and synced once, then read back."""

    def __init__(self, folder, size):
        self.size = size - size % CHUNK
        self.path = os.path.join(folder, "tiersim-probe-%d.bin" % os.getpid())
        block = os.urandom(CHUNK)
        with open(self.path, "wb") as f:
            for _ in range(self.size // CHUNK):
                f.write(block)
            f.flush()
            os.fsync(f.fileno())
        self.direct, self.note = self._open_mode()

    def _open_mode(self):
        if not hasattr(os, "O_DIRECT"):
            return False, "O_DIRECT is not available on this platform; buffered reads after posix_fadvise(DONTNEED)"
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_DIRECT)
        except OSError as e:
            return False, "O_DIRECT refused (%s); buffered reads after posix_fadvise(DONTNEED), no offset read " \
                          "twice" % (errno.errorcode.get(e.errno, e.errno),)
        try:
            buf = mmap.mmap(-1, ALIGN)
            try:
                os.preadv(fd, [buf], 0)
            finally:
                buf.close()
        except OSError as e:
            return False, "O_DIRECT read refused (%s); buffered reads after posix_fadvise(DONTNEED), no offset " \
                          "read twice" % (errno.errorcode.get(e.errno, e.errno),)
        finally:
            os.close(fd)
        return True, "O_DIRECT reads"

    def open(self):
        flags = os.O_RDONLY | (os.O_DIRECT if self.direct else 0)
        fd = os.open(self.path, flags)
        if not self.direct and hasattr(os, "posix_fadvise"):
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        return fd

    def remove(self):
        try:
            os.unlink(self.path)
        except OSError:
            pass


def offsets(file_size, request, count, sequential, seed=0):
    """Aligned offsets of ``count`` requests of ``request`` bytes: in order from 0 (wrapping), or
    a random sample without repetition."""
    slots = file_size // request
    if slots <= 0:
        raise ValueError("request larger than the file")
    if sequential:
        return [(i % slots) * request for i in range(count)]
    rng = random.Random(seed)
    return [s * request for s in rng.sample(range(slots), min(count, slots))]


def read_requests(probe_file, request, sequential, max_requests, max_seconds, clock=time.perf_counter):
    """Seconds of each request, in issue order; stops at ``max_requests`` or ``max_seconds``."""
    if request % ALIGN:
        raise ValueError("request size must be a multiple of %d" % ALIGN)
    fd = probe_file.open()
    buf = mmap.mmap(-1, request)  # page-aligned, as O_DIRECT requires
    times = []
    try:
        deadline = clock() + max_seconds
        # Buffered reads must never revisit an offset, or the page cache would answer.
        limit = max_requests if probe_file.direct else min(max_requests, probe_file.size // request)
        for off in offsets(probe_file.size, request, limit, sequential, seed=request):
            t0 = clock()
            n = os.preadv(fd, [buf], off)
            t1 = clock()
            if n != request:
                raise IOError("short read: %d of %d bytes at offset %d" % (n, request, off))
            times.append(t1 - t0)
            if t1 > deadline:
                break
    finally:
        buf.close()
        os.close(fd)
    return times
