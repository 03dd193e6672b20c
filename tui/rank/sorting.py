"""Ordering copies: one table of sort keys, each with its natural direction.

Figures sort from most to least (the most complete copy, the most fact changes first);
the path sorts alphabetically. Copies that could not be read always come last, and ties
fall back to the path, so an order never depends on which worker finished first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tui.engine.model import Article
from tui.rank.record import CopyRecord, Ranking


@dataclass(frozen=True, slots=True)
class SortKey:
    """A way to order copies: a name, a description for ``--help`` and the app, and the
    figures compared (larger first)."""

    name: str
    label: str
    figures: Callable[[CopyRecord], tuple[float, ...]]


def _furniture(record: CopyRecord) -> float:
    return record.furniture if record.furniture is not None else 0.0


SORT_KEYS: tuple[SortKey, ...] = (
    SortKey(
        "coverage",
        "words of the original found in the copy, then its paragraphs, then fact changes",
        lambda r: (r.coverage_words, r.coverage_paragraphs, r.fact_changes),
    ),
    SortKey(
        "paragraphs",
        "share of the original's paragraphs found in the copy",
        lambda r: (r.coverage_paragraphs, r.coverage_words, r.fact_changes),
    ),
    SortKey("similarity", "similarity of the two texts", lambda r: (r.similarity,)),
    SortKey("facts", "fact changes", lambda r: (r.fact_changes, r.coverage_words)),
    SortKey("reworded", "paragraphs reworded", lambda r: (r.paragraphs.get("reworded", 0),)),
    SortKey("moved", "paragraphs moved", lambda r: (r.paragraphs.get("moved", 0),)),
    SortKey("inserted", "paragraphs inserted", lambda r: (r.paragraphs.get("inserted", 0),)),
    SortKey("deleted", "paragraphs deleted", lambda r: (r.paragraphs.get("deleted", 0),)),
    SortKey("furniture", "share of page furniture in the copy", lambda r: (_furniture(r),)),
    SortKey("path", "path of the copy, alphabetically", lambda r: ()),
)

#: The names of the sort keys, for ``--sort``.
SORT_NAMES: tuple[str, ...] = tuple(key.name for key in SORT_KEYS)
DEFAULT_SORT = "coverage"


def sort_key(name: str) -> SortKey:
    """The sort key called ``name``; raises :class:`ValueError` for an unknown one."""
    for key in SORT_KEYS:
        if key.name == name:
            return key
    raise ValueError(f"unknown sort key {name!r} (one of: {', '.join(SORT_NAMES)})")


def sort_records(
    records: Iterable[CopyRecord], name: str = DEFAULT_SORT, *, reverse: bool = False
) -> list[CopyRecord]:
    """``records`` ordered by the key ``name`` (``reverse``: the other way round); the
    unreadable copies last either way, ties and those by path."""
    key = sort_key(name)
    sign = 1 if reverse else -1
    records = list(records)
    failed = sorted((r for r in records if not r.ok), key=lambda r: r.path)
    ok = sorted((r for r in records if r.ok), key=lambda r: r.path, reverse=reverse)
    # sorted() is stable: ties keep the path order set just above.
    return sorted(ok, key=lambda r: tuple(sign * v for v in key.figures(r))) + failed


def build_ranking(
    original: Article,
    records: Iterable[CopyRecord],
    name: str = DEFAULT_SORT,
    *,
    reverse: bool = False,
) -> Ranking:
    """The ranking of ``records`` (copies of ``original``) ordered by the key ``name``."""
    return Ranking(
        original=original.path,
        original_paragraphs=len(original.paragraphs),
        original_words=original.word_count,
        sort=name,
        records=tuple(sort_records(records, name, reverse=reverse)),
    )
