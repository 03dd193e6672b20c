"""The side-by-side view of a diff, drawn with Textual's Line API.

One :class:`SplitView` draws both columns, so they always scroll in step. Each
aligned row starts on the same line on both sides; the shorter side is padded
(hatched when it has no paragraph at all). Lines are wrapped at word boundaries
per column width; only the visible lines are turned into strips.

The display is prepared off the event loop: a :class:`DisplayModel` (side texts, and
wrapped lines cached per row, side and column width) usually comes ready-made from a
worker thread. Wrapping at a new width (a resize) runs in a thread worker of this
widget; until it finishes the previous wrap stays on screen, clipped or padded to the
new columns, then the new one is swapped in with the top row kept in place. Small
results (see :data:`~tui.display.SYNC_CHARS`) are wrapped on the spot.
"""

from __future__ import annotations

import itertools
import time
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events, work
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from tui.display import (
    ROW_LOOKS,
    DisplayModel,
    Hit,
    Item,
    Layout,
    SideText,
    SideWraps,
    build_items,
    column_widths,
    look_of,
    moved_note,
    search,
    spare_collector,
)
from tui.display.model import MARGIN_LEFT, MARGIN_RIGHT
from tui.display.wrap import cluster_snapper
from tui.engine import DiffResult, Row
from tui.engine.pipeline import collector_paused

#: Seconds a resize wrap worker waits first, so a burst of resizes wraps only once.
RESIZE_DEBOUNCE = 0.03

GAP_CHAR = "╱"

_OP_CLASSES = {
    "insert": "splitview--insert",
    "delete": "splitview--delete",
    "paraphrase": "splitview--paraphrase",
    "reworded": "splitview--reworded",
    "minor": "splitview--minor",
    "changed": "splitview--changed",
}


#: Component classes of the word-span styles (the legend draws its samples with them too).
SPAN_COMPONENT_CLASSES: frozenset[str] = frozenset(
    f"splitview--{name}"
    for name in ("insert", "delete", "paraphrase", "reworded", "minor", "changed", "fact")
)


