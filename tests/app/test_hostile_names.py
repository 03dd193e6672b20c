"""Hostile file names, snapshot names and notes reach the terminal only as visible marks.

Every screen and every error path is walked with names full of terminal escapes (set the
title, write the clipboard with OSC 52, clear the screen, a C1 CSI, markup); after each
step the whole screen as drawn (:meth:`App.export_screenshot`) must hold no ESC, BEL or
C1 byte, and must show the escapes as control pictures (so the check cannot pass by
showing nothing).
"""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

import pytest

from tests.app.conftest import diff_shown, run_async, wait_for_screen, wait_until
from tui.app import ParadiffApp, make_app
from tui.engine import DiffOptions
from tui.screens import workers
from tui.screens.browser import BrowserScreen
from tui.screens.dialogs import ExportDialog, RenameDialog, SaveSnapshotDialog
from tui.screens.diff import DiffScreen
from tui.screens.help import HelpScreen
from tui.screens.snapshots import SnapshotsScreen
from tui.sources import diff_sources
from tui.store import SnapshotStore
from tui.widgets import article_tree
from tui.widgets.article_tree import ArticleTree
from tui.widgets.safe import SafeInput

#: Sets the window title, writes "Hello" to the clipboard, clears the screen, a C1 CSI,
#: and markup.
HOSTILE = "\x1b]0;PWNTITLE\x07\x1b]52;c;SGVsbG8=\x07\x1b[2J\x9b31m[bold red]M"
#: How the sanitiser shows the start of it.
SHOWN = "␛]0;PWNTITLE␇␛]52;c;SGVsbG8=␇␛[2J"
#: ESC, BEL, every other C0 control but newline and tab, DEL and every C1 control.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def scan(app: ParadiffApp, step: str) -> str:
    """The screen as drawn; fails if a raw control character is on it."""
    svg = app.export_screenshot()
    found = RAW_CONTROL.search(svg)
    assert found is None, f"{step}: raw {found.group()!r} on screen"
    return svg


def messages(app: ParadiffApp) -> list[str]:
    return [n.title + ": " + n.message for n in app._notifications]


def hostile_folder(tmp_path: Path) -> tuple[Path, Path, Path]:
    """ok.txt, a binary file and a text file both named with :data:`HOSTILE`."""
    ok = tmp_path / "ok.txt"
    ok.write_text("Hello world.\n\nSecond paragraph.\n", encoding="utf-8")
    binary = tmp_path / f"x{HOSTILE}.txt"
    binary.write_bytes(b"\x00\x01\x02binary\xff\xfe\x00")
    text = tmp_path / f"y{HOSTILE}.txt"
    text.write_text("Hello world.\n\nSecond paragraph, changed.\n", encoding="utf-8")
    return ok, binary, text


