"""Reading two sources and diffing them: what ``paradiff diff`` and the app's diff do."""

from __future__ import annotations

from typing import NamedTuple

from tui.engine.model import DiffResult
from tui.engine.pipeline import DiffOptions, ProgressCallback, diff_articles
from tui.sources.base import STDIN, Source, SourceError
from tui.sources.readers import read_source


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
    return Diffed(diff_articles(a.article, b.article, options, progress), a, b)
