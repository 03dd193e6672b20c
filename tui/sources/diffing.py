"""Reading two sources and diffing them: what ``paradiff diff`` and the app's diff do."""

from __future__ import annotations

import sys
from typing import NamedTuple

from tui.engine.model import Article, DiffResult
from tui.engine.pipeline import DiffOptions, LazyDiff, ProgressCallback, align_articles
from tui.sources.base import STDIN, Source, SourceError
from tui.sources.readers import read_source

#: Characters in the two articles from which the memory the alignment freed is handed
#: back to the system before the word diff (:func:`_return_freed_memory`).
LARGE_DIFF_CHARS = 4_000_000


class Diffed(NamedTuple):
    """A diff and the two sources it was computed from."""

    result: DiffResult
    a: Source
    b: Source


def diff_sources(
    path_a: str,
    path_b: str,
    options: DiffOptions | None = None,
    progress: ProgressCallback | None = None,
    *,
    allow_stream: bool = False,
    timeout: float | None = None,
    whole_page: bool = False,
) -> Diffed:
    """Read both sources (files, ``-`` or URLs) and diff their articles. Raises
    :class:`SourceError`.

    ``allow_stream``, ``timeout`` and ``whole_page``: as for
    :func:`~tui.sources.readers.read_source` (streams only for paths named on the
    command line); plain text is split into paragraphs by ``options.paragraphs``."""
    if path_a == path_b == STDIN:
        raise SourceError(STDIN, "standard input can be only one of the two articles")
    paragraphs = options.paragraphs if options is not None else "auto"
    a, b = (
        read_source(
            path,
            allow_stream=allow_stream,
            timeout=timeout,
            paragraphs=paragraphs,
            whole_page=whole_page,
        )
        for path in (path_a, path_b)
    )
    alignment = align_articles(a.article, b.article, options, progress)  # as diff_articles
    if _chars(a.article) + _chars(b.article) >= LARGE_DIFF_CHARS:
        _return_freed_memory()
    return Diffed(LazyDiff(alignment).complete(progress), a, b)


def _chars(article: Article) -> int:
    return sum(map(len, article.paragraphs))


def _return_freed_memory() -> None:
    """Hand the free pages of the C heap back to the system (glibc's ``malloc_trim``).

    Aligning two large articles frees over a hundred megabytes of large blocks, which the
    C heap keeps; the word diff then makes small objects, which Python takes from its own
    arenas, not from that heap: without this, the process would hold both at once."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes  # only for large diffs: importing it costs a few milliseconds

    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc (musl has none)
        return
    trim(0)
