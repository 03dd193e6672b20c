"""A directory tree that lists folders and readable articles, marks the picked ones (A, B),
filters names as the user types, and greys what it will not read (named pipes, devices,
sockets, unreadable folders) with the reason.

What counts as an article is :func:`tui.sources.readable.is_readable_file`'s decision.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.widgets import DirectoryTree
from textual.widgets.directory_tree import DirEntry
from textual.widgets.tree import TreeNode

from tui.files import describe_os_error
from tui.sanitise import sanitise_line
from tui.sources.readable import is_readable_file

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


def name_matches(name: str, words: list[str]) -> bool:
    """True when ``name`` holds every word of the filter (case-insensitive)."""
    lowered = name.lower()
    return all(word in lowered for word in words)


class ArticleTree(DirectoryTree):
    """Folders and articles; hidden entries only when :attr:`show_hidden` is set.

    Named pipes, devices and sockets are listed greyed with the reason (whatever their
    name: they are never opened), and so are folders that cannot be opened. The picked
    articles carry a badge (``A``, ``B``) in place of the file icon. Entries whose name
    does not hold every word of :attr:`name_filter` are left out.

    A single click moves the cursor; a double click (or Enter) selects, as in a file
    manager: one click never picks a file.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-tree--unreadable",
        "article-tree--pick-a",
        "article-tree--pick-b",
    }
    DEFAULT_CSS = """
    ArticleTree > .article-tree--unreadable {
        color: $text-muted;
        text-style: italic;
    }
    ArticleTree > .article-tree--pick-a {
        color: $text-error;
        text-style: bold reverse;
    }
    ArticleTree > .article-tree--pick-b {
        color: $text-success;
        text-style: bold reverse;
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
        #: The words every listed name holds (empty: no filter).
        self.name_filter: list[str] = []
        #: The badge of each picked file (resolved path -> "A" or "B").
        self.marks: dict[Path, str] = {}
        #: Where the cursor goes once the folder holding it is listed.
        self.cursor_target: Path | None = None

    # -------------------------------------------------------------- listing

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        """Keep folders, articles and (greyed) what is not a regular file; runs in the
        tree's loader thread, and opens nothing but regular files."""
        words = list(self.name_filter)
        for path in paths:
            if not self.show_hidden and path.name.startswith("."):
                continue
            if words and not name_matches(path.name, words):
                continue
            reason = unreadable_reason(path)
            if reason is not None:
                self.unreadable[path] = reason
                yield path
            elif self._safe_is_dir(path) or is_readable_file(path):
                yield path

    def set_filter(self, text: str) -> None:
        """List only the entries whose name holds every word of ``text``, then reload
        (the cursor goes to the first entry if its own was filtered out)."""
        words = text.lower().split()
        if words == self.name_filter:
            return
        self.name_filter = words
        self.reload()

    def go_to(self, path: Path) -> None:
        """Browse the folder of ``path`` with the cursor on it."""
        path = path.resolve()
        self.cursor_target = path
        if Path(self.path).resolve() != path.parent:
            self.path = path.parent
        else:
            self._move_to_target()

    async def watch_path(self) -> None:
        """As the directory tree does (it ends by putting the cursor on the first line,
        which can come after the listing put it on its target); then the target again."""
        target = self.cursor_target
        await super().watch_path()
        if target is not None:
            self.cursor_target = target
            self._move_to_target()

    def _populate_node(self, node: TreeNode[DirEntry], content: Iterable[Path]) -> None:
        """As the directory tree does; then (once drawn) the cursor on its target, or on
        the first entry when a filter left the cursor on the folder itself."""
        super()._populate_node(node, content)
        if node is self.root:
            self.call_after_refresh(self._after_root_listed)

    def _after_root_listed(self) -> None:
        if self._move_to_target():
            return
        if self.name_filter and self.cursor_node is self.root and self.root.children:
            self.move_cursor(self.root.children[0], animate=False)

    def _move_to_target(self) -> bool:
        """Put the cursor on :attr:`cursor_target` if it is listed (then forget it)."""
        target = self.cursor_target
        if target is None:
            return False
        for node in self.root.children:
            if node.data is not None and node.data.path == target:
                self.cursor_target = None
                self.move_cursor(node, animate=False)
                return True
        return False

    def reason_for(self, path: Path) -> str | None:
        """Why ``path`` is not read (as listed, else asked now), or None."""
        return self.unreadable.get(path) or unreadable_reason(path)

    # -------------------------------------------------------------- drawing

    def set_marks(self, a: str | None, b: str | None) -> None:
        """Badge the files picked as A and B (paths or URLs; URLs are not in the tree)."""
        marks: dict[Path, str] = {}
        for badge, pick in (("A", a), ("B", b)):
            if pick and "://" not in pick:
                marks[Path(pick).resolve()] = badge
        if marks != self.marks:
            self.marks = marks
            self._invalidate()

    def render_label(self, node: TreeNode[DirEntry], base_style: Style, style: Style) -> Text:
        """The badge of a picked file; greyed, with the reason, what is not read."""
        label = super().render_label(node, base_style, style)
        path = node.data.path if node.data is not None else None
        if path is None or not self.is_mounted:
            return label
        badge = self.marks.get(path)
        if badge is not None and not node.allow_expand:
            look = self.get_component_rich_style(
                f"article-tree--pick-{badge.lower()}", partial=True
            )
            label = Text.assemble((badge, look), " ", label[len(self.ICON_FILE) :])
        reason = self.unreadable.get(path)
        if reason is not None:
            grey = self.get_component_rich_style("article-tree--unreadable", partial=True)
            label.stylize(grey)
            label.append(f"  ({sanitise_line(reason)})", style=grey)
        return label

    def process_label(self, label: str | Text) -> Text:
        """File names are shown literally: no markup, control characters made visible."""
        if isinstance(label, Text):
            return label
        return Text(sanitise_line(label))

    # --------------------------------------------------------------- events

    def _on_click(self, event: events.Click) -> None:
        """A single click on a file only moves the cursor (a double click selects it)."""
        line = event.style.meta.get("line")
        if line is None or event.chain > 1 or event.style.meta.get("toggle", False):
            return
        node = self.get_node_at_line(line)
        if node is not None and not node.allow_expand:
            event.prevent_default()  # not the tree's own click, which selects
            self.cursor_line = line

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


__all__ = ["ArticleTree", "name_matches", "unreadable_reason"]
