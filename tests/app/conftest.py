"""What every Pilot test shares: running an async test, and waiting for a state of the app.

Never wait for wall-clock time (``pilot.pause(0.5)``, ``asyncio.sleep``) and never bound a
wait by a clock: wait with :func:`wait_until` for the state the next line needs (a screen
mounted, a worker's result shown, a file written). The helpers live in
``screenshots/scenes.py`` because the screenshot script drives the app the same way.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable

from textual import _wait
from textual import app as textual_app
from textual import pilot as textual_pilot
from textual._context import active_app

from screenshots.scenes import (
    WAIT_STEPS,
    diff_ready,
    diff_shown,
    screen_ready,
    wait_for_screen,
    wait_until,
)
from tests.sources.conftest import closed_port, local_server, silent_port  # noqa: F401

__all__ = [
    "WAIT_STEPS",
    "diff_ready",
    "diff_shown",
    "run_async",
    "screen_ready",
    "wait_for_screen",
    "wait_until",
]

#: ``pilot.press`` waits after each key until the app looks idle: Textual sleeps in slices of
#: 20 ms until the process used under 5% of a slice (or 1 s has passed). That costs 40 ms or
#: more per key (the suite presses keys over a thousand times), and on a loaded machine a
#: process left without a core for a slice also looks idle. So: slices of 5 ms, and then the
#: wait goes on until no message waits in the app or its screen (the key, or what it posted).
IDLE_SLICE = 0.005
#: Slices the wait for empty queues lasts at most (then it gives up, as Textual's does).
IDLE_SLICES = 1000
_wait.SLEEP_GRANULARITY = IDLE_SLICE
_wait.SLEEP_IDLE = IDLE_SLICE / 20
_textual_wait_for_idle = _wait.wait_for_idle


def _messages_waiting() -> bool:
    """True when the app under test, its screen or a widget on it has messages queued."""
    try:
        app = active_app.get()
        nodes = [app, *app.screen.walk_children(with_self=True)]
    except Exception:  # no app or no screen here (starting or closing): nothing to wait for
        return False
    return any(node.message_queue_size for node in nodes)


async def _wait_for_idle(min_sleep: float = IDLE_SLICE, max_sleep: float = 1) -> None:
    """Textual's wait for an idle process, then for the app's queues to empty."""
    await _textual_wait_for_idle(min_sleep, max_sleep)
    for _ in range(IDLE_SLICES):
        if not _messages_waiting():
            return
        await asyncio.sleep(IDLE_SLICE)


textual_app.wait_for_idle = _wait_for_idle  # type: ignore[attr-defined]
textual_pilot.wait_for_idle = _wait_for_idle  # type: ignore[attr-defined]


def run_async(fn: Callable[..., Awaitable[None]]) -> Callable[..., None]:
    """Run an async test with asyncio.run (no pytest async plugin needed)."""

    @functools.wraps(fn)
    def wrapper(*args: object, **kwargs: object) -> None:
        asyncio.run(fn(*args, **kwargs))  # type: ignore[arg-type]

    return wrapper