class SplitView(ScrollView, can_focus=True, inherit_bindings=False):
    """Two aligned, word-wrapped columns of a diff with a mark gutter between them."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *SPAN_COMPONENT_CLASSES,
        "splitview--gap",
        "splitview--fold",
        "splitview--note",
        "splitview--gutter",
        "splitview--selected",
        "splitview--selected-gutter",
        "splitview--hit",
        "splitview--hit-current",
        "splitview--furniture",
        "splitview--spotlight",
        *(f"splitview--mark-{name}" for name in ROW_LOOKS),
        "splitview--mark-pending",
    }

    @dataclass
    class SelectionChanged(Message):
        """The selected display item changed (``item`` index, ``row`` index or -1 for a fold)."""

        split_view: SplitView
        item: int
        row: int

    @dataclass
    class ViewChanged(Message):
        """The scroll position or the layout changed (for the overview ruler)."""

        split_view: SplitView

    @dataclass
    class WrapsReady(Message, bubble=False):
        """A wrap worker finished: ``wraps`` of ``model`` for view ``width`` (internal)."""

        model: DisplayModel
        width: int
        wraps: dict[tuple[str, int], SideWraps]
        items: list[Item]
        layout: Layout

    def __init__(self, *, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        #: The prepared display (side texts, wrap cache) of the diff shown: of a result, or
        #: of an alignment whose rows are still being word-diffed.
        self.model: DisplayModel | None = None
        #: The rows on screen, ``(first, last)`` (a plain tuple: the worker that
        #: word-diffs the rows reads it to diff those first).
        self.wanted: tuple[int, int] = (0, 0)
        self.texts: list[tuple[SideText, SideText]] = []
        self.items: list[Item] = []
        self.changes_only = False
        self.show_minor = True
        #: ``n``/``p`` pass over rows of page furniture (navigation, bylines, captions).
        self.skip_furniture = True
        #: The ledger entry shown (``f``, the facts panel): highlighted like a search
        #: match (in its own style), on each side that has it.
        self.spotlight: list[Hit] = []
        self.selected = 0
        self.hits: list[Hit] = []
        self.current_hit = -1
        self._hits_by_row: dict[int, list[tuple[int, Hit]]] = {}
        self._row_to_item: dict[int, int] = {}
        #: Layouts of the current items per view width (cheap: stacked cached wraps).
        self._layouts: LRUCache[int, Layout] = LRUCache(4)
        #: Width of the layout that the virtual size and the scroll position belong to.
        self._shown_width = 0
        #: View width a wrap worker is running for (None: none is).
        self._pending_width: int | None = None
        #: The view width a large result will be wrapped at: the current width, less the
        #: vertical scrollbar if it is not shown yet (a plain int: workers may read it).
        self.width_hint = 0
        self._strips: LRUCache[tuple[int, int, int, int, bool], Strip] = LRUCache(2048)
        self._ruler_cache: tuple[tuple[int, int, int, bool], list[int]] | None = None
        self._base_style: Style | None = None
        #: perf_counter() of the first line drawn for the current result (UI benchmark).
        self.first_frame_at: float | None = None

    # ------------------------------------------------------------------ data

    @property
    def result(self) -> DiffResult | None:
        """The diff shown, once every row is word-diffed (None before, or when empty)."""
        return self.model.result if self.model is not None else None

    @property
    def complete(self) -> bool:
        """True when every row shown is word-diffed (or nothing is shown)."""
        return self.model is None or self.model.result is not None

    def set_result(
        self,
        result: DiffResult | None,
        keep_row: int | None = None,
        *,
        model: DisplayModel | None = None,
    ) -> None:
        """Show ``result`` (None clears the view); select ``keep_row`` if given.

        ``model`` is the display of ``result`` prepared ahead (in a worker thread, see
        :func:`prepare_display`); without it the side texts are built here.
        """
        if result is not None and (model is None or model.result is not result):
            model = DisplayModel(result)
        self.set_model(model if result is not None else None, keep_row)

    def set_model(self, model: DisplayModel | None, keep_row: int | None = None) -> None:
        """Show the diff of ``model`` (None clears the view); select ``keep_row`` if given.
        The rows of a model still being word-diffed come with :meth:`install`."""
        self.model = model
        self.first_frame_at = None
        self.texts = self.model.texts if self.model is not None else []
        self._pending_width = None
        self.hits = []
        self.current_hit = -1
        self._hits_by_row = {}
        self.spotlight = []
        self._rebuild_items(keep_row if keep_row is not None else 0)
        self.scroll_to(y=0, animate=False, immediate=True)
        if keep_row is not None:
            self.select_row(keep_row)

    def install(
        self, rows: Sequence[tuple[int, Row, tuple[SideText, SideText]]], *, settled: bool = False
    ) -> None:
        """Show rows just word-diffed, or (``settled``) their final form (see
        :meth:`DisplayModel.install`)."""
        if self.model is None or not rows:
            return
        if self.model.install(rows, settled=settled):  # a row got taller or shorter
            self._layouts.clear()
            self._update_virtual_size()
        self._strips.clear()  # the ruler waits for the whole diff (see finish)
        self.refresh()

    def finish(self, result: DiffResult) -> None:
        """Every row is word-diffed: ``result`` is the whole diff of the model shown."""
        if self.model is None:
            return
        row = self.selected_row
        rewrapped = self.model.complete(result)
        if self.changes_only:
            self._rebuild_items(row)  # folds need every row's class
            self.select_row(max(row, 0))
            return
        # Every row stays an item of its own: only the rows installed last are redrawn.
        if rewrapped:
            self._layouts.clear()
            self._update_virtual_size()
        self._strips.clear()
        self._ruler_cache = None
        self.refresh()

    def set_options(
        self, *, changes_only: bool | None = None, show_minor: bool | None = None
    ) -> None:
        """Change folding or minor-difference display, keeping the selected row in view."""
        row = self.selected_row
        if changes_only is not None:
            self.changes_only = changes_only
        if show_minor is not None:
            self.show_minor = show_minor
        self._rebuild_items(row)
        self.select_row(max(row, 0), center=True)

    def _rebuild_items(self, row: int) -> None:
        model = self.model
        if model is None:
            self.items = []
        else:
            # Rows are folded only once all are word-diffed: a pending row may be a change.
            fold = self.changes_only and model.result is not None
            self.items = build_items(model.rows, fold, self.show_minor)
        self._row_to_item = {}
        for i, item in enumerate(self.items):
            if item.is_fold:
                for r in range(item.fold_start, item.fold_start + item.fold_count):
                    self._row_to_item[r] = i
            else:
                self._row_to_item[item.row] = i
        self.selected = self._row_to_item.get(row, 0)
        self._layouts.clear()
        if model is not None and model.prepared_layout is not None and not fold:
            # Every row unfolded: the layout the worker stacked with the wraps fits (used
            # once, so that it does not pin those wraps after the cache has dropped them).
            self._layouts[model.prepared_width] = model.prepared_layout
            model.prepared_layout = None
        self._strips.clear()
        self._ruler_cache = None
        self._update_virtual_size()
        self.refresh()

    @property
    def selected_row(self) -> int:
        """Row index of the selected item (the first folded row for a fold; -1 if empty)."""
        if not self.items:
            return -1
        item = self.items[self.selected]
        return item.fold_start if item.is_fold else item.row

    def item_of_row(self, row: int) -> int:
        """Display item index that shows ``row``."""
        return self._row_to_item.get(row, 0)

    # ---------------------------------------------------------------- layout

    @property
    def view_width(self) -> int:
        """Width available to the text (without the scrollbar)."""
        return max(1, self.scrollable_content_region.width)

    @property
    def layout_ready(self) -> bool:
        """True when the layout on screen is wrapped at the current width (no wrap pending)."""
        if self.model is None:
            return True
        width = self.view_width
        return self._pending_width is None and self._available_layout(width).width == width

    def layout_for(self, width: int) -> Layout:
        """Every item wrapped at view ``width``; wraps now if the model has no such wrap."""
        cached = self._layouts.get(width)
        if cached is not None:
            return cached
        model = self.model
        if model is None:
            layout = Layout(width, [], [], 0)
        else:
            lw, rw = column_widths(width)
            model.ensure_wraps(lw, rw)
            layout = model.layout(self.items, width, lw, rw)
        self._layouts[width] = layout
        return layout

    def _available_layout(self, width: int) -> Layout:
        """The layout at ``width`` if it needs no wrapping of a large result, else the best
        one at hand (another width; a wrap worker is asked for ``width``)."""
        cached = self._layouts.get(width)
        if cached is not None:
            return cached
        if not self.show_vertical_scrollbar:
            # A layout one scrollbar narrower that is too tall to fit: the scrollbar is
            # about to appear and make that the width (no wrap for this passing width).
            narrower = self._layouts.get(width - self.styles.scrollbar_size_vertical)
            if narrower is not None and narrower.total > self.scrollable_content_region.height:
                return narrower
        model = self.model
        if model is None or model.small or model.has_wraps(*column_widths(width)):
            return self.layout_for(width)
        if self.size.width > 0:
            self._request_wraps(width)
        for other in (self._shown_width, *self._layouts.keys()):
            stale = self._layouts.get(other)
            if stale is not None:
                return stale
        for other in (self._shown_width, model.prepared_width, self.width_hint):
            if other > 0 and model.has_wraps(*column_widths(other)):
                return self.layout_for(other)
        if self.size.width > 0:
            return self.layout_for(width)  # nothing wrapped at all yet: wrap now
        return model.placeholder(self.items, width)

    @property
    def layout(self) -> Layout:
        """The layout on screen: at the current width, or at the previous one while a wrap
        worker runs for the current width."""
        return self._available_layout(self.view_width)

    def _update_virtual_size(self) -> None:
        width = self.view_width
        layout = self._available_layout(width)
        self._shown_width = layout.width
        self.virtual_size = Size(width, layout.total)
        self._update_wanted()
        self.post_message(self.ViewChanged(self))

    def _update_wanted(self) -> None:
        """Note the rows on screen (for the worker that word-diffs rows: those first)."""
        if not self.items or self.model is None or self.model.result is not None:
            return
        layout = self.layout
        if len(layout.offsets) != len(self.items):
            return
        top = round(self.scroll_y)
        first = layout.item_at(top)
        last = layout.item_at(top + max(1, self.scrollable_content_region.height))
        rows = [self.items[i] for i in (first, last)]
        self.wanted = (
            rows[0].row if not rows[0].is_fold else rows[0].fold_start,
            rows[1].row if not rows[1].is_fold else rows[1].fold_start + rows[1].fold_count - 1,
        )

    def on_resize(self, event: events.Resize) -> None:
        """Reflow: re-wrap at the new width and keep the top item where it was."""
        # With the vertical scrollbar whether or not it shows yet (a large result always
        # scrolls): the same answer before and after the scrollbar appears.
        width = self.content_region.width - self.styles.scrollbar_size_vertical
        self.width_hint = max(0, width)
        self._reflow()

    def _reflow(self) -> None:
        """Show the best layout for the current width, keeping the top item in place."""
        old = self._layouts.get(self._shown_width)
        top_item, delta = 0, 0
        if old is not None and self.items:
            top_item = old.item_at(round(self.scroll_y))
            delta = round(self.scroll_y) - old.offsets[top_item]
        self._strips.clear()
        self._update_virtual_size()
        if self.items:
            new = self.layout
            y = new.offsets[top_item] + min(delta, new.items[top_item].height - 1)
            self.scroll_to(y=y, animate=False, immediate=True)
        self.refresh()

    def _request_wraps(self, width: int) -> None:
        """Have a worker wrap every row at view ``width`` (the latest request wins).

        The worker starts after the next refresh, and only if ``width`` is still the
        view's width then (not a passing one, e.g. before the scrollbar appears).
        """
        if self._pending_width == width or self.model is None:
            return
        self._pending_width = width
        self.call_after_refresh(self._start_wraps, width)

    def _start_wraps(self, width: int) -> None:
        if self._pending_width != width or self.model is None:
            return
        if self.view_width != width:
            self._pending_width = None
            self._reflow()  # asks again for the width there is now, if need be
            return
        self._wrap_worker(self.model, width, self.items)

    @work(thread=True, exclusive=True, group="splitview-wrap", exit_on_error=False)
    def _wrap_worker(self, model: DisplayModel, width: int, items: list[Item]) -> None:
        """Wrap every row at view ``width`` and stack ``items`` (the list is never mutated:
        a rebuild replaces it)."""
        worker = get_current_worker()
        time.sleep(RESIZE_DEBOUNCE)  # a newer resize cancels this one meanwhile
        if worker.is_cancelled:
            return
        lw, rw = column_widths(width)
        with collector_paused():  # many lasting objects: see spare_collector
            wraps = model.compute_wraps(lw, rw, lambda: worker.is_cancelled)
            if wraps is None or worker.is_cancelled:
                return
            layout = model.layout(items, width, lw, rw, wraps)
        self.post_message(self.WrapsReady(model, width, wraps, items, layout))

    def on_split_view_wraps_ready(self, message: WrapsReady) -> None:
        """A wrap worker finished: cache its wraps and swap in the layout if still wanted."""
        message.stop()
        if message.model is not self.model:
            return
        message.model.store(message.wraps)
        spare_collector()
        if message.items is self.items:
            self._layouts[message.width] = message.layout
        if self._pending_width == message.width:
            self._pending_width = None
        self._reflow()

    def notify_style_update(self) -> None:
        """A theme or CSS change: drop cached strips (their colours are stale)."""
        super().notify_style_update()
        self._base_style = None
        self._strips.clear()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Keep the ruler (and the worker word-diffing rows) informed."""
        super().watch_scroll_y(old_value, new_value)
        self._update_wanted()
        self.post_message(self.ViewChanged(self))

    # ------------------------------------------------------------ navigation

    def item_region(self, index: int) -> Region:
        """The virtual region of display item ``index`` (without its spacer line)."""
        layout = self.layout
        lay = layout.items[index]
        return Region(0, layout.offsets[index], layout.width, max(1, lay.height - 1))

    def select(self, index: int, *, center: bool = False, top: bool = False) -> None:
        """Select display item ``index`` and scroll it into view."""
        if not self.items:
            return
        index = max(0, min(index, len(self.items) - 1))
        changed = index != self.selected
        self.selected = index
        region = self.item_region(index)
        height = self.scrollable_content_region.height
        y = round(self.scroll_y)
        if center:
            target = region.y - max(0, (height - region.height) // 2)
            if region.height >= height:
                target = region.y - 1
            self.scroll_to(y=max(0, target), animate=False, immediate=True)
        elif top or region.height >= height:
            if top or not (y <= region.y < y + height):
                self.scroll_to(y=max(0, region.y - 1), animate=False, immediate=True)
        elif region.y < y:
            self.scroll_to(y=region.y, animate=False, immediate=True)
        elif region.bottom > y + height:
            self.scroll_to(y=region.bottom - height + 1, animate=False, immediate=True)
        self.refresh()
        if changed:
            self.post_message(self.SelectionChanged(self, index, self.selected_row))

    def select_row(self, row: int, *, center: bool = False) -> None:
        """Select the item showing ``row``."""
        self.select(self.item_of_row(row), center=center)

    def move(self, delta: int) -> None:
        """Select the item ``delta`` items away."""
        self.select(self.selected + delta)

    def page(self, direction: int) -> None:
        """Scroll one page and select the first item that starts in view."""
        height = self.scrollable_content_region.height
        y = max(0, min(round(self.scroll_y) + direction * max(1, height - 2), self.max_scroll_y))
        self.scroll_to(y=y, animate=False, immediate=True)
        layout = self.layout
        if not self.items:
            return
        index = layout.item_at(y)
        if layout.offsets[index] < y and index + 1 < len(self.items):
            nxt = layout.offsets[index + 1]
            if nxt < y + height:
                index += 1
        if direction > 0 and y >= self.max_scroll_y:
            index = len(self.items) - 1 if layout.offsets[-1] < y + height else index
        old = self.selected
        self.selected = index
        self.refresh()
        if old != index:
            self.post_message(self.SelectionChanged(self, index, self.selected_row))

    def _is_change_item(self, index: int, facts: bool) -> bool:
        item = self.items[index]
        if item.is_fold or self.model is None:
            return False
        if self.skip_furniture and self.model.rows[item.row].furniture:
            return False
        if facts:
            return self.model.rows[item.row].has_facts
        return self.model.is_change(item.row, self.show_minor)

    def find_change(self, direction: int, facts: bool = False) -> int | None:
        """Index of the next (``direction`` 1) or previous (-1) changed item, or None."""
        index = self.selected + direction
        while 0 <= index < len(self.items):
            if self._is_change_item(index, facts):
                return index
            index += direction
        return None

    def item_at_line(self, y: int) -> int | None:
        """The item on viewport line ``y`` (None below the end)."""
        line = round(self.scroll_y) + y
        layout = self.layout
        if not self.items or line >= layout.total:
            return None
        return layout.item_at(line)

    def on_click(self, event: events.Click) -> None:
        """Clicking a row selects it."""
        index = self.item_at_line(event.y)
        if index is not None:
            old = self.selected
            self.selected = index
            self.refresh()
            if old != index:
                self.post_message(self.SelectionChanged(self, index, self.selected_row))

    # ---------------------------------------------------------------- search

    def set_search(self, query: str) -> int:
        """Find ``query`` in both columns; returns the number of hits."""
        self.hits = search(self.texts, query)
        self._hits_by_row = {}
        for n, hit in enumerate(self.hits):
            self._hits_by_row.setdefault(hit.row, []).append((n, hit))
        self.current_hit = -1
        self._strips.clear()
        self.refresh()
        return len(self.hits)

    def next_hit(self, direction: int) -> Hit | None:
        """Move to the next (1) or previous (-1) hit from the selection, wrapping around."""
        if not self.hits:
            return None
        if self.current_hit >= 0:
            n = (self.current_hit + direction) % len(self.hits)
        else:
            row = max(self.selected_row, 0)
            rows = [h.row for h in self.hits]
            if direction > 0:
                n = bisect_left(rows, row) % len(self.hits)
            else:
                n = (bisect_right(rows, row) - 1) % len(self.hits)
        self.current_hit = n
        hit = self.hits[n]
        self._strips.clear()
        self._show_hit(hit)
        return hit

    def show_spotlight(self, hits: list[Hit]) -> None:
        """Highlight ``hits`` (a ledger entry on each side) and scroll to the first."""
        self.spotlight = hits
        self._strips.clear()
        if hits:
            self._show_hit(hits[0])
        self.refresh()

    def _show_hit(self, hit: Hit) -> None:
        index = self.item_of_row(hit.row)
        if self.items[index].is_fold:
            self.set_options(changes_only=False)
            index = self.item_of_row(hit.row)
        # Scroll to the line of the hit inside the row.
        self.select(index)
        layout = self.layout
        lay = layout.items[index]
        lines = lay.left if hit.side == "a" else lay.right
        line_no = next((i for i, (s, e) in enumerate(lines) if s <= hit.start <= e), 0)
        y = layout.offsets[index] + lay.notes + line_no
        height = self.scrollable_content_region.height
        top = round(self.scroll_y)
        if not top <= y < top + height:
            self.scroll_to(y=max(0, y - height // 3), animate=False, immediate=True)
        self.refresh()

    # ------------------------------------------------------------- rendering

    @property
    def base_style(self) -> Style:
        """The widget's own style (cached until the next style update)."""
        if self._base_style is None:
            self._base_style = self.rich_style
        return self._base_style

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name)

    def render_line(self, y: int) -> Strip:
        """Draw viewport line ``y``."""
        width = self.size.width
        line = round(self.scroll_y) + y
        text_width = self.view_width
        layout = self._available_layout(text_width)
        if not self.items or line >= layout.total:
            return Strip.blank(width, self.base_style)
        if self.first_frame_at is None:
            self.first_frame_at = time.perf_counter()
        if y == 0:
            self._update_wanted()  # the rows drawn now are those to word-diff first
        index = layout.item_at(line)
        offset = line - layout.offsets[index]
        key = (index, offset, text_width, layout.width, index == self.selected)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._render_item_line(layout, index, offset, text_width)
            self._strips[key] = strip
        return strip.crop_extend(0, width, self.base_style)

    def _render_item_line(self, layout: Layout, index: int, offset: int, width: int) -> Strip:
        item = self.items[index]
        lay = layout.items[index]
        selected = index == self.selected
        base = self.base_style
        if selected:
            base = base + self._style("splitview--selected")
        lw, rw = column_widths(width)
        segments: list[Segment] = [Segment(" " * MARGIN_LEFT, base)]
        if offset == lay.height - 1:  # spacer between rows
            gutter_style = self.base_style + self._style("splitview--gutter")
            return Strip(
                [
                    Segment(" " * (MARGIN_LEFT + lw), self.base_style),
                    Segment(" │ ", gutter_style),
                    Segment(" " * (rw + MARGIN_RIGHT), self.base_style),
                ]
            )
        if item.is_fold:
            return Strip(self._fold_segments(item, width, base))
        assert self.model is not None
        row = self.model.rows[item.row]
        cls = self.model.classes[item.row]
        mark = "pending" if cls is None else cls
        a, b = self.texts[item.row]
        if offset < lay.notes:
            note = self._style("splitview--note")
            left = moved_note(row, "a") if row.a else ""
            right = moved_note(row, "b") if row.b else ""
            segments += _pad([Segment(left[:lw], base + note)], lw, base)
        else:
            j = offset - lay.notes
            segments += self._column(row, item.row, "a", a, lay.left, j, lw, base)
        gutter_style = base + self._style(
            "splitview--selected-gutter" if selected else "splitview--gutter"
        )
        if offset == 0:
            mark_style = gutter_style + self._style(f"splitview--mark-{mark}")
            segments += [
                Segment("▶" if selected else " ", gutter_style),
                Segment(look_of(cls).mark, mark_style),
                Segment(" ", gutter_style),
            ]
        else:
            segments.append(Segment(" │ ", gutter_style))
        if offset < lay.notes:
            segments += _pad([Segment(right[:rw], base + self._style("splitview--note"))], rw, base)
        else:
            j = offset - lay.notes
            segments += self._column(row, item.row, "b", b, lay.right, j, rw, base)
        segments.append(Segment(" " * MARGIN_RIGHT, base))
        return Strip(segments)

    def _fold_segments(self, item: Item, width: int, base: Style) -> list[Segment]:
        n = item.fold_count
        label = f" ┄┄ {n} unchanged paragraph{'s' if n != 1 else ''} (c shows all) ┄┄ "
        style = base + self._style("splitview--fold")
        inner = max(0, width - MARGIN_LEFT - MARGIN_RIGHT)
        text = label.center(inner, "┄")[:inner]
        return [
            Segment(" " * MARGIN_LEFT, base),
            Segment(text, style),
            Segment(" " * MARGIN_RIGHT, base),
        ]

    def _column(
        self,
        row: Row,
        row_index: int,
        side: str,
        st: SideText,
        lines: list[tuple[int, int]],
        j: int,
        col_width: int,
        base: Style,
    ) -> list[Segment]:
        has_text = bool(row.a) if side == "a" else bool(row.b)
        if not has_text:
            gap = base + self._style("splitview--gap")
            return [Segment(GAP_CHAR * col_width, gap)]
        if j >= len(lines):
            return [Segment(" " * col_width, base)]
        start, end = lines[j]
        segments = list(self._text_segments(row_index, side, st, start, end, base))
        return _pad(segments, col_width, base)

    def _text_segments(
        self, row_index: int, side: str, st: SideText, start: int, end: int, base: Style
    ) -> Iterable[Segment]:
        text = st.text
        assert self.model is not None
        row = self.model.rows[row_index]
        row_kind = row.kind
        # Page furniture reads dimmed, whatever its spans (drawn over them).
        furniture = self._style("splitview--furniture") if row.furniture else None
        # Styles change only between grapheme clusters: each segment is measured alone.
        snap = cluster_snapper(text, start, end)
        cuts = {start, end}
        styled: list[tuple[int, int, Style]] = []
        for rs, re_, op, fact, look_alike in st.runs:
            if re_ <= start or rs >= end:
                continue
            if op == "minor" and not self.show_minor and not look_alike:
                continue  # hidden; a look-alike letter stays marked (it may be a trick)
            style = self._style(_OP_CLASSES[op])
            if fact and op != "changed" and row_kind not in ("inserted", "deleted"):
                style = style + self.get_component_rich_style("splitview--fact", partial=True)
            bounds = (snap(max(rs, start), False), snap(min(re_, end), True))
            styled.append((*bounds, style))
            cuts.update(bounds)
        hits: list[tuple[int, int, Style]] = []
        for n, hit in self._hits_by_row.get(row_index, ()):
            if hit.side != side or hit.end <= start or hit.start >= end:
                continue
            name = "splitview--hit-current" if n == self.current_hit else "splitview--hit"
            bounds = (snap(max(hit.start, start), False), snap(min(hit.end, end), True))
            hits.append((*bounds, self._style(name)))
            cuts.update(bounds)
        for spot in self.spotlight:
            if spot.row != row_index or spot.side != side or spot.end <= start:
                continue
            if spot.start >= end:
                continue
            bounds = (snap(max(spot.start, start), False), snap(min(spot.end, end), True))
            hits.append((*bounds, self._style("splitview--spotlight")))
            cuts.update(bounds)
        points = sorted(cuts)
        for s, e in itertools.pairwise(points):
            if s >= e:
                continue
            style = base
            for rs, re_, st_style in styled:
                if rs <= s and e <= re_:
                    style = style + st_style
            if furniture is not None:
                style = style + furniture
            for hs, he, h_style in hits:
                if hs <= s and e <= he:
                    style = style + h_style
            yield Segment(text[s:e], style)

    # -------------------------------------------------------------- overview

    def ruler_cells(self, height: int) -> list[int]:
        """Severity (see :data:`~tui.display.ROW_LOOKS`) of the strongest change per ruler
        cell."""
        layout = self.layout
        if not self.items or height <= 0 or self.model is None:
            return [0] * max(0, height)
        key = (id(layout), layout.total, height, self.show_minor)
        if self._ruler_cache is not None and self._ruler_cache[0] == key:
            return self._ruler_cache[1]
        total = max(1, layout.total)
        cells = [0] * height
        model = self.model
        for index, item in enumerate(self.items):
            if item.is_fold or model is None or not model.is_change(item.row, self.show_minor):
                continue
            sev = look_of(model.classes[item.row]).severity
            first = layout.offsets[index] * height // total
            last = (layout.offsets[index] + layout.items[index].height - 1) * height // total
            for c in range(first, min(last, height - 1) + 1):
                if sev > cells[c]:
                    cells[c] = sev
        self._ruler_cache = (key, cells)
        return cells


def _pad(segments: list[Segment], width: int, style: Style) -> list[Segment]:
    used = sum(seg.cell_length for seg in segments)
    if used < width:
        segments.append(Segment(" " * (width - used), style))
    elif used > width:
        return list(Segment.adjust_line_length(segments, width, style))
    return segments
