"""Small modal dialogs: save a snapshot, export a diff, confirm, rename (and edit the
note of) a snapshot, choose a recent pair.

Each is a ``ModalScreen[T]`` that ``dismiss``\\ es with its answer (``None`` or ``False``
when cancelled with Esc). Untrusted text (snapshot names, messages) is shown as plain
text, never as markup.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import ClassVar, NamedTuple

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    Label,
    OptionList,
    RadioButton,
    RadioSet,
    Static,
)
from textual.widgets.option_list import Option

from tui.display.paths import shorten_middle
from tui.export import ExportFormat, format_spec
from tui.recent import RecentPair
from tui.sanitise import sanitise
from tui.widgets.safe import SafeInput, safe_line, safe_text

#: The export formats, in the order the dialog offers them (a report first).
EXPORT_CHOICES: tuple[ExportFormat, ...] = tuple(
    format_spec(name) for name in ("html", "md", "json", "text")
)


class SaveSnapshotDialog(ModalScreen[tuple[str, str] | None]):
    """Ask for a snapshot's name (proposed) and an optional note; dismiss ``(name, note)``."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "submit", "Save"),
    ]

    def __init__(self, default_name: str, title: str = "Save this diff as a snapshot") -> None:
        super().__init__()
        self.default_name = default_name
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="save-dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Label("Name")
            yield SafeInput(value=self.default_name, id="name", select_on_focus=True)
            yield Label("Note (optional)")
            yield SafeInput(placeholder="what you found, for later", id="note")
            yield Static("", classes="dialog-error", id="error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    @on(Input.Submitted, "#name")
    def _name_done(self) -> None:
        self.query_one("#note", Input).focus()

    @on(Input.Submitted, "#note")
    @on(Button.Pressed, "#save")
    def action_submit(self) -> None:
        """Save with the name given (the proposed one when left empty)."""
        name = " ".join(self.query_one("#name", Input).value.split()) or self.default_name
        note = self.query_one("#note", Input).value.strip()
        self.dismiss((name, note))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)


class ExportChoice(NamedTuple):
    """The answer of :class:`ExportDialog`."""

    format: str
    path: str
    #: Open the file in the web browser once written (HTML only).
    open_in_browser: bool


