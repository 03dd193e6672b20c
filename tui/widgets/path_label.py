"""A one-line label: a fixed prefix, then a path shortened in the middle to the width the
label has when drawn (never blank: at worst an ellipsis)."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from tui.display.paths import shorten_middle
from tui.display.wrap import cell_width
from tui.widgets.safe import safe_line


class PathLabel(Widget):
    """``prefix`` followed by ``path`` (untrusted: sanitised), or by ``placeholder`` when
    there is no path; the path is shortened in the middle to fit."""

    DEFAULT_CSS = """
    PathLabel {
        height: 1;
        width: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.prefix = Text()
        self.path: str | None = None
        self.placeholder = Text()

    def show(self, prefix: Text, path: str | None, placeholder: Text | None = None) -> None:
        """Show ``prefix`` and ``path`` (or ``placeholder`` when ``path`` is None)."""
        self.prefix = prefix
        self.path = path
        self.placeholder = placeholder or Text()
        self.refresh()

    def render(self) -> Text:
        """The prefix and the path, shortened to the label's width."""
        text = self.prefix.copy()
        if self.path is None:
            text.append_text(self.placeholder)
        else:
            room = max(1, self.size.width - cell_width(self.prefix.plain))
            text.append(shorten_middle(safe_line(self.path), room))
        text.no_wrap = True
        text.overflow = "ellipsis"
        return text

    @property
    def shown(self) -> str:
        """The text drawn now (for tests and screen readers)."""
        return self.render().plain


__all__ = ["PathLabel"]
