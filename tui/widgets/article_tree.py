"""A directory tree that lists folders and text-like articles only."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rich.text import Text
from textual.widgets import DirectoryTree

from tui.engine.loading import looks_binary
from tui.sanitise import sanitise_line

#: Extensions always listed as articles.
TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text", ".rst"})
_SNIFF = 4096


def sniffs_as_text(path: Path) -> bool:
    """True when a file without a known extension looks like text (read its first bytes)."""
    try:
        with path.open("rb") as handle:
            sample = handle.read(_SNIFF)
    except OSError:
        return False
    return bool(sample) and not looks_binary(sample)


def is_article(path: Path) -> bool:
    """True for a file the browser offers: a text extension, or extension-less text."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return True
    if suffix:
        return False
    try:
        if not path.is_file():
            return False
    except OSError:
        return False
    return sniffs_as_text(path)


class ArticleTree(DirectoryTree):
    """Folders and articles; hidden entries only when :attr:`show_hidden` is set."""

    ICON_NODE = "▸ "
    ICON_NODE_EXPANDED = "▾ "
    ICON_FILE = "  "

    def __init__(self, path: str | Path, *, id: str | None = None) -> None:
        super().__init__(path, id=id)
        self.show_hidden = False

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        """Keep folders and articles (runs in the tree's loader thread)."""
        for path in paths:
            if not self.show_hidden and path.name.startswith("."):
                continue
            if self._safe_is_dir(path) or is_article(path):
                yield path

    def process_label(self, label: str | Text) -> Text:
        """File names are shown literally: no markup, control characters made visible."""
        if isinstance(label, Text):
            return label
        return Text(sanitise_line(label))

    def toggle_hidden(self) -> None:
        """Show or hide dot files and folders, then reload."""
        self.show_hidden = not self.show_hidden
        self.reload()


__all__ = ["ArticleTree", "is_article", "sniffs_as_text"]
