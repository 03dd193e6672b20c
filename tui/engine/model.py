"""The one model of a diff: articles, aligned rows, word spans, figures.

Every view (CLI text, JSON, HTML, Markdown, the terminal app, saved snapshots)
consumes a :class:`DiffResult`. :func:`result_to_dict` and
:func:`result_from_dict` convert it to and from the ``paradiff-diff`` JSON
contract (documented in ``docs/paradiff-diff.schema.json``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal, Protocol, TypeVar

from tui.engine.tokens import count_words

FORMAT_NAME = "paradiff-diff"
FORMAT_VERSION = 1

RowKind = Literal["equal", "changed", "inserted", "deleted", "moved"]
SpanOp = Literal["equal", "insert", "delete", "minor", "paraphrase", "changed"]
Flag = Literal["number", "date", "name", "negation", "quote", "homoglyph"]

ROW_KINDS: tuple[str, ...] = ("equal", "changed", "inserted", "deleted", "moved")
SPAN_OPS: tuple[str, ...] = ("equal", "insert", "delete", "minor", "paraphrase", "changed")
FLAGS: tuple[str, ...] = ("number", "date", "name", "negation", "quote", "homoglyph")
#: Keys of ``Stats.rows``: the row kinds, then rows that are splits and merges.
ROW_COUNTS: tuple[str, ...] = (*ROW_KINDS, "split", "merged")
#: Span ops that count as "the same words" for similarity.
SAME_OPS: frozenset[str] = frozenset({"equal", "minor"})


class ResultFormatError(ValueError):
    """A JSON document is not a valid ``paradiff-diff`` result."""


@dataclass(frozen=True, slots=True)
class Article:
    """One side of a diff: where it came from, how it was decoded, its paragraphs."""

    path: str
    encoding: str
    paragraphs: tuple[str, ...]

    @property
    def word_count(self) -> int:
        """Words of the article, counted as the diff's figures count them."""
        return sum(count_words(p) for p in self.paragraphs)


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text classified by how it changed between A and B.

    ``a`` is the text on the A side ("" for an insert), ``b`` on the B side
    ("" for a delete). Concatenating a row's span texts per side rebuilds the
    row's paragraphs joined by ``"\\n\\n"``.
    """

    op: SpanOp
    a: str
    b: str
    flags: tuple[Flag, ...] = ()

    def mirrored(self) -> Span:
        """The same span seen from the other side: B text first, an insert a delete."""
        return Span(_MIRROR_OP.get(self.op, self.op), self.b, self.a, self.flags)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Row:
    """One aligned group: A paragraph indices against B paragraph indices.

    ``a``/``b`` are ascending; one of them is empty for inserted/deleted rows.
    More than one index on a side is a merge (several A) or a split (several B).
    """

    kind: RowKind
    a: tuple[int, ...]
    b: tuple[int, ...]
    similarity: float
    spans: tuple[Span, ...]

    @property
    def is_split(self) -> bool:
        """One A paragraph became several B paragraphs."""
        return len(self.a) == 1 and len(self.b) > 1

    @property
    def is_merge(self) -> bool:
        """Several A paragraphs became one B paragraph."""
        return len(self.a) > 1 and len(self.b) == 1

    @property
    def has_facts(self) -> bool:
        """True when any non-equal span carries a fact flag or is a 'changed' span."""
        return any(s.op == "changed" or (s.op != "equal" and s.flags) for s in self.spans)

    @property
    def moved(self) -> bool:
        """The row's paragraphs stand out of order (see :func:`reading_order`)."""
        return self.kind == "moved"

    def mirrored(self) -> Row:
        """The same row seen from the other side: sides exchanged, spans mirrored."""
        spans = tuple(s.mirrored() for s in self.spans)
        kind = _MIRROR_KIND.get(self.kind, self.kind)
        return Row(kind, self.b, self.a, self.similarity, spans)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class SideStats:
    """The figures of one side: paragraphs, words, and words per span op.

    ``words_by_op`` has one key per :data:`SPAN_OPS` and sums to ``words``.
    """

    paragraphs: int
    words: int
    words_by_op: Mapping[str, int]

    def swapped_ops(self) -> SideStats:
        """The same side with inserted and deleted words exchanged (for a swap)."""
        ops = dict(self.words_by_op)
        ops["insert"], ops["delete"] = ops["delete"], ops["insert"]
        return SideStats(self.paragraphs, self.words, ops)


