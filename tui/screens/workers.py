"""The one recipe for slow work and the one way to report a failure.

Every blocking call of the app (reading and diffing files, preparing a display, the
snapshot store, exports) runs through :func:`run_in_thread`: a worker of the screen that
awaits the call in a thread, then hands the value to a callback on the event loop. A
failure is reported by :func:`report_error`, as one sanitised line in a notification;
nothing reaches the terminal as a traceback.

Inside the thread, :func:`textual.worker.get_current_worker` is the screen's worker (the
thread runs in a copy of its context), so long work can stop early once
``is_cancelled`` turns true (see :func:`raise_if_cancelled`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

from textual.dom import DOMNode
from textual.worker import Worker, WorkerCancelled, get_current_worker

from tui.export import ExportError
from tui.files import describe_os_error
from tui.sanitise import sanitise_line
from tui.sources import SourceError
from tui.store import StoreError

T = TypeVar("T")

#: Failures whose message is already the one line a person should read.
EXPECTED_ERRORS: tuple[type[Exception], ...] = (SourceError, StoreError, ExportError)


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
            value = await asyncio.to_thread(work)
        except WorkerCancelled:
            return
        except Exception as exc:  # every failure is reported, none escapes as a traceback
            report_error(node, failure, exc, advice=advice)
            if on_failure is not None:
                on_failure(exc)
            return
        on_done(value)

    return node.run_worker(run(), group=group, exclusive=exclusive, exit_on_error=False)
