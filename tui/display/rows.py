"""How each row class looks: ONE table for the gutter mark, the legend line, the status
words and the ruler severity, so a new row class is one new line here.

The row class itself (:func:`tui.engine.row_class`) is the engine's; this module only
says how the display shows it.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.engine import Row, RowClass, paragraph_numbers


@dataclass(frozen=True, slots=True)
class RowLook:
    """How one row class is shown.

    ``mark`` is drawn in the gutter (so the view reads without colour), ``legend`` says
    what the mark means (legend and help panel), ``words`` names the class in the status
    line. ``severity`` decides which class colours a ruler cell that several rows share
    (higher wins), ``ruler`` names that colour (the ``ruler--<name>`` component class;
    "" for none).
    """

    mark: str
    legend: str
    words: str
    severity: int
    ruler: str


#: Every row class, in legend order.
ROW_LOOKS: dict[RowClass, RowLook] = {
    RowClass.EQUAL: RowLook("=", "unchanged paragraph", "unchanged", 0, ""),
    RowClass.CHANGED: RowLook(
        "~", "reworded (paraphrase, insertions, deletions)", "reworded", 2, "changed"
    ),
    RowClass.FACTS: RowLook(
        "!", "a fact changed: number, date, name, negation or quote", "facts changed", 7, "facts"
    ),
    RowClass.MINOR: RowLook(
        "≈",
        "only minor differences (punctuation, case, quotes, look-alikes)",
        "minor differences only",
        1,
        "minor",
    ),
    RowClass.INSERTED: RowLook(
        "+", "paragraph only in B (inserted)", "inserted (only in B)", 5, "insert"
    ),
    RowClass.DELETED: RowLook(
        "-", "paragraph only in A (deleted)", "deleted (only in A)", 6, "delete"
    ),
    RowClass.MOVED: RowLook(
        "↕", "moved paragraph (the note says from or to where)", "moved", 4, "moved"
    ),
    RowClass.SPLIT: RowLook(
        "⇉", "one A paragraph split into several B paragraphs", "split", 3, "changed"
    ),
    RowClass.MERGED: RowLook(
        "⇇", "several A paragraphs merged into one B paragraph", "merged", 3, "changed"
    ),
}

#: How a row waiting for its word diff is shown (its class depends on the word diff).
PENDING_LOOK = RowLook("·", "not compared word by word yet", "comparing words…", 0, "")


def look_of(cls: RowClass | None) -> RowLook:
    """The look of row class ``cls`` (None: a row still waiting for its word diff)."""
    return PENDING_LOOK if cls is None else ROW_LOOKS[cls]


#: The ruler colour of each severity (derived from :data:`ROW_LOOKS`).
RULER_COLOURS: dict[int, str] = {look.severity: look.ruler for look in ROW_LOOKS.values()}


def moved_note(row: Row, side: str) -> str:
    """The note above a moved row on ``side`` ("a" or "b"): where it came from or went."""
    if side == "b":
        return f"↕ moved here from A {paragraph_numbers(row.a)}"
    return f"↕ moved: now at B {paragraph_numbers(row.b)}"
