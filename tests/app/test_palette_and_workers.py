"""The command palette, workers that stop when left, and swapping sides as a new diff."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from tests.app.conftest import diff_shown, run_async, wait_for_screen, wait_until
from tests.app.test_app import SEED_002, SEED_003
from tui.app import ParadiffApp, make_app
from tui.engine import diff_articles
from tui.screens import diff as diff_screen
from tui.screens.browser import BrowserScreen
from tui.screens.diff import DiffScreen
from tui.sources import diff_sources


def palette_titles(app: ParadiffApp) -> list[str]:
    return [command.title for command in app.get_system_commands(app.screen)]


@run_async
async def test_palette_lists_each_command_once(tmp_path: Path) -> None:
    app = make_app([str(SEED_002), str(SEED_003)], data_dir=str(tmp_path / "data"))
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_for_screen(pilot, DiffScreen)
        titles = palette_titles(app)
        assert titles.count("Quit") == 1 and "Next change" in titles
        assert len(set(titles)) == len(titles)
        await pilot.press("escape")
        await wait_for_screen(pilot, BrowserScreen)
        titles = palette_titles(app)
        assert titles.count("Quit") == 1 and "Compare" in titles


@run_async
async def test_palette_screenshot_without_a_downloads_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))  # a home without ~/Downloads
    app = make_app([str(tmp_path)], data_dir=str(tmp_path / "data"))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, BrowserScreen)
        [screenshot] = [c for c in app.get_system_commands(app.screen) if c.title == "Screenshot"]
        screenshot.callback()
        await wait_until(pilot, lambda: bool(app._notifications))
        [note] = app._notifications
        [saved] = (tmp_path / "data" / "screenshots").iterdir()
        assert (note.title, note.severity) == ("Screenshot", "information")
        assert note.message == f"Saved to {saved}"
        assert saved.suffix == ".svg" and saved.read_text().startswith("<svg")
    assert not (home / "Downloads").exists()


@run_async
async def test_escape_stops_the_diff_worker_at_its_next_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Leaving a diff that is still aligning cancels its worker; the engine's progress
    callback then stops the thread (it would otherwise run to the end)."""
    started = threading.Event()
    ended: list[str] = []
    rows = 10_000_000

    def endless(a: object, b: object, options: object = None, progress: object = None):  # type: ignore[no-untyped-def]
        assert callable(progress)
        started.set()
        try:
            for row in range(rows):
                progress(row / rows)
        except BaseException as exc:
            ended.append(type(exc).__name__)
            raise
        ended.append("ran to the end")
        raise AssertionError("not cancelled")

    monkeypatch.setattr(diff_screen, "align_articles", endless)
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("one")
    b.write_text("two")
    app = make_app([str(a), str(b)], data_dir=str(tmp_path / "data"))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, DiffScreen)
        await wait_until(pilot, started.is_set)
        await pilot.press("escape")
        await wait_for_screen(pilot, BrowserScreen)
        await wait_until(pilot, lambda: bool(ended))
        assert ended == [WorkerCancelled.__name__]
        assert not app._notifications  # cancelling is not an error


async def swapped(pilot: Pilot, screen: DiffScreen, a_name: str) -> None:
    """Wait until ``screen`` shows a result whose A side is ``a_name``."""
    await wait_until(
        pilot,
        lambda: (
            screen.result is not None
            and Path(screen.result.a.path).name == a_name
            and diff_shown(pilot.app)
        ),
    )


@run_async
async def test_swap_gives_the_figures_of_b_against_a(tmp_path: Path) -> None:
    app = make_app([str(SEED_002), str(SEED_003)], data_dir=str(tmp_path / "data"))
    forward = diff_sources(str(SEED_002), str(SEED_003)).result
    backward = diff_sources(str(SEED_003), str(SEED_002)).result
    async with app.run_test(size=(120, 35)) as pilot:
        screen = await wait_for_screen(pilot, DiffScreen)
        await swapped(pilot, screen, SEED_002.name)
        assert screen.result is not None and screen.result.stats == forward.stats
        await pilot.press("x")
        await swapped(pilot, screen, SEED_003.name)
        assert screen.result.stats == backward.stats
        assert screen.paths == (str(SEED_003), str(SEED_002))
        shown = screen.result
        await pilot.press("r")  # re-reading the unchanged files changes nothing
        await wait_until(pilot, lambda: screen.result is not shown and diff_shown(app))
        assert screen.result.stats == backward.stats
        assert screen.result.rows == backward.rows


@run_async
async def test_swap_of_a_saved_diff_rediffs_its_stored_texts(tmp_path: Path) -> None:
    forward = diff_sources(str(SEED_002), str(SEED_003)).result
    app = make_app([str(tmp_path)], data_dir=str(tmp_path / "data"))
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_for_screen(pilot, BrowserScreen)
        screen = app.show_diff_result(forward, origin_note="snapshot 'seeds'")
        await swapped(pilot, screen, SEED_002.name)
        await pilot.press("x")
        await swapped(pilot, screen, SEED_003.name)
        assert screen.result == diff_articles(forward.b, forward.a)
        assert "A and B swapped since opened" in str(screen.query_one("#note").render())
        await pilot.press("x")
        await swapped(pilot, screen, SEED_002.name)
        assert screen.result == forward
