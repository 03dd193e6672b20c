"""Ranking many copies against one original, in worker processes.

The units of work are plain module-level functions over picklable inputs returning a small
:class:`~tui.rank.record.CopyRecord`, so any executor can run them: this module's process
pool, a Textual thread worker, or a Dask cluster (``paradiff scan``):

- :func:`rank_article` (two articles), :func:`rank_bytes` (the copy's bytes, e.g. a line
  of a corpus), :func:`rank_path` (the copy read from a file).

:func:`rank_copies` runs :func:`rank_path` over many files and yields each record as its
copy finishes, with the count done. The original goes to each worker once, through the
pool's initializer; each copy is read inside the worker that diffs it, so no text is held
twice and the parent keeps only the records. At most a few tasks per worker are in flight,
whatever the number of copies.

From a Textual thread worker (the app's copies screen)::

    cancel = threading.Event()          # set it when the screen goes away
    with contextlib.closing(rank_copies(original, paths, cancel=cancel)) as updates:
        for update in updates:          # post each to the screen: a row, the progress
            app.call_from_thread(screen.add_record, update.record, update.fraction)
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from tui.engine.model import Article
from tui.engine.pipeline import DiffOptions, diff_articles
from tui.rank.pool import pool_context
from tui.rank.record import CopyRecord, CopyText, RankedCopy, failed_record, record_of
from tui.sources.base import SourceError
from tui.sources.readers import read_source, source_from_bytes

#: Tasks in flight per worker: enough to keep each busy, few enough to bound memory.
TASKS_PER_WORKER = 2
#: How often a waiting :func:`rank_copies` looks at its cancel event, in seconds.
CANCEL_POLL_SECONDS = 0.2


def rank_article(
    original: Article, copy: Article, reader: str = "", options: DiffOptions | None = None
) -> CopyRecord:
    """Diff ``copy`` against ``original`` and reduce the diff to its record."""
    return record_of(diff_articles(original, copy, options), copy.path, reader)


def rank_bytes(
    original: Article, data: bytes, path: str, options: DiffOptions | None = None
) -> CopyRecord:
    """Rank the copy made of ``data`` (named ``path``); a copy that cannot be read or
    diffed gives a record with its reason, never an exception."""
    try:
        source = source_from_bytes(data, path)
        del data  # the article is all we need from here on
        return rank_article(original, source.article, source.reader, options)
    except SourceError as exc:
        return failed_record(path, exc.reason)
    except Exception as exc:  # one copy that breaks the engine must not stop the ranking
        return failed_record(path, _internal_reason(exc))


def rank_path(original: Article, path: str, options: DiffOptions | None = None) -> CopyRecord:
    """Read the copy at ``path`` and rank it (see :func:`rank_bytes`)."""
    return rank_path_keeping(original, path, options, keep=False).record


def rank_path_keeping(
    original: Article, path: str, options: DiffOptions | None = None, *, keep: bool = True
) -> RankedCopy:
    """:func:`rank_path`, with the copy's text when ``keep`` (and the copy was read)."""
    try:
        source = read_source(path)
    except SourceError as exc:
        return RankedCopy(failed_record(path, exc.reason))
    try:
        record = rank_article(original, source.article, source.reader, options)
    except Exception as exc:  # one copy that breaks the engine must not stop the ranking
        return RankedCopy(failed_record(path, _internal_reason(exc)))
    text = CopyText(source.info, source.article) if keep and record.ok else None
    return RankedCopy(record, text)


def _internal_reason(exc: BaseException) -> str:
    if isinstance(exc, MemoryError):
        return "out of memory"
    return f"cannot be diffed: internal error: {type(exc).__name__}: {exc}"


@dataclass(frozen=True, slots=True)
class RankUpdate:
    """One copy finished: its record, how many of ``total`` copies are done, and its text
    when the ranking keeps them."""

    record: CopyRecord
    done: int
    total: int
    text: CopyText | None = None

    @property
    def fraction(self) -> float:
        """Share of the copies done, in [0, 1]."""
        return self.done / self.total if self.total else 1.0


