"""The copies screen: the seeds' folder of copies ranked from the browser, sorted, filtered,
a pair opened and closed again, the ranking exported."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, RadioButton

from tests.app.conftest import diff_ready, run_async, wait_for_screen, wait_until
from tests.rank.copies import Copies, make_copies
from tui.app import ParadiffApp, make_app
from tui.screens.browser import BrowserScreen
from tui.screens.copies import CopiesScreen, RankExportDialog
from tui.screens.dialogs import SaveSnapshotDialog
from tui.screens.diff import DiffScreen
from tui.screens.snapshots import SnapshotsScreen
from tui.store import RankingInfo


@pytest.fixture
def copies(seeds: dict[str, Path], tmp_path: Path) -> Copies:
    work = tmp_path / "work"  # the browsed folder: the original and its copies only
    work.mkdir()
    return make_copies(seeds, work)


def ranking_app(copies: Copies) -> ParadiffApp:
    app = make_app([str(copies.original.parent)])
    app.rank_jobs = 1  # light on a shared machine: the copies ranked in this process
    return app


def copy_cells(screen: CopiesScreen) -> list[str]:
    """The copy cell of each row: the copy's path as shown, and a note."""
    table = screen.query_one(DataTable)
    return [table.get_row_at(n)[1].plain for n in range(table.row_count)]


def shown_names(screen: CopiesScreen) -> list[str]:
    """The copies' paths, as the table shows them, in order."""
    return [cell.split("  ")[0] for cell in copy_cells(screen)]


def names_of(copies: Copies, *paths: Path) -> list[str]:
    return [str(path.relative_to(copies.folder)) for path in paths]


async def highlight(pilot: Pilot, browser: BrowserScreen, name: str) -> None:
    """Put the tree's cursor on the entry ``name`` of the browsed folder."""
    tree = browser.tree
    await wait_until(pilot, lambda: len(tree.root.children) == 2)
    node = next(n for n in tree.root.children if n.data and n.data.path.name == name)
    tree.move_cursor(node)
    await wait_until(pilot, lambda: tree.cursor_node is node)


async def rank_from_browser(pilot: Pilot, copies: Copies) -> CopiesScreen:
    """Pick the original as A, highlight the folder of copies, press c; wait for all rows."""
    browser = await wait_for_screen(pilot, BrowserScreen)
    await highlight(pilot, browser, copies.original.name)
    await pilot.press("a")
    await wait_until(pilot, lambda: browser.picks[0] == str(copies.original))
    await highlight(pilot, browser, copies.folder.name)
    await pilot.press("c")
    screen = await wait_for_screen(pilot, CopiesScreen)
    await wait_until(pilot, lambda: screen.state == "done")
    return screen


@run_async
async def test_the_copies_are_ranked_sorted_filtered_opened_and_exported(
    copies: Copies, tmp_path: Path
) -> None:
    app = ranking_app(copies)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await rank_from_browser(pilot, copies)
        table = screen.query_one(DataTable)
        ranked = names_of(copies, *copies.expected_order)
        assert shown_names(screen) == ranked
        reason = screen.records[str(copies.broken)].error
        assert reason and "binary" in reason
        assert copy_cells(screen)[0] == "identical.txt  identical"
        assert copy_cells(screen)[-1] == f"broken.txt  {reason}"
        assert [table.get_row_at(n)[0].plain for n in range(5)] == ["1", "2", "3", "4", "5"]
        assert table.get_row_at(1)[5].plain == "1"  # the number changed: one fact change

        # r reverses (the unreadable copy stays last); s cycles to the next sort key.
        await pilot.press("r")
        await wait_until(pilot, lambda: screen.reverse)
        assert shown_names(screen) == [
            *reversed(ranked[:-1]),
            ranked[-1],
        ]
        while screen.sort_name != "path":
            await pilot.press("s")
        assert not screen.reverse
        order = ["cut.md", "identical.txt", "number.txt", "sub/unrelated", "broken.txt"]
        assert shown_names(screen) == order
        assert [str(c.label) for c in table.ordered_columns[:3]] == ["#", "Copy▲", "Words"]

        # Typing filters; the cursor goes to the number copy; Enter opens the pair.
        await pilot.press("t", "x", "t")
        assert screen.query_one(Input).value == "txt"
        await wait_until(pilot, lambda: table.row_count == 3)
        await pilot.press("down")
        await wait_until(pilot, lambda: table.cursor_row == 1)
        assert screen.current() is not None and screen.current().path == str(copies.number)
        await pilot.press("enter")
        diff = await wait_for_screen(pilot, DiffScreen)
        await diff_ready(pilot)
        assert diff.paths == (str(copies.original), str(copies.number))

        # Esc comes back to the same table: sort, filter and cursor as they were.
        await pilot.press("escape")
        back = await wait_for_screen(pilot, CopiesScreen)
        assert back is screen
        assert (screen.sort_name, screen.query_one(Input).value) == ("path", "txt")
        assert table.row_count == 3 and table.cursor_row == 1
        assert screen.current().path == str(copies.number)

        # e exports the whole ranking, in the order shown; the notification names the file.
        await pilot.press("e")
        dialog = await wait_for_screen(pilot, RankExportDialog)
        dialog.query_one("#fmt-csv", RadioButton).value = True
        await wait_until(pilot, lambda: dialog.format == "csv")
        target = tmp_path / "ranking.csv"
        dialog.query_one("#path", Input).value = str(target)
        await pilot.press("enter")
        await wait_until(pilot, target.exists)
        rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
        assert [Path(row["path"]).relative_to(copies.folder).as_posix() for row in rows] == order
        await wait_until(pilot, lambda: any(str(target) in n.message for n in app._notifications))


