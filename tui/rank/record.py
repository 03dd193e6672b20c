"""What one copy did to the original, as a small picklable record.

:func:`record_of` reduces a :class:`~tui.engine.DiffResult` to a :class:`CopyRecord`: the
figures a ranking shows and sorts by, and the first few fact entries. A record holds no
article text beyond those few excerpts, so thousands of them fit in memory and travel
cheaply between processes (worker pools, Dask).

The engine's fact ledger and page furniture are read through :func:`fact_entries`,
:func:`furniture_share` and :func:`body_similarity` only. :meth:`CopyRecord.from_dict`
reads a record back from plain data (a saved ranking), checking every field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tui.engine.model import (
    FACT_KINDS,
    FACT_STATUSES,
    SAME_OPS,
    Article,
    DiffResult,
    Row,
    paragraph_numbers,
)
from tui.engine.model import FactEntry as LedgerEntry
from tui.sources.base import SourceInfo

#: Fact entries kept per copy (the counts by kind cover them all).
SHOWN_FACTS = 5
#: Longest excerpt of old or new text kept in a fact entry.
EXCERPT_CHARS = 80
#: The paragraph classes of a ranking, in display order.
PARAGRAPH_CLASSES: tuple[str, ...] = ("equal", "reworded", "moved", "inserted", "deleted")
_NOT_A_CHANGE = frozenset({"variant"})


@dataclass(frozen=True, slots=True)
class FactEntry:
    """One fact that differs: its kind, old and new text (excerpts), status, the row
    index and where it stands for people (``A¶4 ↔ B¶5``)."""

    kind: str
    old: str
    new: str
    status: str
    row: int
    where: str

    @property
    def is_change(self) -> bool:
        """False for a variant (the same fact in another form)."""
        return self.status not in _NOT_A_CHANGE

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "kind": self.kind,
            "old": self.old,
            "new": self.new,
            "status": self.status,
            "row": self.row,
            "where": self.where,
        }

    @classmethod
    def from_dict(cls, data: Any, where: str = "fact") -> FactEntry:
        """Read :meth:`to_dict`'s layout back; raises :class:`RecordFormatError`."""
        if not isinstance(data, dict):
            raise RecordFormatError(f"{where}: not an object")
        kind, status = data.get("kind"), data.get("status")
        if kind not in FACT_KINDS:
            raise RecordFormatError(f"{where}.kind: unknown {str(kind)[:20]!r}")
        if status not in FACT_STATUSES:
            raise RecordFormatError(f"{where}.status: unknown {str(status)[:20]!r}")
        return cls(
            kind=kind,
            old=_text(data, "old", where),
            new=_text(data, "new", where),
            status=status,
            row=_count(data, "row", where),
            where=_text(data, "where", where),
        )


