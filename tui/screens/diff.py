"""The diff screen: a header with the figures, the split view, the overview ruler."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input, Label, ProgressBar, Static
from textual.worker import Worker, WorkerState, get_current_worker

from tui.cli import read_and_diff
from tui.engine import DiffResult
from tui.store import SourceInfo, bytes_sha256, source_info
from tui.widgets.diffmodel import figures, row_class, sanitise_line, swap_result
from tui.widgets.legend import Legend
from tui.widgets.ruler import OverviewRuler
from tui.widgets.splitview import DisplayModel, SplitView, prepare_display
from tui.widgets.toosmall import TooSmall

_ROW_WORDS = {
    "equal": "unchanged",
    "minor": "minor differences only",
    "changed": "reworded",
    "facts": "facts changed",
    "inserted": "inserted (only in B)",
    "deleted": "deleted (only in A)",
    "moved": "moved",
    "split": "split",
    "merged": "merged",
}


def _paragraphs(indices: tuple[int, ...]) -> str:
    if not indices:
        return "—"
    if len(indices) > 1 and indices == tuple(range(indices[0], indices[-1] + 1)):
        return f"¶{indices[0] + 1}–{indices[-1] + 1}"
    return ",".join(f"¶{i + 1}" for i in indices)


@dataclass(frozen=True)
class DiffOutcome:
    """What the diff worker hands back: the result and the records of its two sources.

    ``model`` is the result's display, prepared in the worker thread too (side texts,
    wrapped at the view's width); ``computed_at`` is perf_counter() when the diff was done.
    """

    result: DiffResult
    sources: tuple[SourceInfo, SourceInfo]
    model: DisplayModel | None = None
    computed_at: float | None = None


@dataclass(frozen=True)
class Prepared:
    """What the display worker hands back for a result given directly (no diff run)."""

    result: DiffResult
    model: DisplayModel
    keep_row: int | None
    computed_at: float


def _swap_sources(
    sources: tuple[SourceInfo, SourceInfo] | None,
) -> tuple[SourceInfo, SourceInfo] | None:
    return None if sources is None else (sources[1], sources[0])


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

    def show(self, result: DiffResult | None, note: str | None, paths: tuple[str, str]) -> None:
        """Fill the header for ``result`` (or the paths while it is computed)."""
        a_path = result.a.path if result else paths[0]
        b_path = result.b.path if result else paths[1]
        name_a = Text("A ", style="bold")
        name_a.append(sanitise_line(Path(a_path).name or a_path))
        name_b = Text("B ", style="bold")
        name_b.append(sanitise_line(Path(b_path).name or b_path))
        if result is not None:
            name_a.append(
                f"  {len(result.a.paragraphs)} ¶ · {sanitise_line(result.a.encoding)}", style="dim"
            )
            name_b.append(
                f"  {len(result.b.paragraphs)} ¶ · {sanitise_line(result.b.encoding)}", style="dim"
            )
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


def figures_text(result: DiffResult) -> Text:
    """The figures line of the header."""
    f = figures(result)
    rows, words = f.rows, f.words
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"{round(f.similarity * 100)}% similar", style="bold")
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
    text.append(
        f"+{words['insert']} −{words['delete']} reworded {words['paraphrase']} "
        f"minor {words['minor']} "
    )
    text.append(f"facts {words['changed']}", style="bold" if words["changed"] else "")
    return text


class DiffScreen(Screen[None]):
    """Two articles side by side, scrolled in step, with change navigation.

    Open it with two paths (read and diffed in a worker thread) or with an already
    computed :class:`DiffResult`. ``result`` is the public, current result (or None
    while the first diff runs).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "move(1)", "Next row", show=False),
        Binding("k,up", "move(-1)", "Previous row", show=False),
        Binding("pagedown,space,ctrl+f", "page(1)", "Page down", show=False),
        Binding("pageup,ctrl+b", "page(-1)", "Page up", show=False),
        Binding("home,g", "first", "First row", show=False),
        Binding("end,G", "last", "Last row", show=False),
        # The footer (compact, 120 columns) shows the keys with show=True; the help panel
        # (?) and the command palette list them all.
        Binding("n,right_square_bracket", "change(1)", "Next change", key_display="n"),
        Binding("p,left_square_bracket", "change(-1)", "Prev change", key_display="p"),
        Binding("f", "fact(1)", "Next fact"),
        Binding("F", "fact(-1)", "Previous fact", show=False),
        Binding("c", "toggle_changes_only", "Changes only"),
        Binding("m", "toggle_minor", "Minor", show=False),
        Binding("slash", "search", "Search", key_display="/"),
        Binding("full_stop,f3", "match(1)", "Next match", key_display="."),
        Binding("comma,shift+f3", "match(-1)", "Prev match", key_display=","),
        Binding("x", "swap", "Swap sides", show=False),
        Binding("r", "reread", "Re-read files", show=False),
        Binding("r", "rediff", "Re-diff current files", show=False),
        Binding("l", "legend", "Legend", show=False),
        Binding("ctrl+s", "save_snapshot", "Save snapshot"),
        Binding("e", "export", "Export"),
        Binding("escape", "back", "Back", show=False),
    ]

    @dataclass
    class Progress(Message):
        """Progress of the diff worker: a phase and a fraction (None: unknown)."""

        phase: str
        fraction: float | None

    def __init__(
        self,
        paths: tuple[str, str] | None = None,
        *,
        result: DiffResult | None = None,
        origin_note: str | None = None,
        sources: tuple[SourceInfo, SourceInfo] | None = None,
    ) -> None:
        super().__init__()
        self.paths = paths
        #: The current diff (None while the first one is being computed).
        self.result: DiffResult | None = result
        self.origin_note = origin_note
        #: Records of the two source files (hashes as read for the current result); for a
        #: screen opened from a snapshot, the snapshot's records.
        self.sources: tuple[SourceInfo, SourceInfo] | None = sources
        #: True after an odd number of swaps (the origin note names the sides as saved).
        self.swapped = False
        self.query_text = ""
        #: perf_counter() when the current result was computed (the diff worker) or given
        #: (a snapshot, a swap): the UI benchmark's start of "first frame after the diff".
        self.result_at: float | None = None

    def compose(self) -> ComposeResult:
        yield DiffHeader(id="diff-header")
        with Horizontal(id="diff-body"):
            split = SplitView(id="split")
            yield split
            yield OverviewRuler(split, id="ruler")
            yield Legend(id="legend")
        with Vertical(id="loading"):
            yield Label("Reading the articles…", id="loading-label")
            yield ProgressBar(total=None, show_eta=False, id="progress")
        yield Input(placeholder="search both columns; enter to find, escape to close", id="search")
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

    # ----------------------------------------------------------------- worker

    def _start_diff(self) -> None:
        assert self.paths is not None
        self.query_one("#loading").display = True
        self.query_one("#loading-label", Label).update("Reading and aligning the articles…")
        self.query_one("#progress", ProgressBar).update(total=None, progress=0)
        self.query_one(DiffHeader).show(self.result, self.origin_note, self.paths)
        self._diff_worker(*self.paths, self.split)

    @work(thread=True, exclusive=True, group="diff", exit_on_error=False)
    def _diff_worker(self, path_a: str, path_b: str, split: SplitView) -> DiffOutcome | None:
        worker = get_current_worker()
        last = [-1.0]

        def progress(fraction: float) -> None:
            if not worker.is_cancelled and fraction - last[0] >= 0.01:
                last[0] = fraction
                self.post_message(self.Progress("Aligning", fraction))

        result, data_a, data_b = read_and_diff(path_a, path_b, progress)
        computed_at = time.perf_counter()
        # Record the hashes of the bytes just diffed (read once; a file edited later
        # then shows as changed when the snapshot is reopened).
        sources = (
            source_info(result.a, bytes_sha256(data_a), len(data_a)),
            source_info(result.b, bytes_sha256(data_b), len(data_b)),
        )
        # Prepare the display here too (side texts, lines wrapped at the view's width):
        # the event loop only stacks the wrapped rows.
        if not worker.is_cancelled:
            self.post_message(self.Progress("Preparing the display", None))
        model = prepare_display(result, _width_of(split), lambda: worker.is_cancelled)
        return DiffOutcome(result, sources, model, computed_at)

    @work(thread=True, exclusive=True, group="prepare", exit_on_error=False)
    def _prepare_worker(
        self, result: DiffResult, keep_row: int | None, split: SplitView, given_at: float
    ) -> Prepared | None:
        """Prepare the display of a result given directly (a snapshot, a swap)."""
        worker = get_current_worker()
        model = prepare_display(result, _width_of(split), lambda: worker.is_cancelled)
        if model is None:
            return None
        return Prepared(result, model, keep_row, given_at)

    @on(Progress)
    def _on_progress(self, message: Progress) -> None:
        bar = self.query_one("#progress", ProgressBar)
        if message.fraction is not None:
            bar.update(total=100, progress=round(message.fraction * 100))
        self.query_one("#loading-label", Label).update(f"{message.phase}…")

    @on(Worker.StateChanged)
    def _on_worker(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group == "prepare":
            self._on_prepare_worker(event)
            return
        if worker.group != "diff":
            return
        if event.state == WorkerState.SUCCESS:
            self.query_one("#loading").display = False
            keep = self.split.selected_row if self.split.result is not None else None
            outcome: DiffOutcome = worker.result  # type: ignore[assignment]
            self.sources = outcome.sources
            self._show_result(
                outcome.result, keep_row=keep, model=outcome.model, given_at=outcome.computed_at
            )
        elif event.state == WorkerState.ERROR:
            self.query_one("#loading").display = False
            self.app.notify(
                _error_message(worker.error), title="Cannot diff", severity="error", markup=False
            )
            if self.result is None:
                self.app.call_later(self._leave)

    def _on_prepare_worker(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.SUCCESS:
            prepared: Prepared | None = event.worker.result  # type: ignore[assignment]
            if prepared is not None and prepared.result is self.result:
                self._show_result(
                    prepared.result,
                    keep_row=prepared.keep_row,
                    model=prepared.model,
                    given_at=prepared.computed_at,
                )
        elif event.state == WorkerState.ERROR:
            self.query_one("#loading").display = False
            self.app.notify(
                _error_message(event.worker.error),
                title="Cannot show the diff",
                severity="error",
                markup=False,
            )

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
            self.query_one("#loading").display = True
            self.query_one("#loading-label", Label).update("Preparing the display…")
            self.query_one("#progress", ProgressBar).update(total=None, progress=0)
            self._prepare_worker(result, keep_row, self.split, self.result_at)
            self.refresh_bindings()
            return
        self.query_one("#loading").display = False
        split = self.split
        if keep_row is not None:
            keep_row = min(keep_row, len(result.rows) - 1)
        if keep_row is not None and keep_row < 0:
            keep_row = None
        split.set_result(result, keep_row=keep_row, model=model)
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
        return note

    # ---------------------------------------------------------------- status

    def _update_status(self) -> None:
        split = self.split
        status = Text()
        result = split.result  # what the view shows (a new result may still be prepared)
        if result is not None and split.items:
            item = split.items[split.selected]
            if item.is_fold:
                status.append(f"{item.fold_count} unchanged paragraphs folded")
            else:
                row = result.rows[item.row]
                cls = row_class(row)
                status.append(f"row {item.row + 1}/{len(result.rows)} ", style="bold")
                status.append(f"{_ROW_WORDS[cls]}  A {_paragraphs(row.a)} ↔ B {_paragraphs(row.b)}")
                if row.kind not in ("equal", "inserted", "deleted"):
                    status.append(f"  {round(row.similarity * 100)}% alike")
                flags = sorted({f for s in row.spans if s.op != "equal" for f in s.flags})
                if flags:
                    status.append("  facts: " + ", ".join(flags), style="bold")
        elif result is not None:
            status.append("no paragraphs on either side")
        modes = []
        if split.changes_only:
            modes.append("changes only")
        if not split.show_minor:
            modes.append("minor hidden")
        if self.query_text:
            n = len(split.hits)
            cur = split.current_hit + 1 if split.current_hit >= 0 else 0
            modes.append(f"/{sanitise_line(self.query_text)} {cur}/{n}")
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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide actions that do not apply (no hits, no files to re-read)."""
        if action == "match":
            return bool(self.split.hits) if self.is_mounted else False
        if action == "reread":
            return self.paths is not None
        if action == "rediff":
            return self.paths is None and self.sources is not None
        if action in {"save_snapshot", "export"}:
            return self.result is not None
        if action in {
            "move",
            "page",
            "first",
            "last",
            "change",
            "fact",
            "swap",
            "search",
            "toggle_changes_only",
            "toggle_minor",
        }:
            # Not while a result given directly is still being prepared for the view.
            return self.result is not None and (
                not self.is_mounted or self.split.result is self.result
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
        index = self.split.find_change(direction)
        if index is None:
            self.app.bell()
            self.notify("No more changes " + ("below" if direction > 0 else "above"), timeout=2)
            return
        self.split.select(index, center=True)

    def action_fact(self, direction: int) -> None:
        """Jump to the next or previous row where a fact changed."""
        index = self.split.find_change(direction, facts=True)
        if index is None:
            self.app.bell()
            self.notify(
                "No more changed facts " + ("below" if direction > 0 else "above"), timeout=2
            )
            return
        self.split.select(index, center=True)

    def action_toggle_changes_only(self) -> None:
        """Fold runs of unchanged rows, or show them again."""
        self.split.set_options(changes_only=not self.split.changes_only)
        self._update_status()

    def action_toggle_minor(self) -> None:
        """Show or hide minor differences (punctuation, case, quotes, look-alikes)."""
        self.split.set_options(show_minor=not self.split.show_minor)
        self._update_status()

    def action_search(self) -> None:
        """Open the search field."""
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
        if self.split.next_hit(direction) is None:
            self.app.bell()
        self._update_status()

    def action_swap(self) -> None:
        """Swap the two sides (A becomes B)."""
        if self.result is None:
            return
        if self.paths is not None:
            self.paths = (self.paths[1], self.paths[0])
        self.sources = _swap_sources(self.sources)
        self.swapped = not self.swapped
        row = self.split.selected_row
        self._show_result(swap_result(self.result), keep_row=row)

    def action_reread(self) -> None:
        """Read both files again and re-diff them."""
        if self.paths is not None:
            self._start_diff()

    @work(group="rediff", exclusive=True)
    async def action_rediff(self) -> None:
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

        gone = await asyncio.to_thread(missing)
        if gone:
            self.notify(
                sanitise_line("; ".join(gone)) + ". Nothing to re-diff.",
                title="Cannot re-diff",
                severity="warning",
                markup=False,
            )
            return
        self.app.open_diff(  # type: ignore[attr-defined]
            self.sources[0].abspath,
            self.sources[1].abspath,
            origin_note="the current files of a saved snapshot, diffed again",
        )

    @work(group="snapshot-io")
    async def action_save_snapshot(self) -> None:
        """Save the diff on screen as a snapshot (a dialog asks for a name and a note)."""
        from tui.snapshot_actions import save_current, store_for

        if self.result is not None:
            await save_current(self.app, self.result, store_for(self.app), sources=self.sources)

    @work(group="snapshot-io")
    async def action_export(self) -> None:
        """Export the diff on screen (a dialog asks for the format and the file)."""
        from tui.snapshot_actions import export_current

        if self.result is not None:
            await export_current(self.app, self.result, origin=self.origin_note)

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
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()


def _error_message(error: BaseException | None) -> str:
    from tui.cli import CliError

    if isinstance(error, CliError):
        return str(error)
    if isinstance(error, MemoryError):
        return "out of memory"
    return f"the diff failed: {type(error).__name__}: {error}"
