"""A directory tree that lists folders and text-like articles, and greys what it will
not read (named pipes, devices, sockets, unreadable folders) with the reason."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.widgets import DirectoryTree
from textual.widgets.directory_tree import DirEntry
from textual.widgets.tree import TreeNode

from tui.engine.loading import looks_binary
from tui.files import describe_os_error
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


#: What the browser calls the kinds of file it does not read.
_KINDS = (
    (stat.S_ISFIFO, "named pipe"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
    (stat.S_ISSOCK, "socket"),
)


def unreadable_reason(path: Path) -> str | None:
    """Why the browser will not read ``path`` (None: a regular file or a folder it can
    open). Symlinks are followed: a link to ``/dev/zero`` is a character device."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return describe_os_error(exc)
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return None if os.access(path, os.R_OK | os.X_OK) else "cannot open: permission denied"
    for test, kind in _KINDS:
        if test(mode):
            return kind
    return "not a regular file"


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
    """Folders and articles; hidden entries only when :attr:`show_hidden` is set.

    Named pipes, devices and sockets are listed greyed with the reason (whatever their
    name: they are never opened), and so are folders that cannot be opened.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"article-tree--unreadable"}
    DEFAULT_CSS = """
    ArticleTree > .article-tree--unreadable {
        color: $text-muted;
        text-style: italic;
    }
    """

    ICON_NODE = "▸ "
    ICON_NODE_EXPANDED = "▾ "
    ICON_FILE = "  "

    def __init__(self, path: str | Path, *, id: str | None = None) -> None:
        super().__init__(path, id=id)
        self.show_hidden = False
        #: Entries listed but not read, and why (filled by :meth:`filter_paths`).
        self.unreadable: dict[Path, str] = {}

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        """Keep folders, articles and (greyed) what is not a regular file; runs in the
        tree's loader thread, and opens nothing but regular files."""
        for path in paths:
            if not self.show_hidden and path.name.startswith("."):
                continue
            reason = unreadable_reason(path)
            if reason is not None:
                self.unreadable[path] = reason
                yield path
            elif self._safe_is_dir(path) or is_article(path):
                yield path

    def reason_for(self, path: Path) -> str | None:
        """Why ``path`` is not read (as listed, else asked now), or None."""
        return self.unreadable.get(path) or unreadable_reason(path)

    def render_label(self, node: TreeNode[DirEntry], base_style: Style, style: Style) -> Text:
        """Greyed, with the reason, for what is not read."""
        label = super().render_label(node, base_style, style)
        reason = self.unreadable.get(node.data.path) if node.data is not None else None
        if reason is not None and self.is_mounted:
            grey = self.get_component_rich_style("article-tree--unreadable", partial=True)
            label.stylize(grey)
            label.append(f"  ({sanitise_line(reason)})", style=grey)
        return label

    def process_label(self, label: str | Text) -> Text:
        """File names are shown literally: no markup, control characters made visible."""
        if isinstance(label, Text):
            return label
        return Text(sanitise_line(label))

    def on_tree_node_expanded(self, event: DirectoryTree.NodeExpanded[DirEntry]) -> None:
        """A folder that cannot be opened lists nothing: say why."""
        path = event.node.data.path if event.node.data is not None else None
        reason = self.unreadable.get(path) if path is not None else None
        if path is not None and reason is not None:
            self.notify(
                f"{path.name or path}: {reason}",
                title="Cannot open the folder",
                severity="warning",
            )

    def toggle_hidden(self) -> None:
        """Show or hide dot files and folders, then reload."""
        self.show_hidden = not self.show_hidden
        self.reload()


__all__ = ["ArticleTree", "is_article", "sniffs_as_text"]
