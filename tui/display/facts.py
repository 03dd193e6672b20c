"""The fact ledger in the view: where an entry stands in the side texts, and walking the
entries from the selected row (``f``/``F``). Pure: no Textual.
"""

from __future__ import annotations

from collections.abc import Sequence

from tui.display.model import PARAGRAPH_JOINER, Hit
from tui.engine import Article, Row
from tui.engine.model import FactEntry, FactPlace


def _side_offset(row: Row, side: str, place: FactPlace, article: Article) -> tuple[int, int] | None:
    """``place`` as offsets into the side text of ``row`` (its paragraphs joined by a
    blank line; the view's sanitising keeps offsets), or None if the row lacks it."""
    indices = row.a if side == "a" else row.b
    if place.paragraph not in indices:
        return None
    offset = 0
    for index in indices:
        if index == place.paragraph:
            break
        offset += len(article.paragraphs[index]) + len(PARAGRAPH_JOINER)
    return offset + place.start, offset + place.end


def fact_hits(row: Row, entry: FactEntry, articles: tuple[Article, Article]) -> list[Hit]:
    """Where ``entry`` (a ledger entry of ``row``) stands in the view: one hit per side that
    has it, A first."""
    hits: list[Hit] = []
    for side, place, article in (("a", entry.a, articles[0]), ("b", entry.b, articles[1])):
        if place is None:
            continue
        bounds = _side_offset(row, side, place, article)
        if bounds is not None:
            hits.append(Hit(entry.row, side, *bounds))
    return hits


def walked_facts(facts: Sequence[FactEntry], kind: str | None = None) -> list[FactEntry]:
    """The entries ``f``/``F`` stop at: the changes (spelling variants are not), of
    ``kind`` only when given, in row order. Page furniture has no entries (the ledger
    skips it)."""
    return sorted((f for f in facts if f.is_change and kind in (None, f.kind)), key=lambda f: f.row)


def next_fact(
    entries: Sequence[FactEntry], selected_row: int, current: int | None, direction: int
) -> int | None:
    """Index into ``entries`` (see :func:`walked_facts`) of the next (``direction`` 1) or
    previous (-1) entry, or None at the end.

    ``current`` is the entry shown last, if the selected row is still its row: the walk
    goes on from it. Otherwise it starts from ``selected_row``: forward at its first entry
    (the selected row's own entries come first), backward at the last entry above it.
    """
    if current is not None and 0 <= current < len(entries):
        step = current + direction
        return step if 0 <= step < len(entries) else None
    if direction > 0:
        return next((i for i, f in enumerate(entries) if f.row >= selected_row), None)
    before = [i for i, f in enumerate(entries) if f.row < selected_row]
    return before[-1] if before else None
