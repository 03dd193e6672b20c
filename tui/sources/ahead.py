"""Reading and aligning two articles ahead, in other processes, while the app starts.

``paradiff A B`` calls :func:`read_ahead` before it imports Textual: two forked processes
read A and B at the same time (the machine's other core works while the app starts),
then the one that read A aligns their paragraphs at once
(:func:`~tui.engine.pipeline.align_groups`: the groups depend on the paragraphs alone)
and hands the groups over. The app's diff worker collects them with
:meth:`ReadAhead.wait` instead of reading and aligning in its own thread. The articles'
page-furniture flags and name evidence join the groups at the end (the same
:class:`~tui.engine.Alignment` as :func:`~tui.engine.align_articles` makes, sooner),
from whichever makes them first: the app's worker, while the paragraphs are aligned
(large articles: the app then waits for the alignment; its process uses one core at
most, so the aligning process keeps the other to itself), or the aligning process once
it has aligned (small articles: aligned before the app has loaded, its core is free).

Only local files (and standard input or a named pipe the command line already read) are
read ahead: reading them never blocks, so the processes need no timeout. Whatever goes
wrong in a process that is not about the sources (it died, a bug) makes
:meth:`ReadAhead.wait` return None: the caller then does the work itself and meets the
same failure, reported as usual. No Textual here.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from tui.engine.paragraphs import ParagraphMode
from tui.sources.base import SourceError, SourceInfo
from tui.sources.readers import is_url, read_source

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from tui.engine import Alignment, Article

#: Seconds between two looks at the pipe while waiting (to notice a cancellation).
POLL_SECONDS = 0.05
#: Progress reports the aligning process sends, at most (one per step of this size).
PROGRESS_STEP = 0.02

#: Paragraphs whose name evidence is collected at a time (a pattern search holds the
#: interpreter's lock: the app's event loop waits for at most one chunk).
EVIDENCE_CHUNK = 2000

#: What the aligning process sends the app: ``("article", a)`` and ``("article", b)``
#: once both are read (without their page-furniture flags), ``("progress", fraction)``
#: while aligning, then ``("aligned", infos, groups)`` and ``("extras", furniture,
#: known)`` (both articles' flags, the names known), or else ``("source", path,
#: reason)`` (a :class:`SourceError`: the exception itself does not pickle) or
#: ``("failed", description)``.
Message = tuple[object, ...]


class ReadAhead:
    """Two articles being read and aligned in other processes (see the module)."""

    def __init__(
        self,
        paths: tuple[str, str],
        paragraphs: ParagraphMode,
        whole_page: bool,
        processes: list[BaseProcess],
        conn: Connection,
    ) -> None:
        #: The two paths, and how they are read: the app uses the alignment only for a
        #: diff of these paths read this way.
        self.paths = paths
        self.paragraphs = paragraphs
        self.whole_page = whole_page
        self._processes = processes
        self._conn = conn

    def wait(
        self,
        cancelled: Callable[[], bool],
        progress: Callable[[float], None] | None = None,
        read: Callable[[tuple[Article, Article]], None] | None = None,
    ) -> tuple[tuple[SourceInfo, SourceInfo], Alignment] | None:
        """The records of both sources and their alignment, once ready (blocking: in a
        worker thread). ``read(articles)`` is called with both articles once read (their
        page-furniture flags not known yet), while they are being aligned;
        ``progress(fraction)`` follows the alignment (0 to 0.6, as
        :func:`~tui.engine.align_articles` counts). Raises :class:`SourceError` when a
        source cannot be read; returns None when the work must be done again by the
        caller (a process failed, or ``cancelled()`` turned true: the processes are
        stopped then)."""
        read_so_far: list[Article] = []
        extras: _Extras | None = None  # made a step at a time while no message waits
        aligned: Message | None = None
        ended = False  # nothing more comes (the process ended after the groups)
        try:
            while True:
                if cancelled():
                    return None
                if aligned is not None and extras is not None and extras.done:
                    return _outcome(aligned, extras)
                if extras is not None and not extras.done and (ended or not self._conn.poll()):
                    extras.step()
                    continue
                if not self._conn.poll(POLL_SECONDS):
                    if not self._processes[0].is_alive() and not self._conn.poll():
                        return None
                    continue
                try:
                    message = self._conn.recv()
                except EOFError:
                    if aligned is None:
                        raise
                    ended = True
                    continue
                if message[0] == "progress":
                    if progress is not None:
                        progress(float(message[1]))  # type: ignore[arg-type]
                elif message[0] == "article":
                    read_so_far.append(message[1])  # type: ignore[arg-type]
                    if len(read_so_far) == 2:
                        articles = (read_so_far[0], read_so_far[1])
                        if read is not None:
                            read(articles)
                        extras = _Extras(articles)
                elif message[0] == "aligned":
                    aligned = message
                elif aligned is not None:  # the flags and names made there, or why not
                    if message[0] == "extras" and extras is not None:
                        extras.take(message[1], message[2])  # type: ignore[arg-type]
                else:
                    return _outcome(message, extras)
        except (EOFError, OSError):  # the process died without a word
            return None
        finally:
            self.close()

    def close(self) -> None:
        """Stop the processes (if still running) and close the pipe."""
        for process in self._processes:
            if process.is_alive():
                process.kill()
            process.join(timeout=1)
        self._conn.close()


class _Extras:
    """What the alignment of two articles takes on besides their groups: the articles
    with their page-furniture flags, and the known names of both
    (:func:`~tui.engine.ledger.document_known_names`), made a step at a time."""

    def __init__(self, articles: tuple[Article, Article]) -> None:
        self.articles = articles
        self.known: frozenset[str] = frozenset()
        self.done = False
        self._steps = self._make()

    def step(self) -> None:
        """Make one step more (a chunk's name evidence, or an article's flags)."""
        self.done = next(self._steps, True)

    def take(
        self, furniture: tuple[tuple[bool, ...], tuple[bool, ...]], known: frozenset[str]
    ) -> None:
        """Take what another process made of the same articles instead."""
        (a, b), (flags_a, flags_b) = self.articles, furniture
        self.articles = (replace(a, furniture=flags_a), replace(b, furniture=flags_b))
        self.known, self.done = known, True

    def make(self) -> _Extras:
        """Make every step now."""
        while not self.done:
            self.step()
        return self

    def _make(self) -> Iterator[bool]:
        from tui.engine.ledger import known_from_evidence, name_evidence
        from tui.engine.pipeline import with_furniture

        evidence = []
        for article in self.articles:
            for start in range(0, len(article.paragraphs), EVIDENCE_CHUNK):
                evidence.append(name_evidence(article.paragraphs[start : start + EVIDENCE_CHUNK]))
                yield False
        # The evidence of parts adds up to that of the whole: no match spans a line end.
        self.known = known_from_evidence(evidence)
        flagged = with_furniture(self.articles[0])
        yield False
        self.articles = (flagged, with_furniture(self.articles[1]))


def _outcome(
    message: Message, extras: _Extras | None
) -> tuple[tuple[SourceInfo, SourceInfo], Alignment] | None:
    from tui.engine import Alignment, DiffOptions
    from tui.engine.align import Group

    kind, *payload = message
    if kind == "source":
        path, reason = payload
        raise SourceError(str(path), str(reason))
    if kind != "aligned" or extras is None or not extras.done:
        return None
    a, b = extras.articles  # the very paragraphs handed to ``read``, flagged
    infos, groups = payload
    # Groups travel as plain tuples: a frozen dataclass unpickles ten times slower.
    aligned = tuple(Group(ga, gb, moved) for ga, gb, moved in groups)  # type: ignore[attr-defined]
    return infos, Alignment(a, b, aligned, DiffOptions(), extras.known)  # type: ignore[arg-type]


def can_read_ahead(path_a: str, path_b: str) -> bool:
    """True when both sources can be read ahead: no URL (a fetch may hang and is given a
    timeout by the app), and a platform that forks."""
    return hasattr(os, "fork") and not (is_url(path_a) or is_url(path_b))


def read_ahead(
    path_a: str,
    path_b: str,
    *,
    paragraphs: ParagraphMode = "auto",
    whole_page: bool = False,
) -> ReadAhead | None:
    """Start reading ``path_a`` and ``path_b`` (as :func:`~tui.sources.read_source` with
    ``allow_stream``) and aligning them in two forked processes; None when they cannot be
    read ahead (:func:`can_read_ahead`). Call it before any thread is started (forking a
    process that runs threads is unsafe)."""
    if not can_read_ahead(path_a, path_b):
        return None
    # Imported here: multiprocessing only when reading ahead (not for the app's --help).
    from tui.rank.pool import pool_context

    context = pool_context()  # fork: no thread runs yet
    from_leader, to_app = context.Pipe(duplex=False)
    from_reader, to_leader = context.Pipe(duplex=False)
    options = (paragraphs, whole_page)
    # Each process closes the ends that are not its own (it inherits them all): a pipe
    # whose writer died then reads as closed instead of waiting for ever.
    reader = context.Process(
        target=_read_b,
        args=(path_b, options, to_leader, (from_leader, to_app, from_reader)),
        name="paradiff-read-b",
        daemon=True,
    )
    leader = context.Process(
        target=_read_a_and_align,
        args=(path_a, options, from_reader, to_app, (from_leader, to_leader)),
        name="paradiff-align",
        daemon=True,
    )
    reader.start()
    leader.start()
    for end in (to_leader, from_reader, to_app):  # the children's ends
        end.close()
    return ReadAhead((path_a, path_b), paragraphs, whole_page, [leader, reader], from_leader)


def _read(path: str, options: tuple[ParagraphMode, bool]) -> tuple[SourceInfo, Article]:
    """Read ``path``, without its page-furniture flags (not needed to align: the app
    makes them meanwhile)."""
    paragraphs, whole_page = options
    source = read_source(
        path, allow_stream=True, paragraphs=paragraphs, whole_page=whole_page, furniture=False
    )
    return source.info, source.article


def _start_child(foreign: tuple[Connection, ...]) -> None:
    """In a forked process: close the pipe ends of the others; ignore Ctrl+C (it reaches
    every process of the terminal's group: the app decides, a child never prints a
    traceback for it)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for end in foreign:
        end.close()


