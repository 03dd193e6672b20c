"""Paths (and other long names) shortened to a width with an ellipsis in the middle: the
one way every screen fits a path into a narrow column (the browser's picks and title,
the diff header, the lists). Pure, no Textual.

The end of a path (the file name) says the most, so it gets the larger share:
``/home/ann/articles/2024/putin-china.txt`` in 24 cells is ``/home/a…/putin-china.txt``.
"""

from __future__ import annotations

from tui.display.wrap import cell_width, clusters

ELLIPSIS = "…"


def shorten_middle(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells: whole when it fits, else its start and its end
    around an ellipsis, cut between grapheme clusters. Never empty for a non-empty
    ``text`` and ``width >= 1`` (at worst ``"…"``); ``""`` for ``width < 1``."""
    if width < 1:
        return ""
    if cell_width(text) <= width:
        return text
    budget = width - 1
    name = text[text.rfind("/") :] if "/" in text else text
    # The end gets at least half, and the whole file name when a third is left for the start.
    tail_budget = max(budget - budget // 2, min(cell_width(name), budget - budget // 3))
    head_budget = budget - tail_budget
    parts = clusters(text)
    head_end, used = 0, 0
    for _start, end, cells in parts:
        if used + cells > head_budget:
            break
        head_end, used = end, used + cells
    tail_budget = budget - used  # a wide glyph that did not fit leaves its cells to the end
    tail_start, used = len(text), 0
    for start, _end, cells in reversed(parts):
        if start < head_end or used + cells > tail_budget:
            break
        tail_start, used = start, used + cells
    return text[:head_end] + ELLIPSIS + text[tail_start:]


__all__ = ["ELLIPSIS", "shorten_middle"]
