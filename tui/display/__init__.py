"""The pure display of a diff: what the terminal app draws, prepared without Textual.

* :mod:`tui.display.model`: side texts, display items, search, layouts, and
  :func:`prepare_display` (meant for a worker thread);
* :mod:`tui.display.wrap`: word-boundary wrapping of one column;
* :mod:`tui.display.rows`: how each row class looks (one table).

Imports only :mod:`tui.engine` and :mod:`tui.sanitise` (and ``rich.cells`` for cell
widths in :mod:`tui.display.wrap`).
"""

from tui.display.model import (
    SYNC_CHARS,
    DisplayModel,
    Hit,
    Item,
    ItemLayout,
    Layout,
    ParagraphsAhead,
    Run,
    SideText,
    SideWraps,
    build_items,
    column_widths,
    prepare_display,
    sanitise_column,
    search,
    search_pattern,
    side_text,
    side_texts,
    spare_collector,
)
from tui.display.rows import (
    PENDING_LOOK,
    ROW_LOOKS,
    RULER_COLOURS,
    RowLook,
    look_of,
    moved_note,
)
from tui.display.wrap import wrap

__all__ = [
    "PENDING_LOOK",
    "ROW_LOOKS",
    "RULER_COLOURS",
    "SYNC_CHARS",
    "DisplayModel",
    "Hit",
    "Item",
    "ItemLayout",
    "Layout",
    "ParagraphsAhead",
    "RowLook",
    "Run",
    "SideText",
    "SideWraps",
    "build_items",
    "column_widths",
    "look_of",
    "moved_note",
    "prepare_display",
    "sanitise_column",
    "search",
    "search_pattern",
    "side_text",
    "side_texts",
    "spare_collector",
    "wrap",
]
