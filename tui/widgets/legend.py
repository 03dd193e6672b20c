"""The legend: what the gutter marks and the span colours mean."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.widget import Widget

from tui.display import ROW_LOOKS
from tui.widgets.splitview import SPAN_COMPONENT_CLASSES

#: Span classes with a sample and an explanation, in legend order.
SPAN_LEGEND: tuple[tuple[str, str, str], ...] = (
    ("insert", "inserted", "words only in B"),
    ("delete", "deleted", "words only in A"),
    ("paraphrase", "paraphrase", "same meaning: a synonym, another form, reordered"),
    ("reworded", "reworded", "other words; paradiff cannot vouch for the meaning"),
    ("minor", "minor", "punctuation, case, quotes, look-alikes (m hides)"),
    ("changed", "changed", "a fact changed: number, date, name, negation, quote"),
)


class Legend(Widget):
    """Marks and span styles, with samples drawn in the current theme's colours."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {*SPAN_COMPONENT_CLASSES, "legend--title"}

    def render(self) -> Text:
        """The legend as text (no markup: styles are applied by span)."""
        text = Text()
        title = self.get_component_rich_style("legend--title")
        text.append("Words\n", title)
        for op, sample, meaning in SPAN_LEGEND:
            style = self.get_component_rich_style(f"splitview--{op}")
            text.append(" ")
            text.append(f" {sample} ", style)
            text.append(" " * (11 - len(sample)) + meaning + "\n")
        fact = self.get_component_rich_style("splitview--fact", partial=True)
        text.append(" ")
        text.append(" 2019 ", self.get_component_rich_style("splitview--insert") + fact)
        text.append("       bold underline: a fact word (number, date, name...)\n")
        text.append("Rows (gutter)\n", title)
        for look in ROW_LOOKS.values():
            text.append(f"  {look.mark}  {look.legend}\n")
        text.append("  ╱  the other side has no paragraph here\n")
        text.append("  ")
        text.append("dimmed", style="dim")
        text.append(": page furniture (navigation, byline; n skips it)\n")
        text.rstrip()
        return text
