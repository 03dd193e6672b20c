"""The copies screen: many copies of one original, ranked by what each did to it.

The ranking runs in a thread worker (:func:`~tui.screens.workers.run_in_thread`) over
:func:`tui.rank.rank_copies` (worker processes, all cores unless told otherwise); each copy
that finishes reaches the screen as a :class:`CopiesScreen.Ranked` message and its row
appears in ranked order, with the overall progress. Leaving the screen sets the cancel event:
no further copy starts.

The table sorts by any column (``s`` cycles, ``r`` reverses, a click on a header sorts by
it), typing filters it on path and reason; Enter asks the app to open the highlighted pair
(:class:`CopiesScreen.Open`), pushed on top, so Esc there comes back to this very table,
sort, filter and cursor as they were. ``e`` exports the ranking (text, JSON, CSV, HTML).

``ctrl+s`` saves the ranking as a snapshot (name and note asked), self-contained: the
texts of the original and of every copy are kept as the copies arrive (while they fit in a
saved ranking, :class:`~tui.store.KeptTexts`). :meth:`CopiesScreen.from_snapshot` shows
a saved ranking again without reading any file: Enter then diffs the two stored texts (in a
thread) and asks the app to show that diff (:class:`CopiesScreen.OpenResult`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import (
    DataTable,
    Footer,
    Input,
    ProgressBar,
    Static,
)

from tui.engine import Article, DiffResult
from tui.engine.pipeline import DiffOptions, diff_articles
from tui.export import ExportFormat
from tui.files import write_atomically
from tui.rank import (
    DEFAULT_SORT,
    SORT_NAMES,
    CopyRecord,
    CopyText,
    RankUpdate,
    build_ranking,
    collect_copies,
    rank_copies,
    sort_records,
)
from tui.rank.pool import prepare_worker_processes
from tui.rank.render import RANK_FORMATS, percent, render_ranking
from tui.screens.dialogs import ExportChoice, ExportDialog, SaveSnapshotDialog
from tui.screens.filtering import back_out, move_cursor, type_into_filter
from tui.screens.workers import raise_if_cancelled, read_patiently, report_error, run_in_thread
from tui.sources import SourceInfo
from tui.store import (
    KeptTexts,
    RankingInfo,
    RankingSnapshot,
    SnapshotStore,
    StoreError,
    default_ranking_name,
    origin_note,
)
from tui.widgets.safe import SafeInput, safe_text
from tui.widgets.toosmall import TooSmall

#: Seconds between two rebuilds of the table while copies arrive (one per copy would cost
#: a rebuild of every row for each of a thousand copies).
REFRESH_SECONDS = 0.25
#: File name suffix of each export format of a ranking.
RANK_SUFFIXES: dict[str, str] = {"text": ".txt", "json": ".json", "csv": ".csv", "html": ".html"}
#: The ranking's formats as the export dialog offers them.
RANK_EXPORT_CHOICES: tuple[ExportFormat, ...] = tuple(
    ExportFormat(fmt, RANK_SUFFIXES[fmt], fmt) for fmt in RANK_FORMATS
)


@dataclass(frozen=True, slots=True)
class RankColumn:
    """A column of the table: its key and header, the sort key it orders by, its cell."""

    key: str
    label: str
    sort: str
    cell: Callable[[CopyRecord], str]


def _count(name: str) -> Callable[[CopyRecord], str]:
    return lambda record: str(record.paragraphs.get(name, 0))


#: The figures of a ranked copy, left to right (the rank comes first, the path last).
FIGURE_COLUMNS: tuple[RankColumn, ...] = (
    RankColumn("words", "Words", "coverage", lambda r: percent(r.coverage_words)),
    RankColumn("paras", "Paras", "paragraphs", lambda r: percent(r.coverage_paragraphs)),
    RankColumn("similarity", "Similar", "similarity", lambda r: percent(r.similarity)),
    RankColumn("facts", "Facts", "facts", lambda r: str(r.fact_changes)),
    RankColumn("reworded", "Rewrd", "reworded", _count("reworded")),
    RankColumn("moved", "Moved", "moved", _count("moved")),
    RankColumn("inserted", "Ins", "inserted", _count("inserted")),
    RankColumn("deleted", "Del", "deleted", _count("deleted")),
    RankColumn("furniture", "Furn", "furniture", lambda r: percent(r.furniture)),
)
RANK_COLUMN = RankColumn("rank", "#", DEFAULT_SORT, lambda r: "")
PATH_COLUMN = RankColumn("path", "Copy", "path", lambda r: r.path)
COLUMNS: tuple[RankColumn, ...] = (RANK_COLUMN, PATH_COLUMN, *FIGURE_COLUMNS)
#: Columns of the screen taken by everything but the paths: the figures (their header
#: with a sort arrow, or ``99.9%``, and the cell padding), the rank, the borders.
OTHER_COLUMNS = sum(max(len(c.label) + 1, 5) + 2 for c in FIGURE_COLUMNS) + 5 + 6
#: The paths get at least this many columns (the figures then scroll sideways).
MIN_PATH_COLUMNS = 24


def shown_path(path: str, base: Path | None) -> str:
    """``path`` as the table shows it: relative to the folder ranked (``base``), else to
    the working folder when inside it, else as given."""
    if base is not None:
        with contextlib.suppress(ValueError):
            return str(Path(path).relative_to(base))
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return path
    return path if relative.startswith("..") else relative


def filter_records(
    records: Sequence[CopyRecord], query: str, base: Path | None = None
) -> list[CopyRecord]:
    """The records whose path as shown (see :func:`shown_path`) or reason holds every
    word of ``query`` (any case)."""
    words = query.lower().split()

    def text(record: CopyRecord) -> str:
        return f"{shown_path(record.path, base)} {record.error or ''}".lower()

    return [r for r in records if all(w in text(r) for w in words)]


def export_stem(original: str) -> str:
    """A file name stem for an export of the ranking: ``story-copies``."""
    stem = re.sub(r"[^\w.-]+", "_", Path(original).stem or "original")[:40]
    return f"{stem}-copies"


def saved_options(options: dict[str, object]) -> DiffOptions:
    """The diff options a saved ranking records; one unknown, or not of the default's
    type, is left at its default."""
    defaults = DiffOptions()
    kept = {
        f.name: options[f.name]
        for f in dataclasses.fields(DiffOptions)
        if f.name in options and type(options[f.name]) is type(getattr(defaults, f.name))
    }
    return dataclasses.replace(defaults, **kept)


def write_ranking(text: str, path: str) -> Path:
    """Write an export of the ranking to ``path`` atomically; the absolute path written."""
    target = Path(path).expanduser().absolute()
    write_atomically(target, text.encode("utf-8"), prefix=f".{target.name}.")
    return target


class CopiesScreen(Screen[None]):
    """Copies of one original, ranked: sort, filter, open a pair, export."""

    CSS_PATH = "copies.tcss"
    HELP_TITLE: ClassVar[str] = "Copies ranked against the original"
    HELP_NOTES: ClassVar[tuple[tuple[str, str], ...]] = (
        ("typing", "filters the copies on path and reason"),
        ("mouse", "a click on a column header sorts by it (again: reverses)"),
        ("columns", "Words/Paras: share of the original found in the copy"),
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        # priority: shown in the footer although the table has its own (hidden) Enter
        Binding("enter", "open", "Open pair", priority=True),
        Binding("s", "cycle_sort", "Sort"),
        Binding("r", "reverse", "Reverse"),
        Binding("e", "export", "Export"),
        Binding("ctrl+s", "save_snapshot", "Save ranking"),
        Binding("slash", "filter", "Filter", key_display="/"),
        Binding("down", "cursor(1)", "Next copy", show=False),
        Binding("up", "cursor(-1)", "Previous copy", show=False),
        Binding("escape", "back", "Back"),
    ]

    @dataclass
    class Open(Message):
        """Diff the original (``path_a``) against one of its copies (``path_b``)."""

        path_a: str
        path_b: str

    @dataclass
    class OpenResult(Message):
        """Show this diff of the original against a copy of a saved ranking (made again
        from the stored texts); ``sources`` are the two files' records."""

        result: DiffResult
        origin_note: str
        sources: tuple[SourceInfo, SourceInfo]

    class Ranked(Message, bubble=False):
        """From the ranking thread: one more copy is done."""

        def __init__(self, update: RankUpdate) -> None:
            super().__init__()
            self.update = update

    class Started(Message, bubble=False):
        """From the ranking thread: the original is read, the copies found."""

        def __init__(self, original: CopyText, total: int, failures: list[CopyRecord]) -> None:
            super().__init__()
            self.original = original
            self.total = total
            self.failures = failures

    def __init__(
        self,
        original: str,
        copies: Sequence[str],
        *,
        jobs: int | None = None,
        export_folder: Path | None = None,
        store: SnapshotStore | None = None,
    ) -> None:
        super().__init__()
        #: Where ``ctrl+s`` saves (None: the default store).
        self.store = store or SnapshotStore()
        #: The saved ranking shown (None: a ranking made here).
        self.saved: RankingSnapshot | None = None
        #: The original's path and the copies or folders named.
        self.original_path = original
        self.names = tuple(copies)
        #: Worker processes (None: every core).
        self.jobs = jobs
        #: Where the export dialog proposes to write (None: the working folder).
        self.export_folder = export_folder
        self.original: Article | None = None
        #: The original's source record and article, and the copies' texts as they arrive.
        self.original_text: CopyText | None = None
        self.texts = KeptTexts()
        #: Every record so far, by path; ``total`` copies are expected.
        self.records: dict[str, CopyRecord] = {}
        self.total = 0
        #: Sort key name and direction; the rows shown, in order.
        self.sort_name = DEFAULT_SORT
        self.reverse = False
        self.shown: list[CopyRecord] = []
        #: ``reading``, ``ranking``, ``done`` or ``failed``.
        self.state = "reading"
        self.cancel = threading.Event()
        self._show_pending = False
        folder = Path(self.names[0]) if len(self.names) == 1 else None
        self.base = folder if folder is not None and folder.is_dir() else None

    @classmethod
    def from_snapshot(
        cls,
        snapshot: RankingSnapshot,
        store: SnapshotStore,
        export_folder: Path | None = None,
    ) -> CopiesScreen:
        """A screen showing a saved ranking, as saved (its order too); nothing is read."""
        screen = cls(snapshot.original.article.path, (), store=store, export_folder=export_folder)
        screen.saved = snapshot
        screen.original = snapshot.original.article
        screen.original_text = snapshot.original
        screen.records = {record.path: record for record in snapshot.records}
        screen.total = len(screen.records)
        screen.sort_name, screen.reverse = snapshot.info.sort, snapshot.info.reverse
        screen.state = "done"
        return screen

    def compose(self) -> ComposeResult:
        title = Text("Copies of ", style="bold")
        title.append_text(safe_text(shown_path(self.original_path, None)))
        if self.base is not None:
            title.append(" in ")
            title.append_text(safe_text(shown_path(str(self.base), None)))
        if self.saved is not None:
            title.append(" · saved ranking ")
            title.append_text(safe_text(f"'{self.saved.info.name}'"))
        yield Static(title, id="copies-title")
        yield SafeInput(
            placeholder="type to filter (path, reason)", id="copies-filter", select_on_focus=False
        )
        yield DataTable(id="copies-table", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="copies-progress-row"):
            yield ProgressBar(total=None, show_eta=False, id="copies-progress")
        yield Static("Reading the original…", id="copies-status")
        yield Static(id="copies-detail")
        yield Footer(compact=True, show_command_palette=False)
        yield TooSmall()

    def on_mount(self) -> None:
        """Set up the table and start the ranking (a saved one is all there)."""
        self._show()
        self.query_one(DataTable).focus()
        if self.saved is None:
            self._start()
        else:
            self._progress_done()

    def on_unmount(self) -> None:
        """No further copy starts once the screen is gone."""
        self.cancel.set()

    # -- the ranking ---------------------------------------------------------

    def _start(self) -> None:
        original_path, names, jobs, cancel = self.original_path, self.names, self.jobs, self.cancel
        if jobs != 1:
            try:
                prepare_worker_processes()
            except (OSError, ValueError) as error:  # no process can start: rank in a thread
                report_error(self, "Ranking in one process", error, advice="It will be slower")
                jobs = 1

        def work() -> None:
            source = read_patiently(original_path)
            original = CopyText(source.info, source.article)
            copies, failures = collect_copies(names, original_path)
            self.post_message(self.Started(original, len(copies) + len(failures), failures))
            updates = rank_copies(
                original.article, copies, jobs=jobs, cancel=cancel, keep_texts=True
            )
            with contextlib.closing(updates):
                for update in updates:
                    raise_if_cancelled()
                    self.post_message(self.Ranked(update))

        def failed(_: Exception) -> None:
            self.state = "failed"
            self._progress_done()
            self._show()

        run_in_thread(
            self,
            work,
            group="rank",
            failure="Cannot rank the copies",
            on_done=lambda _: None,  # the messages carry the records; Ranked ends the run
            on_failure=failed,
        )

    @on(Started)
    def _started(self, message: Started) -> None:
        self.original = message.original.article
        self.original_text = message.original
        self.total = message.total
        for record in message.failures:
            self.records[record.path] = record
        self.state = "ranking" if len(self.records) < self.total else "done"
        if self.state == "done":
            self._progress_done()
        else:
            self.query_one(ProgressBar).update(total=self.total, progress=len(self.records))
        self._show()

    @on(Ranked)
    def _ranked(self, message: Ranked) -> None:
        record = message.update.record
        self.records[record.path] = record
        self.texts.keep(record.path, message.update.text)
        self.query_one(ProgressBar).update(progress=len(self.records))
        if len(self.records) >= self.total:
            self.state = "done"
            self._progress_done()
            self._show()
        elif not self._show_pending:
            self._show_pending = True
            self.set_timer(REFRESH_SECONDS, self._show)

    def _progress_done(self) -> None:
        self.query_one("#copies-progress-row").display = False

    # -- the table -----------------------------------------------------------

    def _show(self) -> None:
        """Rebuild the rows: every record so far, sorted and filtered; the cursor stays on
        the copy it was on."""
        self._show_pending = False
        table = self.query_one(DataTable)
        current = self.current()
        records = sort_records(self.records.values(), self.sort_name, reverse=self.reverse)
        self.shown = filter_records(records, self.query_one(Input).value, self.base)
        ranks = {record.path: n for n, record in enumerate(records, 1)}
        rows = [self._cells(record, ranks[record.path]) for record in self.shown]
        table.clear(columns=True)
        for column in COLUMNS:
            width = self._path_width(rows) if column is PATH_COLUMN else None
            table.add_column(self._header(column), key=column.key, width=width)
        for record, cells in zip(self.shown, rows, strict=True):
            table.add_row(*cells, key=record.path)
        if current is not None:
            for n, record in enumerate(self.shown):
                if record.path == current.path:
                    table.move_cursor(row=n, animate=False)
                    break
        self._update_status()

    def _path_width(self, rows: list[list[Text]]) -> int | None:
        """The width of the path column: its widest cell when all the figures fit beside
        it, else what is left of the screen (at least :data:`MIN_PATH_COLUMNS`)."""
        widest = max((row[1].cell_len for row in rows), default=0)
        room = max(MIN_PATH_COLUMNS, self.size.width - OTHER_COLUMNS)
        return None if widest <= room else room

    def on_resize(self) -> None:
        """Share the new width between the paths and the figures."""
        self._show()

    def _header(self, column: RankColumn) -> Text:
        label = Text(column.label, style="bold")
        if column is not RANK_COLUMN and column.sort == self.sort_name:
            arrow = "▲" if self.reverse != (column.sort == "path") else "▼"
            label.append(arrow)
        if column is not PATH_COLUMN:
            label.justify = "right"
        return label

    def _cells(self, record: CopyRecord, rank: int) -> list[Text]:
        path = safe_text(shown_path(record.path, self.base))
        if not record.ok:
            path.append("  ")
            path.append_text(safe_text(record.error, style="italic"))
            figures = [Text("–", justify="right") for _ in FIGURE_COLUMNS]
            row = [Text(str(rank), justify="right"), path, *figures]
            for cell in row:
                cell.stylize("dim")
            return row
        if record.identical:
            path.append("  identical", style="dim")
        figures = [Text(column.cell(record), justify="right") for column in FIGURE_COLUMNS]
        if record.fact_changes:
            figures[3].stylize("bold")
        return [Text(str(rank), justify="right"), path, *figures]

    def current(self) -> CopyRecord | None:
        """The highlighted copy, if any."""
        if not self.is_mounted:
            return None
        table = self.query_one(DataTable)
        row = table.cursor_row
        if table.row_count == 0 or not 0 <= row < len(self.shown):
            return None
        return self.shown[row]

    def _update_status(self) -> None:
        done = len(self.records)
        if self.state == "reading":
            status = "Reading the original and looking for copies…"
        elif self.state == "failed":
            status = "The ranking stopped (see the notification)."
        else:
            ranked = f"{done} of {self.total} copies ranked" if self.state == "ranking" else ""
            if self.state == "done":
                differ = sum(r.differs for r in self.records.values())
                unreadable = sum(not r.ok for r in self.records.values())
                ranked = f"{done} copies: {differ} differ, {unreadable} unreadable"
                if not done:
                    ranked = "No copies found (the folder holds no readable files?)"
            order = ", reversed" if self.reverse else ""
            status = f"{ranked} · sorted by {self.sort_name}{order}"
        query = self.query_one(Input).value.strip()
        if query:
            status += f" · {len(self.shown)} match '{query}'"
        self.query_one("#copies-status", Static).update(safe_text(status))
        self.query_one("#copies-detail", Static).update(self._detail(self.current()))

    def _detail(self, record: CopyRecord | None) -> Text:
        """What the highlighted copy changed: its reason, or its first fact changes."""
        if record is None:
            return Text()
        text = safe_text(shown_path(record.path, self.base), style="bold")
        if not record.ok:
            return text.append_text(safe_text(f": {record.error}", style="italic"))
        if not record.first_facts:
            return text.append(": no fact changes", style="dim")
        for entry in record.first_facts:
            text.append("\n")
            text.append(f"{entry.kind} {entry.status} ", style="bold")
            text.append_text(safe_text(f"{entry.where}  “{entry.old}” → “{entry.new}”"))
        return text

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._update_status()

    # -- sorting and filtering -----------------------------------------------

    def sort_by(self, name: str, *, reverse: bool = False) -> None:
        """Order the table by the sort key ``name`` (``reverse``: the other way round)."""
        self.sort_name, self.reverse = name, reverse
        self._show()

    def action_cycle_sort(self) -> None:
        """Sort by the next sort key (its natural direction)."""
        names = SORT_NAMES
        self.sort_by(names[(names.index(self.sort_name) + 1) % len(names)])

    def action_reverse(self) -> None:
        """Reverse the order (unreadable copies stay last)."""
        self.sort_by(self.sort_name, reverse=not self.reverse)

    @on(DataTable.HeaderSelected)
    def _header_clicked(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        column = next(c for c in COLUMNS if c.key == event.column_key.value)
        same = column.sort == self.sort_name and column is not RANK_COLUMN
        self.sort_by(column.sort, reverse=not self.reverse if same else False)

    @on(Input.Changed, "#copies-filter")
    def _filter_changed(self) -> None:
        self._show()

    def on_key(self, event: events.Key) -> None:
        """Typing in the table starts filtering."""
        filter_input = self.query_one(Input)
        if self.focused is filter_input or not event.is_printable or not event.character:
            return
        if event.character.isspace() or event.key in self.active_bindings:
            return  # a key of this screen or of the app (s, r, e, /, q, ?): not a filter
        type_into_filter(event, filter_input)

    def action_filter(self) -> None:
        """Focus the filter."""
        self.query_one(Input).focus()

    def action_cursor(self, delta: int) -> None:
        """Move the highlight (from the filter field too)."""
        move_cursor(self.query_one(DataTable), delta)

    def action_back(self) -> None:
        """Clear the filter, leave the filter field, or close the screen (the ranking
        stops)."""
        back_out(self, self.query_one(Input), self.query_one(DataTable))

    # -- opening and exporting -----------------------------------------------

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    @on(Input.Submitted, "#copies-filter")
    def _filter_submitted(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        """Open the original and the highlighted copy side by side."""
        record = self.current()
        if record is None:
            return
        if not record.ok:
            report_error(self, "Cannot open this copy", f"{record.path}: {record.error}")
            return
        # The table has the focus when the pair is closed again (Enter may come from
        # the filter): the keys then sort, reverse and export at once.
        self.set_focus(self.query_one(DataTable))
        if self.saved is None:
            self.post_message(self.Open(self.original_path, record.path))
        else:
            self._open_saved(self.saved, record)

    def _open_saved(self, saved: RankingSnapshot, record: CopyRecord) -> None:
        """Diff the stored texts of the original and of ``record``'s copy in a thread,
        then ask the app to show that diff."""
        copy = next((c for c in saved.copies if c.record.path == record.path), None)
        if copy is None or copy.text is None:
            report_error(self, "Cannot open this copy", f"{record.path}: no text saved")
            return
        text = copy.text
        options = saved_options(saved.options)

        def shown(result: DiffResult) -> None:
            note = origin_note(saved.info)
            note += " · diffed again from the texts saved"
            self.post_message(self.OpenResult(result, note, (saved.original.source, text.source)))

        run_in_thread(
            self,
            lambda: diff_articles(saved.original.article, text.article, options),
            group="open-saved",
            failure="Cannot open this copy",
            on_done=shown,
        )

    def action_save_snapshot(self) -> None:
        """Save the ranking as a snapshot, self-contained (a dialog asks name and note)."""
        original = self.original_text
        if original is None or self.state != "done":
            self.notify("Wait until every copy is ranked.", severity="warning", timeout=3)
            return
        records = sort_records(self.records.values(), self.sort_name, reverse=self.reverse)
        try:
            copies = self.texts.copies(records) if self.saved is None else list(self.saved.copies)
        except StoreError as error:
            report_error(self, "Ranking not saved", error)
            return
        sort, reverse = self.sort_name, self.reverse

        def save(answer: tuple[str, str] | None) -> None:
            if answer is None:
                return
            name, note = answer
            run_in_thread(
                self,
                lambda: self.store.save_ranking(
                    original,
                    copies,
                    sort=sort,
                    reverse=reverse,
                    name=name,
                    note=note,
                    options=DiffOptions(),
                ),
                group="save",
                failure="Ranking not saved",
                on_done=saved,
                exclusive=False,
            )

        def saved(info: RankingInfo) -> None:
            self.notify(f"Saved as '{info.name}' ({info.id[:8]}).", title="Ranking saved")

        default = default_ranking_name(original.article.path, len(copies))
        self.app.push_screen(
            SaveSnapshotDialog(default, title="Save this ranking as a snapshot"), save
        )

    def action_export(self) -> None:
        """Export the ranking as shown, all of it (a dialog asks for the format and file)."""
        if self.original is None:
            self.notify("Nothing ranked yet.", severity="warning", timeout=3)
            return
        ranking = build_ranking(
            self.original, self.records.values(), self.sort_name, reverse=self.reverse
        )

        def export(answer: ExportChoice | None) -> None:
            if answer is None:
                return
            run_in_thread(
                self,
                lambda: write_ranking(render_ranking(ranking, answer.format), answer.path),
                group="export",
                failure="Not exported",
                on_done=exported,
                exclusive=False,
            )

        def exported(written: Path) -> None:
            self.export_folder = written.parent
            self.notify(f"Wrote {written}", title="Exported")

        stem = export_stem(self.original_path)
        self.app.push_screen(RankExportDialog(stem, folder=self.export_folder), export)


class RankExportDialog(ExportDialog):
    """The export dialog offering the formats of a ranking."""

    def __init__(self, stem: str, fmt: str = "html", folder: Path | None = None) -> None:
        super().__init__(
            stem,
            fmt,
            folder,
            choices=RANK_EXPORT_CHOICES,
            title="Export the ranking",
            offer_browser=False,
        )
