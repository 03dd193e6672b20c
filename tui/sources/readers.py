"""Which reader reads a source, and reading a source by name.

To add a reader (HTML, .docx, PDF): write a module beside :mod:`tui.sources.text` with a
class following :class:`~tui.sources.base.Reader`, importing its library lazily, and add
an instance to :data:`READERS` (before the text reader, which is the fallback).
"""

from __future__ import annotations

from pathlib import PurePath

from tui.engine.model import Article
from tui.sources.base import Reader, Source
from tui.sources.raw import read_bytes
from tui.sources.records import bytes_sha256, source_info
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


def source_from_bytes(data: bytes, path: str) -> Source:
    """The source made of ``data`` (read from ``path``). Raises ``SourceError``."""
    reader = reader_for(path, data)
    article = reader.read(data, path)
    info = source_info(article, bytes_sha256(data), len(data))
    return Source(article, data, info, reader.name)


def read_source(path: str) -> Source:
    """Read the source at ``path`` (``-``: standard input; FIFOs such as ``<(cmd)`` work).

    Raises :class:`~tui.sources.base.SourceError` with a one-line reason.
    """
    return source_from_bytes(read_bytes(path), path)


def read_article(path: str) -> Article:
    """The article at ``path`` (see :func:`read_source`)."""
    return read_source(path).article