@run_async
async def test_hostile_names_on_every_screen(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    ok, binary, text = hostile_folder(folder)
    data = tmp_path / "data"
    diffed = diff_sources(str(ok), str(text))
    SnapshotStore(str(data)).save(
        diffed.result,
        f"snap{HOSTILE}",
        f"note{HOSTILE}",
        sources=(diffed.a.info, diffed.b.info),
        options=DiffOptions(),
    )
    app = make_app([str(ok), str(binary)], data_dir=str(data))
    async with app.run_test(size=(120, 40)) as pilot:
        # The binary file cannot be diffed: the notification names it, escapes shown.
        browser = await wait_for_screen(pilot, BrowserScreen)
        await wait_until(pilot, lambda: any("Cannot diff" in m for m in messages(app)))
        assert any(SHOWN in m for m in messages(app))
        assert SHOWN in scan(app, "cannot diff").replace("&#160;", " ")
        # The tree lists both names; picking the binary one fails with its name.
        await wait_until(pilot, lambda: len(browser.tree.root.children) >= 3)
        browser._pick(str(binary), "b")
        await wait_until(pilot, lambda: any("Cannot pick" in m for m in messages(app)))
        scan(app, "cannot pick")

        def text_previewed() -> bool:
            # The tree's own highlight may ask for another preview meanwhile (the latest
            # request wins): ask again until the text file's preview is the one shown.
            if browser.previewed != str(text):
                browser.preview(str(text))
            info = str(browser.query_one("#preview-info").render())
            return browser.previewed == str(text) and "words" in info

        await wait_until(pilot, text_previewed)
        scan(app, "preview")
        # The diff screen: header names; the save, export, help screens over it.
        app.open_diff(str(ok), str(text))
        await wait_until(pilot, lambda: diff_shown(app))
        scan(app, "diff header")
        await pilot.press("ctrl+s")
        dialog = await wait_for_screen(pilot, SaveSnapshotDialog)
        name = dialog.query_one("#name", SafeInput).value
        assert "␛]0;PWNTITLE␇" in name and "\x1b" not in name
        scan(app, "save dialog")
        await pilot.press("escape")
        await pilot.press("e")
        await wait_for_screen(pilot, ExportDialog)
        scan(app, "export dialog")
        await pilot.press("escape")
        diff = await wait_for_screen(pilot, DiffScreen)
        search = diff.query_one("#search", SafeInput)
        search.value = HOSTILE  # as a paste would put it
        assert RAW_CONTROL.search(search.value) is None
        await pilot.press("question_mark")
        await wait_for_screen(pilot, HelpScreen)
        scan(app, "help")
        await pilot.press("escape")
        # The snapshots list: the name in the table, the note in the status line.
        await wait_for_screen(pilot, DiffScreen)
        await pilot.press("o")
        snapshots = await wait_for_screen(pilot, SnapshotsScreen)
        await wait_until(pilot, lambda: snapshots.loaded and len(snapshots.shown) == 1)
        svg = scan(app, "snapshots list")
        assert "PWNTITLE" in svg
        await pilot.press("f2")
        rename = await wait_for_screen(pilot, RenameDialog)
        assert RAW_CONTROL.search(rename.query_one("#name", SafeInput).value) is None
        assert RAW_CONTROL.search(rename.query_one("#note", SafeInput).value) is None
        scan(app, "rename dialog")
        await pilot.press("escape")
        await wait_for_screen(pilot, SnapshotsScreen)
        await pilot.press("ctrl+d")
        await wait_until(pilot, lambda: len(app.screen_stack) > 4)
        scan(app, "delete confirmation")
        await pilot.press("n")
        await wait_for_screen(pilot, SnapshotsScreen)
        await pilot.press("enter")
        await wait_until(pilot, lambda: diff_shown(app) and app.screen is not diff)
        scan(app, "snapshot opened")
    assert not app.unexpected_errors


@run_async
async def test_what_nobody_foresaw_is_a_notification(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok, _, text = hostile_folder(tmp_path)

    def broken(self: DiffScreen) -> None:
        raise ValueError(f"crafted {HOSTILE}")

    monkeypatch.setattr(DiffScreen, "action_legend", broken)
    app = make_app([str(ok), str(text)], data_dir=str(tmp_path / "data"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: diff_shown(app))
        await pilot.press("l")
        await wait_until(pilot, lambda: any("Unexpected error" in m for m in messages(app)))
        assert any("ValueError: crafted ␛]0;PWNTITLE␇" in m for m in messages(app))
        # A callback of a worker that raises is reported too (not lost in the worker).
        workers.run_in_thread(
            app.screen, lambda: 1, group="t", failure="t", on_done=lambda _: 1 / 0
        )
        await wait_until(pilot, lambda: any("ZeroDivisionError" in m for m in messages(app)))
        scan(app, "unexpected errors")
        assert isinstance(app.screen, DiffScreen) and app.is_running
        assert len(app.unexpected_errors) == 2
        app._exception = None  # reported as meant: not a failure of this test
    assert app.return_code in (None, 0)


def make_fifo(path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    os.mkfifo(path)
    return path


@run_async
async def test_browser_greys_named_pipes_and_never_reads_them(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Hello.\n", encoding="utf-8")
    fifo = make_fifo(tmp_path / "fifo.txt")
    app = make_app([str(tmp_path)], data_dir=str(tmp_path / "data"))
    async with app.run_test(size=(120, 30)) as pilot:
        browser = await wait_for_screen(pilot, BrowserScreen)
        tree = browser.tree
        await wait_until(pilot, lambda: len(tree.root.children) == 2)
        assert tree.unreadable == {fifo: "named pipe"}
        node = next(n for n in tree.root.children if n.data and n.data.path == fifo)
        assert "named pipe" in tree.render_label(node, tree.rich_style, tree.rich_style).plain
        tree.move_cursor(node)
        info = browser.query_one("#preview-info")
        await wait_until(pilot, lambda: "named pipe" in str(info.render()))
        await pilot.press("a")
        await wait_until(pilot, lambda: any("Cannot pick" in m for m in messages(app)))
        assert browser.picks == [None, None]
    assert not app.unexpected_errors


@run_async
async def test_unreadable_folder_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    real = os.access
    monkeypatch.setattr(  # as root every folder is readable: pretend this one is not
        article_tree.os, "access", lambda p, m: Path(p).name != "locked" and real(p, m)
    )
    app = make_app([str(tmp_path)], data_dir=str(tmp_path / "data"))
    async with app.run_test(size=(120, 30)) as pilot:
        browser = await wait_for_screen(pilot, BrowserScreen)
        tree = browser.query_one(ArticleTree)
        await wait_until(pilot, lambda: len(tree.root.children) == 1)
        node = tree.root.children[0]
        tree.move_cursor(node)
        info = browser.query_one("#preview-info")
        await wait_until(pilot, lambda: "permission denied" in str(info.render()))
        node.expand()
        await wait_until(pilot, lambda: any("Cannot open the folder" in m for m in messages(app)))


@run_async
async def test_named_pipe_on_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pipe with a writer is read (as ``<(cmd)``); one nobody writes to is given up."""
    ok, _, _ = hostile_folder(tmp_path)
    fifo = make_fifo(tmp_path / "pipe.txt")
    writer = threading.Thread(
        target=lambda: fifo.write_text("Hello world.\n\nFrom a pipe.\n"), daemon=True
    )
    writer.start()
    app = make_app([str(ok), str(fifo)], data_dir=str(tmp_path / "data"))
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_until(pilot, lambda: diff_shown(app))
        screen = app.screen
        assert isinstance(screen, DiffScreen) and screen.result is not None
        assert "From a pipe." in screen.result.b.paragraphs
    silent = make_fifo(tmp_path / "silent.txt")
    monkeypatch.setattr(workers, "READ_TIMEOUT", 0.05)
    app = make_app([str(ok), str(silent)], data_dir=str(tmp_path / "data"))
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_until(pilot, lambda: any("nobody writes to" in m for m in messages(app)))
        await wait_for_screen(pilot, BrowserScreen)
    assert not app.unexpected_errors
