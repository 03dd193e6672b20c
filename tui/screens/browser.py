"""The article browser: pick the left (A) and right (B) article, then compare.

Picking is quick from the keyboard and the mouse alike:

* the tree badges the picked files ``A`` and ``B``; ``a``/``b`` pick the highlighted file
  as that side; Enter (or a double click) picks it as the first empty side, A then B; a
  single click only moves the cursor;
* the location field (``/``, or just paste) filters the folder as you type; a path and
  Enter picks that file or opens that folder (relative paths start at the folder shown);
  an http(s) URL and Enter picks the URL (read when the diff is computed);
* ``R`` lists the pairs compared lately (kept in the data folder); Enter compares one;
* ``w`` reads web pages whole (every text block, not only the article) and ``P`` changes
  how plain text is split into paragraphs; both show in the picks bar when not the default.

The preview shows what the diff will read: the reader, the page's headline, byline, date
and site (a URL's final address and fetch time), and the first paragraphs. A URL is
fetched for a preview only once picked.

The same file is never both A and B (refused with a notification). When Enter (or a
double click) fills the second side, a small dialog offers to compare at once, its
Compare button focused: Enter compares, Esc keeps browsing. Meld asks for the Compare
button after choosing two files, Beyond Compare compares as soon as both sides are
loaded; one more Enter is the middle way, and ``d`` compares at any time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DirectoryTree, Footer, Input, Static, Tree

from tui.display import sanitise_column
from tui.engine import count_words
from tui.engine.paragraphs import PARAGRAPH_MODES
from tui.export.common import paragraph_rule, source_about, source_fetch
from tui.recent import RecentPair, load_recent, remember_pair
from tui.sanitise import sanitise_line
from tui.screens.dialogs import ConfirmDialog, RecentPairsDialog
from tui.screens.workers import DEFAULT_READING, Reading, TimedOut, read_patiently, run_in_thread
from tui.sources import SourceError, is_url
from tui.store import default_data_dir
from tui.widgets.article_tree import ArticleTree
from tui.widgets.path_label import PathLabel
from tui.widgets.safe import SafeInput, safe_line, safe_text
from tui.widgets.toosmall import TooSmall

#: Paragraphs shown in the preview.
PREVIEW_PARAGRAPHS = 4
PREVIEW_CHARS = 2000
#: The paragraph rules of plain text, as ``P`` names them.
PARAGRAPH_RULES = {
    "auto": "as found (blank lines, one per line or hard-wrapped)",
    "blank": "separated by blank lines",
    "line": "one per line",
}


@dataclass(frozen=True, slots=True)
class Preview:
    """What the preview pane shows about one file."""

    path: str
    size: int
    encoding: str
    words: int
    paragraphs: int
    first: tuple[str, ...]
    #: How the paragraphs were found, when not simply by blank lines (" (one per line)").
    rule: str = ""
    #: What the reader said (``read as html · “Headline” · by X · date · site``), and for
    #: a URL where and when it was fetched; empty when there is nothing to say.
    about: str = ""
    fetched: str = ""
    #: True when the source is a web page (``w`` changes how it is read).
    web_page: bool = False


def load_preview(path: str, reading: Reading = DEFAULT_READING) -> Preview:
    """Read ``path`` as the diff will and summarise it (worker thread)."""
    source = read_patiently(path, reading=reading)
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
        rule=paragraph_rule(article),
        about=source_about(article),
        fetched=source_fetch(article),
        web_page=source.reader == "html",
    )


def human_size(size: int) -> str:
    """1234567 -> '1.2 MB'."""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{size} B"  # pragma: no cover


def preview_or_error(
    path: str, reading: Reading = DEFAULT_READING
) -> Preview | SourceError | TimedOut:
    """The preview of ``path``, or why it cannot be read (shown in the preview pane)."""
    try:
        return load_preview(path, reading)
    except (SourceError, TimedOut) as exc:
        return exc


def looks_like_path(text: str) -> bool:
    """True when the location field holds a path rather than a filter."""
    return text.startswith(("/", "~", "./", "../")) or os.sep in text or text in (".", "..")


def same_article(one: str, other: str) -> bool:
    """True when two picks name the same file (or the same URL)."""
    if is_url(one) or is_url(other):
        return one == other
    try:
        return Path(one).resolve() == Path(other).resolve()
    except OSError:
        return one == other


class BrowserScreen(Screen[None]):
    """A folder tree with a preview; mark A and B, then compare them."""

    CSS_PATH = "browser.tcss"
    HELP_TITLE: ClassVar[str] = "Browser"

    @dataclass
    class Compare(Message):
        """Diff article ``path_a`` (A) against ``path_b`` (B), read as ``reading`` says."""

        path_a: str
        path_b: str
        reading: Reading = DEFAULT_READING

    @dataclass
    class Rank(Message):
        """Rank ``copies`` (files, or folders searched for readable files) against
        ``original``."""

        original: str
        copies: tuple[str, ...]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a,1", "pick('a')", "Pick A", key_display="a"),
        Binding("b,2", "pick('b')", "Pick B", key_display="b"),
        Binding("d", "compare", "Compare"),
        # Not in the footer: at 80 columns the footer keeps the keys of picking.
        Binding("c", "rank", "Rank copies", show=False),
        Binding("slash,ctrl+l", "location", "Filter", key_display="/"),
        Binding("R", "recent", "Recent"),
        Binding("x", "swap", "Swap"),
        Binding("w", "toggle_whole_page", "Whole web pages", show=False),
        Binding("P", "cycle_paragraphs", "Paragraph rule for plain text", show=False),
        Binding("backspace,u", "parent", "Parent folder", key_display="⌫", show=False),
        Binding("full_stop", "toggle_hidden", "Hidden files", key_display=".", show=False),
        Binding("escape", "escape", "Clear the filter", show=False),
        Binding("down", "focus_tree", "From the field to the list", show=False),
    ]

    def __init__(
        self,
        root: str | Path,
        picks: tuple[str | None, str | None] = (None, None),
        *,
        data_folder: Path | None = None,
    ) -> None:
        """Browse the folder ``root``; a file (or an http(s) URL) as ``root`` is picked as
        A, with its folder (the current folder for a URL) shown and the cursor on it."""
        super().__init__()
        #: The picked articles: left (A, the original) and right (B, the copy).
        self.picks: list[str | None] = list(picks)
        #: Where the recent pairs are kept (the snapshots' data folder).
        self.data_folder = data_folder if data_folder is not None else default_data_dir()
        self.highlighted: Path | None = None
        #: How the picked articles will be read (``w``, ``P``).
        self.reading = Reading()
        #: The file or URL whose preview is shown (or being read).
        self.previewed: str | None = None
        start: Path | None = None
        if isinstance(root, str) and is_url(root):
            self.picks[0] = root
            root = Path.cwd()
        elif _is_file(Path(root)):
            start = Path(root).resolve()
            self.picks[0] = str(start)
            root = start.parent
        self.root = Path(root)
        self._start = start

    def compose(self) -> ComposeResult:
        yield PathLabel(id="browser-title")
        yield SafeInput(
            placeholder="/ filter · or a path or URL, then Enter",
            id="location",
            compact=True,
            select_on_focus=False,
        )
        with Horizontal(id="browser-body"):
            yield ArticleTree(self.root, id="tree")
            with Vertical(id="preview-pane"):
                yield Static(id="preview-info")
                with VerticalScroll(id="preview-scroll"):
                    yield Static(id="preview-text")
        with Horizontal(id="picks"):
            yield PathLabel(id="pick-a")
            yield PathLabel(id="pick-b")
            yield Static(id="reading")
        yield Footer(compact=True, show_command_palette=False)
        yield TooSmall()

    def on_mount(self) -> None:
        """Show the root and the picks."""
        self._update_title()
        self._update_picks()
        self.query_one("#preview-info", Static).update(
            Text(
                "Enter picks the highlighted file (A, then B); a and b pick a side; "
                "/ filters, or takes a path or URL; R lists recent pairs; "
                "w reads web pages whole.",
                style="dim",
            )
        )
        url = self.picks[0]
        if url is not None and is_url(url) and self.picks[1] is None:
            self.preview(url)  # paradiff URL: what will be compared
        tree = self.tree
        if self._start is not None:
            tree.cursor_target = self._start
        tree.focus()
        self._check_folder(Path(tree.path))

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

    @property
    def location(self) -> Input:
        """The location field: a filter, a path or a URL."""
        return self.query_one("#location", Input)

    def _update_title(self) -> None:
        prefix = Text("paradiff ", style="bold")
        prefix.append("— pick two articles in ")
        self.query_one("#browser-title", PathLabel).show(prefix, str(self.tree.path))

    def _update_picks(self) -> None:
        for index, label_id, name in ((0, "#pick-a", "A original"), (1, "#pick-b", "B copy")):
            path = self.picks[index]
            side = "ab"[index]
            label = self.query_one(label_id, PathLabel)
            label.show(
                Text(f" {name}: ", style="bold"),
                _display_path(path) if path else None,
                Text(f"— (Enter or {side})", style="dim"),
            )
            label.set_class(bool(path), "-picked")
        self.tree.set_marks(self.picks[0], self.picks[1])
        self._update_reading()

    def _update_reading(self) -> None:
        """Say in the picks bar how articles will be read, when not the default."""
        words = []
        if self.reading.whole_page:
            words.append("whole web pages")
        if self.reading.paragraphs != "auto":
            words.append(f"paragraphs: {self.reading.paragraphs}")
        label = self.query_one("#reading", Static)
        label.update(Text(" · ".join(words), style="bold"))
        label.display = bool(words)

    # --------------------------------------------------------------- preview

    @on(Tree.NodeHighlighted)
    def _on_highlight(self, event: Tree.NodeHighlighted) -> None:
        data = event.node.data
        if data is None:
            return
        path = Path(data.path)
        first, self.highlighted = self.highlighted is None, path
        if first and self.previewed is not None and is_url(self.previewed):
            return  # paradiff URL: its preview stays until the cursor moves
        reason = self.tree.unreadable.get(path)
        is_folder = DirectoryTree._safe_is_dir(path)
        if is_folder or reason is not None:
            self.workers.cancel_group(self, "preview")
            self.previewed = None
            info = Text("folder " if is_folder else "", style="bold")
            info.append(safe_line(path.name or path), style="" if is_folder else "bold")
            if reason is not None:
                why = reason if is_folder else f"{reason}: the browser reads regular files only"
                info.append("\n")
                info.append(safe_line(why), "dim")
            self._set_preview(info, Text())
            return
        self.preview(str(path))

    def _set_preview(self, info: Text, body: Text) -> None:
        try:
            shown = self.query_one("#preview-info", Static), self.query_one("#preview-text", Static)
        except NoMatches:  # a preview read while the app closes: nowhere to show it
            return
        shown[0].update(info)
        shown[1].update(body)

    def preview(self, path: str) -> None:
        """Read ``path`` in a worker and show its preview (the latest request wins; what
        an earlier one showed is cleared at once, so no stale preview stays)."""
        self.previewed = path
        reading = self.reading
        what = "fetching" if is_url(path) else "reading"
        self._set_preview(safe_text(f"{what} {_display_path(path)}…", style="dim"), Text())
        run_in_thread(
            self,
            lambda: preview_or_error(path, reading),
            group="preview",
            failure="Cannot preview",
            on_done=self._show_preview,
        )

    def _show_preview(self, preview: Preview | SourceError | TimedOut) -> None:
        if isinstance(preview, SourceError | TimedOut):
            info = Text("cannot preview: ", style="bold")
            info.append(safe_line(preview))
            self._set_preview(info, Text())
            return
        name = preview.path if is_url(preview.path) else Path(preview.path).name
        info = safe_text(name, style="bold")
        info.append(
            f"\n{human_size(preview.size)} · {preview.words:,} words · "
            f"{preview.paragraphs:,} paragraphs{preview.rule} · "
            f"{sanitise_line(preview.encoding)}",
            style="dim",
        )
        for line in (preview.about, preview.fetched):
            if line:
                info.append("\n")
                info.append(sanitise_line(line))
        if preview.web_page:
            keeps = "every text block" if self.reading.whole_page else "the article only"
            info.append(f"\n{keeps} (w changes it)", style="dim")
        body = Text()
        for n, para in enumerate(preview.first):
            if n:
                body.append("\n\n")
            body.append(sanitise_column(para))
        if preview.paragraphs > len(preview.first):
            body.append("\n\n…", style="dim")
        self._set_preview(info, body)

    # --------------------------------------------------------------- picking

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

    def _next_side(self) -> str:
        """The side Enter fills: A when empty, else B."""
        return "a" if self.picks[0] is None else "b"

    def _pick(self, path: str, side: str, *, offer: bool = False) -> None:
        """Pick ``path`` as ``side`` once it reads as an article (checked in a worker);
        never a named pipe or a device (those are given on the command line), never the
        article already picked as the other side. A URL is picked as it is (read by the
        diff). With ``offer``, ask whether to compare once both sides are picked."""
        index = 0 if side == "a" else 1
        other = self.picks[1 - index]
        if other is not None and same_article(path, other):
            self.notify(
                f"{_display_path(path)} is already {'BA'[index]}: pick another article "
                "as " + "AB"[index] + " (x swaps A and B).",
                title="Same article twice",
                severity="warning",
            )
            return

        def picked(_: object) -> None:
            self.picks[index] = path
            self._update_picks()
            if offer and None not in self.picks:
                self._offer_compare()

        if is_url(path):
            picked(None)
            self.preview(path)  # fetched now that it is picked: what will be compared
            return
        reason = self.tree.reason_for(Path(path))
        if reason is not None:
            self.notify(
                f"{Path(path).name}: {reason}; the browser picks regular files only "
                "(give a named pipe on the command line).",
                title="Cannot pick",
                severity="warning",
            )
            return
        run_in_thread(
            self,
            lambda: read_patiently(path).article,
            group="pick",
            failure="Cannot pick",
            on_done=picked,
            exclusive=False,
        )

    def _offer_compare(self) -> None:
        """Ask whether to compare now (Enter: yes, Esc: keep browsing)."""
        a, b = self.picks
        if a is None or b is None:
            return
        question = f"Compare\nA {_display_path(a)}\nB {_display_path(b)}?"

        def answered(yes: bool | None) -> None:
            if yes:
                self.action_compare()

        self.app.push_screen(ConfirmDialog(question, yes_label="Compare", default=True), answered)

    @on(DirectoryTree.FileSelected)
    def _on_file_selected(self, event: DirectoryTree.FileSelected) -> None:
        """Enter (or a double click) on a file fills the first empty pick (A, then B)."""
        self._pick(str(event.path), self._next_side(), offer=True)

    # -------------------------------------------------------------- location

    def action_location(self) -> None:
        """Focus the location field (filter, path or URL)."""
        self.location.focus()

    def action_focus_tree(self) -> None:
        """From the location field to the list."""
        if self.focused is self.location:
            self.tree.focus()

    def action_escape(self) -> None:
        """Clear the location field (the filter), then leave it."""
        field = self.location
        if field.value:
            field.value = ""
        elif self.focused is field:
            self.tree.focus()

    def on_paste(self, event: events.Paste) -> None:
        """A paste anywhere on the screen goes to the location field (a path, a URL)."""
        if self.focused is self.location:
            return
        event.stop()
        field = self.location
        field.value = " ".join(event.text.split())
        field.cursor_position = len(field.value)
        field.focus()

    @on(Input.Changed, "#location")
    def _location_changed(self, event: Input.Changed) -> None:
        text = event.value.strip()
        self.tree.set_filter("" if is_url(text) or looks_like_path(text) else text)

    @on(Input.Submitted, "#location")
    def _location_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if is_url(text):
            self.location.value = ""
            self.tree.focus()
            self._pick(text, self._next_side(), offer=True)
        elif text and looks_like_path(text):
            self._open_location(text)
        else:
            self.tree.focus()  # the cursor is on the first match: Enter picks it

    def _open_location(self, text: str) -> None:
        """A folder is browsed; a file is shown and picked (relative to the folder shown)."""
        path = Path(self.tree.path, os.path.expanduser(text)).resolve()
        if DirectoryTree._safe_is_dir(path):
            if not self._check_folder(path):
                return
            self.location.value = ""
            self._browse(path)
            self.tree.focus()
            return
        try:
            exists = path.exists()
        except OSError:
            exists = False
        if not exists:
            self.notify(f"{text}: no such file or folder", title="Location", severity="warning")
            return
        self.location.value = ""
        self.tree.go_to(path)
        self._update_title()
        self.tree.focus()
        self._pick(str(path), self._next_side(), offer=True)

    def _browse(self, folder: Path) -> None:
        self.tree.path = folder
        self._update_title()

    # --------------------------------------------------------------- actions

    def action_compare(self) -> None:
        """Diff A against B (and remember the pair among the recent ones)."""
        a, b = self.picks
        if not a or not b:
            self.app.notify(
                "Pick both articles first: a marks A, b marks B", severity="warning", timeout=4
            )
            return
        pair = RecentPair(_absolute(a), _absolute(b))
        run_in_thread(
            self,
            lambda: remember_pair(self.data_folder, pair),
            group="recent",
            failure="Recent pairs not saved",
            on_done=lambda _: None,
            exclusive=False,
        )
        self.post_message(self.Compare(a, b, self.reading))

    def action_rank(self) -> None:
        """Rank every readable file of the highlighted folder (or of the highlighted
        file's folder) against A."""
        original = self.picks[0]
        node = self.tree.cursor_node
        if not original or node is None or node.data is None:
            self.app.notify(
                "Pick the original as A, then highlight the folder of its copies",
                severity="warning",
                timeout=4,
            )
            return
        path = Path(node.data.path)
        folder = path if DirectoryTree._safe_is_dir(path) else path.parent
        self.post_message(self.Rank(original, (str(folder),)))

    def action_recent(self) -> None:
        """List the pairs compared lately; Enter compares one."""

        def listed(pairs: list[RecentPair]) -> None:
            if not pairs:
                self.notify(
                    "No recent pairs yet: they are kept each time two articles are compared.",
                    title="Recent pairs",
                )
                return
            self.app.push_screen(RecentPairsDialog(pairs), chosen)

        def chosen(pair: RecentPair | None) -> None:
            if pair is None:
                return
            self.picks = [pair.a, pair.b]
            self._update_picks()
            self.action_compare()

        run_in_thread(
            self,
            lambda: load_recent(self.data_folder),
            group="recent-list",
            failure="Recent pairs",
            on_done=listed,
        )

    def action_swap(self) -> None:
        """Swap the picks."""
        self.picks.reverse()
        self._update_picks()

    def action_toggle_whole_page(self) -> None:
        """Read web pages whole (every text block) or their article only."""
        self._set_reading(Reading(not self.reading.whole_page, self.reading.paragraphs))
        whole = self.reading.whole_page
        self.notify(
            "Web pages: " + ("every text block is kept" if whole else "the article only"),
            timeout=2,
        )

    def action_cycle_paragraphs(self) -> None:
        """Split plain text into paragraphs automatically, by blank lines, or one per line."""
        modes = PARAGRAPH_MODES
        mode = modes[(modes.index(self.reading.paragraphs) + 1) % len(modes)]
        self._set_reading(Reading(self.reading.whole_page, mode))  # type: ignore[arg-type]
        self.notify(f"Paragraphs of plain text: {PARAGRAPH_RULES[mode]}", timeout=2)

    def _set_reading(self, reading: Reading) -> None:
        """Read the picks as ``reading`` says; the preview shown is read again."""
        self.reading = reading
        self._update_reading()
        if self.previewed is not None:
            self.preview(self.previewed)

    def action_toggle_hidden(self) -> None:
        """Show or hide hidden files."""
        tree = self.tree
        tree.toggle_hidden()
        self.notify("Hidden files " + ("shown" if tree.show_hidden else "hidden"), timeout=2)

    def action_parent(self) -> None:
        """Browse the parent folder."""
        current = Path(self.tree.path).resolve()
        if current.parent != current:
            self._browse(current.parent)


def _is_file(path: Path) -> bool:
    """True for an existing path that is not a folder (a file to pick)."""
    try:
        return path.exists() and not path.is_dir()
    except OSError:
        return False


def _absolute(pick: str) -> str:
    """A pick as the recent pairs keep it: a URL as it is, a path made absolute."""
    return pick if is_url(pick) else os.path.abspath(pick)


def _display_path(path: str) -> str:
    """A pick as shown: relative to the current folder when inside it."""
    if is_url(path):
        return path
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return rel if not rel.startswith("..") else path