@dataclass(frozen=True, slots=True)
class Stats:
    """The figures of a diff (the ``stats`` of the ``paradiff-diff`` contract).

    ``rows`` has one key per :data:`ROW_COUNTS`, ``facts`` one per :data:`FLAGS`
    (non-equal spans carrying the flag); ``similarity`` is the share of words equal
    or minor, both sides, in [0, 1].
    """

    a: SideStats
    b: SideStats
    rows: Mapping[str, int]
    facts: Mapping[str, int]
    similarity: float

    @property
    def word_changes(self) -> dict[str, int]:
        """Changed words by op: inserted (B side), deleted (A side), and changed,
        paraphrased and minor words (B side), in that order."""
        a, b = self.a.words_by_op, self.b.words_by_op
        return {
            "insert": b["insert"],
            "delete": a["delete"],
            "changed": b["changed"],
            "paraphrase": b["paraphrase"],
            "minor": b["minor"],
        }

    def swapped(self) -> Stats:
        """The figures of the same diff seen from the other side."""
        rows = dict(self.rows)
        rows["inserted"], rows["deleted"] = rows["deleted"], rows["inserted"]
        rows["split"], rows["merged"] = rows["merged"], rows["split"]
        return Stats(
            a=self.b.swapped_ops(),
            b=self.a.swapped_ops(),
            rows=rows,
            facts=dict(self.facts),
            similarity=self.similarity,
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON layout (``docs/paradiff-diff.schema.json``, ``$defs.stats``)."""
        return {
            "a": {"paragraphs": self.a.paragraphs, "words": self.a.words},
            "b": {"paragraphs": self.b.paragraphs, "words": self.b.words},
            "rows": dict(self.rows),
            "words": {"a": dict(self.a.words_by_op), "b": dict(self.b.words_by_op)},
            "facts": dict(self.facts),
            "similarity": self.similarity,
        }

    @classmethod
    def from_dict(cls, data: Any) -> Stats:
        """Read the JSON layout; raises :class:`ResultFormatError` on anything missing."""
        words = _require(data, "words", dict, "stats")

        def side(name: str) -> SideStats:
            where = f"stats.{name}"
            raw = _require(data, name, dict, "stats")
            return SideStats(
                paragraphs=_require_count(raw, "paragraphs", where),
                words=_require_count(raw, "words", where),
                words_by_op=_counts(words, name, SPAN_OPS, "stats.words"),
            )

        similarity = _require(data, "similarity", (int, float), "stats")
        if not 0.0 <= similarity <= 1.0:
            raise ResultFormatError(f"stats.similarity: {similarity!r} is not in [0, 1]")
        return cls(
            a=side("a"),
            b=side("b"),
            rows=_counts(data, "rows", ROW_COUNTS, "stats"),
            facts=_counts(data, "facts", FLAGS, "stats"),
            similarity=float(similarity),
        )


@dataclass(frozen=True, slots=True)
class DiffResult:
    """The whole diff of two articles."""

    a: Article
    b: Article
    rows: tuple[Row, ...]
    stats: Stats
    warnings: tuple[str, ...] = field(default=())

    @property
    def identical(self) -> bool:
        """True when the two articles do not differ at all (diff(1) exit 0)."""
        return all(r.kind == "equal" for r in self.rows) and all(
            s.op == "equal" for r in self.rows for s in r.spans
        )


class RowClass(StrEnum):
    """How a row reads to a person: its kind, refined by its spans and its shape.

    Every view keys its tables (gutter marks, legend, status words, severity) by these.
    """

    EQUAL = "equal"
    MINOR = "minor"
    CHANGED = "changed"
    FACTS = "facts"
    INSERTED = "inserted"
    DELETED = "deleted"
    MOVED = "moved"
    SPLIT = "split"
    MERGED = "merged"


def row_class(row: Row) -> RowClass:
    """The class of ``row``: moved/inserted/deleted by kind, then split or merged by
    shape, then facts, minor-only or reworded by its spans (all-equal spans: equal)."""
    if row.kind == "moved":
        return RowClass.MOVED
    if row.kind == "inserted":
        return RowClass.INSERTED
    if row.kind == "deleted":
        return RowClass.DELETED
    if row.is_split:
        return RowClass.SPLIT
    if row.is_merge:
        return RowClass.MERGED
    ops = {s.op for s in row.spans} - {"equal"}
    if not ops:
        return RowClass.EQUAL
    if row.has_facts:
        return RowClass.FACTS
    if ops <= {"minor"}:
        return RowClass.MINOR
    return RowClass.CHANGED


def is_change(row: Row, show_minor: bool = True) -> bool:
    """True when ``row`` differs; with ``show_minor`` off, minor-only rows count as the same."""
    cls = row_class(row)
    return cls is not RowClass.EQUAL and (show_minor or cls is not RowClass.MINOR)


def paragraph_numbers(indices: Iterable[int]) -> str:
    """Paragraph numbers for people, counting from 1, consecutive ones as a range:
    ``(3,)`` -> ``¶4``; ``(2, 3, 4, 7)`` -> ``¶3–5, ¶8``; ``()`` -> ``""``."""
    runs: list[list[int]] = []
    for i in sorted(indices):
        if runs and i == runs[-1][1] + 1:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    return ", ".join(f"¶{lo + 1}" if lo == hi else f"¶{lo + 1}–{hi + 1}" for lo, hi in runs)


_MIRROR_OP = {"insert": "delete", "delete": "insert"}
_MIRROR_KIND = {"inserted": "deleted", "deleted": "inserted"}


class Paired(Protocol):
    """Anything that pairs A paragraphs with B paragraphs (an aligned group, a row)."""

    @property
    def a(self) -> tuple[int, ...]: ...
    @property
    def b(self) -> tuple[int, ...]: ...
    @property
    def moved(self) -> bool: ...


P = TypeVar("P", bound=Paired)


def reading_order(units: Iterable[P]) -> list[P]:
    """``units`` (covering every paragraph once) in reading order: in-order pairs by
    their place on both sides, deletions at their A place, insertions and moved pairs
    at their B place; at each place A-only units come before B ones."""
    units = list(units)
    a_only = {u.a[0]: u for u in units if not u.b}
    at_b = {u.b[0]: u for u in units if u.b and (u.moved or not u.a)}
    in_order = sorted(
        (u for u in units if u.a and u.b and not u.moved), key=lambda u: (u.a[0], u.b[0])
    )
    out: list[P] = []
    next_a = next_b = 0

    def flush(limit_a: int, limit_b: int) -> None:
        nonlocal next_a, next_b
        out.extend(a_only[i] for i in range(next_a, limit_a) if i in a_only)
        out.extend(at_b[j] for j in range(next_b, limit_b) if j in at_b)
        next_a, next_b = max(next_a, limit_a), max(next_b, limit_b)

    for unit in in_order:
        flush(unit.a[0], unit.b[0])
        out.append(unit)
        next_a, next_b = max(next_a, unit.a[-1] + 1), max(next_b, unit.b[-1] + 1)
    flush(max(a_only, default=-1) + 1, max(at_b, default=-1) + 1)
    return out


def swap_result(result: DiffResult) -> DiffResult:
    """The same diff seen from the other side: B becomes A, inserts become deletes.

    Rows, spans and figures are mirrored exactly and the rows put in reading order as
    the engine orders them; since the engine is symmetric (it diffs every row and
    aligns the articles in one canonical order of the two texts), this equals the
    diff of B against A, warnings aside (they keep the original row numbers).
    """
    return DiffResult(
        a=result.b,
        b=result.a,
        rows=tuple(reading_order(r.mirrored() for r in result.rows)),
        stats=result.stats.swapped(),
        warnings=result.warnings,
    )


def comes_first(x: Sequence[Any], y: Sequence[Any]) -> bool:
    """The canonical order of two texts (or paragraph lists): shorter first, then
    lexicographic. The engine computes every asymmetric step in this order and mirrors
    the outcome when needed, so that diffing B against A mirrors diffing A against B."""
    return (len(x), x) <= (len(y), y)


def _span_to_dict(span: Span) -> dict[str, Any]:
    return {"op": span.op, "a": span.a, "b": span.b, "flags": list(span.flags)}


def _row_to_dict(row: Row) -> dict[str, Any]:
    return {
        "kind": row.kind,
        "a": list(row.a),
        "b": list(row.b),
        "similarity": row.similarity,
        "spans": [_span_to_dict(s) for s in row.spans],
    }


def _article_to_dict(article: Article) -> dict[str, Any]:
    return {
        "path": article.path,
        "encoding": article.encoding,
        "paragraphs": list(article.paragraphs),
    }


def result_to_dict(result: DiffResult) -> dict[str, Any]:
    """The ``paradiff-diff`` JSON contract of ``result`` as plain Python data."""
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "a": _article_to_dict(result.a),
        "b": _article_to_dict(result.b),
        "rows": [_row_to_dict(r) for r in result.rows],
        "stats": result.stats.to_dict(),
        "warnings": list(result.warnings),
    }


def _require(mapping: Any, key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(mapping, dict) or key not in mapping:
        raise ResultFormatError(f"{where}: missing field {key!r}")
    value = mapping[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ResultFormatError(f"{where}.{key}: wrong type {type(value).__name__}")
    return value


def _require_count(mapping: Any, key: str, where: str) -> int:
    value = _require(mapping, key, int, where)
    if value < 0:
        raise ResultFormatError(f"{where}.{key}: negative count {value}")
    return value


def _counts(mapping: Any, key: str, keys: Iterable[str], where: str) -> dict[str, int]:
    """The counts ``mapping[key][k]`` for every ``k`` of ``keys``, in that order."""
    raw = _require(mapping, key, dict, where)
    return {k: _require_count(raw, k, f"{where}.{key}") for k in keys}


def _article_from_dict(data: Any, where: str) -> Article:
    paragraphs = _require(data, "paragraphs", list, where)
    if not all(isinstance(p, str) for p in paragraphs):
        raise ResultFormatError(f"{where}.paragraphs: not all strings")
    return Article(
        path=_require(data, "path", str, where),
        encoding=_require(data, "encoding", str, where),
        paragraphs=tuple(paragraphs),
    )


def _indices(data: Any, key: str, where: str, limit: int) -> tuple[int, ...]:
    values = _require(data, key, list, where)
    for v in values:
        if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v < limit:
            raise ResultFormatError(f"{where}.{key}: bad paragraph index {v!r}")
    return tuple(values)


def result_from_dict(data: Any) -> DiffResult:
    """Rebuild a :class:`DiffResult` from its JSON contract, validating as it goes.

    Raises :class:`ResultFormatError` with a one-line reason on anything malformed.
    """
    if not isinstance(data, dict):
        raise ResultFormatError("not a JSON object")
    if data.get("format") != FORMAT_NAME:
        raise ResultFormatError(f"format is not {FORMAT_NAME!r}")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ResultFormatError("missing version")
    if version > FORMAT_VERSION:
        raise ResultFormatError(f"version {version} is newer than this paradiff supports")
    a = _article_from_dict(data.get("a"), "a")
    b = _article_from_dict(data.get("b"), "b")
    rows: list[Row] = []
    for n, raw in enumerate(_require(data, "rows", list, "result")):
        where = f"rows[{n}]"
        kind = _require(raw, "kind", str, where)
        if kind not in ROW_KINDS:
            raise ResultFormatError(f"{where}.kind: unknown {kind!r}")
        similarity = _require(raw, "similarity", (int, float), where)
        spans: list[Span] = []
        for m, rs in enumerate(_require(raw, "spans", list, where)):
            swhere = f"{where}.spans[{m}]"
            op = _require(rs, "op", str, swhere)
            if op not in SPAN_OPS:
                raise ResultFormatError(f"{swhere}.op: unknown {op!r}")
            flags = _require(rs, "flags", list, swhere)
            if not all(isinstance(f, str) and f in FLAGS for f in flags):
                raise ResultFormatError(f"{swhere}.flags: unknown flag")
            spans.append(
                Span(
                    op=op,  # type: ignore[arg-type]
                    a=_require(rs, "a", str, swhere),
                    b=_require(rs, "b", str, swhere),
                    flags=tuple(flags),
                )
            )
        rows.append(
            Row(
                kind=kind,  # type: ignore[arg-type]
                a=_indices(raw, "a", where, len(a.paragraphs)),
                b=_indices(raw, "b", where, len(b.paragraphs)),
                similarity=float(similarity),
                spans=tuple(spans),
            )
        )
    stats = Stats.from_dict(_require(data, "stats", dict, "result"))
    warnings = data.get("warnings", [])
    if not isinstance(warnings, list) or not all(isinstance(w, str) for w in warnings):
        raise ResultFormatError("warnings: not a list of strings")
    return DiffResult(a=a, b=b, rows=tuple(rows), stats=stats, warnings=tuple(warnings))
