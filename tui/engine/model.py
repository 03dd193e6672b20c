"""The one model of a diff: articles, aligned rows, word spans, figures.

Every view (CLI text, JSON, HTML, Markdown, the terminal app, saved snapshots)
consumes a :class:`DiffResult`. :func:`result_to_dict` and
:func:`tui.engine.contract.result_from_dict` convert it to and from the ``paradiff-diff`` JSON
contract (documented in ``docs/paradiff-diff.schema.json``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, Literal, Protocol, TypeVar

from tui.engine.tokens import count_words

FORMAT_NAME = "paradiff-diff"
FORMAT_VERSION = 2

RowKind = Literal["equal", "changed", "inserted", "deleted", "moved"]
SpanOp = Literal["equal", "insert", "delete", "minor", "paraphrase", "reworded", "changed"]
Flag = Literal["number", "date", "name", "negation", "quote", "homoglyph"]

ROW_KINDS: tuple[str, ...] = ("equal", "changed", "inserted", "deleted", "moved")
SPAN_OPS: tuple[str, ...] = (
    "equal",
    "insert",
    "delete",
    "minor",
    "paraphrase",
    "reworded",
    "changed",
)
FLAGS: tuple[str, ...] = ("number", "date", "name", "negation", "quote", "homoglyph")
#: Keys of ``Stats.rows``: the row kinds, then rows that are splits and merges.
ROW_COUNTS: tuple[str, ...] = (*ROW_KINDS, "split", "merged")
#: Kinds and statuses of fact-ledger entries (see :class:`FactEntry`).
FACT_KINDS: tuple[str, ...] = ("number", "date", "name", "quote", "negation", "paragraph")
FACT_STATUSES: tuple[str, ...] = ("changed", "added", "removed", "reattributed", "variant")
#: Span ops that count as "the same words" for similarity.
SAME_OPS: frozenset[str] = frozenset({"equal", "minor"})
#: How an article's paragraphs were found (``Article.paragraph_rule``).
PARAGRAPH_RULES: tuple[str, ...] = ("blank", "line")


class ResultFormatError(ValueError):
    """A JSON document is not a valid ``paradiff-diff`` result."""


@dataclass(frozen=True, slots=True)
class Article:
    """One side of a diff: where it came from, how it was decoded, its paragraphs.

    ``paragraph_rule`` ("blank" or "line") and ``wrap_width`` (0: no hard wrapping
    joined) say how the paragraphs were found; ``offsets`` holds each paragraph's
    ``(start, end)`` in the text the reader produced (see tui/engine/paragraphs.py);
    ``furniture`` flags paragraphs that are page furniture (see furniture.py).
    Empty tuples mean "not known" (results made before these existed).
    ``metadata`` is what the reader said about the source, short strings by name:
    ``reader`` (e.g. "html (trafilatura 2.3.1)"), ``title``, ``author``, ``date``,
    ``site``; for a URL also ``url``, ``final_url``, ``fetched_at``, ``redirects``.
    """

    path: str
    encoding: str
    paragraphs: tuple[str, ...]
    paragraph_rule: str = "blank"
    wrap_width: int = 0
    offsets: tuple[tuple[int, int], ...] = ()
    furniture: tuple[bool, ...] = ()
    metadata: Mapping[str, str] = field(default_factory=dict, hash=False)

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
    furniture: bool = False  # every paragraph of the row, both sides, is page furniture

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
        return Row(kind, self.b, self.a, self.similarity, spans, self.furniture)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class SideStats:
    """The figures of one side: paragraphs, words, and words per span op.

    ``words_by_op`` has one key per :data:`SPAN_OPS` and sums to ``words``;
    ``furniture`` counts the paragraphs that are page furniture.
    """

    paragraphs: int
    words: int
    words_by_op: Mapping[str, int]
    furniture: int = 0

    def swapped_ops(self) -> SideStats:
        """The same side with inserted and deleted words exchanged (for a swap)."""
        ops = dict(self.words_by_op)
        ops["insert"], ops["delete"] = ops["delete"], ops["insert"]
        return SideStats(self.paragraphs, self.words, ops, self.furniture)


@dataclass(frozen=True, slots=True)
class Stats:
    """The figures of a diff (the ``stats`` of the ``paradiff-diff`` contract).

    ``rows`` has one key per :data:`ROW_COUNTS`, ``facts`` one per :data:`FLAGS`
    (non-equal spans carrying the flag); ``similarity`` is the share of words equal
    or minor, both sides, in [0, 1]; ``similarity_body`` the same share over the rows
    that are not page furniture (``None``: not known, read as ``similarity``).
    """

    a: SideStats
    b: SideStats
    rows: Mapping[str, int]
    facts: Mapping[str, int]
    similarity: float
    similarity_body: float | None = None

    @property
    def body_similarity(self) -> float:
        """The similarity without page furniture (the whole one when not known)."""
        return self.similarity if self.similarity_body is None else self.similarity_body

    @property
    def word_changes(self) -> dict[str, int]:
        """Changed words by op: inserted (B side), deleted (A side), and changed,
        paraphrased, reworded and minor words (B side), in that order."""
        a, b = self.a.words_by_op, self.b.words_by_op
        return {
            "insert": b["insert"],
            "delete": a["delete"],
            "changed": b["changed"],
            "paraphrase": b["paraphrase"],
            "reworded": b["reworded"],
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
            similarity_body=self.similarity_body,
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
            "similarity_body": self.body_similarity,
            "furniture": {"a": self.a.furniture, "b": self.b.furniture},
        }

    @classmethod
    def from_dict(cls, data: Any) -> Stats:
        """Read the JSON layout; raises :class:`ResultFormatError` on anything missing."""
        words = _require(data, "words", dict, "stats")

        # Version 2 fields (similarity_body, furniture); a version 1 document lacks them.
        furniture = data.get("furniture", {"a": 0, "b": 0}) if isinstance(data, dict) else None

        def side(name: str) -> SideStats:
            where = f"stats.{name}"
            raw = _require(data, name, dict, "stats")
            return SideStats(
                paragraphs=_require_count(raw, "paragraphs", where),
                words=_require_count(raw, "words", where),
                words_by_op=_counts(words, name, SPAN_OPS, "stats.words", ("reworded",)),
                furniture=_require_count(furniture, name, "stats.furniture"),
            )

        similarity = _fraction(data, "similarity")
        body = _fraction(data, "similarity_body") if "similarity_body" in data else similarity
        return cls(
            a=side("a"),
            b=side("b"),
            rows=_counts(data, "rows", ROW_COUNTS, "stats"),
            facts=_counts(data, "facts", FLAGS, "stats"),
            similarity=similarity,
            similarity_body=body,
        )


@dataclass(frozen=True, slots=True)
class FactPlace:
    """Where a fact stands on one side: a paragraph index and offsets into its text."""

    paragraph: int
    start: int
    end: int


_MIRROR_STATUS = {"added": "removed", "removed": "added"}


@dataclass(frozen=True, slots=True)
class FactEntry:
    """One difference of facts between A and B (see ``tui.engine.ledger``).

    ``kind``: one of :data:`FACT_KINDS` ("paragraph": a wholly inserted or deleted
    paragraph, one entry whatever it holds). ``status``: one of :data:`FACT_STATUSES`
    ("reattributed": a quotation's speaker changed, ``old``/``new`` are the speakers;
    "variant": another spelling of one name, not a change). ``row`` is the index into
    ``DiffResult.rows``; ``a``/``b`` place the fact on each side (None where it lacks).
    """

    row: int
    kind: str
    status: str
    old: str
    new: str
    a: FactPlace | None
    b: FactPlace | None
    note: str = ""

    @property
    def is_change(self) -> bool:
        """True unless the entry is a mere spelling variant."""
        return self.status != "variant"

    def mirrored(self, row: int | None = None) -> FactEntry:
        """The same entry seen from the other side (old and new, A and B exchanged, added
        a removal), at row index ``row`` (default: the same)."""
        return FactEntry(
            row=self.row if row is None else row,
            kind=self.kind,
            status=_MIRROR_STATUS.get(self.status, self.status),
            old=self.new,
            new=self.old,
            a=self.b,
            b=self.a,
            note=mirror_note(self.note),
        )


def mirror_note(note: str) -> str:
    """A ledger note seen from the other side: "speaker X -> Y" read as "speaker Y -> X",
    a paragraph "added" as "removed" and back; other notes read the same both ways."""
    if note.startswith("speaker ") and " -> " in note:
        old, _, new = note.removeprefix("speaker ").partition(" -> ")
        return f"speaker {new} -> {old}"
    for one, other in (("added", "removed"), ("removed", "added")):
        if note.startswith("paragraph with ") and note.endswith(" " + one):
            return note[: -len(one)] + other
    return note


@dataclass(frozen=True, slots=True)
class DiffResult:
    """The whole diff of two articles; ``facts`` is its fact ledger."""

    a: Article
    b: Article
    rows: tuple[Row, ...]
    stats: Stats
    warnings: tuple[str, ...] = field(default=())
    facts: tuple[FactEntry, ...] = field(default=())

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
    return is_change_class(row_class(row), show_minor)


def is_change_class(cls: RowClass, show_minor: bool = True) -> bool:
    """:func:`is_change` of a row of class ``cls`` (for a view that keeps the classes)."""
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
        if limit_a > next_a:
            out.extend(a_only[i] for i in range(next_a, limit_a) if i in a_only)
            next_a = limit_a
        if limit_b > next_b:
            out.extend(at_b[j] for j in range(next_b, limit_b) if j in at_b)
            next_b = limit_b

    for unit in in_order:
        if unit.a[0] > next_a or unit.b[0] > next_b:  # most pairs follow the one before
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
    mirrored = [r.mirrored() for r in result.rows]
    rows = reading_order(mirrored)
    position = {id(row): k for k, row in enumerate(rows)}
    moved_to = [position[id(row)] for row in mirrored]  # old row index -> new
    facts = sorted(
        (f.mirrored(moved_to[f.row]) for f in result.facts), key=lambda f: f.row
    )  # a stable sort: the entries of a row keep their order
    return DiffResult(
        a=result.b,
        b=result.a,
        rows=tuple(rows),
        stats=result.stats.swapped(),
        warnings=result.warnings,
        facts=tuple(facts),
    )


def comes_first(x: Sequence[Any], y: Sequence[Any]) -> bool:
    """The canonical order of two texts (or paragraph lists): shorter first, then
    lexicographic. The engine computes every asymmetric step in this order and mirrors
    the outcome when needed, so that diffing B against A mirrors diffing A against B."""
    return (len(x), x) <= (len(y), y)


def _span_to_dict(span: Span) -> dict[str, Any]:
    return {"op": span.op, "a": span.a, "b": span.b, "flags": list(span.flags)}


def row_to_dict(row: Row) -> dict[str, Any]:
    """One row as plain data (the ``rows`` items of the JSON contract)."""
    return {
        "kind": row.kind,
        "a": list(row.a),
        "b": list(row.b),
        "similarity": row.similarity,
        "spans": [_span_to_dict(s) for s in row.spans],
        "furniture": row.furniture,
    }


def _place_to_dict(place: FactPlace | None) -> dict[str, int] | None:
    if place is None:
        return None
    return {"paragraph": place.paragraph, "start": place.start, "end": place.end}


def fact_to_dict(entry: FactEntry) -> dict[str, Any]:
    """One ledger entry as plain data (the ``facts`` items of the JSON contract)."""
    return {
        "row": entry.row,
        "kind": entry.kind,
        "status": entry.status,
        "old": entry.old,
        "new": entry.new,
        "a": _place_to_dict(entry.a),
        "b": _place_to_dict(entry.b),
        "note": entry.note,
    }


def article_to_dict(article: Article) -> dict[str, Any]:
    """One article as plain data (the ``a``/``b`` of the JSON contract)."""
    return {
        "path": article.path,
        "encoding": article.encoding,
        "paragraphs": list(article.paragraphs),
        "paragraph_rule": article.paragraph_rule,
        "wrap_width": article.wrap_width,
        "offsets": [list(o) for o in article.offsets],
        "furniture": list(article.furniture),
        "metadata": dict(article.metadata),
    }


def result_to_dict(result: DiffResult) -> dict[str, Any]:
    """The ``paradiff-diff`` JSON contract of ``result`` as plain Python data."""
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "a": article_to_dict(result.a),
        "b": article_to_dict(result.b),
        "rows": [row_to_dict(r) for r in result.rows],
        "stats": result.stats.to_dict(),
        "warnings": list(result.warnings),
        "facts": [fact_to_dict(f) for f in result.facts],
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


def _fraction(stats: Any, key: str) -> float:
    value = _require(stats, key, (int, float), "stats")
    if not 0.0 <= value <= 1.0:
        raise ResultFormatError(f"stats.{key}: {value!r} is not in [0, 1]")
    return float(value)


def _counts(
    mapping: Any, key: str, keys: Iterable[str], where: str, optional: Iterable[str] = ()
) -> dict[str, int]:
    """The counts ``mapping[key][k]`` for every ``k`` of ``keys``, in that order; those of
    ``optional`` count 0 when missing (fields a version 1 document lacks)."""
    raw = _require(mapping, key, dict, where)
    return {
        k: 0 if k in optional and k not in raw else _require_count(raw, k, f"{where}.{key}")
        for k in keys
    }


def article_from_dict(data: Any, where: str) -> Article:
    """Read :func:`article_to_dict`'s layout; raises :class:`ResultFormatError`."""
    paragraphs = _require(data, "paragraphs", list, where)
    if not all(isinstance(p, str) for p in paragraphs):
        raise ResultFormatError(f"{where}.paragraphs: not all strings")
    # Version 2 fields; a version 1 document lacks them.
    rule = data.get("paragraph_rule", "blank")
    wrap = data.get("wrap_width", 0)
    offsets = data.get("offsets", [])
    furniture = data.get("furniture", [])
    if rule not in PARAGRAPH_RULES:
        raise ResultFormatError(f"{where}.paragraph_rule: unknown {rule!r}")
    if type(wrap) is not int or wrap < 0:
        raise ResultFormatError(f"{where}.wrap_width: not a count")
    if not isinstance(offsets, list) or not all(
        isinstance(o, list) and len(o) == 2 and all(type(x) is int for x in o) for o in offsets
    ):
        raise ResultFormatError(f"{where}.offsets: not a list of [start, end]")
    if not isinstance(furniture, list) or not all(isinstance(f, bool) for f in furniture):
        raise ResultFormatError(f"{where}.furniture: not a list of booleans")
    if len(offsets) not in (0, len(paragraphs)) or len(furniture) not in (0, len(paragraphs)):
        raise ResultFormatError(f"{where}: offsets or furniture do not match the paragraphs")
    metadata = data.get("metadata", {})
    if not isinstance(metadata, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in metadata.items()
    ):
        raise ResultFormatError(f"{where}.metadata: not an object of strings")
    return Article(
        path=_require(data, "path", str, where),
        encoding=_require(data, "encoding", str, where),
        paragraphs=tuple(paragraphs),
        paragraph_rule=rule,
        wrap_width=wrap,
        offsets=tuple((o[0], o[1]) for o in offsets),
        furniture=tuple(furniture),
        metadata=metadata,
    )


