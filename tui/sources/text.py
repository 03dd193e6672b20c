"""The plain-text reader: UTF-8, UTF-16/32 with a BOM, cp1252 or latin-1; paragraphs
separated by blank lines. It also reads every source no other reader claims."""

from __future__ import annotations

from tui.engine.loading import LoadError, load_article
from tui.engine.model import Article
from tui.sources.base import SourceError


class TextReader:
    """Plain text (``.txt``, ``.md``, no suffix, and anything unclaimed)."""

    name = "text"
    suffixes = (".txt", ".text", ".md", ".markdown")

    def sniff(self, data: bytes) -> bool:
        """Never claims bytes by content: it is the fallback reader."""
        return False

    def read(self, data: bytes, path: str) -> Article:
        """Decode ``data`` and split it into paragraphs."""
        try:
            return load_article(data, path)
        except LoadError as exc:
            raise SourceError(path, str(exc)) from exc
