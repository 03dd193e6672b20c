"""Sources: the one place that turns a path, standard input or bytes into an article.

Reading (regular files only unless asked, size cap, FIFOs named on the command line,
standard input), choosing a reader (plain text today), the error
type, and the records and hashes a snapshot keeps of each source. No Textual.
"""

from tui.sources.base import (
    MAX_ARTICLE_BYTES,
    STDIN,
    Reader,
    Source,
    SourceError,
    SourceInfo,
)
from tui.sources.diffing import Diffed, diff_sources
from tui.sources.raw import preload_stdin, preload_stream, read_bytes
from tui.sources.readers import (
    READERS,
    read_article,
    read_source,
    reader_for,
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
    "Source",
    "SourceError",
    "SourceInfo",
    "bytes_sha256",
    "diff_sources",
    "file_sha256",
    "preload_stdin",
    "preload_stream",
    "read_article",
    "read_bytes",
    "read_source",
    "reader_for",
    "source_from_bytes",
    "source_info",
]
