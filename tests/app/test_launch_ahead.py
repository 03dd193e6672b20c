"""``paradiff A B`` reads and aligns A and B in other processes while the app starts
(issue 13): the diff shown is the one the app computes by itself, a source that cannot be
read is reported as usual, and ``r`` reads the files again in the app."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

import tui.screens.diff as diff_screen
from tests.app.conftest import run_async, wait_for_screen, wait_until
from tests.sources.test_ahead import write_pair
from tui.app import make_app
from tui.cli.launch import prepare_launch
from tui.engine import diff_articles
from tui.screens.browser import BrowserScreen
from tui.screens.diff import DiffScreen
from tui.screens.workers import read_patiently
from tui.sources import Source, read_article, read_source
from tui.sources.ahead import ReadAhead


def launched(path_a: str, path_b: str) -> ReadAhead:
    ahead = prepare_launch(argparse.Namespace(paths=[path_a, path_b], data_dir=None))
    assert ahead is not None
    return ahead


@pytest.fixture
def reads_in_app(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths the app's diff worker reads itself."""
    paths: list[str] = []

    def counted(path: str, **kwargs: object) -> Source:
        paths.append(path)
        return read_patiently(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(diff_screen, "read_patiently", counted)
    return paths


@run_async
async def test_the_diff_read_ahead_is_the_diff_made_in_the_app(
    tmp_path: Path, reads_in_app: list[str]
) -> None:
    path_a, path_b = write_pair(tmp_path)
    expected = diff_articles(read_article(path_a), read_article(path_b))
    app = make_app([path_a, path_b], ahead=launched(path_a, path_b))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await wait_for_screen(pilot, DiffScreen)
        await wait_until(pilot, lambda: screen.result is not None)
        assert screen.result == expected
        assert reads_in_app == []  # read and aligned ahead
        assert screen.sources == (read_source(path_a).info, read_source(path_b).info)
        assert screen.ahead is None  # used once
        Path(path_b).write_text("Only this now.", encoding="utf-8")
        old = screen.result
        await pilot.press("r")  # read again, in the app
        await wait_until(pilot, lambda: screen.result is not old and screen.result is not None)
        assert screen.result is not None and screen.result.b.paragraphs == ("Only this now.",)
        assert reads_in_app == [path_a, path_b]


@run_async
async def test_a_source_read_ahead_that_fails_is_reported_and_the_app_goes_back(
    tmp_path: Path,
) -> None:
    path_a, path_b = write_pair(tmp_path)
    Path(path_b).write_bytes(b"\x00\x01\x02\x00" * 100)
    app = make_app([path_a, path_b], ahead=launched(path_a, path_b))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: bool(pilot.app._notifications))
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, BrowserScreen))
        note = list(pilot.app._notifications)[-1]
        assert note.severity == "error" and note.title == "Cannot diff"
        assert note.message == f"{path_b}: binary file, not text"


@run_async
async def test_work_read_ahead_for_other_paths_is_not_used(tmp_path: Path) -> None:
    path_a, path_b = write_pair(tmp_path)
    ahead = launched(path_b, path_a)  # the other way round: not this diff
    expected = diff_articles(read_article(path_a), read_article(path_b))
    app = make_app([path_a, path_b], ahead=ahead)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await wait_for_screen(pilot, DiffScreen)
        await wait_until(pilot, lambda: screen.result is not None)
        assert screen.result == expected
        assert not any(process.is_alive() for process in ahead._processes)
