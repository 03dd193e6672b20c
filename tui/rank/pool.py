"""Worker processes that are safe to start from anywhere: the command line, the app, a scan.

The one place that decides how a process pool starts its workers
(:func:`pool_context`) and that readies multiprocessing for a process whose standard
error is not a real file, such as a running Textual app (:func:`prepare_worker_processes`).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import threading
from multiprocessing import resource_tracker
from multiprocessing.context import BaseContext

#: Where Linux lists the threads of this process, one entry each.
_TASKS = "/proc/self/task"


def thread_count() -> int:
    """Threads of this process as the OS counts them (native threads of libraries such
    as rensa or NumPy included), where the OS says; else the Python threads."""
    try:
        return len(os.listdir(_TASKS))
    except OSError:  # not Linux: only the threads Python started are known
        return threading.active_count()


def pool_context() -> BaseContext:
    """Fork when this process runs a single thread (cheapest: the workers inherit what
    is loaded), else forkserver: forking a threaded process (the app, a library's thread
    pool) can leave a child waiting forever on a lock another thread held."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and thread_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def prepare_worker_processes() -> None:
    """Start multiprocessing's resource tracker with the real standard error; call it (on
    the event loop) before any worker process is asked for.

    While a Textual app runs, ``sys.stderr`` is a capture whose ``fileno()`` is -1; the
    tracker, started lazily by the first worker process, passes that descriptor on and
    fails ("bad value(s) in fds_to_keep"), so no work could run in a process. Raises
    :class:`OSError` or :class:`ValueError` when no tracker can start (then run the work
    in one process).
    """
    stderr = sys.__stderr__
    if stderr is None:
        return
    with contextlib.redirect_stderr(stderr):
        resource_tracker.ensure_running()
