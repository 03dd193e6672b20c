"""Sources: the one place that turns a path, standard input or bytes into an article.

Reading (regular files only unless asked, size cap, FIFOs named on the command line,
standard input, http(s) URLs), choosing a reader (plain text, web pages, Word, PDF: see
:mod:`tui.sources.readers`), the error type, and the records and hashes a snapshot keeps
of each source. No Textual; each reader's library, and the network client, are imported
only when such a source is read.
"""

from tui.sources.base import (
    MAX_ARTICLE_BYTES,
    STDIN,
    Reader,
    ReaderError,
    Source,
    SourceError,
    SourceInfo,
)
from tui.sources.diffing import Diffed, diff_sources
from tui.sources.raw import preload_stdin, preload_stream, read_bytes
from tui.sources.readers import (
    READERS,
    is_url,
    read_article,
    read_source,
    read_url_source,
    reader_for,
    refuse_other_schemes,
    source_from_bytes,
    source_info,
)
from tui.sources.records import bytes_sha256, file_sha256

__all__ = [
    "MAX_ARTICLE_BYTES",
    "READERS",
    "STDIN",
    "Diffed",
    "Reader",
    "ReaderError",
    "Source",
    "SourceError",
    "SourceInfo",
    "bytes_sha256",
    "diff_sources",
    "file_sha256",
    "is_url",
    "preload_stdin",
    "preload_stream",
    "read_article",
    "read_bytes",
    "read_source",
    "read_url_source",
    "reader_for",
    "refuse_other_schemes",
    "source_from_bytes",
    "source_info",
]
