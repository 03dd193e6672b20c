"""The one recipe for slow work and the one way to report a failure.

Every blocking call of the app (reading and diffing files, preparing a display, the
snapshot store, exports) runs through :func:`run_in_thread`: a worker of the screen that
awaits the call in a daemon thread, then hands the value to a callback on the event loop.
A failure is reported by :func:`report_error`, as one sanitised line in a notification;
a failure nobody foresaw (in the callback too) by :func:`report_unexpected`; nothing
reaches the terminal as a traceback.

The threads are daemons: a read that blocks for ever (a named pipe nobody writes to)
never keeps the process alive once the user quits. :func:`call_with_timeout` gives up
waiting for such a read after a while.

Inside the thread, :func:`textual.worker.get_current_worker` is the screen's worker (the
thread runs in a copy of its context), so long work can stop early once
``is_cancelled`` turns true (see :func:`raise_if_cancelled`).
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from textual.app import App
from textual.dom import DOMNode
from textual.worker import Worker, WorkerCancelled, get_current_worker

from tui.engine.paragraphs import ParagraphMode
from tui.export import ExportError
from tui.files import describe_os_error
from tui.open_in_browser import BrowserError
from tui.sanitise import sanitise_line
from tui.settings import SettingsError
from tui.sources import Source, SourceError, is_url, read_source
from tui.store import StoreError

T = TypeVar("T")


class TimedOut(Exception):
    """A call of :func:`call_with_timeout` did not return in time."""


#: Failures whose message is already the one line a person should read.
EXPECTED_ERRORS: tuple[type[Exception], ...] = (
    SourceError,
    StoreError,
    ExportError,
    SettingsError,
    BrowserError,
    TimedOut,
)


def describe_error(error: BaseException | None) -> str:
    """One line saying what went wrong (no class name for the failures we expect)."""
    if isinstance(error, EXPECTED_ERRORS):
        return str(error)
    if isinstance(error, OSError):
        return describe_os_error(error)
    if isinstance(error, MemoryError):
        return "out of memory"
    return f"{type(error).__name__}: {error}"


def report_error(
    node: DOMNode, title: str, error: BaseException | str, *, advice: str = ""
) -> None:
    """Tell the user that something failed: one notification, sanitised, never markup.

    ``advice`` is a sentence added after the reason (e.g. "The diff stays open.").
    """
    message = error if isinstance(error, str) else describe_error(error)
    if advice:
        message = f"{message}. {advice}"
    node.notify(sanitise_line(message), title=sanitise_line(title), severity="error", markup=False)


def report_unexpected(app: App[object], error: BaseException) -> None:
    """Tell the user about a failure nobody foresaw (a bug, a crafted file): one line, no
    traceback; the app keeps running. See :meth:`tui.app.ParadiffApp.unexpected`."""
    unexpected = getattr(app, "unexpected", None)
    if callable(unexpected):
        unexpected(error)
    else:
        report_error(app, "Unexpected error", f"{type(error).__name__}: {error}")


def raise_if_cancelled() -> None:
    """In a thread of :func:`run_in_thread`: stop here if its worker was cancelled."""
    if get_current_worker().is_cancelled:
        raise WorkerCancelled()


def run_in_thread(
    node: DOMNode,
    work: Callable[[], T],
    *,
    group: str,
    failure: str,
    on_done: Callable[[T], object],
    on_failure: Callable[[Exception], object] | None = None,
    advice: str = "",
    exclusive: bool = True,
) -> Worker[None]:
    """Run ``work()`` in a thread for ``node``; then ``on_done(value)`` on the event loop.

    ``exclusive`` cancels the running worker of the same ``group`` (its value is then
    dropped). If ``work`` raises, the failure is reported under the title ``failure``
    (with ``advice``, see :func:`report_error`) and ``on_failure(error)`` (if given) runs. A
    cancelled worker calls neither.
    """

    async def run() -> None:
        try:
            value = await in_daemon_thread(work)
        except WorkerCancelled:
            return
        except Exception as exc:  # every failure is reported, none escapes as a traceback
            report_error(node, failure, exc, advice=advice)
            if on_failure is not None:
                guarded(node, on_failure, exc)
            return
        guarded(node, on_done, value)

    return node.run_worker(run(), group=group, exclusive=exclusive, exit_on_error=False)


def guarded(node: DOMNode, callback: Callable[[T], object], value: T) -> None:
    """``callback(value)`` on the event loop; what it raises is reported, not lost in the
    worker (a worker that does not exit on error would drop it silently)."""
    try:
        callback(value)
    except Exception as exc:  # a bug or a value nobody foresaw: say so, keep running
        report_unexpected(node.app, exc)


async def in_daemon_thread(work: Callable[[], T]) -> T:
    """Await ``work()`` run in a new daemon thread (in a copy of this context, as
    :func:`asyncio.to_thread` does, so the thread sees the current worker).

    Unlike :func:`asyncio.to_thread`, whose pool threads the interpreter joins at exit, a
    call that never returns does not keep the process alive after the app quits.
    """
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()
    context = contextvars.copy_context()

    def settle(value: T | None, error: BaseException | None) -> None:
        if future.done():  # cancelled meanwhile: nobody waits for the value
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(value)  # type: ignore[arg-type]

    def target() -> None:
        try:
            value, error = context.run(work), None
        except BaseException as exc:  # handed to the awaiting coroutine
            value, error = None, exc
        with contextlib.suppress(RuntimeError):  # a closed event loop: the app has quit
            loop.call_soon_threadsafe(settle, value, error)

    threading.Thread(target=target, name="paradiff-work", daemon=True).start()
    return await future


def call_with_timeout(work: Callable[[], T], seconds: float, message: str) -> T:
    """In a thread of :func:`run_in_thread`: ``work()`` in a daemon thread, given up after
    ``seconds`` (raises :class:`TimedOut` with ``message``) or as soon as the worker is
    cancelled. The abandoned thread is a daemon: it never delays quitting.
    """
    worker = get_current_worker()
    done = threading.Event()
    outcome: list[object] = []

    def target() -> None:
        try:
            outcome.append((True, work()))
        except BaseException as exc:  # handed to the waiting thread
            outcome.append((False, exc))
        done.set()

    threading.Thread(target=target, name="paradiff-read", daemon=True).start()
    waited = 0.0
    step = min(0.1, seconds)
    while not done.wait(step):
        waited += step
        if worker.is_cancelled:
            raise WorkerCancelled()
        if waited >= seconds:
            raise TimedOut(message)
    ok, value = outcome[0]  # type: ignore[misc]
    if not ok:
        raise value  # type: ignore[misc]
    return value  # type: ignore[return-value]


#: Seconds the app waits for a named pipe given on the command line (``<(cmd)``) that the
#: command line did not read already; also the total timeout of fetching a URL.
READ_TIMEOUT = 30.0
#: Seconds more the app waits for a URL: its page is extracted after the fetch.
EXTRACT_MARGIN = 15.0


@dataclass(frozen=True, slots=True)
class Reading:
    """How the app reads articles: ``whole_page`` keeps every text block of a web page
    (not only its article), ``paragraphs`` is the plain-text paragraph rule."""

    whole_page: bool = False
    paragraphs: ParagraphMode = "auto"


#: Web pages by their article, plain text split by the automatic rule.
DEFAULT_READING = Reading()


def read_patiently(
    path: str, *, allow_stream: bool = False, reading: Reading = DEFAULT_READING
) -> Source:
    """In a thread of :func:`run_in_thread`: :func:`~tui.sources.read_source` of ``path``
    (a named pipe too with ``allow_stream``, for paths given on the command line), given
    up after :data:`READ_TIMEOUT` (a URL: once its fetch timed out and its page had
    :data:`EXTRACT_MARGIN` to be extracted) or as soon as the worker is cancelled (Esc, a
    newer request): nothing the app reads can hold a worker, or quitting, for ever."""
    seconds = READ_TIMEOUT
    if is_url(path):
        wait = seconds + EXTRACT_MARGIN
        message = f"{path}: no article after {wait:g} s"
    else:
        wait = seconds + 1
        message = f"{path}: nothing to read after {seconds:g} s (a named pipe nobody writes to?)"
    return call_with_timeout(
        lambda: read_source(
            path,
            allow_stream=allow_stream,
            timeout=seconds,
            paragraphs=reading.paragraphs,
            whole_page=reading.whole_page,
        ),
        wait,
        message,
    )
