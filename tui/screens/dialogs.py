"""Small modal dialogs: save a snapshot, export a diff, confirm, rename.

Each is a ``ModalScreen[T]`` that ``dismiss``\\ es with its answer (``None`` or ``False``
when cancelled with Esc). Untrusted text (snapshot names, messages) is shown as plain
text, never as markup.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from tui.export import ExportFormat, format_spec
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

    def __init__(self, default_name: str) -> None:
        super().__init__()
        self.default_name = default_name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="save-dialog"):
            yield Label("Save this diff as a snapshot", classes="dialog-title")
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


class ExportDialog(ModalScreen[tuple[str, str] | None]):
    """Ask for an export format and a file path; dismiss ``(format, path)``.

    An existing file is overwritten only after a second confirmation.
    """

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, default_stem: str, default_format: str = "html") -> None:
        super().__init__()
        self.default_stem = default_stem
        names = [spec.name for spec in EXPORT_CHOICES]
        self.format = default_format if default_format in names else names[0]
        self._armed_path: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export-dialog"):
            yield Label("Export this diff", classes="dialog-title")
            with RadioSet(id="format"):
                for spec in EXPORT_CHOICES:
                    yield RadioButton(
                        f"{spec.label} ({spec.suffix})",
                        value=spec.name == self.format,
                        id=f"fmt-{spec.name}",
                    )
            yield Label("File")
            yield SafeInput(value=self.default_stem + format_spec(self.format).suffix, id="path")
            yield Static("", classes="dialog-error", id="error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", variant="primary", id="export")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        """Start in the path field; the format is one Shift+Tab away."""
        self.query_one("#path", Input).focus()

    @on(RadioSet.Changed, "#format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        button_id = event.pressed.id or ""
        new = button_id.removeprefix("fmt-")
        if new not in {spec.name for spec in EXPORT_CHOICES}:
            return
        path_input = self.query_one("#path", Input)
        path = path_input.value
        known = {spec.suffix for spec in EXPORT_CHOICES}
        suffix = Path(path).suffix
        if suffix in known:
            path_input.value = path[: -len(suffix)] + format_spec(new).suffix
        self.format = new
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
        self.dismiss((self.format, path))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without exporting."""
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question; ``True`` only for an explicit yes (No has the focus)."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No", key_display="n Esc"),
    ]

    def __init__(self, message: str, yes_label: str = "Yes") -> None:
        super().__init__()
        self.message = message
        self.yes_label = yes_label

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confirm-dialog"):
            yield Static(Text(sanitise(self.message)), id="message")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes_label} (y)", variant="error", id="yes")
                yield Button("No (n)", id="no")

    def on_mount(self) -> None:
        """The safe answer has the focus."""
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        """Answer the question."""
        self.dismiss(answer)


class RenameDialog(ModalScreen[str | None]):
    """Ask for a new name; dismiss it (``None`` when cancelled or unchanged)."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, current: str) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="rename-dialog"):
            yield Label("Rename snapshot", classes="dialog-title")
            yield SafeInput(value=self.current, id="name", select_on_focus=True)
            yield Static("", classes="dialog-error", id="error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Rename", variant="primary", id="rename")
                yield Button("Cancel", id="cancel")

    @on(Input.Submitted, "#name")
    @on(Button.Pressed, "#rename")
    def action_submit(self) -> None:
        """Rename (an empty name is refused)."""
        name = " ".join(self.query_one("#name", Input).value.split())
        if not name:
            self.query_one("#error", Static).update(Text("A name cannot be empty."))
            return
        self.dismiss(None if name == self.current else name)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Keep the old name."""
        self.dismiss(None)