def _read_b(
    path: str,
    options: tuple[ParagraphMode, bool],
    out: Connection,
    foreign: tuple[Connection, ...],
) -> None:
    """The reading process: read B and hand it to the aligning process."""
    _start_child(foreign)
    try:
        out.send(_message_of(lambda: ("read", *_read(path, options))))
    except BaseException as exc:  # the message does not go: say why, if the pipe lets us
        out.send(_failed(exc))
    finally:
        out.close()


def _message_of(work: Callable[[], Message]) -> Message:
    """What ``work`` returns, else the message that says why it failed."""
    try:
        return work()
    except SourceError as exc:
        return ("source", exc.path, exc.reason)
    except BaseException as exc:  # a bug or no memory: the app does the work again
        return _failed(exc)


def _failed(exc: BaseException) -> Message:
    return ("failed", f"{type(exc).__name__}: {exc}")


class _Sender:
    """Messages to the app, sent in order by a thread of their own: a message larger than
    the pipe holds (an article) waits there until the app reads, and the app reads only
    once Textual has loaded; the alignment goes on meanwhile."""

    def __init__(self, out: Connection) -> None:
        import queue
        import threading

        self._out = out
        self._queue: queue.SimpleQueue[Message | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="paradiff-send", daemon=True)
        self._thread.start()

    def send(self, message: Message) -> None:
        self._queue.put(message)

    def _run(self) -> None:
        while (message := self._queue.get()) is not None:
            try:
                self._out.send(message)
            except OSError:  # the app is gone: nothing more to say
                return
            except BaseException as exc:  # it does not pickle: the app does the work again
                with contextlib.suppress(OSError):
                    self._out.send(_failed(exc))
                return

    def close(self) -> None:
        """Send what is queued, then close the pipe."""
        self._queue.put(None)
        self._thread.join()
        self._out.close()


