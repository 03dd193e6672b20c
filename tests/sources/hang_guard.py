"""Calling code that must not block on a FIFO, without letting a regression hang the run."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

#: Only fires when the code under test blocks: then it is a failure, not a wait.
GENEROUS_SECONDS = 60.0


def _release(fifos: Iterable[Path]) -> None:
    """Open each FIFO for writing and close it: a reader blocked on it sees end of file."""
    for fifo in fifos:
        with contextlib.suppress(OSError):
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))


def call_without_hanging(function: Callable[[], T], fifos: Iterable[Path] = ()) -> T:
    """``function()`` in a thread; if it is still blocked after :data:`GENEROUS_SECONDS`,
    release the FIFOs it may be reading and fail the test."""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = function()
        except BaseException as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(GENEROUS_SECONDS)
    if thread.is_alive():
        fifos = list(fifos)
        _release(fifos)
        thread.join(GENEROUS_SECONDS)
        raise AssertionError(f"blocked on a FIFO ({', '.join(map(str, fifos))})")
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]
