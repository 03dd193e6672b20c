"""Reading and aligning two articles ahead, in other processes, while the app starts.

``paradiff A B`` calls :func:`read_ahead` before it imports Textual: two forked processes
read A and B at the same time (the machine's other core works while the app starts) and
hand their paragraphs to a third, which aligns them at once (the groups depend on the
paragraphs alone: :func:`~tui.engine.pipeline.align_groups`) and hands the alignment
over. Meanwhile each reader flags its article's page furniture and collects its name
evidence, which the alignment takes on at its end: the same
:class:`~tui.engine.Alignment` as :func:`~tui.engine.align_articles` makes, sooner. The
app's diff worker collects it with :meth:`ReadAhead.wait` instead of reading and aligning
in its own thread.

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
from collections import Counter
from collections.abc import Callable
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

#: What the aligning process sends the app: ``("article", a)`` and ``("article", b)``
#: once both are read (without their page-furniture flags), ``("progress", fraction)``
#: while aligning, then one of ``("aligned", infos, groups, furniture, known)`` (the
#: flags of A and of B), ``("source", path, reason)`` (a :class:`SourceError`: the
#: exception itself does not pickle) or ``("failed", description)``. A reading process
#: sends the aligning one ``("read", info, article)`` (or why not), then ``("extras",
#: furniture, evidence)`` (:func:`~tui.engine.ledger.name_evidence`; or why not).
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
        articles: tuple[Article, Article] | None = None
        try:
            while True:
                if cancelled():
                    return None
                if not self._conn.poll(POLL_SECONDS):
                    if not self._processes[0].is_alive() and not self._conn.poll():
                        return None
                    continue
                message = self._conn.recv()
                if message[0] == "progress":
                    if progress is not None:
                        progress(float(message[1]))  # type: ignore[arg-type]
                elif message[0] == "article":
                    read_so_far.append(message[1])  # type: ignore[arg-type]
                    if len(read_so_far) == 2:
                        articles = (read_so_far[0], read_so_far[1])
                        if read is not None:
                            read(articles)
                else:
                    return _outcome(message, articles)
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


def _outcome(
    message: Message, articles: tuple[Article, Article] | None
) -> tuple[tuple[SourceInfo, SourceInfo], Alignment] | None:
    from dataclasses import replace

    from tui.engine import Alignment, DiffOptions
    from tui.engine.align import Group

    kind, *payload = message
    if kind == "source":
        path, reason = payload
        raise SourceError(str(path), str(reason))
    if kind != "aligned" or articles is None:
        return None
    infos, groups, furniture, known = payload
    # The articles came first, without their flags (the paragraphs are those prepared
    # for the view meanwhile: the same objects).
    flags_a, flags_b = furniture  # type: ignore[misc]
    a, b = replace(articles[0], furniture=flags_a), replace(articles[1], furniture=flags_b)
    # Groups travel as plain tuples: a frozen dataclass unpickles ten times slower.
    aligned = tuple(Group(ga, gb, moved) for ga, gb, moved in groups)  # type: ignore[attr-defined]
    return infos, Alignment(a, b, aligned, DiffOptions(), known)  # type: ignore[arg-type]


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
    from_a, a_to_leader = context.Pipe(duplex=False)
    from_b, b_to_leader = context.Pipe(duplex=False)
    ends = (from_leader, to_app, from_a, a_to_leader, from_b, b_to_leader)
    options = (paragraphs, whole_page)

    def others(*own: Connection) -> tuple[Connection, ...]:
        """The ends a process closes (it inherits them all): a pipe whose writer died
        then reads as closed instead of waiting for ever."""
        return tuple(end for end in ends if all(end is not mine for mine in own))

    leader = context.Process(
        target=_align_what_is_read,
        args=(from_a, from_b, to_app, others(from_a, from_b, to_app)),
        name="paradiff-align",
        daemon=True,
    )
    readers = [
        context.Process(
            target=_read_side,
            args=(path, options, out, others(out)),
            name=f"paradiff-read-{side}",
            daemon=True,
        )
        for side, path, out in (("a", path_a, a_to_leader), ("b", path_b, b_to_leader))
    ]
    for process in (*readers, leader):
        process.start()
    for end in others(from_leader):  # the children's ends
        end.close()
    return ReadAhead((path_a, path_b), paragraphs, whole_page, [leader, *readers], from_leader)


def _read(path: str, options: tuple[ParagraphMode, bool]) -> tuple[SourceInfo, Article]:
    """Read ``path``, without the page-furniture flags (they are not needed to align)."""
    paragraphs, whole_page = options
    source = read_source(
        path, allow_stream=True, paragraphs=paragraphs, whole_page=whole_page, furniture=False
    )
    return source.info, source.article


def _extras(article: Article) -> tuple[tuple[bool, ...], Counter[str]]:
    """The page-furniture flags of ``article`` and its name evidence."""
    from tui.engine.ledger import name_evidence
    from tui.engine.pipeline import with_furniture

    return with_furniture(article).furniture, name_evidence(article.paragraphs)


def _start_child(foreign: tuple[Connection, ...]) -> None:
    """In a forked process: close the pipe ends of the others; ignore Ctrl+C (it reaches
    every process of the terminal's group: the app decides, a child never prints a
    traceback for it)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for end in foreign:
        end.close()


