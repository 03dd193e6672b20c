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


def notes_text(notes: tuple[tuple[str, str], ...]) -> Text:
    """Extra lines in the layout of :func:`bindings_text` (``("mouse", "wheel scrolls")``)."""
    text = Text()
    for what, meaning in notes:
        text.append(f"  {what:<20}{meaning}\n")
    return text


class HelpScreen(ModalScreen[None]):
    """Keys of the screen it was opened from, the app's keys and (for a diff) the legend.

    The screen underneath may say what to show with class attributes: ``HELP_TITLE``
    (its name), ``HELP_NOTES`` (extra ``(what, meaning)`` lines), ``HELP_LEGEND`` (True to
    show the legend).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", "Close help", key_display="Esc"),
    ]

    def __init__(self, target: Screen) -> None:
        super().__init__()
        self.target = target

    def compose(self) -> ComposeResult:
        target = self.target
        with Vertical(id="help-box"):
            yield Static(Text("paradiff — keys", style="bold"), id="help-title")
            with VerticalScroll(id="help-scroll"):
                name = getattr(target, "HELP_TITLE", "This screen")
                screen_keys = _applicable(target, _bindings(list(type(target).BINDINGS)))
                app_keys = _bindings(list(type(self.app).BINDINGS))
                text = bindings_text(name, screen_keys)
                text.append("\n")
                text.append_text(bindings_text("Everywhere", app_keys))
                text.append_text(notes_text(getattr(target, "HELP_NOTES", ())))
                yield Static(text, id="help-keys")
                if getattr(target, "HELP_LEGEND", False):
                    yield Legend(id="help-legend")
            yield Static(Text("Esc, ? or q closes this panel", style="dim"), id="help-hint")
        yield TooSmall()

    def action_close(self) -> None:
        """Close the help panel."""
        self.dismiss()
