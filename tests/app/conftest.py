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


def run_async(fn: Callable[..., Awaitable[None]]) -> Callable[..., None]:
    """Run an async test with asyncio.run (no pytest async plugin needed)."""

    @functools.wraps(fn)
    def wrapper(*args: object, **kwargs: object) -> None:
        asyncio.run(fn(*args, **kwargs))  # type: ignore[arg-type]

    return wrapper
