"""The article browser: pick the left (A) and right (B) article, then compare."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DirectoryTree, Footer, Label, Static, Tree

from tui.display import sanitise_column
from tui.engine import count_words
from tui.sanitise import sanitise_line
from tui.screens.workers import TimedOut, read_patiently, run_in_thread
from tui.sources import SourceError
from tui.widgets.article_tree import ArticleTree
from tui.widgets.safe import append_safe, safe_text
from tui.widgets.toosmall import TooSmall

#: Paragraphs shown in the preview.
PREVIEW_PARAGRAPHS = 4
PREVIEW_CHARS = 2000


@dataclass(frozen=True, slots=True)
class Preview:
    """What the preview pane shows about one file."""

    path: str
    size: int
    encoding: str
    words: int
    paragraphs: int
    first: tuple[str, ...]


def load_preview(path: str) -> Preview:
    """Read ``path`` as ``paradiff diff`` does and summarise it (worker thread)."""
    source = read_patiently(path)
    article = source.article
    first: list[str] = []
    budget = PREVIEW_CHARS
    for para in article.paragraphs[:PREVIEW_PARAGRAPHS]:
        first.append(para[:budget])
        budget -= len(para)
        if budget <= 0:
            break
    return Preview(
        path=path,
        size=len(source.data),
        encoding=article.encoding,
        words=sum(count_words(p) for p in article.paragraphs),
        paragraphs=len(article.paragraphs),
        first=tuple(first),
    )


def human_size(size: int) -> str:
    """1234567 -> '1.2 MB'."""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{size} B"  # pragma: no cover


def preview_or_error(path: str) -> Preview | SourceError | TimedOut:
    """The preview of ``path``, or why it cannot be read (shown in the preview pane)."""
    try:
        return load_preview(path)
    except (SourceError, TimedOut) as exc:
        return exc


class BrowserScreen(Screen[None]):
    """A folder tree with a preview; mark A and B, then compare them."""

    HELP_TITLE: ClassVar[str] = "Browser"

    @dataclass
    class Compare(Message):
        """Diff article ``path_a`` (A) against ``path_b`` (B)."""

        path_a: str
        path_b: str

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a,1", "pick('a')", "Pick as A", key_display="a"),
        Binding("b,2", "pick('b')", "Pick as B", key_display="b"),
        Binding("d", "compare", "Compare"),
        Binding("x", "swap", "Swap A/B"),
        Binding("full_stop", "toggle_hidden", "Hidden files", key_display="."),
        Binding("backspace,u", "parent", "Parent folder", key_display="⌫"),
    ]

    def __init__(self, root: str | Path, picks: tuple[str | None, str | None] = (None, None)):
        super().__init__()
        self.root = Path(root)
        #: The picked articles: left (A, the original) and right (B, the copy).
        self.picks: list[str | None] = list(picks)
        self.highlighted: Path | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="browser-title")
        with Horizontal(id="browser-body"):
            yield ArticleTree(self.root, id="tree")
            with Vertical(id="preview-pane"):
                yield Static(id="preview-info")
                with VerticalScroll(id="preview-scroll"):
                    yield Static(id="preview-text")
        with Horizontal(id="picks"):
            yield Label(id="pick-a")
            yield Label(id="pick-b")
        yield Footer(compact=True, show_command_palette=False)
        yield TooSmall()

    def on_mount(self) -> None:
        """Show the root and the picks."""
        self._update_title()
        self._update_picks()
        self.query_one("#preview-info", Static).update(
            Text(
                "Highlight a file to preview it; a marks it as A, b as B, d compares.", style="dim"
            )
        )
        self.query_one(ArticleTree).focus()
        self._check_folder(Path(self.tree.path))

    def _check_folder(self, path: Path) -> bool:
        """Say so when the folder ``path`` cannot be opened (it then lists nothing)."""
        reason = self.tree.reason_for(path)
        if reason is None:
            return True
        self.notify(
            f"{path.name or path}: {reason}", title="Cannot open the folder", severity="warning"
        )
        return False

    @property
    def tree(self) -> ArticleTree:
        """The article tree."""
        return self.query_one(ArticleTree)

    def _update_title(self) -> None:
        title = Text("paradiff ", style="bold")
        title.append("— pick two articles in ")
        append_safe(title, self.tree.path)
        self.query_one("#browser-title", Static).update(title)

    def _update_picks(self) -> None:
        for side, label_id, name in (("a", "#pick-a", "A original"), ("b", "#pick-b", "B copy")):
            path = self.picks[0 if side == "a" else 1]
            text = Text(f" {name}: ", style="bold")
            if path:
                append_safe(text, _display_path(path))
            else:
                text.append(f"— (press {side})", style="dim")
            label = self.query_one(label_id, Label)
            label.update(text)
            label.set_class(bool(path), "-picked")

    # --------------------------------------------------------------- preview

    @on(Tree.NodeHighlighted)
    def _on_highlight(self, event: Tree.NodeHighlighted) -> None:
        data = event.node.data
        if data is None:
            return
        path = Path(data.path)
        self.highlighted = path
        reason = self.tree.unreadable.get(path)
        is_folder = DirectoryTree._safe_is_dir(path)
        if is_folder or reason is not None:
            self.workers.cancel_group(self, "preview")
            info = Text("folder " if is_folder else "", style="bold")
            append_safe(info, path.name or path, style="" if is_folder else "bold")
            if reason is not None:
                why = reason if is_folder else f"{reason}: the browser reads regular files only"
                info.append("\n")
                append_safe(info, why, "dim")
            self._set_preview(info, Text())
            return
        self.preview(str(path))

    def _set_preview(self, info: Text, body: Text) -> None:
        self.query_one("#preview-info", Static).update(info)
        self.query_one("#preview-text", Static).update(body)

    def preview(self, path: str) -> None:
        """Read ``path`` in a worker and show its preview (the latest request wins; what
        an earlier one showed is cleared at once, so no stale preview stays)."""
        self._set_preview(Text("reading…", style="dim"), Text())
        run_in_thread(
            self,
            lambda: preview_or_error(path),
            group="preview",
            failure="Cannot preview",
            on_done=self._show_preview,
        )

    def _show_preview(self, preview: Preview | SourceError | TimedOut) -> None:
        if isinstance(preview, SourceError | TimedOut):
            info = Text("cannot preview: ", style="bold")
            append_safe(info, preview)
            self._set_preview(info, Text())
            return
        info = safe_text(Path(preview.path).name, style="bold")
        info.append(
            f"\n{human_size(preview.size)} · {preview.words:,} words · "
            f"{preview.paragraphs:,} paragraphs · {sanitise_line(preview.encoding)}",
            style="dim",
        )
        body = Text()
        for n, para in enumerate(preview.first):
            if n:
                body.append("\n\n")
            body.append(sanitise_column(para))
        if preview.paragraphs > len(preview.first):
            body.append("\n\n…", style="dim")
        self._set_preview(info, body)

    # --------------------------------------------------------------- actions

    def _current_file(self) -> str | None:
        node = self.tree.cursor_node
        if node is None or node.data is None:
            return None
        path = Path(node.data.path)
        if DirectoryTree._safe_is_dir(path):
            return None
        return str(path)

    def action_pick(self, side: str) -> None:
        """Mark the highlighted file as article A or B (checked in a worker)."""
        path = self._current_file()
        if path is None:
            self.app.notify("Highlight a file first", severity="warning", timeout=3)
            return
        self._pick(path, side)

    def _pick(self, path: str, side: str) -> None:
        """Pick ``path`` as ``side`` once it reads as an article (checked in a worker);
        never a named pipe or a device (those are given on the command line)."""
        reason = self.tree.reason_for(Path(path))
        if reason is not None:
            self.notify(
                f"{Path(path).name}: {reason}; the browser picks regular files only "
                "(give a named pipe on the command line).",
                title="Cannot pick",
                severity="warning",
            )
            return

        def picked(_: object) -> None:
            self.picks[0 if side == "a" else 1] = path
            self._update_picks()

        run_in_thread(
            self,
            lambda: read_patiently(path).article,
            group="pick",
            failure="Cannot pick",
            on_done=picked,
            exclusive=False,
        )

    @on(DirectoryTree.FileSelected)
    def _on_file_selected(self, event: DirectoryTree.FileSelected) -> None:
        """Enter on a file fills the first empty pick (A, then B)."""
        side = "a" if self.picks[0] is None else "b"
        self._pick(str(event.path), side)

    def action_compare(self) -> None:
        """Diff A against B."""
        a, b = self.picks
        if not a or not b:
            self.app.notify(
                "Pick both articles first: a marks A, b marks B", severity="warning", timeout=4
            )
            return
        self.post_message(self.Compare(a, b))

    def action_swap(self) -> None:
        """Swap the picks."""
        self.picks.reverse()
        self._update_picks()

    def action_toggle_hidden(self) -> None:
        """Show or hide hidden files."""
        tree = self.tree
        tree.toggle_hidden()
        self.notify("Hidden files " + ("shown" if tree.show_hidden else "hidden"), timeout=2)

    def action_parent(self) -> None:
        """Browse the parent folder."""
        tree = self.tree
        current = Path(tree.path).resolve()
        if current.parent != current:
            tree.path = current.parent
            self._update_title()


def _display_path(path: str) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return rel if not rel.startswith("..") else path
