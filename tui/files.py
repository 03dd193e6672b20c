"""Small file helpers shared by the snapshot store and the exporters: atomic writes and
short reasons for OS errors. No Textual, no engine."""

from __future__ import annotations

import contextlib
import errno
import os
import uuid
from pathlib import Path


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
    tmp = target.parent / f"{prefix}{uuid.uuid4().hex[:12]}{suffix}"
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
