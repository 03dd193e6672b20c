"""The one table of row looks: every row class has one, and nothing is said twice."""

from __future__ import annotations

from tui.display import ROW_LOOKS, RULER_COLOURS, moved_note
from tui.engine import Row, RowClass, Span


def test_every_row_class_has_a_look() -> None:
    assert set(ROW_LOOKS) == set(RowClass)


def test_marks_and_words_tell_the_classes_apart() -> None:
    looks = list(ROW_LOOKS.values())
    assert len({look.mark for look in looks}) == len(looks)
    assert len({look.words for look in looks}) == len(looks)
    assert all(len(look.mark) == 1 for look in looks)  # the gutter has one cell for it


def test_one_ruler_colour_per_severity() -> None:
    for look in ROW_LOOKS.values():
        assert RULER_COLOURS[look.severity] == look.ruler
        assert (look.severity == 0) == (look.ruler == "")  # only unchanged rows are blank
    assert ROW_LOOKS[RowClass.FACTS].severity == max(RULER_COLOURS)


def test_moved_note_names_the_other_side() -> None:
    row = Row("moved", (4, 5), (0,), 1.0, (Span("equal", "x", "x"),))
    assert moved_note(row, "a") == "↕ moved: now at B ¶1"
    assert moved_note(row, "b") == "↕ moved here from A ¶5–6"
