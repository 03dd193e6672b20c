"""The one decision of how worker processes start (fork only in a single-threaded
process), and that it is made in one place."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from tui.rank import pool

ROOT = Path(__file__).resolve().parents[2]


def test_threads_are_counted_as_the_os_sees_them() -> None:
    before = pool.thread_count()
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert pool.thread_count() == before + 1
    finally:
        release.set()
        thread.join()


def test_without_proc_the_python_threads_are_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_proc(path: str) -> list[str]:
        raise FileNotFoundError(path)

    monkeypatch.setattr(os, "listdir", no_proc)
    monkeypatch.setattr(threading, "active_count", lambda: 7)
    assert pool.thread_count() == 7


@pytest.mark.parametrize(("threads", "method"), [(1, "fork"), (2, "forkserver")])
def test_fork_only_with_a_single_thread(
    threads: int, method: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pool, "thread_count", lambda: threads)
    assert pool.pool_context().get_start_method() == method


def test_the_start_method_is_chosen_in_one_place() -> None:
    choosers = [
        path.relative_to(ROOT).as_posix()
        for path in sorted((ROOT / "tui").rglob("*.py"))
        if "get_context(" in path.read_text(encoding="utf-8")
        or "resource_tracker" in path.read_text(encoding="utf-8")
    ]
    assert choosers == ["tui/rank/pool.py"]
