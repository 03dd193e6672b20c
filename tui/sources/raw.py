"""Reading the bytes of a source: a file, a FIFO such as ``<(cmd)``, or standard input
(``-``), within :data:`~tui.sources.base.MAX_ARTICLE_BYTES`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

from tui.files import describe_os_error
from tui.sources.base import MAX_ARTICLE_BYTES, STDIN, SourceError

#: Standard input once read by :func:`preload_stdin` (it can be read only once).
_preloaded_stdin: bytes | None = None


def _read_capped(stream: BinaryIO, path: str) -> bytes:
    data = stream.read(MAX_ARTICLE_BYTES + 1)
    if len(data) > MAX_ARTICLE_BYTES:
        raise SourceError(path, f"too large (over {MAX_ARTICLE_BYTES // 2**20} MiB)")
    return data


def _read_stdin() -> bytes:
    if _preloaded_stdin is not None:
        return _preloaded_stdin
    if sys.stdin is None:
        raise SourceError(STDIN, "standard input is closed")
    return _read_capped(sys.stdin.buffer, STDIN)


def preload_stdin() -> bytes:
    """Read standard input now and keep it: later reads of ``-`` in this process return
    the same bytes (the app reads its sources again on re-read and swap, and must read
    standard input before it takes the terminal)."""
    global _preloaded_stdin
    try:
        data = _read_stdin()
    except OSError as exc:
        raise SourceError(STDIN, describe_os_error(exc)) from exc
    _preloaded_stdin = data
    return data


def read_bytes(path: str) -> bytes:
    """The bytes of the source at ``path`` (``-``: standard input). Raises
    :class:`SourceError` with a one-line reason."""
    try:
        if path == STDIN:
            return _read_stdin()
        if Path(path).is_dir():
            raise SourceError(path, "is a directory")
        with open(path, "rb") as handle:  # also FIFOs such as <(cmd)
            return _read_capped(handle, path)
    except OSError as exc:
        raise SourceError(path, describe_os_error(exc)) from exc