def _optional_bool(data: Any, key: str, where: str) -> bool:
    """``data[key]`` when present (a boolean), else False (a version 1 document)."""
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise ResultFormatError(f"{where}.{key}: not a boolean")
    return value


def _indices(data: Any, key: str, where: str, limit: int) -> tuple[int, ...]:
    values = _require(data, key, list, where)
    for v in values:
        if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v < limit:
            raise ResultFormatError(f"{where}.{key}: bad paragraph index {v!r}")
    return tuple(values)


def parse_result(data: Any) -> tuple[DiffResult, int]:
    """Rebuild a :class:`DiffResult` from its JSON contract, validating as it goes; also
    returns the contract version read. A version 1 document has no ledger: use
    :func:`tui.engine.contract.result_from_dict`, which builds it.

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
    a = article_from_dict(data.get("a"), "a")
    b = article_from_dict(data.get("b"), "b")
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
                furniture=_optional_bool(raw, "furniture", where),
            )
        )
    stats = Stats.from_dict(_require(data, "stats", dict, "result"))
    warnings = data.get("warnings", [])
    if not isinstance(warnings, list) or not all(isinstance(w, str) for w in warnings):
        raise ResultFormatError("warnings: not a list of strings")
    result = DiffResult(a=a, b=b, rows=tuple(rows), stats=stats, warnings=tuple(warnings))
    if version >= 2:
        facts = _require(data, "facts", list, "result")
        result = replace(result, facts=_facts_from_dict(facts, len(rows), a, b))
    return result, version


def _place_from_dict(data: Any, where: str, paragraphs: tuple[str, ...]) -> FactPlace | None:
    if data is None:
        return None
    index = _require(data, "paragraph", int, where)
    start = _require(data, "start", int, where)
    end = _require(data, "end", int, where)
    if not 0 <= index < len(paragraphs) or not 0 <= start <= end <= len(paragraphs[index]):
        raise ResultFormatError(f"{where}: place outside the paragraphs")
    return FactPlace(index, start, end)


def _facts_from_dict(data: Any, n_rows: int, a: Article, b: Article) -> tuple[FactEntry, ...]:
    if not isinstance(data, list):
        raise ResultFormatError("facts: not a list")
    out = []
    for n, raw in enumerate(data):
        where = f"facts[{n}]"
        row = _require(raw, "row", int, where)
        kind = _require(raw, "kind", str, where)
        status = _require(raw, "status", str, where)
        if not 0 <= row < n_rows:
            raise ResultFormatError(f"{where}.row: no row {row}")
        if kind not in FACT_KINDS:
            raise ResultFormatError(f"{where}.kind: unknown {kind!r}")
        if status not in FACT_STATUSES:
            raise ResultFormatError(f"{where}.status: unknown {status!r}")
        out.append(
            FactEntry(
                row=row,
                kind=kind,
                status=status,
                old=_require(raw, "old", str, where),
                new=_require(raw, "new", str, where),
                a=_place_from_dict(raw.get("a"), f"{where}.a", a.paragraphs),
                b=_place_from_dict(raw.get("b"), f"{where}.b", b.paragraphs),
                note=_require(raw, "note", str, where) if "note" in raw else "",
            )
        )
    return tuple(out)