@dataclass(frozen=True, slots=True)
class CopyRecord:
    """One copy ranked against the original. ``error`` is set (and every figure zero)
    when the copy could not be read or diffed.

    ``coverage_paragraphs``: share of the original's paragraphs that have a counterpart
    in the copy; ``coverage_words``: share of the original's words found unchanged (or
    changed only in style) in the copy. ``paragraphs``: paragraphs by class
    (:data:`PARAGRAPH_CLASSES`; inserted ones counted in the copy, the rest in the
    original). ``facts``: fact changes by kind of the engine's fact ledger (variants left
    out); ``first_facts``: the first few. ``furniture``: share of the copy's paragraphs
    that are page furniture; ``body_similarity``: the similarity without them (both
    ``None`` for a copy that could not be ranked).
    """

    path: str
    error: str | None = None
    reader: str = ""
    identical: bool = False
    similarity: float = 0.0
    coverage_paragraphs: float = 0.0
    coverage_words: float = 0.0
    paragraphs: Mapping[str, int] = field(
        default_factory=lambda: dict.fromkeys(PARAGRAPH_CLASSES, 0)
    )
    copy_paragraphs: int = 0
    copy_words: int = 0
    facts: Mapping[str, int] = field(default_factory=lambda: dict.fromkeys(FACT_KINDS, 0))
    first_facts: tuple[FactEntry, ...] = ()
    furniture: float | None = None
    body_similarity: float | None = None
    warnings: int = 0

    @property
    def ok(self) -> bool:
        """True when the copy was read and diffed."""
        return self.error is None

    @property
    def differs(self) -> bool:
        """True when the copy is readable and not identical to the original."""
        return self.ok and not self.identical

    @property
    def fact_changes(self) -> int:
        """Fact entries that are changes, all kinds together."""
        return sum(self.facts.values())

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON (``paradiff-rank`` ``copies[]``)."""
        return {
            "path": self.path,
            "error": self.error,
            "reader": self.reader,
            "identical": self.identical,
            "similarity": self.similarity,
            "coverage": {"paragraphs": self.coverage_paragraphs, "words": self.coverage_words},
            "paragraphs": dict(self.paragraphs),
            "copy": {"paragraphs": self.copy_paragraphs, "words": self.copy_words},
            "facts": dict(self.facts),
            "fact_changes": self.fact_changes,
            "first_facts": [entry.to_dict() for entry in self.first_facts],
            "furniture": self.furniture,
            "body_similarity": self.body_similarity,
            "warnings": self.warnings,
        }

    @classmethod
    def from_dict(cls, data: Any, where: str = "record") -> CopyRecord:
        """Read :meth:`to_dict`'s layout back (``rank`` and ``fact_changes`` are derived
        and ignored); raises :class:`RecordFormatError` naming the first bad field."""
        if not isinstance(data, dict):
            raise RecordFormatError(f"{where}: not an object")
        error = data.get("error")
        if error is not None and not isinstance(error, str):
            raise RecordFormatError(f"{where}.error: not a string")
        identical = data.get("identical", False)
        if not isinstance(identical, bool):
            raise RecordFormatError(f"{where}.identical: not a boolean")
        cover = data.get("coverage")
        copy = data.get("copy")
        if not isinstance(cover, dict) or not isinstance(copy, dict):
            raise RecordFormatError(f"{where}: missing field 'coverage' or 'copy'")
        facts = data.get("facts")
        if not isinstance(facts, dict) or not set(facts) <= set(FACT_KINDS):
            raise RecordFormatError(f"{where}.facts: not counts by fact kind")
        first = data.get("first_facts", [])
        if not isinstance(first, list) or len(first) > MAX_STORED_FACTS:
            raise RecordFormatError(
                f"{where}.first_facts: not a list of at most {MAX_STORED_FACTS} entries"
            )
        paragraphs = data.get("paragraphs")
        if not isinstance(paragraphs, dict) or set(paragraphs) != set(PARAGRAPH_CLASSES):
            raise RecordFormatError(f"{where}.paragraphs: not counts by paragraph class")
        return cls(
            path=_text(data, "path", where),
            error=error,
            reader=_text(data, "reader", where),
            identical=identical,
            similarity=_share(data, "similarity", where),
            coverage_paragraphs=_share(cover, "paragraphs", f"{where}.coverage"),
            coverage_words=_share(cover, "words", f"{where}.coverage"),
            paragraphs={k: _count(paragraphs, k, f"{where}.paragraphs") for k in PARAGRAPH_CLASSES},
            copy_paragraphs=_count(copy, "paragraphs", f"{where}.copy"),
            copy_words=_count(copy, "words", f"{where}.copy"),
            facts={k: _count(facts, k, f"{where}.facts") if k in facts else 0 for k in FACT_KINDS},
            first_facts=tuple(
                FactEntry.from_dict(e, f"{where}.first_facts[{n}]") for n, e in enumerate(first)
            ),
            furniture=_share(data, "furniture", where, optional=True),
            body_similarity=_share(data, "body_similarity", where, optional=True),
            warnings=_count(data, "warnings", where),
        )


class RecordFormatError(ValueError):
    """Plain data that is not a valid record; ``str(exc)`` names the field."""


#: Fact entries a record read back may hold (records keep :data:`SHOWN_FACTS`).
MAX_STORED_FACTS = 100
#: Longest text field of a record read back (paths, reasons, excerpts).
MAX_STORED_TEXT = 4096


def _text(data: dict[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or len(value) > MAX_STORED_TEXT:
        raise RecordFormatError(f"{where}.{key}: not a string of at most {MAX_STORED_TEXT}")
    return value


def _count(data: dict[str, Any], key: str, where: str) -> int:
    value = data.get(key)
    if type(value) is not int or value < 0:
        raise RecordFormatError(f"{where}.{key}: not a count")
    return value


def _share(data: dict[str, Any], key: str, where: str, *, optional: bool = False) -> Any:
    value = data.get(key)
    if value is None and optional:
        return None
    if type(value) not in (int, float) or not 0.0 <= value <= 1.0:
        raise RecordFormatError(f"{where}.{key}: not a share in [0, 1]")
    return float(value)


@dataclass(frozen=True, slots=True)
class CopyText:
    """The text a copy (or the original) was ranked from: its source record (path, SHA-256
    of the bytes read, size) and the article diffed. Kept to save a ranking."""

    source: SourceInfo
    article: Article


@dataclass(frozen=True, slots=True)
class RankedCopy:
    """A copy as ranked: its record and, when kept, its text (never for an unreadable copy)."""

    record: CopyRecord
    text: CopyText | None = None


def failed_record(path: str, reason: str) -> CopyRecord:
    """The record of a copy that could not be ranked, with the one-line reason."""
    return CopyRecord(path=path, error=reason)


# ---------------------------------------------------------------- the one place to switch


def fact_entries(result: DiffResult) -> list[FactEntry]:
    """Every entry of the engine's fact ledger (``result.facts``), reduced to excerpts and
    where it stands, in reading order."""
    return [
        FactEntry(
            fact.kind,
            _excerpt(fact.old),
            _excerpt(fact.new),
            fact.status,
            fact.row,
            _where(result.rows[fact.row], fact),
        )
        for fact in result.facts
    ]


def fact_counts(entries: list[FactEntry]) -> dict[str, int]:
    """Fact changes by kind (variants left out); every kind of :data:`FACT_KINDS` present."""
    counts = dict.fromkeys(FACT_KINDS, 0)
    for entry in entries:
        if entry.is_change:
            counts[entry.kind] = counts.get(entry.kind, 0) + 1
    return counts


def furniture_share(result: DiffResult) -> float:
    """Share of the copy's paragraphs that are page furniture (navigation, bylines,
    captions), as the engine marked them."""
    copy = result.stats.b
    return round(copy.furniture / copy.paragraphs, 4) if copy.paragraphs else 0.0


def body_similarity(result: DiffResult) -> float:
    """Similarity without the page furniture (the whole one when the engine could not
    tell furniture apart)."""
    return float(result.stats.body_similarity)


# ---------------------------------------------------------------- the reduction


def paragraph_classes(result: DiffResult) -> dict[str, int]:
    """Paragraphs by ranking class: a moved, inserted or deleted row by its kind; any
    other row equal when its words are all equal or minor, else reworded."""
    counts = dict.fromkeys(PARAGRAPH_CLASSES, 0)
    for row in result.rows:
        if row.kind in ("moved", "deleted"):
            counts[row.kind] += len(row.a)
        elif row.kind == "inserted":
            counts["inserted"] += len(row.b)
        elif all(span.op in SAME_OPS for span in row.spans):
            counts["equal"] += len(row.a)
        else:
            counts["reworded"] += len(row.a)
    return counts


def coverage(result: DiffResult) -> tuple[float, float]:
    """Share of the original's paragraphs with a counterpart in the copy, and of its
    words found equal or minor in the copy (an empty original is fully covered)."""
    original = result.stats.a
    found = sum(len(row.a) for row in result.rows if row.a and row.b)
    paragraphs = found / original.paragraphs if original.paragraphs else 1.0
    same = sum(original.words_by_op.get(op, 0) for op in SAME_OPS)
    words = same / original.words if original.words else 1.0
    return round(paragraphs, 4), round(words, 4)


def record_of(result: DiffResult, path: str, reader: str = "") -> CopyRecord:
    """The ranking record of ``result`` (the original as A, the copy at ``path`` as B)."""
    entries = fact_entries(result)
    cover_paragraphs, cover_words = coverage(result)
    return CopyRecord(
        path=path,
        reader=reader,
        identical=result.identical,
        similarity=result.stats.similarity,
        coverage_paragraphs=cover_paragraphs,
        coverage_words=cover_words,
        paragraphs=paragraph_classes(result),
        copy_paragraphs=result.stats.b.paragraphs,
        copy_words=result.stats.b.words,
        facts=fact_counts(entries),
        first_facts=tuple(e for e in entries if e.is_change)[:SHOWN_FACTS],
        furniture=furniture_share(result),
        body_similarity=body_similarity(result),
        warnings=len(result.warnings),
    )


def _where(row: Row, fact: LedgerEntry) -> str:
    """Where a fact stands for people: ``A¶4 ↔ B¶5``, ``A¶7`` (removed), ``B¶2`` (added);
    the paragraphs of its row when the ledger does not place it."""
    a_side = (fact.a.paragraph,) if fact.a is not None else row.a
    b_side = (fact.b.paragraph,) if fact.b is not None else row.b
    a = f"A{paragraph_numbers(a_side)}" if a_side else ""
    b = f"B{paragraph_numbers(b_side)}" if b_side else ""
    return f"{a} ↔ {b}" if a and b else a or b


def _excerpt(text: str) -> str:
    """``text`` on one line, at most :data:`EXCERPT_CHARS` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT_CHARS else flat[: EXCERPT_CHARS - 1] + "…"


@dataclass(frozen=True, slots=True)
class Ranking:
    """A whole ranking: the original (path, paragraphs, words), the sort key used and the
    copies' records in ranked order."""

    original: str
    original_paragraphs: int
    original_words: int
    sort: str
    records: tuple[CopyRecord, ...]

    @property
    def unreadable(self) -> int:
        """Copies that could not be ranked."""
        return sum(not r.ok for r in self.records)

    @property
    def differing(self) -> int:
        """Readable copies that differ from the original."""
        return sum(r.differs for r in self.records)

    def to_dict(self) -> dict[str, Any]:
        """The ``paradiff-rank`` JSON document as plain data."""
        return {
            "format": RANK_FORMAT_NAME,
            "version": RANK_FORMAT_VERSION,
            "original": {
                "path": self.original,
                "paragraphs": self.original_paragraphs,
                "words": self.original_words,
            },
            "sort": self.sort,
            "copies": [{"rank": n, **record.to_dict()} for n, record in enumerate(self.records, 1)],
        }


RANK_FORMAT_NAME = "paradiff-rank"
RANK_FORMAT_VERSION = 1
