"""The records every reader shares: the error type, a source's record and the read source."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from tui.engine.model import Article

#: Largest source accepted, so a stray multi-gigabyte file fails fast and clearly.
MAX_ARTICLE_BYTES = 256 * 1024 * 1024

#: The name that means standard input.
STDIN = "-"


class SourceError(Exception):
    """A source that cannot be read as an article. ``str(exc)`` is the one-line message,
    ``PATH: reason``; ``path`` and ``reason`` are kept apart for callers that show them
    differently."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """Where one side of a diff came from: recorded in snapshots, checked when reopened."""

    path: str
    abspath: str
    sha256: str | None
    encoding: str
    size: int | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """A source read as an article: the article, the exact bytes read (hashed for the
    record; nothing else reads the source again) and its record. ``reader`` names the
    reader that turned the bytes into paragraphs."""

    article: Article
    data: bytes
    info: SourceInfo
    reader: str = "text"


class Reader(Protocol):
    """Turns the bytes of one kind of source into an article.

    A reader is chosen by its ``suffixes`` (lower case, with the dot), else by ``sniff``;
    the plain-text reader takes the rest. A reader imports its library inside ``read``,
    so that diffing two text files never pays for it.
    """

    name: str
    suffixes: tuple[str, ...]

    def sniff(self, data: bytes) -> bool:
        """True when ``data`` is surely of this reader's kind, whatever its name."""
        ...

    def read(self, data: bytes, path: str) -> Article:
        """The article in ``data``; raise :class:`SourceError` with a one-line reason."""
        ...
