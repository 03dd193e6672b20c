"""The snapshots screen and the dialogs, driven with Pilot in a tiny host app."""

from __future__ import annotations

import asyncio
import functools
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, RadioSet

from tests.diff_samples import build, eq, sample
from tui.engine import DiffResult
from tui.engine.model import Span
from tui.screens.dialogs import ConfirmDialog, ExportDialog, RenameDialog, SaveSnapshotDialog
from tui.screens.snapshots import SnapshotsScreen
from tui.snapshot_actions import export_current, export_result, open_snapshots, save_current
from tui.store import SnapshotInfo, SnapshotStore


class Host(App[None]):
    """Stands in for the paradiff app: records what it is asked to show."""

    def __init__(self, store: SnapshotStore | None = None) -> None:
        super().__init__()
        self.store = store
        self.opened: list[tuple[DiffResult, str | None]] = []
        self.answers: list[Any] = []

    def on_mount(self) -> None:
        if self.store is not None:
            open_snapshots(self, self.store)

    def show_diff_result(
        self, result: DiffResult, *, origin_note: str | None = None, sources: Any = None
    ) -> None:
        self.opened.append((result, origin_note))
        self.sources = sources


def run_async(fn: Callable[..., Awaitable[None]]) -> Callable[..., None]:
    """Run an async test with asyncio.run (no pytest async plugin needed)."""

    @functools.wraps(fn)
    def wrapper(*args: object, **kwargs: object) -> None:
        asyncio.run(fn(*args, **kwargs))  # type: ignore[arg-type]

    return wrapper


