"""Opening input files safely: only regular files, never more than --max-file-size, hashed in chunks.

An archive folder may hold a FIFO (reading it waits forever), a symlink to /dev/zero (endless bytes),
a sparse file of many gigabytes, or a link that points nowhere. Every read of an input file goes
through open_regular(), so such a file becomes a coded failure before a single byte is read.
"""
from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

from ..errors import InputError

# A scanned 300-page report is ~100 MB; a file several times that is not a report we can hold in a
# worker's 1 GB memory ceiling anyway (the readers need a few times the file size).
MAX_FILE_SIZE = 300 * 1024 * 1024
CHUNK = 1024 * 1024

_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a folder"))


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _not_regular(path: Path, mode: int) -> InputError:
    via = " (through a symbolic link)" if os.path.islink(path) else ""
    return InputError("NOT_A_REGULAR_FILE", f"{path.name}: it is {_kind(mode)}{via}, not a regular file, so it "
                      "is not read")


def _open_error(path: Path, e: OSError) -> InputError:
    """BROKEN_LINK for a dangling symlink or a symlink loop, NOT_A_REGULAR_FILE for a socket, else UNREADABLE."""
    if e.errno == errno.ENXIO:  # opening a Unix socket fails this way; say what the file is
        try:
            return _not_regular(path, os.stat(path).st_mode)
        except OSError:
            pass
    if e.errno == errno.ELOOP:
        return InputError("BROKEN_LINK", f"{path.name}: the symbolic link loops back on itself")
    if e.errno == errno.ENOENT and os.path.islink(path):
        return InputError("BROKEN_LINK", f"{path.name}: the symbolic link points at {os.readlink(path)!r}, "
                          "which does not exist")
    return InputError("UNREADABLE", f"{path.name}: cannot open the file ({e.strerror or e})")


def max_size(options: dict | None) -> int | None:
    """The size limit in bytes from parse options (max_file_size; 0 or None in options means the default)."""
    value = (options or {}).get("max_file_size")
    return MAX_FILE_SIZE if value is None else (int(value) or None)


def open_regular(path: str | Path, limit: int | None = MAX_FILE_SIZE):
    """A binary file object for a regular file within the size limit, or InputError (nothing read).

    A symlink to a regular file is followed (archives link duplicates); the checks apply to what it
    points at. The file is opened non-blocking (opening a FIFO must not wait for a writer) and then
    checked with fstat on the open descriptor, so a file swapped between the check and the read is
    caught too.
    """
    p = Path(path)
    try:
        fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        raise _open_error(p, e) from e
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _not_regular(p, st.st_mode)
        if limit and st.st_size > limit:
            raise InputError("TOO_LARGE", f"{p.name}: {st.st_size:,} bytes is over the {limit // (1024 * 1024)} MB "
                             "file-size limit (--max-file-size); not read")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bytes(path: str | Path, limit: int | None = MAX_FILE_SIZE) -> bytes:
    """The whole content of a regular file within the size limit (a file that grows past it is refused)."""
    with open_regular(path, limit) as f:
        data = f.read(limit + 1) if limit else f.read()
    if limit and len(data) > limit:
        raise InputError("TOO_LARGE", f"{Path(path).name}: the file grew past the {limit // (1024 * 1024)} MB "
                         "file-size limit while it was read")
    return data


def sha256(path: str | Path, limit: int | None = MAX_FILE_SIZE) -> str:
    """The sha256 of a regular file, read in 1 MB chunks (memory stays flat whatever the size)."""
    with open_regular(path, limit) as f:
        return sha256_of(f)


def sha256_of(f) -> str:
    """The sha256 of an open binary file from its start, read in 1 MB chunks."""
    import hashlib  # (see digest)

    f.seek(0)
    h = hashlib.sha256()
    for chunk in iter(lambda: f.read(CHUNK), b""):
        h.update(chunk)
    return h.hexdigest()


# Loading OpenSSL for `hashlib` costs ~2.6 ms of a fresh process, a fortieth of a `parse` of one text file; CPython's
# own SHA-256 module loads at no measurable cost and digests ~3 ms per MB against OpenSSL's ~0.6 ms. A digest of less
# than 1 MB in a process that has not loaded hashlib is taken with the built-in module: the same digest either way.
_SMALL = 1 << 20


def digest(data: bytes) -> str:
    """The sha256 (hex) of bytes in memory: a file's digest as the record keeps it."""
    if len(data) < _SMALL and "hashlib" not in sys.modules:
        small = _builtin_sha256()
        if small is not None:
            return small(data).hexdigest()
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _builtin_sha256():
    """CPython's built-in sha256 constructor (module _sha256 up to 3.11, _sha2 after), or None."""
    for name in ("_sha256", "_sha2"):
        try:
            return __import__(name).sha256
        except (ImportError, AttributeError):
            continue
    return None


def head(path: str | Path, n: int, limit: int | None = MAX_FILE_SIZE) -> tuple[bytes, int]:
    """The first n bytes of a regular file and its size."""
    with open_regular(path, limit) as f:
        return f.read(n), os.fstat(f.fileno()).st_size