def _read_a_and_align(
    path: str,
    options: tuple[ParagraphMode, bool],
    from_reader: Connection,
    out: Connection,
    foreign: tuple[Connection, ...],
) -> None:
    """The aligning process: read A, take B from the reading process, align, send."""
    _start_child(foreign)
    sender = _Sender(out)
    try:
        sender.send(_message_of(lambda: _align(path, options, from_reader, sender)))
    finally:
        sender.close()


def _align(
    path: str, options: tuple[ParagraphMode, bool], from_reader: Connection, out: _Sender
) -> Message:
    from tui.engine import DiffOptions
    from tui.engine.pipeline import align_groups

    info_a, article_a = _read(path, options)  # A's failure first, as a reading in order
    b = from_reader.recv()
    if b[0] != "read":
        return b
    _, info_b, article_b = b
    # Sent before the alignment, for the app to prepare their display and make their
    # flags and names meanwhile; the alignment then refers to these very articles.
    for article in (article_a, article_b):  # one at a time: shorter to unpickle
        out.send(("article", article))
    sent = -1.0

    def progress(fraction: float) -> None:
        nonlocal sent
        if fraction - sent >= PROGRESS_STEP:
            sent = fraction
            out.send(("progress", fraction))

    groups = [
        (g.a, g.b, g.moved) for g in align_groups(article_a, article_b, DiffOptions(), progress)
    ]
    out.send(("aligned", (info_a, info_b), groups))
    # The app may be making these too (see the module); it takes whichever come first.
    extras = _Extras((article_a, article_b)).make()
    return ("extras", tuple(article.furniture for article in extras.articles), extras.known)
