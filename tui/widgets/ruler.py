"""The overview ruler: where the changes lie along the whole document."""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from textual import events
from textual.strip import Strip
from textual.widget import Widget

from tui.display import RULER_COLOURS
from tui.widgets.splitview import SplitView


class OverviewRuler(Widget):
    """A thin column beside the split view: one cell per slice of the document.

    A cell is coloured by the strongest change in its slice; the slices in view are
    marked with a bar. Clicking a cell scrolls there.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "ruler--window",
        *(f"ruler--{colour}" for colour in RULER_COLOURS.values() if colour),
    }

    def __init__(self, split_view: SplitView, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.split_view = split_view

    def window(self) -> tuple[int, int]:
        """The ruler cells ``[first, last]`` covering the visible part of the view."""
        height = self.size.height
        view = self.split_view
        total = max(1, view.virtual_size.height)
        top = round(view.scroll_y)
        bottom = top + max(1, view.scrollable_content_region.height) - 1
        first = top * height // total
        last = min(height - 1, bottom * height // total)
        return first, max(first, last)

    def render_line(self, y: int) -> Strip:
        """Draw ruler cell ``y``."""
        width = self.size.width
        cells = self.split_view.ruler_cells(self.size.height)
        sev = cells[y] if y < len(cells) else 0
        first, last = self.window()
        base = self.rich_style
        in_window = first <= y <= last
        window_style = base + self.get_component_rich_style("ruler--window")
        marker = Segment("▐" if in_window else " ", window_style)
        if sev:
            style = base + self.get_component_rich_style(f"ruler--{RULER_COLOURS[sev]}")
            mark = Segment("█" * (width - 1), style)
        else:
            mark = Segment(" " * (width - 1), base)
        return Strip([marker, mark]).crop_extend(0, width, base)

    def on_click(self, event: events.Click) -> None:
        """Scroll the view to the clicked part of the document."""
        height = max(1, self.size.height)
        view = self.split_view
        target = event.y * view.virtual_size.height // height
        view.scroll_to(y=max(0, target - view.scrollable_content_region.height // 2), animate=False)
