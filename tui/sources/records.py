"""Hashes and records of sources, so a snapshot can tell later whether a file changed."""

from __future__ import annotations

import hashlib
import os
import stat

from tui.engine.loading import LoadError, load_article
from tui.engine.model import Article
from tui.sources.base import STDIN, SourceInfo

_HASH_CHUNK = 1 << 20


def bytes_sha256(data: bytes) -> str:
    """SHA-256 of ``data`` (use it on the bytes an article was decoded from)."""
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: str | os.PathLike[str]) -> str | None:
    """SHA-256 of a regular file's bytes, or ``None`` when it is missing, unreadable or not
    a regular file (a FIFO or device is never opened)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            while chunk := handle.read(_HASH_CHUNK):
                digest.update(chunk)
        return digest.hexdigest()
    except OSError:
        return None


def _read_regular(path: str) -> bytes | None:
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def _decodes_to(data: bytes, article: Article) -> bool:
    try:
        return load_article(data, article.path).paragraphs == article.paragraphs
    except LoadError:
        return False


def source_info(article: Article, sha256: str | None = None, size: int | None = None) -> SourceInfo:
    """The record of one source.

    Pass the SHA-256 of the bytes actually read when you have it (a :class:`Source` has
    its record already). Without it the file at ``article.path`` is read now and hashed,
    but only if it still decodes to the same paragraphs (a file edited since the diff,
    standard input ``-``, a pipe or a missing file record no hash: their state is then
    "unknown").
    """
    if not article.path or article.path == STDIN:
        return SourceInfo(article.path, "", sha256, article.encoding, size)
    abspath = os.path.abspath(article.path)
    if sha256 is None:
        data = _read_regular(abspath)
        if data is not None and _decodes_to(data, article):
            sha256, size = bytes_sha256(data), len(data)
    return SourceInfo(article.path, abspath, sha256, article.encoding, size)
