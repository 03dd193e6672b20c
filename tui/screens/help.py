"""The help panel: every key of the screen underneath, and the legend."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tui.widgets.legend import Legend
from tui.widgets.toosmall import TooSmall

_KEY_NAMES = {
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "full_stop": ".",
    "comma": ",",
    "slash": "/",
    "question_mark": "?",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "down": "↓",
    "up": "↑",
    "left": "←",
    "right": "→",
    "escape": "Esc",
    "backspace": "⌫",
    "enter": "Enter",
    "space": "Space",
    "home": "Home",
    "end": "End",
}


def key_names(keys: str) -> str:
    """'n,right_square_bracket' -> 'n ]'."""
    out = []
    for key in keys.split(","):
        key = key.strip()
        name = _KEY_NAMES.get(key)
        if name is None:
            name = "+".join(_KEY_NAMES.get(part, part) for part in key.split("+"))
        out.append(name)
    return " ".join(out)


def _bindings(bindings: list[BindingType]) -> list[Binding]:
    return [b for b in bindings if isinstance(b, Binding) and b.description]


def _applicable(screen: Screen, bindings: list[Binding]) -> list[Binding]:
    """Of two bindings of one key (``r`` re-reads files, or re-diffs a snapshot's files),
    keep the one the screen enables; every other key is listed even when idle."""
    keys = [b.key for b in bindings]
    return [
        b
        for b in bindings
        if keys.count(b.key) == 1 or screen.check_action(b.action.split("(")[0], ()) is not False
    ]


def bindings_text(title: str, bindings: list[Binding]) -> Text:
    """A two-column list of keys and descriptions."""
    text = Text()
    text.append(f"{title}\n", style="bold")
    for binding in bindings:
        keys = key_names(binding.key)
        text.append(f"  {keys:<20}", style="bold")
        text.append(f"{binding.description}\n")
    return text


def _screen_name(screen: Screen) -> str:
    from tui.screens.diff import DiffScreen
    from tui.screens.snapshots import SnapshotsScreen

    if isinstance(screen, DiffScreen):
        return "Diff view"
    if isinstance(screen, SnapshotsScreen):
        return "Saved snapshots"
    return "Browser"


class HelpScreen(ModalScreen[None]):
    """Keys of the screen it was opened from, the app's keys and (for a diff) the legend."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", "Close help", key_display="Esc"),
    ]

    def __init__(self, target: Screen) -> None:
        super().__init__()
        self.target = target

    def compose(self) -> ComposeResult:
        from tui.screens.diff import DiffScreen

        with Vertical(id="help-box"):
            yield Static(Text("paradiff — keys", style="bold"), id="help-title")
            with VerticalScroll(id="help-scroll"):
                name = _screen_name(self.target)
                screen_keys = _applicable(self.target, _bindings(list(type(self.target).BINDINGS)))
                app_keys = _bindings(list(type(self.app).BINDINGS))
                text = bindings_text(name, screen_keys)
                text.append("\n")
                text.append_text(bindings_text("Everywhere", app_keys))
                if isinstance(self.target, DiffScreen):
                    text.append(
                        "  mouse               wheel scrolls both columns; click selects a row\n"
                    )
                yield Static(text, id="help-keys")
                if isinstance(self.target, DiffScreen):
                    yield Legend(id="help-legend")
            yield Static(Text("Esc, ? or q closes this panel", style="dim"), id="help-hint")
        yield TooSmall()

    def action_close(self) -> None:
        """Close the help panel."""
        self.dismiss()