def default_jobs() -> int:
    """Worker processes by default: every core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def rank_copies(
    original: Article,
    paths: Sequence[str],
    *,
    jobs: int | None = None,
    options: DiffOptions | None = None,
    cancel: threading.Event | None = None,
    keep_texts: bool = False,
) -> Iterator[RankUpdate]:
    """Rank the copies at ``paths`` against ``original``; yield each as it finishes
    (in the order they finish: sort afterwards).

    ``jobs``: worker processes (default: all cores); with one job, or one copy, the work
    runs in this process. ``cancel``: set it (from any thread) to stop: no further copy
    is started and the generator ends soon after. Closing the generator (``break`` in a
    ``with contextlib.closing(...)``) stops it the same way. ``keep_texts``: each update
    also carries the copy's text (to save the ranking).
    """
    jobs = default_jobs() if jobs is None else max(1, jobs)
    total = len(paths)
    if jobs == 1 or total <= 1:
        for done, path in enumerate(paths, start=1):
            if cancel is not None and cancel.is_set():
                return
            ranked = rank_path_keeping(original, path, options, keep=keep_texts)
            yield RankUpdate(ranked.record, done, total, ranked.text)
        return
    yield from _rank_in_pool(original, paths, min(jobs, total), options, cancel, keep_texts)


# ---------------------------------------------------------------- the worker processes

#: The original and options of this worker process, set once by :func:`_start_worker`.
_worker_original: Article | None = None
_worker_options: DiffOptions | None = None


def _start_worker(original: Article, options: DiffOptions | None) -> None:
    global _worker_original, _worker_options
    # Ctrl+C is the parent's to handle: it stops the pool, and no worker prints a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_original, _worker_options = original, options


def _rank_in_worker(path: str, keep: bool) -> RankedCopy:
    if _worker_original is None:  # pragma: no cover - the initializer always runs first
        return RankedCopy(failed_record(path, "worker started without the original"))
    return rank_path_keeping(_worker_original, path, _worker_options, keep=keep)


def _rank_in_pool(
    original: Article,
    paths: Sequence[str],
    jobs: int,
    options: DiffOptions | None,
    cancel: threading.Event | None,
    keep: bool,
) -> Iterator[RankUpdate]:
    executor = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=pool_context(),
        initializer=_start_worker,
        initargs=(original, options),
    )
    total = len(paths)
    queue = iter(paths)
    pending: dict[Future[RankedCopy], str] = {}
    done = 0
    try:
        while True:
            while len(pending) < jobs * TASKS_PER_WORKER and not _cancelled(cancel):
                path = next(queue, None)
                if path is None:
                    break
                try:
                    pending[executor.submit(_rank_in_worker, path, keep)] = path
                except BrokenProcessPool as exc:  # a worker died: no copy can start now
                    for lost in (path, *queue):
                        done += 1
                        yield RankUpdate(failed_record(lost, _worker_reason(exc)), done, total)
                    break
            if not pending or _cancelled(cancel):
                return
            finished, _ = wait(pending, timeout=CANCEL_POLL_SECONDS, return_when=FIRST_COMPLETED)
            for future in finished:
                path = pending.pop(future)
                done += 1
                ranked = _outcome(future, path)
                yield RankUpdate(ranked.record, done, total, ranked.text)
    finally:
        executor.shutdown(wait=not _cancelled(cancel) and not pending, cancel_futures=True)


def _cancelled(cancel: threading.Event | None) -> bool:
    return cancel is not None and cancel.is_set()


def _outcome(future: Future[RankedCopy], path: str) -> RankedCopy:
    """The outcome of a finished task; a worker that died gives a record with the reason."""
    try:
        return future.result()
    except Exception as exc:  # e.g. BrokenProcessPool when a worker was killed
        return RankedCopy(failed_record(path, _worker_reason(exc)))


def _worker_reason(exc: BaseException) -> str:
    return f"worker failed: {type(exc).__name__}: {exc}"
