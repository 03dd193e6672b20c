"""Hashes of sources, so a snapshot can tell later whether a file changed."""

from __future__ import annotations

import hashlib
import os
import stat

_HASH_CHUNK = 1 << 20


def bytes_sha256(data: bytes) -> str:
    """SHA-256 of ``data`` (use it on the bytes an article was decoded from)."""
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: str | os.PathLike[str]) -> str | None:
    """SHA-256 of a regular file's bytes, or ``None`` when it is missing, unreadable or not
    a regular file (a FIFO or device is never opened: ``stat`` first, then ``fstat``)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            digest = hashlib.sha256()
            while chunk := handle.read(_HASH_CHUNK):
                digest.update(chunk)
        return digest.hexdigest()
    except OSError:
        return None
