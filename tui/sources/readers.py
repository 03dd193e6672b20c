"""Which reader reads a source, reading a source by name, and the record of a source.

To add a reader (HTML, .docx, PDF): write a module beside :mod:`tui.sources.text` with a
class following :class:`~tui.sources.base.Reader`, importing its library lazily, and add
an instance to :data:`READERS` (before the text reader, which is the fallback).
"""

from __future__ import annotations

import os
from pathlib import PurePath

from tui.engine.model import Article
from tui.files import NotARegularFile, read_regular_file
from tui.sources.base import MAX_ARTICLE_BYTES, STDIN, Reader, Source, SourceError, SourceInfo
from tui.sources.raw import read_bytes
from tui.sources.records import bytes_sha256
from tui.sources.text import TextReader

TEXT_READER = TextReader()

#: Every reader, tried in order; the text reader last (it takes what nobody claims).
READERS: tuple[Reader, ...] = (TEXT_READER,)


def reader_for(path: str, data: bytes) -> Reader:
    """The reader for a source: by its suffix, else by sniffing its bytes, else text."""
    suffix = PurePath(path).suffix.lower()
    for reader in READERS:
        if suffix and suffix in reader.suffixes:
            return reader
    for reader in READERS:
        if reader.sniff(data):
            return reader
    return TEXT_READER


def _read_regular(path: str) -> bytes | None:
    try:
        return read_regular_file(path, MAX_ARTICLE_BYTES)
    except (OSError, NotARegularFile):
        return None


def _decodes_to(data: bytes, article: Article) -> bool:
    try:
        reader = reader_for(article.path, data)
        return reader.read(data, article.path).paragraphs == article.paragraphs
    except SourceError:
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


def source_from_bytes(data: bytes, path: str) -> Source:
    """The source made of ``data`` (read from ``path``). Raises ``SourceError``."""
    reader = reader_for(path, data)
    article = reader.read(data, path)
    info = source_info(article, bytes_sha256(data), len(data))
    return Source(article, data, info, reader.name)


def read_source(path: str, *, allow_stream: bool = False, timeout: float | None = None) -> Source:
    """Read the source at ``path`` (``-``: standard input).

    Only regular files, unless ``allow_stream``: then a FIFO such as ``<(cmd)`` too, read
    within ``timeout`` seconds when given (see :func:`~tui.sources.raw.read_bytes`).
    Raises :class:`~tui.sources.base.SourceError` with a one-line reason.
    """
    data = read_bytes(path, allow_stream=allow_stream, timeout=timeout)
    return source_from_bytes(data, path)


def read_article(path: str, *, allow_stream: bool = False, timeout: float | None = None) -> Article:
    """The article at ``path`` (see :func:`read_source`)."""
    return read_source(path, allow_stream=allow_stream, timeout=timeout).article