def _read_side(
    path: str,
    options: tuple[ParagraphMode, bool],
    out: Connection,
    foreign: tuple[Connection, ...],
) -> None:
    """A reading process: read one article and hand it to the aligning process, then
    flag its page furniture and collect its name evidence (while it is aligned)."""
    _start_child(foreign)
    try:
        read = _message_of(lambda: ("read", *_read(path, options)))
        out.send(read)
        if read[0] == "read":
            article = read[2]
            out.send(_message_of(lambda: ("extras", *_extras(article))))  # type: ignore[arg-type]
    except BaseException as exc:  # a message does not go: say why, if the pipe lets us
        with contextlib.suppress(OSError):
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


def _align_what_is_read(
    from_a: Connection, from_b: Connection, out: Connection, foreign: tuple[Connection, ...]
) -> None:
    """The aligning process: take A and B from the reading processes, align, send."""
    _start_child(foreign)
    sender = _Sender(out)
    try:
        sender.send(_message_of(lambda: _align(from_a, from_b, sender)))
    finally:
        sender.close()


def _align(from_a: Connection, from_b: Connection, out: _Sender) -> Message:
    from tui.engine import DiffOptions
    from tui.engine.ledger import known_from_evidence
    from tui.engine.pipeline import align_groups

    read = from_a.recv(), from_b.recv()
    for message in read:  # A's failure first, as a reading in order
        if message[0] != "read":
            return message
    (_, info_a, article_a), (_, info_b, article_b) = read
    # Sent before the alignment, for the app to prepare their display meanwhile; the
    # alignment then refers to these very articles (their flags joined).
    for article in (article_a, article_b):  # one at a time: shorter to unpickle
        out.send(("article", article))
    sent = -1.0

    def progress(fraction: float) -> None:
        nonlocal sent
        if fraction - sent >= PROGRESS_STEP:
            sent = fraction
            out.send(("progress", fraction))

    groups = align_groups(article_a, article_b, DiffOptions(), progress)
    extras = from_a.recv(), from_b.recv()  # made by the readers meanwhile
    for message in extras:
        if message[0] != "extras":
            return message
    (_, furniture_a, evidence_a), (_, furniture_b, evidence_b) = extras
    known = known_from_evidence([evidence_a, evidence_b])  # as document_known_names
    plain = [(g.a, g.b, g.moved) for g in groups]
    return ("aligned", (info_a, info_b), plain, (furniture_a, furniture_b), known)
