"""Snapshots and exports in the real app, driven with Pilot by pressing keys.

Every test points the store at a temporary folder (``data_dir``; PARADIFF_DATA_DIR is a
temporary folder too, set for every test by tests/conftest.py).
"""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, RadioSet

from tests.app.conftest import diff_shown, run_async, wait_for_screen, wait_until
from tests.app.test_app import SEED_002, SEED_003
from tests.diff_samples import sample
from tui.app import ParadiffApp, make_app
from tui.screens.browser import BrowserScreen
from tui.screens.dialogs import ConfirmDialog, ExportDialog, RenameDialog, SaveSnapshotDialog
from tui.screens.diff import DiffScreen
from tui.screens.help import HelpScreen
from tui.screens.snapshots import SnapshotsScreen
from tui.settings import Settings, save_settings
from tui.sources import file_sha256
from tui.store import SnapshotInfo, SnapshotStore


def files_app(tmp_path: Path, a: Path = SEED_002, b: Path = SEED_003) -> ParadiffApp:
    return make_app([str(a), str(b)], data_dir=str(tmp_path / "data"))


def snapshot_files(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "data" / "snapshots"
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def messages(pilot: Pilot) -> list[str]:
    return [n.message for n in pilot.app._notifications]


async def diff_ready(pilot: Pilot) -> DiffScreen:
    await wait_until(pilot, lambda: diff_shown(pilot.app))
    screen = pilot.app.screen
    assert isinstance(screen, DiffScreen)
    return screen


async def save_with_keys(pilot: Pilot, name: str | None = None, note: str = "") -> None:
    """ctrl+s, then type the name (or keep the proposed one) and the note, Enter twice."""
    await pilot.press("ctrl+s")
    await wait_for_screen(pilot, SaveSnapshotDialog)
    if name is not None:
        await pilot.press(*name)  # the proposed name is selected: typing replaces it
    await pilot.press("enter", *note, "enter")


async def list_ready(pilot: Pilot, rows: int) -> SnapshotsScreen:
    await wait_for_screen(pilot, SnapshotsScreen)
    screen = pilot.app.screen
    assert isinstance(screen, SnapshotsScreen)
    await wait_until(pilot, lambda: screen.loaded and screen.query_one(DataTable).row_count == rows)
    return screen


def header_note(screen: DiffScreen) -> str:
    return str(screen.query_one("#note").render())


@run_async
async def test_save_list_reopen_rename_delete(tmp_path: Path) -> None:
    app = files_app(tmp_path)
    async with app.run_test(size=(120, 35)) as pilot:
        diff = await diff_ready(pilot)
        original = diff.result
        await save_with_keys(pilot, "quote", "the quote changed")
        await wait_until(pilot, lambda: bool(snapshot_files(tmp_path)))
        assert pilot.app.screen is diff  # the diff stays open after saving
        await wait_until(pilot, lambda: any("Saved 'quote'" in m for m in messages(pilot)))
        doc = json.loads(snapshot_files(tmp_path)[0].read_text(encoding="utf-8"))
        assert (doc["name"], doc["note"]) == ("quote", "the quote changed")
        # The source hashes are those of the files as read.
        assert doc["sources"]["a"]["sha256"] == file_sha256(SEED_002)
        assert doc["sources"]["b"]["sha256"] == file_sha256(SEED_003)
        assert doc["sources"]["a"]["abspath"] == str(SEED_002)

        await pilot.press("o")
        listing = await list_ready(pilot, 1)
        cells = [str(c) for c in listing.query_one(DataTable).get_row_at(0)]
        assert cells[:3] == ["quote", SEED_002.name, SEED_003.name]
        assert "note: the quote changed" in str(listing.query_one("#snapshots-status").render())

        await pilot.press("enter")
        await wait_until(
            pilot, lambda: isinstance(pilot.app.screen, DiffScreen) and pilot.app.screen is not diff
        )
        reopened = pilot.app.screen
        assert isinstance(reopened, DiffScreen)
        assert reopened.result == original
        note = header_note(reopened)
        assert "snapshot 'quote' saved" in note and "sources unchanged" in note
        assert "note: the quote changed" in note  # the note is shown on reopening
        assert reopened.paths is None and reopened.sources is not None

        await pilot.press("escape")  # back to the list
        await wait_until(pilot, lambda: pilot.app.screen is listing)
        await pilot.press("f2")
        await wait_for_screen(pilot, RenameDialog)
        await pilot.press(*"renamed", "enter")
        await wait_until(
            pilot, lambda: str(listing.query_one(DataTable).get_row_at(0)[0]) == "renamed"
        )
        (info,) = SnapshotStore(tmp_path / "data").list()
        assert isinstance(info, SnapshotInfo) and info.name == "renamed"

        await pilot.press("ctrl+d")
        await wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("n")  # no: kept
        await wait_until(pilot, lambda: pilot.app.screen is listing)
        assert len(snapshot_files(tmp_path)) == 1
        await pilot.press("ctrl+d")
        await wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("y")
        await wait_until(pilot, lambda: not snapshot_files(tmp_path))
        await wait_until(pilot, lambda: listing.query_one(DataTable).row_count == 0)
        await pilot.press("escape")
        assert pilot.app.screen is diff


@run_async
async def test_typing_always_filters_and_f2_edits_name_and_note(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path / "data")
    store.save(sample(), "quote check", "old note")
    app = make_app([str(tmp_path)], data_dir=str(tmp_path / "data"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, BrowserScreen)
        await pilot.press("o")
        listing = await list_ready(pilot, 1)
        table = listing.query_one(DataTable)
        assert listing.focused is table
        # The app's keys (q quits, ? helps) and the old action letters are letters here.
        await pilot.press(*"qrd?o")
        assert listing.query_one("#snapshots-filter", Input).value == "qrd?o"
        assert pilot.app.screen is listing and pilot.app.is_running
        footer_keys = {b.binding.key for b in listing.active_bindings.values() if b.binding.show}
        assert {"f2", "ctrl+d", "escape", "f1"} <= footer_keys
        assert not footer_keys & {"q", "question_mark", "o", "r", "d"}
        await pilot.press("escape")  # clears the filter
        await wait_until(pilot, lambda: table.row_count == 1)
        await pilot.press("f2")
        dialog = await wait_for_screen(pilot, RenameDialog)
        assert dialog.query_one("#note", Input).value == "old note"
        await pilot.press("tab")
        dialog.query_one("#note", Input).value = "new note"
        await pilot.press("enter")
        await wait_until(pilot, lambda: any("Note saved" in m for m in messages(pilot)))
        (info,) = store.list()
        assert isinstance(info, SnapshotInfo) and (info.name, info.note) == (
            "quote check",
            "new note",
        )
        await wait_until(
            pilot, lambda: "note: new note" in str(listing.query_one("#snapshots-status").render())
        )


@run_async
async def test_o_opens_snapshots_from_the_browser(tmp_path: Path) -> None:
    app = make_app([str(tmp_path)], data_dir=str(tmp_path / "data"))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, BrowserScreen)
        await pilot.press("o")
        listing = await list_ready(pilot, 0)
        assert "No snapshots yet" in str(listing.query_one("#snapshots-status").render())
        assert not (tmp_path / "data").exists()  # listing creates nothing
        await pilot.press("o")  # on the list, o is a letter for the filter
        assert listing.query_one("#snapshots-filter", Input).value == "o"
        await pilot.press("escape", "escape", "f1")  # clear, leave the field, help
        assert isinstance(pilot.app.screen, HelpScreen)
        assert "Saved snapshots" in str(pilot.app.screen.query_one("#help-keys").render())


@run_async
async def test_export_html_and_md_with_e(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    save_settings(Settings(export_folder=str(out)))  # proposed: the remembered folder
    app = files_app(tmp_path)
    async with app.run_test(size=(120, 35)) as pilot:
        diff = await diff_ready(pilot)
        await pilot.press("e")
        await wait_for_screen(pilot, ExportDialog)
        assert pilot.app.screen.query_one("#path", Input).value == str(out / "002-vs-003.html")
        await pilot.press("enter")
        await wait_until(pilot, lambda: (out / "002-vs-003.html").exists())
        assert pilot.app.screen is diff

        await pilot.press("e")
        await wait_for_screen(pilot, ExportDialog)
        await pilot.press("shift+tab")  # to the formats
        assert isinstance(pilot.app.screen.focused, RadioSet)
        await pilot.press("down", "enter")  # HTML -> Markdown
        assert pilot.app.screen.query_one("#path", Input).value == str(out / "002-vs-003.md")
        await pilot.press("tab", "enter")
        await wait_until(pilot, lambda: (out / "002-vs-003.md").exists())
        await wait_until(pilot, lambda: pilot.app.screen is diff)

    html = (out / "002-vs-003.html").read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(html)
    parser.close()
    assert parser.tags["html"] == 1 and parser.tags["tr"] >= len(diff.result.rows)  # type: ignore[union-attr]
    md = (out / "002-vs-003.md").read_text(encoding="utf-8")
    assert md.startswith("# paradiff: ") and "similar" in md
    assert "{--" in md or "{++" in md or "{~~" in md  # CriticMarkup
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: dict[str, int] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] = self.tags.get(tag, 0) + 1


@run_async
async def test_unwritable_data_dir_keeps_the_diff_open(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "snapshots").write_text("a file in the way", encoding="utf-8")
    app = files_app(tmp_path)
    async with app.run_test(size=(120, 35)) as pilot:
        diff = await diff_ready(pilot)
        await save_with_keys(pilot)
        await wait_until(pilot, lambda: any(n.title == "Not saved" for n in app._notifications))
        note = [n for n in app._notifications if n.title == "Not saved"][-1]
        assert note.severity == "error" and "The diff stays open." in note.message
        assert pilot.app.screen is diff and diff.result is not None
        assert (tmp_path / "data" / "snapshots").read_text() == "a file in the way"


@run_async
async def test_changed_source_then_r_rediffs(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("The council met on Monday.\n\nIt cost 12 million.\n", encoding="utf-8")
    b.write_text("The council met on Monday.\n\nIt cost 20 million.\n", encoding="utf-8")
    app = files_app(tmp_path, a, b)
    async with app.run_test(size=(100, 30)) as pilot:
        first = await diff_ready(pilot)
        await save_with_keys(pilot)  # the proposed name
        await wait_until(pilot, lambda: bool(snapshot_files(tmp_path)))
        b.write_text(
            "The council met on Monday.\n\nIt cost 30 million.\n\nNew.\n", encoding="utf-8"
        )

        await pilot.press("o")
        await list_ready(pilot, 1)
        await pilot.press("enter")
        await wait_until(
            pilot,
            lambda: isinstance(pilot.app.screen, DiffScreen) and pilot.app.screen is not first,
        )
        reopened = pilot.app.screen
        assert isinstance(reopened, DiffScreen)
        assert "B changed since" in header_note(reopened)
        assert "r diffs the current files" in header_note(reopened)
        assert reopened.result == first.result  # exactly as saved
        descriptions = [k.binding.description for k in reopened.active_bindings.values()]
        assert "Re-diff current files" in descriptions

        await pilot.press("x", "x")  # the note names the sides as saved: swapping says so
        assert "A and B swapped" not in header_note(reopened)
        await pilot.press("x")
        assert "A and B swapped since opened" in header_note(reopened)
        await pilot.press("x")

        await pilot.press("r")
        await wait_until(pilot, lambda: pilot.app.screen is not reopened)
        rediffed = await diff_ready(pilot)
        assert rediffed is not reopened and rediffed.paths == (str(a), str(b))
        assert rediffed.result is not None and len(rediffed.result.b.paragraphs) == 3
        assert "diffed again" in header_note(rediffed)
        await pilot.press("escape")
        assert pilot.app.screen is reopened

        a.unlink()
        await pilot.press("r")
        await wait_until(pilot, lambda: any("A vanished" in m for m in messages(pilot)))
        assert pilot.app.screen is reopened


@run_async
async def test_resaving_a_reopened_snapshot_keeps_its_source_records(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("One.\n\nTwo.\n", encoding="utf-8")
    b.write_text("One.\n\nTwo, changed.\n", encoding="utf-8")
    app = files_app(tmp_path, a, b)
    async with app.run_test(size=(100, 30)) as pilot:
        await diff_ready(pilot)
        await save_with_keys(pilot, "first")
        await wait_until(pilot, lambda: len(snapshot_files(tmp_path)) == 1)
        shutil.move(a, tmp_path / "moved.txt")  # gone from its path
        await pilot.press("o")
        await list_ready(pilot, 1)
        await pilot.press("enter")
        await wait_until(
            pilot,
            lambda: isinstance(pilot.app.screen, DiffScreen) and pilot.app.screen.paths is None,
        )
        assert "A vanished" in header_note(pilot.app.screen)  # type: ignore[arg-type]
        await save_with_keys(pilot, "second")
        await wait_until(pilot, lambda: len(snapshot_files(tmp_path)) == 2)
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in snapshot_files(tmp_path)]
    by_name = {d["name"]: d for d in docs}
    assert by_name["second"]["sources"] == by_name["first"]["sources"]


def test_new_keys_are_described() -> None:
    keys = {b.key: b.description for b in DiffScreen.BINDINGS}  # type: ignore[union-attr]
    assert keys["ctrl+s"] == "Save snapshot" and keys["e"] == "Export"
    assert {b.key: b.description for b in ParadiffApp.BINDINGS}["o"] == "Snapshots"  # type: ignore[union-attr]
