"""The snapshots screen and the dialogs, driven with Pilot in a tiny host app; saving and
exporting from the diff screen, driven in the paradiff app."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual import on
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, RadioButton, RadioSet

from tests.app.conftest import run_async, wait_for_screen, wait_until
from tests.diff_samples import build, eq, sample
from tui.app import ParadiffApp, make_app
from tui.display.paths import shorten_middle
from tui.engine import DiffResult
from tui.engine.model import Span
from tui.export import write_export
from tui.screens.dialogs import ConfirmDialog, ExportDialog, RenameDialog, SaveSnapshotDialog
from tui.screens.diff import DiffScreen
from tui.screens.snapshots import SnapshotsScreen
from tui.settings import Settings, save_settings
from tui.store import SnapshotInfo, SnapshotStore


class Host(App[None]):
    """Stands in for the paradiff app: records the snapshots it is asked to open."""

    def __init__(self, store: SnapshotStore | None = None) -> None:
        super().__init__()
        self.store = store
        self.opened: list[tuple[DiffResult, str | None]] = []
        self.answers: list[Any] = []

    def on_mount(self) -> None:
        if self.store is not None:
            self.push_screen(SnapshotsScreen(self.store))

    @on(SnapshotsScreen.Open)
    def _open(self, message: SnapshotsScreen.Open) -> None:
        self.opened.append((message.result, message.origin_note))
        self.sources = message.sources


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
        await wait_until(pilot, lambda: table(app).row_count == 3)
        assert isinstance(app.screen, SnapshotsScreen)
        rows = [[str(c) for c in table(app).get_row_at(n)] for n in range(3)]
        assert rows[0][0] == "[bold]cats[/bold]"  # markup in a name is shown, not applied
        assert rows[0][1:3] == ["cats.txt", "dogs.txt"]
        assert rows[1][:3] == ["second look", "a.txt", "b.txt"]
        assert rows[1][4] == "65%"
        # a long file name is cut in its middle to the column's width
        name_width = app.screen.widths[0]
        assert rows[2][0] == shorten_middle("e" * 32 + ".json", name_width)
        assert rows[2][0].endswith(".json") and len(rows[2][0]) == name_width
        assert rows[2][1].startswith("unreadable: truncated JSON")
        assert table(app).get_row_at(2)[0].style == "dim italic"
        status = str(app.screen.query_one("#snapshots-status").render())
        assert "2 snapshots · 1 unreadable" in status


@run_async
async def test_typing_filters_and_enter_opens(store: SnapshotStore) -> None:
    app = Host(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_until(pilot, lambda: table(app).row_count == 2)
        await pilot.press("s", "e", "c")
        assert app.screen.query_one("#snapshots-filter", Input).value == "sec"
        assert names(app) == ["second look"]
        await pilot.press("enter")
        await wait_until(pilot, lambda: bool(app.opened))
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
        await wait_until(pilot, lambda: table(app).row_count == 2)
        await pilot.press(*"quote")
        assert names(app) == ["second look"]
        app.screen.query_one("#snapshots-filter", Input).value = "dogs"
        await wait_until(pilot, lambda: names(app) == ["[bold]cats[/bold]"])
        app.screen.query_one("#snapshots-filter", Input).value = "nothing like it"
        await wait_until(pilot, lambda: names(app) == [])
        await pilot.press("enter")  # nothing to open
        assert app.opened == []


@run_async
async def test_rename(store: SnapshotStore) -> None:
    app = Host(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_until(pilot, lambda: table(app).row_count == 2)
        await pilot.press("down", "f2")
        await wait_for_screen(pilot, RenameDialog)
        field = app.screen.query_one("#name", Input)
        assert field.value == "second look"
        assert app.screen.query_one("#note", Input).value == "the quote changed"
        field.value = "third look"
        await pilot.press("enter")
        await wait_until(pilot, lambda: "third look" in names(app))
        assert sorted(e.name for e in store.list() if isinstance(e, SnapshotInfo)) == [
            "[bold]cats[/bold]",
            "third look",
        ]
        assert str(table(app).get_row_at(table(app).cursor_row)[0]) == "third look"


@run_async
async def test_delete_asks_first(store: SnapshotStore) -> None:
    app = Host(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_until(pilot, lambda: table(app).row_count == 2)
        await pilot.press("ctrl+d")
        await wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("enter")  # "No" has the focus
        await wait_for_screen(pilot, SnapshotsScreen)
        assert len(store.list()) == 2
        await pilot.press("delete")
        await wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("y")
        await wait_until(pilot, lambda: table(app).row_count == 1)
        assert names(app) == ["second look"]
        assert [e.name for e in store.list() if isinstance(e, SnapshotInfo)] == ["second look"]


def test_every_binding_has_a_description() -> None:
    for screen in (SnapshotsScreen, SaveSnapshotDialog, ExportDialog, ConfirmDialog, RenameDialog):
        for binding in screen.BINDINGS:
            # ... but the app's letter keys, shadowed on the list (typing filters there)
            shadow = binding.action == "filter" and not binding.show  # type: ignore[union-attr]
            assert binding.description or shadow, (screen, binding)  # type: ignore[union-attr]


@run_async
async def test_empty_store_says_how_to_save(tmp_path: Path) -> None:
    app = Host(SnapshotStore(tmp_path / "none"))
    async with app.run_test(size=(100, 24)) as pilot:
        screen = app.screen
        await wait_until(
            pilot, lambda: "No snapshots yet" in str(screen.query_one("#snapshots-status").render())
        )
        assert not (tmp_path / "none").exists()


# ---------------------------------------------------------------------------
# Dialogs and the app's helpers
# ---------------------------------------------------------------------------


async def diff_of_sample(pilot: Pilot) -> DiffScreen:
    """Show :func:`sample` in a diff screen of the paradiff app."""
    app = pilot.app
    assert isinstance(app, ParadiffApp)
    app.show_diff_result(sample(), origin_note="from a test")
    return await wait_for_screen(pilot, DiffScreen)


def messages(app: App) -> list[str]:
    return [n.message for n in app._notifications]


@run_async
async def test_save_from_the_diff_screen(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path / "data")
    app = make_app([str(tmp_path)], data_dir=str(tmp_path / "data"))
    async with app.run_test(size=(100, 30)) as pilot:
        await diff_of_sample(pilot)
        await pilot.press("ctrl+s")
        dialog = await wait_for_screen(pilot, SaveSnapshotDialog)
        assert dialog.query_one("#name", Input).value.startswith("a vs b, ")
        dialog.query_one("#name", Input).value = "kept"
        await pilot.press("enter")  # to the note
        dialog.query_one("#note", Input).value = "see ¶2"
        await pilot.press("enter")
        await wait_until(pilot, lambda: any("Saved 'kept'" in m for m in messages(app)))
        [info] = store.list()
        assert isinstance(info, SnapshotInfo)
        assert (info.name, info.note) == ("kept", "see ¶2")
        assert store.load(info.id).result == sample()


@run_async
async def test_save_cancelled_and_save_failing(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "snapshots").write_text("in the way")
    app = make_app([str(tmp_path)], data_dir=str(tmp_path / "data"))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await diff_of_sample(pilot)
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, SaveSnapshotDialog)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)
        assert not app._notifications
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, SaveSnapshotDialog)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: bool(app._notifications))
        [note] = app._notifications
        assert (note.title, note.severity) == ("Not saved", "error")
        assert note.message.endswith("not a folder. The diff stays open.")
        assert app.screen is screen


@run_async
async def test_export_dialog_and_flow(tmp_path: Path) -> None:
    save_settings(Settings(export_folder=str(tmp_path)))  # proposed: the remembered folder
    app = make_app([str(tmp_path)], data_dir=str(tmp_path / "data"))
    async with app.run_test(size=(100, 30)) as pilot:
        await diff_of_sample(pilot)
        await pilot.press("e")
        dialog = await wait_for_screen(pilot, ExportDialog)  # its radio set mounted too
        path_input = dialog.query_one("#path", Input)
        assert path_input.value == str(tmp_path / "a-vs-b.html")
        dialog.query_one("#fmt-md", RadioButton).value = True
        await wait_until(pilot, lambda: path_input.value == str(tmp_path / "a-vs-b.md"))
        assert dialog.query_one(RadioSet).pressed_button.id == "fmt-md"  # type: ignore[union-attr]
        await pilot.press("enter")
        await wait_until(pilot, lambda: messages(app) == [f"Wrote {tmp_path / 'a-vs-b.md'}"])
        text = (tmp_path / "a-vs-b.md").read_text()
        assert text.startswith("# paradiff: a.txt ↔ b.txt") and "*from a test*" in text

        # An existing file is overwritten only on a second Enter.
        (tmp_path / "a-vs-b.md").write_text("old")
        await pilot.press("e")
        dialog = await wait_for_screen(pilot, ExportDialog)
        dialog.query_one("#fmt-md", RadioButton).value = True
        await wait_until(
            pilot, lambda: dialog.query_one("#path", Input).value == str(tmp_path / "a-vs-b.md")
        )
        await pilot.press("enter")
        await wait_until(
            pilot, lambda: "exists: press Enter again" in str(dialog.query_one("#error").render())
        )
        assert app.screen is dialog and (tmp_path / "a-vs-b.md").read_text() == "old"
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(messages(app)) == 2)
        assert (tmp_path / "a-vs-b.md").read_text() == text
        assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_write_export_every_format(tmp_path: Path) -> None:
    for fmt, start in (
        ("html", "<!DOCTYPE html>"),
        ("md", "# paradiff"),
        ("json", "{"),
        ("text", "paradiff"),
    ):
        path = write_export(sample(), fmt, tmp_path / f"out.{fmt}")
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
        await wait_for_screen(pilot, ConfirmDialog)
        assert "␛[2J [b]it[/b]" in str(app.screen.query_one("#message").render())
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.answers == [False])
        app.push_screen(ConfirmDialog("Again?"), app.answers.append)
        await wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("y")
        await wait_until(pilot, lambda: app.answers == [False, True])
        app.push_screen(RenameDialog("old"), app.answers.append)
        await wait_for_screen(pilot, RenameDialog)
        app.screen.query_one("#name", Input).value = "   "
        await pilot.press("enter")
        assert isinstance(app.screen, RenameDialog)  # an empty name is refused
        app.screen.query_one("#name", Input).value = "old"
        await pilot.press("enter")  # unchanged: nothing to do
        await wait_until(pilot, lambda: len(app.answers) == 3)
        app.push_screen(RenameDialog("old"), app.answers.append)
        await wait_for_screen(pilot, RenameDialog)
        app.screen.query_one("#name", Input).value = "  new   name "
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(app.answers) == 4)
        app.push_screen(RenameDialog("old", "a note"), app.answers.append)
        await wait_for_screen(pilot, RenameDialog)
        assert app.screen.query_one("#note", Input).value == "a note"
        app.screen.query_one("#note", Input).value = "  another note "
        await pilot.press("enter")  # the name unchanged, the note changed: saved
        await wait_until(pilot, lambda: len(app.answers) == 5)
        assert app.answers == [False, True, None, ("new name", ""), ("old", "another note")]
