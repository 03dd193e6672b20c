"""The diff screen: a header with the figures, the split view, the overview ruler.

Reading, diffing (``r``, ``x``) and preparing the display run in thread workers
(:func:`~tui.screens.workers.run_in_thread`); saving and exporting ask with a dialog, then
write in a thread. The screen asks the app for a new diff of a snapshot's files with a
:class:`DiffScreen.Rediff` message.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input, Label, ProgressBar, Static
from textual.worker import WorkerCancelled, get_current_worker

from tui.display import (
    DisplayModel,
    ParagraphsAhead,
    look_of,
    prepare_display,
    spare_collector,
)
from tui.display.chars import differing_characters
from tui.display.facts import fact_hits, next_fact, walked_facts
from tui.display.filling import (
    BATCH_ROWS,
    FilledRow,
    diff_rows_by_need,
    overall_fraction,
    progress_label,
    settled_rows,
    word_diff_phase,
)
from tui.engine import (
    Article,
    DiffOptions,
    DiffResult,
    LazyDiff,
    Row,
    align_articles,
    paragraph_numbers,
    swap_result,
)
from tui.engine.model import FactEntry
from tui.engine.pipeline import collector_paused
from tui.export import default_export_stem, write_export
from tui.export.common import source_lines
from tui.export.facts_export import ledger_summary
from tui.open_in_browser import open_in_browser
from tui.sanitise import sanitise_line
from tui.screens.dialogs import ExportChoice, ExportDialog, SaveSnapshotDialog
from tui.screens.workers import (
    DEFAULT_READING,
    Reading,
    raise_if_cancelled,
    read_patiently,
    run_in_thread,
)
from tui.sources import SourceInfo, is_url, source_info
from tui.sources.ahead import ReadAhead
from tui.store import SnapshotInfo, SnapshotStore, default_snapshot_name
from tui.widgets.facts_panel import FactsPanel
from tui.widgets.legend import Legend
from tui.widgets.ruler import OverviewRuler
from tui.widgets.safe import SafeInput, safe_text
from tui.widgets.splitview import SplitView
from tui.widgets.toosmall import MIN_WIDTH, TooSmall


@dataclass(frozen=True)
class DiffOutcome:
    """What a diff worker hands back: the result and the records of its two sources.

    ``model`` is the result's display, prepared in the worker thread too (side texts,
    wrapped at the view's width); ``computed_at`` is perf_counter() when the diff was done.
    """

    result: DiffResult
    sources: tuple[SourceInfo, SourceInfo] | None
    model: DisplayModel | None = None
    computed_at: float | None = None


def _swap_sources(
    sources: tuple[SourceInfo, SourceInfo] | None,
) -> tuple[SourceInfo, SourceInfo] | None:
    return None if sources is None else (sources[1], sources[0])


def row_across(result: DiffResult, row: Row) -> int | None:
    """The row of ``result`` (A and B swapped) showing a paragraph of ``row``, or None."""
    for index, candidate in enumerate(result.rows):
        if set(candidate.b) & set(row.a) or set(candidate.a) & set(row.b):
            return index
    return None


def _width_of(split: SplitView) -> Callable[[], int]:
    """For a worker thread: the width to wrap at, once the view is laid out (0 if it is
    not within half a second; the view then wraps when it is)."""
    worker = get_current_worker()

    def width() -> int:
        for _ in range(50):
            if split.width_hint > 0 or worker.is_cancelled:
                break
            time.sleep(0.01)
        return split.width_hint

    return width


class StatusLine(Widget):
    """One line under the view: the selected row, modes, search (no relayout on update)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Text()

    def set_text(self, text: Text) -> None:
        """Show ``text``."""
        self._text = text
        self.refresh()

    def render(self) -> Text:
        """The current text."""
        return self._text


