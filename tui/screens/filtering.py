"""Keys shared by the screens that show a table under a filter field (copies, snapshots)."""

from __future__ import annotations

from textual import events
from textual.screen import Screen
from textual.widgets import DataTable, Input


def type_into_filter(event: events.Key, filter_input: Input) -> None:
    """Send the printable ``event`` to ``filter_input`` instead of any binding."""
    event.stop()
    event.prevent_default()
    filter_input.focus()
    filter_input.insert_text_at_cursor(event.character or "")


def move_cursor(table: DataTable, delta: int) -> None:
    """Move the highlight of ``table`` by ``delta`` rows, within its rows."""
    if table.row_count:
        table.move_cursor(row=max(0, min(table.row_count - 1, table.cursor_row + delta)))


def back_out(screen: Screen, filter_input: Input, table: DataTable) -> None:
    """Clear the filter, else leave the filter field for the table, else close ``screen``."""
    if filter_input.value:
        filter_input.value = ""
        return
    if screen.focused is filter_input:
        table.focus()
        return
    screen.dismiss(None)
