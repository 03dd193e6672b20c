"""The one model of a diff: articles, aligned rows, word spans, figures.

Every view (CLI text, JSON, HTML, Markdown, the terminal app, saved snapshots)
consumes a :class:`DiffResult`. :func:`result_to_dict` and
:func:`result_from_dict` convert it to and from the ``paradiff-diff`` JSON
contract (documented in ``docs/paradiff-diff.schema.json``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

FORMAT_NAME = "paradiff-diff"
FORMAT_VERSION = 1

RowKind = Literal["equal", "changed", "inserted", "deleted", "moved"]
SpanOp = Literal["equal", "insert", "delete", "minor", "paraphrase", "changed"]
Flag = Literal["number", "date", "name", "negation", "quote", "homoglyph"]

ROW_KINDS: tuple[str, ...] = ("equal", "changed", "inserted", "deleted", "moved")
SPAN_OPS: tuple[str, ...] = ("equal", "insert", "delete", "minor", "paraphrase", "changed")
FLAGS: tuple[str, ...] = ("number", "date", "name", "negation", "quote", "homoglyph")
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


@dataclass(frozen=True, slots=True)
class DiffResult:
    """The whole diff of two articles."""

    a: Article
    b: Article
    rows: tuple[Row, ...]
    stats: dict[str, Any]
    warnings: tuple[str, ...] = field(default=())

    @property
    def identical(self) -> bool:
        """True when the two articles do not differ at all (diff(1) exit 0)."""
        return all(r.kind == "equal" for r in self.rows) and all(
            s.op == "equal" for r in self.rows for s in r.spans
        )


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
        "stats": result.stats,
        "warnings": list(result.warnings),
    }


def _require(mapping: Any, key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(mapping, dict) or key not in mapping:
        raise ResultFormatError(f"{where}: missing field {key!r}")
    value = mapping[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ResultFormatError(f"{where}.{key}: wrong type {type(value).__name__}")
    return value


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
    stats = _require(data, "stats", dict, "result")
    warnings = data.get("warnings", [])
    if not isinstance(warnings, list) or not all(isinstance(w, str) for w in warnings):
        raise ResultFormatError("warnings: not a list of strings")
    return DiffResult(a=a, b=b, rows=tuple(rows), stats=stats, warnings=tuple(warnings))