class DiffHeader(Vertical):
    """File names, the pair's figures and an optional origin note (e.g. a snapshot)."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="names"):
            yield Label(id="name-a")
            yield Label(id="name-b")
        yield Static(id="figures")
        yield Static(id="note")

    def show(
        self,
        result: DiffResult | None,
        note: str | None,
        paths: tuple[str, str],
        articles: tuple[Article, Article] | None = None,
    ) -> None:
        """Fill the header for ``result`` (or the paths, and the ``articles`` once read,
        while it is computed)."""
        if result is not None:
            articles = (result.a, result.b)
        a_path = articles[0].path if articles else paths[0]
        b_path = articles[1].path if articles else paths[1]
        name_a = Text("A ", style="bold")
        name_a.append(sanitise_line(a_path if is_url(a_path) else Path(a_path).name or a_path))
        name_b = Text("B ", style="bold")
        name_b.append(sanitise_line(b_path if is_url(b_path) else Path(b_path).name or b_path))
        if articles is not None:
            for name, article in ((name_a, articles[0]), (name_b, articles[1])):
                name.append(
                    f"  {len(article.paragraphs)} ¶ · {sanitise_line(article.encoding)}",
                    style="dim",
                )
                for line in source_lines(article):  # a web page's headline, site, fetch
                    name.append("\n" + sanitise_line(line.strip()), style="dim")
        self.query_one("#name-a", Label).update(name_a)
        self.query_one("#name-b", Label).update(name_b)
        fig = self.query_one("#figures", Static)
        if result is None:
            fig.update(Text("computing the diff…", style="dim"))
        else:
            fig.update(figures_text(result))
        notes = [sanitise_line(note)] if note else []
        if result is not None:
            notes += [sanitise_line(w) for w in result.warnings]
        note_widget = self.query_one("#note", Static)
        note_widget.update(Text(" · ".join(notes)))
        note_widget.display = bool(notes)


def similarity_text(result: DiffResult) -> str:
    """``47% similar``, and the figure without page furniture where it differs:
    ``47% similar (body 49%)``."""
    whole = round(result.stats.similarity * 100)
    body = round(result.stats.body_similarity * 100)
    return f"{whole}% similar" + (f" (body {body}%)" if body != whole else "")


def figures_text(result: DiffResult) -> Text:
    """The figures of the header: similarity, rows and words; then the fact ledger's
    changes by kind (``facts: 1 number · 3 name``)."""
    stats = result.stats
    rows, words = stats.rows, stats.word_changes
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(similarity_text(result), style="bold")
    text.append("  ¶ ")
    # Moves, splits and merges are shown only when there are some (the line must fit 80).
    structural = " ".join(
        f"{mark}{rows[kind]}"
        for mark, kind in (("↕", "moved"), ("⇉", "split"), ("⇇", "merged"))
        if rows[kind]
    )
    text.append(
        f"+{rows['inserted']} −{rows['deleted']} ~{rows['changed']}"
        + (f" {structural}" if structural else "")
    )
    text.append("  words ")
    reworded = words["paraphrase"] + words["reworded"]
    text.append(f"+{words['insert']} −{words['delete']} reworded {reworded} minor {words['minor']}")
    variants = sum(1 for entry in result.facts if not entry.is_change)
    text.append("\nfacts: ")
    text.append(ledger_summary(result), style="bold" if len(result.facts) > variants else "")
    if variants:
        text.append(f" · {variants} spelling variant{'s' if variants != 1 else ''}", style="dim")
    return text


#: The terminal width from which the facts panel stands beside the split view.
FACTS_BESIDE_WIDTH = 120

#: Footer groups: one label for a pair of keys.
CHANGE = Binding.Group("Change")
FACT = Binding.Group("Fact")


class DiffScreen(Screen[None]):
    """Two articles side by side, scrolled in step, with change navigation.

    Open it with two paths (read and diffed in a worker thread) or with an already
    computed :class:`DiffResult`. ``result`` is the public, current result (or None
    while the first diff runs); ``store`` is where ``ctrl+s`` saves.
    """

    HELP_TITLE: ClassVar[str] = "Diff view"
    #: Extra lines of the help panel: (what, meaning).
    HELP_NOTES: ClassVar[tuple[tuple[str, str], ...]] = (
        ("mouse", "wheel scrolls both columns; click selects a row"),
        ("facts:", "the fact ledger's changes by kind (L lists them)"),
        ("body %", "the similarity without page furniture (navigation, bylines, captions)"),
        ("dimmed", "page furniture: n and p pass over it unless u is on"),
    )
    #: The facts panel sits beside the split view from this width, below it before.
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [
        (0, "-too-narrow"),
        (MIN_WIDTH, "-wide-enough"),
        (FACTS_BESIDE_WIDTH, "-facts-beside"),
    ]
    HELP_LEGEND: ClassVar[bool] = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "move(1)", "Next row", show=False),
        Binding("k,up", "move(-1)", "Previous row", show=False),
        Binding("pagedown,space,ctrl+f", "page(1)", "Page down", show=False),
        Binding("pageup,ctrl+b", "page(-1)", "Page up", show=False),
        Binding("home,g", "first", "First row", show=False),
        Binding("end,G", "last", "Last row", show=False),
        # The footer shows the keys with show=True, grouped to fit 80 columns with the
        # app's ? q o after them; the help panel (?) and the command palette list them all.
        Binding(
            "n,right_square_bracket", "change(1)", "Next change", key_display="n", group=CHANGE
        ),
        Binding(
            "p,left_square_bracket", "change(-1)", "Prev change", key_display="p", group=CHANGE
        ),
        Binding("f", "fact(1)", "Next fact", group=FACT),
        Binding("F", "fact(-1)", "Previous fact", group=FACT),
        Binding("L", "toggle_facts", "Fact ledger", group=FACT),
        Binding("u", "toggle_furniture", "Stop at furniture", show=False),
        Binding("c", "toggle_changes_only", "Changes only"),
        Binding("m", "toggle_minor", "Minor", show=False),
        Binding("slash", "search", "Search", key_display="/"),
        # The status line says which keys go to the next and previous match.
        Binding("full_stop,f3", "match(1)", "Next match", key_display=".", show=False),
        Binding("comma,shift+f3", "match(-1)", "Prev match", key_display=",", show=False),
        Binding("x", "swap", "Swap sides", show=False),
        Binding("r", "reread", "Re-read files", show=False),
        Binding("r", "rediff", "Re-diff current files", show=False),
        Binding("l", "legend", "Legend", show=False),
        Binding("ctrl+s", "save_snapshot", "Save snapshot", show=False),
        Binding("e", "export", "Export"),
        Binding("escape", "back", "Back", show=False),
    ]

    @dataclass
    class Progress(Message):
        """Progress of the diff worker: what it does (and how long it may take) and the
        share done (None: unknown)."""

        label: str
        fraction: float | None

    @dataclass
    class Aligned(Message):
        """The diff worker aligned the paragraphs: ``model`` shows every row, pending."""

        model: DisplayModel
        sources: tuple[SourceInfo, SourceInfo]
        keep_row: int | None
        aligned_at: float

    @dataclass
    class RowsReady(Message):
        """The diff worker word-diffed these rows of ``model`` (``settled``: the final
        form of rows handed over before, see :func:`settled_rows`)."""

        model: DisplayModel
        rows: list[FilledRow]
        settled: bool = False

    @dataclass
    class Finished(Message):
        """The diff worker word-diffed every row (after its last :class:`RowsReady`)."""

        outcome: DiffOutcome

    @dataclass
    class Rediff(Message):
        """Diff these two files in a new diff screen (the current files of a snapshot)."""

        path_a: str
        path_b: str
        origin_note: str

    @dataclass
    class ViewChanged(Message):
        """Minor differences, changes-only or stopping at furniture were toggled (the app
        remembers them)."""

        show_minor: bool
        changes_only: bool
        stop_at_furniture: bool = False

    @dataclass
    class Exported(Message):
        """The diff was exported to ``path``, absolute (the app remembers its folder)."""

        path: Path

    def __init__(
        self,
        store: SnapshotStore,
        paths: tuple[str, str] | None = None,
        *,
        result: DiffResult | None = None,
        origin_note: str | None = None,
        sources: tuple[SourceInfo, SourceInfo] | None = None,
        streams: bool = False,
        reading: Reading = DEFAULT_READING,
        ahead: ReadAhead | None = None,
        show_minor: bool = True,
        changes_only: bool = False,
        stop_at_furniture: bool = False,
        export_folder: Path | None = None,
    ) -> None:
        super().__init__()
        #: The view's toggles at start (the saved settings).
        self.initial_options = {
            "show_minor": show_minor,
            "changes_only": changes_only,
            "stop_at_furniture": stop_at_furniture,
        }
        #: Where the export dialog proposes to write (None: the working folder).
        self.export_folder = export_folder
        self.store = store
        self.paths = paths
        #: True when ``paths`` come from the command line: a named pipe (``<(cmd)``) is
        #: read too (never one met while browsing).
        self.streams = streams
        #: How ``paths`` are read (web pages whole or not, the plain-text paragraph rule).
        self.reading = reading
        #: ``paths`` being read and aligned in other processes since the launch (used by
        #: the first diff only; see :mod:`tui.sources.ahead`).
        self.ahead = ahead
        #: The current diff (None while the first one is being computed).
        self.result: DiffResult | None = result
        self.origin_note = origin_note
        #: Records of the two source files (hashes as read for the current result); for a
        #: screen opened from a snapshot, the snapshot's records.
        self.sources: tuple[SourceInfo, SourceInfo] | None = sources
        #: True after an odd number of swaps (the origin note names the sides as saved).
        self.swapped = False
        self.query_text = ""
        #: The ledger entries ``f``/``F`` walk (see :func:`walked_facts`), and the index of
        #: the one shown last (None: none yet, or the selection moved elsewhere).
        self.walked: list[FactEntry] = []
        self.fact_at: int | None = None
        #: perf_counter() when the current result was computed (the diff worker) or given
        #: (a snapshot): the UI benchmark's start of "first frame after the diff".
        self.result_at: float | None = None

    def compose(self) -> ComposeResult:
        yield DiffHeader(id="diff-header")
        with Horizontal(id="diff-body"):
            split = SplitView(id="split")
            split.show_minor = self.initial_options["show_minor"]
            split.changes_only = self.initial_options["changes_only"]
            split.skip_furniture = not self.initial_options["stop_at_furniture"]
            yield split
            yield OverviewRuler(split, id="ruler")
            yield Legend(id="legend")
            yield FactsPanel(id="facts")
        with Horizontal(id="loading"):
            yield Label("Reading the articles…", id="loading-label")
            yield ProgressBar(total=None, show_eta=False, id="progress")
        yield SafeInput(
            placeholder="search both columns; enter to find, escape to close", id="search"
        )
        yield StatusLine(id="status")
        yield Footer(compact=True, show_command_palette=False)
        yield TooSmall()

    @property
    def split(self) -> SplitView:
        """The split view."""
        return self.query_one("#split", SplitView)

    def on_mount(self) -> None:
        """Show the result, or start the diff."""
        self.query_one("#legend").display = False
        self.query_one("#search").display = False
        if self.result is not None:
            self._show_result(self.result)
        elif self.paths is not None:
            self._start_diff()

    def on_unmount(self) -> None:
        """Leaving: stop any diff still running (its thread ends at its next row); let the
        collector walk what was kept out of its walks (:func:`~tui.display.spare_collector`)
        again, so that this screen's objects can go."""
        self.workers.cancel_node(self)
        gc.unfreeze()

    # ---------------------------------------------------------------- workers

    def _show_loading(self, label: str) -> None:
        self.query_one("#loading").display = True
        self.query_one("#loading-label", Label).update(safe_text(label))
        self.query_one("#progress", ProgressBar).update(total=None, progress=0)

    def _start_diff(self) -> None:
        """Read both files, align their paragraphs and show the rows, then word-diff the
        rows (those on screen first) in the same worker; ``Esc`` or a newer diff stops it
        between two rows."""
        assert self.paths is not None
        path_a, path_b = self.paths
        self.query_one(DiffHeader).show(self.result, self.origin_note, self.paths)
        streams, reading = self.streams, self.reading
        split = self.split
        keep_row = split.selected_row if split.model is not None else None
        self._show_loading("Reading the articles…")

        ahead, self.ahead = self.ahead, None
        if ahead is not None and (ahead.paths, ahead.paragraphs, ahead.whole_page) != (
            (path_a, path_b),
            reading.paragraphs,
            reading.whole_page,
        ):
            ahead.close()
            ahead = None

        def work() -> DiffOutcome:
            worker = get_current_worker()
            started = time.perf_counter()
            last = -1.0

            def aligning(fraction: float) -> None:
                nonlocal last
                raise_if_cancelled()
                if fraction - last >= 0.01:
                    last = fraction
                    elapsed = time.perf_counter() - started
                    label = progress_label("Aligning the paragraphs", fraction, elapsed)
                    self.post_message(self.Progress(label, fraction))

            aligned = None
            paragraphs: ParagraphsAhead | None = None

            def prepare(articles: tuple[Article, Article]) -> None:
                nonlocal paragraphs
                with collector_paused():
                    paragraphs = ParagraphsAhead.of(
                        articles, _width_of(split), lambda: worker.is_cancelled
                    )
                spare_collector()

            if ahead is not None:  # read and aligned in other processes since the launch
                # Their paragraphs are made ready for the view while they are aligned.
                aligned = ahead.wait(lambda: worker.is_cancelled, aligning, prepare)
                raise_if_cancelled()
            if aligned is None:
                # The records hash the bytes just diffed (read once: a file edited later
                # then shows as changed when a snapshot of this diff is reopened). A named
                # pipe given on the command line is read too, but not waited for for ever.
                a = read_patiently(path_a, allow_stream=streams, reading=reading)
                b = read_patiently(path_b, allow_stream=streams, reading=reading)
                sources = (a.info, b.info)
                alignment = align_articles(a.article, b.article, None, aligning)
            else:
                sources, alignment = aligned
            raise_if_cancelled()
            with collector_paused():
                model = prepare_display(
                    alignment, _width_of(split), lambda: worker.is_cancelled, paragraphs
                )
            spare_collector()
            raise_if_cancelled()
            assert model is not None  # None only when cancelled
            self.post_message(self.Aligned(model, sources, keep_row, time.perf_counter()))

            def progress(done: int, total: int) -> None:
                fraction = overall_fraction(done, total)
                elapsed = time.perf_counter() - started
                label = progress_label(word_diff_phase(done, total), fraction, elapsed)
                self.post_message(self.Progress(label, fraction))

            lazy = LazyDiff(alignment)
            delivered: list[Row | None] = [None] * len(lazy)

            def deliver(rows: list[FilledRow]) -> None:
                for index, row, _ in rows:
                    delivered[index] = row
                self.post_message(self.RowsReady(model, rows))

            finished = diff_rows_by_need(
                lazy, lambda: split.wanted, deliver, progress, lambda: worker.is_cancelled
            )
            if not finished:
                raise WorkerCancelled()
            result = lazy.complete()
            settled = settled_rows(result, delivered)
            for start in range(0, len(settled), BATCH_ROWS):  # the view stays responsive
                self.post_message(
                    self.RowsReady(model, settled[start : start + BATCH_ROWS], settled=True)
                )
            return DiffOutcome(result, sources, model, time.perf_counter())

        run_in_thread(
            self,
            work,
            group="diff",
            failure="Cannot diff",
            on_done=lambda outcome: self.post_message(self.Finished(outcome)),
            on_failure=self._failed,
        )

    @on(Aligned)
    def _on_aligned(self, message: Aligned) -> None:
        """The paragraphs are aligned: show every row now (the word diff follows)."""
        self.result = None
        self.sources = message.sources
        self.result_at = message.aligned_at
        self.query_one(DiffHeader).show(
            None, self._header_note(), self.paths or ("", ""), message.model.articles
        )
        split = self.split
        keep_row = message.keep_row
        if keep_row is not None:
            keep_row = min(keep_row, len(message.model.rows) - 1)
        split.set_model(message.model, keep_row if keep_row is not None and keep_row >= 0 else None)
        spare_collector()
        self._show_ledger(None)
        split.focus()
        self._update_status()
        self.refresh_bindings()

    @on(RowsReady)
    def _on_rows_ready(self, message: RowsReady) -> None:
        if message.model is self.split.model:
            self.split.install(message.rows, settled=message.settled)
            spare_collector()  # the rows just made, as they come
            self._update_status()

    @on(Finished)
    def _on_finished(self, message: Finished) -> None:
        """Every row is word-diffed: the figures, the ruler and the facts are complete."""
        outcome = message.outcome
        split = self.split
        if outcome.model is not split.model:
            return
        self.query_one("#loading").display = False
        self.result = outcome.result
        spare_collector()
        split.finish(outcome.result)
        self._show_ledger(outcome.result)
        if self.query_text:
            split.set_search(self.query_text)
        paths = self.paths or (outcome.result.a.path, outcome.result.b.path)
        self.query_one(DiffHeader).show(outcome.result, self._header_note(), paths)
        self.query_one(OverviewRuler).refresh()
        self._update_status()
        self.refresh_bindings()

    def _prepare(self, result: DiffResult, keep_row: int | None, given_at: float) -> None:
        """Prepare the display of a result given directly (a snapshot) in a worker."""
        self._show_loading("Preparing the display…")
        split = self.split

        def work() -> DisplayModel:
            worker = get_current_worker()
            model = prepare_display(result, _width_of(split), lambda: worker.is_cancelled)
            raise_if_cancelled()
            assert model is not None  # None only when cancelled
            return model

        def done(model: DisplayModel) -> None:
            if result is self.result:
                self._show_result(result, keep_row=keep_row, model=model, given_at=given_at)

        run_in_thread(
            self,
            work,
            group="prepare",
            failure="Cannot show the diff",
            on_done=done,
            on_failure=self._failed,
        )

    @on(Progress)
    def _on_progress(self, message: Progress) -> None:
        bar = self.query_one("#progress", ProgressBar)
        if message.fraction is not None:
            bar.update(total=100, progress=round(message.fraction * 100))
        self.query_one("#loading-label", Label).update(safe_text(message.label))

    def _failed(self, error: Exception) -> None:
        """A worker failed (the app told the user): go back if there is nothing to show."""
        self.query_one("#loading").display = False
        if self.result is None:
            self.app.call_later(self._leave)

    def _leave(self) -> None:
        if self.app.screen is self and len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def _show_result(
        self,
        result: DiffResult,
        keep_row: int | None = None,
        *,
        model: DisplayModel | None = None,
        given_at: float | None = None,
    ) -> None:
        """Show ``result``; without a prepared ``model``, a large result is prepared by a
        worker first (the loading indicator shows meanwhile, the view keeps what it had)."""
        self.result = result
        self.result_at = given_at if given_at is not None else time.perf_counter()
        paths = self.paths or (result.a.path, result.b.path)
        self.query_one(DiffHeader).show(result, self._header_note(), paths)
        if model is None and not DisplayModel.is_small(result):
            self._prepare(result, keep_row, self.result_at)
            self.refresh_bindings()
            return
        self.query_one("#loading").display = False
        split = self.split
        if keep_row is not None:
            keep_row = min(keep_row, len(result.rows) - 1)
        if keep_row is not None and keep_row < 0:
            keep_row = None
        split.set_result(result, keep_row=keep_row, model=model)
        spare_collector()
        self._show_ledger(result)
        if self.query_text:
            split.set_search(self.query_text)
        split.focus()
        self._update_status()
        self.refresh_bindings()

    def _header_note(self) -> str | None:
        """The origin note, plus how to re-diff a snapshot's files."""
        note = self.origin_note
        if note and self.swapped:
            note = f"{note} · A and B swapped since opened"
        if self.paths is None and self.sources and all(s.abspath for s in self.sources):
            hint = "r diffs the current files"
            note = f"{note} · {hint}" if note else hint
        if self.paths is None and self.sources:  # a page saved is never fetched again
            sides = zip("AB", self.sources, strict=True)
            fetched = [f"{side} fetched {s.fetched_at}" for side, s in sides if s.fetched_at]
            note = " · ".join([note, *fetched] if note else fetched) or None
        return note

    # ---------------------------------------------------------------- status

    def _update_status(self) -> None:
        split = self.split
        status = Text()
        model = split.model  # what the view shows (a new result may still be prepared)
        if model is not None and split.items:
            item = split.items[split.selected]
            if item.is_fold:
                status.append(f"{item.fold_count} unchanged paragraphs folded")
            else:
                row = model.rows[item.row]
                ready = model.ready[item.row]
                words = look_of(model.classes[item.row]).words if ready else "comparing words…"
                where_a = paragraph_numbers(row.a) or "—"
                where_b = paragraph_numbers(row.b) or "—"
                status.append(f"row {item.row + 1}/{len(model.rows)} ", style="bold")
                fact = self._fact_shown()
                if fact is not None:
                    status.append(f"fact {fact + 1}/{len(self.walked)} ", style="bold")
                status.append(f"{words}  A {where_a} ↔ B {where_b}")
                if ready and row.kind not in ("equal", "inserted", "deleted"):
                    status.append(f"  {round(row.similarity * 100)}% alike")
                flags = sorted({f for s in row.spans if s.op != "equal" for f in s.flags})
                if flags:
                    status.append("  facts: " + ", ".join(flags), style="bold")
                characters = differing_characters(row)
                if characters:
                    status.append("  " + "; ".join(characters), style="bold")
                if row.furniture:
                    status.append("  page furniture", style="dim")
        elif model is not None:
            status.append("no paragraphs on either side")
        modes = []
        if split.changes_only:
            modes.append("changes only")
        if not split.show_minor:
            modes.append("minor hidden")
        if not split.skip_furniture:
            modes.append("n stops at furniture")
        if self.query_text:
            n = len(split.hits)
            cur = split.current_hit + 1 if split.current_hit >= 0 else 0
            modes.append(f"/{sanitise_line(self.query_text)} {cur}/{n} (. next, \x2c previous)")
        if modes:
            status.append("   [" + "] [".join(modes) + "]", style="dim")
        self.query_one("#status", StatusLine).set_text(status)

    @on(SplitView.SelectionChanged)
    def _on_selection(self) -> None:
        self._update_status()

    @on(SplitView.ViewChanged)
    def _on_view_changed(self) -> None:
        self.query_one(OverviewRuler).refresh()

    # --------------------------------------------------------------- actions

    #: Actions that need every row word-diffed: while the rows are still being diffed,
    #: they say so instead (:meth:`_still_computing`).
    NEED_COMPLETE: ClassVar[frozenset[str]] = frozenset(
        {
            "change",
            "fact",
            "swap",
            "search",
            "match",
            "toggle_changes_only",
            "save_snapshot",
            "export",
        }
    )

    @property
    def computing(self) -> bool:
        """True while the view shows rows that are still being word-diffed."""
        if not self.is_mounted:
            return False
        model = self.split.model
        return model is not None and model.result is None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide actions that do not apply (no hits, no files to re-read)."""
        if action == "match":
            return bool(self.split.hits) if self.is_mounted else False
        if action == "reread":
            return self.paths is not None
        if action == "rediff":
            return self.paths is None and self.sources is not None
        if action in {"save_snapshot", "export"}:
            return self.result is not None or self.computing
        if action in self.NEED_COMPLETE or action in {
            "move",
            "page",
            "first",
            "last",
            "toggle_minor",
        }:
            # Not while a result given directly is still being prepared for the view.
            shown = self.result is not None and (
                not self.is_mounted or self.split.result is self.result
            )
            return shown or self.computing
        return True

    def _still_computing(self) -> bool:
        """True (and a notification says so) while rows are still being word-diffed."""
        if not self.computing:
            return False
        model = self.split.model
        assert model is not None
        self.notify(
            f"Still computing: {model.pending:,} of {len(model.rows):,} rows to word-diff. "
            "Try again when the progress bar is gone.",
            title="Still computing",
            severity="warning",
            timeout=3,
        )
        return True

    def action_move(self, delta: int) -> None:
        """Select the next or previous row."""
        self.split.move(delta)

    def action_page(self, direction: int) -> None:
        """Scroll a page down or up."""
        self.split.page(direction)

    def action_first(self) -> None:
        """Go to the first row."""
        self.split.select(0)

    def action_last(self) -> None:
        """Go to the last row."""
        self.split.select(len(self.split.items) - 1)

    def action_change(self, direction: int) -> None:
        """Jump to the next or previous changed row."""
        if self._still_computing():
            return
        index = self.split.find_change(direction)
        if index is None:
            self.app.bell()
            self.notify("No more changes " + ("below" if direction > 0 else "above"), timeout=2)
            return
        self.split.select(index, center=True)

    def action_fact(self, direction: int) -> None:
        """Show the next or previous entry of the fact ledger (never page furniture: the
        ledger has none there)."""
        if self._still_computing():
            return
        self._walk_kind(self.query_one(FactsPanel).walked_kind)
        index = next_fact(self.walked, self.split.selected_row, self._fact_shown(), direction)
        if index is None:
            self.app.bell()
            self.notify(
                "No more changed facts " + ("below" if direction > 0 else "above"), timeout=2
            )
            return
        self._show_fact(self.walked[index])
        self.query_one(FactsPanel).show_entry(self.walked[index])

    # ------------------------------------------------------------ the ledger

    def _show_ledger(self, result: DiffResult | None) -> None:
        """List the ledger of ``result`` (None: still computing) and start a new walk."""
        self.query_one(FactsPanel).show_ledger(result)
        self.walked = walked_facts(result.facts) if result is not None else []
        self.fact_at = None

    def _walk_kind(self, kind: str | None) -> None:
        """Walk the entries of ``kind`` only (None: every kind), as the facts panel lists
        them; the entry shown last keeps its place in the walk if it is in it."""
        result = self.split.result
        if result is None:
            return
        walked = walked_facts(result.facts, kind)
        if [id(f) for f in walked] == [id(f) for f in self.walked]:
            return
        at = self._fact_shown()
        shown = self.walked[at] if at is not None else None
        self.walked = walked
        self.fact_at = next((i for i, f in enumerate(walked) if f is shown), None)

    def _fact_shown(self) -> int | None:
        """The walked entry shown last, if the selected row is still its row."""
        at = self.fact_at
        if at is None or not 0 <= at < len(self.walked):
            return None
        return at if self.walked[at].row == self.split.selected_row else None

    def _show_fact(self, entry: FactEntry) -> None:
        """Select the row of ``entry``, scroll both columns to it and highlight it (a
        whole inserted or deleted paragraph: the row is selected, nothing more)."""
        split = self.split
        result = split.result
        if result is None or not 0 <= entry.row < len(result.rows):
            return
        self.fact_at = next((i for i, f in enumerate(self.walked) if f is entry), None)
        hits = fact_hits(result.rows[entry.row], entry, (result.a, result.b))
        if entry.kind == "paragraph" or not hits:
            split.show_spotlight([])
            split.select_row(entry.row, center=True)
        else:
            split.show_spotlight(hits)
        self._update_status()

    @on(FactsPanel.Selected)
    def _on_fact_selected(self, message: FactsPanel.Selected) -> None:
        self._show_fact(message.entry)

    def action_toggle_facts(self) -> None:
        """Show the facts panel (and move into it), or hide it."""
        panel = self.query_one(FactsPanel)
        if panel.display:
            panel.display = False
            self.split.focus()
        else:
            panel.reveal()
            panel.focus()
        # The view changes size: once it has, bring the selected row back into view.
        self.call_after_refresh(lambda: self.split.select(self.split.selected))

    def action_toggle_furniture(self) -> None:
        """Let ``n``/``p`` stop at page furniture, or pass over it again."""
        split = self.split
        split.skip_furniture = not split.skip_furniture
        self._update_status()
        self._view_changed()

    def _view_changed(self) -> None:
        """Tell the app the view's toggles (it remembers them)."""
        split = self.split
        self.post_message(
            self.ViewChanged(split.show_minor, split.changes_only, not split.skip_furniture)
        )

    def action_toggle_changes_only(self) -> None:
        """Fold runs of unchanged rows, or show them again."""
        if self._still_computing():
            return
        self.split.set_options(changes_only=not self.split.changes_only)
        self._update_status()
        self._view_changed()

    def action_toggle_minor(self) -> None:
        """Show or hide minor differences (punctuation, case, quotes, look-alikes)."""
        self.split.set_options(show_minor=not self.split.show_minor)
        self._update_status()
        self._view_changed()

    def action_search(self) -> None:
        """Open the search field."""
        if self._still_computing():
            return
        search = self.query_one("#search", Input)
        search.display = True
        search.value = self.query_text
        search.focus()

    @on(Input.Submitted, "#search")
    def _on_search(self, event: Input.Submitted) -> None:
        self.query_text = event.value
        search = self.query_one("#search", Input)
        search.display = False
        split = self.split
        n = split.set_search(event.value)
        split.focus()
        if event.value and n:
            split.next_hit(1)
        elif event.value:
            self.notify("Not found in either column", severity="warning", timeout=3)
        self._update_status()
        self.refresh_bindings()

    def action_match(self, direction: int) -> None:
        """Go to the next or previous search match."""
        if self._still_computing():
            return
        if self.split.next_hit(direction) is None:
            self.app.bell()
        self._update_status()

    def action_swap(self) -> None:
        """Swap the two sides: the diff of B against A, at once (the engine is symmetric:
        :func:`~tui.engine.swap_result` gives exactly what ``paradiff diff B A`` gives)."""
        if self._still_computing():
            return
        old = self.result
        if old is None:
            return
        selected = self.split.selected_row
        kept = old.rows[selected] if 0 <= selected < len(old.rows) else None
        swapped = swap_result(old)
        self.sources = _swap_sources(self.sources)
        if self.paths is not None:
            self.paths = (self.paths[1], self.paths[0])
        self.swapped = not self.swapped
        self._show_result(swapped, keep_row=None if kept is None else row_across(swapped, kept))

    def action_reread(self) -> None:
        """Read both files again and re-diff them."""
        if self.paths is not None:
            self._start_diff()

    def action_rediff(self) -> None:
        """Diff the files a snapshot was made from, as they are now, in a new diff screen."""
        if self.sources is None:
            return
        sides = (("A", self.sources[0]), ("B", self.sources[1]))

        def missing() -> list[str]:
            gone = []
            for side, source in sides:
                if not source.abspath:
                    gone.append(f"{side} was not read from a file ({source.path or '?'})")
                elif not os.path.isfile(source.abspath):
                    gone.append(f"{side} vanished: {source.abspath}")
            return gone

        def checked(gone: list[str]) -> None:
            if gone:
                self.notify(
                    "; ".join(gone) + ". Nothing to re-diff.",
                    title="Cannot re-diff",
                    severity="warning",
                )
                return
            self.post_message(
                self.Rediff(
                    sides[0][1].abspath,
                    sides[1][1].abspath,
                    "the current files of a saved snapshot, diffed again",
                )
            )

        run_in_thread(self, missing, group="rediff", failure="Cannot re-diff", on_done=checked)

    def action_save_snapshot(self) -> None:
        """Save the diff on screen as a snapshot (a dialog asks for a name and a note)."""
        if self._still_computing():
            return
        result, sources = self.result, self.sources
        if result is None:
            return

        def save(answer: tuple[str, str] | None) -> None:
            if answer is None:
                return
            name, note = answer

            def write() -> SnapshotInfo:
                records = sources or (source_info(result.a), source_info(result.b))
                return self.store.save(result, name, note, sources=records, options=DiffOptions())

            run_in_thread(
                self,
                write,
                group="snapshot-save",
                failure="Not saved",
                advice="The diff stays open.",
                on_done=saved,
                exclusive=False,
            )

        def saved(info: SnapshotInfo) -> None:
            self.notify(
                f"Saved '{info.name}' (id {info.id[:8]}). Press o to list snapshots.",
                title="Snapshot saved",
            )

        self.app.push_screen(SaveSnapshotDialog(default_snapshot_name(result)), save)

    def action_export(self) -> None:
        """Export the diff on screen (a dialog asks for the format and the file)."""
        if self._still_computing():
            return
        result, origin = self.result, self.origin_note
        if result is None:
            return

        def export(answer: ExportChoice | None) -> None:
            if answer is None:
                return
            run_in_thread(
                self,
                lambda: write_export(result, answer.format, answer.path, origin=origin),
                group="export",
                failure="Not exported",
                on_done=lambda written: self._exported(written, answer.open_in_browser),
                exclusive=False,
            )

        dialog = ExportDialog(default_export_stem(result), folder=self.export_folder)
        self.app.push_screen(dialog, export)

    def _exported(self, written: Path, open_it: bool) -> None:
        """Say where the export went (the full path), remember its folder, and open it in
        the browser if asked (in a thread: a browser may take a while to start)."""
        path = written.absolute()
        self.export_folder = path.parent
        self.post_message(self.Exported(path))
        self.notify(f"Wrote {path}", title="Exported")
        if open_it:
            run_in_thread(
                self,
                lambda: open_in_browser(path),
                group="open-browser",
                failure="Not opened in the browser",
                on_done=lambda _: None,
                exclusive=False,
            )

    def action_legend(self) -> None:
        """Show or hide the legend."""
        legend = self.query_one("#legend")
        legend.display = not legend.display

    def action_back(self) -> None:
        """Close the search field, or go back to the previous screen (the browser)."""
        search = self.query_one("#search", Input)
        if search.display:
            search.display = False
            self.split.focus()
            return
        panel = self.query_one(FactsPanel)
        if panel.has_focus:
            panel.display = False
            self.split.focus()
            return
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
