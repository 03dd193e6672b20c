"""The records every reader shares: the error types, what a reader returns, a source's
record, the read source, and the :class:`Reader` protocol."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from tui.engine.model import Article

#: Largest source accepted, so a stray multi-gigabyte file fails fast and clearly.
MAX_ARTICLE_BYTES = 256 * 1024 * 1024

#: The name that means standard input.
STDIN = "-"

#: The start of an OLE2 container: an old binary .doc, or a password-protected .docx.
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class SourceError(Exception):
    """A source that cannot be read as an article. ``str(exc)`` is the one-line message,
    ``PATH: reason``; ``path`` and ``reason`` are kept apart for callers that show them
    differently."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ReaderError(Exception):
    """A reader's failure; ``str(exc)`` is a one-line reason without the path (the
    sources package turns it into a :class:`SourceError`)."""


@dataclass(frozen=True)
class Extracted:
    """What a reader produced.

    ``text`` is the produced text, paragraphs separated by one blank line (offsets in
    the JSON refer to it); ``paragraphs`` are those paragraphs when the reader knows
    them (None: the plain-text paragraph rules decide); ``metadata`` holds short
    strings such as ``reader``, ``title``, ``author``, ``date``, ``site``, ``url`` and
    ``encoding`` (which becomes the article's encoding).
    """

    text: str
    paragraphs: list[str] | None
    metadata: dict[str, str] = field(default_factory=dict)


def from_paragraphs(paragraphs: list[str], metadata: dict[str, str]) -> Extracted:
    """An :class:`Extracted` whose text is ``paragraphs`` joined by blank lines."""
    kept = [p for p in paragraphs if p.strip()]
    return Extracted("\n\n".join(kept), kept, {k: v for k, v in metadata.items() if v})


def media_type(content_type: str | None) -> str:
    """``"text/html; charset=utf-8"`` -> ``"text/html"``."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def content_type_charset(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a Content-Type header, if any."""
    match = re.search(r";\s*charset\s*=\s*\"?([\w.:-]+)", content_type or "", re.I)
    return match.group(1) if match else None


@dataclass(frozen=True, slots=True)
class ReadHints:
    """What a reader may use besides the bytes: ``whole_page`` (keep every text block
    of a web page), the ``url`` the bytes came from and its HTTP ``content_type``."""

    whole_page: bool = False
    url: str | None = None
    content_type: str | None = None


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """Where one side of a diff came from: recorded in snapshots, checked when reopened."""

    path: str
    abspath: str
    sha256: str | None
    encoding: str
    size: int | None = None
    #: For a URL: where the redirects ended and when it was fetched (ISO 8601, UTC).
    final_url: str = ""
    fetched_at: str = ""


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
    """Turns the bytes of one kind of source into text and paragraphs.

    :func:`~tui.sources.readers.reader_for` is the one place that chooses a reader: by
    the HTTP ``content_types`` it claims (URLs), else its ``suffixes`` (lower case, with
    the dot), else ``sniff``; the plain-text reader takes the rest. A reader imports its
    library inside ``extract``, so that diffing two text files never pays for it.
    """

    name: str
    suffixes: tuple[str, ...]
    content_types: tuple[str, ...]

    def sniff(self, data: bytes) -> bool:
        """True when ``data`` (its first bytes) is surely of this reader's kind."""
        ...

    def extract(self, data: bytes, hints: ReadHints) -> Extracted:
        """The text in ``data``; raise :class:`ReaderError` with a one-line reason."""
        ...