async def wait_for(pilot: Pilot, condition: Callable[[], bool], timeout: float = 5.0) -> None:
    """Let the app run until ``condition`` holds (store I/O runs in threads)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.02)


def table(app: App) -> DataTable:
    return app.screen.query_one(DataTable)


def names(app: App) -> list[str]:
    t = table(app)
    return [str(t.get_row_at(n)[0]) for n in range(t.row_count)]


@pytest.fixture
def store(tmp_path: Path) -> SnapshotStore:
    s = SnapshotStore(tmp_path / "data")
    s.save(sample(), "second look", "the quote changed", now=datetime(2026, 1, 5, tzinfo=UTC))
    s.save(
        build([("changed", [0], [0], [eq("x "), Span("minor", "a", "A")])], "cats.txt", "dogs.txt"),
        "[bold]cats[/bold]",
        now=datetime(2026, 2, 5, tzinfo=UTC),
    )
    return s


@run_async
async def test_lists_snapshots_and_unreadable_files(store: SnapshotStore) -> None:
    (store.folder / ("e" * 32 + ".json")).write_text('{"format": "paradiff-snapshot", "na')
    app = Host(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for(pilot, lambda: table(app).row_count == 3)
        assert isinstance(app.screen, SnapshotsScreen)
        rows = [[str(c) for c in table(app).get_row_at(n)] for n in range(3)]
        assert rows[0][0] == "[bold]cats[/bold]"  # markup in a name is shown, not applied
        assert rows[0][1:3] == ["cats.txt", "dogs.txt"]
        assert rows[1][:3] == ["second look", "a.txt", "b.txt"]
        assert rows[1][4] == "65%"
        assert rows[2][0] == "e" * 32 + ".json"
        assert rows[2][1].startswith("unreadable: truncated JSON")
        assert table(app).get_row_at(2)[0].style == "dim italic"
        status = str(app.screen.query_one("#snapshots-status").render())
        assert "2 snapshots · 1 unreadable" in status


@run_async
async def test_typing_filters_and_enter_opens(store: SnapshotStore) -> None:
    app = Host(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for(pilot, lambda: table(app).row_count == 2)
        await pilot.press("s", "e", "c")
        assert app.screen.query_one("#snapshots-filter", Input).value == "sec"
        assert names(app) == ["second look"]
        await pilot.press("enter")
        await wait_for(pilot, lambda: bool(app.opened))
        result, note = app.opened[0]
        assert result == sample()
        assert note is not None and note.startswith("snapshot 'second look' saved ")
        # Esc clears the filter, then leaves the field, then closes the screen.
        await pilot.press("escape")
        assert names(app) == ["[bold]cats[/bold]", "second look"]
        await pilot.press("escape")
        assert app.screen.focused is table(app)
        await pilot.press("escape")
        assert not isinstance(app.screen, SnapshotsScreen)


@run_async
async def test_filter_matches_article_names_and_notes(store: SnapshotStore) -> None:
    app = Host(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for(pilot, lambda: table(app).row_count == 2)
        await pilot.press("slash", *"quote")
        assert names(app) == ["second look"]
        app.screen.query_one("#snapshots-filter", Input).value = "dogs"
        await pilot.pause()
        assert names(app) == ["[bold]cats[/bold]"]
        app.screen.query_one("#snapshots-filter", Input).value = "nothing like it"
        await pilot.pause()
        assert names(app) == []
        await pilot.press("enter")  # nothing to open
        assert app.opened == []


@run_async
async def test_rename(store: SnapshotStore) -> None:
    app = Host(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for(pilot, lambda: table(app).row_count == 2)
        await pilot.press("down", "r")
        await wait_for(pilot, lambda: isinstance(app.screen, RenameDialog))
        field = app.screen.query_one(Input)
        assert field.value == "second look"
        field.value = "third look"
        await pilot.press("enter")
        await wait_for(pilot, lambda: "third look" in names(app))
        assert sorted(e.name for e in store.list() if isinstance(e, SnapshotInfo)) == [
            "[bold]cats[/bold]",
            "third look",
        ]
        assert str(table(app).get_row_at(table(app).cursor_row)[0]) == "third look"


@run_async
async def test_delete_asks_first(store: SnapshotStore) -> None:
    app = Host(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for(pilot, lambda: table(app).row_count == 2)
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("enter")  # "No" has the focus
        await wait_for(pilot, lambda: isinstance(app.screen, SnapshotsScreen))
        assert len(store.list()) == 2
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_for(pilot, lambda: table(app).row_count == 1)
        assert names(app) == ["second look"]
        assert [e.name for e in store.list() if isinstance(e, SnapshotInfo)] == ["second look"]


def test_every_binding_has_a_description() -> None:
    for screen in (SnapshotsScreen, SaveSnapshotDialog, ExportDialog, ConfirmDialog, RenameDialog):
        for binding in screen.BINDINGS:
            assert binding.description, (screen, binding)  # type: ignore[union-attr]


@run_async
async def test_empty_store_says_how_to_save(tmp_path: Path) -> None:
    app = Host(SnapshotStore(tmp_path / "none"))
    async with app.run_test(size=(100, 24)) as pilot:
        screen = app.screen
        await wait_for(
            pilot, lambda: "No snapshots yet" in str(screen.query_one("#snapshots-status").render())
        )
        assert not (tmp_path / "none").exists()


# ---------------------------------------------------------------------------
# Dialogs and the app's helpers
# ---------------------------------------------------------------------------


@run_async
async def test_save_current_flow(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path / "data")
    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        worker = app.run_worker(save_current(app, sample(), store))
        await wait_for(pilot, lambda: isinstance(app.screen, SaveSnapshotDialog))
        assert app.screen.query_one("#name", Input).value.startswith("a vs b, ")
        app.screen.query_one("#name", Input).value = "kept"
        await pilot.press("enter")  # to the note
        app.screen.query_one("#note", Input).value = "see ¶2"
        await pilot.press("enter")
        await worker.wait()
        info = worker.result
        assert isinstance(info, SnapshotInfo)
        assert (info.name, info.note) == ("kept", "see ¶2")
        assert store.load(info.id).result == sample()


@run_async
async def test_save_cancelled_and_save_failing(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "snapshots").write_text("in the way")
    store = SnapshotStore(tmp_path / "data")
    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        worker = app.run_worker(save_current(app, sample(), store))
        await wait_for(pilot, lambda: isinstance(app.screen, SaveSnapshotDialog))
        await pilot.press("escape")
        await worker.wait()
        assert worker.result is None
        worker = app.run_worker(save_current(app, sample(), store))
        await wait_for(pilot, lambda: isinstance(app.screen, SaveSnapshotDialog))
        await pilot.press("ctrl+s")
        await worker.wait()
        assert worker.result is None
        messages = [n.message for n in app._notifications]
        assert any("not a folder. The diff stays open." in m for m in messages)


@run_async
async def test_export_dialog_and_flow(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        worker = app.run_worker(export_current(app, sample(), origin="from a test"))
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        path_input = app.screen.query_one("#path", Input)
        assert path_input.value == "a-vs-b.html"
        app.screen.query_one("#fmt-md").value = True
        await wait_for(pilot, lambda: path_input.value == "a-vs-b.md")
        assert app.screen.query_one(RadioSet).pressed_button.id == "fmt-md"  # type: ignore[union-attr]
        await pilot.press("enter")
        await worker.wait()
        assert worker.result == Path("a-vs-b.md")
        text = (tmp_path / "a-vs-b.md").read_text()
        assert text.startswith("# paradiff: a.txt ↔ b.txt") and "*from a test*" in text

        # An existing file is overwritten only on a second Enter.
        worker = app.run_worker(export_current(app, sample(), default_format="md"))
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        await pilot.press("enter")
        await wait_for(
            pilot,
            lambda: "exists: press Enter again" in str(app.screen.query_one("#error").render()),
        )
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("enter")
        await worker.wait()
        assert worker.result == Path("a-vs-b.md")
        assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_export_result_every_format(tmp_path: Path) -> None:
    for fmt, start in (
        ("html", "<!DOCTYPE html>"),
        ("md", "# paradiff"),
        ("json", "{"),
        ("text", "paradiff"),
    ):
        path = export_result(sample(), fmt, tmp_path / f"out.{fmt}")
        assert path.read_text().startswith(start)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "out.html",
        "out.json",
        "out.md",
        "out.text",
    ]


@run_async
async def test_confirm_and_rename_dialogs_dismiss_with_their_answers() -> None:
    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(ConfirmDialog("Delete \x1b[2J [b]it[/b]?"), app.answers.append)
        await pilot.pause()
        assert "␛[2J [b]it[/b]" in str(app.screen.query_one("#message").render())
        await pilot.press("escape")
        app.push_screen(ConfirmDialog("Again?"), app.answers.append)
        await pilot.press("y")
        app.push_screen(RenameDialog("old"), app.answers.append)
        await pilot.pause()
        app.screen.query_one(Input).value = "   "
        await pilot.press("enter")
        assert isinstance(app.screen, RenameDialog)  # an empty name is refused
        app.screen.query_one(Input).value = "old"
        await pilot.press("enter")  # unchanged: nothing to do
        app.push_screen(RenameDialog("old"), app.answers.append)
        await pilot.pause()
        app.screen.query_one(Input).value = "  new   name "
        await pilot.press("enter")
        await pilot.pause()
        assert app.answers == [False, True, None, "new name"]