class ExportDialog(ModalScreen[ExportChoice | None]):
    """Ask for an export format (one of ``choices``) and a file path (proposed in
    ``folder``); dismiss an :class:`ExportChoice`.

    An existing file is overwritten only after a second confirmation.
    """

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(
        self,
        default_stem: str,
        default_format: str = "html",
        folder: Path | None = None,
        *,
        choices: tuple[ExportFormat, ...] = EXPORT_CHOICES,
        title: str = "Export this diff",
        offer_browser: bool = True,
    ) -> None:
        super().__init__()
        self.default_stem = default_stem
        self.folder = folder
        self.choices = choices
        self.title_text = title
        self.offer_browser = offer_browser
        names = [spec.name for spec in choices]
        self.format = default_format if default_format in names else names[0]
        self._armed_path: str | None = None

    def _spec(self, fmt: str) -> ExportFormat:
        return next(spec for spec in self.choices if spec.name == fmt)

    def _browser_shown(self) -> bool:
        return self.offer_browser and self.format == "html"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export-dialog"):
            yield Label(self.title_text, classes="dialog-title")
            with RadioSet(id="format"):
                for spec in self.choices:
                    yield RadioButton(
                        f"{spec.label} ({spec.suffix})",
                        value=spec.name == self.format,
                        id=f"fmt-{spec.name}",
                    )
            yield Label("File")
            name = self.default_stem + self._spec(self.format).suffix
            yield SafeInput(value=str(self.folder / name) if self.folder else name, id="path")
            yield Checkbox("Open in the web browser afterwards", id="open-browser")
            yield Static("", classes="dialog-error", id="error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", variant="primary", id="export")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        """Start in the path field; the format is one Shift+Tab away."""
        self.query_one("#open-browser").display = self._browser_shown()
        self.query_one("#path", Input).focus()

    @on(RadioSet.Changed, "#format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        button_id = event.pressed.id or ""
        new = button_id.removeprefix("fmt-")
        if new not in {spec.name for spec in self.choices}:
            return
        path_input = self.query_one("#path", Input)
        path = path_input.value
        known = {spec.suffix for spec in self.choices}
        suffix = Path(path).suffix
        if suffix in known:
            path_input.value = path[: -len(suffix)] + self._spec(new).suffix
        self.format = new
        self.query_one("#open-browser").display = self._browser_shown()
        self._armed_path = None
        self._error("")

    @on(Input.Changed, "#path")
    def _path_changed(self) -> None:
        self._armed_path = None
        self._error("")

    def _error(self, message: str) -> None:
        self.query_one("#error", Static).update(safe_text(message))

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#export")
    def action_submit(self) -> None:
        """Export, after checking the path (asks again before overwriting a file)."""
        raw = self.query_one("#path", Input).value.strip()
        if not raw:
            self._error("Give a file name.")
            return
        path = os.path.expanduser(raw)
        if os.path.isdir(path):
            self._error(f"{safe_line(raw)} is a folder; give a file name.")
            return
        parent = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(parent):
            self._error(f"No folder {safe_line(parent)}.")
            return
        if os.path.exists(path) and self._armed_path != path:
            self._armed_path = path
            self._error(f"{safe_line(raw)} exists: press Enter again to overwrite it.")
            return
        open_it = self._browser_shown() and self.query_one("#open-browser", Checkbox).value
        self.dismiss(ExportChoice(self.format, path, open_it))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without exporting."""
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question; ``True`` only for an explicit yes. No has the focus, unless
    ``default`` is true (a harmless question: Enter says yes)."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No", key_display="n Esc"),
    ]

    def __init__(self, message: str, yes_label: str = "Yes", *, default: bool = False) -> None:
        super().__init__()
        self.message = message
        self.yes_label = yes_label
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confirm-dialog"):
            yield Static(Text(sanitise(self.message)), id="message")
            with Horizontal(classes="dialog-buttons"):
                variant = "primary" if self.default else "error"
                yield Button(f"{self.yes_label} (y)", variant=variant, id="yes")
                yield Button("No (n)", id="no")

    def on_mount(self) -> None:
        """The safe answer has the focus (the yes of a harmless question)."""
        self.query_one("#yes" if self.default else "#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        """Answer the question."""
        self.dismiss(answer)


class RenameDialog(ModalScreen[tuple[str, str] | None]):
    """Edit a snapshot's name and note; dismiss ``(name, note)`` (``None`` when cancelled
    or unchanged). Enter in either field saves; Tab goes from one to the other."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "submit", "Save"),
    ]

    def __init__(self, current: str, note: str = "") -> None:
        super().__init__()
        self.current = current
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="rename-dialog"):
            yield Label("Rename snapshot, edit its note", classes="dialog-title")
            yield Label("Name")
            yield SafeInput(value=self.current, id="name", select_on_focus=True)
            yield Label("Note")
            yield SafeInput(value=self.note, placeholder="what you found, for later", id="note")
            yield Static("", classes="dialog-error", id="error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="rename")
                yield Button("Cancel", id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#rename")
    def action_submit(self) -> None:
        """Save (an empty name is refused)."""
        name = " ".join(self.query_one("#name", Input).value.split())
        note = self.query_one("#note", Input).value.strip()
        if not name:
            self.query_one("#error", Static).update(Text("A name cannot be empty."))
            return
        unchanged = name == self.current and note == self.note.strip()
        self.dismiss(None if unchanged else (name, note))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Keep the old name and note."""
        self.dismiss(None)


class RecentPairsDialog(ModalScreen[RecentPair | None]):
    """The pairs compared lately, newest first; dismiss the one chosen (Enter or a
    click), ``None`` with Esc."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, pairs: list[RecentPair]) -> None:
        super().__init__()
        self.pairs = list(pairs)

    def compose(self) -> ComposeResult:
        width = max(20, min(self.app.size.width, 80) - 12)  # the dialog's inner width
        with Vertical(classes="dialog", id="recent-dialog"):
            yield Label("Recent pairs: Enter compares", classes="dialog-title")
            yield OptionList(
                *(Option(pair_prompt(pair, width), id=str(n)) for n, pair in enumerate(self.pairs)),
                id="recent-pairs",
            )

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.pairs[event.option_index])

    def action_cancel(self) -> None:
        """Close without comparing."""
        self.dismiss(None)


def pair_prompt(pair: RecentPair, width: int) -> Text:
    """Two lines: the names of A and B, then the folder of A (dim), each fitting ``width``."""
    name_a, name_b = (_pick_name(pick) for pick in (pair.a, pair.b))
    half = max(1, (width - 3) // 2)
    text = Text(no_wrap=True)
    text.append(shorten_middle(safe_line(name_a), half), style="bold")
    text.append(" ↔ ")
    text.append(shorten_middle(safe_line(name_b), half), style="bold")
    folder = pair.a if "://" in pair.a else os.path.dirname(pair.a)
    text.append("\n" + shorten_middle(safe_line(folder), width), style="dim")
    return text


def _pick_name(pick: str) -> str:
    """A file's name, or a URL as it is."""
    return pick if "://" in pick else Path(pick).name or pick
