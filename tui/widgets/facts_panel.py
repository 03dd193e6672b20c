"""The facts panel: every entry of the fact ledger, one option each, filtered by kind.

The ledger exists once every row is word-diffed; until then the panel says it is being
computed. Choosing an entry (enter, a click) posts :class:`FactsPanel.Selected`; the diff
screen then scrolls both columns to it and highlights it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.engine import DiffResult
from tui.engine.model import FactEntry
from tui.export.facts_export import fact_where, ledger_counts
from tui.sanitise import sanitise_line

#: The filter that lists every kind; "variant" lists only the spelling variants.
ALL = "all"
VARIANT = "variant"
#: Longest old or new text shown in one option (the rest is in the view).
EXCERPT = 36
#: What a filter is called in the panel's title.
_FILTER_NAMES = {"paragraph": "paragraphs", VARIANT: "spelling variants"}


def _excerpt(text: str) -> str:
    flat = sanitise_line(" ".join(text.split()))
    return flat if len(flat) <= EXCERPT else flat[: EXCERPT - 1] + "…"


def entry_text(entry: FactEntry) -> Text:
    """One ledger entry for the panel: where, kind, then ``old → new`` (``+ new`` for an
    addition, ``− old`` for a removal), and the note of a paragraph or a quote."""
    text = Text(no_wrap=False)
    style = "" if entry.is_change else "dim"
    text.append(f"{fact_where(entry):<12} ", style="dim")
    text.append(f"{entry.kind:<10}", style="bold" if entry.is_change else "dim")
    if entry.status == "added":
        text.append("+ ", style="bold")
        text.append(_excerpt(entry.new), style=style)
    elif entry.status == "removed":
        text.append("− ", style="bold")
        text.append(_excerpt(entry.old), style=style)
    else:
        text.append(_excerpt(entry.old), style=style)
        text.append(" ≈ " if entry.status == VARIANT else " → ", style="bold")
        text.append(_excerpt(entry.new), style=style)
    if entry.status == "reattributed":
        text.append("  (speaker changed)", style="dim")
    elif entry.note and entry.kind in ("paragraph", "quote"):
        text.append(f"  ({sanitise_line(entry.note)})", style="dim")
    return text


def filters_of(result: DiffResult) -> list[str]:
    """The filters worth offering: every kind, the kinds present, spelling variants if any."""
    kinds = [kind for kind, n in ledger_counts(result).items() if n]
    variants = [VARIANT] if any(not f.is_change for f in result.facts) else []
    return [ALL, *kinds, *variants]


def shown_entries(facts: tuple[FactEntry, ...], kind: str) -> list[FactEntry]:
    """The entries filter ``kind`` lists: for :data:`ALL` the changes, then the spelling
    variants; for a kind its changes; for :data:`VARIANT` the variants."""
    if kind == VARIANT:
        return [f for f in facts if not f.is_change]
    if kind == ALL:
        return [f for f in facts if f.is_change] + [f for f in facts if not f.is_change]
    return [f for f in facts if f.is_change and f.kind == kind]


class FactsPanel(OptionList):
    """The fact ledger of the diff shown, one entry per option; ``←``/``→`` filter by kind."""

    DEFAULT_CSS = """
    FactsPanel {
        display: none;
        height: 9;
        width: 1fr;
        dock: bottom;
        border: none;
        border-top: solid $primary 60%;
        border-title-color: $text-accent;
        border-subtitle-color: $text-muted;
        background: $panel;
        padding: 0 1;
    }
    FactsPanel:focus {
        border: none;
        border-top: solid $primary;
        background-tint: $foreground 0%;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("right", "filter(1)", "Next kind", show=False),
        Binding("left", "filter(-1)", "Previous kind", show=False),
    ]

    @dataclass
    class Selected(Message):
        """An entry was chosen: show it in the view."""

        entry: FactEntry

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        #: The diff whose ledger is listed (None: still computing, or nothing shown).
        self.result: DiffResult | None = None
        #: The kind listed (:data:`ALL`, one of the fact kinds, or :data:`VARIANT`).
        self.kind = ALL
        #: The entries listed, one per option.
        self.entries: list[FactEntry] = []
        #: False while the options do not list ``result`` yet: a hidden panel lists a
        #: new ledger only when shown (a large diff's thousands of options take a while).
        self._listed = False
        #: The entry ``f``/``F`` walked to last, highlighted when listed.
        self._walked_to: FactEntry | None = None

    def on_mount(self) -> None:
        """Say that the ledger is not there yet."""
        self.show_ledger(None)

    def show_ledger(self, result: DiffResult | None) -> None:
        """List the ledger of ``result`` (None: the diff is still being computed); a
        hidden panel lists it when :meth:`reveal` shows it."""
        self.result = result
        self._walked_to = None
        if result is not None and self.kind not in filters_of(result):
            self.kind = ALL
        self._listed = False
        if self.display:
            self._fill()

    def reveal(self) -> None:
        """Show the panel, the current ledger listed."""
        if not self._listed:
            self._fill()
            if self._walked_to is not None:
                self.show_entry(self._walked_to)
        self.display = True

    def on_show(self) -> None:
        """Shown some other way than :meth:`reveal`: list the ledger if need be."""
        if not self._listed:
            self._fill()

    def _fill(self) -> None:
        self._listed = True
        self.clear_options()
        result = self.result
        if result is None:
            self.entries = []
            self.add_option(Option(Text("computing the fact ledger…", style="dim"), disabled=True))
            self.border_title = "Fact ledger"
            self.border_subtitle = ""
            return
        self.entries = shown_entries(result.facts, self.kind)
        if self.entries:
            self.add_options(Option(entry_text(entry)) for entry in self.entries)
            self.highlighted = 0
        else:
            none = "no fact changed" if self.kind == ALL else "none of this kind"
            self.add_option(Option(Text(none, style="dim"), disabled=True))
        self.border_title = self._title()
        self.border_subtitle = "←→ kind · enter shows · L hides"

    def _title(self) -> str:
        assert self.result is not None
        facts = self.result.facts
        changes = sum(ledger_counts(self.result).values())
        if self.kind == ALL:
            variants = len(facts) - changes
            extra = f" + {variants} spelling variant{'s' if variants != 1 else ''}"
            return f"Fact ledger: {changes} change{'s' if changes != 1 else ''}" + (
                extra if variants else ""
            )
        name = _FILTER_NAMES.get(self.kind, self.kind)
        return f"Fact ledger: {name} ({len(self.entries)} of {len(facts)})"

    def action_filter(self, step: int) -> None:
        """List the next (1) or previous (-1) kind."""
        if self.result is None:
            return
        kinds = filters_of(self.result)
        at = kinds.index(self.kind) if self.kind in kinds else 0
        self.kind = kinds[(at + step) % len(kinds)]
        self._fill()

    @property
    def walked_kind(self) -> str | None:
        """The one kind ``f``/``F`` walk while this panel is shown filtered to it; None:
        every kind."""
        return self.kind if self.display and self.kind not in (ALL, VARIANT) else None

    def set_kind(self, kind: str) -> None:
        """List only ``kind`` (:data:`ALL`: every entry)."""
        self.kind = kind
        self._fill()

    def show_entry(self, entry: FactEntry) -> None:
        """Highlight ``entry`` if it is listed (``f``/``F`` walked to it)."""
        self._walked_to = entry
        for index, listed in enumerate(self.entries):
            if listed is entry:
                self.highlighted = index
                return

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click on an entry: ask for it to be shown."""
        event.stop()
        if 0 <= event.option_index < len(self.entries):
            self.post_message(self.Selected(self.entries[event.option_index]))
