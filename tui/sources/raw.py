"""Reading the bytes of a source: a regular file, standard input (``-``) or, when asked
for, a stream named on the command line such as ``<(cmd)``; always within
:data:`~tui.sources.base.MAX_ARTICLE_BYTES`.

Only regular files are read unless the caller says otherwise: a FIFO, a device or a
socket met by accident (in a folder being browsed, behind a symbolic link) is refused
with its type as the reason, without being opened.
"""

from __future__ import annotations

import os
import select
import stat
import sys
import time
from typing import BinaryIO

from tui.files import (
    NotARegularFile,
    describe_file_type,
    describe_os_error,
    read_regular_file,
    too_large_reason,
)
from tui.sources.base import MAX_ARTICLE_BYTES, STDIN, SourceError

#: Standard input once read by :func:`preload_stdin` (it can be read only once).
_preloaded_stdin: bytes | None = None
#: Streams read ahead by :func:`preload_stream`, by absolute path.
_preloaded_streams: dict[str, bytes] = {}

_CHUNK = 1 << 16


def _read_capped(stream: BinaryIO, path: str) -> bytes:
    data = stream.read(MAX_ARTICLE_BYTES + 1)
    if len(data) > MAX_ARTICLE_BYTES:
        raise SourceError(path, too_large_reason(MAX_ARTICLE_BYTES))
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


def preload_stream(path: str) -> bytes:
    """Read the FIFO (``<(cmd)``) named on the command line now, blocking as ``cat``
    does, and keep its bytes: later reads of ``path`` in this process return them (a pipe
    can be read only once, and the app must never wait on one). Raises
    :class:`SourceError`."""
    data = read_bytes(path, allow_stream=True)
    _preloaded_streams[os.path.abspath(path)] = data
    return data


def _read_stream_until(fd: int, path: str, timeout: float) -> bytes:
    """Read a stream opened without blocking to its end, giving up after ``timeout``
    seconds in all (a FIFO nobody writes to would otherwise wait forever)."""
    deadline = time.monotonic() + timeout
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLHUP)
    chunks: list[bytes] = []
    size = 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not poller.poll(left * 1000):
            raise SourceError(
                path, f"nothing more to read after {timeout:g} s (a named pipe nobody writes to?)"
            )
        try:
            chunk = os.read(fd, _CHUNK)
        except BlockingIOError:
            continue
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > MAX_ARTICLE_BYTES:
            raise SourceError(path, too_large_reason(MAX_ARTICLE_BYTES))
        chunks.append(chunk)


def _read_stream(path: str, timeout: float | None) -> bytes:
    if timeout is None:
        with open(path, "rb") as handle:  # blocks until a writer comes, as cat does
            return _read_capped(handle, path)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISFIFO(mode):
            raise SourceError(path, f"{describe_file_type(mode)}, not a regular file")
        return _read_stream_until(fd, path, timeout)
    finally:
        os.close(fd)


def _is_null_device(st: os.stat_result) -> bool:
    try:
        null = os.stat(os.devnull)
    except OSError:
        return False
    return stat.S_ISCHR(st.st_mode) and st.st_rdev == null.st_rdev


def read_bytes(path: str, *, allow_stream: bool = False, timeout: float | None = None) -> bytes:
    """The bytes of the source at ``path`` (``-``: standard input).

    Only a regular file is read (symbolic links followed), checked with ``stat`` before it
    is opened and refused over the size cap without reading it. ``allow_stream`` also
    reads a FIFO such as ``<(cmd)``: for paths the user named on the command line, never
    for files met while browsing. Reading a FIFO blocks until its writer closes it, as
    ``cat`` does, unless ``timeout`` (seconds, in all) is given; the null device reads as
    empty. Other devices and sockets are always refused. Raises :class:`SourceError`
    with a one-line reason.
    """
    try:
        if path == STDIN:
            return _read_stdin()
        preloaded = _preloaded_streams.get(os.path.abspath(path))
        if preloaded is not None:
            return preloaded
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise SourceError(path, "is a directory")
        if allow_stream and stat.S_ISFIFO(st.st_mode):
            return _read_stream(path, timeout)
        if allow_stream and _is_null_device(st):
            return b""  # `paradiff diff /dev/null B`, as diff(1) takes it: an empty article
        return read_regular_file(path, MAX_ARTICLE_BYTES)
    except NotARegularFile as exc:
        raise SourceError(path, exc.reason) from exc
    except OSError as exc:
        raise SourceError(path, describe_os_error(exc)) from exc
