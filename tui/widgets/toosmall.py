"""Shown instead of a screen's content when the terminal is too small to draw it."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

#: Smallest terminal the app draws (80x24 and up are the supported sizes).
MIN_WIDTH = 60
MIN_HEIGHT = 16


class TooSmall(Widget):
    """A centred message saying how big the terminal must be."""

    def render(self) -> Text:
        """The message, with the current size."""
        width, height = self.app.size
        return Text(
            f"paradiff needs a terminal of at least {MIN_WIDTH}×{MIN_HEIGHT}\n"
            f"(this one is {width}×{height}). Enlarge it, or press q to quit.",
            justify="center",
        )
