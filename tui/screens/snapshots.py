"""The snapshots screen: saved diffs, newest first; open, rename (and edit the note), delete.

Typing always filters the list (on name, note, article names and date): every printable
key goes to the filter, wherever the focus is, ``q`` and ``?`` too; the actions are on keys
that cannot be typed (F2 or ctrl+r edits the name and note, ctrl+d or Delete deletes, F1
helps, Esc clears the filter and then goes back, ctrl+q quits). Enter opens the snapshot
exactly as saved: the screen posts :class:`SnapshotsScreen.Open` with the result, a note
saying when a source file has changed or vanished since, and the sources (so that the
diff screen can re-diff the current files); the note of the snapshot is part of that
note, so the diff header shows it. A saved ranking of copies opens as the copies screen
(:class:`SnapshotsScreen.OpenRanking`). Every store call runs in a thread off the
event loop (:func:`~tui.screens.workers.run_in_thread`); failures are shown as
notifications, never as tracebacks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from tui.display.paths import shorten_middle
from tui.engine import DiffResult
from tui.export.common import article_name
from tui.sanitise import sanitise_line
from tui.screens.dialogs import ConfirmDialog, RenameDialog
from tui.screens.filtering import back_out, move_cursor, type_into_filter
from tui.screens.workers import report_error, run_in_thread
from tui.sources import SourceInfo
from tui.store import (
    RankingInfo,
    RankingSnapshot,
    Snapshot,
    SnapshotInfo,
    SnapshotStore,
    SourceCheck,
    Unreadable,
    check_sources,
    origin_note,
)
from tui.widgets.path_label import PathLabel
from tui.widgets.safe import SafeInput

Entry = SnapshotInfo | RankingInfo | Unreadable


def entry_key(entry: Entry) -> str:
    """The table row key of an entry: its id, else its file name."""
    return entry.id or entry.file.name


def entry_text(entry: Entry) -> str:
    """What the filter matches against, lower case."""
    if isinstance(entry, Unreadable):
        return f"{entry.file.name} {entry.reason}".lower()
    if isinstance(entry, RankingInfo):
        fields = [entry.name, entry.note, article_name(entry.original.path), "ranking copies"]
        return " ".join([*fields, entry.created_local, entry.id]).lower()
    fields = [
        entry.name,
        entry.note,
        article_name(entry.a.path),
        article_name(entry.b.path),
        entry.created_local,
        entry.id,
    ]
    return " ".join(fields).lower()


def filter_entries(entries: list[Entry], query: str) -> list[Entry]:
    """The entries matching every word of ``query`` (case-insensitive)."""
    words = query.lower().split()
    return [e for e in entries if all(w in entry_text(e) for w in words)]


#: Cells of the columns of fixed width (Saved, Similar) and of everything around the
#: columns (the table's border and margins, one cell of padding each side of a column).
_SAVED_CELLS = 16
_SIMILAR_CELLS = 7
_CHROME_CELLS = 4 + 2 * 5 + 1


def column_widths(width: int) -> tuple[int, int, int]:
    """The widths of the Name, A and B columns in a screen ``width`` cells wide."""
    room = max(24, width - _SAVED_CELLS - _SIMILAR_CELLS - _CHROME_CELLS)
    name = room * 2 // 5
    a = (room - name) // 2
    return name, a, room - name - a


class SnapshotsScreen(Screen[None]):
    """Saved snapshots: type to filter, Enter to open, F2 to rename, ctrl+d to delete."""

    CSS_PATH = "snapshots.tcss"
    TITLE = "Snapshots"
    HELP_TITLE: ClassVar[str] = "Saved snapshots"
    BINDINGS: ClassVar[list[BindingType]] = [
        # priority: shown in the footer although the table has its own (hidden) Enter,
        # and acting from the filter too (ctrl+d deletes a snapshot, not a character)
        Binding("enter", "open", "Open", priority=True),
        Binding("f2,ctrl+r", "rename", "Rename", key_display="F2", priority=True),
        Binding("ctrl+d", "delete", "Delete", key_display="^d", priority=True),
        Binding("delete", "delete", "Delete", show=False),
        Binding("f1", "app.help", "Help", key_display="F1"),
        Binding("f5,ctrl+l", "reload", "Reload", show=False),
        Binding("down", "cursor(1)", "Next snapshot", show=False),
        Binding("up", "cursor(-1)", "Previous snapshot", show=False),
        Binding("escape", "back", "Back"),
        # The app's letter keys are letters here (typing filters, see on_key): these hide
        # them from the footer; their action never runs.
        Binding("q,question_mark,o", "filter", show=False),
    ]

    @dataclass
    class Open(Message):
        """Show this saved diff (``origin_note`` says where it came from)."""

        result: DiffResult
        origin_note: str
        sources: tuple[SourceInfo, SourceInfo]

    @dataclass
    class OpenRanking(Message):
        """Show this saved ranking of copies (on the copies screen)."""

        snapshot: RankingSnapshot

    def __init__(self, store: SnapshotStore) -> None:
        super().__init__()
        self.store = store
        self.entries: list[Entry] = []
        self.shown: list[Entry] = []
        self.loaded = False
        #: The widths of the Name, A and B columns the cells were cut for.
        self.widths = column_widths(80)

    def compose(self) -> ComposeResult:
        yield PathLabel(id="snapshots-title")
        yield SafeInput(
            placeholder="type to filter (name, note, article, date)",
            id="snapshots-filter",
            select_on_focus=False,
        )
        yield DataTable(id="snapshots-table", cursor_type="row", zebra_stripes=True)
        yield Static("Loading…", id="snapshots-status")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        """Set up the columns and load the list."""
        title = self.query_one("#snapshots-title", PathLabel)
        title.show(Text("Saved snapshots · "), str(self.store.folder))
        self._set_columns()
        self.query_one(DataTable).focus()
        self.reload()

    def _set_columns(self) -> None:
        """Columns that fit the screen's width (the names are cut to fit, not scrolled)."""
        self.widths = column_widths(self.size.width or self.app.size.width)
        name, a, b = self.widths
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_column("Name", key="name", width=name)
        table.add_column("A", key="a", width=a)
        table.add_column("B", key="b", width=b)
        table.add_column("Saved", key="saved", width=_SAVED_CELLS)
        table.add_column("Similar", key="similar", width=_SIMILAR_CELLS)

    def on_resize(self) -> None:
        """Cut the columns for the new width."""
        if column_widths(self.size.width) != self.widths:
            self._set_columns()
            if self.loaded:
                self._show()

    # -- loading and showing -------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Read the list of snapshots in a thread, then show it (``select``: an id)."""

        def listed(entries: list[Entry]) -> None:
            self.entries = entries
            self.loaded = True
            self._show(select)

        def failed(error: Exception) -> None:
            self.entries = []
            self.loaded = True
            self._show()
            self._status(f"Cannot list snapshots: {error}")

        run_in_thread(
            self,
            self.store.list,
            group="snapshots-list",
            failure="Snapshots",
            on_done=listed,
            on_failure=failed,
        )

    def _status(self, message: str) -> None:
        self.query_one("#snapshots-status", Static).update(Text(sanitise_line(message)))

    def _show(self, select: str | None = None) -> None:
        table = self.query_one(DataTable)
        previous = self.current()
        keep = select or (entry_key(previous) if previous else None)
        query = self.query_one("#snapshots-filter", Input).value
        self.shown = filter_entries(self.entries, query)
        table.clear()
        for entry in self.shown:
            table.add_row(*self._cells(entry, self.widths), key=entry_key(entry))
        if keep is not None:
            for n, entry in enumerate(self.shown):
                if entry_key(entry) == keep:
                    table.move_cursor(row=n)
                    break
        self._update_status()

    @staticmethod
    def _cells(entry: Entry, widths: tuple[int, int, int]) -> list[Text]:
        """The cells of a row; names cut to the column widths with an ellipsis (a name at
        its end, a file name in its middle, where the ``.txt`` and the hash stay)."""
        name_cells, a_cells, b_cells = widths
        if isinstance(entry, Unreadable):
            dim = "dim italic"
            return [
                Text(shorten_middle(sanitise_line(entry.file.name), name_cells), style=dim),
                Text("unreadable: " + sanitise_line(entry.reason), style=dim, no_wrap=True),
                Text(""),
                Text(""),
                Text(""),
            ]
        name = Text(sanitise_line(entry.name), no_wrap=True, overflow="ellipsis")
        name.truncate(name_cells, overflow="ellipsis")
        if isinstance(entry, RankingInfo):
            return [
                name,
                Text(shorten_middle(sanitise_line(article_name(entry.original.path)), a_cells)),
                Text(f"ranking of {entry.copies} copies", style="italic"),
                Text(entry.created_local),
                Text(""),
            ]
        return [
            name,
            Text(shorten_middle(sanitise_line(article_name(entry.a.path)), a_cells)),
            Text(shorten_middle(sanitise_line(article_name(entry.b.path)), b_cells)),
            Text(entry.created_local),
            Text(f"{entry.similarity:.0%}", justify="right"),
        ]

    def _update_status(self) -> None:
        good = sum(not isinstance(e, Unreadable) for e in self.entries)
        bad = len(self.entries) - good
        parts = [f"{good} snapshot{'s' if good != 1 else ''}"]
        if bad:
            parts.append(f"{bad} unreadable (left untouched)")
        query = self.query_one("#snapshots-filter", Input).value.strip()
        if query:
            parts.append(f"{len(self.shown)} match '{query}'")
        if not self.entries:
            parts = ["No snapshots yet: press ctrl+s in a diff to save one."]
        current = self.current()
        if not isinstance(current, Unreadable | None) and current.note:
            parts.append(f"note: {current.note}")
        self._status(" · ".join(parts))

    def current(self) -> Entry | None:
        """The highlighted entry, if any."""
        if not self.is_mounted:
            return None
        table = self.query_one(DataTable)
        row = table.cursor_row
        if not self.shown or row < 0 or row >= len(self.shown) or table.row_count == 0:
            return None
        return self.shown[row]

    # -- filtering -----------------------------------------------------------

    @on(Input.Changed, "#snapshots-filter")
    def _filter_changed(self) -> None:
        if self.loaded:
            self._show()

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._update_status()

    def on_key(self, event: events.Key) -> None:
        """Typing anywhere on the screen filters: every printable key goes to the filter
        (``q``, ``?``, ``o`` too), before any binding sees it."""
        filter_input = self.query_one("#snapshots-filter", Input)
        if self.focused is filter_input or not event.is_printable or not event.character:
            return
        if event.character.isspace() and not filter_input.value:
            return  # a leading space filters nothing
        type_into_filter(event, filter_input)

    def action_cursor(self, delta: int) -> None:
        """Move the highlight (from the filter field too)."""
        move_cursor(self.query_one(DataTable), delta)

    def action_back(self) -> None:
        """Clear the filter, leave the filter field, or close the screen."""
        back_out(self, self.query_one("#snapshots-filter", Input), self.query_one(DataTable))

    # -- actions -------------------------------------------------------------

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    @on(Input.Submitted, "#snapshots-filter")
    def _filter_submitted(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        """Open the highlighted snapshot exactly as saved."""
        entry = self.current()
        if entry is None:
            return
        if isinstance(entry, Unreadable):
            report_error(self, "Unreadable snapshot", f"{entry.file.name}: {entry.reason}")
            return
        if isinstance(entry, RankingInfo):
            self.open_ranking(entry.id)
            return
        self.open_snapshot(entry.id)

    def action_filter(self) -> None:
        """Focus the filter."""
        self.query_one("#snapshots-filter", Input).focus()

    def open_snapshot(self, snapshot_id: str) -> None:
        """Load a snapshot and compare its sources in a thread, then ask to show it."""
        self._status("Opening…")

        def load() -> tuple[Snapshot, tuple[SourceCheck, SourceCheck]]:
            snapshot = self.store.load(snapshot_id)
            return snapshot, check_sources(snapshot.info)

        def loaded(answer: tuple[Snapshot, tuple[SourceCheck, SourceCheck]]) -> None:
            snapshot, checks = answer
            self._update_status()
            info = snapshot.info
            note = origin_note(info, checks)
            if info.note:
                note = f"{note} · note: {info.note}"
            self.post_message(self.Open(snapshot.result, note, (info.a, info.b)))

        run_in_thread(
            self,
            load,
            group="snapshots-open",
            failure="Cannot open snapshot",
            on_done=loaded,
            on_failure=lambda _: self._update_status(),
        )

    def open_ranking(self, snapshot_id: str) -> None:
        """Load a saved ranking in a thread, then ask to show it."""
        self._status("Opening…")

        def loaded(snapshot: RankingSnapshot) -> None:
            self._update_status()
            self.post_message(self.OpenRanking(snapshot))

        run_in_thread(
            self,
            lambda: self.store.load_ranking(snapshot_id),
            group="snapshots-open",
            failure="Cannot open snapshot",
            on_done=loaded,
            on_failure=lambda _: self._update_status(),
        )

    def action_rename(self) -> None:
        """Rename the highlighted snapshot."""
        entry = self.current()
        if isinstance(entry, SnapshotInfo | RankingInfo):
            self.rename_snapshot(entry)
        elif entry is not None:
            self.notify("An unreadable file cannot be renamed.", severity="warning")

    def rename_snapshot(self, entry: SnapshotInfo | RankingInfo) -> None:
        """Ask for a new name and note, then rewrite the snapshot in a thread."""

        def rename(answer: tuple[str, str] | None) -> None:
            if not answer:
                return
            name, note = answer
            run_in_thread(
                self,
                lambda: self.store.rename(entry.id, name, note),
                group="snapshots-edit",
                failure="Cannot rename",
                on_done=lambda _: renamed(name),
            )

        def renamed(name: str) -> None:
            if name == entry.name:
                self.notify("Note saved.", title="Snapshots")
            else:
                self.notify(f"Renamed to '{name}'.", title="Snapshots")
            self.reload(select=entry.id)

        self.app.push_screen(RenameDialog(entry.name, entry.note), rename)

    def action_delete(self) -> None:
        """Delete the highlighted snapshot (after a confirmation)."""
        entry = self.current()
        if entry is not None:
            self.delete_snapshot(entry)

    def delete_snapshot(self, entry: Entry) -> None:
        """Confirm, then delete in a thread."""
        if isinstance(entry, SnapshotInfo | RankingInfo):
            question = f"Delete the snapshot '{entry.name}' ({entry.created_local})?"
        else:
            question = f"Delete the unreadable file {entry.file.name}?"

        def delete(confirmed: bool | None) -> None:
            if not confirmed:
                return
            run_in_thread(
                self,
                lambda: self.store.delete(entry_key(entry)),
                group="snapshots-edit",
                failure="Cannot delete",
                on_done=lambda _: deleted(),
            )

        def deleted() -> None:
            self.notify("Snapshot deleted.", title="Snapshots")
            self.reload()

        self.app.push_screen(
            ConfirmDialog(f"{question}\nThis cannot be undone.", yes_label="Delete"), delete
        )

    def action_reload(self) -> None:
        """Read the folder again."""
        self.reload()