@run_async
async def test_leaving_the_screen_stops_the_ranking(copies: Copies) -> None:
    app = ranking_app(copies)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await rank_from_browser(pilot, copies)
        assert not screen.cancel.is_set()
        await pilot.press("escape")
        await wait_for_screen(pilot, BrowserScreen)
        assert screen.cancel.is_set()


@run_async
async def test_rank_needs_the_original_first(copies: Copies) -> None:
    app = ranking_app(copies)
    async with app.run_test(size=(80, 24)) as pilot:
        browser = await wait_for_screen(pilot, BrowserScreen)
        await highlight(pilot, browser, copies.folder.name)
        await pilot.press("c")
        await wait_until(
            pilot, lambda: any("Pick the original" in n.message for n in app._notifications)
        )
        assert isinstance(app.screen, BrowserScreen)


@pytest.mark.slow
@run_async
async def test_worker_processes_start_inside_the_app(copies: Copies) -> None:
    """While the app runs, stderr is Textual's capture (fileno -1): the screen starts the
    resource tracker itself, or no worker process could start."""
    app = ranking_app(copies)
    app.rank_jobs = 2
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await rank_from_browser(pilot, copies)
        assert shown_names(screen) == names_of(copies, *copies.expected_order)
        assert not [n for n in app._notifications if n.severity == "error"]


@run_async
async def test_a_ranking_saved_with_ctrl_s_reopens_from_the_snapshots_screen(
    copies: Copies,
) -> None:
    app = ranking_app(copies)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await rank_from_browser(pilot, copies)
        await pilot.press("r")  # saved in the order shown
        await wait_until(pilot, lambda: screen.reverse)
        ranked = shown_names(screen)
        await pilot.press("ctrl+s")
        dialog = await wait_for_screen(pilot, SaveSnapshotDialog)
        dialog.query_one("#name", Input).value = "wire copies"
        dialog.query_one("#note", Input).value = "before the correction"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: len(app.store.list()) == 1)
        [info] = app.store.list()
        assert isinstance(info, RankingInfo)
        assert (info.name, info.note, info.copies, info.reverse) == (
            "wire copies",
            "before the correction",
            5,
            True,
        )

        # The sources go away: the saved ranking needs none of them.
        number_text = copies.number.read_text(encoding="utf-8")
        for path in sorted(copies.folder.rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() else path.unlink()
        app.action_snapshots()
        snapshots = await wait_for_screen(pilot, SnapshotsScreen)
        await wait_until(pilot, lambda: snapshots.loaded and snapshots.current() is not None)
        await pilot.press("enter")
        reopened = await wait_for_screen(pilot, CopiesScreen)
        assert reopened is not screen and reopened.saved is not None
        assert reopened.state == "done" and reopened.reverse
        assert [Path(r.path).name for r in reopened.shown] == [Path(n).name for n in ranked]

        # Enter diffs the two stored texts again: the number copy, as it was.
        number_row = next(n for n, r in enumerate(reopened.shown) if r.path == str(copies.number))
        reopened.query_one(DataTable).move_cursor(row=number_row)
        await wait_until(pilot, lambda: reopened.current().path == str(copies.number))
        await pilot.press("enter")
        diff = await wait_for_screen(pilot, DiffScreen)
        await wait_until(pilot, lambda: diff.result is not None)
        assert "\n\n".join(diff.result.b.paragraphs) == number_text.strip()
        assert not diff.result.identical
        await pilot.press("escape")
        assert await wait_for_screen(pilot, CopiesScreen) is reopened
