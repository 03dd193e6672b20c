"""Small file helpers shared by the sources, the snapshot store and the exporters: reading
regular files only (never a FIFO or a device by accident), atomic writes and short reasons
for OS errors. No Textual, no engine."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

_READ_CHUNK = 1 << 20


class NotARegularFile(Exception):
    """A path that is not a regular file, or one over the size limit; ``reason`` (also
    ``str(exc)``) says which, in a few words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


#: What each kind of file is called, for people (the first test that holds wins).
_FILE_TYPES = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISREG, "a regular file"),
)


def describe_file_type(mode: int) -> str:
    """What a file of ``mode`` is, for people: ``a named pipe (FIFO)``, ``a folder``..."""
    return next((name for test, name in _FILE_TYPES if test(mode)), "not a regular file")


def too_large_reason(limit: int) -> str:
    """The reason given for a file over ``limit`` bytes."""
    return f"too large (over {limit // 2**20} MiB)"


def read_regular_file(
    path: str | os.PathLike[str], limit: int, *, follow_symlinks: bool = True
) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Checked before anything is read: ``stat`` first, so a FIFO, a device or a socket is
    never opened (a symbolic link too, with ``follow_symlinks=False``); then opened without
    blocking and checked again with ``fstat`` (the same file, still regular, within
    ``limit``), so a sparse multi-gigabyte file costs nothing. Raises
    :class:`NotARegularFile`, or :class:`OSError` (missing, permission denied...).
    """
    before = os.stat(path, follow_symlinks=follow_symlinks)
    if not stat.S_ISREG(before.st_mode):
        raise NotARegularFile(f"{describe_file_type(before.st_mode)}, not a regular file")
    if before.st_size > limit:
        raise NotARegularFile(too_large_reason(limit))
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    try:
        now = os.fstat(fd)
        if not stat.S_ISREG(now.st_mode) or (now.st_dev, now.st_ino) != (
            before.st_dev,
            before.st_ino,
        ):
            raise NotARegularFile("replaced while being opened, not read")
        if now.st_size > limit:
            raise NotARegularFile(too_large_reason(limit))
        chunks: list[bytes] = []
        size = 0
        while size <= limit:  # the file may grow while it is read: stop past the limit
            chunk = os.read(fd, min(_READ_CHUNK, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise NotARegularFile(too_large_reason(limit))
        return b"".join(chunks)
    finally:
        os.close(fd)


def describe_os_error(exc: OSError) -> str:
    """A short reason for an OS error, for people: ``no such file``, ``permission denied``."""
    if exc.errno == errno.ENOSPC:
        return "no space left on device"
    if exc.errno == errno.EDQUOT:
        return "disk quota exceeded"
    if exc.errno == errno.EROFS:
        return "read-only file system"
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, NotADirectoryError):
        return "not a folder"
    return exc.strerror or type(exc).__name__


def write_atomically(
    target: Path, payload: bytes, *, prefix: str, suffix: str = ".tmp", mode: int = 0o666
) -> None:
    """Write ``payload`` to ``target`` atomically: a new temporary file in the same folder
    (``O_EXCL``: never follows or reuses an existing file), flush, fsync, ``os.replace``.

    A crash or kill leaves either the old file or the new one, never a partial one; the
    temporary file is removed on any failure. Raises :class:`OSError`.
    """
    tmp = target.parent / f"{prefix}{os.urandom(6).hex()}{suffix}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
